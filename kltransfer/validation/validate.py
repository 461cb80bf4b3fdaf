"""Validate blueprint files: the library entry points behind ``kltransfer validate``."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from kltransfer.findings import MAX_FINDINGS, UNREADABLE, FileReport, Finding, Report, Severity
from kltransfer.i18n import _, _n, get_language, set_language, tr
from kltransfer.i18n.numbers import format_number
from kltransfer.loading.limits import DEFAULT_LIMITS, Limits
from kltransfer.loading.text import pick_lines
from kltransfer.loading.yaml_loader import FIRST_LINE, RECOVERABLE, Document, Loaded, load_source, read_source
from kltransfer.schema import CURRENT, VERSION_KEY, VERSIONS
from kltransfer.validation.discovery import discover
from kltransfer.validation.notation import check_notation, supersede
from kltransfer.validation.schema_check import check_schema
from kltransfer.validation.semantic import check_semantics
from kltransfer.validation.suggest import limited_guesses
from kltransfer.validation.suppress import SUPPRESSION, apply_suppressions

TYPE_CHECKING = False  # typing is not imported at run time (docs/performance.md)
if TYPE_CHECKING:
    from kltransfer.config import Config

#: Below this many files a run stays in one process: starting workers costs more.
PARALLEL_THRESHOLD = 64
#: Loader findings after which nothing more of the file was checked: the last one says so.
STOPPED = frozenset({"KT001", "KT002", "KT005", "KT006", "KT008", "KT011"})


def _format_version(doc: Document) -> tuple[str, list[Finding]]:
    """The format version the document declares, and a finding when it is missing or unknown."""
    value = doc.data.get(VERSION_KEY)
    if isinstance(value, str) and value in VERSIONS:
        return value, []
    known = ", ".join(f'"{v}"' for v in VERSIONS)
    if value is None:
        foreign = _foreign(doc)
        if foreign is not None:
            return "", [foreign]
        line, col = doc.locate(())
        doc.reported.add((VERSION_KEY,))
        return CURRENT, [
            Finding(
                "KT100",
                tr("KT100", "the format version key '{key}' is missing", key=VERSION_KEY),
                doc.path,
                line,
                col,
                VERSION_KEY,
                hint=tr("KT100", "add the line  {line}  at the top of the file", line=FIRST_LINE),
            )
        ]
    line, col = doc.locate((VERSION_KEY,))
    if (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and (str(value) in VERSIONS or f"{value}.0" in VERSIONS)
    ):
        written = VERSION_KEY + ': "' + str(value) + '"'
        message = tr("KT100", "the format version must be written as text: {line}", line=written)
        hint = tr("KT100", "put the version in quotes, so that 1.10 is not read as the number 1.1")
    else:
        message = tr(
            "KT100", "unknown format version '{value}'; this kltransfer reads {known}", value=value, known=known
        )
        hint = tr("KT100", "check the value, or update kltransfer (pip install -U kltransfer) if the file is newer")
    return "", [Finding("KT100", message, doc.path, line, col, VERSION_KEY, hint=hint)]


def _foreign(doc: Document) -> Finding | None:
    """One finding when the document, which lacks the format version key, is plainly no blueprint."""
    from kltransfer.schema import load_schema
    from kltransfer.validation.foreign import not_a_blueprint

    schema = load_schema(CURRENT)
    return not_a_blueprint(doc, frozenset(schema["properties"]), frozenset(schema.get("required", ())) - {VERSION_KEY})


def check_document(doc: Document, base_dir: Path | None = None, *, complete: bool = False) -> list[Finding]:
    """Schema and semantic findings of a loaded document.

    ``complete``: every schema error explained; else the schema check stops once far more are
    known than a file lists, and marks ``doc`` as :attr:`~Document.incomplete`.
    """
    version, findings = _format_version(doc)
    if not version:
        return findings
    schema = check_schema(doc, version, complete=complete)
    findings += check_notation(doc, version, schema)  # replaces the schema's on its values
    findings += check_semantics(doc, base_dir)
    components = doc.data.get("components")
    if base_dir is not None and isinstance(components, list):
        from kltransfer.references import is_local

        if any(isinstance(c, dict) and is_local(c.get("publiccode")) for c in components):
            from kltransfer.publiccode.check import check_blueprint

            findings += check_blueprint(doc, base_dir)  # the publiccode.yml files it points to, on their own lines
    return findings


def _finish(
    path: str, loaded: Loaded, base_dir: Path | None, limits: Limits, limit: int | None = MAX_FINDINGS
) -> FileReport:
    """Every finding of a loaded file: the loader's, and the checks' where the file could be read."""
    doc, findings, text = loaded
    checked, repaired, removed = doc, set[int](), set[str]()
    if doc is not None and not all(f.code in RECOVERABLE for f in findings):
        checked = None
    foreign = None
    if doc is None and text is not None and findings and findings[-1].code == "KT002":
        from kltransfer.validation.foreign import not_yaml

        foreign = not_yaml(text, path)
    if foreign is not None:
        findings = [foreign]
    elif doc is None and text is not None and findings and findings[-1].code == "KT002":
        from kltransfer.loading.recovery import recover

        recovered = recover(text, path, limits)
        if recovered is not None:
            findings, checked, repaired = recovered.findings, recovered.doc, recovered.repaired
            removed = recovered.removed_keys
    if checked is not None:
        with limited_guesses():  # "did you mean" for the first findings, not for 100,000 keys
            checks = check_document(checked, base_dir, complete=limit is None)
        findings = supersede(
            findings
            + [
                f
                for f in checks
                if f.line not in repaired and not (f.code == "KT102" and f.key_path.rpartition(".")[2] in removed)
            ]
        )
    if text is not None and SUPPRESSION.search(text):
        with limited_guesses():
            findings = apply_suppressions(findings, text, path)
    findings.sort(key=lambda f: (f.path != path, f.path, f.line, f.column, f.code))  # the blueprint's own first
    if checked is None and findings:
        findings = _say_not_checked(findings)
    if limit is not None:
        findings = bounded(findings, path, limit, at_least=checked is not None and checked.incomplete)
    blueprint_id = checked.data.get("id") if checked is not None else None
    lines = pick_lines(text, (f.line for f in findings if f.path == path)) if text and findings else {}
    return FileReport(path, findings, blueprint_id if isinstance(blueprint_id, str) else None, lines)


def bounded(findings: list[Finding], path: str, limit: int = MAX_FINDINGS, *, at_least: bool = False) -> list[Finding]:
    """The first ``limit`` findings (in the order given), and one more that counts the rest (KT014).

    The count is an error when an error is among the rest, so that a file never passes because
    its errors were not listed. ``at_least``: a check stopped early and left at least one error
    unexplained; the count is then a lower bound, and said even when all others are listed.
    """
    if len(findings) <= limit and not at_least:
        return findings
    shown, rest = findings[:limit], findings[limit:]
    errors = sum(1 for f in rest if f.severity is Severity.ERROR) + at_least
    warnings = len(rest) + at_least - errors
    total = len(rest) + at_least
    counts = {
        "n": format_number(total),
        "errors": _n("{n} error", "{n} errors", errors, n=format_number(errors)),
        "warnings": _n("{n} warning", "{n} warnings", warnings, n=format_number(warnings)),
    }
    if at_least:
        message = _n(
            "at least {n} more finding in this file is not listed ({errors}, {warnings})",
            "at least {n} more findings in this file are not listed ({errors}, {warnings})",
            total,
            **counts,
        )
    else:
        message = _n(
            "{n} more finding in this file is not listed ({errors}, {warnings})",
            "{n} more findings in this file are not listed ({errors}, {warnings})",
            total,
            **counts,
        )
    hint = tr(
        "KT014",
        "correct the findings above and run again; only the first {limit} findings of a file are listed",
        limit=format_number(limit),
    )
    first = rest[0] if rest else None
    line, column = (first.line, first.column) if first is not None and first.path == path else (0, 0)
    severity = Severity.ERROR if errors else Severity.WARNING
    return [*shown, Finding("KT014", message, path, line, column, severity=severity, hint=hint)]


def _say_not_checked(findings: list[Finding]) -> list[Finding]:
    """The last finding that stopped the reading says that the rest of the file was not checked."""
    for i in range(len(findings) - 1, -1, -1):
        f = findings[i]
        if f.code in STOPPED:
            message = _("{message}; the file could not be checked further", message=f.message)
            return [*findings[:i], f.replace(message=message), *findings[i + 1 :]]
    return findings


def validate_text(
    text: str | bytes,
    path: str = "<text>",
    *,
    base_dir: Path | None = None,
    limits: Limits = DEFAULT_LIMITS,
    limit: int | None = MAX_FINDINGS,
) -> FileReport:
    """Every finding of ``text``, at most ``limit`` listed (``None``: all, as ``fix`` needs them)."""
    return _finish(path, load_source(text, path, limits), base_dir, limits, limit)


def load_checked(
    path: str | os.PathLike[str], *, limits: Limits = DEFAULT_LIMITS, display: str | None = None
) -> tuple[Document | None, FileReport]:
    """Load and check one file: the document (``None`` when unreadable) and every finding.

    For commands that go on to use the data (export, list, catalog) after checking it; a
    file with a syntax error gives no document, even where its other lines could be checked.
    Raises ``OSError`` if the file cannot be opened.
    """
    shown = display or str(path)
    loaded = read_source(path, limits, shown)
    return loaded.doc, _finish(shown, loaded, Path(path).parent, limits)


def validate_file(
    path: str | os.PathLike[str], *, limits: Limits = DEFAULT_LIMITS, display: str | None = None
) -> FileReport:
    """Every finding of one file. Raises ``OSError`` if the file cannot be opened."""
    return load_checked(path, limits=limits, display=display)[1]


def unreadable(path: str, exc: OSError) -> FileReport:
    """The report of a file that exists but cannot be read (exit code 2)."""
    from kltransfer.i18n.reasons import os_reason

    message = tr("KT901", "cannot read the file: {reason}", reason=os_reason(exc))
    return FileReport(path, [Finding(UNREADABLE, message, path)])


def _validate_one(args: tuple[str, Limits]) -> FileReport:
    path, limits = args
    try:
        return validate_file(path, limits=limits)
    except OSError as exc:
        return unreadable(path, exc)


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
    # the workers speak the language of this run (a new process would start in English)
    with ProcessPoolExecutor(max_workers=workers, initializer=set_language, initargs=(get_language(),)) as pool:
        return list(pool.map(_validate_one, [(f, limits) for f in files], chunksize=chunk))
