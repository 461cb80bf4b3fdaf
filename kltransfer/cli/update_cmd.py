"""``kltransfer update``: merge upstream changes into adopted blueprints."""

from __future__ import annotations

import sys

import typer

from kltransfer.i18n import _, _n


def register(app: typer.Typer) -> None:
    app.command(
        "update",
        help=_(
            "Three-way merge of upstream changes since the recorded commit into each adopted copy."
            "\n\n"
            "Local edits, comments and formatting are kept. Where both sides changed the same lines, git conflict "
            "markers are written and the provenance record stays where it was: resolve them and run "
            "'kltransfer update' again. Exit code 0 when all merged cleanly (or were up to date), 1 on conflicts, "
            "2 when a source cannot be read or an option is wrong."
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
) -> None:
    from kltransfer.adoption.update import update_paths
    from kltransfer.cli.console import console
    from kltransfer.terminal import printable

    results = update_paths(paths or [], ref=ref or None, dry_run=dry_run, offline=offline)
    failed = False
    resolve = _("edit the file, keep the right lines, remove the <<<<<<< ======= >>>>>>> markers")
    for r in results:
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
                console.warn(
                    _n(
                        "{path}: the merged blueprint has {n} error; run 'kltransfer validate'",
                        "{path}: the merged blueprint has {n} errors; run 'kltransfer validate'",
                        r.errors,
                        path=r.path,
                    )
                )
        else:
            failed = True
            where = ", ".join(
                _("{file} lines {first}-{last}", file=c.file, first=c.first_line, last=c.last_line)
                if c.first_line
                else _("{file} (kept yours; upstream saved as {file}.upstream)", file=c.file)
                for c in r.conflicts
            )
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
