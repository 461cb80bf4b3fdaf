"""The export run: discover, validate, normalise, render every format, bundle, move into place.

This is the library entry point behind ``kltransfer export``::

    from kltransfer.export import export
    result = export(["examples/"], "site", formats=["html", "json"], lang="en", bundle=True)
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kltransfer.destination.manifest import Manifest
from kltransfer.destination.overlap import SourceRoots
from kltransfer.destination.tree import OutputTree, Written
from kltransfer.errors import UsageError
from kltransfer.export.assets import MARKER, asset_paths
from kltransfer.export.drafts import Draft, draft_of
from kltransfer.export.errors import DuplicateBlueprint
from kltransfer.export.formats import ENTRY_POINTS, FORMATS, Material, entry_point
from kltransfer.export.index import INDEX, place_of, render_index
from kltransfer.export.languages import LANGUAGES
from kltransfer.export.normalise import normalise
from kltransfer.findings import FileReport, Finding
from kltransfer.i18n import _, get_language
from kltransfer.i18n.reasons import os_reason
from kltransfer.loading.limits import DEFAULT_LIMITS, Limits
from kltransfer.loading.yaml_loader import Document
from kltransfer.validation.discovery import discover
from kltransfer.validation.validate import load_checked

#: The phases an export reports to its ``progress`` callback: finding the blueprint files,
#: checking and rendering each, moving the result into the output folder.
READING, RENDERING, MOVING = "reading", "rendering", "moving"
#: Called with (phase, done, total, item): at the start (done 0) and end (done = total) of each
#: phase, and after each blueprint while rendering (item: its file); ``total`` is None while not known.
Progress = Callable[[str, int, int | None, str], None]

#: Below this many blueprints an export stays in one process: starting workers costs more.
PARALLEL_THRESHOLD = 64


@dataclass(slots=True)
class ExportedBlueprint:
    id: str
    version: str
    source: str
    #: Entry point of each format, relative to the output folder (``<id>/html/index.html``).
    entry_points: dict[str, str]
    #: File name of the bundle in the output folder, when one was written.
    bundle: str | None = None
    #: Its TODO placeholders and other warnings: its documents are marked as a draft.
    draft: Draft = field(default_factory=Draft)
    #: Its title in the export's language, and who carries it (the city, the cities or the owner).
    title: str = ""
    place: str = ""


@dataclass(slots=True)
class ExportResult:
    out: Path
    exported: list[ExportedBlueprint] = field(default_factory=list)
    #: Reports of the blueprints that were not exported because they are invalid (or, with
    #: ``strict``, drafts: their reports hold no errors, only warnings).
    invalid: list[FileReport] = field(default_factory=list)
    #: What formats reported about exported blueprints (``dcat``: a data set left out), by file.
    findings: list[FileReport] = field(default_factory=list)
    #: What writing the output did (files kept, found, removed); ``None`` when nothing was written.
    written: Written | None = None
    #: The index page of several exported blueprints, relative to the output folder (``index.html``);
    #: None for one blueprint, or when ``out`` holds an ``index.html`` this export did not write (kept).
    index: str | None = None
    #: Whether an ``index.html`` of someone else's was kept (with ``force``), so none was written.
    index_kept: bool = False

    @property
    def exit_code(self) -> int:
        return 1 if self.invalid or any(report.errors for report in self.findings) else 0


@dataclass(frozen=True, slots=True)
class ExportOptions:
    formats: tuple[str, ...] = ("html",)
    lang: str = "de"
    bundle: bool = False
    theme: Path | None = None
    force: bool = False
    limits: Limits = DEFAULT_LIMITS
    #: Refuse blueprints with TODO placeholders or warnings, as ``validate --strict`` does.
    strict: bool = False
    #: Base URL and contributor ID for ``dcat`` (:class:`kltransfer.dcat.settings.DcatSettings`).
    dcat: Any = None


def check_options(options: ExportOptions) -> None:
    unknown = [f for f in options.formats if f not in FORMATS]
    if unknown or not options.formats:
        raise UsageError(
            _("unknown format '{format}'", format=unknown[0] if unknown else ""),
            hint=_("choose from: {choices}", choices=", ".join(FORMATS)),
        )
    if options.lang not in LANGUAGES:
        raise UsageError(
            _("unknown language '{lang}'", lang=options.lang),
            hint=_("choose from: {choices}", choices=", ".join(LANGUAGES)),
        )
    if "dcat" in options.formats:
        from kltransfer.dcat.settings import DcatSettings, require_for_export

        require_for_export(options.dcat or DcatSettings())


def render_blueprint(
    templates: Any,
    blueprint_file: Path,
    data: dict[str, Any],
    options: ExportOptions,
    draft: Draft = Draft(),
    document: Document | None = None,
    findings: list[Finding] | None = None,
) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The normalised blueprint and every file of its formats, by path below ``<format>/``;
    what formats report about the blueprint is added to ``findings`` (also each file it points
    to that is not copied, :func:`kltransfer.references.read_linked`)."""
    from kltransfer.references import read_linked, refusal_findings

    bp = normalise(data, options.lang)
    linked, refused = read_linked(blueprint_file.parent, data)
    if findings is not None:
        findings += refusal_findings(refused, document, str(blueprint_file))
    source: tuple[str, bytes, int] = (blueprint_file.name, b"", 0)
    if "pdf" in options.formats:  # the PDF carries the source and the date of its content
        from kltransfer.export.pdf import document_time

        source = (blueprint_file.name, blueprint_file.read_bytes(), document_time(blueprint_file))
    material = Material(
        bp,
        linked,
        draft,
        *source,
        document=document,
        settings={"dcat": options.dcat},
        findings=findings if findings is not None else [],
        data=data,
    )
    files: dict[str, bytes] = {}
    for name in options.formats:
        for path, content in FORMATS[name](templates, material).items():
            files[f"{name}/{path}"] = content
    return bp, files


