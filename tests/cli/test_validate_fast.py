"""``kltransfer validate``'s fast path: the same output and exit code as through typer, in both languages.

:mod:`kltransfer.cli.validate_run` reads the common shapes of ``validate``'s arguments itself and
runs without click and typer; anything else goes to typer. Each shape here runs both ways
(typer forced by a ``fast_options`` that declines) and must give the same stdout, stderr and
exit code.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from kltransfer.cli import validate_run
from tests.conftest import EXAMPLES, ROOT, Result
from tests.corpus_cases import CORPUS

Run = Callable[..., Result]
MISSPELT = str(CORPUS / "invalid" / "kt101-misspelt-key" / "blueprint.yaml")
COST = str(CORPUS / "invalid" / "kt206-cost-sum" / "blueprint.yaml")
TODO = str(CORPUS / "valid" / "todo-placeholders" / "blueprint.yaml")
VALID = str(CORPUS / "valid" / "language-maps" / "blueprint.yaml")
FOLDER = str(EXAMPLES)
LANGUAGES = {"en": {"LANG": "C.UTF-8"}, "de": {"LANG": "de_DE.UTF-8"}}

#: shapes the fast path takes
FAST = [
    [VALID],
    [FOLDER],
    [MISSPELT, COST],
    ["-q", TODO],
    ["--errors-only", "--strict", TODO],
    ["--strict", TODO],
    ["--strict", "--no-strict", TODO],
    ["--format", "json", MISSPELT],
    ["--format=json", COST],
    ["-f", "sarif", MISSPELT],
    ["-f", "github", TODO, "-q"],
    ["--format", "bogus", VALID],
    ["--format", "", VALID],
    ["--select", "KT2", TODO],
    ["--select", "KT1", "--select=KT220", TODO, MISSPELT],
    ["--select", "XX9", VALID],
    ["--ignore", "KT220,KT101", TODO, MISSPELT],
    ["-v", "--no-source", TODO],
    ["--verbose", MISSPELT],
    ["--jobs", "2", FOLDER],
    ["-j", "0", VALID],
    ["--max-bytes", "100", VALID],
    ["--max-bytes=1048576", VALID],
    ["--config", "nowhere/pyproject.toml", VALID],
    ["nowhere/blueprint.yaml"],
    ["examples/*/blueprint.yaml"],
    [],
]
#: shapes left to typer: help, unknown, combined or mistyped options, values click refuses
TYPER = [
    ["--lang", "de", VALID],
    ["--bogus", VALID],
    ["-qv", TODO],
    ["--help"],
    ["-h"],
    ["--jobs", "-1", VALID],
    ["--jobs", "x", VALID],
    ["--max-bytes", "0", VALID],
    ["--", VALID],
    ["-", VALID],
    ["-fjson", VALID],
    ["-f=json", VALID],
    ["--strict=yes", TODO],
    ["--format"],
    ["--select", "-q", TODO],
    ["--versio"],
]


def both_ways(run: Run, monkeypatch: pytest.MonkeyPatch, args: list[str], env: dict[str, str]) -> tuple[Result, Result]:
    fast = run("validate", *args, env=env)
    with monkeypatch.context() as patch:
        patch.setattr(validate_run, "fast_options", lambda args: None)
        typer = run("validate", *args, env=env)
    return fast, typer


@pytest.mark.parametrize("lang", list(LANGUAGES))
@pytest.mark.parametrize("args", FAST, ids=lambda a: " ".join(Path(x).name if "/" in x else x for x in a) or "-")
def test_fast_path_answers_like_typer(run: Run, monkeypatch: pytest.MonkeyPatch, args: list[str], lang: str) -> None:
    monkeypatch.chdir(ROOT)
    assert validate_run.fast_options(["validate", *args]) is not None
    fast, typer = both_ways(run, monkeypatch, args, LANGUAGES[lang])
    assert (fast.exit_code, fast.stdout, fast.stderr) == (typer.exit_code, typer.stdout, typer.stderr)
    assert "Traceback" not in fast.stderr


@pytest.mark.parametrize("lang", list(LANGUAGES))
@pytest.mark.parametrize("args", TYPER, ids=" ".join)
def test_other_shapes_go_to_typer(run: Run, monkeypatch: pytest.MonkeyPatch, args: list[str], lang: str) -> None:
    monkeypatch.chdir(ROOT)
    assert validate_run.fast_options(["validate", *args]) is None
    result = run("validate", *args, env=LANGUAGES[lang])
    assert result.exit_code in (0, 2)
    assert "Traceback" not in result.stderr


def test_the_fast_path_is_taken(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    main = sys.modules["kltransfer.cli.main"]  # the package's name "main" is the function

    def refuse(args: list[str]) -> int:
        raise AssertionError(f"typer was asked: {args}")

    monkeypatch.setattr(main, "_run_typer", refuse)
    result = run("validate", "-q", "--format", "json", MISSPELT)
    assert result.exit_code == 1
    assert '"code": "KT101"' in result.stdout


def test_an_unknown_option_gets_typers_message_in_german(run: Run) -> None:
    result = run("validate", "--lang", "de", VALID, env=LANGUAGES["de"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Fehler: Unbekannte Option '--lang'." in result.stderr


def test_fast_options_read_values_as_click_does() -> None:
    options = validate_run.fast_options(
        ["validate", "a", "--select", "KT1", "-f", "json", "b", "--select=KT2", "--jobs", "007", "--format=text", "-q"]
    )
    assert options == {
        "paths": ["a", "b"],
        "select": ["KT1", "KT2"],
        "output_format": "text",
        "jobs": 7,
        "errors_only": True,
    }
    assert validate_run.fast_options(["export", "a"]) is None


def test_shell_completion_goes_to_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_KLTRANSFER_COMPLETE", "bash_complete")
    assert validate_run.fast_options(["validate", VALID]) is None


def test_one_file_validate_imports_neither_click_nor_typer(tmp_path: Path) -> None:
    """Outside a project (no pyproject.toml to read, so no tomllib either); nor dataclasses, which
    imports inspect (kltransfer/record.py)."""
    code = (
        "import sys\n"
        "from kltransfer.cli.main import run\n"
        f"code = run(['validate', {VALID!r}])\n"
        "heavy = ('click', 'typer', 'rich', 'jinja2', 'difflib', 'tomllib', 'dataclasses', 'inspect', 'typing')\n"
        "print(code, sorted(m for m in heavy if m in sys.modules))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "0 []"


def test_warm_cache_validate_imports_neither_fastjsonschema_nor_hashlib(tmp_path: Path) -> None:
    """With the gate cached, a run loads its code: no fastjsonschema, no OpenSSL for the key."""
    code = (
        "import sys\n"
        "from kltransfer.cli.main import run\n"
        f"code = run(['validate', {VALID!r}])\n"
        "heavy = ('fastjsonschema', 'hashlib', '_hashlib', 'tempfile')\n"
        "print(code, sorted(m for m in heavy if m in sys.modules))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "KLTRANSFER_CACHE_DIR": str(tmp_path / "cache")}
    lines = []
    for _ in range(2):  # the first run fills the cache, the second only reads it
        proc = subprocess.run(
            [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True, check=False
        )
        assert proc.returncode == 0, proc.stderr
        lines.append(proc.stdout.strip().splitlines()[-1])
    assert lines[0].startswith("0 [") and "fastjsonschema" in lines[0]
    assert lines[1] == "0 []"


def test_the_fast_exit_writes_all_of_a_large_report_into_a_pipe(tmp_path: Path) -> None:
    """The process ends without tearing the interpreter down (main._exit_without_teardown): what
    it wrote must all arrive, and the exit code must be the run's."""
    import json

    command = [sys.executable, "-m", "kltransfer", "validate", "--format", "sarif", str(CORPUS / "invalid")]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": ""}
    proc = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, check=False)
    assert proc.returncode == 1, proc.stderr
    assert len(proc.stdout) > 100_000  # more than a pipe holds: written while the reader reads
    (run,) = json.loads(proc.stdout)["runs"]
    assert len(run["results"]) > 100
    assert proc.stderr == b""


EXIT_RUN = """
import atexit, sys
class Mark:
    def __del__(self):
        sys.stderr.write("torn down\\n")
mark = Mark()
if sys.argv[1] == "handler":
    atexit.register(sys.stderr.write, "exit handler\\n")
import kltransfer.cli.main
sys.modules["kltransfer.cli.main"]._exit_without_teardown(5)
"""


@pytest.mark.parametrize(("case", "said"), [("none", ""), ("handler", "exit handler\ntorn down\n")])
def test_the_fast_exit_ends_normally_where_something_waits_for_the_end(case: str, said: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-c", EXIT_RUN, case], env=env, capture_output=True, text=True, check=False, timeout=60
    )
    assert (proc.returncode, proc.stderr) == (5, said)
