"""The offending line of a finding, with a caret under its column, as ruff and rustc show it::

     12 | summary: Ziel: mehr Parkplätze
        |              ^

The line is shown as it is in the file, made safe for a terminal: a tab becomes spaces up
to the next multiple of four, control characters (and the invisible ones that reorder text)
are written as escapes such as ``\\x1b``, and the caret counts the width each character
takes on the screen (two for East Asian wide characters, none for combining marks). A long
line is cut around the column, with ``…`` where something was left out.
"""

from __future__ import annotations

import unicodedata

from kltransfer.terminal import escape, unsafe

TAB_STOP = 4
#: The widest a shown line may be; longer lines are cut around the column.
MAX_WIDTH = 100
_ELLIPSIS = "…"


def _cell(ch: str, at: int) -> str:
    """How ``ch`` is shown when it starts at screen column ``at`` (0-based)."""
    if ch == "\t":
        return " " * (TAB_STOP - at % TAB_STOP)
    return escape(ch) if unsafe(ch) else ch


def _width(text: str) -> int:
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def render_line(line: str, column: int) -> tuple[str, int]:
    """``line`` safe to print, and the screen offset (0-based) of character ``column`` (1-based)."""
    cells: list[tuple[str, int]] = []
    at = 0
    caret = -1
    for i, ch in enumerate(line):
        if i == column - 1:
            caret = at
        shown = _cell(ch, at)
        width = _width(shown)
        cells.append((shown, width))
        at += width
    if caret < 0:  # the column is after the end of the line (the end of a value, the end of the file)
        caret = at + max(0, column - 1 - len(line))
    if at <= MAX_WIDTH:
        return "".join(c for c, _w in cells), caret
    # a window around the caret, with room for the ellipses
    room = MAX_WIDTH - 2
    start = max(0, min(caret - room // 3, at - room))
    out, pos, taken = [], 0, 0
    for shown, width in cells:
        if pos >= start and pos + width <= start + room:
            out.append(shown)
            taken += width
        pos += width
    text = "".join(out)
    shift = start
    if start > 0:
        text = _ELLIPSIS + text
        shift -= 1
    if start + taken < at:
        text += _ELLIPSIS
    return text, caret - shift


def snippet(number: int, line: str, column: int, *, paint: tuple[str, str, str] | None = None) -> list[str]:
    """The lines to print under a finding: the source line and, when the column is known, a caret.

    ``paint``: escape codes (gutter, caret, reset) for a terminal with colour.
    """
    shown, offset = render_line(line, column)
    gutter = str(number)
    pad = " " * len(gutter)
    dim, mark, reset = paint or ("", "", "")
    out = [f"  {dim}{gutter} |{reset} {shown}".rstrip()]
    if column > 0:
        out.append(f"  {dim}{pad} |{reset} {' ' * offset}{mark}^{reset}")
    return out
