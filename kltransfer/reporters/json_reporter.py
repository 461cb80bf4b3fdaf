"""The findings and the summary as one JSON document."""

from __future__ import annotations

from kltransfer.findings import Report
from kltransfer.jsonout import dump
from kltransfer.reporters.base import Reporter


class JsonReporter(Reporter):
    def report(self, report: Report) -> None:
        dump(report.to_dict(), self.stream)
        self.stream.write("\n")
