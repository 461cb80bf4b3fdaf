"""JSON for a terminal or a pipe: standard JSON that can neither hold NaN nor act on a terminal.

``allow_nan=False``: ``NaN`` and ``Infinity`` are not JSON (RFC 8259) and other tools refuse them;
a value that is not finite is a bug here (the loader reports it as KT015), never output. The
characters :func:`kltransfer.terminal.printable` escapes (C1 controls, text-reordering marks,
…) are written as ``\\uXXXX`` escapes inside strings: the same data, but a terminal that shows
the JSON never acts on them. Every JSON writer of kltransfer passes ``allow_nan=False``
(a test checks); the reports and listings printed to stdout use this module.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from kltransfer.terminal import unsafe_pattern, writes_everything


def _u(ch: str) -> str:
    code = ord(ch)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def dumps(data: Any, *, indent: int | None = 2, sort_keys: bool = False, ascii_only: bool = False) -> str:
    """``data`` as JSON text (UTF-8 characters as they are, but the unsafe ones escaped;
    ``ascii_only``: every character beyond ASCII as ``\\uXXXX``)."""
    text = json.dumps(data, ensure_ascii=ascii_only, allow_nan=False, indent=indent, sort_keys=sort_keys)
    pattern = unsafe_pattern(True)
    if pattern.search(text) is None:
        return text
    return pattern.sub(lambda m: _u(m.group()), text)


def dump(data: Any, stream: TextIO, *, indent: int | None = 2, sort_keys: bool = False) -> None:
    """``data`` written to ``stream``: as ASCII where the stream cannot write every character."""
    stream.write(dumps(data, indent=indent, sort_keys=sort_keys, ascii_only=not writes_everything(stream)))
