"""Checks that a relative path from an untrusted source stays inside its target folder."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from kltransfer.i18n import _

_DRIVE = re.compile(r"^[A-Za-z]:")


def unsafe_reason(path: str) -> str | None:
    """Why ``path`` must not be written below a target folder, or ``None`` when it is safe."""
    if not path:
        return _("an empty path")
    if "\\" in path:
        return _("a backslash in the path")
    if "\x00" in path or any(ord(ch) < 32 for ch in path):
        return _("a control character in the path")
    if path.startswith("/"):
        return _("an absolute path")
    if _DRIVE.match(path):
        return _("a drive letter")
    parts = PurePosixPath(path).parts
    if ".." in parts:
        return _("'..' in the path")
    if any(part in ("", ".") for part in path.rstrip("/").split("/")):
        return _("an empty or '.' part in the path")
    return None


def is_safe(path: str) -> bool:
    return unsafe_reason(path) is None
