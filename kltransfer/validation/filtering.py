"""Rule selection from the configuration: which findings a run reports.

``select`` keeps only the codes it names (or that start with a prefix it names, such as
``KT2``), ``ignore`` then drops codes, and ``per-file-ignores`` drops codes in the files that
match a glob. Findings that say a file could not be read or parsed at all are always kept:
ignoring them would let a broken file pass without ever being checked.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from kltransfer.config import Config
from kltransfer.findings import UNREADABLE, FileReport, Finding, Report
from kltransfer.loading.yaml_loader import UNCHECKED
from kltransfer.rules import RULES

#: Codes that mean the file was not checked at all, or not all of its findings are listed
#: (KT014 counts the rest): never filtered out.
ALWAYS_REPORTED = UNCHECKED | {UNREADABLE, "KT014"}


def _matches(code: str, prefixes: Iterable[str]) -> bool:
    return any(code.startswith(prefix) for prefix in prefixes)


@lru_cache(maxsize=256)
def glob_regex(pattern: str) -> re.Pattern[str]:
    """A glob as a regular expression: ``*`` and ``?`` stay within a folder, ``**`` crosses folders."""
    out, i = "", 0
    while i < len(pattern):
        ch = pattern[i]
        if pattern.startswith("**/", i):
            out += "(?:.*/)?"
            i += 3
            continue
        if pattern.startswith("**", i):
            out += ".*"
            i += 2
            continue
        if ch == "*":
            out += "[^/]*"
        elif ch == "?":
            out += "[^/]"
        elif ch == "[" and "]" in pattern[i + 2 :]:
            end = pattern.index("]", i + 2)
            body = pattern[i + 1 : end]
            if body.startswith("!"):
                body = "^" + body[1:]
            out += f"[{body.replace(chr(92), chr(92) * 2)}]"
            i = end
        else:
            out += re.escape(ch)
        i += 1
    return re.compile(out + r"\Z")


def path_matches(pattern: str, rel_path: str) -> bool:
    """Whether ``rel_path`` (forward slashes) matches ``pattern``.

    A pattern without ``/`` also matches a file of that name in any folder.
    """
    pattern = pattern.removeprefix("./")
    regex = glob_regex(pattern)
    if regex.match(rel_path):
        return True
    return "/" not in pattern and bool(regex.match(rel_path.rsplit("/", 1)[-1]))


def _relative(path: str, root: Path) -> str:
    absolute = os.path.normpath(Path.cwd() / path)
    try:
        rel = os.path.relpath(absolute, root)
    except ValueError:  # another drive on Windows
        rel = absolute
    if rel == ".." or rel.startswith(".." + os.sep):
        rel = absolute
    return Path(rel).as_posix()


class RuleFilter:
    """Decides for each finding whether the configuration keeps it."""

    def __init__(self, config: Config) -> None:
        self.config = config

    def ignored_in(self, path: str) -> tuple[str, ...]:
        if not self.config.per_file_ignores:
            return ()
        rel = _relative(path, self.config.root)
        return tuple(
            code for pattern, codes in self.config.per_file_ignores if path_matches(pattern, rel) for code in codes
        )

    def keeps(self, finding: Finding, file_ignores: tuple[str, ...] = ()) -> bool:
        code = finding.code
        if code in ALWAYS_REPORTED or code not in RULES:
            return True
        if self.config.select and not _matches(code, self.config.select):
            return False
        return not _matches(code, self.config.ignore) and not _matches(code, file_ignores)

    def file(self, report: FileReport) -> FileReport:
        ignores = self.ignored_in(report.path)
        kept = [f for f in report.findings if self.keeps(f, ignores)]
        return report.replace(findings=kept)


def filter_report(report: Report, config: Config | None) -> Report:
    """``report`` without the findings that ``config`` leaves out (the same object if it leaves none out)."""
    if config is None or not config.filters:
        return report
    rule_filter = RuleFilter(config)
    return report.replace(files=[rule_filter.file(f) for f in report.files])