def _write(root: Path, files: dict[str, bytes]) -> None:
    """Write ``files`` below ``root`` (made also when no format wrote a file: dcat without data sets).

    Folders are made one by one below ``root``, never its parents: the staging folder of a
    killed run, removed under a worker still busy, is not made again.
    """
    made = {root}
    root.mkdir(exist_ok=True)
    for path, content in files.items():
        target = root / path
        folder = root
        for part in target.parent.relative_to(root).parts:
            folder = folder / part
            if folder not in made:
                folder.mkdir(exist_ok=True)
                made.add(folder)
        target.write_bytes(content)


def _bundle(
    bp: dict[str, Any], source: Path, files: dict[str, bytes], exclude: tuple[Path, ...], findings: list[Finding]
) -> bytes:
    """The bundle: the rendered formats and the blueprint's folder, each file read through
    :mod:`kltransfer.references` (a link, a device or a file swapped in is left out and reported)."""
    from kltransfer.export.bundle import build_time, build_zip
    from kltransfer.export.provenance import read_provenance
    from kltransfer.references import ReferenceRefused, read_reference

    provenance = read_provenance(source)
    content = dict(files)
    content["source/blueprint.yaml"] = source.read_bytes()
    for rel in asset_paths(source, exclude):
        try:
            content[f"source/{rel}"] = read_reference(source.parent, rel)
        except ReferenceRefused as refused:
            findings.append(Finding(refused.code, refused.message, str(source), hint=refused.hint))
    return build_zip(bp, content, provenance, build_time(provenance))


def _load(file: str, limits: Limits) -> tuple[Document | None, FileReport]:
    """The document and its validation report (one read and one parse for both)."""
    try:
        return load_checked(file, limits=limits)
    except OSError as exc:
        message = _("cannot read the file: {reason}", reason=os_reason(exc))
        return None, FileReport(file, [Finding("KT901", message, file)])


@dataclass(frozen=True, slots=True)
class _Task:
    index: int
    file: str
    #: Folder in which the worker writes ``<index>/`` (the formats) and ``<index>.zip``.
    work: Path
    exclude: tuple[Path, ...]


@dataclass(slots=True)
class _Outcome:
    file: str
    report: FileReport | None = None
    id: str = ""
    version: str = ""
    draft: Draft = field(default_factory=Draft)
    findings: list[Finding] = field(default_factory=list)
    title: str = ""
    place: str = ""


