"""Findings for people: ``path:line:col: severity CODE key.path: message; hint``, then a summary.

Each finding is one line in that shape, followed (unless ``source`` is off) by the line of
the file it points to and a caret under the column; those lines start with spaces, so a
tool that reads ``path:line:col:`` lines skips them.

Two orders:

- *in file order* (the default, and always when the output is not a terminal): one finding
  after the other, file by file, line by line. Pipes and CI logs get this.
- *errors first* (``grouped``, on a terminal): every error, then the warnings; a code with
  more than :data:`GROUP_AFTER` warnings is shown as one block with its count and its first
  places (``verbose`` lists every one instead).
"""

from __future__ import annotations

from collections.abc import Iterator

from kltransfer.findings import FileReport, Finding, Report, Severity
from kltransfer.i18n import _, _n
from kltransfer.reporters.base import Reporter
from kltransfer.terminal import printable

TYPE_CHECKING = False  # typing is not imported at run time (docs/performance.md)
if TYPE_CHECKING:
    from typing import TextIO

_RED, _YELLOW, _BOLD, _DIM, _GREEN, _BLUE, _RESET = (
    "\033[31m",
    "\033[33m",
    "\033[1m",
    "\033[2m",
    "\033[32m",
    "\033[34m",
    "\033[0m",
)
#: More warnings of one code than this are shown as one block (on a terminal, without -v).
GROUP_AFTER = 3


def severity_word(severity: Severity) -> str:
    return _("error") if severity is Severity.ERROR else _("warning")


def format_finding(f: Finding, color: bool = False) -> str:
    """One finding on one line; every part from the file is made printable (no control characters)."""
    where = printable(f"{f.path}:{f.line}:{f.column}" if f.line else f.path)
    sev = severity_word(f.severity)
    if color:
        tint = _RED if f.severity is Severity.ERROR else _YELLOW
        sev = f"{tint}{sev}{_RESET}"
        where = f"{_BOLD}{where}{_RESET}"
    key = f" {printable(f.key_path)}" if f.key_path else ""
    hint = f"; {printable(f.hint)}" if f.hint else ""
    return f"{where}: {sev} {f.code}{key}: {printable(f.message)}{hint}"


def count_errors(n: int) -> str:
    return _n("{n} error", "{n} errors", n)


def count_warnings(n: int) -> str:
    return _n("{n} warning", "{n} warnings", n)


def summary_line(report: Report) -> str:
    """``3 files checked: 1 failing, 2 errors, 0 warnings`` — the last line of a run."""
    s = report.summary()
    warnings = count_warnings(s["warnings"])
    if report.errors_only and s.get("hidden_warnings"):
        warnings = _n("{n} warning (not shown)", "{n} warnings (not shown)", s["warnings"])
    line = _(
        "{files}: {failing}, {errors}, {warnings}",
        files=_n("{n} file checked", "{n} files checked", s["files"]),
        failing=_n("{n} failing", "{n} failing", s["invalid_files"]),
        errors=count_errors(s["errors"]),
        warnings=warnings,
    )
    if report.strict and s["warnings"]:
        line = _("{summary} (--strict: warnings fail)", summary=line)
    return line


class TextReporter(Reporter):
    """``source``: show the line under each finding; ``grouped``: errors first, warnings in
    blocks (for a terminal); ``verbose``: no blocks, every warning on its own."""

    def __init__(
        self,
        stream: TextIO,
        *,
        color: bool = False,
        source: bool = True,
        grouped: bool = False,
        verbose: bool = False,
    ) -> None:
        super().__init__(stream, color=color)
        self.source = source
        self.grouped = grouped
        self.verbose = verbose

    def report(self, report: Report) -> None:
        write = self.stream.write
        for line in self.lines(report):
            write(line + "\n")
        summary = summary_line(report)
        if self.color:
            summary = f"{_GREEN if report.ok else _RED}{summary}{_RESET}"
        write(summary + "\n")

    def lines(self, report: Report) -> Iterator[str]:
        """Every line before the summary."""
        pairs = [(file, f) for file in report.files for f in file.findings]
        if not self.grouped:
            for file, finding in pairs:
                yield from self.finding(file, finding)
            return
        yield from (line for file, f in pairs if f.severity is Severity.ERROR for line in self.finding(file, f))
        warnings = [(file, f) for file, f in pairs if f.severity is not Severity.ERROR]
        by_code: dict[str, list[tuple[FileReport, Finding]]] = {}
        for file, f in warnings:
            by_code.setdefault(f.code, []).append((file, f))
        blocks = {code for code, found in by_code.items() if len(found) > GROUP_AFTER and not self.verbose}
        for file, f in warnings:
            if f.code not in blocks:
                yield from self.finding(file, f)
        for code in sorted(blocks):
            yield from self.block(code, by_code[code])

    def finding(self, file: FileReport, f: Finding) -> Iterator[str]:
        yield format_finding(f, self.color)
        if self.source and f.line and f.path == file.path and f.line in file.source_lines:
            from kltransfer.reporters.source import snippet  # only when there is a line to show

            tint = _RED if f.severity is Severity.ERROR else _YELLOW
            paint = (_BLUE, tint + _BOLD, _RESET) if self.color else None
            yield from snippet(f.line, file.source_lines[f.line], f.column, paint=paint)

    def block(self, code: str, found: list[tuple[FileReport, Finding]]) -> Iterator[str]:
        """Many warnings of one code: a head line with the count and the rule, then the first places."""
        from kltransfer.rules import RULES

        rule = RULES.get(code)
        sev = severity_word(Severity.WARNING)
        if self.color:
            sev = f"{_YELLOW}{sev}{_RESET}"
        title = rule.shown_title() if rule else ""
        yield _("{severity} {code}: {count} times: {title}", severity=sev, code=code, count=len(found), title=title)
        for _file, f in found[:GROUP_AFTER]:
            where = f"{f.path}:{f.line}:{f.column}" if f.line else f.path
            key = f" {f.key_path}" if f.key_path else ""
            yield "  " + printable(where + key)
        rest = len(found) - GROUP_AFTER
        yield "  " + _n("… and {n} more (-v shows every one)", "… and {n} more (-v shows every one)", rest)
