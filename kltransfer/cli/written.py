"""What writing an output tree did that a person should know: files of theirs kept, moved or left."""

from __future__ import annotations

from typing import Any

from kltransfer.i18n import _, _n

#: Names listed in one line before "…".
_LISTED = 5


def _names(paths: list[str]) -> str:
    shown = ", ".join(paths[:_LISTED])
    return shown + (", …" if len(paths) > _LISTED else "")


def report_written(written: Any) -> None:
    """Tell the user about :class:`kltransfer.destination.tree.Written` (nothing when all is as expected)."""
    from kltransfer.cli.console import console

    if written is None:
        return
    folder = written.out
    if written.recovered == "finished":
        console.info(
            _("an earlier run into {folder} was interrupted after its switch; its clean-up is done", folder=folder)
        )
    elif written.recovered == "undone":
        console.info(_("an earlier run into {folder} was interrupted; its unfinished work was removed", folder=folder))
    for path, kept in written.kept:
        console.warn(
            _(
                "{folder}/{path} was not written by kltransfer (or was changed since) and is in the way: "
                "kept as {kept}",
                folder=folder,
                path=path,
                kept=kept,
            )
        )
    if written.theirs:
        console.info(
            _n(
                "kept {n} file or folder in {folder} that kltransfer did not write: {names}",
                "kept {n} files or folders in {folder} that kltransfer did not write: {names}",
                len(written.theirs),
                folder=folder,
                names=_names(written.theirs),
            )
        )
    if written.moved:
        console.warn(
            _n(
                "{n} file appeared in {folder} while kltransfer was writing; it is kept: {names}",
                "{n} files appeared in {folder} while kltransfer was writing; they are kept: {names}",
                len(written.moved),
                folder=folder,
                names=_names(written.moved),
            )
        )
    for left in written.left:
        console.warn(
            _(
                "the folder {left} holds files that could not be put back into {folder}; look at them, then remove it",
                left=left,
                folder=folder,
            )
        )
