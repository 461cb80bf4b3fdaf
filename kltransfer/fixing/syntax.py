"""The one syntax error with a certain fix: a value that contains ``': '`` and is not in quotes.

``summary: Ziel: Sensoren auf 400 Stellplätzen`` is not YAML (the second ``: `` would start a
mapping); ``summary: "Ziel: Sensoren auf 400 Stellplätzen"`` is what was meant.
"""

from __future__ import annotations

import json
import re

from kltransfer.findings import Edit

#: ``key: value`` on one line (also as a list item); the value is plain (no quote, bracket,
#: anchor, alias, tag or block indicator at its start); a comment after it is kept.
_LINE = re.compile(
    r"(?P<lead>[ ]*(?:-[ ]+)*)(?P<key>[^\s'\"#\[\]{}&*!|>%@`,?:-][^:#]*?):[ ]+"
    r"(?P<value>[^\s'\"#\[\]{}&*!|>%@`][^\r\n]*?)(?P<comment>[ \t]+#[^\r\n]*)?[ \t]*"
)


def quote_value(text: str, line: int) -> Edit | None:
    """The edit that quotes the value on ``line`` (1-based) when it holds ``': '``, else ``None``."""
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    if not 1 <= line <= len(starts):
        return None
    begin = starts[line - 1]
    row = re.match(r"[^\r\n]*", text[begin:])
    match = _LINE.fullmatch(row.group(0)) if row else None
    if match is None or ": " not in match["value"] or match["value"].rstrip().endswith(":"):
        return None
    value = match["value"]
    start = begin + match.start("value")
    return Edit(start, start + len(value), value, json.dumps(value, ensure_ascii=False, allow_nan=False))
