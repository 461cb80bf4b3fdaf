"""``kltransfer update``: merge upstream changes into adopted blueprints."""

from __future__ import annotations

import sys

import click
import typer

from kltransfer.i18n import _, _n


def register(app: typer.Typer) -> None:
    app.command(
        "update",
        help=_(
            "Three-way merge of upstream changes since the recorded commit into each adopted copy."
            "\n\n"
            "Local edits, comments and formatting are kept. Where both sides changed the same lines, conflict "
            "markers are written, each conflict is listed with the values it is about (key path, local and upstream "
            "value), and the provenance record stays where it was. Settle them with --take upstream KEYPATH or "
            "--take local KEYPATH (or edit the file and remove the markers) and run 'kltransfer update' again."
            "\n\n"
            "Works without git for copies adopted from a folder or a bundle. Exit code 0 when all merged cleanly "
            "(or were up to date), 1 on conflicts or when a merged blueprint is not valid, 2 when a source cannot "
            "be read or an option is wrong."
        ),
    )(update)


def update(
    paths: list[str] = typer.Argument(
        None,
        metavar="[PATHS]...",
        help=_("Adopted blueprints or folders holding them. Default: the current folder."),
        show_default=False,
    ),
    ref: str = typer.Option(
        "",
        "--ref",
        metavar="REF",
        help=_("Update to this tag, branch or commit. Default: the newest version tag, or the recorded branch's head."),
        show_default=False,
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help=_("Print the diff of what would change; write nothing.")),
    offline: bool = typer.Option(False, "--offline", help=_("Use only the cache; never fetch.")),
    take: list[str] = typer.Option(
        None,
        "--take",
        click_type=click.Tuple([str, str]),
        metavar="upstream|local KEYPATH",
        help=_(
            "Settle the conflicts about KEYPATH (and everything below it) by keeping the upstream or the local "
            "value, e.g. --take upstream costs.investment.total (repeatable)."
        ),
        show_default=False,
    ),
) -> None:
    from kltransfer.adoption.update import update_paths
    from kltransfer.cli.console import console
    from kltransfer.terminal import printable

    takes = _takes(list(take or []))  # type: ignore[arg-type]  # click gives (side, keypath) pairs
    results = update_paths(paths or [], ref=ref or None, dry_run=dry_run, offline=offline, takes=takes)
    failed = False
    resolve = _(
        "settle each with 'kltransfer update --take upstream KEYPATH' or '--take local KEYPATH', or edit the file, "
        "keep the right lines and remove the <<<<<<< ======= >>>>>>> markers"
    )
    for r in results:
        if r.settled:
            console.info(
                _("{path}: settled with --take: {paths}", path=r.path, paths=", ".join(r.settled))
                if not dry_run
                else _("{path}: would be settled with --take: {paths}", path=r.path, paths=", ".join(r.settled))
            )
        for given in r.unmatched:
            console.warn(_("{path}: no conflict is about {keypath}; nothing taken for it", path=r.path, keypath=given))
        if dry_run and r.diff:
            sys.stdout.write(printable(r.diff, lines=True))
        if r.outcome == "up-to-date":
            console.info(_("{path}: up to date ({ref})", path=r.path, ref=r.from_ref))
        elif r.outcome == "updated":
            commit = f" ({r.to_commit[:12]})" if r.to_commit else ""
            target = f"{r.to_ref or r.to_version}{commit}"
            console.info(
                _("{path}: would be updated from {old} to {new}", path=r.path, old=r.from_ref, new=target)
                if dry_run
                else _("{path}: updated from {old} to {new}", path=r.path, old=r.from_ref, new=target)
            )
            if r.errors:
                failed = True
                console.error(
                    _n(
                        "{path}: the merged blueprint is not valid ({n} error):\n{findings}",
                        "{path}: the merged blueprint is not valid ({n} errors):\n{findings}",
                        r.errors,
                        path=r.path,
                        findings=_listing(r.findings),
                    ),
                    hint=_(
                        "correct the values named above in the file, then check it with 'kltransfer validate {path}'",
                        path=r.path,
                    ),
                )
        else:
            failed = True
            where = ", ".join(
                _("{file} lines {first}-{last}", file=c.file, first=c.first_line, last=c.last_line)
                if c.first_line
                else _("{file} (kept yours; upstream saved as {file}.upstream)", file=c.file)
                for c in r.conflicts
            )
            where += "".join("\n  " + conflict_text(change) for c in r.conflicts for change in c.changes or [])
            if r.outcome == "unresolved":
                console.error(
                    _("{path}: unresolved conflicts from an earlier update: {where}", path=r.path, where=where),
                    hint=_("{action}, then run 'kltransfer update' again", action=resolve),
                )
            else:
                upstream = r.to_ref or r.to_version
                console.error(
                    _n(
                        "{path}: {n} conflict would arise with upstream {upstream}: {where}",
                        "{path}: {n} conflicts would arise with upstream {upstream}: {where}",
                        len(r.conflicts),
                        path=r.path,
                        upstream=upstream,
                        where=where,
                    )
                    if dry_run
                    else _n(
                        "{path}: {n} conflict with upstream {upstream}: {where}",
                        "{path}: {n} conflicts with upstream {upstream}: {where}",
                        len(r.conflicts),
                        path=r.path,
                        upstream=upstream,
                        where=where,
                    ),
                    hint=None
                    if dry_run
                    else _(
                        "{action}, then run 'kltransfer update' again; the record still names {ref}",
                        action=resolve,
                        ref=r.from_ref,
                    ),
                )
    raise typer.Exit(1 if failed else 0)


def _takes(raw: list[tuple[str, str]]) -> list[tuple[str, tuple[str | int, ...]]]:
    """``--take SIDE KEYPATH`` values, checked: the side is upstream or local, the key path one."""
    from kltransfer.adoption.conflicts import SIDES
    from kltransfer.adoption.context import parse_key_path
    from kltransfer.errors import UsageError

    takes = []
    for side, keypath in raw:
        if side not in SIDES:
            raise UsageError(
                _("--take needs upstream or local before the key path, got '{side}'", side=side),
                hint=_("e.g. --take upstream costs.investment.total"),
            )
        takes.append((side, parse_key_path(keypath)))
    return takes


def _shown(value: object) -> str:
    """A value of a conflict, short, as YAML writes it."""
    from kltransfer.adoption.conflicts import ABSENT
    from kltransfer.adoption.yaml_edit import dump_flow

    if value is ABSENT:
        return _("(not there)")
    text = dump_flow(value)
    return text if len(text) <= 60 else text[:59] + "…"


def conflict_text(change: object) -> str:
    """``costs.investment.total changed on both sides: local 120000, upstream 150000``."""
    from kltransfer.adoption.conflicts import KeyChange

    assert isinstance(change, KeyChange)
    return _(
        "{keypath} changed on both sides: local {local}, upstream {upstream}",
        keypath=change.key_path,
        local=_shown(change.local),
        upstream=_shown(change.upstream),
    )


def _listing(findings: list[object]) -> str:
    from kltransfer.findings import Finding
    from kltransfer.reporters.text import format_finding

    return "\n".join("  " + format_finding(f) for f in findings[:10] if isinstance(f, Finding))
