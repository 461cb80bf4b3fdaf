"""``kltransfer fix``: apply the certain fixes of findings to blueprint files, keeping everything else."""

from __future__ import annotations

import sys

import typer

from kltransfer.cli.options import config_option
from kltransfer.i18n import _


def register(app: typer.Typer) -> None:
    app.command(
        "fix",
        help=_(
            "Apply the certain fixes of findings to blueprints, in place.\n\n"
            "German numbers and dates, yes/no words, names where codes belong, lists written as one "
            "text, German keys, values with ': ' that need quotes. Only the characters of each fix "
            "change; comments, layout and line endings stay. A value that is not certain stays a "
            "finding. Exit code 0 when nothing is left to fix, 1 when findings remain (with "
            "--dry-run: also when there is something to fix), 2 when a path does not exist or "
            "cannot be read."
        ),
    )(fix)


def fix(
    paths: list[str] = typer.Argument(
        None,
        metavar="[PATHS]...",
        help=_("Files, folders (searched for blueprint.yaml) or glob patterns. Default: the current folder."),
    ),
    dry_run: bool = typer.Option(
        False, "--dry-run", "-n", help=_("Print the changes as a unified diff to stdout; write nothing.")
    ),
    config_file: str | None = config_option(),
) -> None:
    from kltransfer.cli.console import console
    from kltransfer.config import load_config
    from kltransfer.findings import FileReport, Report
    from kltransfer.fixing import fix_paths
    from kltransfer.i18n import _n
    from kltransfer.reporters.text import format_finding
    from kltransfer.terminal import printable

    config = load_config(config_file)
    results = fix_paths(paths or [], dry_run=dry_run, limits=config.limits(), config=config)
    fixes = 0
    for result in results:
        if result.changed:
            fixes += len(result.fixed)
            codes = ", ".join(sorted({f.code for f in result.fixed}))
            count, where = len(result.fixed), result.path
            if dry_run:
                sys.stdout.write(printable(result.diff(), lines=True))
                line = _n(
                    "{path}: {n} fix to apply ({codes})",
                    "{path}: {n} fixes to apply ({codes})",
                    count,
                    path=where,
                    codes=codes,
                )
            else:
                line = _n(
                    "{path}: {n} fix applied ({codes})",
                    "{path}: {n} fixes applied ({codes})",
                    count,
                    path=where,
                    codes=codes,
                )
            console.info(line)
        if result.refused:
            console.error(_("{path}: not written: {reason}", path=result.path, reason=result.refused))
        for finding in result.remaining:
            console.info(format_finding(finding))
    report = Report([r.report or FileReport(r.path) for r in results])
    refused = sum(1 for r in results if r.refused)
    checked = _n("{n} file checked", "{n} files checked", len(results))
    applied = (
        _n("{n} fix to apply", "{n} fixes to apply", fixes)
        if dry_run
        else _n("{n} fix applied", "{n} fixes applied", fixes)
    )
    left = _n("{n} error left", "{n} errors left", report.errors)
    console.info(_("{checked}: {applied}, {left}", checked=checked, applied=applied, left=left))
    exit_code = report.exit_code
    if not exit_code and (refused or (dry_run and fixes)):
        exit_code = 1  # the files still hold what would be fixed
    raise typer.Exit(exit_code)
