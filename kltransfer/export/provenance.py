"""Where a blueprint comes from: the git repository it lies in (remote, commit, dirty), read
with the hardened git of :mod:`kltransfer.sources.gitcmd` when a bundle or a PDF asks for it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit


@dataclass(frozen=True, slots=True)
class Provenance:
    #: Path of the blueprint file relative to the repository root (or ``<folder>/<file>``).
    path: str
    git: dict[str, Any] | None
    #: Time of the HEAD commit (seconds since the epoch), when there is one.
    commit_time: int | None = None


def strip_credentials(url: str) -> str:
    """A remote URL without user name and password (``https://user:token@host/x`` -> ``https://host/x``).

    scp-like addresses (``git@host:path``) keep their user: it names an SSH account, not a secret.
    """
    if "://" not in url:
        return url
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:  # not an address Python reads: drop whatever stands before an '@' in it
        scheme, _sep, rest = url.partition("://")
        authority, slash, path = rest.partition("/")
        return f"{scheme}://{authority.rpartition('@')[2]}{slash}{path}"
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = host + (f":{port}" if port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def _git(folder: Path, *args: str) -> str | None:
    """The output of a git command in ``folder`` (someone else's: see :mod:`kltransfer.sources.gitcmd`),
    or ``None`` when it fails."""
    from kltransfer.errors import InputError
    from kltransfer.sources.gitcmd import run_git

    try:
        status, out, _err = run_git(list(args), cwd=folder, foreign=True, check=False)
    except InputError:  # git is missing, or took too long
        return None
    return out.decode("utf-8", "surrogateescape") if status == 0 else None


def _remote(folder: Path) -> str | None:
    names = (_git(folder, "remote") or "").split()
    chosen = "origin" if "origin" in names else (sorted(names)[0] if names else None)
    if chosen is None:
        return None
    urls = (_git(folder, "remote", "get-url", "--all", "--", chosen) or "").splitlines()
    return strip_credentials(urls[0]) if urls else None


def read_provenance(blueprint: Path) -> Provenance:
    """The provenance of ``blueprint``; ``git`` is ``None`` outside a repository or without git.

    git runs with the hardened settings of :func:`kltransfer.sources.gitcmd.run_git`: the
    folder's own configuration (an fsmonitor, hooks, filters) never runs a command.
    """
    folder = blueprint.resolve().parent
    fallback = Provenance(f"{folder.name}/{blueprint.name}", None)
    top = _git(folder, "rev-parse", "--show-toplevel")
    if not top or not top.strip():
        return fallback
    root = Path(top.strip()).resolve()
    try:
        relative = blueprint.resolve().relative_to(root)
    except ValueError:
        return fallback
    head = _git(folder, "log", "-1", "--no-show-signature", "--format=%H %ct", "HEAD", "--")
    commit, when = None, None
    if head and len(head.split()) == 2:  # a repository without any commit yet has no HEAD
        commit, when = head.split()[0], int(head.split()[1])
    inside = relative.parent.as_posix() or "."
    changes = _git(
        root, "status", "--porcelain", "-z", "--untracked-files=all", "--ignore-submodules=all", "--", inside
    )
    if changes is None:
        return fallback
    info = {"remote": _remote(root), "commit": commit, "dirty": bool(changes)}
    return Provenance(relative.as_posix(), info, when)
