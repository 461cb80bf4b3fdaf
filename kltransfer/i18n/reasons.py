"""Why a file could not be read or written, in the reader's language.

``OSError.strerror`` comes from the C library, which speaks English whatever the locale
(Python does not switch ``LC_MESSAGES``); the common causes are named here instead.
"""

from __future__ import annotations

import errno

from kltransfer.i18n import N_, _

_REASONS = {
    errno.ENOENT: N_("it does not exist"),
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("permission denied"),
    errno.EISDIR: N_("it is a folder"),
    errno.ENOTDIR: N_("a part of the path is not a folder"),
    errno.ENOSPC: N_("no space left on the device"),
    errno.EROFS: N_("the file system is read-only"),
    errno.EEXIST: N_("it already exists"),
}


def os_reason(exc: BaseException) -> str:
    """A short reason for ``exc`` (an ``OSError`` or a ``UnicodeDecodeError``) in the current language."""
    if isinstance(exc, UnicodeDecodeError):
        return _("it is not UTF-8 text")
    if isinstance(exc, OSError) and exc.errno in _REASONS:
        return _(_REASONS[exc.errno])
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc)
