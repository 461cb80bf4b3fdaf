"""``kltransfer schema``: print the format's JSON Schema, its texts in the chosen language."""

from __future__ import annotations

import sys

import typer

from kltransfer.i18n import _


def register(app: typer.Typer) -> None:
    app.command(
        "schema",
        help=_(
            "Print the blueprint format as JSON Schema (draft 2020-12) for editors and other validators."
            "\n\n"
            "Every field and every allowed value is described, in the chosen language, also in the form "
            "the YAML language server reads (VS Code shows the texts while you type). Save the output and "
            "point your editor at it with the comment '# yaml-language-server: $schema=blueprint.schema.json' "
            "in the first line of blueprint.yaml. The schemas are published at "
            "https://schema.kltransfer.de/blueprint/VERSION/blueprint.schema.json (English) and "
            "https://schema.kltransfer.de/blueprint/VERSION/de/blueprint.schema.json (German)."
        ),
    )(schema)


def schema(
    version: str | None = typer.Option(
        None,
        "--version",
        "-V",
        metavar="VERSION",
        help=_("Format version. Default: the newest."),
        show_default=False,
    ),
    lang: str | None = typer.Option(
        None,
        "--lang",
        metavar="de|en",
        help=_("Language of the descriptions. Default: the configuration's lang, else the locale, else English."),
        show_default=False,
    ),
) -> None:
    from kltransfer.errors import UsageError
    from kltransfer.i18n import LANGUAGES, get_language
    from kltransfer.schema import CURRENT, VERSIONS, published_schema_text

    chosen = CURRENT if version is None else version  # an explicit '' is a mistake, not the default
    if chosen not in VERSIONS:
        raise UsageError(
            _("unknown format version '{version}'", version=chosen),
            hint=_("known versions: {versions}", versions=", ".join(VERSIONS)),
        )
    if lang is not None and lang not in LANGUAGES:
        raise UsageError(_("unknown language '{lang}'", lang=lang), hint=_("choose --lang de or --lang en"))
    sys.stdout.write(published_schema_text(chosen, lang or get_language()))
