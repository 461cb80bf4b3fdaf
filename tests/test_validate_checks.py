"""Checks beyond the schema (KT2xx), one variant of a valid blueprint at a time.

Each variant replaces one line of tests/corpus/valid/language-maps/blueprint.yaml and lists
every finding it must produce (code, line, column, key path); an empty list means the
variant is valid.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kltransfer.validation.validate import validate_text
from tests.corpus_cases import CORPUS

FOLDER = CORPUS / "valid" / "language-maps"
BASE = (FOLDER / "blueprint.yaml").read_text(encoding="utf-8")
URL = "    url: https://www.musterstadt.example/parken"
EMAIL = "    email: smartcity@musterstadt.example"

Found = list[tuple[str, int, int, str]]

VARIANTS: dict[str, tuple[str, str, Found]] = {
    # name: (line to replace, replacement, findings)
    "url-localhost-with-port": (URL, "    url: https://localhost:8080/parken", []),
    "url-umlaut-host": (URL, "    url: https://www.bürger-musterstadt.de/parken", []),
    "url-javascript": (URL, "    url: javascript:alert(1)", [("KT205", 54, 10, "documents[0].url")]),
    "url-ftp": (URL, "    url: ftp://musterstadt.example/parken", [("KT205", 54, 10, "documents[0].url")]),
    "url-no-host": (URL, "    url: https://", [("KT205", 54, 10, "documents[0].url")]),
    "url-space": (URL, '    url: "https://www.muster stadt.example"', [("KT205", 54, 10, "documents[0].url")]),
    "url-line-break": (URL, '    url: "https://www.musterstadt.example/\\n"', [("KT205", 54, 10, "documents[0].url")]),
    "url-todo": (URL, "    url: TODO", [("KT220", 54, 10, "documents[0].url")]),
    "email-no-domain-dot": (EMAIL, "    email: smartcity@musterstadt", [("KT204", 46, 12, "contacts[0].email")]),
    "email-angle-brackets": (
        EMAIL,
        '    email: "<smartcity@musterstadt.example>"',
        [("KT204", 46, 12, "contacts[0].email")],
    ),
    "email-line-break": (
        EMAIL,
        '    email: "smartcity@musterstadt.example\\n"',
        [("KT204", 46, 12, "contacts[0].email")],
    ),
    "email-double-dot": (EMAIL, "    email: smartcity@musterstadt..example", [("KT204", 46, 12, "contacts[0].email")]),
    "email-plus": (EMAIL, "    email: smart.city+parken@musterstadt.example", []),
    "spdx-expression": ("licence: CC-BY-4.0", "licence: CC-BY-4.0 OR (MIT AND LicenseRef-Stadt)", []),
    "spdx-with-exception": ("licence: CC-BY-4.0", "licence: GPL-3.0-or-later WITH Classpath-exception-2.0", []),
    "spdx-unclosed-bracket": ("licence: CC-BY-4.0", "licence: (MIT OR Apache-2.0", [("KT203", 14, 10, "licence")]),
    "spdx-double-operator": ("licence: CC-BY-4.0", "licence: MIT OR OR MIT", [("KT203", 14, 10, "licence")]),
    "spdx-proprietary-word": (
        "    licence: LicenseRef-Proprietary",
        "    licence: Proprietary",
        [("KT203", 50, 14, "components[0].licence")],
    ),
    "date-start-bad-day": ("  start: 2022-01-01", "  start: 2022-04-31", [("KT202", 23, 10, "timeline.start")]),
    "date-leap-day": ("  start: 2022-01-01", "  start: 2020-02-29", []),
    "date-not-a-leap-year": ("  start: 2022-01-01", "  start: 2021-02-29", [("KT202", 23, 10, "timeline.start")]),
    "date-month-13": ("  start: 2022-01-01", "  start: 2022-13-01", [("KT202", 23, 10, "timeline.start")]),
    "date-wrong-form": ("  start: 2022-01-01", "  start: 2022/01/01", [("KT105", 23, 10, "timeline.start")]),
    "date-german-form": ("  start: 2022-01-01", "  start: 1.1.2022", [("KT233", 23, 10, "timeline.start")]),
    "milestone-after-end": (
        "    - date: 2022-06-30",
        "    - date: 2026-06-30",
        [("KT201", 26, 13, "timeline.milestones[0].date")],
    ),
    # an application, an award or a council decision comes before the start
    "milestone-before-start-is-allowed": ("    - date: 2022-06-30", "    - date: 2021-06-30", []),
    "date-month": ("  start: 2022-01-01", "  start: 2022-01", []),
    "date-year": ("  start: 2022-01-01", "  start: 2022", []),
    "date-year-unquoted-number": ("  start: 2022-01-01", "  start: 2021", []),
    "date-year-quoted": ("  start: 2022-01-01", '  start: "2021"', []),
    "date-unknown": ("  start: 2022-01-01", "  start: unknown", []),
    "date-unknown-with-reason": ("  start: 2022-01-01", '  start: "unknown: not published"', []),
    "date-todo": ("  start: 2022-01-01", "  start: TODO", [("KT220", 23, 10, "timeline.start")]),
    "date-month-00": ("  start: 2022-01-01", "  start: 2022-00", [("KT202", 23, 10, "timeline.start")]),
    "date-month-with-one-digit": ("  start: 2022-01-01", "  start: 2022-6", [("KT105", 23, 10, "timeline.start")]),
    "date-unknown-capitalised": ("  start: 2022-01-01", "  start: Unknown", [("KT105", 23, 10, "timeline.start")]),
    # only what both dates know is compared: 2025 is neither before nor after 2025-12-31
    "milestone-in-the-end-year": ("    - date: 2022-06-30", "    - date: 2025", []),
    "milestone-after-the-end-year": (
        "    - date: 2022-06-30",
        "    - date: 2026-01",
        [("KT201", 26, 13, "timeline.milestones[0].date")],
    ),
    "end-month-before-start": (
        "  end: 2025-12-31",
        "  end: 2021-12",
        [("KT201", 24, 8, "timeline.end"), ("KT201", 26, 13, "timeline.milestones[0].date")],
    ),
    "amount-unknown": ("        amount: 100000", "        amount: unknown", []),
    "amount-unknown-word-in-german": (
        "        amount: 100000",
        "        amount: unbekannt",
        [("KT103", 37, 17, "costs.investment.breakdown[1].amount")],
    ),
    "licence-unknown": ("    licence: LicenseRef-Proprietary", "    licence: unknown", []),
    "yes-no-unknown": ("    open_source: false", "    open_source: unknown", []),
    "breakdown-with-cents": ("        amount: 100000", "        amount: 100000.00", []),
    "breakdown-too-small": (
        "        amount: 100000",
        "        amount: 99999.5",
        [("KT206", 32, 12, "costs.investment.total")],
    ),
    "breakdown-with-todo": (
        "        amount: 100000",
        "        amount: TODO",
        [("KT220", 37, 17, "costs.investment.breakdown[1].amount")],
    ),
    "funding-equal-to-investment": ("  own_share: 105000", "  own_share: 105000.0", []),
    "funding-below-investment": ("  own_share: 105000", "  own_share: 5000", []),
    "funding-one-cent-too-much": (
        "  own_share: 105000",
        "  own_share: 105000.01",
        [("KT207", 43, 14, "funding.own_share")],
    ),
    "funding-source-too-much": (
        "      amount: 195000",
        "      amount: 295000",
        [("KT207", 43, 14, "funding.own_share")],
    ),
    "document-path-absolute": (URL, "    path: /etc/passwd", [("KT210", 54, 11, "documents[0].path")]),
    "document-path-windows": (URL, "    path: C:\\Daten\\plan.pdf", [("KT210", 54, 11, "documents[0].path")]),
    "document-path-parent": (URL, "    path: docs/../../plan.pdf", [("KT210", 54, 11, "documents[0].path")]),
    "document-path-folder": (URL, "    path: .", [("KT213", 54, 11, "documents[0].path")]),
    "document-path-exists": (URL, "    path: expected.yaml", []),
    # JSON Schema patterns are ECMA-262: '$' does not match before a final line break
    "slug-with-line-break": (
        "id: musterstadt-parkleitsystem",
        'id: "musterstadt-parkleitsystem\\n"',
        [("KT105", 3, 5, "id")],
    ),
    "date-with-line-break": ("  start: 2022-01-01", '  start: "2022-01-01\\n"', [("KT105", 23, 10, "timeline.start")]),
    "language-tag-with-line-break": (
        "  de: Parkleitsystem Musterstadt",
        '  "de\\n": Parkleitsystem',
        [("KT105", 7, 3, "title")],
    ),
    "duplicate-component-name": (
        "    open_source: false",
        "    open_source: false\n  - name: PARKSENSOREN\n    type: service",
        [("KT209", 52, 11, "components[1].name")],
    ),
}


@pytest.mark.parametrize(("old", "new", "expected"), list(VARIANTS.values()), ids=list(VARIANTS))
def test_variant(old: str, new: str, expected: Found) -> None:
    assert BASE.count(old) == 1, old
    report = validate_text(BASE.replace(old, new), "blueprint.yaml", base_dir=FOLDER)
    assert [(f.code, f.line, f.column, f.key_path) for f in report.findings] == expected


def test_the_base_is_valid() -> None:
    assert validate_text(BASE, "blueprint.yaml", base_dir=FOLDER).findings == []


def test_local_files_are_not_checked_without_a_folder() -> None:
    report = validate_text(BASE.replace(URL, "    path: docs/fehlt.md"), "blueprint.yaml")
    assert report.findings == []


def test_funding_in_format_1_0_is_checked_too(tmp_path: Path) -> None:
    text = BASE.replace('kltransfer: "1.2"', 'kltransfer: "1.0"').replace(
        "funding:\n  sources:\n    - programme: Modellprojekte Smart Cities\n      funder: BMWSB\n"
        "      amount: 195000\n  own_share: 105000\n",
        "funding:\n  - programme: Modellprojekte Smart Cities\n    funder: BMWSB\n    amount: 295000\n"
        "own_share: 105000\n",
    )
    report = validate_text(text, "blueprint.yaml", base_dir=tmp_path)
    assert [(f.code, f.line, f.column, f.key_path) for f in report.findings] == [
        ("KT300", 2, 13, "kltransfer"),
        ("KT207", 42, 12, "own_share"),
    ]
    assert report.findings[1].message == (
        "the funding and the own share add up to €400,000.00, more than the investment total of €300,000.00"
    )


def test_values_with_line_breaks_keep_each_finding_on_one_line() -> None:
    text = (
        BASE.replace("id: musterstadt-parkleitsystem", 'id: "musterstadt\\nparken"')
        .replace(EMAIL, '    email: "smartcity@musterstadt.example\\r\\n"')
        .replace(URL, '    url: "https://www.musterstadt.example/\\tparken"')
    )
    report = validate_text(text, "blueprint.yaml", base_dir=FOLDER)
    assert [(f.code, f.message) for f in report.findings] == [
        ("KT105", "'musterstadt\\nparken' does not have the expected form"),
        # a carriage return in a text is a control character: it overwrites a terminal's line
        ("KT016", "the text holds the control character U+000D"),
        ("KT205", "'https://www.musterstadt.example/\\tparken' is not a web address (http or https URL)"),
    ]


def test_a_verdict_of_the_fast_gate_is_never_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    """Should the compiled gate and jsonschema ever disagree, the file still fails."""
    from kltransfer.validation import schema_check

    monkeypatch.setattr(schema_check, "gate", lambda version: lambda data: False)
    report = validate_text(BASE, "blueprint.yaml", base_dir=FOLDER)
    assert [(f.code, f.line, f.column, f.message) for f in report.findings] == [
        ("KT107", 2, 1, "the file does not match the format")
    ]
