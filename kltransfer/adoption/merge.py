"""Three-way merge of text: local edits kept, upstream changes applied.

With ``git merge-file`` where git is installed, else with the pure-Python merge of
:mod:`kltransfer.adoption.diff3`, which writes the same result and markers: a copy adopted
from a folder or a bundle updates on a machine without git.
"""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from kltransfer.errors import InputError
from kltransfer.i18n import _

MARKERS = ("<<<<<<< ", "=======", ">>>>>>> ")


@dataclass(slots=True)
class MergeResult:
    text: str
    conflicts: int


def merge_text(ours: str, base: str, theirs: str, *, labels: tuple[str, str, str]) -> MergeResult:
    """Merge the changes from ``base`` to ``theirs`` into ``ours``; conflicts get standard markers."""
    with tempfile.TemporaryDirectory(prefix="kltransfer-merge-") as tmp:
        paths = []
        for name, content in (("ours", ours), ("base", base), ("theirs", theirs)):
            path = Path(tmp) / name
            path.write_bytes(content.encode("utf-8"))
            paths.append(str(path))
        command = [
            "git",
            "-c",
            "core.hooksPath=/dev/null",
            "merge-file",
            "-p",
            "-L",
            labels[0],
            "-L",
            labels[1],
            "-L",
            labels[2],
            *paths,
        ]
        try:
            done = subprocess.run(
                command,
                capture_output=True,
                timeout=120,
                check=False,
                env={"PATH": _path(), "LC_ALL": "C", "GIT_CONFIG_NOSYSTEM": "1", "HOME": tmp},
            )
        except FileNotFoundError:  # no git on this machine: the same merge in Python
            from kltransfer.adoption.diff3 import merge3

            return MergeResult(*merge3(ours, base, theirs, labels))
        if done.returncode < 0 or done.returncode > 127:
            reason = done.stderr.decode("utf-8", "replace").strip()
            raise InputError(_("git merge-file failed: {reason}", reason=reason))
        return MergeResult(done.stdout.decode("utf-8", "surrogateescape"), done.returncode)


def _path() -> str:
    import os

    return os.environ.get("PATH", "/usr/bin:/bin")


def conflict_lines(text: str) -> list[tuple[int, int]]:
    """(first, last) line numbers of each conflict region in ``text``."""
    regions, start = [], 0
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith(MARKERS[0]):
            start = number
        elif line.startswith(MARKERS[2]) and start:
            regions.append((start, number))
            start = 0
    return regions


def has_markers(text: str) -> bool:
    return bool(conflict_lines(text))
