"""German notation (KT230-KT238): each mistake found on its line with the exact fix, in German and English."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from kltransfer.findings import Finding
from kltransfer.validation.german import read_date, read_number
from kltransfer.validation.validate import validate_text
from tests.conftest import Result
from tests.corpus_cases import INVALID, Case

#: The corpus cases that state hints or German texts.
WORDED = [c for c in INVALID if any(f.hint or f.message_de or f.hint_de for f in c.findings)]
BASE = next(c for c in INVALID if c.name == "kt104-phase-p6").blueprint.read_text(encoding="utf-8")
BASE = BASE.replace("phase: P6", "phase: P3")


def _report(run: Callable[..., Result], case: Case, lang: str) -> list[dict[str, Any]]:
    env = {"LANG": "de_DE.UTF-8"} if lang == "de" else {}
    result = run("validate", "--format", "json", case.blueprint, env=env)
    assert result.exit_code == case.exit_code
    findings: list[dict[str, Any]] = json.loads(result.stdout)["findings"]
    return findings


def test_every_notation_code_has_worded_cases() -> None:
    worded = {f.code for c in WORDED for f in c.findings if f.hint and f.hint_de}
    assert {f"KT23{i}" for i in range(9)} <= worded


@pytest.mark.parametrize("case", WORDED, ids=lambda c: c.name)
def test_hints_name_the_corrected_value_in_english_and_german(run: Callable[..., Result], case: Case) -> None:
    english, german = _report(run, case, "en"), _report(run, case, "de")
    for expected, en, de in zip(case.findings, english, german, strict=True):
        assert (en["code"], en["line"], en["column"]) == (de["code"], de["line"], de["column"])
        assert en["message"].startswith(expected.message)
        if expected.hint is not None:
            assert en["hint"] == expected.hint
        if expected.message_de is not None:
            assert de["message"] == expected.message_de
        if expected.hint_de is not None:
            assert de["hint"] == expected.hint_de


def _findings(text: str) -> list[Finding]:
    return validate_text(text, "blueprint.yaml").findings


def _swap(old: str, new: str, text: str = BASE) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def _codes(text: str) -> list[tuple[str, int, int, str]]:
    return [(f.code, f.line, f.column, f.key_path) for f in _findings(text)]


def test_the_base_is_valid() -> None:
    assert _findings(BASE) == []


@pytest.mark.parametrize("value", ["100.5", "1.5", "0.500", "99000", "1234.500"])
def test_decimals_and_plain_numbers_are_fine(value: str) -> None:
    assert _findings(_swap("  own_share: 105000", f"  own_share: {value}")) == []


def test_a_version_that_looks_like_thousands_is_not_touched() -> None:
    """`version: 1.000` is not a count or money: no notation finding, only the schema's."""
    found = _findings(_swap("version: 1.0.0", "version: 1.000"))
    assert [(f.code, f.key_path) for f in found] == [("KT103", "version")]
    assert found[0].edit is None


@pytest.mark.parametrize(
    ("written", "number", "message"),
    [
        ("12.345.678", "12345678", "'12.345.678' is not a number"),
        ("12.345", "12345", "'12.345' is read as the number 12.345:"),
        ('"12.345"', "12345", "'12.345' is not a number"),
        ("-100.000", "-100000", "'-100.000' is read as the number -100:"),
    ],
)
def test_german_thousands_in_a_count(written: str, number: str, message: str) -> None:
    found = _findings(_swap("  population: 99000", f"  population: {written}"))
    assert [(f.code, f.line, f.column, f.key_path) for f in found] == [("KT230", 14, 15, "city.population")]
    assert found[0].message.startswith(message)
    assert found[0].hint == f"did you mean {number}? Write: population: {number}"
    assert found[0].edit is not None and found[0].edit.new == number


def test_german_thousands_read_in_german_show_the_decimal_that_was_read() -> None:
    from kltransfer.i18n import set_language

    set_language("de")
    try:
        found = _findings(_swap("  population: 99000", "  population: 12.345"))
    finally:
        set_language("en")
    assert found[0].message.startswith("'12.345' wird als die Zahl 12,345 gelesen")


def test_money_with_thousands_dots_and_a_decimal_comma() -> None:
    text = _swap("    total: 300000", "    total: 1.000.000,50")
    text = _swap("        amount: 200000", "        amount: 900000.50", text)
    found = _findings(text)
    assert [(f.code, f.key_path, f.hint) for f in found] == [
        ("KT230", "costs.investment.total", "did you mean 1000000.50? Write: total: 1000000.50")
    ]


def test_a_negative_amount_keeps_its_sign_and_is_then_out_of_range() -> None:
    found = _findings(_swap("  own_share: 105000", "  own_share: -1.500"))
    assert [(f.code, f.hint) for f in found] == [("KT230", "did you mean -1500? Write: own_share: -1500")]
    from kltransfer.fixing import fix_text

    fixed = fix_text(_swap("  own_share: 105000", "  own_share: -1.500"))
    assert "  own_share: -1500\n" in fixed.new_text
    assert [f.code for f in fixed.remaining] == ["KT106"]


