"""The line under each finding: where it comes from, how it is shown, and that it is safe to print."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kltransfer.reporters.source import MAX_WIDTH, render_line, snippet
from kltransfer.validation.validate import validate_text
from tests.conftest import Result
from tests.corpus_cases import CORPUS

VALID = (CORPUS / "invalid" / "kt220-todo-placeholder" / "blueprint.yaml").read_text(encoding="utf-8")
VALID = VALID.replace('  population: "TODO: Einwohnerzahl 2024"', "  population: 99000")


@pytest.mark.parametrize(
    ("line", "column", "shown", "caret"),
    [
        ("phase: P6", 8, "phase: P6", 7),
        ("\tname: x", 2, "    name: x", 4),  # a tab is spaces up to the next multiple of four
        ("ab\tc: x", 4, "ab  c: x", 4),
        ("a: \x1b[31mred", 5, "a: \\x1b[31mred", 7),  # an escape sequence is shown, not run
        ("t: \u202egnal", 4, "t: \\u202egnal", 3),  # a character that reorders text is made visible
        ("x: \x00y", 5, "x: \\x00y", 7),
        ("名前: x", 4, "名前: x", 5),  # wide characters take two columns
        ("e\u0301x: 1", 3, "e\u0301x: 1", 1),  # a combining accent takes none
        ("abc", 10, "abc", 9),  # a column after the end of the line
    ],
)
def test_the_line_is_safe_to_print_and_the_caret_stays_under_its_column(
    line: str, column: int, shown: str, caret: int
) -> None:
    assert render_line(line, column) == (shown, caret)


def test_a_long_line_is_cut_around_the_column() -> None:
    line = "summary: " + "x" * 300 + "Y" + "z" * 300
    shown, caret = render_line(line, 310)
    assert len(shown) == MAX_WIDTH
    assert shown.startswith("…") and shown.endswith("…")
    assert shown[caret] == "Y"
    start, _ = render_line(line[:40] + "z" * 300, 1)
    assert start.startswith("summary: x") and start.endswith("…")


def test_the_snippet_has_a_gutter_and_a_caret() -> None:
    assert snippet(12, "  state: DE-RLP", 10) == ["  12 |   state: DE-RLP", "     |          ^"]
    assert snippet(3, "x", 0) == ["  3 | x"]  # no column: no caret
    painted = snippet(3, "x", 1, paint=("<g>", "<c>", "</>"))
    assert painted == ["  <g>3 |</> x", "  <g>  |</> <c>^</>"]


def test_lines_are_kept_only_for_files_with_findings() -> None:
    assert validate_text(VALID).source_lines == {}
    report = validate_text(VALID.replace("phase: P3", "phase: P6").replace("state: DE-RP", "state: RP"))
    assert report.source_lines == {13: "  state: RP", 16: "phase: P6"}


def test_the_lines_of_an_undecodable_file_show_the_bytes_as_escapes() -> None:
    report = validate_text(VALID.replace("Musterstadt\n", "Musterst\u00e4dt\n", 1).encode("latin-1"))
    assert [(f.code, f.line, f.column) for f in report.findings] == [("KT001", 7, 30)]
    assert report.source_lines == {7: "  de: Parkleitsystem Musterst\\xe4dt"}


def test_line_breaks_are_counted_as_yaml_counts_them() -> None:
    """\\r alone and the Unicode line separators end lines for YAML: the shown line is the right one."""
    text = VALID.replace("\n", "\r").replace("phase: P3", "phase: P6")
    report = validate_text(text)
    assert [(f.code, f.line) for f in report.findings] == [("KT104", 16)]
    assert report.source_lines == {16: "phase: P6"}


def test_text_output_shows_a_tab_and_a_control_character_safely(run: Callable[..., Result], tmp_path: Path) -> None:
    target = tmp_path / "blueprint.yaml"
    text = VALID.replace("  name: Musterstadt", '  name: "Muster\\u001b[2Jstadt"\t# x').replace(
        "phase: P3", "phase:\tP6"
    )
    target.write_text(text, encoding="utf-8")
    result = run("validate", target)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    # the escape in the name is a finding of its own (KT016), its line shown escaped
    assert lines[0].startswith(f"{target}:12:9: error KT016 city.name: the text holds the control character U+001B")
    assert lines[1] == '  12 |   name: "Muster\\u001b[2Jstadt"  # x'
    assert lines[3] == f"{target}:16:8: error KT104 phase: 'P6' is not allowed; allowed values: P1, P2, P3, P4, P5"
    assert lines[4:6] == ["  16 | phase:  P6", "     |         ^"]
    assert "\x1b" not in result.stdout


def test_a_value_with_an_escape_character_is_escaped_in_the_line(run: Callable[..., Result], tmp_path: Path) -> None:
    """A control character that YAML allows in no file is a finding; its line is shown with the escape."""
    target = tmp_path / "blueprint.yaml"
    target.write_bytes(VALID.replace("summary: Sensoren", "summary: \x1b[31mSensoren").encode())
    result = run("validate", target)
    assert result.stdout.splitlines()[1:3] == [
        "  9 | summary: \\x1b[31mSensoren auf 400 Stellplätzen speisen eine Live-Karte und dynamische Anzeigetafeln.",
        "    |          ^",
    ]
    assert "\x1b" not in result.stdout
