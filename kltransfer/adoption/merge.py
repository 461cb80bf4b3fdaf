"""Three-way merge of text with ``git merge-file``: local edits kept, upstream changes applied."""

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
        from kltransfer.sources.gitcmd import run_git

        # in the temporary folder, with it as HOME: neither a repository around the current
        # folder nor a personal merge.conflictStyle changes the markers
        try:
            status, out, err = run_git(
                ["merge-file", "-p", "-L", labels[0], "-L", labels[1], "-L", labels[2], "--", *paths],
                cwd=Path(tmp),
                home=tmp,
                check=False,
            )
        except InputError as exc:
            raise InputError(exc.message, hint=_("install git to update adopted blueprints")) from None
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
