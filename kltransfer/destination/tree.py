"""Output trees (``export``, ``catalog build``): built whole beside the destination, switched in at once.

A run

1. checks the destination before any work (:meth:`OutputTree.check`): not a link, not a file,
   not equal to, inside or around a source, and either new, empty, an earlier output of the
   same command (its manifest) or, with ``force``, any folder;
2. takes the lock beside it (:mod:`.lock`), finishes or undoes a killed earlier run, and
   builds the complete new tree in a staging folder ``.<name>.kltransfer-<run>`` beside it
   (:meth:`OutputTree.staged`), with ordinary permissions (0755/0644 under umask 022);
3. on :meth:`Staging.commit`: records every file it wrote with its SHA-256 in the manifest;
   carries into the new tree, as hard links where possible, everything of the old tree that
   kltransfer did not write or that was changed since (a changed file at a path the run
   writes again is kept beside as ``<name>.kept``; a symbolic link there refuses the run);
   then swaps the two folders in one step (:mod:`.switch`);
4. deletes from the old tree only what the previous manifest lists with a matching hash, or
   what now lives on in the new tree (the same file); anything else found there is moved into
   the new output. Folders are removed only when empty.

Killed at any moment, the destination is the previous output or the complete new one; the
next run into it removes the staging folder (or the old tree) of the killed run, which its
lock file names.
"""

from __future__ import annotations

import bisect
import errno
import hashlib
import os
import secrets
import shutil
import stat
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kltransfer.destination.errors import OutputRefused
from kltransfer.destination.files import sha256_file
from kltransfer.destination.lock import RunLock
from kltransfer.destination.manifest import Manifest
from kltransfer.destination.overlap import SourceRoots
from kltransfer.destination.paths import (
    check_creatable,
    create_folder,
    inside,
    make_folders,
    plain_parts,
    real_folder,
)
from kltransfer.destination.switch import exchange, pause
from kltransfer.errors import OutputError
from kltransfer.i18n import _

_StatKey = tuple[int, int, int, int]
_NO_LINK = {errno.EPERM, errno.EMLINK, errno.EXDEV, errno.EACCES, errno.ENOTSUP, errno.EOPNOTSUPP}


def _key(info: os.stat_result) -> _StatKey:
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)


