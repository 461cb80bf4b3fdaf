"""Local folders that are not git repositories: read as they are, links left out."""

from __future__ import annotations

import os
from pathlib import Path

from kltransfer.errors import InputError
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
                    f"the folder '{root}' holds more than {MAX_ENTRIES} files",
                    hint="give the folder of the blueprint itself",
                )
    read_total = 0

    def reader(rel: str) -> bytes:
        nonlocal read_total
        size = files[rel].stat().st_size
        read_total += size
        if size > MAX_FILE_BYTES or read_total > MAX_TOTAL_BYTES:
            raise InputError(f"'{rel}' in '{root}' is too large to adopt")
        return files[rel].read_bytes()

    return Snapshot("folder", str(root), sorted(files), reader)
