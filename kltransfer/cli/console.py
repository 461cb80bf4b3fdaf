"""One object for messages to people: status, warnings and errors go to stderr.

Colour only on a terminal, never when ``NO_COLOR`` is set (https://no-color.org), always when
``FORCE_COLOR`` is. Data for pipes (reports, JSON) is written to stdout by the commands.
"""

from __future__ import annotations

import os
import sys
from typing import TextIO

from kltransfer.i18n import _


def wants_color(stream: TextIO) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return os.environ.get("TERM") != "dumb" and hasattr(stream, "isatty") and stream.isatty()


class Console:
    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream

    @property
    def stream(self) -> TextIO:
        return self._stream or sys.stderr

    def _paint(self, text: str, code: str) -> str:
        return f"\033[{code}m{text}\033[0m" if wants_color(self.stream) else text

    def error(self, message: str, *, code: str | None = None, hint: str | None = None) -> None:
        label = self._paint(_("error"), "1;31")
        prefix = f"{label} {code}: " if code else f"{label}: "
        self.stream.write(f"kltransfer: {prefix}{message}\n")
        if hint:
            self.stream.write("  " + _("hint: {hint}", hint=hint) + "\n")

    def warn(self, message: str) -> None:
        label = self._paint(_("warning"), "33")
        self.stream.write(f"kltransfer: {label}: {message}\n")

    def info(self, message: str) -> None:
        self.stream.write(message + "\n")


console = Console()