def _identity(path: Path) -> list[int] | None:
    """The (device, inode) of ``path`` as recorded in the lock file."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    return [info.st_dev, info.st_ino]


def _empty(folder: Path) -> bool:
    with os.scandir(folder) as entries:
        return next(entries, None) is None


def _is_folder(path: Path) -> bool:
    """Whether ``path`` is a folder (a link to one is not)."""
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def _join(folder: str, name: str) -> str:
    return f"{folder}/{name}" if folder else name


@dataclass(slots=True)
class Written:
    """What a commit did, for the report to the user."""

    out: Path
    #: Files this run wrote.
    files: int = 0
    #: Files of the previous run that this run did not write again, deleted.
    removed: int = 0
    #: (path, kept as): files in the way of this run's files, kept beside them.
    kept: list[tuple[str, str]] = field(default_factory=list)
    #: Files and folders kltransfer did not write, seen for the first time; they stay.
    theirs: list[str] = field(default_factory=list)
    #: Files that appeared in the output while the run worked; moved into the new output.
    moved: list[str] = field(default_factory=list)
    #: Folders left behind that the user should look at (they hold what could not be placed).
    left: list[str] = field(default_factory=list)
    #: What was done about a killed earlier run (``finished``/``undone``), if anything.
    recovered: str = ""


class OutputTree:
    """The destination of one ``export`` or ``catalog build`` run."""

    def __init__(
        self,
        out: str | os.PathLike[str],
        *,
        command: str,
        manifest: str,
        force: bool = False,
        sources: SourceRoots | Iterable[str | os.PathLike[str]] = (),
        option: str = "--out",
    ) -> None:
        self.shown = Path(out)
        absolute = Path(os.path.normpath(Path(out).absolute()))
        self.name = absolute.name
        self.parent = Path(os.path.realpath(absolute.parent))
        self.out = self.parent / self.name
        self.command = command
        self.manifest = manifest
        self.force = force
        self.sources = sources if isinstance(sources, SourceRoots) else SourceRoots(sources)
        self.option = option
        #: The manifest of the output in place (read by :meth:`check`), if it is an earlier one.
        self.previous: Manifest | None = None

    def check(self, *, sources: bool = True) -> None:
        """Refuse a destination that must not be written, before any work is done.

        ``sources=False``: the check again under the lock, of what may have changed meanwhile (the
        source rule, checked once per run, cannot have).
        """
        if not self.name or self.out == self.parent:
            raise OutputRefused(_("'{path}' cannot be an output folder", path=self.shown), hint=_("give a folder name"))
        exists = real_folder(self.out)
        if sources:
            self.sources.check(self.shown, option=self.option)
        self.previous = None
        if not exists:
            check_creatable(self.shown, self.option)  # not below a file
            return
        self.previous = Manifest.read(self.out / self.manifest, self.command)
        if self.previous is None and not self.force and not _empty(self.out):
            raise OutputRefused(
                _(
                    "the folder '{path}' is not empty and was not written by kltransfer {command}",
                    path=self.shown,
                    command=self.command,
                ),
                hint=_(
                    "choose a new or empty folder, or pass --force to write into it "
                    "(kltransfer keeps every file in it that it did not write)"
                ),
            )

    def _staging_name(self, run: str) -> str:
        return f".{self.name}.kltransfer-{run}"

    def begin(self) -> Staging:
        """Take the lock, finish or undo a killed earlier run, and make an empty staging folder.

        Always end with :meth:`Staging.close` (``try``/``finally``), or use :meth:`staged`.
        """
        create_folder(self.parent, self.option)
        lock = RunLock(self.parent, self.name, self.shown)
        lock.acquire()
        try:
            recovered = self._recover(lock)
            self.check(sources=False)
            run = secrets.token_hex(8)
            root = self.parent / self._staging_name(run)
            lock.write_record({"destination": str(self.out), "run": run, "staging": root.name, "phase": "building"})
            try:
                root.mkdir(0o777)
                folder = os.lstat(root)
            except OSError as exc:
                lock.write_record(None)
                raise _cannot_write(self.shown, exc, self.option) from None
            # the staging folder's identity tells the next run whether a killed run switched
            record = {
                "destination": str(self.out),
                "run": run,
                "staging": root.name,
                "folder": [folder.st_dev, folder.st_ino],
                "phase": "building",
            }
            lock.write_record(record)
        except BaseException:
            lock.release(remove=lock.read_record() is None)
            raise
        stage = Staging(self, lock, root, record)
        stage.written.recovered = recovered
        return stage

    @contextmanager
    def staged(self) -> Iterator[Staging]:
        """:meth:`begin` and :meth:`Staging.close` as a context."""
        stage = self.begin()
        try:
            yield stage
        finally:
            stage.close()

    # -- a killed earlier run -------------------------------------------------------------

    def _ours(self, name: Any, run: str, suffix: str = "") -> Path | None:
        """The folder ``name`` beside the destination, when it is provably a staging folder of run ``run``."""
        if not isinstance(name, str) or name != self._staging_name(run) + suffix:
            return None
        path = self.parent / name
        try:
            info = os.lstat(path)
        except OSError:
            return None
        if not stat.S_ISDIR(info.st_mode) or (hasattr(os, "geteuid") and info.st_uid != os.geteuid()):
            return None
        return path

    def _recover(self, lock: RunLock) -> str:
        """Finish or undo what a killed run into this destination left; returns what was done."""
        record = lock.read_record()
        if not record:
            return ""
        run = record.get("run")
        if not isinstance(run, str) or not run.isalnum() or record.get("destination") != str(self.out):
            lock.write_record(None)
            return ""
        staging = self._ours(record.get("staging"), run)
        old = self._ours(record.get("old"), run, "-old")
        done = "undone"
        if real_folder(self.out) and _identity(self.out) == record.get("folder"):  # it switched: the old tree is left
            for folder in (staging, old):
                if folder is not None:
                    _clean_old_tree(folder, self.out, self.manifest, self.command, None, Written(self.out))
            done = "finished"
        elif not os.path.lexists(self.out) and old is not None:  # killed between the two renames
            # the record says "moving" only once the new tree is complete (its manifest written)
            if staging is not None and record.get("phase") == "moving" and _identity(staging) == record.get("folder"):
                staging.rename(self.out)
                _clean_old_tree(old, self.out, self.manifest, self.command, None, Written(self.out))
                done = "finished"
            else:
                old.rename(self.out)
                if staging is not None:
                    shutil.rmtree(staging, ignore_errors=True)
        elif staging is not None:  # it did not switch: its staging folder holds only its own work
            shutil.rmtree(staging, ignore_errors=True)
        lock.write_record(None)
        return done


class Staging:
    """The new tree being built; hand it to writers (:meth:`write`), then :meth:`commit` it."""

    def __init__(self, tree: OutputTree, lock: RunLock, root: Path, record: dict[str, Any]) -> None:
        self.tree = tree
        self.lock = lock
        self.root = root
        #: What the lock file says about this run (for the next run, should this one be killed).
        self.record = record
        #: ``building``, ``switched`` (the old tree still to be cleaned up) or ``done``.
        self.phase = "building"
        self.written = Written(tree.shown)
        #: rel -> (SHA-256, inode) of files whose hash is known without reading them again.
        self._known: dict[str, tuple[str, int]] = {}
        self._reused: set[tuple[int, int]] = set()
        self._previous_files: list[str] | None = None

    def _note(self, **changes: Any) -> None:
        self.record.update(changes)
        self.lock.write_record(self.record)

    def close(self) -> None:
        """End the run: without a commit the staging folder goes; the lock is released.

        After a switch whose clean-up failed, the record stays in the lock file for the next run.
        """
        if self.phase == "building":
            shutil.rmtree(self.root, ignore_errors=True)
            self.lock.write_record(None)
        self.lock.release(remove=self.phase != "switched")

    # -- writing ---------------------------------------------------------------------------

    def write(self, rel: str, content: bytes | str | Iterable[str]) -> None:
        """Write the file ``rel`` (a relative POSIX path) of the new tree."""
        parts = plain_parts(rel)
        folder = make_folders(self.root, parts[:-1])
        digest = hashlib.sha256()
        target = folder / parts[-1]
        # a file taken over by :meth:`reuse` may be a hard link to the live tree: replaced, never written through
        target.unlink(missing_ok=True)
        with open(target, "xb") as fh:
            if isinstance(content, (bytes, str)):
                content = [content]  # type: ignore[list-item]
            for chunk in content:
                data = chunk.encode("utf-8") if isinstance(chunk, str) else chunk
                digest.update(data)
                fh.write(data)
            self._known[rel] = (digest.hexdigest(), os.fstat(fh.fileno()).st_ino)

    def copy(self, rel: str, source: Path) -> None:
        """Write the file ``rel`` with the bytes of ``source`` (a file of kltransfer's own, such as a template)."""
        self.write(rel, source.read_bytes())

    def path(self, rel: str) -> Path:
        """Where ``rel`` lies in the staging folder (its folders created), for writers that need a path."""
        parts = plain_parts(rel)
        return make_folders(self.root, parts[:-1]) / parts[-1]

    def reuse(self, prefix: str) -> bool:
        """Take the previous run's files below ``prefix`` (a folder) into the new tree unchanged.

        Every file is checked against its recorded SHA-256 first; when any is missing, changed or
        lies behind a link, nothing is taken and ``False`` says: render it again.
        """
        previous = self.tree.previous
        if previous is None:
            return False
        if self._previous_files is None:
            self._previous_files = sorted(previous.files)
        start = prefix.rstrip("/") + "/"
        first = bisect.bisect_left(self._previous_files, start)
        rels = []
        for rel in self._previous_files[first:]:
            if not rel.startswith(start):
                break
            rels.append(rel)
        if not rels:
            return False
        taken: list[Path] = []
        try:
            for rel in rels:
                source = inside(self.tree.out, rel)
                if sha256_file(source) != previous.files[rel]:
                    raise FileNotFoundError(rel)
                parts = plain_parts(rel)
                target = make_folders(self.root, parts[:-1]) / parts[-1]
                _link_or_copy(source, target, os.lstat(source))
                taken.append(target)
                info = os.lstat(target)
                self._known[rel] = (previous.files[rel], info.st_ino)
                self._reused.add((info.st_dev, info.st_ino))
        except (OSError, OutputRefused):
            for target in taken:
                target.unlink(missing_ok=True)
            return False
        return True

    # -- committing ------------------------------------------------------------------------

    def commit(self, data: dict[str, Any]) -> Written:
        """Record, carry over, switch into place and clean up; see the module docstring."""
        tree = self.tree
        written = self.written
        try:
            files, folders, inodes = self._scan()
            written.files = len(files)
            carry = _Carry(self, files)
            pause("before-carry")
            if os.path.lexists(tree.out):
                carry.run()
            manifest = Manifest(tree.command, files, folders | carry.folders, carry.theirs, data)
            with open(self.root / tree.manifest, "w", encoding="utf-8") as fh:
                for chunk in manifest.chunks():
                    fh.write(chunk)
            old_mode = None
            if os.path.lexists(tree.out):
                old_mode = stat.S_IMODE(os.lstat(tree.out).st_mode)
                self.root.chmod(old_mode)
            self._note(phase="switching")
        except OutputError:
            raise
        except OSError as exc:
            raise _cannot_write(tree.shown, exc, tree.option) from None
        pause("before-switch")
        old_tree = self._switch(old_mode is not None)
        self.phase = "switched"
        self._note(phase="switched")
        pause("after-switch")
        if old_tree is not None:
            accounted = carry.accounted

            def known(rel: str, info: os.stat_result) -> bool:
                if accounted.get(rel) == _key(info) or (info.st_dev, info.st_ino) in inodes:
                    return True
                return (info.st_dev, info.st_ino) in carry.linked

            _clean_old_tree(old_tree, tree.out, tree.manifest, tree.command, known, written)
            written.removed = len(carry.ours - set(files))
        self.lock.write_record(None)
        self.phase = "done"
        return written

    def _scan(self) -> tuple[dict[str, str], set[str], set[tuple[int, int]]]:
        """Every file of the new tree with its SHA-256, its folders, and the (device, inode) of its files."""
        files: dict[str, str] = {}
        folders: set[str] = set()
        inodes: set[tuple[int, int]] = set()
        stack = [""]
        while stack:
            folder = stack.pop()
            with os.scandir(self.root / folder if folder else self.root) as entries:
                for entry in entries:
                    rel = _join(folder, entry.name)
                    info = entry.stat(follow_symlinks=False)
                    if stat.S_ISDIR(info.st_mode):
                        folders.add(rel)
                        stack.append(rel)
                        continue
                    if not stat.S_ISREG(info.st_mode) or rel == self.tree.manifest:
                        raise OutputRefused(
                            _("'{path}' in the staging folder is not a file kltransfer wrote", path=entry.path),
                            hint=_("this is a defect of kltransfer; nothing was changed in the output"),
                        )
                    known = self._known.get(rel)
                    digest = known[0] if known and known[1] == info.st_ino else sha256_file(entry.path)
                    if digest is None:
                        raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), entry.path)
                    files[rel] = digest
                    inodes.add((info.st_dev, info.st_ino))
        return files, folders, inodes

    def _switch(self, replace: bool) -> Path | None:
        """Put the staging folder in the destination's place; returns where the old tree now lies."""
        tree = self.tree
        try:
            if not replace:
                self.root.rename(tree.out)
                return None
            if exchange(self.root, tree.out):
                return self.root
            old = self.tree.parent / (self.root.name + "-old")
            self._note(phase="moving", old=old.name)
            tree.out.rename(old)
            self.phase = "switched"  # from here on the next run completes the switch
            pause("between-renames")
            try:
                self.root.rename(tree.out)
            except OSError:
                old.rename(tree.out)  # put the previous output back at once
                self._note(phase="building", old=None)
                self.phase = "building"
                raise
            return old
        except OSError as exc:
            from kltransfer.i18n.reasons import os_reason

            raise OutputError(
                _(
                    "cannot move the new output into place at '{path}': {reason}",
                    path=tree.shown,
                    reason=os_reason(exc),
                ),
                hint=_(
                    "the output folder must be an ordinary folder that can be renamed (not a mount point); "
                    "give a new folder inside it instead"
                ),
            ) from None


