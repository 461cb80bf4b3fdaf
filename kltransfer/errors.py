"""The exception hierarchy of kltransfer.

Every error meant for a user carries a stable ``code`` and a plain-language message,
optionally a ``hint`` (what to do about it). Exceptions never print; the command line
maps them to exit codes in one place (:mod:`kltransfer.cli.errors`).
"""

from __future__ import annotations

from kltransfer.i18n import _


class KltransferError(Exception):
    """Base of all errors kltransfer raises on purpose."""

    code = "KT000"
    exit_code = 2

    def __init__(self, message: str, *, hint: str | None = None, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        return self.message if not self.hint else self.message + "\n  " + _("hint: {hint}", hint=self.hint)


class UsageError(KltransferError, ValueError):
    """Options or arguments that do not fit together (exit 2)."""

    code = "KT900"


class InputError(KltransferError, OSError):
    """Input that cannot be read at all: a missing path, no blueprint found (exit 2)."""

    code = "KT901"


class ConfigError(KltransferError, ValueError):
    """A configuration file that is unreadable or wrong (exit 2)."""

    code = "KT902"


class FindingsError(KltransferError):
    """The run produced findings that fail it: invalid blueprints, conflicts (exit 1)."""

    code = "KT903"
    exit_code = 1


class OutputError(KltransferError, OSError):
    """A destination that cannot or must not be written (exit 2)."""

    code = "KT904"
