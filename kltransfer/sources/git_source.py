"""Git sources: a bare mirror in the cache folder, read at a commit without a work tree.

Every git call goes through :func:`kltransfer.sources.gitcmd.run_git`, the one hardened way
kltransfer runs git (see there): only https, ssh, git and file, no hooks, no fsmonitor, no
submodules, no prompts, a scrubbed environment, a timeout on network operations. Values from
people go after ``--`` or ``--end-of-options``.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from kltransfer.errors import InputError, UsageError
from kltransfer.i18n import _
from kltransfer.i18n.numbers import format_number
from kltransfer.sources import versions
from kltransfer.sources.cache import cache_root, mirror_dir
from kltransfer.sources.gitcmd import run_git
from kltransfer.sources.limits import MAX_ENTRIES, MAX_FILE_BYTES, MAX_TOTAL_BYTES
from kltransfer.sources.paths import is_safe
from kltransfer.sources.snapshot import Snapshot

_REF = re.compile(r"^[A-Za-z0-9._/+@-]+$")
_HEX = re.compile(r"^[0-9a-f]{7,64}$")


def _git(
    args: list[str],
    *,
    network: bool = False,
    git_dir: Path | None = None,
    check: bool = True,
) -> tuple[int, bytes, str]:
    """Run git with the safe settings (:func:`kltransfer.sources.gitcmd.run_git`); returns
    (status, stdout bytes, stderr text)."""
    # Never run inside the user's current folder: a repository there must not lend its configuration.
    cwd = git_dir if git_dir is not None else cache_root()
    if git_dir is None:
        cwd.mkdir(parents=True, exist_ok=True)
    return run_git(args, cwd=cwd, git_dir=git_dir, network=network, check=check)


@dataclass(slots=True)
class TreeEntry:
    path: str
    mode: str
    sha: str
    size: int


class GitMirror:
    """A bare mirror of one repository in the cache folder."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.path = mirror_dir(url)

    @property
    def cached(self) -> bool:
        return (self.path / "HEAD").is_file()

    def ensure(self, *, offline: bool) -> None:
        """Clone the mirror, or fetch into it; with ``offline`` only check that it exists."""
        if offline:
            if not self.cached:
                raise InputError(
                    _("'{url}' is not in the cache, and --offline forbids fetching it", url=self.url),
                    hint=_("run once without --offline to fill the cache"),
                )
            return
        if self.cached:
            _git(["fetch", "--prune", "--no-recurse-submodules", "--quiet", "origin"], network=True, git_dir=self.path)
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".clone-", dir=self.path.parent))
        try:
            target = staging / "mirror.git"
            local = ["--no-local"] if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", self.url) else []
            _git(
                ["clone", "--mirror", "--quiet", "--no-recurse-submodules", *local, "--", self.url, str(target)],
                network=True,
            )
            if self.path.exists():  # another process finished first
                return
            target.rename(self.path)
        finally:
            shutil.rmtree(staging, ignore_errors=True)

    def _rev(self, name: str) -> str | None:
        status, out, _err = _git(
            ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{name}^{{commit}}"],
            git_dir=self.path,
            check=False,
        )
        return out.decode().strip() if status == 0 and out.strip() else None

    def tags(self) -> dict[str, str]:
        """Every tag and the commit it points to."""
        _status, out, _err = _git(
            ["for-each-ref", "--format=%(refname:strip=2)%00%(objectname)%00%(*objectname)", "refs/tags"],
            git_dir=self.path,
        )
        found: dict[str, str] = {}
        for line in out.decode("utf-8", "replace").splitlines():
            name, obj, peeled = ([*line.split("\x00"), "", ""])[:3]
            found[name] = peeled or obj
        return found

    def branches(self) -> dict[str, str]:
        _status, out, _err = _git(
            ["for-each-ref", "--format=%(refname:strip=2)%00%(objectname)", "refs/heads"], git_dir=self.path
        )
        return dict(line.split("\x00", 1) for line in out.decode("utf-8", "replace").splitlines() if "\x00" in line)

    def default_branch(self) -> str | None:
        status, out, _err = _git(["symbolic-ref", "--quiet", "--short", "HEAD"], git_dir=self.path, check=False)
        return out.decode().strip() or None if status == 0 else None

    def default_ref(self) -> str:
        """The newest version tag, else the default branch."""
        tag = versions.newest(self.tags())
        if tag:
            return tag
        branch = self.default_branch()
        if branch and branch in self.branches():
            return branch
        raise InputError(_("'{url}' has no version tag and no default branch", url=self.url), hint=_("give --ref"))

    def resolve(self, ref: str) -> str:
        """The commit that a tag, branch or commit id names."""
        if not _REF.match(ref) or ref.startswith("-") or ".." in ref:
            raise UsageError(
                _("'{ref}' is not a tag, branch or commit name", ref=ref), hint=_("give e.g. --ref v1.2.0")
            )
        for candidate in (f"refs/tags/{ref}", f"refs/heads/{ref}"):
            commit = self._rev(candidate)
            if commit:
                return commit
        if _HEX.match(ref):
            commit = self._rev(ref)
            if commit:
                return commit
        raise InputError(
            _("'{ref}' is neither a tag, a branch nor a commit of '{url}'", ref=ref, url=self.url),
            hint=_("list the tags with 'git ls-remote --tags URL'"),
        )

    def commit_time(self, commit: str) -> int | None:
        """When ``commit`` was made (seconds since the epoch), or ``None``."""
        status, out, _err = _git(["show", "-s", "--format=%ct", commit, "--"], git_dir=self.path, check=False)
        text = out.decode().strip()
        return int(text) if status == 0 and text.isdigit() else None

    def is_ancestor(self, older: str, newer: str) -> bool:
        status, _out, _err = _git(
            ["merge-base", "--is-ancestor", "--end-of-options", older, newer], git_dir=self.path, check=False
        )
        return status == 0

    def tree(self, commit: str) -> list[TreeEntry]:
        """Regular files of ``commit`` (links and submodules are left out), with sizes."""
        _status, out, _err = _git(
            ["ls-tree", "-r", "-z", "-l", "--full-tree", "--end-of-options", commit], git_dir=self.path
        )
        entries = []
        for record in out.decode("utf-8", "surrogateescape").split("\x00"):
            if not record:
                continue
            meta, _tab, path = record.partition("\t")
            mode, kind, sha, size = meta.split()
            if kind != "blob" or mode not in ("100644", "100755") or not is_safe(path):
                continue
            entries.append(TreeEntry(path, mode, sha, int(size)))
        if len(entries) > MAX_ENTRIES:
            raise InputError(
                _(
                    "the repository holds more than {limit} files at {commit}",
                    limit=format_number(MAX_ENTRIES),
                    commit=commit[:12],
                ),
                hint=_("kltransfer reads blueprint repositories, not large code bases"),
            )
        return entries

    def read_blob(self, sha: str, size: int) -> bytes:
        if size > MAX_FILE_BYTES:
            raise InputError(
                _(
                    "a file of {size} bytes is larger than the limit of {limit}",
                    size=format_number(size),
                    limit=format_number(MAX_FILE_BYTES),
                )
            )
        _status, out, _err = _git(["cat-file", "blob", sha], git_dir=self.path)
        return out


def open_git(url: str, ref: str | None, *, offline: bool) -> Snapshot:
    """A snapshot of ``url`` at ``ref`` (default: newest version tag, else the default branch)."""
    mirror = GitMirror(url)
    mirror.ensure(offline=offline)
    chosen = ref or mirror.default_ref()
    commit = mirror.resolve(chosen)
    entries = {e.path: e for e in mirror.tree(commit)}
    read_total = 0

    def reader(path: str) -> bytes:
        nonlocal read_total
        entry = entries[path]
        read_total += entry.size
        if read_total > MAX_TOTAL_BYTES:
            raise InputError(
                _("the files read from '{url}' exceed {limit} bytes", url=url, limit=format_number(MAX_TOTAL_BYTES))
            )
        return mirror.read_blob(entry.sha, entry.size)

    return Snapshot("git", url, sorted(entries), reader, ref=chosen, commit=commit)
