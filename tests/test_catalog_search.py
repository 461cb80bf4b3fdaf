"""The catalog's search words: Python (`list --search`, the index) and JavaScript (the start page)
agree on one table of cases (tests/data/search_cases.json)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kltransfer.catalog import words
from tests.browser import Browser
from tests.conftest import EXAMPLES, ROOT

CASES = json.loads((Path(__file__).parent / "data" / "search_cases.json").read_text("utf-8"))
WORDS_JS = ROOT / "templates" / "catalog" / "words.js"


@pytest.mark.parametrize(("text", "expected"), CASES["stems"])
def test_stems_in_python(text: str, expected: list[str]) -> None:
    assert words.terms(text) == expected


@pytest.mark.parametrize(("query", "text", "expected"), CASES["matches"])
def test_matches_in_python(query: str, text: str, expected: bool) -> None:
    assert words.matches(query, words.terms(text)) is expected


@pytest.mark.browser
def test_javascript_agrees_with_python() -> None:
    with Browser() as browser:
        browser.open("about:blank")
        browser.evaluate(WORDS_JS.read_text("utf-8"))
        found = browser.evaluate(
            f"(function (cases) {{ var W = window.KLTransferWords; return {{"
            " stems: cases.stems.map(c => W.terms(c[0])),"
            " matches: cases.matches.map(c => W.matches(c[0], W.terms(c[1]))),"
            " stop: W.STOP_WORDS.slice().sort(), infix: W.INFIX_MIN,"
            " folded: W.fold('ẞ İ ﬁ Ǆ Œ ℌ'), alphabet: W.words('AbC_dE-5ẞ')"
            f" }}; }}({json.dumps(CASES)}))"
        )
        assert browser.console_errors == []
    assert found["stems"] == [expected for _text, expected in CASES["stems"]]
    assert found["matches"] == [expected for _q, _t, expected in CASES["matches"]]
    assert found["stop"] == sorted(words.STOP_WORDS)
    assert found["infix"] == words.INFIX_MIN
    assert found["folded"] == words.fold("ẞ İ ﬁ Ǆ Œ ℌ")
    assert found["alphabet"] == words.words("AbC_dE-5ẞ")


def test_list_search_folds_german_inflections_and_compounds(run) -> None:
    def ids(query: str) -> list[str]:
        return [row["id"] for row in json.loads(run("list", EXAMPLES, "--format", "json", "--search", query).stdout)]

    # 'Behindertenparkplätzen' in a data set of Bamberg's sensor network
    assert ids("Parkplätze") == ids("parkplatz") == ids("PARKPLAETZE") == ["bamberg-lorawan-sensor-network"]
    assert "bamberg-lorawan-sensor-network" in ids("Sensor")  # 'Sensoren', 'Parksensoren'
    assert "kaiserslautern-participation-platform" in ids("Beteiligung")  # 'Bürgerbeteiligung'
    assert ids("Bürgerbeteiligungen") == ids("bürgerbeteiligung")
    assert "kaiserslautern-participation-platform" in ids("Bürgerbeteiligungen")
    # goals, components and lessons are searched, not only titles
    assert ids("ChirpStack") == ["bamberg-lorawan-sensor-network"]  # a component
    assert ids("zzzz-nothing") == []
