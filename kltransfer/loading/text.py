"""Lines and positions of a text, counted the way YAML parsers count them.

YAML (PyYAML and libyaml alike) ends a line at ``\\r\\n``, ``\\n`` or ``\\r``, and also at the
Unicode line breaks NEL, LS and PS; columns count characters. Findings carry those lines
and columns, so everything that maps them back to the text uses these helpers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def split_lines(text: str) -> list[str]:
    """The lines of ``text`` without their line breaks; line ``n`` (1-based) is ``lines[n - 1]``."""
    return LINE_BREAK.split(text)


def position(text: str, offset: int) -> tuple[int, int]:
    """Line and column (both 1-based) of the character at ``offset``."""
    line, start = 1, 0
    for match in LINE_BREAK.finditer(text, 0, offset):
        line, start = line + 1, match.end()
    return line, offset - start + 1


class Positions:
    """Line and column of many offsets in one text: the line starts are found once, then each
    offset costs a binary search (:func:`position` scans the text from its start each time)."""

    def __init__(self, text: str) -> None:
        self._starts = [0, *(m.end() for m in LINE_BREAK.finditer(text))]

    def __call__(self, offset: int) -> tuple[int, int]:
        from bisect import bisect_right

        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1


def pick_lines(text: str, wanted: Iterable[int]) -> dict[int, str]:
    """The lines numbered in ``wanted`` (1-based; others are left out), for showing beside findings."""
    numbers = {n for n in wanted if n > 0}
    if not numbers:
        return {}
    lines = split_lines(text)
    return {n: lines[n - 1] for n in sorted(numbers) if n <= len(lines)}
