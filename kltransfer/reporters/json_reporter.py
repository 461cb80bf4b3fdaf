"""The findings and the summary as one JSON document."""

from __future__ import annotations

import json

from kltransfer.findings import Report
from kltransfer.reporters.base import Reporter


class JsonReporter(Reporter):
    def report(self, report: Report) -> None:
        json.dump(report.to_dict(), self.stream, ensure_ascii=False, indent=2)
        self.stream.write("\n")
