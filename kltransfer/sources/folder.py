"""Local folders that are not git repositories: read as they are, links left out."""

from __future__ import annotations

import os
from pathlib import Path

from kltransfer.errors import InputError
from kltransfer.i18n import _
from kltransfer.i18n.numbers import format_number
from kltransfer.sources.limits import MAX_ENTRIES, MAX_FILE_BYTES, MAX_TOTAL_BYTES
from kltransfer.sources.snapshot import Snapshot

_SKIP = {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".kltransfer"}


def open_folder(path: str) -> Snapshot:
    root = Path(path)
    files: dict[str, Path] = {}
    for current, dirs, names in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if d not in _SKIP and not (Path(current) / d).is_symlink())
        for name in names:
            full = Path(current) / name
            if full.is_symlink() or not full.is_file():
                continue
            files[full.relative_to(root).as_posix()] = full
            if len(files) > MAX_ENTRIES:
                raise InputError(
                    _(
                        "the folder '{folder}' holds more than {limit} files",
                        folder=root,
                        limit=format_number(MAX_ENTRIES),
                    ),
                    hint=_("give the folder of the blueprint itself"),
                )
    read_total = 0

    def reader(rel: str) -> bytes:
        nonlocal read_total
        size = files[rel].stat().st_size
        read_total += size
        if size > MAX_FILE_BYTES or read_total > MAX_TOTAL_BYTES:
            raise InputError(_("'{file}' in '{folder}' is too large to adopt", file=rel, folder=root))
        from kltransfer.references import read_reference

        return read_reference(root, rel, max_bytes=MAX_FILE_BYTES)  # no link swapped in since the walk

    return Snapshot("folder", str(root), sorted(files), reader)
