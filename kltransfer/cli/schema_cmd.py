"""``kltransfer schema``: print the format's JSON Schema."""

from __future__ import annotations

import sys

import typer


def register(app: typer.Typer) -> None:
    app.command("schema")(schema)


def schema(
    version: str | None = typer.Option(
        None, "--version", "-V", metavar="VERSION", help="Format version (default: the newest)."
    ),
) -> None:
    """Print the blueprint format as JSON Schema (draft 2020-12) for editors and other validators.

    Save it and point your editor at it, e.g. with the comment
    '# yaml-language-server: $schema=blueprint.schema.json' at the top of blueprint.yaml.
    """
    from kltransfer.errors import UsageError
    from kltransfer.schema import CURRENT, VERSIONS, schema_text

    chosen = CURRENT if version is None else version  # an explicit '' is a mistake, not the default
    if chosen not in VERSIONS:
        raise UsageError(f"unknown format version '{chosen}'", hint=f"known versions: {', '.join(VERSIONS)}")
    sys.stdout.write(schema_text(chosen))
