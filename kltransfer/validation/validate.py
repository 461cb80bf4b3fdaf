"""Validate blueprint files: the library entry points behind ``kltransfer validate``."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kltransfer.findings import UNREADABLE, FileReport, Finding, Report
from kltransfer.loading.limits import DEFAULT_LIMITS, Limits
from kltransfer.loading.yaml_loader import RECOVERABLE, Document, load_file, load_text
from kltransfer.schema import CURRENT, VERSION_KEY, VERSIONS
from kltransfer.validation.discovery import discover
from kltransfer.validation.notation import check_notation, supersede
from kltransfer.validation.schema_check import check_schema
from kltransfer.validation.semantic import check_semantics

if TYPE_CHECKING:
    from kltransfer.config import Config

#: Below this many files a run stays in one process: starting workers costs more.
PARALLEL_THRESHOLD = 64


def _format_version(doc: Document) -> tuple[str, list[Finding]]:
    """The format version the document declares, and a finding when it is missing or unknown."""
    value = doc.data.get(VERSION_KEY)
    if isinstance(value, str) and value in VERSIONS:
        return value, []
    known = ", ".join(f'"{v}"' for v in VERSIONS)
    if value is None:
        line, col = doc.locate(())
        doc.reported.add((VERSION_KEY,))
        return CURRENT, [
            Finding(
                "KT100",
                f"the format version key '{VERSION_KEY}' is missing",
                doc.path,
                line,
                col,
                VERSION_KEY,
                hint=f'add the line  {VERSION_KEY}: "{CURRENT}"  at the top of the file',
            )
        ]
    line, col = doc.locate((VERSION_KEY,))
    if (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and (str(value) in VERSIONS or f"{value}.0" in VERSIONS)
    ):
        message = f'the format version must be written as text: {VERSION_KEY}: "{value}"'
        hint = "put the version in quotes, so that 1.10 is not read as the number 1.1"
    else:
        message = f"unknown format version '{value}'; this kltransfer reads {known}"
        hint = "check the value, or update kltransfer (pip install -U kltransfer) if the file is newer"
    return "", [Finding("KT100", message, doc.path, line, col, VERSION_KEY, hint=hint)]


def check_document(doc: Document, base_dir: Path | None = None) -> list[Finding]:
    """Schema and semantic findings of a loaded document."""
    version, findings = _format_version(doc)
    if not version:
        return findings
    findings += check_notation(doc, version, check_schema(doc, version))  # replaces the schema's on its values
    findings += check_semantics(doc, base_dir)
    components = doc.data.get("components")
    if base_dir is not None and isinstance(components, list):
        from kltransfer.references import is_local

        if any(isinstance(c, dict) and is_local(c.get("publiccode")) for c in components):
            from kltransfer.publiccode.check import check_blueprint

            findings += check_blueprint(doc, base_dir)  # the publiccode.yml files it points to, on their own lines
    return findings


def _finish(path: str, doc: Document | None, findings: list[Finding], base_dir: Path | None) -> FileReport:
    if doc is not None and all(f.code in RECOVERABLE for f in findings):
        findings = supersede(findings + check_document(doc, base_dir))
    findings.sort(key=lambda f: (f.path != path, f.path, f.line, f.column, f.code))  # the blueprint's own first
    blueprint_id = doc.data.get("id") if doc is not None else None
    return FileReport(path, findings, blueprint_id if isinstance(blueprint_id, str) else None)


def validate_text(
    text: str | bytes, path: str = "<text>", *, base_dir: Path | None = None, limits: Limits = DEFAULT_LIMITS
) -> FileReport:
    doc, findings = load_text(text, path, limits)
    return _finish(path, doc, findings, base_dir)


def load_checked(
    path: str | os.PathLike[str], *, limits: Limits = DEFAULT_LIMITS, display: str | None = None
) -> tuple[Document | None, FileReport]:
    """Load and check one file: the document (``None`` when unreadable) and every finding.

    For commands that go on to use the data (export, list, catalog) after checking it.
    Raises ``OSError`` if the file cannot be opened.
    """
    shown = display or str(path)
    doc, findings = load_file(path, limits, shown)
    return doc, _finish(shown, doc, findings, Path(path).parent)


def validate_file(
    path: str | os.PathLike[str], *, limits: Limits = DEFAULT_LIMITS, display: str | None = None
) -> FileReport:
    """Every finding of one file. Raises ``OSError`` if the file cannot be opened."""
    return load_checked(path, limits=limits, display=display)[1]


def _validate_one(args: tuple[str, Limits]) -> FileReport:
    path, limits = args
    try:
        return validate_file(path, limits=limits)
    except OSError as exc:
        return FileReport(path, [Finding(UNREADABLE, f"cannot read the file: {exc.strerror or exc}", path)])


def validate_paths(
    paths: Sequence[str | os.PathLike[str]],
    *,
    strict: bool = False,
    jobs: int = 0,
    limits: Limits = DEFAULT_LIMITS,
    config: Config | None = None,
) -> Report:
    """Validate every blueprint found under ``paths`` (files, folders, globs).

    ``jobs``: worker processes; 0 picks one per CPU for large runs. ``config``: its rule
    selection (``select``, ``ignore``, ``per-file-ignores``) filters the findings; its
    strictness and limits are the caller's to apply (see :meth:`Config.limits`), so that
    options given on the command line can win. Raises
    :class:`~kltransfer.errors.InputError` when a path does not exist or nothing is found.
    """
    files = discover(paths)
    report = Report(list(_run(files, jobs, limits)), strict=strict)
    if config is not None:
        from kltransfer.validation.filtering import filter_report

        report = filter_report(report, config)
    return report


def _run(files: list[str], jobs: int, limits: Limits) -> Iterable[FileReport]:
    workers = min(jobs if jobs > 0 else (os.cpu_count() or 1), len(files))  # never more workers than work
    if workers <= 1 or (jobs == 0 and len(files) < PARALLEL_THRESHOLD):
        return [_validate_one((f, limits)) for f in files]
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, len(files) // (workers * 8))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(_validate_one, [(f, limits) for f in files], chunksize=chunk))
