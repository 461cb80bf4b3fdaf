"""One line per finding, ``path:line:col: severity CODE key.path: message``, then a summary."""

from __future__ import annotations

from kltransfer.findings import Finding, Report, Severity
from kltransfer.reporters.base import Reporter

_RED, _YELLOW, _BOLD, _DIM, _GREEN, _RESET = "\033[31m", "\033[33m", "\033[1m", "\033[2m", "\033[32m", "\033[0m"


def format_finding(f: Finding, color: bool = False) -> str:
    where = f"{f.path}:{f.line}:{f.column}" if f.line else f.path
    sev = f.severity.value
    if color:
        tint = _RED if f.severity is Severity.ERROR else _YELLOW
        sev = f"{tint}{sev}{_RESET}"
        where = f"{_BOLD}{where}{_RESET}"
    key = f" {f.key_path}" if f.key_path else ""
    hint = f"; {f.hint}" if f.hint else ""
    return f"{where}: {sev} {f.code}{key}: {f.message}{hint}"


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def summary_line(report: Report) -> str:
    """``3 files checked: 1 failing, 2 errors, 0 warnings`` — the last line of a run."""
    s = report.summary()
    line = (
        f"{plural(s['files'], 'file')} checked: {s['invalid_files']} failing, "
        f"{plural(s['errors'], 'error')}, {plural(s['warnings'], 'warning')}"
    )
    if report.strict and s["warnings"]:
        line += " (--strict: warnings fail)"
    return line


class TextReporter(Reporter):
    def report(self, report: Report) -> None:
        write = self.stream.write
        for finding in report.findings:
            write(format_finding(finding, self.color) + "\n")
        line = summary_line(report)
        if self.color:
            line = f"{_GREEN if report.ok else _RED}{line}{_RESET}"
        write(line + "\n")