class _Carry:
    """Carries what kltransfer did not write from the old tree into the staging folder."""

    def __init__(self, stage: Staging, files: dict[str, str]) -> None:
        self.stage = stage
        self.files = files
        self.previous = stage.tree.previous
        self.old = stage.tree.out
        self.new = stage.root
        #: old rel -> stat key of everything whose deletion from the old tree loses nothing.
        self.accounted: dict[str, _StatKey] = {}
        #: (device, inode) of the items carried as hard links.
        self.linked: set[tuple[int, int]] = set()
        #: Files of the previous run found unchanged.
        self.ours: set[str] = set()
        #: Paths in the new tree of what was carried (theirs) and the folders made for it (ours).
        self.theirs: set[str] = set()
        self.folders: set[str] = set()
        self._modes: list[tuple[Path, int]] = []

    def run(self) -> None:
        self._walk("", "", noticed=False)
        for path, mode in reversed(self._modes):  # their folders get their own permissions back, innermost first
            path.chmod(mode)

    def _ours_unchanged(self, rel: str, path: str, info: os.stat_result) -> bool:
        previous = self.previous
        if previous is None or not stat.S_ISREG(info.st_mode) or rel not in previous.files:
            return False
        if (info.st_dev, info.st_ino) in self.stage._reused:
            return True
        return sha256_file(path) == previous.files[rel]

    def _free(self, rel: str) -> bool:
        return rel != self.stage.tree.manifest and not os.path.lexists(self.new / rel)

    def _kept_name(self, rel: str, taken: set[str]) -> str:
        folder, _sep, name = rel.rpartition("/")
        number = 1
        while True:
            candidate = f"{name}.kept" if number == 1 else f"{name}.kept-{number}"
            full = _join(folder, candidate)
            if candidate not in taken and self._free(full):
                return full
            number += 1

    def _folder(self, rel: str) -> None:
        """Make sure the folder ``rel`` of the new tree exists (one of ours, made for what is carried)."""
        if rel and not _is_folder(self.new / rel):
            made: list[Path] = []
            make_folders(self.new, tuple(rel.split("/")), made)
            for path in made:
                self.folders.add(path.relative_to(self.new).as_posix())

    def _walk(self, old_folder: str, new_folder: str, *, noticed: bool) -> None:
        previous = self.previous
        top = not old_folder
        with os.scandir(self.old / old_folder if old_folder else self.old) as scan:
            entries = sorted(scan, key=lambda e: e.name)
        taken = {e.name for e in entries}
        for entry in entries:
            rel = _join(old_folder, entry.name)
            target = _join(new_folder, entry.name)
            info = entry.stat(follow_symlinks=False)
            if top and entry.name == self.stage.tree.manifest and previous is not None:
                self.accounted[rel] = _key(info)  # the previous manifest: replaced by the new one
                continue
            if stat.S_ISDIR(info.st_mode):
                # a folder counts as ours only when listed and not empty: an empty one proves nothing
                mine = previous is not None and rel in previous.folders and not _empty(Path(entry.path))
                if os.path.lexists(self.new / target) and not _is_folder(self.new / target):
                    kept = self._kept_name(target, taken)
                    if mine:  # a folder of ours where a file of ours stands now: only what it holds of theirs is kept
                        self._walk(rel, kept, noticed=noticed)
                        if _is_folder(self.new / kept):
                            self.stage.written.kept.append((rel, kept))
                        continue
                    self.stage.written.kept.append((rel, kept))
                    target = kept
                if not mine and not _is_folder(self.new / target):
                    self._folder(new_folder)
                    (self.new / target).mkdir(0o700)
                    self._modes.append((self.new / target, stat.S_IMODE(info.st_mode)))
                    self.theirs.add(target)
                    if not noticed and (previous is None or rel not in previous.theirs):
                        self.stage.written.theirs.append(rel)
                    self._walk(rel, target, noticed=True)
                else:
                    self._walk(rel, target, noticed=noticed)
                continue
            if self._ours_unchanged(rel, entry.path, info):
                self.ours.add(rel)
                self.accounted[rel] = _key(info)
                continue
            if not self._free(target):
                if stat.S_ISLNK(info.st_mode):
                    raise OutputRefused(
                        _(
                            "'{path}' is a symbolic link where kltransfer writes its own file; "
                            "it neither follows nor replaces it",
                            path=self.stage.tree.shown / rel,
                        ),
                        hint=_("remove the link and run again; nothing was changed"),
                    )
                if stat.S_ISREG(info.st_mode) and self.files.get(target) == sha256_file(entry.path):
                    self.accounted[rel] = _key(info)  # the same bytes as the new file: nothing is lost
                    continue
                kept = self._kept_name(target, taken)
                self.stage.written.kept.append((rel, kept))
                target = kept
            elif not noticed and (previous is None or rel not in previous.theirs):
                self.stage.written.theirs.append(rel)
            self._folder(new_folder)
            if _link_or_copy(Path(entry.path), self.new / target, info):
                self.linked.add((info.st_dev, info.st_ino))
            self.accounted[rel] = _key(info)
            self.theirs.add(target)


