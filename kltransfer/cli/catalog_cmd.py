"""``kltransfer catalog build``: a static, offline catalog site from folders and git repositories."""

from __future__ import annotations

import sys

import typer

from kltransfer.cli.compat import Group
from kltransfer.i18n import _, _n

catalog_app = typer.Typer(
    cls=Group, help=_("Build a findable catalog of many cities' blueprints."), no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    app.add_typer(catalog_app, name="catalog")


@catalog_app.command(
    "build",
    help=_(
        "Build the catalog site: start page with search, filters and sorting, one page per blueprint with a "
        "bundle and the command that adopts it, catalog.json, a status page and, with --base-url, DCAT-AP.de "
        "files. A rebuild renders only what changed."
        "\n\n"
        "Invalid blueprints are reported with their findings, listed on status.html and left out (exit code 1)."
    ),
)
def build(
    sources: list[str] = typer.Argument(
        ...,
        metavar="SOURCES...",
        help=_(
            "Folders, git repositories (https, ssh, git, file:// or a local repository path) "
            "or .kltransfer.zip bundles."
        ),
        show_default=False,
    ),
    out: str = typer.Option(
        ..., "--out", "-o", metavar="DIR", help=_("Folder to write the catalog site into."), show_default=False
    ),
    lang: str = typer.Option("de", "--lang", metavar="de|en", help=_("Language of the pages.")),
    force: bool = typer.Option(False, "--force", help=_("Write into a non-empty folder that is not a catalog.")),
    offline: bool = typer.Option(False, "--offline", help=_("Use only cached git sources; never fetch.")),
    jobs: int = typer.Option(
        0,
        "--jobs",
        "-j",
        min=0,
        metavar="N",
        help=_("Processes for rendering; 0: one per CPU when many blueprints changed."),
    ),
    base_url: str = typer.Option(
        None,
        "--base-url",
        metavar="URL",
        help=_(
            "Address the catalog site is published at: every link and bundle address becomes absolute, and "
            "catalog.ttl and catalog.jsonld need it for absolute IRIs."
        ),
    ),
    no_bundles: bool = typer.Option(
        False,
        "--no-bundles",
        help=_(
            "Leave out the .kltransfer.zip bundle that is otherwise offered beside each blueprint's page, "
            "for adopting it without git."
        ),
    ),
) -> None:
    from kltransfer.catalog.build import build_catalog
    from kltransfer.cli.console import console
    from kltransfer.errors import UsageError
    from kltransfer.findings import any_unreadable
    from kltransfer.reporters.text import format_finding

    if lang not in ("de", "en"):
        raise UsageError(_("unknown language '{lang}'", lang=lang), hint=_("choose --lang de or --lang en"))
    if not out.strip():  # '' would mean the current folder
        raise UsageError(_("--out is empty"), hint=_("give a folder name; an unset shell variable expands to nothing"))
    from kltransfer.config import load_config
    from kltransfer.dcat.settings import DcatSettings

    dcat = (load_config().dcat or DcatSettings()).with_base_url(base_url)
    with _progress() as progress:
        result = build_catalog(
            sources,
            out,
            lang=lang,
            force=force,
            offline=offline,
            jobs=jobs,
            progress=progress,
            dcat=dcat,
            bundles=not no_bundles,
        )
    for report in result.invalid:
        console.warn(_("{path} is invalid and left out of the catalog:", path=report.path))
        for finding in report.findings:
            console.info("  " + format_finding(finding))
    console.info(
        _n(
            "catalog: {n} blueprint ({rendered} rendered, {reused} unchanged, {removed} removed, {left_out} left out) "
            "in {folder}",
            "catalog: {n} blueprints ({rendered} rendered, {reused} unchanged, {removed} removed, {left_out} left out) "
            "in {folder}",
            result.entries,
            rendered=result.rendered,
            reused=result.reused,
            removed=result.removed,
            left_out=len(result.invalid),
            folder=result.out,
        )
    )
    _report_rdf(result.rdf)
    from kltransfer.cli.written import report_written

    report_written(result.written)
    console.info(_("open {url}", url=(result.out / "index.html").resolve().as_uri()))
    raise typer.Exit(2 if any_unreadable(result.invalid) else 1 if result.invalid else 0)


def _report_rdf(rdf: object) -> None:
    """What became of catalog.ttl and catalog.jsonld: findings about blueprints, notices, files written."""
    from kltransfer.cli.console import console
    from kltransfer.reporters.text import format_finding

    if rdf is None:
        return
    for report in getattr(rdf, "findings", []):
        for finding in report.findings:
            console.info("  " + format_finding(finding))
    for code, message, hint in getattr(rdf, "notices", []):
        console.warn(_("{code}: {message}", code=code, message=message))
        console.info("  " + _("hint: {hint}", hint=hint))
    written = getattr(rdf, "written", [])
    if written:
        console.info(_("DCAT-AP.de: {files}", files=", ".join(written)))


class _progress:
    """A rich progress bar of the blueprints rendered, on a terminal; nothing otherwise."""

    def __enter__(self):  # type: ignore[no-untyped-def]
        self.bar = None
        if sys.stderr.isatty():
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self.bar = Progress(
                TextColumn(_("rendering")),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("[dim]{task.description}"),
                transient=True,
            )
            self.bar.start()
            self.task = self.bar.add_task("", total=None)
            return self.update
        return None

    def update(self, done: int, total: int | None, label: str) -> None:
        if self.bar is not None:
            self.bar.update(self.task, completed=done, total=total, description=label[-50:])

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()
