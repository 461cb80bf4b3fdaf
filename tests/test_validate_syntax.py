"""YAML syntax errors: the line to blame, a message in plain words, the exact fix, and reading on.

Every case runs with libyaml's parser and with PyYAML's pure-Python one: their own texts
differ, what kltransfer says must not.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kltransfer.i18n import set_language
from kltransfer.loading import yaml_loader
from kltransfer.loading.yaml_loader import load_text
from kltransfer.validation.validate import validate_text
from tests.corpus_cases import CORPUS

pytest_plugins = ("tests.loaders",)  # the fixture "loader": both YAML parsers

BASE = (CORPUS / "invalid" / "kt220-todo-placeholder" / "blueprint.yaml").read_text(encoding="utf-8")
VALID = BASE.replace('  population: "TODO: Einwohnerzahl 2024"', "  population: 99000")


def broken(old: str, new: str, text: str = VALID) -> str:
    assert old in text
    return text.replace(old, new, 1)


# name: (text, line, column, message, hint)
CASES = {
    "quote-inside-quotes": (
        broken("  de: Parkleitsystem Musterstadt", '  de: "Ein „offenes“ "Netz" für alle"'),
        7,
        22,
        "the text in double quotes ends early: the \" before 'Netz' closes it",
        "put the text in single quotes: de: 'Ein „offenes“ \"Netz\" für alle'  "
        'or use only typographic quotes inside it: de: "Ein „offenes“ „Netz“ für alle"',
    ),
    "apostrophe-in-single-quotes": (
        broken("  en: Parking guidance in Musterstadt", "  en: 'Musterstadt's parking guidance'"),
        8,
        19,
        "the text in single quotes ends early: the ' before 's' closes it",
        "write an apostrophe inside single quotes twice: en: 'Musterstadt''s parking guidance'",
    ),
    "list-entry-without-dash": (
        broken("fields_of_action: [mobility, data-infrastructure]", "fields_of_action:\n  - mobility\n  environment"),
        17,
        3,
        "this line continues the list above but does not start with '- '",
        "write the line as: - environment",
    ),
    "no-space-after-colon": (
        broken("phase: P3", "phase:P3"),
        16,
        1,
        "a space is missing after the colon of 'phase'",
        "write the line as: phase: P3",
    ),
    "no-space-after-colon-nested": (
        broken("  state: DE-RP", "  state:DE-RP"),
        13,
        3,
        "a space is missing after the colon of 'state'",
        "write the line as: state: DE-RP",
    ),
    "comma-in-flow-mapping": (
        broken(
            "city:\n  name: Musterstadt\n  state: DE-RP\n  population: 99000",
            "city: {name: Stadt: Musterstadt, Kreis X, state: DE-RP, population: 99000}",
        ),
        11,
        19,
        "inside '{…}' a comma separates the entries and ': ' a key from its value; "
        "a text with a comma or ': ' must be in quotes",
        'write the line as: city: {name: "Stadt: Musterstadt, Kreis X", state: DE-RP, population: 99000}',
    ),
    "value-with-colon": (
        broken("summary: Sensoren", "summary: Ziel: Sensoren"),
        9,
        14,
        "the value of 'summary' contains ': ', which YAML reads as a new key",
        'put the value in quotes: summary: "Ziel: Sensoren auf 400 Stellplätzen speisen eine Live-Karte und '
        'dynamische Anzeigetafeln."',
    ),
    "value-with-colon-and-comment": (
        broken("  de: Parkleitsystem Musterstadt", "  de: Projekt: Parken  # Arbeitstitel"),
        7,
        14,
        "the value of 'de' contains ': ', which YAML reads as a new key",
        'put the value in quotes: de: "Projekt: Parken"  # Arbeitstitel',
    ),
    "unclosed-bracket": (
        broken("fields_of_action: [mobility, data-infrastructure]", "fields_of_action: [mobility, data-infrastructure"),
        15,
        19,
        "the '[' on this line is never closed with ']'",
        "write the line as: fields_of_action: [mobility, data-infrastructure]",
    ),
    "unclosed-quote": (
        broken("  en: Parking guidance in Musterstadt", '  en: "Parking guidance in Musterstadt'),
        8,
        7,
        'the quote " opened here is never closed',
        'write the line as: en: "Parking guidance in Musterstadt"',
    ),
    "backslash-in-double-quotes": (
        broken("  name: Musterstadt", '  name: "C:\\Daten\\Musterstadt"'),
        12,
        12,
        "in double quotes a backslash starts a special character such as \\n",
        "put a text with backslashes in single quotes: name: 'C:\\Daten\\Musterstadt'",
    ),
    "value-starting-with-at": (
        broken("  name: Musterstadt", "  name: @Musterstadt"),
        12,
        9,
        "a value that starts with @ must be in quotes",
        'write the line as: name: "@Musterstadt"',
    ),
    "indented-further-than-its-sibling": (
        broken("  en: Parking guidance", "   en: Parking guidance"),
        8,
        6,
        "this line is indented further than the key above it, which already has a value",
        "start it in the same column as the line above: en: Parking guidance in Musterstadt",
    ),
}


@pytest.mark.parametrize(("text", "line", "column", "message", "hint"), CASES.values(), ids=list(CASES))
def test_a_syntax_error_is_explained_on_its_line_with_the_fix(
    loader: type, text: str, line: int, column: int, message: str, hint: str
) -> None:
    doc, findings = load_text(text)
    assert doc is None
    assert [(f.code, f.line, f.column, f.message, f.hint) for f in findings] == [("KT002", line, column, message, hint)]


@pytest.mark.parametrize(("text", "line", "hint"), [(c[0], c[1], c[4]) for c in CASES.values()], ids=list(CASES))
def test_with_the_fix_applied_the_file_is_valid(text: str, line: int, hint: str) -> None:
    """The line the hint names really works: written into the file, nothing is left to report."""
    try:
        yaml_loader.compose(text)
    except yaml.YAMLError as exc:
        explained = yaml_loader.syntax_problem(exc, text, "<text>")
    assert explained.line == line
    assert explained.fixed is not None
    assert explained.fixed.strip() in hint
    lines = text.split("\n")
    lines[line - 1] = explained.fixed
    assert validate_text("\n".join(lines)).findings == []


def test_the_fix_is_in_german_too() -> None:
    set_language("de")
    try:
        _, findings = load_text(broken("phase: P3", "phase:P3"))
    finally:
        set_language("en")
    assert (findings[0].message, findings[0].hint) == (
        "nach dem Doppelpunkt von 'phase' fehlt ein Leerzeichen",
        "schreiben Sie die Zeile so: phase: P3",
    )


def test_a_line_without_a_known_fix_gets_plain_advice(loader: type) -> None:
    _, findings = load_text("a:\n  b: 1\n c: 2\n")
    assert [(f.line, f.column, f.message, f.hint) for f in findings] == [
        (
            3,
            2,
            "this line does not fit the indentation of the lines above",
            "keys of one mapping start in the same column: the mapping that begins on line 1 starts in column 1",
        )
    ]


# --- reading on after a syntax error --------------------------------------------------------------


def test_findings_after_a_repaired_line_are_still_reported(loader: type) -> None:
    """Two syntax errors and a wrong licence: all three, each on its line; the rest was checked."""
    text = broken("phase: P3", "phase:P3", broken("licence: CC-BY-4.0", "licence: CC-BY-4"))
    text = broken("  de: Parkleitsystem Musterstadt", '  de: "Ein „offenes“ "Netz""', text)
    report = validate_text(text)
    assert [(f.code, f.line, f.column, f.key_path) for f in report.findings] == [
        ("KT002", 7, 22, ""),
        ("KT203", 10, 10, "licence"),
        ("KT002", 16, 1, ""),
    ]
    assert "not checked" not in " ".join(f.message for f in report.findings)
    assert report.blueprint_id == "musterstadt-parkleitsystem"


def test_a_line_without_a_fix_is_left_out_to_read_on(loader: type) -> None:
    """No sure fix: the line's value is left out for reading on; a finding on that line is not reported."""
    text = broken("  state: DE-RP", "  state: DE-RP\n sprawl: x: y", broken("phase: P3", "phase: P9"))
    report = validate_text(text)
    assert [(f.code, f.line, f.key_path) for f in report.findings] == [("KT002", 14, ""), ("KT104", 17, "phase")]


