"""``kltransfer adopt``: take another city's blueprint as the start of one's own."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from kltransfer.i18n import _, _n


def register(app: typer.Typer) -> None:
    app.command(
        "adopt",
        help=_(
            "Adopt a blueprint: copy it into DIR with provenance, local context reset and a checklist."
            "\n\n"
            "The copy keeps the link to its source: 'kltransfer status' shows newer versions and "
            "'kltransfer update' merges them in. Exit code 0 on success, 1 when the copy would not be valid, "
            "2 when the source cannot be read or an option is wrong."
        ),
    )(adopt)


def adopt(
    source: str = typer.Argument(
        ...,
        metavar="SOURCE",
        help=_(
            "A git repository (https://, ssh://, git://, file:// URL or local path), a local folder, "
            "or a .kltransfer.zip bundle."
        ),
        show_default=False,
    ),
    into_arg: str = typer.Option(
        ..., "--into", metavar="DIR", help=_("Folder for the adopted copy (new or empty)."), show_default=False
    ),
    ref: str = typer.Option(
        "",
        "--ref",
        metavar="REF",
        help=_("Tag, branch or commit. Default: the newest version tag, else the default branch."),
        show_default=False,
    ),
    blueprint: str = typer.Option(
        "",
        "--blueprint",
        metavar="ID",
        help=_("Which blueprint, when the source holds several (its id or folder)."),
        show_default=False,
    ),
    city: str = typer.Option(
        "",
        "--city",
        metavar="NAME",
        help=_("Name of the adopting city (asked on a terminal when missing)."),
        show_default=False,
    ),
    ident: str = typer.Option(
        "",
        "--id",
        metavar="ID",
        help=_(
            "The copy's own id. Default: your city's name and the upstream id without the upstream city's name, "
            "e.g. musterstadt-open-data-portal (asked on a terminal)."
        ),
        show_default=False,
    ),
    sets: list[str] = typer.Option(
        None,
        "--set",
        metavar="KEY=VALUE",
        help=_("Set a value in the copy, e.g. --set city.state=DE-BY (repeatable)."),
        show_default=False,
    ),
    offline: bool = typer.Option(False, "--offline", help=_("Use only the cache; never fetch.")),
    force: bool = typer.Option(False, "--force", help=_("Write into a folder that is not empty.")),
    lang: str = typer.Option(
        "",
        "--lang",
        metavar="de|en",
        help=_(
            "Language of the messages and of what is written into the copy (placeholders, notes, checklist). "
            "Default for the copy: the language the blueprint is written in."
        ),
        show_default=False,
    ),
) -> None:
    from kltransfer.adoption.adopt import AdoptOptions
    from kltransfer.adoption.adopt import adopt as run_adopt
    from kltransfer.cli.console import console
    from kltransfer.errors import UsageError
    from kltransfer.i18n import normalise

    if not into_arg.strip():  # '' would mean the current folder
        raise UsageError(_("--into is empty"), hint=_("give a folder name; an unset shell variable expands to nothing"))
    if lang and normalise(lang) is None:
        raise UsageError(_("unknown language '{lang}'", lang=lang), hint=_("choose --lang de or --lang en"))
    into = Path(into_arg)
    interactive = sys.stdin.isatty() and sys.stderr.isatty()
    options = AdoptOptions(
        source, into, ref or None, blueprint or None, city or None, list(sets or []), offline, force, lang=lang or None
    )
    options.id = ident or None
    options.ask = _ask if interactive else None
    result = run_adopt(options)
    origin = result.origin
    what = f"{origin.blueprint} {origin.version}" if origin.version else origin.blueprint
    if origin.ref and origin.commit:
        line = _(
            "adopted {blueprint} from {source} at {ref} ({commit}) into {into}",
            blueprint=what,
            source=origin.source,
            ref=origin.ref,
            commit=origin.commit[:12],
            into=into,
        )
    elif origin.ref:
        line = _(
            "adopted {blueprint} from {source} at {ref} into {into}",
            blueprint=what,
            source=origin.source,
            ref=origin.ref,
            into=into,
        )
    else:
        line = _("adopted {blueprint} from {source} into {into}", blueprint=what, source=origin.source, into=into)
    console.info(line)
    if result.assets:
        console.info(
            "  "
            + _n(
                "with {n} file: {files}",
                "with {n} files: {files}",
                len(result.assets),
                files=", ".join(result.assets),
            )
        )
    placeholders = sum(1 for f in result.warnings if f.code == "KT220")
    if placeholders:
        console.info(
            "  "
            + _n(
                "{n} value still to fill in: run 'kltransfer validate {folder}'",
                "{n} values still to fill in: run 'kltransfer validate {folder}'",
                placeholders,
                folder=into,
            )
        )
    if result.state_kept:
        console.warn(
            _(
                "city.state was kept from the origin ({state}); set yours with --set city.state=DE-.. or edit the file",
                state=result.state_kept,
            )
        )
    if result.id_kept:
        console.warn(
            _(
                "the copy keeps the id '{id}' of the original until you give it its own: "
                "edit 'id' in {file}, or adopt again with --city or --id",
                id=result.id,
                file=result.path,
            )
        )
    else:
        console.info(
            "  " + _("the copy's id: {id} (the original's: {upstream})", id=result.id, upstream=origin.blueprint)
        )
    console.info("  " + _("next: work through {file}", file=into / "ADOPTION-CHECKLIST.md"))
    console.info(
        _(
            "{city} can list your city as an adopter: this entry belongs under transfer.adopters in its blueprint "
            "(it is in the checklist too):",
            city=origin.city or origin.source,
        )
    )
    sys.stdout.write(result.adopter_entry)


def _ask(key: str, default: str) -> str:
    """Ask on the terminal for the adopting city's name or the copy's id, until the id is a valid one."""
    from rich.text import Text

    from kltransfer.adoption.adopt import check_id
    from kltransfer.cli.new_cmd import _ask as ask_line
    from kltransfer.cli.new_cmd import _prompt_console
    from kltransfer.errors import UsageError

    console = _prompt_console()
    if key == "city":
        label = Text(_("Name of your city"), style="bold")
        label.append(" " + _("(leave empty: fill in later)"), style="dim")
        return ask_line(console, label, default)
    while True:
        answer = ask_line(console, Text(_("Id of your copy"), style="bold"), default).strip()
        try:
            return check_id(answer or default)
        except UsageError as exc:
            console.print(Text("  " + exc.message, style="red"))
