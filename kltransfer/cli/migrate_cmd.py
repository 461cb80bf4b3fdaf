"""``kltransfer migrate``: upgrade blueprint files to a newer format version, keeping comments."""

from __future__ import annotations

import sys

import typer

from kltransfer.i18n import _, _n


def register(app: typer.Typer) -> None:
    app.command(
        "migrate",
        help=_(
            "Upgrade blueprints step by step to a newer format, keeping comments and layout."
            "\n\n"
            "Prints each file's changes (per step, with key paths); with --dry-run also the diff. Files are "
            "replaced atomically. Exit code 0 when every file is migrated or already current, 1 when a file "
            "cannot be migrated, 2 when a path does not exist or an option is wrong."
        ),
    )(migrate)


def migrate(
    paths: list[str] = typer.Argument(
        None,
        metavar="[PATHS]...",
        help=_("Files, folders (searched for blueprint.yaml) or glob patterns. Default: the current folder."),
        show_default=False,
    ),
    to: str | None = typer.Option(
        None,
        "--to",
        metavar="VERSION",
        help=_("Target format version. Default: the newest."),
        show_default=False,
    ),
    dry_run: bool = typer.Option(
        False, "--dry-run", "-n", help=_("Print what would change as a unified diff; write nothing.")
    ),
) -> None:
    from kltransfer.cli.console import console
    from kltransfer.errors import UsageError
    from kltransfer.migrate import migrate_paths
    from kltransfer.reporters.text import format_finding
    from kltransfer.schema import CURRENT, VERSIONS
    from kltransfer.terminal import printable

    target = CURRENT if to is None else to  # an explicit '' is a mistake, not the default
    if target not in VERSIONS:
        raise UsageError(
            _("unknown format version '{version}'", version=target),
            hint=_("known versions: {versions}", versions=", ".join(VERSIONS)),
        )
    results = migrate_paths(paths or [], target, dry_run=dry_run)

    def write(text: str) -> None:
        sys.stdout.write(printable(text, lines=True))

    counts = {"migrated": 0, "current": 0, "failed": 0}
    for result in results:
        counts[result.status] += 1
        if result.status == "failed":
            for finding in result.findings:
                console.info(format_finding(finding))
            continue
        if result.status == "current":
            write(
                _(
                    "{path}: already at format {version}, nothing to do",
                    path=result.path,
                    version=result.from_version,
                )
                + "\n"
            )
            continue
        done = (
            _(
                "{path}: {old} -> {new} would be migrated (dry run, nothing written)",
                path=result.path,
                old=result.from_version,
                new=result.to_version,
            )
            if dry_run
            else _("{path}: {old} -> {new} migrated", path=result.path, old=result.from_version, new=result.to_version)
        )
        write(done + "\n")
        for step in result.steps:
            write("  " + _("step {step}: {what}", step=step.label, what=step.migration.description) + "\n")
            for change in step.changes:
                write(f"    {change}\n")
        if dry_run:
            write(result.diff())
        if not result.faithful:
            console.warn(
                _(
                    "{path}: the YAML library also re-indents or re-quotes some lines that no step changed; "
                    "review the result (--dry-run shows the diff)",
                    path=result.path,
                )
            )
        for finding in result.findings:
            console.warn(_("after migration: {finding}", finding=format_finding(finding)))
    summary = (
        _n(
            "{n} file: {migrated} would be migrated, {current} already current, {failed} failed",
            "{n} files: {migrated} would be migrated, {current} already current, {failed} failed",
            len(results),
            **counts,
        )
        if dry_run
        else _n(
            "{n} file: {migrated} migrated, {current} already current, {failed} failed",
            "{n} files: {migrated} migrated, {current} already current, {failed} failed",
            len(results),
            **counts,
        )
    )
    console.info(summary)
    raise typer.Exit(1 if counts["failed"] else 0)
