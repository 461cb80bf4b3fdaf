"""Reporters turn a :class:`~kltransfer.findings.Report` into text for people or machines.

Each format is one class in its own module, registered in :data:`REPORTERS`; the names of
that registry are the choices of ``--format``.
"""

from __future__ import annotations

from kltransfer.reporters.base import Reporter
from kltransfer.reporters.github import GithubReporter
from kltransfer.reporters.gitlab import GitlabReporter
from kltransfer.reporters.json_reporter import JsonReporter
from kltransfer.reporters.junit import JunitReporter
from kltransfer.reporters.sarif import SarifReporter
from kltransfer.reporters.text import TextReporter

REPORTERS: dict[str, type[Reporter]] = {
    "text": TextReporter,
    "json": JsonReporter,
    "github": GithubReporter,
    "sarif": SarifReporter,
    "junit": JunitReporter,
    "gitlab": GitlabReporter,
}


def get_reporter(name: str) -> type[Reporter]:
    return REPORTERS[name]


__all__ = ["REPORTERS", "Reporter", "get_reporter"]
