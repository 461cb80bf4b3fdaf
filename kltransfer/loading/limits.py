"""Caps that protect the loader from hostile or broken files."""

from __future__ import annotations

from kltransfer.record import FrozenRecord


class Limits(FrozenRecord):
    __slots__ = ("max_bytes", "max_depth", "max_nodes")
    #: Largest file read, in bytes.
    max_bytes: int
    #: Deepest nesting of mappings and sequences.
    max_depth: int
    #: Most values built from the file, counting every expansion of an alias.
    max_nodes: int

    def __init__(self, max_bytes: int = 4 * 1024 * 1024, max_depth: int = 64, max_nodes: int = 200_000) -> None:
        self._set(max_bytes=max_bytes, max_depth=max_depth, max_nodes=max_nodes)


DEFAULT_LIMITS = Limits()
