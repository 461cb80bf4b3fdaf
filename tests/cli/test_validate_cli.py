"""``kltransfer validate`` on the command line: paths, formats, exit codes, colour, imports."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from kltransfer import __version__
from tests.conftest import EXAMPLES, ROOT, Result
from tests.corpus_cases import CORPUS, INVALID, VALID

Run = Callable[..., Result]
MISSPELT = CORPUS / "invalid" / "kt101-misspelt-key" / "blueprint.yaml"
TODO = CORPUS / "valid" / "todo-placeholders" / "blueprint.yaml"
VALID_FILE = CORPUS / "valid" / "language-maps" / "blueprint.yaml"
#: path:line:col: severity CODE key.path: message
LINE = re.compile(
    r"^(?P<path>[^:]+):(?P<line>[1-9][0-9]*):(?P<col>[1-9][0-9]*): (?P<severity>error|warning) "
    r"(?P<code>KT[0-9]{3})(?: (?P<key>[^ :]+))?: (?P<message>.+)$"
)
#: the source line (`  12 | text`) or the caret under it (`     |    ^`)
SOURCE = re.compile(r"^  ([0-9]+| +) \|( .*)?$")
SUMMARY = re.compile(r"^[0-9]+ files? checked: [0-9]+ failing, [0-9]+ errors?, [0-9]+ warnings?( \(--strict: .*\))?$")


def kltransfer_exe() -> str:
    return str(Path(sys.executable).with_name("kltransfer"))


# --- paths and exit code 2 --------------------------------------------------------------------


def test_missing_path_is_exit_2(run: Run, tmp_path: Path) -> None:
    result = run("validate", tmp_path / "nowhere" / "blueprint.yaml")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"'{tmp_path / 'nowhere' / 'blueprint.yaml'}' does not exist" in result.stderr
    assert "Traceback" not in result.stderr


def test_one_missing_path_among_good_ones_is_exit_2(run: Run, tmp_path: Path) -> None:
    result = run("validate", VALID_FILE, tmp_path / "missing")
    assert result.exit_code == 2
    assert result.stdout == ""


def test_glob_matching_nothing_is_exit_2(run: Run, tmp_path: Path) -> None:
    result = run("validate", f"{tmp_path}/**/nothing-*.yaml")
    assert result.exit_code == 2
    assert "matches no file" in result.stderr
    assert result.stdout == ""


def test_folder_without_blueprints_is_exit_2(run: Run, tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "readme.md").write_text("# nichts\n", encoding="utf-8")
    (tmp_path / "other.yaml").write_text("a: 1\n", encoding="utf-8")
    result = run("validate", tmp_path)
    assert result.exit_code == 2
    assert f"no blueprint.yaml found in '{tmp_path}'" in result.stderr
    assert result.stdout == ""


def test_no_path_means_the_current_folder(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("validate").exit_code == 2
    shutil.copy(VALID_FILE, tmp_path / "blueprint.yaml")
    result = run("validate")
    assert result.exit_code == 0
    assert result.stdout == "1 file checked: 0 failing, 0 errors, 0 warnings\n"


def test_unknown_format_is_exit_2(run: Run) -> None:
    result = run("validate", "--format", "xml", VALID_FILE)
    assert result.exit_code == 2
    assert "unknown format 'xml'" in result.stderr
    assert "text, json" in result.stderr
    assert result.stdout == ""


def test_unknown_option_is_exit_2(run: Run) -> None:
    result = run("validate", "--colour", VALID_FILE)
    assert result.exit_code == 2
    assert "No such option" in result.stderr


def test_negative_jobs_is_exit_2(run: Run) -> None:
    assert run("validate", "--jobs", "-1", VALID_FILE).exit_code == 2


def test_folders_files_and_globs_together_each_file_once(run: Run, tmp_path: Path) -> None:
    for name in ("a", "b/c", ".hidden", "node_modules/x"):
        (tmp_path / name).mkdir(parents=True)
        shutil.copy(TODO, tmp_path / name / "blueprint.yaml")
    shutil.copy(TODO, tmp_path / "b" / "blueprint.yml")
    result = run(
        "validate", "--format", "json", tmp_path, tmp_path / "a" / "blueprint.yaml", f"{tmp_path}/*/blueprint.yaml"
    )
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    # hidden folders and node_modules are not searched; a file found twice is checked once
    assert report["summary"]["files"] == 3
    assert sorted({Path(f["path"]).relative_to(tmp_path).as_posix() for f in report["findings"]}) == [
        "a/blueprint.yaml",
        "b/blueprint.yml",
        "b/c/blueprint.yaml",
    ]


def test_a_file_is_taken_whatever_its_name(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "musterstadt.yaml"
    shutil.copy(VALID_FILE, target)
    result = run("validate", target)
    assert result.exit_code == 0


# --- text output ------------------------------------------------------------------------------


def test_text_line_has_the_exact_shape(run: Run) -> None:
    result = run("validate", MISSPELT)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{MISSPELT}:10:1: error KT101 licnce: unknown key 'licnce' in the top level; did you mean 'licence'?",
        "  10 | licnce: CC-BY-4.0",
        "     | ^",
        "1 file checked: 1 failing, 1 error, 0 warnings",
    ]
    assert result.stderr == ""
    plain = run("validate", "--no-source", MISSPELT)
    assert plain.stdout.splitlines() == [result.stdout.splitlines()[0], result.stdout.splitlines()[-1]]


def test_every_text_line_of_the_corpus_has_the_shape(run: Run) -> None:
    """Lines that start with a space show the source; every other line is a finding or the summary."""
    folders = [c.folder for c in INVALID + VALID if not c.args]
    for extra in ((), ("--no-source",)):
        result = run("validate", *extra, *folders)
        assert result.exit_code == 1
        lines = result.stdout.splitlines()
        assert SUMMARY.match(lines[-1])
        for line in lines[:-1]:
            if line.startswith("  ") and not extra:
                assert SOURCE.match(line), line
                continue
            match = LINE.match(line)
            assert match, line
            assert Path(match["path"]).name == "blueprint.yaml"


def test_summary_counts_files_errors_and_warnings(run: Run) -> None:
    result = run("validate", MISSPELT, TODO, VALID_FILE)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == "3 files checked: 1 failing, 1 error, 2 warnings"


def test_the_file_level_finding_has_no_position(run: Run) -> None:
    result = run("validate", "--max-bytes", "10", VALID_FILE)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0].startswith(f"{VALID_FILE}: error KT007: the file has ")


# --- json output ------------------------------------------------------------------------------


def test_json_has_findings_and_summary(run: Run) -> None:
    result = run("validate", "--format", "json", MISSPELT, VALID_FILE)
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["summary"] == {
        "files": 2,
        "invalid_files": 1,
        "errors": 1,
        "warnings": 0,
        "strict": False,
        "ok": False,
    }
    assert report["findings"] == [
        {
            "path": str(MISSPELT),
            "line": 10,
            "column": 1,
            "key_path": "licnce",
            "severity": "error",
            "code": "KT101",
            "message": "unknown key 'licnce' in the top level",
            "hint": "did you mean 'licence'?",
        }
    ]


def test_json_of_a_valid_file(run: Run) -> None:
    result = run("validate", "-f", "json", VALID_FILE)
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {
        "findings": [],
        "summary": {"files": 1, "invalid_files": 0, "errors": 0, "warnings": 0, "strict": False, "ok": True},
    }


def test_json_exit_codes_match_text(run: Run, tmp_path: Path) -> None:
    assert run("validate", "-f", "json", tmp_path / "missing").exit_code == 2
    assert run("validate", "-f", "json", MISSPELT).exit_code == 1
    assert run("validate", "-f", "json", TODO).exit_code == 0
    assert run("validate", "-f", "json", "--strict", TODO).exit_code == 1


# --- the examples -----------------------------------------------------------------------------


def test_examples_validate(run: Run) -> None:
    result = run("validate", EXAMPLES)
    assert result.exit_code == 0, result.stdout
    assert " 0 failing, 0 errors" in result.stdout


def test_examples_as_json(run: Run) -> None:
    result = run("validate", "--format", "json", EXAMPLES)
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["summary"]["files"] == len(list(EXAMPLES.glob("*/blueprint.yaml")))
    assert report["summary"]["files"] >= 4
    assert report["summary"]["errors"] == 0
    assert report["summary"]["ok"] is True


def test_examples_in_a_subprocess_from_the_repository(tmp_path: Path) -> None:
    proc = subprocess.run(
        [kltransfer_exe(), "validate", "--format", "json", "examples/"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["summary"]["errors"] == 0


# --- strictness -------------------------------------------------------------------------------


def test_warnings_pass_unless_strict(run: Run) -> None:
    result = run("validate", TODO)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == "1 file checked: 0 failing, 0 errors, 2 warnings"
    result = run("validate", "--strict", TODO)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == (
        "1 file checked: 1 failing, 0 errors, 2 warnings (--strict: warnings fail)"
    )
    assert run("validate", "--no-strict", TODO).exit_code == 0


def test_strict_passes_a_file_without_warnings(run: Run) -> None:
    assert run("validate", "--strict", VALID_FILE).exit_code == 0


# --- many files in parallel -------------------------------------------------------------------


def test_jobs_2_gives_the_same_findings_as_jobs_1(run: Run, tmp_path: Path) -> None:
    cases = [c for c in INVALID + VALID if not c.args]
    for i in range(70):
        case = cases[i % len(cases)]
        shutil.copytree(case.folder, tmp_path / f"{i:03d}-{case.name}")
    assert len(list(tmp_path.glob("*/blueprint.yaml"))) == 70
    one = run("validate", "--format", "json", "--jobs", "1", tmp_path)
    two = run("validate", "--format", "json", "--jobs", "2", tmp_path)
    assert one.exit_code == two.exit_code == 1
    assert json.loads(two.stdout) == json.loads(one.stdout)
    assert json.loads(one.stdout)["summary"]["files"] == 70
    text_one = run("validate", "--jobs", "1", tmp_path)
    text_two = run("validate", "--jobs", "2", tmp_path)
    assert text_one.stdout == text_two.stdout


# --- colour -----------------------------------------------------------------------------------


def test_no_color_means_no_escape_codes(run: Run) -> None:
    result = run("validate", MISSPELT, TODO, env={"NO_COLOR": "1", "FORCE_COLOR": "1"})
    assert result.exit_code == 1
    assert "\x1b" not in result.stdout + result.stderr
    bad = run("validate", "--format", "xml", MISSPELT, env={"NO_COLOR": "1", "FORCE_COLOR": "1"})
    assert "\x1b" not in bad.stdout + bad.stderr


def test_force_color_gives_colour(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    result = run("validate", MISSPELT, TODO, env={"FORCE_COLOR": "1"})
    assert result.exit_code == 1
    assert "\x1b[31merror\x1b[0m" in result.stdout
    assert "\x1b[33mwarning\x1b[0m" in result.stdout
    # JSON stays JSON
    result = run("validate", "--format", "json", MISSPELT, env={"FORCE_COLOR": "1"})
    assert "\x1b" not in result.stdout
    json.loads(result.stdout)


def test_plain_when_not_a_terminal(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    result = run("validate", MISSPELT)
    assert "\x1b" not in result.stdout + result.stderr


@pytest.mark.parametrize("no_color", [False, True])
def test_colour_on_a_terminal_unless_no_color(no_color: bool) -> None:
    pexpect = pytest.importorskip("pexpect")
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env["TERM"] = "xterm"
    if no_color:
        env["NO_COLOR"] = "1"
    child = pexpect.spawn(
        kltransfer_exe(), ["validate", str(MISSPELT)], env=env, encoding="utf-8", timeout=120, dimensions=(24, 200)
    )
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
    output = child.before
    assert "KT101" in output
    assert ("\x1b[" in output) is not no_color


# --- the process as a whole -------------------------------------------------------------------


def test_python_m_kltransfer_version() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "kltransfer", "--version"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0
    assert proc.stdout == f"kltransfer {__version__}\n"


def test_validate_imports_neither_jinja2_nor_git_nor_rdflib() -> None:
    code = (
        "import sys\n"
        "from kltransfer.cli.main import run\n"
        "code = run(['validate', 'examples/'])\n"
        "assert code == 0, code\n"
        "assert 'kltransfer.validation.validate' in sys.modules\n"
        "loaded = sorted(m for m in ('jinja2', 'git', 'rdflib') if m in sys.modules)\n"
        "print(','.join(loaded))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    loaded = proc.stdout.strip().splitlines()[-1]
    assert "jinja2" not in loaded.split(",")
    assert "git" not in loaded.split(",")
    assert "rdflib" not in loaded.split(",")


def test_validate_does_not_read_or_wait_for_stdin(tmp_path: Path) -> None:
    """With stdin an open pipe that never sends anything, validate still finishes on its own."""
    shutil.copy(MISSPELT, tmp_path / "blueprint.yaml")
    with subprocess.Popen(
        [kltransfer_exe(), "validate", "."],
        cwd=tmp_path,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as proc:
        out, err = proc.communicate(timeout=120)  # a safety net, not a timing assertion
    assert proc.returncode == 1
    assert "KT101" in out
    assert "Traceback" not in out + err


@pytest.mark.parametrize("case", ["kt006-alias-bomb", "kt008-deep-flow", "kt011-python-object-apply"])
def test_hostile_files_in_a_real_process(case: str, tmp_path: Path) -> None:
    proc = subprocess.run(
        [kltransfer_exe(), "validate", str(CORPUS / "invalid" / case / "blueprint.yaml")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    assert LINE.match(proc.stdout.splitlines()[0])
    assert list(tmp_path.iterdir()) == []


# --- the public Python API --------------------------------------------------------------------


def test_public_api_validate_paths() -> None:
    from kltransfer import validate_paths
    from kltransfer.findings import Report

    report = validate_paths([MISSPELT, VALID_FILE])
    assert isinstance(report, Report)
    assert report.exit_code == 1
    assert [(f.code, f.line, f.column, f.key_path) for f in report.findings] == [("KT101", 10, 1, "licnce")]
    assert report.summary() == {"files": 2, "invalid_files": 1, "errors": 1, "warnings": 0}
    assert validate_paths([TODO]).ok is True
    assert validate_paths([TODO], strict=True).ok is False


def test_public_api_raises_input_error_for_missing_paths(tmp_path: Path) -> None:
    from kltransfer import KltransferError, validate_paths
    from kltransfer.errors import InputError

    with pytest.raises(InputError) as info:
        validate_paths([tmp_path / "missing"])
    assert isinstance(info.value, KltransferError)
    assert info.value.exit_code == 2


def test_public_api_validate_file() -> None:
    from kltransfer import validate_file

    report = validate_file(MISSPELT)
    assert [f.code for f in report.findings] == ["KT101"]
    assert report.blueprint_id == "musterstadt-parkleitsystem"
