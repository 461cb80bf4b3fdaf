"""``kltransfer status``: newer upstream versions and local edits of adopted blueprints."""

from __future__ import annotations

import json
import sys

import typer


def register(app: typer.Typer) -> None:
    app.command("status")(status)


def status(
    paths: list[str] = typer.Argument(
        None, metavar="[PATHS]...", help="Adopted blueprints or folders holding them. Default: the current folder."
    ),
    output_format: str = typer.Option("text", "--format", "-f", help="Output format: text or json."),
    offline: bool = typer.Option(False, "--offline", help="Compare with the cache only; never fetch."),
) -> None:
    """Show whether adopted blueprints have newer upstream versions and local edits.

    Exit code 0 (also when updates are available), 2 when nothing adopted is found or an
    option is wrong.
    """
    from kltransfer.adoption.status import status_paths
    from kltransfer.errors import UsageError

    if output_format not in ("text", "json"):
        raise UsageError(f"unknown format '{output_format}'", hint="choose one of: text, json")
    results = status_paths(paths or [], offline=offline)
    out = sys.stdout
    if output_format == "json":
        json.dump({"blueprints": [r.to_dict() for r in results]}, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    for r in results:
        at = r.ref or r.version or "?"
        commit = f" ({r.commit[:12]})" if r.commit else ""
        out.write(f"{r.path}: {r.blueprint} {at}{commit} from {r.source}\n")
        if r.error:
            out.write(f"  upstream: unknown ({r.error})\n")
        elif r.newer == "changed":
            out.write(
                "  upstream: changed"
                + (f" (now version {r.newer_version})" if r.newer_version else "")
                + "; run 'kltransfer update'\n"
            )
        elif r.newer:
            commit = f" ({r.newer_commit[:12]})" if r.newer_commit else ""
            what = f"newer version {r.newer}" if r.newer_version else f"new commits on {r.newer}"
            out.write(f"  upstream: {what}{commit} available; run 'kltransfer update'\n")
        else:
            out.write("  upstream: up to date\n")
        edits = {True: "yes", False: "no", None: "unknown (the adopted base is missing)"}[r.local_edits]
        out.write(f"  local edits: {edits}\n")
        if r.conflicts:
            out.write(
                "  conflicts: unresolved; remove the <<<<<<< ======= >>>>>>> markers, then run 'kltransfer update'\n"
            )
        elif r.pending:
            out.write("  conflicts: resolved; run 'kltransfer update' to record the merge\n")
