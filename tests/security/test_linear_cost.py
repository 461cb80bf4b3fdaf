"""No quadratic cost, no endless walk (issue 11, item 4).

Speed itself is measured by ``benchmarks/hostile.py`` (ratios, not timed tests). These tests
check the mechanisms that keep the cost linear and the output bounded: a file's findings are
capped at 1,000 plus one KT014 that counts the rest (an error when an error is among them);
a mapping's thousands of unknown keys are listed up to the cap and then counted; "did you
mean" is guessed for a bounded number of words; locating a finding looks keys up in an
index built once per mapping; and discovery never enters a link to a folder and takes each
file once, however many names lead to it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES
from tests.security.hostile import Sentinels, snapshot

GIESS = EXAMPLES / "berlin-giess-den-kiez"
#: A small valid blueprint whose other checks stay quiet whatever else the file holds.
BASE = Path(__file__).resolve().parents[1] / "corpus" / "valid" / "language-maps" / "blueprint.yaml"
TITLE = "title:\n  de: Parkleitsystem Musterstadt\n"


def _blueprint(folder: Path, extra: str = "", title_extra: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    text = BASE.read_text(encoding="utf-8")
    assert TITLE in text
    text = text.replace(TITLE, TITLE + title_extra, 1) + extra
    (folder / "blueprint.yaml").write_text(text, encoding="utf-8")
    return folder / "blueprint.yaml"


def _json(run, *args: str | Path) -> tuple[int, dict]:
    result = run("validate", "--format", "json", *args)
    assert "Traceback" not in result.stderr
    return result.exit_code, json.loads(result.stdout)


def test_thousands_of_unknown_keys_are_listed_up_to_the_cap_and_counted(run, tmp_path: Path) -> None:
    path = _blueprint(tmp_path / "bp", "".join(f"unknown_{i:05d}: 1\n" for i in range(5000)))
    first = 1 + BASE.read_text(encoding="utf-8").count("\n")
    before = snapshot(tmp_path)
    code, report = _json(run, path)
    assert code == 1
    findings = report["findings"]
    assert len(findings) == 1000
    assert [f["code"] for f in findings] == ["KT101"] * 1000
    assert findings[0]["line"] == first and findings[0]["key_path"] == "unknown_00000"
    assert findings[998]["key_path"] == "unknown_00998"
    # the schema check counts the keys past the first 999 in one finding, on the first of them
    assert findings[999] == {
        "path": str(path),
        "line": first + 999,
        "column": 1,
        "key_path": "",
        "severity": "error",
        "code": "KT101",
        "message": "and 4,001 more unknown keys in the top level",
        "hint": findings[999]["hint"],
    }
    assert findings[999]["hint"].startswith("remove what does not belong to the format; the allowed keys: kltransfer,")
    assert report["summary"]["errors"] == 1000
    assert snapshot(tmp_path) == before  # validate writes nothing


def test_a_file_lists_at_most_a_thousand_findings_then_counts_the_rest(run, tmp_path: Path) -> None:
    tags = [f"de-x{i:04d}" for i in range(1500)]
    path = _blueprint(tmp_path / "bp", title_extra="".join(f"  {t}: TODO Titel\n" for t in tags))
    code, report = _json(run, path)
    assert code == 0  # placeholders are warnings
    findings = report["findings"]
    assert len(findings) == 1001
    assert {f["code"] for f in findings[:1000]} == {"KT220"}
    last = findings[1000]
    assert (last["code"], last["severity"], last["line"]) == ("KT014", "warning", findings[999]["line"] + 1)
    assert last["message"] == "500 more findings in this file are not listed (0 errors, 500 warnings)"
    assert last["hint"] == (
        "correct the findings above and run again; only the first 1,000 findings of a file are listed"
    )
    # in German, with the same counts
    german = run("validate", "--format", "json", "--config", _german_config(tmp_path), path)
    message = json.loads(german.stdout)["findings"][1000]["message"]
    assert message == "500 weitere Meldungen in dieser Datei werden nicht aufgeführt (0 Fehler, 500 Warnungen)"


def _german_config(tmp_path: Path) -> Path:
    config = tmp_path / "de.kltransfer.yaml"
    config.write_text("lang: de\n", encoding="utf-8")
    return config


def test_the_count_is_an_error_when_an_error_is_among_the_findings_not_listed(run, tmp_path: Path) -> None:
    # 1,200 placeholders (warnings) first, then an error further down: the error is past the cap
    tags = [f"de-x{i:04d}" for i in range(1200)]
    path = _blueprint(
        tmp_path / "bp", "unknown_at_the_end: 1\n", title_extra="".join(f"  {t}: TODO Titel\n" for t in tags)
    )
    code, report = _json(run, path)
    assert code == 1  # the file fails although no listed finding is an error
    last = report["findings"][-1]
    assert last["code"] == "KT014" and last["severity"] == "error"
    assert last["message"] == "201 more findings in this file are not listed (1 error, 200 warnings)"
    strict = run("validate", "--strict", path)
    assert strict.exit_code == 1


def test_the_cap_cannot_be_switched_off_by_a_rule_selection(run, tmp_path: Path) -> None:
    tags = [f"de-x{i:04d}" for i in range(1100)]
    path = _blueprint(tmp_path / "bp", title_extra="".join(f"  {t}: TODO Titel\n" for t in tags))
    config = tmp_path / ".kltransfer.yaml"
    config.write_text("select: [KT2]\n", encoding="utf-8")
    _code, report = _json(run, "--config", config, path)
    assert report["findings"][-1]["code"] == "KT014"


def test_did_you_mean_is_guessed_for_a_bounded_number_of_keys(run, tmp_path: Path, monkeypatch) -> None:
    import difflib

    calls = []
    original = difflib.get_close_matches
    monkeypatch.setattr(difflib, "get_close_matches", lambda *a, **k: calls.append(1) or original(*a, **k))
    path = _blueprint(tmp_path / "bp", "".join(f"licnce{i:05d}: 1\n" for i in range(3000)))
    code, report = _json(run, path)
    assert code == 1
    assert len(calls) <= 1000
    assert report["findings"][0]["hint"] == "did you mean 'licence'?"


def test_locating_findings_indexes_each_mapping_once(tmp_path: Path, monkeypatch) -> None:
    """A finding is located by looking its key up, not by scanning the mapping's keys again."""
    import yaml

    from kltransfer.loading.yaml_loader import read_source

    path = _blueprint(tmp_path / "bp", "".join(f"k{i:05d}: 1\n" for i in range(2000)))
    doc = read_source(path).doc
    assert doc is not None
    scanned = 0
    original = yaml.MappingNode.__getattribute__

    def counting(self, name):  # every pass over a mapping's pairs reads .value
        nonlocal scanned
        if name == "value":
            scanned += 1
        return original(self, name)

    monkeypatch.setattr(yaml.MappingNode, "__getattribute__", counting)
    positions = [doc.locate((f"k{i:05d}",), key=True) for i in range(2000)]
    assert positions[0][0] + 1999 == positions[-1][0]
    assert scanned <= 2  # the top level's pairs, read once for the index


