"""One object for messages to people: status, warnings and errors go to stderr.

Every message is printed through :func:`kltransfer.terminal.printable`: a value quoted from a
file or an argument cannot act on the terminal. Colour only on a terminal, never when
``NO_COLOR`` is set (https://no-color.org), always when ``FORCE_COLOR`` is. Data for pipes
(reports, JSON) is written to stdout by the commands.
"""

from __future__ import annotations

import os
import sys

from kltransfer.i18n import _
from kltransfer.terminal import printable

TYPE_CHECKING = False  # typing is not imported at run time (docs/performance.md)
if TYPE_CHECKING:
    from typing import TextIO


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
        self.stream.write(f"kltransfer: {prefix}{printable(message, lines=True)}\n")
        if hint:
            self.stream.write("  " + _("hint: {hint}", hint=printable(hint, lines=True)) + "\n")

    def warn(self, message: str) -> None:
        label = self._paint(_("warning"), "33")
        self.stream.write(f"kltransfer: {label}: {printable(message, lines=True)}\n")

    def info(self, message: str) -> None:
        self.stream.write(printable(message, lines=True) + "\n")


console = Console()
