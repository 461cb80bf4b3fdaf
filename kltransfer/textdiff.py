"""A unified diff between two versions of a file's text, as ``--dry-run`` options print it."""

from __future__ import annotations

import difflib
from pathlib import Path


def unified_diff(path: str, old: str, new: str) -> str:
    """The diff from ``old`` to ``new`` (empty when they are equal); a relative ``path`` gets the
    ``a/`` and ``b/`` prefixes of git, so that ``git apply`` takes the output."""
    relative = not Path(path).is_absolute()
    return "".join(
        difflib.unified_diff(
            old.splitlines(keepends=True),
            new.splitlines(keepends=True),
            fromfile=f"a/{path}" if relative else path,
            tofile=f"b/{path}" if relative else path,
        )
    )
