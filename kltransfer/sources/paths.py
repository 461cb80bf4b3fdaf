"""Checks that a relative path from an untrusted source stays inside its target folder."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

_DRIVE = re.compile(r"^[A-Za-z]:")


def unsafe_reason(path: str) -> str | None:
    """Why ``path`` must not be written below a target folder, or ``None`` when it is safe."""
    if not path:
        return "an empty path"
    if "\\" in path:
        return "a backslash in the path"
    if "\x00" in path or any(ord(ch) < 32 for ch in path):
        return "a control character in the path"
    if path.startswith("/"):
        return "an absolute path"
    if _DRIVE.match(path):
        return "a drive letter"
    parts = PurePosixPath(path).parts
    if ".." in parts:
        return "'..' in the path"
    if any(part in ("", ".") for part in path.rstrip("/").split("/")):
        return "an empty or '.' part in the path"
    return None


def is_safe(path: str) -> bool:
    return unsafe_reason(path) is None
