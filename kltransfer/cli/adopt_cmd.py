"""``kltransfer adopt``: take another city's blueprint as the start of one's own."""

from __future__ import annotations

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
    city: str = typer.Option("", "--city", metavar="NAME", help=_("Name of the adopting city."), show_default=False),
    sets: list[str] = typer.Option(
        None,
        "--set",
        metavar="KEY=VALUE",
        help=_("Set a value in the copy, e.g. --set city.state=DE-BY (repeatable)."),
        show_default=False,
    ),
    offline: bool = typer.Option(False, "--offline", help=_("Use only the cache; never fetch.")),
    force: bool = typer.Option(False, "--force", help=_("Write into a folder that is not empty.")),
) -> None:
    from kltransfer.adoption.adopt import AdoptOptions
    from kltransfer.adoption.adopt import adopt as run_adopt
    from kltransfer.cli.console import console
    from kltransfer.errors import UsageError

    if not into_arg.strip():  # '' would mean the current folder
        raise UsageError(_("--into is empty"), hint=_("give a folder name; an unset shell variable expands to nothing"))
    into = Path(into_arg)
    result = run_adopt(
        AdoptOptions(source, into, ref or None, blueprint or None, city or None, list(sets or []), offline, force)
    )
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
    console.info("  " + _("next: work through {file}", file=into / "ADOPTION-CHECKLIST.md"))