def _link_or_copy(source: Path, target: Path, info: os.stat_result) -> bool:
    """Put ``source`` (never followed if a link) at ``target``: a hard link, else a copy. ``True``: linked."""
    try:
        os.link(source, target, follow_symlinks=False)
        return True
    except NotImplementedError:  # pragma: no cover - Windows cannot link a link itself
        pass
    except OSError as exc:
        if exc.errno not in _NO_LINK:
            raise
    if stat.S_ISREG(info.st_mode):
        shutil.copy2(source, target, follow_symlinks=False)
    elif stat.S_ISLNK(info.st_mode):
        target.symlink_to(source.readlink())
    elif stat.S_ISFIFO(info.st_mode):
        os.mkfifo(target, stat.S_IMODE(info.st_mode))
    else:
        raise OutputRefused(
            _("'{path}' is neither a file nor a folder and cannot be kept in the new output", path=source),
            hint=_("move it out of the output folder and run again; nothing was changed"),
        )
    return False


def _clean_old_tree(
    root: Path,
    out: Path,
    manifest: str,
    command: str,
    known: Callable[[str, os.stat_result], bool] | None,
    written: Written,
) -> None:
    """Empty the old tree ``root`` after a switch, deleting only what loses nothing.

    A file goes when ``known`` says so (carried, or verified unchanged by this run), when the
    old tree's manifest lists it with a matching hash, or when the same file (inode) or the same
    bytes lie at its place in the new output ``out``. Anything else is moved into ``out``.
    """
    previous = Manifest.read(root / manifest, command)
    inodes: set[tuple[int, int]] | None = None

    def in_new_tree(info: os.stat_result) -> bool:
        nonlocal inodes
        if inodes is None:
            inodes = set()
            for folder, _dirs, names in os.walk(out):
                for name in names:
                    try:
                        found = os.lstat(Path(folder, name))
                    except OSError:
                        continue
                    inodes.add((found.st_dev, found.st_ino))
        return (info.st_dev, info.st_ino) in inodes

    def deletable(rel: str, path: str, info: os.stat_result) -> bool:
        if known is not None and known(rel, info):
            return True
        if rel == manifest:
            return previous is not None
        if stat.S_ISREG(info.st_mode):
            digest = sha256_file(path)
            if previous is not None and previous.files.get(rel) == digest:
                return True
            if digest is not None and _hash_in(out, rel) == digest:
                return True
        return in_new_tree(info)

    def empty(folder: str) -> bool:
        with os.scandir(root / folder if folder else root) as scan:
            entries = list(scan)
        for entry in entries:
            rel = _join(folder, entry.name)
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISDIR(info.st_mode):
                if empty(rel):
                    Path(entry.path).rmdir()
                continue
            if deletable(rel, entry.path, info):
                Path(entry.path).unlink()
            elif _move_in(Path(entry.path), out, rel):
                written.moved.append(rel)
        return _empty(root / folder if folder else root)

    if empty(""):
        root.rmdir()
    else:
        written.left.append(str(root))


