"""A short comment for every field: added to the rendered blueprint where the template has none.

The rendered blueprint is block-style YAML with one field per line and single-line values,
so the key path of each line follows from its indentation. A field counts as commented when
a comment stands on its own line or on the line above it; any other field gets an inline
comment from ``_common/comments.yaml`` (looked up as ``parent.key``, then ``key``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

import yaml

_KEY_LINE = re.compile(r"^(?P<indent> *)(?P<dash>- )?(?P<key>[A-Za-z_][A-Za-z0-9_]*):(?P<rest>.*)$")


def load_catalogue(path: Path, lang: str) -> dict[str, str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(k): str(v.get(lang) or v.get("en")) for k, v in data.items() if isinstance(v, Mapping)}


def _has_inline_comment(rest: str) -> bool:
    """True when ``rest`` (what follows ``key:``) ends in a comment outside quotes."""
    quoted = False
    escaped = False
    for i, char in enumerate(rest):
        if escaped:
            escaped = False
        elif char == "\\" and quoted:
            escaped = True
        elif char == '"':
            quoted = not quoted
        elif char == "#" and not quoted and (i == 0 or rest[i - 1] == " "):
            return True
    return False


def annotate(text: str, catalogue: Mapping[str, str]) -> str:
    """``text`` with an inline comment on every field line that has none."""
    lines = text.split("\n")
    stack: list[tuple[int, str]] = []  # (indentation of the key, key)
    previous = ""
    for index, line in enumerate(lines):
        match = _KEY_LINE.match(line)
        if not match:
            previous = line
            continue
        indent = len(match["indent"]) + (2 if match["dash"] else 0)
        while stack and stack[-1][0] >= indent:
            stack.pop()
        parent = stack[-1][1] if stack else ""
        key = match["key"]
        stack.append((indent, key))
        commented = previous.lstrip().startswith("#") or _has_inline_comment(match["rest"])
        comment = catalogue.get(f"{parent}.{key}") or catalogue.get(key)
        if not commented and comment:
            lines[index] = f"{line}  # {comment}"
        previous = line
    return "\n".join(lines)
