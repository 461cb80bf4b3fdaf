"""``kltransfer adopt``: take another city's blueprint as the start of one's own."""

from __future__ import annotations

from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    app.command("adopt")(adopt)


def adopt(
    source: str = typer.Argument(
        ...,
        metavar="SOURCE",
        help="A git repository (https://, ssh://, git://, file:// URL or local path), "
        "a local folder, or a .kltransfer.zip bundle.",
    ),
    into_arg: str = typer.Option(..., "--into", metavar="DIR", help="Folder for the adopted copy (new or empty)."),
    ref: str = typer.Option(
        "",
        "--ref",
        metavar="REF",
        help="Tag, branch or commit (default: the newest version tag, else the default branch).",
    ),
    blueprint: str = typer.Option(
        "", "--blueprint", metavar="ID", help="Which blueprint, when the source holds several (its id or folder)."
    ),
    city: str = typer.Option("", "--city", metavar="NAME", help="Name of the adopting city."),
    sets: list[str] = typer.Option(
        None, "--set", metavar="KEY=VALUE", help="Set a value in the copy, e.g. --set city.state=DE-BY (repeatable)."
    ),
    offline: bool = typer.Option(False, "--offline", help="Use only the cache; never fetch."),
    force: bool = typer.Option(False, "--force", help="Write into a folder that is not empty."),
) -> None:
    """Adopt a blueprint: copy it into DIR with provenance, local context reset and a checklist.

    The copy keeps the link to its source: 'kltransfer status' shows newer versions and
    'kltransfer update' merges them in. Exit code 0 on success, 1 when the copy would not be
    valid, 2 when the source cannot be read or an option is wrong.
    """
    from kltransfer.adoption.adopt import AdoptOptions
    from kltransfer.adoption.adopt import adopt as run_adopt
    from kltransfer.cli.console import console
    from kltransfer.errors import UsageError

    if not into_arg.strip():  # '' would mean the current folder
        raise UsageError("--into is empty", hint="give a folder name; an unset shell variable expands to nothing")
    into = Path(into_arg)
    result = run_adopt(
        AdoptOptions(source, into, ref or None, blueprint or None, city or None, list(sets or []), offline, force)
    )
    origin = result.origin
    where = f" at {origin.ref}" + (f" ({origin.commit[:12]})" if origin.commit else "") if origin.ref else ""
    console.info(
        f"adopted {origin.blueprint}"
        + (f" {origin.version}" if origin.version else "")
        + f" from {origin.source}{where} into {into}"
    )
    if result.assets:
        console.info(f"  with {len(result.assets)} file(s): {', '.join(result.assets)}")
    placeholders = sum(1 for f in result.warnings if f.code == "KT220")
    if placeholders:
        console.info(f"  {placeholders} value(s) still to fill in: run 'kltransfer validate {into}'")
    if result.state_kept:
        console.warn(
            f"city.state was kept from the origin ({result.state_kept}); "
            "set yours with --set city.state=DE-.. or edit the file"
        )
    console.info(f"  next: work through {into / 'ADOPTION-CHECKLIST.md'}")
