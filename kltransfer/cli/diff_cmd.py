"""``kltransfer diff``: what changed between two blueprints, by key path."""

from __future__ import annotations

import sys

import typer

from kltransfer.i18n import _


def register(app: typer.Typer) -> None:
    app.command(
        "diff",
        help=_(
            "Compare two blueprints value by value: added (+), removed (-) and changed (~) key paths."
            "\n\n"
            "Comments and layout do not count. Exit code 0 when equal, 1 when different, 2 when a file cannot "
            "be read (like diff(1))."
        ),
    )(diff)


def diff(
    old: str = typer.Argument(
        ..., metavar="OLD", help=_("The older blueprint file (or its folder)."), show_default=False
    ),
    new: str = typer.Argument(
        ..., metavar="NEW", help=_("The newer blueprint file (or its folder)."), show_default=False
    ),
    output_format: str = typer.Option("text", "--format", "-f", metavar="text|json", help=_("Output format.")),
) -> None:
    from kltransfer.diff.semantic import diff_files, write_json, write_text
    from kltransfer.errors import UsageError

    if output_format not in ("text", "json"):
        raise UsageError(
            _("unknown format '{name}'", name=output_format), hint=_("choose one of: {names}", names="text, json")
        )
    changes = diff_files(old, new)
    if output_format == "json":
        write_json(changes, sys.stdout, old=old, new=new)
    else:
        write_text(changes, sys.stdout)
    raise typer.Exit(1 if changes else 0)