def _process(templates: Any, options: ExportOptions, task: _Task) -> _Outcome:
    """Check one blueprint and, when it is valid, write its formats (and bundle) below ``task.work``."""
    doc, report = _load(task.file, options.limits)
    if doc is None or not report.ok(strict=options.strict):
        return _Outcome(task.file, report)
    source = Path(task.file)
    draft = draft_of(report)
    findings: list[Finding] = []
    bp, rendered = render_blueprint(templates, source, doc.data, options, draft, doc, findings)
    _write(task.work / str(task.index), rendered)
    for name in options.formats:  # a format whose entry point is its folder has it, also when empty (publiccode)
        if not ENTRY_POINTS[name]:
            (task.work / str(task.index) / name).mkdir(parents=True, exist_ok=True)
    if options.bundle:
        (task.work / f"{task.index}.zip").write_bytes(_bundle(bp, source, rendered, task.exclude, findings))
    if "publiccode" in options.formats:  # the facts a component's publiccode.yml lacks (KT249)
        from kltransfer.publiccode.export import gaps

        findings += gaps(doc, options.lang, source.parent)
    title = str(bp["title"]) if isinstance(bp["title"], str) else ""  # a plain str: it crosses processes
    return _Outcome(task.file, None, str(bp["id"]), str(bp["version"]), draft, findings, title, place_of(bp))


_WORKER: tuple[Any, ExportOptions] | None = None


def _start_worker(options: ExportOptions, messages: str) -> None:
    """Set up a worker: the templates in the document language, findings in the language of the messages."""
    import signal

    from kltransfer.export.environment import Templates
    from kltransfer.i18n import set_language

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is handled once, by the main process
    set_language(messages)
    global _WORKER
    _WORKER = (Templates(options.lang, options.theme), options)


def _work(task: _Task) -> _Outcome:
    assert _WORKER is not None
    return _process(*_WORKER, task)


def _outcomes(tasks: list[_Task], options: ExportOptions, jobs: int, templates: Any) -> Iterator[_Outcome]:
    """Every task's outcome, in order: in this process, or in worker processes for large runs."""
    workers = min(jobs if jobs > 0 else (os.cpu_count() or 1), len(tasks))  # never more workers than work
    if workers <= 1 or (jobs == 0 and len(tasks) < PARALLEL_THRESHOLD):
        for task in tasks:
            yield _process(templates, options, task)
        return
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, len(tasks) // (workers * 8))
    with ProcessPoolExecutor(
        max_workers=workers, initializer=_start_worker, initargs=(options, get_language())
    ) as pool:
        yield from pool.map(_work, tasks, chunksize=chunk)


def _foreign_index(out: Path, previous: Manifest | None) -> bool:
    """Whether ``out`` holds an ``index.html`` that no earlier export wrote (``--force`` into a
    folder of someone else's): it stays in place and no index of the blueprints is written. One
    an earlier export wrote and a person changed since is replaced, the changed one kept beside
    as ``index.html.kept`` (as every entry of the output)."""
    target = out / INDEX
    if not (target.exists() or target.is_symlink()):
        return False
    return previous is None or INDEX not in previous.files


