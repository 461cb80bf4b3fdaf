"""Writing the scaffold into its folder without surprises.

Nothing is written when the folder is not empty, or any file to be written exists, unless
``force`` is set; every check runs before the first byte is written. Every path must stay
inside the folder after symlinks are resolved; a file that is a symlink is replaced by a
regular file, never written through. Files are written to a temporary name and renamed.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from kltransfer.atomic import write_atomic
from kltransfer.errors import OutputError
from kltransfer.folders import create_folder
from kltransfer.i18n import _


def _check_relative(rel: str) -> PurePosixPath:
    path = PurePosixPath(rel)
    if path.is_absolute() or not path.parts or any(p in ("", ".", "..") for p in path.parts):
        raise OutputError(_("refusing to write '{path}': it is not a plain path inside the folder", path=rel))
    return path


def check_target(target: Path, files: Mapping[str, str], *, force: bool) -> None:
    """Raise :class:`OutputError` if writing ``files`` into ``target`` is not allowed."""
    if target.exists() and not target.is_dir():
        raise OutputError(_("{path} exists and is not a folder", path=target), hint=_("choose a new folder name"))
    existing = [rel for rel in files if os.path.lexists(target / rel)]
    if not force:
        if existing:
            raise OutputError(
                _("{path} already exists; nothing was written", path=target / existing[0]),
                hint=_("choose a new folder, or add --force to overwrite the files of the scaffold"),
            )
        if target.is_dir() and any(target.iterdir()):
            raise OutputError(
                _("the folder {path} is not empty; nothing was written", path=target),
                hint=_("choose a new or empty folder, or add --force to write into it"),
            )
    root = target.resolve()
    for rel in files:
        parts = _check_relative(rel).parts
        # every existing parent must be a real folder inside the target
        for depth in range(1, len(parts)):
            parent = target.joinpath(*parts[:depth])
            if os.path.lexists(parent) and (parent.is_symlink() or not parent.is_dir()):
                raise OutputError(
                    _("refusing to write {path}: {parent} is not a plain folder", path=target / rel, parent=parent),
                    hint=_("remove it or choose another folder"),
                )
        if not (root / rel).parent.resolve().is_relative_to(root):
            raise OutputError(
                _("refusing to write {path}: it would land outside {target}", path=target / rel, target=target)
            )
        if os.path.lexists(target / rel) and (target / rel).is_dir() and not (target / rel).is_symlink():
            raise OutputError(_("{path} is a folder; cannot write a file there", path=target / rel))


def write_files(target: Path, files: Mapping[str, str]) -> list[Path]:
    """Write ``files`` (relative POSIX path → text) below ``target``; return the paths written."""
    written: list[Path] = []
    create_folder(target)
    for rel, text in files.items():
        path = target.joinpath(*_check_relative(rel).parts)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text)  # replaces a symlink itself, never its target
        written.append(path)
    return written
