"""Why a file could not be read or written, in the reader's language.

``OSError.strerror`` comes from the C library, which speaks English whatever the locale
(Python does not switch ``LC_MESSAGES``); the common causes are said here in plain words and
translated through the catalog; any other keeps the system's text. One function for every
command (validate, export, catalog, adopt, migrate, …).
"""

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
    errno.ENOSPC: N_("no space left on the disk"),
    errno.EROFS: N_("the file system is read-only"),
    errno.EEXIST: N_("it already exists"),
    errno.EBADF: N_("closed"),
}


def os_reason(exc: BaseException) -> str:
    """A short reason for ``exc`` (an ``OSError`` or a ``UnicodeDecodeError``) in the current language."""
    if isinstance(exc, UnicodeDecodeError):
        return _("not UTF-8 text")
    if isinstance(exc, OSError):
        known = _REASONS.get(exc.errno) if exc.errno is not None else None
        if known is not None:
            return _(known)
        if exc.strerror:
            return exc.strerror
    return str(exc)
