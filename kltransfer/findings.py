"""Findings: what a check says about one place in one file, and reports that collect them."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from kltransfer.record import FrozenRecord, Record

TYPE_CHECKING = False  # typing is not imported at run time (docs/performance.md)
if TYPE_CHECKING:
    from typing import Any

#: The code of a file that exists but cannot be read (permissions, a broken link, not a file).
UNREADABLE = "KT901"
#: The most findings listed for one file; the rest are counted in one finding (``KT014``), so
#: that a hostile or broken file cannot make the output (or the time to print it) grow without bound.
MAX_FINDINGS = 1000


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"

    def __str__(self) -> str:
        return self.value


class Edit(FrozenRecord):
    """A fix a machine can apply: the characters ``start`` to ``end`` of the file's text (as loaded,
    without a byte order mark) are ``old`` and become ``new``. ``kltransfer fix`` applies an edit
    only while ``old`` still stands there."""

    __slots__ = ("end", "new", "old", "start")
    start: int
    end: int
    old: str
    new: str

    def __init__(self, start: int, end: int, old: str, new: str) -> None:
        self._set(start=start, end=end, old=old, new=new)


class Finding(FrozenRecord):
    """One problem at one place. ``line`` and ``column`` are 1-based; 0 means unknown."""

    __slots__ = ("code", "column", "edit", "hint", "key_path", "line", "message", "path", "severity")
    code: str
    message: str
    path: str
    line: int
    column: int
    key_path: str
    severity: Severity
    hint: str | None
    #: The exact fix, where one is certain (``kltransfer fix`` applies it).
    edit: Edit | None

    def __init__(
        self,
        code: str,
        message: str,
        path: str = "",
        line: int = 0,
        column: int = 0,
        key_path: str = "",
        severity: Severity = Severity.ERROR,
        hint: str | None = None,
        edit: Edit | None = None,
    ) -> None:
        self._set(
            code=code,
            message=message,
            path=path,
            line=line,
            column=column,
            key_path=key_path,
            severity=severity,
            hint=hint,
            edit=edit,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "key_path": self.key_path,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
        }


class FileReport(Record):
    """All findings of one file."""

    __slots__ = ("blueprint_id", "findings", "hidden_warnings", "path", "source_lines")
    path: str
    findings: list[Finding]
    blueprint_id: str | None
    #: The text of the lines of ``path`` that findings point to (line number -> line), for
    #: showing them; filled in only when there are findings.
    source_lines: dict[int, str]
    #: Warnings left out of ``findings`` for display (``--errors-only``); they still count.
    hidden_warnings: int

    def __init__(
        self,
        path: str,
        findings: list[Finding] | None = None,
        blueprint_id: str | None = None,
        source_lines: dict[int, str] | None = None,
        hidden_warnings: int = 0,
    ) -> None:
        self.path = path
        self.findings = [] if findings is None else findings
        self.blueprint_id = blueprint_id
        self.source_lines = {} if source_lines is None else source_lines
        self.hidden_warnings = hidden_warnings

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.WARNING) + self.hidden_warnings

    def without_warnings(self) -> FileReport:
        """This report with its warnings hidden: not listed, still counted (and failing under strict)."""
        kept = [f for f in self.findings if f.severity is Severity.ERROR]
        return self.replace(findings=kept, hidden_warnings=self.warnings)

    def ok(self, *, strict: bool = False) -> bool:
        return self.errors == 0 and (not strict or self.warnings == 0)


class Report(Record):
    """The result of a run over many files."""

    __slots__ = ("errors_only", "files", "strict")
    files: list[FileReport]
    strict: bool
    #: Whether warnings are hidden (``--errors-only``): see :meth:`without_warnings`.
    errors_only: bool

    def __init__(self, files: list[FileReport] | None = None, strict: bool = False, errors_only: bool = False) -> None:
        self.files = [] if files is None else files
        self.strict = strict
        self.errors_only = errors_only

    @property
    def errors(self) -> int:
        return sum(f.errors for f in self.files)

    @property
    def warnings(self) -> int:
        return sum(f.warnings for f in self.files)

    @property
    def findings(self) -> list[Finding]:
        return [f for report in self.files for f in report.findings]

    @property
    def ok(self) -> bool:
        return all(f.ok(strict=self.strict) for f in self.files)

    @property
    def exit_code(self) -> int:
        """0 ok, 1 findings that fail the run, 2 when a file could not be read at all."""
        if any_unreadable(self.files):
            return 2
        return 0 if self.ok else 1

    def without_warnings(self) -> Report:
        """The report with every warning hidden from the listing; the counts and the exit code stay."""
        return self.replace(files=[f.without_warnings() for f in self.files], errors_only=True)

    def summary(self) -> dict[str, int]:
        counts = {
            "files": len(self.files),
            "invalid_files": sum(1 for f in self.files if not f.ok(strict=self.strict)),
            "errors": self.errors,
            "warnings": self.warnings,
        }
        if self.errors_only:
            counts["hidden_warnings"] = sum(f.hidden_warnings for f in self.files)
        return counts

    def to_dict(self) -> dict[str, Any]:
        return {
            "findings": [f.to_dict() for f in self.findings],
            "summary": {**self.summary(), "strict": self.strict, "ok": self.ok},
        }


def any_unreadable(reports: Iterable[FileReport]) -> bool:
    """Whether a file could not be read at all: then a run exits 2, not 1."""
    return any(f.code == UNREADABLE for report in reports for f in report.findings)
