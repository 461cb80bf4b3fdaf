"""The reporter interface."""

from __future__ import annotations

from kltransfer.findings import Report

TYPE_CHECKING = False  # typing is not imported at run time (docs/performance.md)
if TYPE_CHECKING:
    from typing import TextIO


class Reporter:
    """Writes a report to a stream it is given (so that tests can pass a buffer)."""

    def __init__(self, stream: TextIO, *, color: bool = False) -> None:
        self.stream = stream
        self.color = color

    def report(self, report: Report) -> None:  # pragma: no cover - interface
        raise NotImplementedError
