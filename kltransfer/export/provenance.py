"""Where a blueprint comes from: the git repository it lies in (remote, commit, dirty), read
with GitPython, which is imported only here and only when a bundle asks for it."""

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
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = host + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def _remote(repo: Any) -> str | None:
    remotes = {r.name: r for r in repo.remotes}
    chosen = remotes.get("origin") or next(iter(sorted(remotes.items())), (None, None))[1]
    if chosen is None:
        return None
    urls = list(chosen.urls)
    return strip_credentials(urls[0]) if urls else None


def read_provenance(blueprint: Path) -> Provenance:
    """The provenance of ``blueprint``; ``git`` is ``None`` outside a repository or without git."""
    fallback = Provenance(f"{blueprint.resolve().parent.name}/{blueprint.name}", None)
    try:
        import git
    except ImportError:  # GitPython is installed with kltransfer, but git itself may be missing
        return fallback
    try:
        repo = git.Repo(blueprint.resolve().parent, search_parent_directories=True)
    except (git.exc.InvalidGitRepositoryError, git.exc.NoSuchPathError, git.exc.GitError, OSError):
        return fallback
    try:
        if repo.working_tree_dir is None:
            return fallback
        root = Path(repo.working_tree_dir).resolve()
        relative = blueprint.resolve().relative_to(root)
        try:
            head = repo.head.commit
            commit, when = head.hexsha, int(head.committed_date)
        except ValueError:  # a repository without any commit yet
            commit, when = None, None
        folder = relative.parent.as_posix() or "."
        dirty = repo.is_dirty(untracked_files=True, path=folder)
        info = {"remote": _remote(repo), "commit": commit, "dirty": bool(dirty)}
        return Provenance(relative.as_posix(), info, when)
    except (git.exc.GitError, ValueError, OSError):
        return fallback
    finally:
        repo.close()