def _hash_in(folder: Path, rel: str) -> str | None:
    """The SHA-256 of the file ``rel`` below ``folder``; ``None`` when it is not a file or lies behind a link."""
    try:
        return sha256_file(inside(folder, rel))
    except OutputRefused:
        return None


def _move_in(source: Path, out: Path, rel: str) -> bool:
    """Move ``source`` to ``rel`` in the output (``<name>.kept`` beside what is in the way); ``False`` if impossible."""
    parts = tuple(rel.split("/"))
    try:
        folder = make_folders(out, parts[:-1])
    except (OSError, OutputRefused):
        return False
    name, number = parts[-1], 1
    target = folder / name
    while os.path.lexists(target):
        number += 1
        target = folder / (f"{name}.kept" if number == 2 else f"{name}.kept-{number - 1}")
    try:
        source.rename(target)
    except OSError:
        return False
    return True


def _cannot_write(shown: Path, exc: OSError, option: str) -> OutputError:
    from kltransfer.i18n.reasons import os_reason

    return OutputError(
        _("cannot write the output '{path}': {reason}", path=shown, reason=os_reason(exc))
        if not exc.filename
        else _(
            "cannot write the output '{path}': {reason}: '{file}'", path=shown, reason=os_reason(exc), file=exc.filename
        ),
        hint=_("check the free space and that you may write to the folder that holds {option}", option=option),
    )
