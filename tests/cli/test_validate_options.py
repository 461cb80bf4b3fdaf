"""Errors before noise: order and grouping on a terminal, --errors-only, --select/--ignore, suppression comments."""

from __future__ import annotations

import io
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from kltransfer.findings import FileReport, Finding, Report, Severity
from kltransfer.reporters.text import TextReporter
from tests.conftest import Result
from tests.corpus_cases import CORPUS

Run = Callable[..., Result]
TODO = CORPUS / "valid" / "todo-placeholders" / "blueprint.yaml"
MISSPELT = CORPUS / "invalid" / "kt101-misspelt-key" / "blueprint.yaml"
BASE = (CORPUS / "invalid" / "kt220-todo-placeholder" / "blueprint.yaml").read_text(encoding="utf-8")


def _warning(path: str, line: int, key: str) -> Finding:
    return Finding("KT220", f"'{key}' is still to be filled in", path, line, 3, key, Severity.WARNING)


def many_placeholders() -> Report:
    """Two files: an error and six placeholders (KT220), one URL warning (KT205)."""
    a = FileReport(
        "a.yaml",
        [
            _warning("a.yaml", 2, "title"),
            Finding("KT104", "'P6' is not allowed", "a.yaml", 3, 8, "phase"),
            _warning("a.yaml", 4, "summary"),
            Finding("KT205", "'x' is not a web address", "a.yaml", 5, 3, "url", Severity.WARNING),
        ],
        source_lines={3: "phase: P6"},
    )
    b = FileReport("b.yaml", [_warning("b.yaml", n, f"k{n}") for n in range(1, 5)])
    return Report([a, b])


def render(report: Report, **options: bool) -> list[str]:
    out = io.StringIO()
    TextReporter(out, **options).report(report)
    return out.getvalue().splitlines()


def test_not_on_a_terminal_findings_come_in_file_order_one_line_each() -> None:
    assert render(many_placeholders(), source=False) == [
        "a.yaml:2:3: warning KT220 title: 'title' is still to be filled in",
        "a.yaml:3:8: error KT104 phase: 'P6' is not allowed",
        "a.yaml:4:3: warning KT220 summary: 'summary' is still to be filled in",
        "a.yaml:5:3: warning KT205 url: 'x' is not a web address",
        "b.yaml:1:3: warning KT220 k1: 'k1' is still to be filled in",
        "b.yaml:2:3: warning KT220 k2: 'k2' is still to be filled in",
        "b.yaml:3:3: warning KT220 k3: 'k3' is still to be filled in",
        "b.yaml:4:3: warning KT220 k4: 'k4' is still to be filled in",
        "2 files checked: 1 failing, 1 error, 7 warnings",
    ]


def test_on_a_terminal_errors_come_first_and_many_warnings_of_one_code_are_one_block() -> None:
    assert render(many_placeholders(), grouped=True) == [
        "a.yaml:3:8: error KT104 phase: 'P6' is not allowed",
        "  3 | phase: P6",
        "    |        ^",
        "a.yaml:5:3: warning KT205 url: 'x' is not a web address",
        "warning KT220: 6 times: A value is still a placeholder (TODO)",
        "  a.yaml:2:3 title",
        "  a.yaml:4:3 summary",
        "  b.yaml:1:3 k1",
        "  … and 3 more (-v shows every one)",
        "2 files checked: 1 failing, 1 error, 7 warnings",
    ]


def test_verbose_lists_every_warning_after_the_errors() -> None:
    lines = render(many_placeholders(), grouped=True, verbose=True, source=False)
    assert lines[0] == "a.yaml:3:8: error KT104 phase: 'P6' is not allowed"
    assert [line.split(": ")[0] for line in lines[1:-1]] == [
        "a.yaml:2:3",
        "a.yaml:4:3",
        "a.yaml:5:3",
        "b.yaml:1:3",
        "b.yaml:2:3",
        "b.yaml:3:3",
        "b.yaml:4:3",
    ]


def test_three_warnings_of_a_code_are_not_grouped() -> None:
    report = Report([FileReport("a.yaml", [_warning("a.yaml", n, f"k{n}") for n in (1, 2, 3)])])
    assert render(report, grouped=True) == [
        "a.yaml:1:3: warning KT220 k1: 'k1' is still to be filled in",
        "a.yaml:2:3: warning KT220 k2: 'k2' is still to be filled in",
        "a.yaml:3:3: warning KT220 k3: 'k3' is still to be filled in",
        "1 file checked: 0 failing, 0 errors, 3 warnings",
    ]


