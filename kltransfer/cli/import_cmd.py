"""``kltransfer import``: blueprint entries from descriptions in other standards (publiccode.yml)."""

from __future__ import annotations

import sys

import typer

from kltransfer.i18n import _

import_app = typer.Typer(
    name="import",
    help=_("Turn descriptions in other standards into blueprint entries."),
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def register(app: typer.Typer) -> None:
    import_app.command(
        "publiccode",
        help=_(
            "Turn a publiccode.yml into a blueprint component entry (name, URL, licence, maintenance, "
            "dependencies, description per language, organisation). The file is checked first; one with "
            "errors is refused (exit 2). Prints the entry as YAML; with --into, adds it to the blueprint's "
            "components, keeping comments and layout."
        ),
    )(publiccode)
    app.add_typer(import_app, name="import")


def publiccode(
    source: str = typer.Argument(
        ...,
        metavar="PATH|GIT-URL",
        help=_("A publiccode.yml, a folder holding one, or a git repository (URL or local)."),
    ),
    into: str | None = typer.Option(
        None,
        "--into",
        metavar="BLUEPRINT",
        help=_("Add the entry to this blueprint.yaml instead of printing it; refused if the name is listed."),
    ),
    ref: str | None = typer.Option(
        None, "--ref", metavar="REF", help=_("Branch, tag or commit to read from a git repository.")
    ),
) -> None:
    from pathlib import Path

    from kltransfer.cli.console import console, wants_color
    from kltransfer.publiccode.importer import InvalidPublicCode, append_component, import_publiccode
    from kltransfer.publiccode.writing import to_yaml
    from kltransfer.reporters.text import format_finding

    color = wants_color(sys.stderr)
    try:
        imported = import_publiccode(source, ref=ref)
    except InvalidPublicCode as invalid:
        for finding in invalid.findings:
            sys.stderr.write(format_finding(finding, color) + "\n")
        raise
    for finding in imported.findings:
        sys.stderr.write(format_finding(finding, color) + "\n")
    if into is None:
        sys.stdout.write(to_yaml([imported.entry]))
        return
    try:
        index = append_component(Path(into), imported)
    except InvalidPublicCode as invalid:
        for finding in invalid.findings:
            sys.stderr.write(format_finding(finding, color) + "\n")
        raise
    console.info(
        _(
            "added the component '{name}' to {path} (components[{index}])",
            name=imported.entry["name"],
            path=into,
            index=index,
        )
    )
