"""A stdout closed by the caller (``kltransfer validate >&-``; Python then has no ``sys.stdout``) is
an output that cannot be written (exit 2, as on a full disk), not an internal error (exit 3); a
command that writes nothing to stdout (export) is not stopped by it, nor by a closed stderr."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES

GERA = EXAMPLES / "gera-open-data-portal"


def _closed(args: list[str], cwd: Path, *, close: str = ">&-", lang: str = "C.UTF-8") -> subprocess.CompletedProcess:
    script = f'exec "$0" -m kltransfer "$@" {close}'
    env = {**os.environ, "LANG": lang, "LANGUAGE": ""}
    env.pop("KLTRANSFER_DEBUG", None)
    return subprocess.run(
        ["sh", "-c", script, sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize(
    "args",
    [
        ["validate", str(GERA)],
        ["validate", "-f", "sarif", str(GERA)],
        ["check", str(GERA)],
        ["list", str(GERA)],
        ["schema"],
    ],
    ids=["validate", "sarif", "check", "list", "schema"],
)
def test_a_closed_stdout_is_an_output_that_cannot_be_written(tmp_path: Path, args: list[str]) -> None:
    result = _closed(args, tmp_path)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("kltransfer: error: cannot read or write the output: closed\n")
    german = _closed(args, tmp_path, lang="de_DE.UTF-8")
    assert german.returncode == 2
    assert german.stderr.startswith(
        "kltransfer: Fehler: die Ausgabe kann nicht gelesen oder geschrieben werden: geschlossen\n"
    )


@pytest.mark.parametrize("close", [">&-", ">&- 2>&-", "2>&-"])
def test_export_writes_its_files_with_stdout_or_stderr_closed(tmp_path: Path, close: str) -> None:
    result = _closed(["export", "-f", "markdown", "-o", "out", str(GERA)], tmp_path, close=close)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "gera-open-data-portal" / "markdown" / "README.md").is_file()


def test_a_closed_stderr_keeps_the_exit_code_of_the_findings(tmp_path: Path) -> None:
    (tmp_path / "bp").mkdir()
    (tmp_path / "bp" / "blueprint.yaml").write_text('kltransfer: "1.2"\nid: x\n', encoding="utf-8")
    result = _closed(["validate", "bp"], tmp_path, close="2>&-")
    assert result.returncode == 1
    assert "error KT" in result.stdout
