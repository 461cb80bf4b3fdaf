"""How the catalog's listing files reach the site folder: ``write(rel, content)`` and
``copy(rel, source)``, each file replaced atomically, and a note of what was written.

The writers of the site (:mod:`.pages`, :mod:`.pagedata`, :mod:`.status`) take any object with
these two methods, so the site can as well be built in a staging folder and switched in whole.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from kltransfer.atomic import write_atomic


class FolderWriter:
    def __init__(self, root: Path) -> None:
        self.root = root
        #: the files written, relative to ``root`` (POSIX)
        self.written: set[str] = set()

    def write(self, rel: str, content: bytes | str | Iterable[str]) -> None:
        target = self.root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, content)
        self.written.add(rel)

    def copy(self, rel: str, source: Path) -> None:
        self.write(rel, source.read_bytes())

    def prune(self, folder: str) -> None:
        """Remove the files of ``folder`` this writer did not write (the data of an earlier build)."""
        root = self.root / folder
        if root.is_dir():
            for path in root.iterdir():
                if path.is_file() and f"{folder}/{path.name}" not in self.written:
                    path.unlink()
