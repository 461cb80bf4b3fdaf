"""``kltransfer export``: blueprints as HTML, Markdown, mkdocs sources, JSON and bundles."""

from __future__ import annotations

import sys
from typing import Any

import typer

from kltransfer.i18n import _, _n

#: From this many blueprints on, a progress bar is shown (on a terminal only).
PROGRESS_FROM = 5
#: Not on a terminal, a progress line at most this often (seconds): a quick export prints none.
PROGRESS_EVERY = 5.0
#: Up to this many blueprints, each exported one is named; above, one summary line.
LIST_UP_TO = 10


def register(app: typer.Typer) -> None:
    app.command(
        "export",
        help=_(
            "Export blueprints as documents: a static HTML site, Markdown, mkdocs sources, JSON, "
            "a PDF for a council, DCAT-AP.de for open-data portals."
            "\n\n"
            "Each blueprint is validated first; an invalid one is reported and not exported (exit code 1). "
            "A blueprint with TODO placeholders is exported as a draft, marked on every page "
            "(--strict refuses it). "
            "Output: DIR/<id>/html/index.html, DIR/<id>/markdown/README.md, DIR/<id>/mkdocs/mkdocs.yml, "
            "DIR/<id>/json/blueprint.json, DIR/<id>/pdf/<id>.pdf, DIR/<id>/dcat/catalog.ttl and, with --bundle, "
            "DIR/<id>-<version>.kltransfer.zip; several blueprints get DIR/index.html linking them. "
            "Exit code 2 for wrong options, missing paths or a refused output folder."
        ),
    )(export)


