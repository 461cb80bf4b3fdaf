"""Writing files into a folder a person owns (``new``, ``adopt``), remembering what the run created.

Each file is replaced atomically (:func:`~kltransfer.destination.files.write_atomic`), never
through a link (:func:`~kltransfer.destination.paths.inside`). When the run fails, :meth:`Creation.undo`
removes exactly the files and folders it created (each only while it is still the one it
wrote) and nothing else: a folder that existed before is never removed, a file that existed
before keeps whatever the run put there.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import TracebackType

from kltransfer.destination.files import write_atomic
from kltransfer.destination.paths import create_folder, inside, make_folders, plain_parts, real_folder


class Creation:
    """Use as ``with Creation(folder, "--into") as files: files.write(rel, data)``."""

    def __init__(self, folder: Path, option: str = "") -> None:
        self.folder = folder
        self.option = option
        #: Folders and files this run created, in the order it created them (with their inode).
        self.folders: list[Path] = []
        self.files: list[tuple[Path, int]] = []

    def __enter__(self) -> Creation:
        if not real_folder(self.folder):  # refuses a link or a file
            self.folders += create_folder(self.folder, self.option)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, trace: TracebackType | None
    ) -> None:
        if kind is not None:
            self.undo()

    def write(self, rel: str, content: bytes | str) -> Path:
        """Write ``rel`` below the folder; returns its path."""
        target = inside(self.folder, rel)
        make_folders(self.folder, plain_parts(rel)[:-1], self.folders)
        existed = os.path.lexists(target)
        write_atomic(target, content)
        if not existed:
            self.files.append((target, os.lstat(target).st_ino))
        return target

    def undo(self) -> None:
        """Remove what this run created, newest first; folders only when empty."""
        for path, inode in reversed(self.files):
            try:
                if os.lstat(path).st_ino == inode:
                    path.unlink()
            except OSError:
                pass
        for folder in reversed(self.folders):
            try:
                folder.rmdir()
            except OSError:
                pass
        self.files.clear()
        self.folders.clear()
