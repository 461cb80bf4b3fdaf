"""Text from files and from people, made safe to print: THE function for every value echoed.

A blueprint is written by strangers. A title holding ``ESC [ 2 J`` clears the screen of whoever
runs ``kltransfer list``, ``ESC ] 8 ;;`` plants a hyperlink, ``BS`` and ``CR`` overwrite what was
printed before, and U+202E turns the rest of a line around. :func:`printable` writes every such
character as a visible escape (``\\x1b``, ``\\u202e``), so the reader sees that it is there and
the terminal never acts on it. Everything kltransfer prints for people goes through it: the
console's messages, findings and the lines they show, tables, diffs, status lines, and the
usage errors of the command line.

:func:`spreadsheet_cell` also guards a CSV cell that a spreadsheet would run as a formula.
"""

from __future__ import annotations

import re
from functools import cache

#: The characters that are never printed as they are: the control characters (C0 but the line
#: feed and the tab, DEL, C1), the invisible format characters (soft hyphen, zero-width spaces
#: and joiners, the marks, embeddings, overrides and isolates that reorder text, the byte
#: order mark, tags), lone surrogates (from file names that are not UTF-8), private-use
#: characters and the line and paragraph separators (Unicode categories Cc, Cf, Cs, Co, Zl, Zp).
_FORMAT = (
    "\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064"
    "\u2066-\u206f\ud800-\uf8ff\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U00013438"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f\U000f0000-\U0010fffd"
)
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


@cache
def unsafe_pattern(lines: bool) -> re.Pattern[str]:
    """The pattern of the unsafe characters, compiled when first needed: the ranges make it cost
    milliseconds, more than a one-file ``validate`` spends on most of its own work."""
    return re.compile(("[\x00-\x08\x0b-\x1f\x7f-\x9f" if lines else "[\x00-\x1f\x7f-\x9f") + _FORMAT + "]")


def escape(ch: str) -> str:
    """One character as an escape that shows its code: ``\\x1b``, ``\\u202e``, ``\\U000e0041``."""
    if ch in _SHORT:
        return _SHORT[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else (f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")


def printable(text: str, *, lines: bool = False) -> str:
    """``text`` with every unsafe character written as an escape (the same object if it has none).

    ``lines``: keep line feeds and tabs (a diff, a multi-line message); else a line break in a
    value cannot start a line of its own that looks like kltransfer's.
    """
    if not isinstance(text, str):
        text = str(text)
    # every unsafe character is one Python does not call printable (which excludes more: spaces
    # other than " ", unassigned code points), so most texts are answered without the pattern
    if (text.replace("\n", "").replace("\t", "") if lines else text).isprintable():
        return text
    pattern = unsafe_pattern(lines)
    if pattern.search(text) is None:
        return text
    return pattern.sub(lambda m: escape(m.group()), text)


def unsafe(ch: str) -> bool:
    """Whether ``ch`` is a character :func:`printable` escapes (tabs and line feeds included)."""
    return unsafe_pattern(False).match(ch) is not None


def writes_everything(stream: object) -> bool:
    """Whether ``stream`` can write every character (UTF-8 can; ``PYTHONIOENCODING=ascii`` cannot)."""
    encoding = getattr(stream, "encoding", None)
    if not encoding:
        return True  # a StringIO
    try:
        "\u00fc\u20ac\U0010ffff".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


#: What a spreadsheet reads as the start of a formula (OWASP "CSV injection"): =, +, -, @, and a
#: tab or carriage return, which some read before the sign.
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(text: str) -> str:
    """A CSV cell that no spreadsheet runs as a formula: printable, and with a ``'`` in front of a
    value that starts like one (``=HYPERLINK(…)`` becomes ``'=HYPERLINK(…)``), as OWASP advises.

    A number written by kltransfer itself (``-5``) is left alone; only texts are guarded.
    """
    if text.startswith(_FORMULA) and not _NUMBER.fullmatch(text):
        text = "'" + text
    return printable(text)


_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