def test_when_reading_on_is_impossible_the_message_says_so(loader: type) -> None:
    """Tabs cannot be repaired with certainty: the finding says that nothing more was checked."""
    text = broken("status: in-progress", "status: in-progress\n\tnote: x", broken("phase: P3", "phase: P9"))
    report = validate_text(text)
    assert [(f.code, f.line) for f in report.findings] == [("KT005", 18)]
    assert report.findings[0].message == (
        "a tab is used for indentation; YAML allows only spaces there; the file could not be checked further"
    )


def test_a_second_document_is_not_read_as_part_of_the_blueprint(loader: type) -> None:
    report = validate_text(VALID + "---\nkltransfer: x\nphase: P9\n")
    assert [(f.code, f.line) for f in report.findings] == [("KT002", 51)]
    assert report.findings[0].message.endswith("; the file could not be checked further")


@pytest.mark.parametrize("end", ["---\n", "---\n# Ende\n", "---\n---\n", "...\n---\n...\n", "--- # Ende der Vorlage\n"])
def test_an_empty_document_after_the_blueprint_is_let_be(loader: type, end: str) -> None:
    """A closing ``---`` (front matter, templates) holds nothing: the blueprint is checked as it is."""
    report = validate_text(VALID + end)
    assert report.findings == []
    assert validate_text(VALID + end + "phase: P9\n").findings[0].code == "KT002"


@pytest.mark.parametrize("end", ["--- ''\n", "---\n~\n", "---\n[]\n"])
def test_a_second_document_with_a_value_is_one_too_many(loader: type, end: str) -> None:
    report = validate_text(VALID + end)
    assert [(f.code, f.line, f.column) for f in report.findings] == [("KT002", 51, 1)]
    assert report.findings[0].hint == "remove the line '---' (line 51) or put the second part in a file of its own"


def test_a_file_with_a_syntax_error_gives_commands_no_document(tmp_path: Path) -> None:
    """Export and the like must not use a repaired text: only validation reads on."""
    from kltransfer.validation.validate import load_checked

    target = tmp_path / "blueprint.yaml"
    target.write_text(broken("phase: P3", "phase:P3"), encoding="utf-8")
    doc, report = load_checked(target)
    assert doc is None
    assert [f.code for f in report.findings] == ["KT002"]


def test_many_broken_lines_stop_after_the_limit() -> None:
    from kltransfer.loading.recovery import MAX_REPAIRS

    text = VALID + "".join(f"x{i}:y\n" for i in range(MAX_REPAIRS + 3))
    report = validate_text(text)
    assert [f.code for f in report.findings] == ["KT002"] * (MAX_REPAIRS + 1)
    assert report.findings[-1].message.endswith("; the file could not be checked further")