def _spawn(args: list[str], tmp_path: Path) -> str:
    pexpect = pytest.importorskip("pexpect")
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR",)}
    env.update(TERM="xterm", NO_COLOR="1")
    exe = str(Path(sys.executable).with_name("kltransfer"))
    child = pexpect.spawn(exe, args, env=env, cwd=str(tmp_path), encoding="utf-8", timeout=120, dimensions=(50, 250))
    child.expect(pexpect.EOF)
    child.close()
    return child.before.replace("\r\n", "\n")


def test_a_terminal_gets_the_grouped_order_and_a_pipe_the_file_order(run: Run, tmp_path: Path) -> None:
    text = BASE.replace("phase: P3", "phase: P6").replace("licence: CC-BY-4.0", "licence: CC-BY-4")
    for line in ("  de: Parkleitsystem Musterstadt", "  en: Parking guidance in Musterstadt", "  name: Musterstadt"):
        text = text.replace(line, line.split(":")[0] + ": TODO")
    (tmp_path / "blueprint.yaml").write_text(text, encoding="utf-8")
    shown = _spawn(["validate", "blueprint.yaml"], tmp_path).splitlines()
    assert shown[0].startswith("blueprint.yaml:10:10: error KT203 licence: 'CC-BY-4' is not an SPDX licence identifier")
    assert shown[1:3] == ["  10 | licence: CC-BY-4", "     |          ^"]
    assert shown[3].startswith("blueprint.yaml:16:8: error KT104 phase: 'P6' is not allowed")
    assert shown[6:] == [
        "warning KT220: 4 times: A value is still a placeholder (TODO)",
        "  blueprint.yaml:7:7 title.de",
        "  blueprint.yaml:8:7 title.en",
        "  blueprint.yaml:12:9 city.name",
        "  … and 1 more (-v shows every one)",
        "1 file checked: 1 failing, 2 errors, 4 warnings",
    ]
    every = _spawn(["validate", "-v", "--no-source", "blueprint.yaml"], tmp_path).splitlines()
    assert [line.split(":")[1] for line in every[:-1]] == ["10", "16", "7", "8", "12", "14"]
    piped = run("validate", "--no-source", tmp_path / "blueprint.yaml").stdout.splitlines()
    assert [line.split(":")[1] for line in piped[:-1]] == ["7", "8", "10", "12", "14", "16"]


# --- --errors-only --------------------------------------------------------------------------------


def test_errors_only_hides_warnings_but_counts_them(run: Run) -> None:
    result = run("validate", "-q", "--no-source", TODO, MISSPELT)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{MISSPELT}:10:1: error KT101 licnce: unknown key 'licnce' in the top level; did you mean 'licence'?",
        "2 files checked: 1 failing, 1 error, 2 warnings (not shown)",
    ]
    assert run("validate", "--errors-only", TODO).exit_code == 0


def test_errors_only_with_strict_still_fails_on_the_hidden_warnings(run: Run) -> None:
    result = run("validate", "-q", "--strict", TODO)
    assert result.exit_code == 1
    assert result.stdout == "1 file checked: 1 failing, 0 errors, 2 warnings (not shown) (--strict: warnings fail)\n"


def test_errors_only_in_json_and_junit(run: Run) -> None:
    report = json.loads(run("validate", "-q", "-f", "json", TODO).stdout)
    assert report == {
        "findings": [],
        "summary": {
            "files": 1,
            "invalid_files": 0,
            "errors": 0,
            "warnings": 2,
            "hidden_warnings": 2,
            "strict": False,
            "ok": True,
        },
    }
    junit = run("validate", "-q", "--strict", "-f", "junit", TODO)
    assert junit.exit_code == 1
    assert '<failure message="0 errors, 2 warnings" type="warning" />' in junit.stdout


# --- --select and --ignore ------------------------------------------------------------------------


