"""Three-way merge of text: local edits kept, upstream changes applied.

With ``git merge-file`` where git is installed, else with the pure-Python merge of
:mod:`kltransfer.adoption.diff3`, which writes the same result and markers: a copy adopted
from a folder or a bundle updates on a machine without git.
"""

from __future__ import annotations

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
        from kltransfer.sources.gitcmd import GitMissing, run_git

        # in the temporary folder, with it as HOME: neither a repository around the current
        # folder nor a personal merge.conflictStyle changes the markers
        try:
            status, out, err = run_git(
                ["merge-file", "-p", "-L", labels[0], "-L", labels[1], "-L", labels[2], "--", *paths],
                cwd=Path(tmp),
                home=tmp,
                check=False,
            )
        except GitMissing:  # no git on this machine: the same merge in Python
            from kltransfer.adoption.diff3 import merge3

            return MergeResult(*merge3(ours, base, theirs, labels))
        if status < 0 or status > 127:
            raise InputError(_("git merge-file failed: {reason}", reason=err.strip()))
        return MergeResult(out.decode("utf-8", "surrogateescape"), status)


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
