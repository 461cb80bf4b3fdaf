"""The catalog's sources: every blueprint file of every folder, git repository and bundle given,
with where it came from (for the adopt box, the bundle's provenance and the status page)."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kltransfer.sources.snapshot import Snapshot

_BLUEPRINT_NAMES = ("blueprint.yaml", "blueprint.yml")


@dataclass(frozen=True, slots=True)
class Source:
    """One source as given on the command line, and what it is."""

    #: as the user gave it
    given: str
    #: ``folder``, ``git`` or ``bundle``
    kind: str
    #: the URL or path git was given, or the absolute path of the folder or bundle
    location: str
    ref: str | None = None
    commit: str | None = None
    #: seconds since the epoch of the commit (git) or of the bundle's creation
    time: int | None = None


@dataclass(frozen=True, slots=True)
class Found:
    """One blueprint file found in a source: where it is and how to call it in messages."""

    path: Path
    shown: str
    key: str
    source: Source
    #: the blueprint file's path inside its source (POSIX)
    rel: str

    @property
    def changed(self) -> str | None:
        """The date of the last change: the commit or bundle date, else the newest file in the folder."""
        seconds = self.source.time
        if seconds is None:
            times = [p.stat().st_mtime for p in self.path.parent.rglob("*") if p.is_file() and not _hidden(p, self)]
            seconds = int(max(times)) if times else None
        return dt.datetime.fromtimestamp(seconds, dt.UTC).date().isoformat() if seconds is not None else None


def _hidden(path: Path, found: Found) -> bool:
    return any(part.startswith(".") for part in path.relative_to(found.path.parent).parts)


def iter_sources(sources: Sequence[str], stack: ExitStack, offline: bool) -> Iterator[Found | Source]:
    """Each source's :class:`Source`, then every blueprint file it holds; git sources and bundles
    are unpacked into temporary folders that ``stack`` removes."""
    from kltransfer.sources.spec import classify
    from kltransfer.validation.discovery import discover

    for source in sources:
        spec = classify(source)
        if spec.kind == "folder":
            given = Source(source, "folder", spec.location)
            yield given
            for path in discover([spec.location]):
                rel = Path(path).relative_to(spec.location).as_posix()
                yield Found(Path(path), str(Path(source) / rel), f"{spec.location}::{rel}", given, rel)
            continue
        snapshot, when = _open(source, spec.kind, spec.location, offline)
        given = Source(source, snapshot.kind, snapshot.source, snapshot.ref, snapshot.commit, when)
        yield given
        root = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="kltransfer-catalog-")))
        label = f"{snapshot.source}@{(snapshot.commit or '')[:12]}" if snapshot.commit else snapshot.source
        blueprints = [  # as in folders: hidden folders (.kltransfer/base of an adopted copy, .github) are skipped
            p
            for p in snapshot.paths
            if p.rsplit("/", 1)[-1] in _BLUEPRINT_NAMES and not any(part.startswith(".") for part in p.split("/"))
        ]
        folders = {p.rsplit("/", 1)[0] if "/" in p else "" for p in blueprints}
        for rel in snapshot.paths:
            if _inside(rel.rpartition("/")[0], folders):
                target = root / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(snapshot.read(rel))
        for rel in sorted(blueprints):
            yield Found(root / rel, f"{label}:{rel}", f"{snapshot.source}::{rel}", given, rel)


def _inside(folder: str, folders: set[str]) -> bool:
    """Whether ``folder`` (``a/b``; ``""`` the top) is one of ``folders`` or lies below one: a
    look-up per level, so that a source with thousands of blueprints is not read quadratically."""
    while folder:
        if folder in folders:
            return True
        folder = folder.rpartition("/")[0]
    return "" in folders


def _open(source: str, kind: str, location: str, offline: bool) -> tuple[Snapshot, int | None]:
    """The snapshot of a git source or bundle, and the time of its commit or creation."""
    if kind == "bundle":
        from kltransfer.sources.bundle import open_bundle

        snapshot, manifest = open_bundle(location)
        return snapshot, _iso_seconds(manifest.get("created"))
    from kltransfer.sources.git_source import GitMirror
    from kltransfer.sources.open import open_source

    snapshot = open_source(source, offline=offline)
    when = GitMirror(snapshot.source).commit_time(snapshot.commit) if snapshot.commit else None
    return snapshot, when


def _iso_seconds(value: object) -> int | None:
    if not isinstance(value, str):
        return None
    try:
        seconds = int(dt.datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp())
        dt.datetime.fromtimestamp(seconds, dt.UTC)  # a time of year 0 or 10000 in UTC names no date
    except (ValueError, OverflowError, OSError):
        return None
    return seconds
