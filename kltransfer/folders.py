"""Creating output folders with an error a user can act on."""

from __future__ import annotations

from pathlib import Path

from kltransfer.errors import OutputError
from kltransfer.i18n import _


def create_folder(path: Path, option: str = "") -> None:
    """Create ``path`` and its parents; an :class:`OutputError` (exit 2) when that is impossible.

    ``option`` names the command-line option the path came from, for the hint.
    """
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # a file where a parent folder should be, no permission, a full disk
        from kltransfer.i18n.reasons import os_reason

        raise OutputError(
            _(
                "cannot create the folder '{path}': {reason}: '{name}'",
                path=path,
                reason=os_reason(exc),
                name=exc.filename,
            ),
            hint=_("check that every part of the {option} path is a folder you may write to", option=option)
            if option
            else _("check that every part of the path is a folder you may write to"),
        ) from None
