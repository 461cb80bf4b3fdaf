"""Version tags: ``v1.2.0`` or ``1.2.0`` (also ``v1`` and ``v1.2``), ordered like semantic versions."""

from __future__ import annotations

import re
from collections.abc import Iterable

_TAG = re.compile(r"^v?(0|[1-9][0-9]*)(?:\.(0|[1-9][0-9]*))?(?:\.(0|[1-9][0-9]*))?(?:-([0-9A-Za-z.-]+))?$")

VersionKey = tuple[int, int, int, int, tuple[tuple[int, int | str], ...]]


def version_key(tag: str) -> VersionKey | None:
    """A sort key for a version tag, or ``None`` when ``tag`` is not one.

    A pre-release (``1.0.0-rc.1``) sorts before its release, as in semantic versioning.
    """
    match = _TAG.match(tag)
    if not match:
        return None
    major, minor, patch, pre = match.groups()
    pre_key: tuple[tuple[int, int | str], ...] = ()
    if pre:
        pre_key = tuple((0, int(p)) if p.isdigit() else (1, p) for p in pre.split("."))
    return (int(major), int(minor or 0), int(patch or 0), 0 if pre else 1, pre_key)


def is_version_tag(tag: str) -> bool:
    return version_key(tag) is not None


def _release(key: VersionKey) -> bool:
    return key[3] == 1


def newest(tags: Iterable[str]) -> str | None:
    """The highest release tag among ``tags`` (pre-releases and other tags are ignored)."""
    keyed = [(key, tag) for tag in tags if (key := version_key(tag)) is not None and _release(key)]
    return max(keyed)[1] if keyed else None


def newer_than(tags: Iterable[str], current: str) -> list[str]:
    """Release tags higher than ``current``, highest first."""
    base = version_key(current)
    if base is None:
        return []
    keyed = [(key, tag) for tag in tags if (key := version_key(tag)) is not None and key > base and _release(key)]
    return [tag for _, tag in sorted(keyed, reverse=True)]
