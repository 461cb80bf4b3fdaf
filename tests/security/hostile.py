"""Shared by the adversarial tests: sentinels that payloads touch, and snapshots that prove a tree unchanged.

A payload never does more than ``touch`` a file in the sentinel folder; a test asserts that the
folder stayed empty, so that a payload that ran is seen whatever it was meant to do.
"""

from __future__ import annotations

import hashlib
import os
import shlex
from pathlib import Path


class Sentinels:
    """A folder that must stay empty: :meth:`command` is a shell command that touches a file in it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)

    def path(self, name: str) -> Path:
        return self.root / name

    def command(self, name: str) -> str:
        return "touch " + shlex.quote(str(self.path(name)))

    def touched(self) -> list[str]:
        return sorted(p.name for p in self.root.iterdir())


def snapshot(root: Path, *, skip: tuple[Path, ...] = ()) -> dict[str, str]:
    """Every entry below ``root`` (links not followed): a file's SHA-256, a link's target, a folder's mark.

    ``skip``: folders left out (the target of the command, which may change).
    """
    found: dict[str, str] = {}
    skipped = {os.path.abspath(s) for s in skip}
    for current, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = [d for d in dirs if os.path.abspath(os.path.join(current, d)) not in skipped]
        for name in dirs + files:
            path = Path(current, name)
            rel = path.relative_to(root).as_posix()
            if path.is_symlink():
                found[rel] = "link:" + os.readlink(path)
            elif path.is_dir():
                found[rel] = "dir"
            elif path.is_file():
                found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                found[rel] = "special"
    return found