def test_a_placeholder_is_never_a_notation_finding() -> None:
    found = _findings(_swap("    total: 300000", "    total: TODO 1.500.000 € laut Angebot"))
    assert [f.code for f in found] == ["KT220"]


def test_text_in_a_text_field_is_left_alone() -> None:
    text = _swap("  name: Musterstadt", "  name: 31.12.2025, 1.500.000 €, ja")
    assert _findings(text) == []


def test_yes_outside_a_yes_no_field_stays_kt004() -> None:
    found = _findings(_swap("  name: Musterstadt", "  name: yes"))
    assert [(f.code, f.key_path) for f in found] == [("KT004", "city.name")]


def test_a_german_key_whose_key_is_there_already_gets_no_edit() -> None:
    text = _swap("costs:\n", "Kosten:\n  currency: EUR\ncosts:\n")
    found = [f for f in _findings(text) if f.code == "KT237"]
    assert [(f.line, f.column, f.key_path) for f in found] == [(25, 1, "Kosten")]
    assert found[0].edit is None
    assert found[0].hint == "did you mean 'costs'? That key is there already: move what stands under 'Kosten' to it"


def test_a_german_key_is_only_suggested_where_that_key_is_allowed() -> None:
    """`Lizenz` inside `city` is not 'licence' (no licence there): the schema's KT101 stays."""
    found = _findings(_swap("  name: Musterstadt", "  name: Musterstadt\n  Lizenz: CC0-1.0"))
    assert [(f.code, f.key_path) for f in found] == [("KT101", "city.Lizenz")]


def test_a_list_with_a_name_that_is_no_code_gets_no_edit() -> None:
    found = _findings(_swap("fields_of_action: [mobility, data-infrastructure]", "fields_of_action: Umwelt, Raumfahrt"))
    assert [(f.code, f.key_path) for f in found] == [("KT236", "fields_of_action")]
    assert found[0].hint == "write a list, such as fields_of_action: [environment, Raumfahrt]"
    assert found[0].edit is None


def test_one_text_where_a_list_belongs_stays_kt103() -> None:
    found = _findings(_swap("fields_of_action: [mobility, data-infrastructure]", "fields_of_action: Umwelt"))
    assert [f.code for f in found] == ["KT103"]


def test_a_day_that_does_not_exist_is_named_but_not_fixed() -> None:
    found = _findings(_swap("  start: 2022-01-01", "  start: 30.02.2022"))
    assert [(f.code, f.hint) for f in found] == [
        ("KT233", "that day does not exist (2022-02-30); write a real date in the form YYYY-MM-DD")
    ]
    assert found[0].edit is None


def test_an_ambiguous_comma_is_a_finding_without_an_edit() -> None:
    found = _findings(_swap("  own_share: 105000", "  own_share: 1,500"))
    assert found[0].edit is None


def test_format_1_0_is_read_from_its_own_schema() -> None:
    """1.0 keeps funding as a list: the amounts there are money as well."""
    from tests.conftest import ROOT

    text = (ROOT / "tests" / "data" / "migrate" / "kaiserslautern-1.0" / "blueprint.yaml").read_text(encoding="utf-8")
    assert 'kltransfer: "1.0"' in text
    found = _findings(text.replace("population: 100000", "population: 100.000", 1))
    assert ("KT230", "city.population") in [(f.code, f.key_path) for f in found]


# -- format 1.2: dates of a year or a month alone ---------------------------------------------------


