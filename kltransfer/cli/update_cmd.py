"""``kltransfer update``: merge upstream changes into adopted blueprints."""

from __future__ import annotations

import sys

import typer


def register(app: typer.Typer) -> None:
    app.command("update")(update)


def update(
    paths: list[str] = typer.Argument(
        None, metavar="[PATHS]...", help="Adopted blueprints or folders holding them. Default: the current folder."
    ),
    ref: str = typer.Option(
        "",
        "--ref",
        metavar="REF",
        help="Update to this tag, branch or commit (default: the newest version tag, or the recorded branch's head).",
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="Print the diff of what would change; write nothing."),
    offline: bool = typer.Option(False, "--offline", help="Use only the cache; never fetch."),
) -> None:
    """Three-way merge of upstream changes since the recorded commit into each adopted copy.

    Local edits, comments and formatting are kept. Where both sides changed the same lines,
    git conflict markers are written and the provenance record stays where it was: resolve
    them and run 'kltransfer update' again. Exit code 0 when all merged cleanly (or were up
    to date), 1 on conflicts, 2 when a source cannot be read or an option is wrong.
    """
    from kltransfer.adoption.update import update_paths
    from kltransfer.cli.console import console

    results = update_paths(paths or [], ref=ref or None, dry_run=dry_run, offline=offline)
    failed = False
    for r in results:
        if dry_run and r.diff:
            sys.stdout.write(r.diff)
        would = "would be " if dry_run else ""
        if r.outcome == "up-to-date":
            console.info(f"{r.path}: up to date ({r.from_ref})")
        elif r.outcome == "updated":
            commit = f" ({r.to_commit[:12]})" if r.to_commit else ""
            console.info(f"{r.path}: {would}updated from {r.from_ref} to {r.to_ref or r.to_version}{commit}")
            if r.errors:
                console.warn(f"{r.path}: the merged blueprint has {r.errors} error(s); run 'kltransfer validate'")
        else:
            failed = True
            where = ", ".join(
                f"{c.file} lines {c.first_line}-{c.last_line}"
                if c.first_line
                else f"{c.file} (kept yours; upstream saved as {c.file}.upstream)"
                for c in r.conflicts
            )
            if r.outcome == "unresolved":
                console.error(
                    f"{r.path}: unresolved conflicts from an earlier update: {where}",
                    hint="edit the file, keep the right lines, remove the <<<<<<< ======= >>>>>>> "
                    "markers, then run 'kltransfer update' again",
                )
            else:
                console.error(
                    f"{r.path}: {len(r.conflicts)} conflict(s) {would}with upstream "
                    f"{r.to_ref or r.to_version}: {where}",
                    hint=None
                    if dry_run
                    else "resolve them (remove the <<<<<<< ======= >>>>>>> markers), "
                    "then run 'kltransfer update' again; the record still names " + str(r.from_ref),
                )
    raise typer.Exit(1 if failed else 0)