def export(
    paths: list[str] = typer.Argument(
        None,
        metavar="[PATHS]...",
        help=_("Blueprint files, folders (searched for blueprint.yaml) or glob patterns. Default: the current folder."),
        show_default=False,
    ),
    out: str = typer.Option(
        ...,
        "--out",
        "-o",
        metavar="DIR",
        help=_("Output folder; one sub-folder per blueprint."),
        show_default=False,
    ),
    formats: list[str] = typer.Option(
        None,
        "--format",
        "-f",
        metavar="FORMAT",
        help=_("html, markdown, mkdocs, json, pdf, dcat or publiccode; repeat for several. Default: html."),
        show_default=False,
    ),
    lang: str | None = typer.Option(
        None,
        "--lang",
        "-l",
        metavar="de|en",
        help=_(
            "Language of the documents' texts and labels; default: the language of the messages (the "
            "configuration's lang, else the locale, else English). Texts written in one language only are shown "
            "in that one."
        ),
        show_default=False,
    ),
    bundle: bool = typer.Option(
        False,
        "--bundle",
        help=_("Also write <id>-<version>.kltransfer.zip per blueprint (formats, source, assets, manifest.json)."),
    ),
    theme: str = typer.Option(
        None,
        "--theme",
        metavar="DIR",
        help=_("Folder with templates that override the defaults (same layout as templates/export/)."),
        show_default=False,
    ),
    force: bool = typer.Option(
        False, "--force", help=_("Write into a non-empty folder that is not an earlier export.")
    ),
    strict: bool = typer.Option(
        False,
        "--strict",
        help=_("Refuse blueprints with TODO placeholders or warnings (exit 1) instead of marking them as drafts."),
    ),
    jobs: int = typer.Option(
        0,
        "--jobs",
        "-j",
        min=0,
        metavar="N",
        help=_("Worker processes for many blueprints; 0: one per CPU from 64 blueprints on."),
    ),
    base_url: str = typer.Option(
        None,
        "--base-url",
        metavar="URL",
        help=_("Address the output folder is published at; the dcat format makes its IRIs absolute with it."),
    ),
) -> None:
    from kltransfer.cli.console import console, wants_color
    from kltransfer.errors import FindingsError, InputError, UsageError
    from kltransfer.export import export as run_export
    from kltransfer.findings import FileReport, any_unreadable
    from kltransfer.i18n import get_language
    from kltransfer.reporters.text import format_finding

    if not out.strip():  # '' would mean the current folder
        raise UsageError(_("--out is empty"), hint=_("give a folder name; an unset shell variable expands to nothing"))
    color = wants_color(sys.stderr)

    def report_invalid(report: FileReport) -> None:
        for finding in report.findings:
            sys.stderr.write(format_finding(finding, color) + "\n")

    dcat = _dcat_settings(base_url) if "dcat" in (formats or []) else None
    with _progress() as progress:
        result = run_export(
            paths or [],
            out,
            formats=formats or ["html"],
            lang=lang or get_language(),
            bundle=bundle,
            theme=theme,
            force=force,
            strict=strict,
            jobs=jobs,
            progress=progress,
            on_invalid=report_invalid,
            dcat=dcat,
        )
    for report in result.findings:
        report_invalid(report)
    from kltransfer.cli.written import report_written

    report_written(result.written)
    if len(result.exported) > LIST_UP_TO:
        first = result.exported[0]
        entry = first.entry_points.get("html") or next(iter(first.entry_points.values()))
        console.info(
            _(
                "exported {n} blueprints to {folder} (e.g. {example}) with bundles",
                n=len(result.exported),
                folder=result.out,
                example=result.out / entry,
            )
            if bundle
            else _(
                "exported {n} blueprints to {folder} (e.g. {example})",
                n=len(result.exported),
                folder=result.out,
                example=result.out / entry,
            )
        )
    else:
        for item in result.exported:
            entry = item.entry_points.get("html") or next(iter(item.entry_points.values()))
            console.info(
                _("exported {id} {version}: {entry}", id=item.id, version=item.version, entry=result.out / entry)
            )
            if item.bundle:
                console.info("  " + _("bundle: {path}", path=result.out / item.bundle))
    if result.index:
        console.info(_("index of the exported blueprints: {path}", path=result.out / result.index))
    elif result.index_kept:
        console.warn(
            _(
                "{path} was not written by kltransfer export and is kept: the index of the exported blueprints "
                "was not written",
                path=result.out / "index.html",
            )
        )
    _report_drafts(result)
    left_out = sum(report.errors for report in result.findings)
    if left_out and not result.invalid:
        raise FindingsError(
            _n(
                "{n} error left data sets out of the DCAT output",
                "{n} errors left data sets out of the DCAT output",
                left_out,
            ),
            hint=_("add what the findings above name to blueprint.yaml and export again"),
        )
    if result.invalid:
        if all(report.errors == 0 for report in result.invalid):  # --strict: only drafts were refused
            from kltransfer.export.errors import DraftsRefused

            raise DraftsRefused(
                _n(
                    "{n} blueprint not exported: it still has TODO placeholders or warnings ({exported} exported)",
                    "{n} blueprints not exported: they still have TODO placeholders or warnings ({exported} exported)",
                    len(result.invalid),
                    exported=len(result.exported),
                ),
                hint=_("fill in the values named above, or export without --strict to get documents marked as drafts"),
            )
        if any_unreadable(result.invalid):
            raise InputError(
                _n(
                    "{n} blueprint not exported: a file could not be read ({exported} exported)",
                    "{n} blueprints not exported: a file could not be read ({exported} exported)",
                    len(result.invalid),
                    exported=len(result.exported),
                ),
                hint=_("check the paths named above: each must be a readable regular file"),
            )
        raise FindingsError(
            _n(
                "{n} blueprint not exported because of errors ({exported} exported)",
                "{n} blueprints not exported because of errors ({exported} exported)",
                len(result.invalid),
                exported=len(result.exported),
            ),
            hint=_("run 'kltransfer validate' on them and fix the errors"),
        )


