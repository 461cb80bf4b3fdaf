"""A snapshot: the regular files of one fixed state of a source, read on demand."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(slots=True)
class Snapshot:
    """The files of a source at one state.

    ``kind`` is ``git``, ``folder`` or ``bundle``; ``source`` is what the provenance record
    names (a URL or an absolute path); ``ref`` and ``commit`` are set for git sources.
    ``paths`` are POSIX paths relative to the source's root, regular files only.
    """

    kind: str
    source: str
    paths: list[str]
    reader: Callable[[str], bytes]
    ref: str | None = None
    commit: str | None = None
    #: Blueprint files this kind of source offers (bundles: only ``source/blueprint.yaml``).
    roots: list[str] = field(default_factory=list)

    def read(self, path: str) -> bytes:
        return self.reader(path)

    def has(self, path: str) -> bool:
        return path in self.paths
