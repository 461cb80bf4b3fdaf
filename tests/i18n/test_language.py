"""One rule decides the language of every command: --lang, configuration, locale, English."""

from __future__ import annotations

import pytest

from kltransfer.i18n import _, _n, decide_language, language_from_environment, set_language
from kltransfer.i18n.numbers import format_money, format_number


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, None),
        ({"LANG": "de_DE.UTF-8"}, "de"),
        ({"LANG": "C.UTF-8"}, None),
        ({"LANG": "fr_FR.UTF-8"}, None),
        ({"LC_ALL": "en_GB.UTF-8", "LANG": "de_DE.UTF-8"}, "en"),
        ({"LC_ALL": "C", "LANG": "de_DE.UTF-8"}, "de"),
        ({"LC_MESSAGES": "de_AT", "LANGUAGE": "en"}, "de"),
        ({"LANGUAGE": "fr:de:en"}, "de"),
        ({"LANGUAGE": "", "LANG": "de_CH.UTF-8"}, "de"),
        ({"LANG": "de"}, "de"),
        ({"LANG": "de-DE"}, "de"),
    ],
)
def test_locale_variables(environ: dict[str, str], expected: str | None) -> None:
    assert language_from_environment(environ) == expected


def test_option_wins_over_configuration_over_locale_over_english() -> None:
    assert decide_language("en", "de", {"LANG": "de_DE.UTF-8"}) == "en"
    assert decide_language(None, "de", {"LANG": "en_US.UTF-8"}) == "de"
    assert decide_language(None, None, {"LANG": "de_DE.UTF-8"}) == "de"
    assert decide_language(None, None, {"LANG": "C.UTF-8"}) == "en"
    assert decide_language("fr", None, {}) == "en"  # a language kltransfer does not speak: the next rule


def test_messages_switch_language_and_fill_named_values() -> None:
    try:
        set_language("de")
        assert _("hint: {hint}", hint="x") == "Hinweis: x"
        set_language("en")
        assert _("hint: {hint}", hint="x") == "hint: x"
    finally:
        set_language("en")


def test_plural_fills_the_count() -> None:
    assert _n("{n} file", "{n} files", 1) == "1 file"
    assert _n("{n} file", "{n} files", 3) == "3 files"


def test_numbers_and_money_follow_the_language() -> None:
    try:
        set_language("de")
        assert format_money(40000, "EUR", decimals=2) == "40.000,00\u00a0€"
        assert format_number(1500000) == "1.500.000"
        set_language("en")
        assert format_money(40000, "EUR", decimals=2) == "€40,000.00"
    finally:
        set_language("en")


def test_cli_speaks_german_with_a_german_locale(run) -> None:  # type: ignore[no-untyped-def]
    done = run("validate", "/does/not/exist", env={"LANG": "de_DE.UTF-8"})
    assert done.exit_code == 2
    assert "kltransfer: Fehler KT901:" in done.stderr
    done = run("validate", "/does/not/exist")
    assert "kltransfer: error KT901:" in done.stderr


def test_configuration_lang_wins_over_the_locale(run, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / ".kltransfer.yaml").write_text("lang: de\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    done = run("validate", "missing.yaml", env={"LANG": "en_US.UTF-8"})
    assert "kltransfer: Fehler KT901:" in done.stderr