@pytest.fixture
def partial_dates(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Format 1.1 with the date definition of a newer format: YYYY, YYYY-MM or YYYY-MM-DD."""
    from kltransfer.validation import expectations

    changed = copy.deepcopy(expectations.load_schema("1.1"))
    changed["$defs"]["date"]["pattern"] = "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
    expectations.expectations.cache_clear()
    monkeypatch.setattr(expectations, "load_schema", lambda version: changed)
    yield
    expectations.expectations.cache_clear()


def _as_1_1(text: str) -> str:
    """The text as a format 1.1 file (the partial_dates fixture changes 1.1's schema)."""
    return _swap('kltransfer: "1.2"', 'kltransfer: "1.1"', text)


def _without_kt300(found: list[Finding]) -> list[Finding]:
    return [f for f in found if f.code != "KT300"]


def test_a_month_alone_becomes_the_partial_date_where_the_format_allows_it(partial_dates: None) -> None:
    found = _without_kt300(_findings(_as_1_1(_swap("  end: 2025-12-31", "  end: 12/2025"))))
    assert [(f.code, f.line, f.column, f.hint) for f in found] == [(("KT233", 20, 8, "write: end: 2025-12"))]
    assert found[0].edit is not None and found[0].edit.new == "2025-12"


def test_a_year_as_a_number_is_quoted_where_the_format_allows_a_year_only_as_text(partial_dates: None) -> None:
    found = _without_kt300(_findings(_as_1_1(_swap("  end: 2025-12-31", "  end: 2025"))))
    assert [(f.code, f.hint) for f in found] == [("KT233", 'write the year in quotes: end: "2025"')]


def test_a_year_as_a_number_is_a_date_in_format_1_2() -> None:
    assert _findings(_swap("  end: 2025-12-31", "  end: 2025")) == []


def test_new_fields_of_a_newer_format_are_checked_without_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    """A count and a postcode (digits as text) that format 1.1 does not have: read from the schema."""
    from kltransfer.validation import expectations

    changed = copy.deepcopy(expectations.load_schema("1.1"))
    city = changed["properties"]["city"]["properties"]
    city["households"] = {"$ref": "#/$defs/count"}
    city["postcode"] = {"type": "string", "pattern": "^[0-9]{5}$"}
    expectations.expectations.cache_clear()
    monkeypatch.setattr(expectations, "load_schema", lambda version: changed)
    try:
        text = _swap("  population: 99000", "  population: 99000\n  households: 45.000\n  postcode: 01067")
        found = _findings(text)
    finally:
        expectations.expectations.cache_clear()
    assert [(f.code, f.key_path, f.hint) for f in found] == [
        ("KT230", "city.households", "did you mean 45000? Write: households: 45000"),
        ("KT234", "city.postcode", 'put it in quotes, exactly as written: postcode: "01067"'),
    ]


# -- reading German numbers and dates -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "flags"),
    [
        ("100.000", "100000", "thousands"),
        ("1.500.000", "1500000", "thousands"),
        ("1.500.000 €", "1500000", "thousands money"),
        ("1,5 Mio. Euro", "1500000", "comma money"),
        ("2 Mio.", "2000000", "money"),
        ("150 000 EUR", "150000", "thousands money"),
        ("€ 1.200", "1200", "thousands money"),
        ("40.000,50 €", "40000.50", "thousands comma money"),
        ("1.000.000,50", "1000000.50", "thousands comma"),
        ("1,000,000.50", "1000000.50", "thousands"),
        ("0,5", "0.5", "comma"),
        ("-0,5", "-0.5", "comma"),
        ("12000,5", "12000.5", "comma"),
        ("1.5", "1.5", ""),
        ("0.500", "0.500", ""),
        ("1500000", "1500000", ""),
        ("1'500'000", "1500000", "thousands"),
    ],
)
def test_reading_numbers(text: str, value: str, flags: str) -> None:
    reading = read_number(text)
    assert reading is not None
    assert reading.value == value
    got = {"thousands": reading.thousands, "comma": reading.decimal_comma, "money": reading.money}
    assert {k for k, v in got.items() if v} == set(flags.split())
    assert reading.other is None


@pytest.mark.parametrize("text", ["1.50.000", "1,5,0", "abc", "1.000,000,5", "12 Stück", "1.000 000", "--5", ""])
def test_texts_that_are_no_number(text: str) -> None:
    assert read_number(text) is None


def test_a_comma_before_three_digits_has_two_readings() -> None:
    reading = read_number("1,500")
    assert reading is not None and (reading.value, reading.other) == ("1.5", "1500")


@pytest.mark.parametrize(
    ("text", "month", "day", "exists"),
    [
        ("31.12.2025", "2025-12", "2025-12-31", True),
        ("31.12.25", "2025-12", "2025-12-31", True),
        ("1.3.2024", "2024-03", "2024-03-01", True),
        ("30.02.2024", "2024-02", "2024-02-30", False),
        ("12/2025", "2025-12", None, True),
        ("12.2025", "2025-12", None, True),
    ],
)
def test_reading_dates(text: str, month: str, day: str | None, exists: bool) -> None:
    reading = read_date(text)
    assert reading is not None and (reading.month, reading.day, reading.exists) == (month, day, exists)


@pytest.mark.parametrize("text", ["2025-12-31", "13/2025", "31.13.2025", "Dezember 2025", "2025"])
def test_texts_that_are_no_german_date(text: str) -> None:
    assert read_date(text) is None


def test_a_word_for_several_keys_names_the_one_allowed_at_its_place() -> None:
    """'Summe' is 'total' in a cost block and 'amount' in a breakdown item."""
    text = _swap("    total: 300000", "    Summe: 300000")
    text = _swap("        amount: 200000", "        Betrag: 200000", text)
    found = _findings(text)
    assert [(f.code, f.key_path, f.edit.new if f.edit else None) for f in found] == [
        ("KT237", "costs.investment.Summe", "total"),
        ("KT237", "costs.investment.breakdown[0].Betrag", "amount"),
    ]
