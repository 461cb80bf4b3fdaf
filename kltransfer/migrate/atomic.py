"""Write a migrated file atomically, as an :class:`OutputError` when that is impossible."""

from __future__ import annotations

from pathlib import Path

from kltransfer import atomic
from kltransfer.errors import OutputError
from kltransfer.i18n import _


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` (or, through a link, the file it points to) with ``data``."""
    try:
        atomic.write_atomic(path, data, follow_links=True)
    except OSError as exc:
        raise OutputError(_("cannot write '{path}': {reason}", path=path, reason=exc.strerror or exc)) from exc
