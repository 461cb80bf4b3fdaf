"""Writing the scaffold into its folder without surprises, through the destination mechanism.

Nothing is written when the folder is not empty, or any file to be written exists, unless
``force`` is set; every check runs before the first byte is written. No path passes through a
symbolic link (:func:`kltransfer.destination.paths.inside`); a file that is a link is replaced
by a regular file, never written through. Each file is written to a temporary name and renamed;
when writing fails, exactly the files and folders this run created are removed again
(:class:`kltransfer.destination.created.Creation`), nothing else.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from kltransfer.destination.created import Creation
from kltransfer.destination.paths import inside, real_folder
from kltransfer.errors import OutputError
from kltransfer.i18n import _


def check_target(target: Path, files: Mapping[str, str], *, force: bool) -> None:
    """Raise :class:`OutputError` if writing ``files`` into ``target`` is not allowed."""
    exists = real_folder(target)  # refuses a link or a file
    existing = [rel for rel in files if os.path.lexists(target / rel)]
    if not force:
        if existing:
            raise OutputError(
                _("{path} already exists; nothing was written", path=target / existing[0]),
                hint=_("choose a new folder, or add --force to overwrite the files of the scaffold"),
            )
        if exists and any(target.iterdir()):
            raise OutputError(
                _("the folder {path} is not empty; nothing was written", path=target),
                hint=_("choose a new or empty folder, or add --force to write into it"),
            )
    for rel in files:
        inside(target, rel)  # no link or file where a folder is needed, no folder where the file goes


def write_files(target: Path, files: Mapping[str, str]) -> list[Path]:
    """Write ``files`` (relative POSIX path → text) below ``target``; return the paths written."""
    with Creation(target) as created:
        return [created.write(rel, text) for rel, text in files.items()]