def _draft_counts(placeholders: int, warnings: int) -> str:
    parts = []
    if placeholders:
        parts.append(_n("{n} TODO placeholder", "{n} TODO placeholders", placeholders))
    if warnings:
        parts.append(_n("{n} other warning", "{n} other warnings", warnings))
    return _("{first} and {second}", first=parts[0], second=parts[1]) if len(parts) == 2 else parts[0]


def _report_drafts(result: Any) -> None:
    """Name the blueprints exported as drafts, with their counts (one line for many)."""
    from kltransfer.cli.console import console

    drafts = [item for item in result.exported if item.draft]
    if not drafts:
        return
    if len(result.exported) > LIST_UP_TO:
        counts = _draft_counts(sum(d.draft.placeholders for d in drafts), sum(d.draft.warnings for d in drafts))
        console.warn(
            _n(
                "{n} blueprint is a draft ({counts} in all): its documents are marked as a draft",
                "{n} blueprints are drafts ({counts} in all): their documents are marked as drafts",
                len(drafts),
                counts=counts,
            )
        )
        return
    for item in drafts:
        counts = _draft_counts(item.draft.placeholders, item.draft.warnings)
        console.warn(_("{id} is a draft ({counts}): its documents are marked as a draft", id=item.id, counts=counts))


def _dcat_settings(base_url: str | None) -> Any:
    """The dcat settings of the configuration found from the working folder, ``--base-url`` over them."""
    from kltransfer.config import load_config
    from kltransfer.dcat.settings import DcatSettings

    configured = load_config().dcat or DcatSettings()
    return configured.with_base_url(base_url)


class _progress:
    """Progress of the export's phases (reading, rendering, moving into place) on stderr.

    On a terminal, a rich bar from :data:`PROGRESS_FROM` blueprints on, with each phase's real
    totals; else (a CI log) a line at most every :data:`PROGRESS_EVERY` seconds, so that a quick
    export prints none and a long one shows it is alive.
    """

    def __init__(self) -> None:
        import time

        self._terminal = hasattr(sys.stderr, "isatty") and sys.stderr.isatty()
        self._clock = time.monotonic
        self._last = self._clock()
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> Any:
        return self._report

    def _report(self, phase: str, done: int, total: int | None, item: str) -> None:
        if self._terminal:
            self._advance(phase, done, total, item)
        elif self._clock() - self._last >= PROGRESS_EVERY:
            line = self._line(phase, done, total)
            if line:
                sys.stderr.write(line + "\n")
                sys.stderr.flush()
                self._last = self._clock()

    @staticmethod
    def _line(phase: str, done: int, total: int | None) -> str | None:
        from kltransfer.export.run import MOVING, READING, RENDERING

        if phase == READING and total is None:
            return _("reading: looking for blueprints")
        if phase == RENDERING and total:
            return _n(
                "rendering: {done} of {n} blueprint done",
                "rendering: {done} of {n} blueprints done",
                total,
                done=done,
            )
        if phase == MOVING and total and done < total:
            return _n(
                "moving into place: {n} entry of the output folder",
                "moving into place: {n} entries of the output folder",
                total,
            )
        return None

    def _advance(self, phase: str, done: int, total: int | None, item: str) -> None:
        from kltransfer.export.run import MOVING, RENDERING

        if self._bar is None:
            if phase != RENDERING or total is None or total < PROGRESS_FROM:
                return
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            from kltransfer.cli.console import wants_color

            console = Console(file=sys.stderr, no_color=not wants_color(sys.stderr))
            self._bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=console,
                transient=True,
            )
            self._bar.start()
            self._task = self._bar.add_task(_("rendering"), total=total)
        if phase == RENDERING:
            label = _("rendering {path}", path=item) if item else _("rendering")
            self._bar.update(self._task, total=total, completed=done, description=label[:60], refresh=done == total)
        elif phase == MOVING:
            self._bar.update(self._task, total=total, completed=done, description=_("moving into place"), refresh=True)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()