def export(
    paths: Sequence[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    *,
    formats: Sequence[str] = ("html",),
    lang: str | None = None,
    bundle: bool = False,
    theme: str | os.PathLike[str] | None = None,
    force: bool = False,
    strict: bool = False,
    jobs: int = 0,
    progress: Progress | None = None,
    on_invalid: Callable[[FileReport], None] | None = None,
    dcat: Any = None,
) -> ExportResult:
    """Export every valid blueprint under ``paths`` into ``out``; see the module docstring.

    ``lang``: the language of the documents; default, the language of the messages
    (:func:`kltransfer.i18n.decide_language`). Invalid blueprints are skipped (and passed to
    ``on_invalid``); the result lists them and its ``exit_code`` is then 1. With ``strict``, so
    are blueprints with TODO placeholders or warnings. Several exported blueprints get an
    ``index.html`` linking them (``result.index``).
    ``jobs``: worker processes; 0 picks one per CPU for large runs.
    ``progress``: called with each phase and its totals (:data:`Progress`).
    Raises :class:`~kltransfer.errors.KltransferError` subclasses for bad options, missing
    paths, a refused output folder or a failing theme.
    """
    from kltransfer.export.bundle import bundle_name
    from kltransfer.export.environment import Templates

    options = ExportOptions(
        tuple(dict.fromkeys(formats)),
        lang or get_language(),
        bundle,
        Path(theme) if theme else None,
        force,
        strict=strict,
        dcat=dcat,
    )
    check_options(options)
    if "pdf" in options.formats:  # fail before any work when WeasyPrint or its libraries are missing
        from kltransfer.export.pdf import load_weasyprint

        load_weasyprint()
    report: Progress = progress or (lambda phase, done, total, item: None)
    report(READING, 0, None, "")
    files = discover(paths)
    report(READING, len(files), len(files), "")
    tree = OutputTree(out, command="export", manifest=MARKER, force=force, sources=source_roots(paths, files))
    tree.check()
    templates = Templates(options.lang, options.theme)  # a missing theme or bad labels fail here, before any work
    result = ExportResult(Path(out))
    stage = tree.begin()
    try:
        staging = stage.root
        work = staging / ".work"
        work.mkdir()
        tasks = [_Task(i, f, work, (Path(out), staging)) for i, f in enumerate(files)]
        report(RENDERING, 0, len(files), "")
        entries: list[str] = []
        seen: dict[str, str] = {}
        summary: list[dict[str, Any]] = []
        for done, (task, outcome) in enumerate(
            zip(tasks, _outcomes(tasks, options, jobs, templates), strict=True), start=1
        ):
            if outcome.report is not None:
                result.invalid.append(outcome.report)
                if on_invalid is not None:
                    on_invalid(outcome.report)
            else:
                if outcome.id in seen:
                    raise DuplicateBlueprint(
                        _(
                            "{file} and {other} have the same id '{id}'",
                            file=outcome.file,
                            other=seen[outcome.id],
                            id=outcome.id,
                        ),
                        hint=_("give each blueprint its own id, or export them separately"),
                    )
                seen[outcome.id] = outcome.file
                if outcome.findings:
                    result.findings.append(FileReport(outcome.file, outcome.findings, outcome.id))
                (work / str(task.index)).rename(staging / outcome.id)
                entries.append(outcome.id)
                item = ExportedBlueprint(
                    outcome.id,
                    outcome.version,
                    outcome.file,
                    {name: f"{outcome.id}/{name}/{entry_point(name, outcome.id)}" for name in options.formats},
                    draft=outcome.draft,
                    title=outcome.title,
                    place=outcome.place,
                )
                if bundle:
                    item.bundle = bundle_name(outcome.id, outcome.version)
                    (work / f"{task.index}.zip").rename(staging / item.bundle)
                    entries.append(item.bundle)
                result.exported.append(item)
                summary.append(
                    {"id": item.id, "version": item.version, "formats": list(options.formats), "bundle": item.bundle}
                )
            report(RENDERING, done, len(files), outcome.file)
        if not entries:
            return result
        work.rmdir()
        if len(result.exported) > 1:
            result.index_kept = _foreign_index(Path(out), tree.previous)
            if not result.index_kept:
                (staging / INDEX).write_bytes(render_index(templates, result.exported))
                entries.append(INDEX)
                result.index = INDEX
        report(MOVING, 0, len(entries), "")
        result.written = stage.commit({"entries": sorted(entries), "blueprints": summary})
        report(MOVING, len(entries), len(entries), "")
    finally:
        stage.close()
    return result


def source_roots(paths: Sequence[str | os.PathLike[str]], files: Sequence[str]) -> SourceRoots:
    """What an export reads: the folders given (a file: its folder) and the folder of every blueprint."""
    roots = SourceRoots(Path(f).absolute().parent for f in files)
    for path in map(Path, paths):
        if path.is_dir():
            roots.add(path)
        elif path.is_file():
            roots.add(path.absolute().parent)
    return roots
