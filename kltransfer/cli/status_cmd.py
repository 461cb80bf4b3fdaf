"""``kltransfer status``: newer upstream versions and local edits of adopted blueprints."""

from __future__ import annotations

import sys

import typer

from kltransfer.i18n import _


def register(app: typer.Typer) -> None:
    app.command(
        "status",
        help=_(
            "Show whether adopted blueprints have newer upstream versions and local edits."
            "\n\n"
            "Exit code 0 when every copy is up to date, 1 when an update is available or conflicts remain "
            "(so that CI can gate on it; --exit-zero gives 0 then too), 2 when nothing adopted is found or an "
            "option is wrong. An upstream that cannot be reached is reported, with exit code 0."
        ),
    )(status)


def status(
    paths: list[str] = typer.Argument(
        None,
        metavar="[PATHS]...",
        help=_("Adopted blueprints or folders holding them. Default: the current folder."),
        show_default=False,
    ),
    output_format: str = typer.Option("text", "--format", "-f", metavar="text|json", help=_("Output format.")),
    offline: bool = typer.Option(False, "--offline", help=_("Compare with the cache only; never fetch.")),
    exit_zero: bool = typer.Option(
        False, "--exit-zero", help=_("Exit with 0 also when an update is available or conflicts remain.")
    ),
) -> None:
    from kltransfer.adoption.status import status_paths
    from kltransfer.errors import UsageError
    from kltransfer.terminal import printable

    if output_format not in ("text", "json"):
        raise UsageError(
            _("unknown format '{name}'", name=output_format), hint=_("choose one of: {names}", names="text, json")
        )
    results = status_paths(paths or [], offline=offline)
    behind = any(r.newer or r.conflicts or r.pending for r in results)
    code = 1 if behind and not exit_zero else 0
    out = sys.stdout

    def say(line: str) -> None:
        out.write(printable(line) + "\n")

    if output_format == "json":
        from kltransfer.jsonout import dump

        dump({"blueprints": [r.to_dict() for r in results]}, out)
        out.write("\n")
        raise typer.Exit(code)
    update = _("run 'kltransfer update'")
    for r in results:
        at = r.ref or r.version or "?"
        commit = f" ({r.commit[:12]})" if r.commit else ""
        say(
            _(
                "{path}: {blueprint} {at} from {source}",
                path=r.path,
                blueprint=r.blueprint,
                at=at + commit,
                source=r.source,
            )
        )
        if r.error:
            line = _("upstream: unknown ({reason})", reason=r.error)
        elif r.newer == "changed":
            line = (
                _("upstream: changed (now version {version}); {action}", version=r.newer_version, action=update)
                if r.newer_version
                else _("upstream: changed; {action}", action=update)
            )
        elif r.newer:
            commit = f" ({r.newer_commit[:12]})" if r.newer_commit else ""
            line = (
                _("upstream: newer version {version} available; {action}", version=r.newer + commit, action=update)
                if r.newer_version
                else _("upstream: new commits on {branch} available; {action}", branch=r.newer + commit, action=update)
            )
        else:
            line = _("upstream: up to date")
        say("  " + line)
        edits = {
            True: _("local edits: yes"),
            False: _("local edits: no"),
            None: _("local edits: unknown (the adopted base is missing)"),
        }[r.local_edits]
        say("  " + edits)
        if r.conflicts:
            say(
                "  "
                + _(
                    "conflicts: unresolved; run 'kltransfer update' to see them by key path and settle each with "
                    "--take upstream KEYPATH or --take local KEYPATH (or remove the <<<<<<< ======= >>>>>>> markers)"
                )
            )
        elif r.pending:
            say("  " + _("conflicts: resolved; run 'kltransfer update' to record the merge"))
    raise typer.Exit(code)
