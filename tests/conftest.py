"""Shared fixtures: an isolated environment for every test and a runner for the CLI."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.adoption_helpers import Upstream

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


@pytest.fixture(autouse=True)
def isolated(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No colour, a fixed width, English messages, private cache/config dirs and a known git identity."""
    from kltransfer.i18n import set_language

    home = tmp_path_factory.mktemp("home")
    # English unless a test asks otherwise; LANGUAGE is set (empty) so that a run that binds it is undone
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("LANGUAGE", "")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    set_language("en")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("KLTRANSFER_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "kltransfer-cache"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Test Author")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "author@example.org")
    monkeypatch.setenv("GIT_COMMITTER_NAME", "Test Author")
    monkeypatch.setenv("GIT_COMMITTER_EMAIL", "author@example.org")
    (home / ".gitconfig").write_text(
        "[user]\n\tname = Test Author\n\temail = author@example.org\n[init]\n\tdefaultBranch = main\n"
        '[protocol "file"]\n\tallow = always\n',
        encoding="utf-8",
    )


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Run the CLI in-process, like a user would (exit code, stdout, stderr)."""
    from kltransfer.cli.main import run as cli_run

    def invoke(*args: str | os.PathLike[str], stdin: str = "", env: Mapping[str, str] | None = None) -> Result:
        out, err = io.StringIO(), io.StringIO()
        with monkeypatch.context() as patch:
            for key, value in (env or {}).items():
                patch.setenv(key, value)
            patch.setattr(sys, "stdout", out)
            patch.setattr(sys, "stderr", err)
            patch.setattr(sys, "stdin", io.StringIO(stdin))
            code = cli_run([os.fspath(a) for a in args])
        return Result(code, out.getvalue(), err.getvalue())

    return invoke


def write_tree(root: Path, files: Mapping[str, str | bytes]) -> Path:
    """Create files from a mapping of relative path to content."""
    for rel, content in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return root


@pytest.fixture
def tree(tmp_path: Path) -> Callable[[Mapping[str, str | bytes]], Path]:
    return lambda files: write_tree(tmp_path, files)


@pytest.fixture
def upstream(tmp_path: Path) -> Upstream:
    """A city's repository with the Gera example released as tag v1.0.0 (a bare remote + clone)."""
    from tests.adoption_helpers import Upstream  # it imports this module: not at the top

    repo = Upstream(tmp_path / "upstream")
    repo.copy_example()
    repo.release("v1.0.0", "first release")
    return repo
