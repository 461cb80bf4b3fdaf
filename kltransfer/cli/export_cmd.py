"""``kltransfer export``: blueprints as HTML, Markdown, mkdocs sources, JSON and bundles."""

from __future__ import annotations

import sys
from typing import Any

import typer

from kltransfer.i18n import _, _n

#: From this many blueprints on, a progress bar is shown (on a terminal only).
PROGRESS_FROM = 5
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
            "DIR/<id>-<version>.kltransfer.zip. "
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
    lang: str = typer.Option(
        "de",
        "--lang",
        "-l",
        metavar="de|en",
        help=_("Language of the texts and labels. Texts written in one language only are shown in that one."),
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
    from kltransfer.reporters.text import format_finding

    if not out.strip():  # '' would mean the current folder
        raise UsageError(_("--out is empty"), hint=_("give a folder name; an unset shell variable expands to nothing"))
    color = wants_color(sys.stderr)

    def report_invalid(report: FileReport) -> None:
        for finding in report.findings:
            sys.stderr.write(format_finding(finding, color) + "\n")

    dcat = _dcat_settings(base_url) if "dcat" in (formats or []) else None
    with _progress_bar() as progress:
        result = run_export(
            paths or [],
            out,
            formats=formats or ["html"],
            lang=lang,
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


class _progress_bar:
    """A rich progress bar on stderr when it is a terminal and there are many blueprints."""

    def __init__(self) -> None:
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> Any:
        if not (hasattr(sys.stderr, "isatty") and sys.stderr.isatty()):
            return None
        return self._advance

    def _advance(self, done: int, total: int, path: str) -> None:
        if self._bar is None:
            if total < PROGRESS_FROM:
                return
            from rich.console import Console
            from rich.progress import Progress

            from kltransfer.cli.console import wants_color

            console = Console(file=sys.stderr, no_color=not wants_color(sys.stderr))
            self._bar = Progress(console=console, transient=True)
            self._bar.start()
            self._task = self._bar.add_task(_("exporting"), total=total)
        self._bar.update(self._task, completed=done, description=_("exporting {path}", path=path)[:60])

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()
