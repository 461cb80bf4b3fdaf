"""Creating output folders with an error a user can act on."""

from __future__ import annotations

from pathlib import Path

from kltransfer.errors import OutputError


def create_folder(path: Path, option: str = "") -> None:
    """Create ``path`` and its parents; an :class:`OutputError` (exit 2) when that is impossible.

    ``option`` names the command-line option the path came from, for the hint.
    """
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # a file where a parent folder should be, no permission, a full disk
        where = f"the {option} path" if option else "the path"
        raise OutputError(
            f"cannot create the folder '{path}': {exc.strerror}: '{exc.filename}'",
            hint=f"check that every part of {where} is a folder you may write to",
        ) from None
