"""Key paths such as ``contacts[0].email``: tuples in code, dotted strings for people."""

from __future__ import annotations

from collections.abc import Iterable

KeyPath = tuple[str | int, ...]


def format_key_path(path: Iterable[str | int]) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif out:
            out += f".{part}"
        else:
            out = str(part)
    return out
