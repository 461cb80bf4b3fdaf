"""Lines of YAML rewritten: a value put in quotes, straight quotes made typographic, a line
reduced step by step until it can be read. Used to name the fix of a syntax error and to read
on after one (:mod:`kltransfer.loading.syntax`, :mod:`kltransfer.loading.recovery`).
"""

from __future__ import annotations

import re

#: A line ``key: value`` (also as a list entry ``- key: value``): its lead, key and value.
KEY_VALUE = re.compile(r"^(?P<lead>[ ]*(?:-[ ]+)?)(?P<key>[\w][\w .-]*?):(?P<space>[ ]*)(?P<value>.*)$")
#: A line whose value is quoted: lead (indentation, ``- ``, ``key: ``), the quote and the rest.
QUOTED = re.compile(r"^(?P<lead>[ ]*(?:-[ ]+)?(?:[\w][\w .-]*?:[ ]+)?)(?P<quote>[\"'])(?P<rest>.*)$")
#: Characters YAML does not allow anywhere in a file.
_NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def quote(value: str) -> str:
    """``value`` as a quoted YAML text: double quotes, or single ones when it holds ``"`` or ``\\``."""
    if '"' in value or "\\" in value:
        return "'" + value.replace("'", "''") + "'"
    return '"' + value + '"'


def split_comment(value: str) -> tuple[str, str]:
    """A plain value and the comment after it (`` # …``, with the spaces before it), kept outside the quotes."""
    at = value.find(" #")
    if at < 0:
        return value, ""
    head = value[:at].rstrip()
    return head, value[len(head) :]


def typographic(text: str) -> str | None:
    """``text`` with its straight double quotes as German quotes „…“, pair by pair (``None`` if odd)."""
    if text.count('"') % 2:
        return None
    out, opening = [], True
    for ch in text:
        if ch == '"':
            out.append("\u201e" if opening else "\u201c")
            opening = not opening
        else:
            out.append(ch)
    return "".join(out)


def printable(line: str) -> str:
    """``line`` without the characters YAML does not allow anywhere."""
    return _NOT_PRINTABLE.sub("", line)


def repairs(line: str, fixed: str | None) -> list[str]:
    """What ``line`` can be replaced with to read on, the most faithful first: the fix its finding
    names, the line without the characters YAML does not allow, the key without its value
    (``title:``), and last the line as a comment."""
    candidates = [fixed] if fixed is not None else []
    clean = printable(line)
    if clean != line:
        candidates.append(clean)
    match = KEY_VALUE.match(clean)
    stripped = clean.lstrip(" ")
    if match:
        candidates.append(f"{match['lead']}{match['key']}:")
    elif stripped.startswith("- "):
        candidates.append(clean[: len(clean) - len(stripped)] + "-")
    candidates.append("#" + clean)
    return [c for i, c in enumerate(candidates) if c not in candidates[:i]]


def key_of(line: str) -> str | None:
    """The key of a line ``key: value``, if it is one."""
    match = KEY_VALUE.match(line)
    return match["key"] if match else None
