"""A line-based three-way merge in pure Python that writes what ``git merge-file`` writes.

``update`` merges with ``git merge-file`` where git is installed; a copy adopted from a folder
or a bundle must also update on a machine without git, and then this module merges. It
follows the documented behaviour of git's merge (default level, "zealous" with the
"alnum" rule), so that the result, the conflict markers and the count of conflicts are the
same whichever merged:

1. each side is compared with the base, line by line (a shortest edit script, Myers' greedy
   algorithm), and every group of changed lines is slid as far down as it can go, unless it
   can be lined up with a change on the other side (what git calls compaction);
2. a change of one side that neither overlaps nor touches a change of the other side is
   taken as it is; identical changes are taken once; the rest are conflicts;
3. within a conflict, lines both sides agree on are taken out of it, which may split it;
4. conflicts separated by at most three lines, or only by lines without a letter or a digit,
   are joined into one.

Lines end at ``\\n`` only; a last line without one stays without one, except inside a
conflict, where every side ends with a line break so that the markers stand on lines of
their own. Lines are compared exactly (also their line ends).

Why not a library: the well-kept one on PyPI (``merge3``) is licensed GPL-2.0-or-later,
kltransfer EUPL-1.2, and it aligns lines differently from git (``difflib``), which would
place conflicts elsewhere than the git merge does.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass

MARKER_SIZE = 7


def split_lines(text: str) -> list[str]:
    """``text`` as lines with their ``\\n`` (the last one may lack it); only ``\\n`` ends a line."""
    parts = text.split("\n")
    lines = [part + "\n" for part in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


# --- comparing two sequences of lines ------------------------------------------------------


def _shortest_edit(a: Sequence[str], b: Sequence[str]) -> tuple[list[bool], list[bool]]:
    """Which lines of ``a`` and of ``b`` are not part of a longest common subsequence.

    Common lines at both ends are matched first; the rest goes through Myers' greedy
    algorithm, whose trace is walked back to mark the changed lines.
    """
    changed_a, changed_b = [False] * len(a), [False] * len(b)
    lo, hi_a, hi_b = 0, len(a), len(b)
    while lo < hi_a and lo < hi_b and a[lo] == b[lo]:
        lo += 1
    while hi_a > lo and hi_b > lo and a[hi_a - 1] == b[hi_b - 1]:
        hi_a -= 1
        hi_b -= 1
    n, m = hi_a - lo, hi_b - lo
    if n == 0 or m == 0:
        for i in range(lo, hi_a):
            changed_a[i] = True
        for j in range(lo, hi_b):
            changed_b[j] = True
        return changed_a, changed_b
    # ends[d][(k + d) // 2]: the furthest x on diagonal k = x - y after d edits (-1: not reached);
    # down[d][...]: whether its last edit was a line of b (else a line of a)
    ends: list[array[int]] = []
    down: list[bytearray] = []
    final_d = -1
    for d in range(n + m + 1):
        row, moves = array("i", [-1]) * (d + 1), bytearray(d + 1)
        for k in range(-d, d + 1, 2):
            slot = (k + d) // 2
            if d == 0:
                x = 0
            else:
                previous = ends[d - 1]
                x = -1
                if k + 1 <= d - 1 and previous[slot] >= 0 and previous[slot] - (k + 1) < m:
                    x, moves[slot] = previous[slot], 1
                if k - 1 >= -(d - 1) and 0 <= previous[slot - 1] < n and previous[slot - 1] + 1 > x:
                    x, moves[slot] = previous[slot - 1] + 1, 0
                if x < 0:
                    continue
            y = x - k
            while x < n and y < m and a[lo + x] == b[lo + y]:
                x += 1
                y += 1
            row[slot] = x
        ends.append(row)
        down.append(moves)
        target = n - m
        if -d <= target <= d and (target + d) % 2 == 0 and row[(target + d) // 2] >= n:
            final_d = d
            break
    x, y = n, m
    for d in range(final_d, 0, -1):
        k = x - y
        slot = (k + d) // 2
        if down[d][slot]:
            prev_k = k + 1
            prev_x = ends[d - 1][slot]
            changed_b[lo + prev_x - prev_k] = True
        else:
            prev_k = k - 1
            prev_x = ends[d - 1][slot - 1]
            changed_a[lo + prev_x] = True
        x, y = prev_x, prev_x - prev_k
    return changed_a, changed_b


class _Group:
    """A run of changed lines ``[start, end)`` of one file; empty runs sit before each unchanged line.

    The groups of two compared files correspond one to one: the i-th lies before the i-th
    unchanged (common) line of each file.
    """

    __slots__ = ("changed", "end", "lines", "start")

    def __init__(self, lines: Sequence[str], changed: list[bool]) -> None:
        self.lines, self.changed = lines, changed
        self.start = self.end = 0
        while self.end < len(changed) and changed[self.end]:
            self.end += 1

    @property
    def empty(self) -> bool:
        return self.start == self.end

    def next(self) -> bool:
        if self.end == len(self.changed):
            return False
        self.start = self.end = self.end + 1
        while self.end < len(self.changed) and self.changed[self.end]:
            self.end += 1
        return True

    def previous(self) -> bool:
        if self.start == 0:
            return False
        self.start = self.end = self.start - 1
        while self.start > 0 and self.changed[self.start - 1]:
            self.start -= 1
        return True

    def slide_down(self) -> bool:
        """Move the run one line down if its first line equals the line after it (joining a run it meets)."""
        if self.end < len(self.changed) and self.lines[self.start] == self.lines[self.end]:
            self.changed[self.start], self.changed[self.end] = False, True
            self.start += 1
            self.end += 1
            while self.end < len(self.changed) and self.changed[self.end]:
                self.end += 1
            return True
        return False

    def slide_up(self) -> bool:
        """Move the run one line up if its last line equals the line before it (joining a run it meets)."""
        if self.start > 0 and self.lines[self.start - 1] == self.lines[self.end - 1]:
            self.changed[self.start - 1], self.changed[self.end - 1] = True, False
            self.start -= 1
            self.end -= 1
            while self.start > 0 and self.changed[self.start - 1]:
                self.start -= 1
            return True
        return False


def _compact(lines: Sequence[str], changed: list[bool], other_lines: Sequence[str], other_changed: list[bool]) -> None:
    """Place each run of changed lines of one file as git does (in place).

    A run moves down as far as equal lines allow (joining runs it meets), unless some
    position lines it up with changed lines of the other file: then it goes back up to the
    last such position.
    """
    group, other = _Group(lines, changed), _Group(other_lines, other_changed)
    while True:
        if not group.empty:
            while True:
                size = group.end - group.start
                while group.slide_up():
                    other.previous()
                earliest_end = group.end
                aligned = group.end if not other.empty else -1
                while group.slide_down():
                    other.next()
                    if not other.empty:
                        aligned = group.end
                if size == group.end - group.start:
                    break
            if group.end != earliest_end and aligned != -1:
                while other.empty:
                    group.slide_up()
                    other.previous()
        if not group.next():
            return
        other.next()


@dataclass(slots=True)
class _Change:
    """Lines ``[old, old + old_count)`` of the first file became ``[new, new + new_count)`` of the second."""

    old: int
    old_count: int
    new: int
    new_count: int


def diff_lines(a: Sequence[str], b: Sequence[str]) -> list[_Change]:
    """The changes from ``a`` to ``b``, in order, placed as git places them."""
    changed_a, changed_b = _shortest_edit(a, b)
    _compact(a, changed_a, b, changed_b)
    _compact(b, changed_b, a, changed_a)
    changes: list[_Change] = []
    i = j = 0
    while i < len(a) or j < len(b):
        if (i < len(a) and changed_a[i]) or (j < len(b) and changed_b[j]):
            start_i, start_j = i, j
            while i < len(a) and changed_a[i]:
                i += 1
            while j < len(b) and changed_b[j]:
                j += 1
            changes.append(_Change(start_i, i - start_i, start_j, j - start_j))
        else:
            i += 1
            j += 1
    return changes


# --- merging --------------------------------------------------------------------------------


@dataclass(slots=True)
class _Hunk:
    """A stretch of the result: ``mode`` 1 takes ours, 2 theirs, 0 is a conflict, 4 identical sides.

    ``ours``/``theirs`` index the lines of each side; ``base`` those of the common ancestor.
    """

    mode: int
    base: int
    base_count: int
    ours: int
    ours_count: int
    theirs: int
    theirs_count: int


def _append(hunks: list[_Hunk], new: _Hunk) -> None:
    """Add ``new``; a hunk that overlaps or touches the last one is joined with it (a conflict if modes differ)."""
    if hunks:
        last = hunks[-1]
        if new.ours <= last.ours + last.ours_count or new.theirs <= last.theirs + last.theirs_count:
            if new.mode != last.mode:
                last.mode = 0
            last.base_count = new.base + new.base_count - last.base
            last.ours_count = new.ours + new.ours_count - last.ours
            last.theirs_count = new.theirs + new.theirs_count - last.theirs
            return
    hunks.append(new)


def _hunks(
    ours: list[str], ours_changes: list[_Change], theirs: list[str], theirs_changes: list[_Change], base_len: int
) -> list[_Hunk]:
    hunks: list[_Hunk] = []
    i = j = 0
    while i < len(ours_changes) and j < len(theirs_changes):
        mine, yours = ours_changes[i], theirs_changes[j]
        if mine.old + mine.old_count < yours.old:
            shift = yours.new - yours.old
            _append(
                hunks, _Hunk(1, mine.old, mine.old_count, mine.new, mine.new_count, mine.old + shift, mine.old_count)
            )
            i += 1
            continue
        if yours.old + yours.old_count < mine.old:
            shift = mine.new - mine.old
            _append(
                hunks,
                _Hunk(2, yours.old, yours.old_count, yours.old + shift, yours.old_count, yours.new, yours.new_count),
            )
            j += 1
            continue
        same = (
            mine.old == yours.old
            and mine.old_count == yours.old_count
            and mine.new_count == yours.new_count
            and ours[mine.new : mine.new + mine.new_count] == theirs[yours.new : yours.new + yours.new_count]
        )
        if not same:
            off = mine.old - yours.old
            ffo = off + mine.old_count - yours.old_count
            b0, o0, t0 = mine.old, mine.new, yours.new
            if off > 0:
                b0 -= off
                o0 -= off
            else:
                t0 += off
            base_count = mine.old + mine.old_count - b0
            ours_count = mine.new + mine.new_count - o0
            theirs_count = yours.new + yours.new_count - t0
            if ffo < 0:
                base_count -= ffo
                ours_count -= ffo
            else:
                theirs_count += ffo
            _append(hunks, _Hunk(0, b0, base_count, o0, ours_count, t0, theirs_count))
        end_mine, end_yours = mine.old + mine.old_count, yours.old + yours.old_count
        if end_mine >= end_yours:
            j += 1
        if end_yours >= end_mine:
            i += 1
    ours_shift = len(ours) - base_len
    theirs_shift = len(theirs) - base_len
    for mine in ours_changes[i:]:
        _append(
            hunks,
            _Hunk(1, mine.old, mine.old_count, mine.new, mine.new_count, mine.old + theirs_shift, mine.old_count),
        )
    for yours in theirs_changes[j:]:
        _append(
            hunks,
            _Hunk(2, yours.old, yours.old_count, yours.old + ours_shift, yours.old_count, yours.new, yours.new_count),
        )
    return hunks


def _refine(hunks: list[_Hunk], ours: list[str], theirs: list[str]) -> list[_Hunk]:
    """Take the lines both sides of a conflict agree on out of it (which may split it)."""
    refined: list[_Hunk] = []
    for hunk in hunks:
        if hunk.mode != 0 or hunk.ours_count == 0 or hunk.theirs_count == 0:
            refined.append(hunk)
            continue
        mine = ours[hunk.ours : hunk.ours + hunk.ours_count]
        yours = theirs[hunk.theirs : hunk.theirs + hunk.theirs_count]
        parts = diff_lines(mine, yours)
        if not parts:
            hunk.mode = 4
            refined.append(hunk)
            continue
        for part in parts:
            refined.append(
                _Hunk(
                    0,
                    hunk.base,
                    hunk.base_count,
                    hunk.ours + part.old,
                    part.old_count,
                    hunk.theirs + part.new,
                    part.new_count,
                )
            )
    return refined


def _has_alnum(lines: Sequence[str]) -> bool:
    return any(ch.isascii() and ch.isalnum() for line in lines for ch in line)


def _join_close_conflicts(hunks: list[_Hunk], ours: list[str]) -> list[_Hunk]:
    """Join conflicts separated by at most three lines, or by lines without a letter or digit."""
    if not hunks:
        return hunks
    joined = [hunks[0]]
    for nxt in hunks[1:]:
        last = joined[-1]
        begin, end = last.ours + last.ours_count, nxt.ours
        if last.mode == 0 and nxt.mode == 0 and (end - begin <= 3 or not _has_alnum(ours[begin:end])):
            last.ours_count = nxt.ours + nxt.ours_count - last.ours
            last.theirs_count = nxt.theirs + nxt.theirs_count - last.theirs
            continue
        joined.append(nxt)
    return joined


def _side(lines: Sequence[str]) -> str:
    text = "".join(lines)
    return text if not text or text.endswith("\n") else text + "\n"


def merge3(ours: str, base: str, theirs: str, labels: tuple[str, str, str]) -> tuple[str, int]:
    """Merge the changes from ``base`` to ``theirs`` into ``ours``: the text and the number of conflicts.

    ``labels`` name ours, the base and theirs; the base's label is not written (git's default style).
    """
    base_lines, ours_lines, theirs_lines = split_lines(base), split_lines(ours), split_lines(theirs)
    ours_changes = diff_lines(base_lines, ours_lines)
    theirs_changes = diff_lines(base_lines, theirs_lines)
    if not ours_changes:
        return theirs, 0
    if not theirs_changes:
        return ours, 0
    hunks = _hunks(ours_lines, ours_changes, theirs_lines, theirs_changes, len(base_lines))
    hunks = _join_close_conflicts(_refine(hunks, ours_lines, theirs_lines), ours_lines)
    crlf = bool(ours_lines) and ours_lines[0].endswith("\r\n")
    eol = "\r\n" if crlf else "\n"
    out: list[str] = []
    conflicts = 0
    at = 0  # the next line of ours not yet written
    for hunk in hunks:
        if hunk.mode == 4:
            continue
        out.extend(ours_lines[at : hunk.ours])
        if hunk.mode == 0:
            conflicts += 1
            out.append("<" * MARKER_SIZE + " " + labels[0] + eol)
            out.append(_side(ours_lines[hunk.ours : hunk.ours + hunk.ours_count]))
            out.append("=" * MARKER_SIZE + eol)
            out.append(_side(theirs_lines[hunk.theirs : hunk.theirs + hunk.theirs_count]))
            out.append(">" * MARKER_SIZE + " " + labels[2] + eol)
        elif hunk.mode == 1:
            out.extend(ours_lines[hunk.ours : hunk.ours + hunk.ours_count])
        else:
            out.extend(theirs_lines[hunk.theirs : hunk.theirs + hunk.theirs_count])
        at = hunk.ours + hunk.ours_count
    out.extend(ours_lines[at:])
    return "".join(out), conflicts
