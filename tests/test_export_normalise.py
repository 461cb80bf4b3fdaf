"""The normalisation step: languages resolved with fallback, defaults applied, totals computed."""

from __future__ import annotations

from pathlib import Path

import pytest

from kltransfer.export.languages import fallback_order, resolve_text
from kltransfer.export.normalise import normalise
from kltransfer.export.richtext import markdown_block, markdown_cell, markdown_inline, markdown_safe
from kltransfer.i18n.numbers import format_date, format_money, format_number

MINIMAL = {
    "kltransfer": "1.0",
    "id": "mini",
    "version": "0.1.0",
    "title": {"de": "Titel", "en": "Title"},
    "summary": {"en": "Only English"},
    "licence": "CC0-1.0",
    "city": {"name": "Musterstadt", "state": "DE-BY"},
    "fields_of_action": ["mobility"],
    "phase": "P2",
    "contacts": [{"role": {"de-CH": "Leitung"}, "email": "a@example.org"}],
}


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        ({"de": "Hallo", "en": "Hello"}, "de", "Hallo"),
        ({"de": "Hallo", "en": "Hello"}, "en", "Hello"),
        ({"de": "Hallo"}, "en", "Hallo"),
        ({"en": "Hello"}, "de", "Hello"),
        ({"de-CH": "Grüezi", "en": "Hello"}, "de", "Grüezi"),
        ({"fr": "Bonjour", "it": "Ciao"}, "de", "Bonjour"),
        ("plain", "en", "plain"),
        (None, "de", None),
    ],
)
def test_texts_resolve_with_fallback(value: object, lang: str, expected: object) -> None:
    assert resolve_text(value, fallback_order(lang)) == expected


def test_defaults_are_applied_and_every_key_is_present() -> None:
    bp = normalise(MINIMAL, "de")
    assert bp["title"] == "Titel"
    assert bp["summary"] == "Only English"
    assert bp["contacts"][0]["role"] == "Leitung"
    assert bp["kind"] == "generic"
    assert bp["city"]["country"] == "DE"
    assert bp["costs"] == {"currency": "EUR", "investment": None, "operation_per_year": None, "cite": []}
    assert bp["funding"] == [] and bp["own_share"] is None
    assert bp["transfer"]["adaptations"] == {"technical": [], "financial": [], "legal": [], "organisational": []}
    assert bp["totals"] == {
        "currency": "EUR",
        "investment": None,
        "operation_per_year": None,
        "funding": None,
        "funding_complete": True,
        "own_share": None,
        "financed": None,
        "funding_rate_percent": None,
        "uncovered": 0,
        "at_least": [],
    }
    assert bp["cities"] == [] and bp["owner"] is None and bp["transfer"]["adopters"] == []
    assert bp["decisions"] == bp["sources"] == bp["citations"] == bp["use_cases"] == []
    assert normalise(MINIMAL, "en")["title"] == "Title"


def test_totals_cover_breakdowns_funding_and_placeholders() -> None:
    data = dict(
        MINIMAL,
        costs={
            "investment": {
                "total": 1000,
                "breakdown": [{"item": "A", "amount": 600.1}, {"item": "B", "amount": 399.9}],
            },
            "operation_per_year": {"total": "TODO", "breakdown": [{"item": "C", "amount": "TODO"}]},
        },
        funding=[{"funder": "Bund", "amount": 600}, {"funder": "Land", "amount": "TODO: ask"}],
        own_share=250,
    )
    bp = normalise(data, "de")
    assert bp["costs"]["investment"]["breakdown_sum"] == 1000
    assert bp["costs"]["operation_per_year"]["breakdown_complete"] is False
    assert bp["totals"]["funding"] == 600 and bp["totals"]["funding_complete"] is False
    assert bp["totals"]["financed"] == 850
    # a part still to be filled in: the sums are lower bounds, and what is uncovered is not known
    assert bp["totals"]["uncovered"] is None
    assert bp["totals"]["funding_rate_percent"] == 60.0
    assert bp["totals"]["at_least"] == ["funding", "financed", "funding_rate_percent"]


def test_format_1_1_funding_and_impact_assessment_are_normalised_alike() -> None:
    data = dict(
        MINIMAL,
        kltransfer="1.1",
        funding={"sources": [{"funder": "Bund", "amount": 70}], "own_share": 30, "note": {"en": "ok"}},
        privacy={"personal_data": True, "impact_assessment": {"status": "done", "date": "2024-01-31"}},
    )
    bp = normalise(data, "de")
    assert [{k: f[k] for k in ("programme", "funder", "amount", "url", "call")} for f in bp["funding"]] == [
        {"programme": None, "funder": "Bund", "amount": 70, "url": None, "call": None}
    ]
    assert bp["own_share"] == 30 and bp["funding_note"] == "ok"
    assert bp["totals"]["financed"] == 100
    assert bp["privacy"]["dpia"] == "done"
    assert bp["privacy"]["impact_assessment"]["date"] == "2024-01-31"


def test_the_normalised_blueprint_does_not_depend_on_where_the_file_lies(tmp_path: Path) -> None:
    assert normalise(MINIMAL, "de") == normalise(dict(MINIMAL), "de")
    assert str(tmp_path) not in repr(normalise(MINIMAL, "de"))


def test_numbers_money_and_dates_per_language() -> None:
    assert format_number(1234567, "de") == "1.234.567"
    assert format_number(1234567.5, "en") == "1,234,567.50"
    assert format_number("unbekannt", "de") == "unbekannt"
    assert format_money(540000, "EUR", "de") == "540.000\u00a0€"
    assert format_money(540000, "EUR", "en") == "€540,000"
    assert format_money(10, "CHF", "en") == "CHF\u00a010"
    assert format_date("2024-03-31", "de") == "31.03.2024"
    assert format_date("2024-03-31", "en") == "2024-03-31"


def test_markdown_in_texts() -> None:
    assert markdown_block("plain & simple") == "<p>plain &amp; simple</p>\n"
    assert markdown_block("**bold** <b>raw</b>") == "<p><strong>bold</strong> &lt;b&gt;raw&lt;/b&gt;</p>\n"
    assert markdown_block("# not a heading") == "<p># not a heading</p>\n"
    assert markdown_block("- a\n- b") == "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n"
    assert markdown_inline("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert markdown_inline("![x](https://e.example/i.png)") == '!<a href="https://e.example/i.png">x</a>'
    assert markdown_safe("# Titel\n<b>x</b>") == "\\# Titel\n&lt;b&gt;x&lt;/b&gt;"
    assert markdown_cell("a | b\nc") == "a \\| b c"


def test_only_web_addresses_become_links() -> None:
    from kltransfer.export.richtext import web_url

    assert web_url("https://example.org/a?b=c") == "https://example.org/a?b=c"
    assert web_url("HTTP://example.org") == "HTTP://example.org"
    assert web_url("javascript:alert(1)") == "#"
    assert web_url(" file:///etc/passwd") == "#"
    assert web_url(None) == "#"