def _validated_files(run, *args: str | Path) -> list[str]:
    result = run("validate", "--format", "json", *args)
    assert result.exit_code in (0, 1), result.stderr
    return sorted({f["path"] for f in json.loads(result.stdout)["findings"]}), result


BOTH = ["t/a/blueprint.yaml", "t/b/c/blueprint.yaml"]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [("t/**/blueprint.yaml", BOTH), ("t/**", BOTH), ("t", BOTH), ("t/*/blueprint.yaml", BOTH[:1])],
)
def test_links_to_folders_are_not_entered_and_each_file_counts_once(
    run, tmp_path: Path, monkeypatch, pattern: str, expected: list[str]
) -> None:
    sentinels = Sentinels(tmp_path / "sentinels")
    root = tmp_path / "t"
    for name in ("a", "b/c"):
        _blueprint(root / name, title_extra="  en-x1: TODO\n")  # one warning each: a finding names the file
    (root / "l1").symlink_to(".")  # two links to the folder itself: an endless ** before
    (root / "l2").symlink_to(".")
    (root / "b" / "up").symlink_to("..")
    (root / "a" / "second-name.yaml").symlink_to("blueprint.yaml")  # the same file under a second name
    outside = tmp_path / "elsewhere"
    _blueprint(outside, title_extra="  en-x1: TODO\n")
    (root / "out").symlink_to(outside)  # a link to a folder outside
    monkeypatch.chdir(tmp_path)
    before = snapshot(tmp_path)
    files, _result = _validated_files(run, pattern)
    assert files == expected
    assert f"{len(expected)} file" in run("validate", pattern).stdout.splitlines()[-1]
    assert snapshot(tmp_path) == before
    assert sentinels.touched() == []


