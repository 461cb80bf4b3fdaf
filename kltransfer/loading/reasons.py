"""Why a file could not be read, in the reader's language (the system's own text is English)."""

from __future__ import annotations

import errno

from kltransfer.i18n import N_, _

_REASONS = {
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("permission denied"),
    errno.ENOENT: N_("no such file or folder"),
    errno.EISDIR: N_("it is a folder"),
    errno.ENOTDIR: N_("a part of the path is not a folder"),
    errno.ELOOP: N_("too many symbolic links"),
    errno.ENAMETOOLONG: N_("the name is too long"),
    errno.EIO: N_("input/output error of the disk or network"),
}


def os_reason(exc: OSError) -> str:
    """The reason of ``exc`` in plain words: translated for the common cases, else the system's text."""
    known = _REASONS.get(exc.errno) if exc.errno is not None else None
    if known is not None:
        return _(known)
    return exc.strerror or str(exc)
