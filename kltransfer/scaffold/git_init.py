"""``--git``: make the scaffold folder a repository with a first commit, with the hardened git runner.

The commit is made by the ``git`` program itself, so it uses the person's own identity
(``user.name`` / ``user.email`` or the ``GIT_AUTHOR_*`` variables). Without an identity the
run fails before anything is written, with the command that fixes it.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from kltransfer.errors import OutputError, UsageError
from kltransfer.i18n import N_, _, _n

IDENTITY_HINT = N_(
    'set it once with:  git config --global user.name "Your Name"  and  '
    'git config --global user.email "you@example.org"'
)


class GitError(OutputError):
    """git is missing or a git command failed."""

    code = "KT951"


def _run(cwd: Path, *args: str, check: bool = True) -> tuple[int, str, str]:
    """git in ``cwd`` through the one hardened runner (:mod:`kltransfer.sources.gitcmd`): a
    ``.git`` already in the folder, or one above it, runs no hook, fsmonitor or filter of its own."""
    from kltransfer.errors import InputError
    from kltransfer.sources.gitcmd import GitFailure, run_git

    try:
        status, out, err = run_git(list(args), cwd=cwd, foreign=True, check=False)
    except GitFailure as exc:
        raise GitError(_("git failed in {folder}: {detail}", folder=cwd, detail=exc.message)) from exc
    except InputError as exc:  # no git program
        raise GitError(
            _("--git needs the git program, which was not found"),
            hint=_("install git (https://git-scm.com) or leave out --git"),
        ) from exc
    if check and status != 0:
        detail = err.strip().splitlines()
        raise GitError(
            _("git failed in {folder}: {detail}", folder=cwd, detail=detail[-1] if detail else status),
            hint=_("the files were written; fix the problem and commit them yourself"),
        )
    return status, out.decode("utf-8", "replace"), err


def _identity_part(cwd: Path, key: str, env_names: tuple[str, str]) -> str | None:
    for name in env_names:
        if os.environ.get(name, "").strip():
            return os.environ[name]
    status, value, _err = _run(cwd, "config", "--get", f"user.{key}", check=False)
    return value.strip() or None if status == 0 else None


def check_identity(near: Path) -> None:
    """Raise a usage error when git has no user name or e-mail address to commit with."""
    cwd = near
    while not cwd.is_dir():
        cwd = cwd.parent
    name = _identity_part(cwd, "name", ("GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME"))
    email = _identity_part(cwd, "email", ("GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL"))
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
    _run(folder, "init", "--quiet")
    _run(folder, "add", "--", *files)
    _run(folder, "commit", "--quiet", "--no-verify", "-m", message, "--", *files)
    return _run(folder, "rev-parse", "--verify", "HEAD^{commit}")[1].strip()