def test_the_same_file_named_twice_is_checked_once(run, tmp_path: Path, monkeypatch) -> None:
    _blueprint(tmp_path / "a", title_extra="  en-x1: TODO\n")
    (tmp_path / "alias").symlink_to("a", target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    result = run("validate", "a/blueprint.yaml", "./a/blueprint.yaml", "a", "alias/blueprint.yaml")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == "1 file checked: 0 failing, 0 errors, 1 warning"


@pytest.mark.parametrize("given", ["t", "t/**/blueprint.yaml"])
def test_export_of_a_folder_with_a_link_to_itself_has_no_duplicate(
    run, tmp_path: Path, monkeypatch, given: str
) -> None:
    root = tmp_path / "t"
    shutil.copytree(GIESS, root / "giess")
    (root / "self").symlink_to(".")
    monkeypatch.chdir(tmp_path)
    result = run("export", given, "--out", "out", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert "KT912" not in result.stderr
    exported = [p for p in (tmp_path / "out").iterdir() if p.is_dir() and not p.name.startswith(".")]
    assert [p.name for p in exported] == ["berlin-giess-den-kiez"]


def test_licences_are_checked_without_the_parser_and_guessed_within_the_budget(
    run, tmp_path: Path, monkeypatch
) -> None:
    """A file of 3,000 components with made-up licences: each is checked by one pass over its
    words, and "did you mean" compares at most the budget of candidates (about 20 licences)."""
    import difflib

    from kltransfer.validation import spdx
    from kltransfer.validation.suggest import BUDGET

    calls, parsed = [], []
    original = difflib.get_close_matches
    monkeypatch.setattr(difflib, "get_close_matches", lambda *a, **k: calls.append(1) or original(*a, **k))
    monkeypatch.setattr(spdx, "_parsed", lambda *a: parsed.append(a) or None)
    text = BASE.read_text(encoding="utf-8")
    start = text.index("components:")
    end = text.index("\n", text.index("open_source", start)) + 1
    components = "components:\n" + "".join(
        f"  - name: c{i}\n    type: software\n    licence: MITX-{i} OR Apache-2.0\n" for i in range(3000)
    )
    path = tmp_path / "blueprint.yaml"
    path.write_text(text[:start] + components + text[end:], encoding="utf-8")
    code, report = _json(run, path)
    assert code == 1
    assert parsed == []  # no run of the library's parser
    assert len(calls) <= BUDGET // 2000 + 1
    first = report["findings"][0]
    assert (first["code"], first["key_path"]) == ("KT203", "components[0].licence")
    assert first["message"].startswith("'MITX-0' is not an SPDX licence identifier")
    assert report["findings"][-1]["code"] == "KT014"


def _wrong_milestones(count: int) -> str:
    """The base blueprint with ``count`` milestones that are numbers: one schema error each."""
    text = BASE.read_text(encoding="utf-8")
    head = "  milestones:\n"
    assert head in text
    return text.replace(head, head + "".join(f"    - {i}\n" for i in range(count)), 1)


def test_the_schema_check_stops_early_and_the_count_says_at_least(run, tmp_path: Path) -> None:
    """6,000 schema errors: the check explains 5,000, then stops; KT014 says the count is a lower bound."""
    from kltransfer.validation.schema_check import MAX_SCHEMA_ERRORS

    assert MAX_SCHEMA_ERRORS == 5000
    path = tmp_path / "blueprint.yaml"
    path.write_text(_wrong_milestones(6000), encoding="utf-8")
    code, report = _json(run, path)
    assert code == 1
    findings = report["findings"]
    assert len(findings) == 1001
    assert findings[0]["code"] == "KT103" and findings[0]["key_path"] == "timeline.milestones[0]"
    last = findings[-1]
    assert (last["code"], last["severity"], last["line"]) == ("KT014", "error", findings[999]["line"] + 1)
    assert last["message"] == "at least 4,001 more findings in this file are not listed (4,001 errors, 0 warnings)"
    german = run("validate", "--format", "json", path, env={"LANGUAGE": "de", "LANG": "de_DE.UTF-8"})
    assert json.loads(german.stdout)["findings"][-1]["message"] == (
        "mindestens 4.001 weitere Meldungen in dieser Datei werden nicht aufgeführt (4.001 Fehler, 0 Warnungen)"
    )


def test_a_check_that_stopped_early_is_said_even_when_the_rest_fits_the_list() -> None:
    """Suppressions may leave fewer findings than the cap: the errors never explained still fail the file."""
    from kltransfer.validation.validate import bounded

    (summary,) = bounded([], "b.yaml", at_least=True)
    assert (summary.code, summary.severity.value, summary.line) == ("KT014", "error", 0)
    assert summary.message == "at least 1 more finding in this file is not listed (1 error, 0 warnings)"


def test_fix_sees_every_finding_and_lists_what_is_left_as_validate_does() -> None:
    """``fix`` validates without the cap and without the early stop (each round applies every certain
    edit), and what is left is listed as validate lists it."""
    from kltransfer.fixing.run import fix_text
    from kltransfer.validation.validate import validate_text

    text = _wrong_milestones(6000)
    assert len(validate_text(text, "b.yaml", limit=None).findings) == 6000  # no early stop, no KT014
    german = "".join(f"      - item: Teil {i}\n        amount: 1.500\n" for i in range(1500))
    head = "    breakdown:\n"
    fixable = BASE.read_text(encoding="utf-8").replace(head, head + german, 1)
    result = fix_text(fixable + "".join(f"unknown_{i:04d}: 1\n" for i in range(1200)), "b.yaml")
    assert sum(1 for f in result.fixed if f.code == "KT230") == 1500
    assert result.new_text.count("amount: 1500\n") == 1500 and "1.500" not in result.new_text
    left = result.report.findings  # the sum (KT206), 999 unknown keys, their count past the list
    assert len(left) == 1001 and left[-1].code == "KT014"
    assert left[-1].message == "1 more finding in this file is not listed (1 error, 0 warnings)"


@pytest.mark.parametrize(
    "expression",
    [
        "MIT",
        "mit and apache-2.0",
        "GPL-2.0+",
        "GPL 2.0",
        "GPL-2.0-or-later WITH Classpath-exception-2.0",
        "MIT AND (Apache-2.0 OR BSD-3-Clause)",
        "LicenseRef-Proprietary",
        "MITX",
        "Apache 2.0",
        "MIT OR",
        "(MIT",
        "MIT)",
        "MIT WITH MIT",
        "Classpath-exception-2.0",
        "MIT/Apache",
        "MIT, Apache-2.0",
    ],
)
def test_the_quick_licence_check_says_what_the_parser_says(expression: str) -> None:
    """The pass over the words gives the library parser's verdict, where it is certain."""
    from kltransfer.validation import spdx

    kind, _identifier, certain = spdx._quick(expression)
    parsed = spdx._parsed(expression)
    if certain:
        assert (kind == "ok") == (parsed is None)
    assert spdx.check_expression(expression) == parsed