def test_select_and_ignore_on_the_command_line(run: Run) -> None:
    only_format = run("validate", "--select", "KT1", "--no-source", TODO, MISSPELT)
    assert only_format.stdout.splitlines()[:-1] == [
        f"{MISSPELT}:10:1: error KT101 licnce: unknown key 'licnce' in the top level; did you mean 'licence'?"
    ]
    nothing = run("validate", "--ignore", "KT101,kt2", TODO, MISSPELT)
    assert (nothing.exit_code, nothing.stdout) == (0, "2 files checked: 0 failing, 0 errors, 0 warnings\n")
    repeated = run("validate", "--select", "KT220", "--select", "KT101", "-f", "json", TODO, MISSPELT)
    assert [f["code"] for f in json.loads(repeated.stdout)["findings"]] == ["KT220", "KT220", "KT101"]


def test_the_command_line_wins_over_the_configuration(run: Run, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / ".kltransfer.yaml").write_text("ignore: [KT1]\nselect: [KT1]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert run("validate", MISSPELT, TODO).exit_code == 0  # the configuration selects KT1 and ignores it
    result = run("validate", "--ignore", "KT220", "-f", "json", MISSPELT, TODO)
    assert [f["code"] for f in json.loads(result.stdout)["findings"]] == ["KT101"]
    result = run("validate", "--select", "KT2", "--ignore", "KT205", "-f", "json", MISSPELT, TODO)
    assert [f["code"] for f in json.loads(result.stdout)["findings"]] == ["KT220", "KT220"]


def test_a_code_that_does_not_exist_is_a_usage_error(run: Run) -> None:
    result = run("validate", "--ignore", "KT220,KT999", TODO)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "kltransfer: error KT900: --ignore: 'KT999' is neither a finding code nor the start of one; "
        "did you mean 'KT901'?\n  hint: give codes such as KT220 or prefixes such as KT2, separated by commas\n"
    )


def test_a_syntax_error_cannot_be_selected_away(run: Run) -> None:
    case = CORPUS / "invalid" / "kt002-value-with-colon"
    result = run("validate", "--select", "KT4", "--no-source", case)
    assert result.exit_code == 1
    assert " error KT002: " in result.stdout


# --- suppression comments -------------------------------------------------------------------------


def test_a_comment_silences_the_named_codes_on_its_line(run: Run, tmp_path: Path) -> None:
    text = BASE.replace(
        '  population: "TODO: Einwohnerzahl 2024"',
        '  population: "TODO: Einwohnerzahl 2024"  # kltransfer: ignore[KT220]',
    )
    text = text.replace("phase: P3", "phase: P6  # kltransfer: ignore[KT2, KT205]")
    target = tmp_path / "blueprint.yaml"
    target.write_text(text, encoding="utf-8")
    result = run("validate", "--no-source", target)
    assert result.stdout.splitlines() == [
        f"{target}:16:8: error KT104 phase: 'P6' is not allowed; allowed values: P1, P2, P3, P4, P5",
        "1 file checked: 1 failing, 1 error, 0 warnings",
    ]
    target.write_text(text.replace("ignore[KT2, KT205]", "ignore[KT104]"), encoding="utf-8")
    assert run("validate", target).stdout == "1 file checked: 0 failing, 0 errors, 0 warnings\n"


def test_a_wrong_comment_is_a_warning_of_its_own(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "blueprint.yaml"
    target.write_text(BASE.replace("phase: P3", "phase: P3  # kltransfer: ignore[KT2220]"), encoding="utf-8")
    result = run("validate", "--no-source", target)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"{target}:14:15: warning KT220 city.population: 'city.population' is still to be filled in; "
        "the placeholder says: Einwohnerzahl 2024",
        f"{target}:16:33: warning KT013: 'KT2220' in the suppression comment is not a finding code; "
        "did you mean 'KT220'?",
        "1 file checked: 0 failing, 0 errors, 2 warnings",
    ]
    assert run("validate", "--strict", target).exit_code == 1


def test_a_comment_inside_a_quoted_text_is_not_a_comment(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "blueprint.yaml"
    text = BASE.replace('"TODO: Einwohnerzahl 2024"', '"TODO: siehe#kltransfer: ignore[KT220]"')
    target.write_text(text, encoding="utf-8")
    assert [f["code"] for f in json.loads(run("validate", "-f", "json", target).stdout)["findings"]] == ["KT220"]


# --- help -----------------------------------------------------------------------------------------


def test_max_bytes_help_shows_the_real_default(run: Run) -> None:
    help_text = run("validate", "--help").stdout
    assert "Default: 4\u00a0MiB" in help_text
    assert "[default: 0]" not in help_text.split("--max-bytes")[1].split("--config")[0]
    assert run("validate", "--max-bytes", "0", TODO).exit_code == 2
