"""``kltransfer diff``: what changed between two blueprints, by key path."""

from __future__ import annotations

import sys

import typer


def register(app: typer.Typer) -> None:
    app.command("diff")(diff)


def diff(
    old: str = typer.Argument(..., metavar="OLD", help="The older blueprint file (or its folder)."),
    new: str = typer.Argument(..., metavar="NEW", help="The newer blueprint file (or its folder)."),
    output_format: str = typer.Option("text", "--format", "-f", help="Output format: text or json."),
) -> None:
    """Compare two blueprints value by value: added (+), removed (-) and changed (~) key paths.

    Comments and layout do not count. Exit code 0 when equal, 1 when different, 2 when a
    file cannot be read (like diff(1)).
    """
    from kltransfer.diff.semantic import diff_files, write_json, write_text
    from kltransfer.errors import UsageError

    if output_format not in ("text", "json"):
        raise UsageError(f"unknown format '{output_format}'", hint="choose one of: text, json")
    changes = diff_files(old, new)
    if output_format == "json":
        write_json(changes, sys.stdout, old=old, new=new)
    else:
        write_text(changes, sys.stdout)
    raise typer.Exit(1 if changes else 0)
