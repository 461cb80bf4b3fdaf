"""``--git``: make the scaffold folder a repository with a first commit, through GitPython.

The commit is made by the ``git`` program itself, so it uses the person's own identity
(``user.name`` / ``user.email`` or the ``GIT_AUTHOR_*`` variables). Without an identity the
run fails before anything is written, with the command that fixes it.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kltransfer.errors import OutputError, UsageError
from kltransfer.i18n import N_, _, _n

IDENTITY_HINT = N_(
    'set it once with:  git config --global user.name "Your Name"  and  '
    'git config --global user.email "you@example.org"'
)


class GitError(OutputError):
    """git is missing or a git command failed."""

    code = "KT951"


def _git_module() -> Any:
    try:
        import git
    except ImportError as exc:  # GitPython raises ImportError when no git executable is found
        raise GitError(
            _("--git needs the git program, which was not found"),
            hint=_("install git (https://git-scm.com) or leave out --git"),
        ) from exc
    return git


def _identity_part(git: Any, cwd: Path, key: str, env_names: tuple[str, str]) -> str | None:
    for name in env_names:
        if os.environ.get(name, "").strip():
            return os.environ[name]
    try:
        value = git.Git(str(cwd)).config("--get", f"user.{key}")
    except git.GitCommandError:
        return None
    return str(value).strip() or None


def check_identity(near: Path) -> None:
    """Raise a usage error when git has no user name or e-mail address to commit with."""
    git = _git_module()
    cwd = near
    while not cwd.is_dir():
        cwd = cwd.parent
    name = _identity_part(git, cwd, "name", ("GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME"))
    email = _identity_part(git, cwd, "email", ("GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL"))
    missing = [label for label, value in (("user.name", name), ("user.email", email)) if not value]
    if missing:
        raise UsageError(
            _n(
                "--git needs your git identity, but {names} is not set; nothing was written",
                "--git needs your git identity, but {names} are not set; nothing was written",
                len(missing),
                names=missing[0]
                if len(missing) == 1
                else _("{first} and {second}", first=missing[0], second=missing[1]),
            ),
            hint=_(IDENTITY_HINT),
        )


def init_and_commit(folder: Path, files: Sequence[str], message: str) -> str:
    """``git init`` in ``folder``, add ``files`` and commit them; return the commit id."""
    git = _git_module()
    try:
        repo = git.Repo.init(str(folder))
        repo.git.add("--", *files)
        repo.git.commit("--quiet", "-m", message, "--", *files)
        return str(repo.head.commit.hexsha)
    except git.GitCommandError as exc:
        detail = (exc.stderr or "").strip().removeprefix("stderr:").strip().strip("'").strip()
        raise GitError(
            _("git failed in {folder}: {detail}", folder=folder, detail=detail or exc),
            hint=_("the files were written; fix the problem and commit them yourself"),
        ) from exc
