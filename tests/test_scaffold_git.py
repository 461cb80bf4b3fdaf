"""`kltransfer new --git`: a repository with a first commit under the user's identity, or a clear refusal."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest


def _git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout


def test_git_makes_a_first_commit_with_the_users_identity(run, tmp_path: Path) -> None:
    target = tmp_path / "bp"
    result = run("new", target, "--no-input", "--git", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert "committed as " in result.stderr
    log = _git("log", "--format=%an <%ae>|%s", cwd=target).splitlines()
    assert log == ["Test Author <author@example.org>|Add blueprint scaffold (generic)"]
    assert _git("status", "--porcelain", cwd=target) == ""
    tracked = set(_git("ls-files", cwd=target).split())
    assert {"blueprint.yaml", "README.md", ".gitlab-ci.yml", ".kltransfer-answers.yaml"} <= tracked


def test_git_without_identity_fails_clearly_and_writes_nothing(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty_home = tmp_path / "home"
    empty_home.mkdir()
    monkeypatch.setenv("HOME", str(empty_home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(empty_home / ".config"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "EMAIL"):
        monkeypatch.delenv(name, raising=False)
    target = tmp_path / "bp"
    result = run("new", target, "--no-input", "--git")
    assert result.exit_code == 2
    assert "--git needs your git identity, but user.name and user.email are not set" in result.stderr
    assert 'git config --global user.name "Your Name"' in result.stderr
    assert 'git config --global user.email "you@example.org"' in result.stderr
    assert not target.exists()


def test_dry_run_with_git_creates_no_repository(run, tmp_path: Path) -> None:
    result = run("new", tmp_path / "bp", "--no-input", "--git", "--dry-run")
    assert result.exit_code == 0
    assert not (tmp_path / "bp").exists()
