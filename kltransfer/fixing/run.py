"""Fix texts and files: validate, apply the certain edits, validate again, until nothing changes."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kltransfer.findings import UNREADABLE, FileReport, Finding
from kltransfer.fixing.edits import apply_edits
from kltransfer.fixing.syntax import quote_value
from kltransfer.i18n import _
from kltransfer.i18n.reasons import os_reason
from kltransfer.loading.limits import DEFAULT_LIMITS, Limits

if TYPE_CHECKING:
    from kltransfer.config import Config

#: Each round fixes what the checks find in the text of the round before; a syntax error
#: fixed in one round lets the next round check what stood behind it.
MAX_ROUNDS = 100
_BOM = "\ufeff"

Keep = Callable[[Finding], bool]


@dataclass(slots=True)
class FileFix:
    """What ``fix`` did (or, with ``--dry-run``, would do) to one file."""

    path: str
    old_text: str
    new_text: str
    #: The findings whose fix was applied, in the order of the rounds.
    fixed: list[Finding] = field(default_factory=list)
    #: The findings of the fixed text: what is left to do by hand.
    report: FileReport | None = None
    written: bool = False
    #: Why a changed text was not written (a link to a file outside the folder), else empty.
    refused: str = ""

    @property
    def changed(self) -> bool:
        return self.new_text != self.old_text

    @property
    def remaining(self) -> list[Finding]:
        return self.report.findings if self.report is not None else []

    def diff(self) -> str:
        """A unified diff from the old text to the fixed one (empty when nothing changes)."""
        from kltransfer.textdiff import unified_diff

        return unified_diff(self.path, self.old_text, self.new_text)


def _keep_all(finding: Finding) -> bool:
    return True


def fix_text(
    text: str,
    path: str = "<text>",
    *,
    base_dir: Path | None = None,
    limits: Limits = DEFAULT_LIMITS,
    keep: Keep = _keep_all,
) -> FileFix:
    """Fix ``text``: every certain edit of the findings that ``keep`` keeps, round after round.

    Never raises for bad input; ``report`` of the result holds what is left.
    """
    from kltransfer.validation.validate import bounded, validate_text

    bom = _BOM if text.startswith(_BOM) else ""
    body = text[len(bom) :]  # the positions of findings count from after a byte order mark
    fixed: list[Finding] = []
    # every finding, not only the thousand a listing shows: each round applies all certain edits
    report = validate_text(body, path, base_dir=base_dir, limits=limits, limit=None)
    for _round in range(MAX_ROUNDS):
        findings = [f for f in report.findings if keep(f)]
        new_body, applied = apply_edits(body, findings)
        if not applied:
            new_body, applied = _quote_syntax(body, findings)
        if not applied:
            break
        new_report = validate_text(new_body, path, base_dir=base_dir, limits=limits, limit=None)
        if applied[0].code == "KT002" and _syntax_error_at_or_before(new_report, applied[0].line):
            break  # quoting did not help: leave the line as it was
        body, report = new_body, new_report
        fixed += applied
    report.findings = bounded(
        [f for f in report.findings if keep(f)], path
    )  # what is left, listed as validate lists it
    return FileFix(path, text, bom + body, fixed, report)


def _quote_syntax(body: str, findings: list[Finding]) -> tuple[str, list[Finding]]:
    syntax = next((f for f in findings if f.code == "KT002" and f.line), None)
    edit = quote_value(body, syntax.line) if syntax is not None else None
    if syntax is None or edit is None:
        return body, []
    return body[: edit.start] + edit.new + body[edit.end :], [syntax]


def _syntax_error_at_or_before(report: FileReport, line: int) -> bool:
    return any(f.code == "KT002" and f.line <= line for f in report.findings)


def fix_file(
    path: str | os.PathLike[str],
    *,
    dry_run: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    keep: Keep = _keep_all,
) -> FileFix:
    """Fix one file in place (atomically, only when something changes), unless ``dry_run``."""
    from kltransfer.loading.yaml_loader import read_bytes
    from kltransfer.validation.validate import validate_text

    shown = os.fspath(path)
    try:
        raw = read_bytes(path, limits)
    except OSError as exc:
        problem = Finding(UNREADABLE, _("cannot read the file: {reason}", reason=os_reason(exc)), shown)
        return FileFix(shown, "", "", report=FileReport(shown, [problem]))
    if isinstance(raw, Finding):
        return FileFix(shown, "", "", report=FileReport(shown, [raw]))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:  # the checks say where: KT001
        report = validate_text(raw, shown, base_dir=Path(path).parent, limits=limits)
        report.findings = [f for f in report.findings if keep(f)]
        return FileFix(shown, "", "", report=report)
    result = fix_text(text, shown, base_dir=Path(path).parent, limits=limits, keep=keep)
    if result.changed and not dry_run:
        from kltransfer.destination.errors import OutputRefused
        from kltransfer.destination.files import write_atomic
        from kltransfer.destination.paths import edit_target
        from kltransfer.errors import OutputError

        try:
            target = edit_target(Path(path))  # the file itself, or a link's file in its own folder
        except OutputRefused as refused:
            result.refused = refused.message
        else:
            try:
                write_atomic(target, result.new_text.encode("utf-8"))
            except OSError as exc:
                raise OutputError(_("cannot write '{path}': {reason}", path=shown, reason=os_reason(exc))) from exc
            result.written = True
    return result


def fix_paths(
    paths: Sequence[str | os.PathLike[str]],
    *,
    dry_run: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    config: Config | None = None,
) -> list[FileFix]:
    """Fix every blueprint found under ``paths`` (files, folders, globs).

    ``config``: its rule selection decides which findings are fixed and reported. Raises
    :class:`~kltransfer.errors.InputError` when a path does not exist or nothing is found.
    """
    from kltransfer.validation.discovery import discover

    results = []
    for path in discover(paths):
        keep = _keep_all
        if config is not None and config.filters:
            from kltransfer.validation.filtering import RuleFilter

            rules, ignores = RuleFilter(config), RuleFilter(config).ignored_in(path)
            keep = lambda f, rules=rules, ignores=ignores: rules.keeps(f, ignores)  # noqa: E731
        results.append(fix_file(path, dry_run=dry_run, limits=limits, keep=keep))
    return results
