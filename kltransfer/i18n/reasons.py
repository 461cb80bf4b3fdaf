"""Why a file could not be read or written, in the reader's language.

``OSError.strerror`` comes from the C library, which speaks English whatever the locale
(Python does not switch ``LC_MESSAGES``); the common causes are marked here, spelt as the
C library spells them in English, and translated through the catalog.
"""

from __future__ import annotations

import errno

from kltransfer.i18n import N_, _

_REASONS = {
    errno.ENOENT: N_("No such file or directory"),
    errno.EACCES: N_("Permission denied"),
    errno.EPERM: N_("Operation not permitted"),
    errno.EISDIR: N_("Is a directory"),
    errno.ENOTDIR: N_("Not a directory"),
    errno.ENOSPC: N_("No space left on device"),
    errno.EROFS: N_("Read-only file system"),
    errno.EEXIST: N_("File exists"),
}


def os_reason(exc: BaseException) -> str:
    """A short reason for ``exc`` (an ``OSError`` or a ``UnicodeDecodeError``) in the current language."""
    if isinstance(exc, UnicodeDecodeError):
        return _("not UTF-8 text")
    if isinstance(exc, OSError) and exc.errno in _REASONS:
        return _(_REASONS[exc.errno])
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc)
