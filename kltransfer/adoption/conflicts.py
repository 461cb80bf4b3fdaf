"""Conflicts of an update, by key path: what each conflict changes, and settling it without editing markers.

A conflict region of a merged blueprint (``<<<<<<< local`` … ``=======`` … ``>>>>>>> upstream``)
is read as YAML twice: the file with every region on the local side, and the same file with
just this region on the upstream side. The values that differ between the two are what this
conflict is about, by key path (``costs.investment.total``: local 120000, upstream 150000).

``update --take upstream|local KEYPATH`` settles every region whose values all lie at or below
the key paths given for one side, by keeping that side's lines: the result is what a person
would get by deleting the other side and the markers by hand.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from kltransfer.adoption.diff3 import split_lines
from kltransfer.adoption.merge import MARKERS
from kltransfer.loading.keypath import KeyPath, format_key_path

LOCAL, UPSTREAM = "local", "upstream"
SIDES = (LOCAL, UPSTREAM)


class _Absent:
    """A value one side does not have."""

    def __repr__(self) -> str:
        return "ABSENT"


ABSENT: Any = _Absent()


@dataclass(frozen=True, slots=True)
class KeyChange:
    """A value that a conflict region sets differently on the two sides."""

    path: KeyPath
    local: Any
    upstream: Any

    @property
    def key_path(self) -> str:
        return format_key_path(self.path)


@dataclass(slots=True)
class Region:
    """One conflict: its lines in the file (first and last, 1-based, the markers included) and its two sides."""

    first: int
    last: int
    local: list[str]
    upstream: list[str]
    #: What it changes, by key path; ``None`` when the file does not read as YAML either way.
    changes: list[KeyChange] | None = None


@dataclass(slots=True)
class Settled:
    """What ``--take`` did to a text."""

    text: str
    #: Key paths settled, as given (``costs.investment.total``).
    settled: list[str] = field(default_factory=list)
    #: Key paths given that no conflict is about (a conflict also about other values stays, with its markers).
    unmatched: list[str] = field(default_factory=list)


def regions(text: str) -> list[Region]:
    """The conflict regions of ``text``, in order."""
    found, lines = [], split_lines(text)
    start = middle = None
    for number, line in enumerate(lines, 1):
        bare = line.rstrip("\r\n")
        if line.startswith(MARKERS[0]):
            start, middle = number, None
        elif start is not None and middle is None and bare == MARKERS[1]:
            middle = number
        elif start is not None and middle is not None and line.startswith(MARKERS[2]):
            found.append(Region(start, number, lines[start : middle - 1], lines[middle : number - 1]))
            start = middle = None
    return found


def resolve(text: str, sides: dict[int, str]) -> str:
    """``text`` with region ``i`` replaced by its side ``sides[i]``; other regions keep their markers."""
    lines, found = split_lines(text), regions(text)
    out: list[str] = []
    at = 0
    for i, region in enumerate(found):
        if i not in sides:
            continue
        out += lines[at : region.first - 1]
        out += region.local if sides[i] == LOCAL else region.upstream
        at = region.last
    out += lines[at:]
    return "".join(out)


def _data(text: str) -> Any:
    from kltransfer.loading.yaml_loader import load_text

    doc = load_text(text)[0]
    return doc.data if doc is not None else None


def with_changes(text: str) -> list[Region]:
    """The conflict regions of ``text``, each with the values it sets differently on the two sides."""
    from kltransfer.diff import diff_data
    from kltransfer.diff.semantic import ADDED, REMOVED

    found = regions(text)
    if not found:
        return found
    all_local = {i: LOCAL for i in range(len(found))}
    base = _data(resolve(text, all_local))
    if base is None:
        return found
    for i, region in enumerate(found):
        theirs = _data(resolve(text, {**all_local, i: UPSTREAM}))
        if theirs is None:
            continue
        region.changes = [
            KeyChange(
                change.path,
                ABSENT if change.kind == ADDED else change.old,
                ABSENT if change.kind == REMOVED else change.new,
            )
            for change in diff_data(base, theirs)
        ]
    return found


def _covers(given: KeyPath, path: KeyPath) -> bool:
    return path[: len(given)] == given


def settle(text: str, takes: Sequence[tuple[str, KeyPath]]) -> Settled:
    """Settle the conflicts of ``text`` that ``takes`` (side, key path) cover; the rest keep their markers.

    A region is settled when every value it changes lies at or below a key path given for
    one and the same side.
    """
    result = Settled(text)
    if not takes:
        return result
    found = with_changes(text)
    sides: dict[int, str] = {}
    used: set[int] = set()
    touched = {
        j
        for region in found
        for change in region.changes or []
        for j, (_side, given) in enumerate(takes)
        if _covers(given, change.path)
    }
    for i, region in enumerate(found):
        if not region.changes:
            continue
        chosen: set[str] = set()
        matched: set[int] = set()
        for path in (change.path for change in region.changes):
            matching = [j for j, (_side, given) in enumerate(takes) if _covers(given, path)]
            if not matching:
                chosen = set()
                break
            chosen.add(takes[matching[-1]][0])
            matched.update(matching)
        if len(chosen) == 1:
            sides[i] = chosen.pop()
            used.update(matched)
    result.text = resolve(text, sides) if sides else text
    result.settled = [format_key_path(given) for j, (_side, given) in enumerate(takes) if j in used]
    result.unmatched = [format_key_path(given) for j, (_side, given) in enumerate(takes) if j not in touched]
    return result
