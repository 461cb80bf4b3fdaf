"""SARIF 2.1.0, the format of code-scanning tools (GitHub code scanning, IDE viewers).

One run with the tool's rules (every finding code kltransfer knows, with its title, default
level and a link to its documentation) and one result per finding, located by a URI
relative to the working folder and, where known, a line and a column (counted in Unicode
characters, as the YAML loader counts them).
"""

from __future__ import annotations

from typing import Any

from kltransfer import __version__
from kltransfer.findings import Finding, Report, Severity
from kltransfer.jsonout import dump
from kltransfer.reporters.base import Reporter
from kltransfer.reporters.common import PROJECT_URL, finding_text, relative_uri, rule_help_uri
from kltransfer.rules import RULES

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning"}


def rules_section() -> tuple[list[dict[str, Any]], dict[str, int]]:
    """The rule descriptors and the index of each code in them."""
    rules, index = [], {}
    for position, rule in enumerate(RULES.values()):
        index[rule.code] = position
        rules.append(
            {
                "id": rule.code,
                "name": rule.name,
                "shortDescription": {"text": rule.shown_title()},
                "defaultConfiguration": {"level": LEVELS[rule.severity]},
                "helpUri": rule_help_uri(rule.code),
            }
        )
    return rules, index


def result(finding: Finding, index: dict[str, int]) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": relative_uri(finding.path)}}
    if finding.line > 0:
        region = {"startLine": finding.line}
        if finding.column > 0:
            region["startColumn"] = finding.column
        physical["region"] = region
    out: dict[str, Any] = {"ruleId": finding.code}
    if finding.code in index:
        out["ruleIndex"] = index[finding.code]
    out["level"] = LEVELS[finding.severity]
    out["message"] = {"text": finding_text(finding)}
    out["locations"] = [{"physicalLocation": physical}]
    if finding.key_path:
        out["properties"] = {"keyPath": finding.key_path}
    return out


def sarif_log(report: Report) -> dict[str, Any]:
    rules, index = rules_section()
    driver = {
        "name": "kltransfer",
        "version": __version__,
        "informationUri": PROJECT_URL,
        "rules": rules,
    }
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {"driver": driver},
                "columnKind": "unicodeCodePoints",
                "results": [result(f, index) for f in report.findings],
            }
        ],
    }


class SarifReporter(Reporter):
    def report(self, report: Report) -> None:
        dump(sarif_log(report), self.stream)
        self.stream.write("\n")
