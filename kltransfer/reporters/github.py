"""GitHub Actions workflow commands: one ``::error`` or ``::warning`` line per finding.

GitHub turns these lines into annotations on the pull request, at the file, line and
column given. Paths are made relative to ``GITHUB_WORKSPACE`` (the checkout) when it is set.
"""

from __future__ import annotations

import os

from kltransfer.findings import Finding, Report, Severity
from kltransfer.reporters.base import Reporter
from kltransfer.reporters.common import finding_text, relative_path
from kltransfer.reporters.text import summary_line


def escape_data(text: str) -> str:
    """Escape the message part of a workflow command (after ``::``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value (``file=...``): the message escapes plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def workflow_command(finding: Finding, base: str | None = None) -> str:
    command = "error" if finding.severity is Severity.ERROR else "warning"
    props = [f"file={escape_property(relative_path(finding.path, base))}"]
    if finding.line:
        props.append(f"line={finding.line}")
        if finding.column:
            props.append(f"col={finding.column}")
    props.append(f"title={escape_property(finding.code)}")
    return f"::{command} {','.join(props)}::{escape_data(finding_text(finding))}"


class GithubReporter(Reporter):
    def report(self, report: Report) -> None:
        base = os.environ.get("GITHUB_WORKSPACE") or None
        write = self.stream.write
        for finding in report.findings:
            write(workflow_command(finding, base) + "\n")
        write(escape_data(f"kltransfer: {summary_line(report)}") + "\n")
