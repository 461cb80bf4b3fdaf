"""GitLab Code Quality: a JSON list of issues (the Code Climate subset GitLab reads).

Each issue has a fingerprint that stays the same from run to run while the finding does
(path, code, key path and message), so that GitLab can tell new findings from old ones.
"""

from __future__ import annotations

import hashlib
import os
from typing import Any

from kltransfer.findings import Finding, Report, Severity
from kltransfer.jsonout import dump
from kltransfer.reporters.base import Reporter
from kltransfer.reporters.common import finding_text, relative_path

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor"}


def fingerprint(path: str, finding: Finding) -> str:
    parts = (path, finding.code, finding.key_path, finding.message)
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def issue(finding: Finding, base: str | None = None) -> dict[str, Any]:
    path = relative_path(finding.path, base)
    return {
        "type": "issue",
        "description": finding_text(finding),
        "check_name": finding.code,
        "fingerprint": fingerprint(path, finding),
        "severity": SEVERITIES[finding.severity],
        "location": {"path": path, "lines": {"begin": max(finding.line, 1)}},
    }


class GitlabReporter(Reporter):
    def report(self, report: Report) -> None:
        base = os.environ.get("CI_PROJECT_DIR") or None
        dump([issue(f, base) for f in report.findings], self.stream)
        self.stream.write("\n")
