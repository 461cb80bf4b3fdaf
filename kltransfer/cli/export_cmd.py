"""``kltransfer export``: blueprints as HTML, Markdown, mkdocs sources, JSON and bundles."""

from __future__ import annotations

import sys
from typing import Any

import typer

#: From this many blueprints on, a progress bar is shown (on a terminal only).
PROGRESS_FROM = 5
#: Up to this many blueprints, each exported one is named; above, one summary line.
LIST_UP_TO = 10


def register(app: typer.Typer) -> None:
    app.command("export")(export)


def export(
    paths: list[str] = typer.Argument(
        None,
        metavar="[PATHS]...",
        help="Blueprint files, folders (searched for blueprint.yaml) or glob patterns. Default: the current folder.",
    ),
    out: str = typer.Option(..., "--out", "-o", metavar="DIR", help="Output folder; one sub-folder per blueprint."),
    formats: list[str] = typer.Option(
        None,
        "--format",
        "-f",
        metavar="FORMAT",
        help="html, markdown, mkdocs, json or publiccode; repeat for several (default: html).",
    ),
    lang: str = typer.Option(
        "de",
        "--lang",
        "-l",
        help="Language of the texts and labels: de or en. Texts written in one language only are shown in that one.",
    ),
    bundle: bool = typer.Option(
        False,
        "--bundle",
        help="Also write <id>-<version>.kltransfer.zip per blueprint (formats, source, assets, manifest.json).",
    ),
    theme: str = typer.Option(
        None,
        "--theme",
        metavar="DIR",
        help="Folder with templates that override the defaults (same layout as templates/export/).",
    ),
    force: bool = typer.Option(False, "--force", help="Write into a non-empty folder that is not an earlier export."),
    jobs: int = typer.Option(
        0, "--jobs", "-j", min=0, help="Worker processes for many blueprints; 0 = one per CPU from 64 blueprints on."
    ),
) -> None:
    """Export blueprints as documentation: a static HTML site, Markdown, mkdocs sources, JSON.

    Each blueprint is validated first; an invalid one is reported and not exported (exit 1).
    Output: DIR/<id>/html/index.html, DIR/<id>/markdown/README.md, DIR/<id>/mkdocs/mkdocs.yml,
    DIR/<id>/json/blueprint.json, DIR/<id>/publiccode/<component>.yml and, with --bundle,
    DIR/<id>-<version>.kltransfer.zip.
    Exit code 2 for wrong options, missing paths or a refused output folder.
    """
    from kltransfer.cli.console import console, wants_color
    from kltransfer.errors import FindingsError, InputError, UsageError
    from kltransfer.export import export as run_export
    from kltransfer.findings import FileReport, any_unreadable
    from kltransfer.reporters.text import format_finding, plural

    if not out.strip():  # '' would mean the current folder
        raise UsageError("--out is empty", hint="give a folder name; an unset shell variable expands to nothing")
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
            f"exported {len(result.exported)} blueprints to {result.out} "
            f"(e.g. {result.out / entry}){' with bundles' if bundle else ''}"
        )
    else:
        for item in result.exported:
            entry = item.entry_points.get("html") or next(iter(item.entry_points.values()))
            console.info(f"exported {item.id} {item.version}: {result.out / entry}")
            if item.bundle:
                console.info(f"  bundle: {result.out / item.bundle}")
    for item in result.exported:  # warnings of the export itself, such as facts a publiccode.yml lacks (KT249)
        for note in item.notes:
            sys.stderr.write(format_finding(note, color) + "\n")
    if result.invalid:
        if any_unreadable(result.invalid):
            raise InputError(
                f"{plural(len(result.invalid), 'blueprint')} not exported: a file could not be read "
                f"({len(result.exported)} exported)",
                hint="check the paths named above: each must be a readable regular file",
            )
        raise FindingsError(
            f"{plural(len(result.invalid), 'blueprint')} not exported because of errors "
            f"({len(result.exported)} exported)",
            hint="run 'kltransfer validate' on them and fix the errors",
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
            self._task = self._bar.add_task("exporting", total=total)
        self._bar.update(self._task, completed=done, description=f"exporting {path}"[:60])

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()
