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
            "Export blueprints as documentation: a static HTML site, Markdown, mkdocs sources, JSON."
            "\n\n"
            "Each blueprint is validated first; an invalid one is reported and not exported (exit code 1). "
            "Output: DIR/<id>/html/index.html, DIR/<id>/markdown/README.md, DIR/<id>/mkdocs/mkdocs.yml, "
            "DIR/<id>/json/blueprint.json and, with --bundle, DIR/<id>-<version>.kltransfer.zip. "
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
        help=_("html, markdown, mkdocs or json; repeat for several. Default: html."),
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
    jobs: int = typer.Option(
        0,
        "--jobs",
        "-j",
        min=0,
        metavar="N",
        help=_("Worker processes for many blueprints; 0: one per CPU from 64 blueprints on."),
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

    with _progress_bar() as progress:
        result = run_export(
            paths or [],
            out,
            formats=formats or ["html"],
            lang=lang,
            bundle=bundle,
            theme=theme,
            force=force,
            jobs=jobs,
            progress=progress,
            on_invalid=report_invalid,
        )
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
    if result.invalid:
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
