"""Caps that protect the loader from hostile or broken files."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limits:
    #: Largest file read, in bytes.
    max_bytes: int = 4 * 1024 * 1024
    #: Deepest nesting of mappings and sequences.
    max_depth: int = 64
    #: Most values built from the file, counting every expansion of an alias.
    max_nodes: int = 200_000


DEFAULT_LIMITS = Limits()
