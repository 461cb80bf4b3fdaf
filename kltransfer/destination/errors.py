"""The errors of the destination mechanism (exit 2), each with a stable code."""

from __future__ import annotations

from kltransfer.errors import OutputError


class OutputRefused(OutputError):
    """The output must not be written: a foreign folder, a link, a folder overlapping a source."""

    code = "KT911"


class DestinationBusy(OutputError):
    """Another run writes into the same destination and did not finish in time."""

    code = "KT915"
