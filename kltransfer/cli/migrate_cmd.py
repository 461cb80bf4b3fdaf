"""``kltransfer migrate``: upgrade blueprint files to a newer format version, keeping comments."""

from __future__ import annotations

import sys

import typer


def register(app: typer.Typer) -> None:
    app.command("migrate")(migrate)


def migrate(
    paths: list[str] = typer.Argument(
        None,
        metavar="[PATHS]...",
        help="Files, folders (searched for blueprint.yaml) or glob patterns. Default: the current folder.",
    ),
    to: str | None = typer.Option(None, "--to", metavar="VERSION", help="Target format version (default: the newest)."),
    dry_run: bool = typer.Option(
        False, "--dry-run", "-n", help="Print what would change as a unified diff; write nothing."
    ),
) -> None:
    """Upgrade blueprints step by step to a newer format, keeping comments and layout.

    Prints each file's changes (per step, with key paths); with --dry-run also the diff.
    Files are replaced atomically. Exit code 0 when every file is migrated or already
    current, 1 when a file cannot be migrated, 2 when a path does not exist or an option is wrong.
    """
    from kltransfer.cli.console import console
    from kltransfer.errors import UsageError
    from kltransfer.migrate import migrate_paths
    from kltransfer.reporters.text import format_finding, plural
    from kltransfer.schema import CURRENT, VERSIONS

    target = CURRENT if to is None else to  # an explicit '' is a mistake, not the default
    if target not in VERSIONS:
        raise UsageError(f"unknown format version '{target}'", hint=f"known versions: {', '.join(VERSIONS)}")
    results = migrate_paths(paths or [], target, dry_run=dry_run)
    write = sys.stdout.write
    counts = {"migrated": 0, "current": 0, "failed": 0}
    for result in results:
        counts[result.status] += 1
        if result.status == "failed":
            for finding in result.findings:
                console.info(format_finding(finding))
            continue
        if result.status == "current":
            write(f"{result.path}: already at format {result.from_version}, nothing to do\n")
            continue
        state = "would be migrated (dry run, nothing written)" if dry_run else "migrated"
        write(f"{result.path}: {result.from_version} -> {result.to_version} {state}\n")
        for step in result.steps:
            write(f"  step {step.label}: {step.migration.description}\n")
            for change in step.changes:
                write(f"    {change}\n")
        if dry_run:
            write(result.diff())
        if not result.faithful:
            console.warn(
                f"{result.path}: the YAML library also re-indents or re-quotes some lines that no "
                "step changed; review the result (--dry-run shows the diff)"
            )
        for finding in result.findings:
            console.warn(f"after migration: {format_finding(finding)}")
    verb = "would be migrated" if dry_run else "migrated"
    console.info(
        f"{plural(len(results), 'file')}: {counts['migrated']} {verb}, {counts['current']} already current, "
        f"{counts['failed']} failed"
    )
    raise typer.Exit(1 if counts["failed"] else 0)
