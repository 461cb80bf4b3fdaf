"""Run the migrations on text and on files: step by step, checked, written atomically."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kltransfer.errors import InputError, OutputError
from kltransfer.findings import Finding, Severity
from kltransfer.i18n import _, tr
from kltransfer.i18n.reasons import os_reason
from kltransfer.loading.limits import DEFAULT_LIMITS, Limits
from kltransfer.loading.yaml_loader import load_text, read_bytes
from kltransfer.migrate.registry import Change, Migration, MigrationError, plan
from kltransfer.schema import CURRENT, VERSION_KEY, VERSIONS


@dataclass(slots=True)
class StepResult:
    migration: Migration
    changes: list[Change]

    @property
    def label(self) -> str:
        return f"{self.migration.from_version} -> {self.migration.to_version}"


@dataclass(slots=True)
class FileMigration:
    """What happened to one file. ``status``: migrated, current or failed."""

    path: str
    old_text: str
    new_text: str
    status: str
    from_version: str = ""
    to_version: str = ""
    steps: list[StepResult] = field(default_factory=list)
    #: Failure reasons (status failed) or errors the migrated text still has (status migrated).
    findings: list[Finding] = field(default_factory=list)
    #: False when ruamel.yaml also changes the layout of lines no step touched.
    faithful: bool = True
    written: bool = False

    @property
    def changed(self) -> bool:
        return self.new_text != self.old_text

    def diff(self) -> str:
        """A unified diff from the old text to the new one (empty when nothing changed)."""
        from kltransfer.textdiff import unified_diff

        return unified_diff(self.path, self.old_text, self.new_text)


def _failed(
    path: str, text: str, message: str, hint: str | None = None, findings: list[Finding] | None = None
) -> FileMigration:
    reason = Finding("KT301", message, path, hint=hint)  # message and hint come translated (tr("KT301", ...))
    return FileMigration(path, text, text, "failed", findings=[reason, *(findings or [])])


def migrate_text(
    text: str, path: str = "<text>", to: str = CURRENT, *, base_dir: Path | None = None, limits: Limits = DEFAULT_LIMITS
) -> FileMigration:
    """Upgrade ``text`` to format ``to``. Never raises for bad input: a failed result says why."""
    if to not in VERSIONS:
        raise MigrationError(
            _("unknown format version '{version}'", version=to),
            hint=_("known versions: {versions}", versions=", ".join(VERSIONS)),
        )
    doc, problems = load_text(text, path, limits)
    errors = [f for f in problems if f.severity is Severity.ERROR]
    if doc is None or errors:
        return _failed(path, text, tr("KT301", "the file cannot be read safely; fix the errors first"), findings=errors)
    version = doc.data.get(VERSION_KEY)
    if not isinstance(version, str) or version not in VERSIONS:
        return _failed(
            path,
            text,
            tr("KT301", "the format version '{version}' is unknown or not written as text", version=version),
            tr(
                "KT301",
                'the file must start with {key}: "{version}" or a later version',
                key=VERSION_KEY,
                version=VERSIONS[0],
            ),
        )
    if VERSIONS.index(version) > VERSIONS.index(to):
        return _failed(
            path,
            text,
            tr("KT301", "the file is already at format {version}, newer than {target}", version=version, target=to),
            tr("KT301", "migrations only go forward"),
        )
    if version == to:
        return FileMigration(path, text, text, "current", version, to)
    try:
        steps = plan(version, to)
        new_text, results, faithful = _run_steps(text, steps)
    except MigrationError as exc:
        return _failed(path, text, exc.message, exc.hint)
    except Exception as exc:  # ruamel.yaml's own errors on unusual layouts
        return _failed(
            path,
            text,
            tr("KT301", "the file cannot be edited in place: {error}: {detail}", error=type(exc).__name__, detail=exc),
        )
    result = FileMigration(path, text, new_text, "migrated", version, to, results, faithful=faithful)
    result.findings = _remaining_errors(new_text, path, base_dir, limits)
    return result


def _run_steps(original: str, steps: list[Migration]) -> tuple[str, list[StepResult], bool]:
    """Run ``steps`` in order; keeps a byte-order mark and Windows line ends as the file had them."""
    from kltransfer.migrate import roundtrip

    bom = "\ufeff" if original.startswith("\ufeff") else ""
    text = original[len(bom) :]
    crlf = "\r\n" in text
    if crlf:
        text = text.replace("\r\n", "\n")
    faithful = roundtrip.is_faithful(text)
    results = []
    for step in steps:
        tree, yaml = roundtrip.load(text)
        changes = step.migrate(tree)
        text = roundtrip.dump(tree, yaml)
        if step.migrate_text is not None:
            text, more = step.migrate_text(text)
            changes += more
        results.append(StepResult(step, changes))
    if crlf:
        text = text.replace("\n", "\r\n")
    return bom + text, results, faithful


def _remaining_errors(text: str, path: str, base_dir: Path | None, limits: Limits) -> list[Finding]:
    from kltransfer.validation.validate import validate_text

    report = validate_text(text, path, base_dir=base_dir, limits=limits)
    return [f for f in report.findings if f.severity is Severity.ERROR]


def migrate_file(
    path: str | os.PathLike[str], to: str = CURRENT, *, dry_run: bool = False, limits: Limits = DEFAULT_LIMITS
) -> FileMigration:
    """Upgrade one file in place (atomically), unless ``dry_run``. Raises InputError if unreadable,
    :class:`~kltransfer.destination.errors.OutputRefused` for a link to a file outside its folder
    (:func:`~kltransfer.destination.paths.edit_target`: kltransfer never writes through it)."""
    from kltransfer.destination.paths import edit_target

    shown = os.fspath(path)
    target = edit_target(Path(path))
    try:
        raw = read_bytes(path, limits)
    except OSError as exc:
        raise InputError(_("cannot read '{path}': {reason}", path=shown, reason=os_reason(exc))) from exc
    if isinstance(raw, Finding):
        return _failed(shown, "", raw.message, raw.hint)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return _failed(
            shown, "", tr("KT301", "the file is not UTF-8 text"), tr("KT301", "save it as UTF-8 and run again")
        )
    result = migrate_text(text, shown, to, base_dir=Path(path).parent, limits=limits)
    if result.status == "migrated" and result.changed and not dry_run:
        from kltransfer.destination.files import write_atomic

        try:
            write_atomic(target, result.new_text.encode("utf-8"))
        except OSError as exc:
            raise OutputError(_("cannot write '{path}': {reason}", path=shown, reason=os_reason(exc))) from exc
        result.written = True
    return result


def migrate_paths(
    paths: Sequence[str | os.PathLike[str]],
    to: str = CURRENT,
    *,
    dry_run: bool = False,
    limits: Limits = DEFAULT_LIMITS,
) -> list[FileMigration]:
    """Upgrade every blueprint found under ``paths`` (files, folders, globs)."""
    from kltransfer.validation.discovery import discover

    if to not in VERSIONS:
        raise MigrationError(
            _("unknown format version '{version}'", version=to),
            hint=_("known versions: {versions}", versions=", ".join(VERSIONS)),
        )
    return [migrate_file(f, to, dry_run=dry_run, limits=limits) for f in discover(paths)]
