"""``kltransfer check``: how ready blueprints are for another city (score, areas, advice)."""

from __future__ import annotations

import sys

import typer

from kltransfer.cli.options import config_option
from kltransfer.i18n import _


def register(app: typer.Typer) -> None:
    app.command(
        "check",
        help=_(
            "Score how ready blueprints are for transfer to another city, and say how to improve them."
            "\n\n"
            "Each blueprint is validated first; a valid one gets a score from 0 to 100 with a breakdown by area, "
            "a label (proven, ready, incomplete) and findings (KT4xx) with fixes. Exit code 0 (findings are "
            "advice), 1 when a blueprint is invalid or scores below --min-score, 2 when a path does not exist, "
            "a file cannot be read, or an option is wrong."
        ),
    )(check)


def check(
    paths: list[str] = typer.Argument(
        None,
        metavar="[PATHS]...",
        help=_("Files, folders (searched for blueprint.yaml) or glob patterns. Default: the current folder."),
        show_default=False,
    ),
    output_format: str | None = typer.Option(
        None,
        "--format",
        "-f",
        metavar="FORMAT",
        help=_(
            "Output format: text or json (scores and findings), or a findings format of 'validate' "
            "(github, sarif, junit, gitlab). Default: github when GITHUB_ACTIONS=true, else text."
        ),
        show_default=False,
    ),
    min_score: int | None = typer.Option(
        None,
        "--min-score",
        min=0,
        max=100,
        metavar="N",
        help=_("Fail (exit code 1) when a blueprint scores below N."),
        show_default=False,
    ),
    config_file: str | None = config_option(
        _(
            "Read the configuration from FILE (a pyproject.toml or .kltransfer.yaml) instead of looking for one "
            "from the current folder upward. Ignored rules neither report nor count."
        )
    ),
) -> None:
    from kltransfer.cli.validate_run import default_format
    from kltransfer.config import load_config
    from kltransfer.errors import UsageError
    from kltransfer.readiness import check_paths
    from kltransfer.readiness.render import write_json, write_text
    from kltransfer.reporters import REPORTERS

    chosen = output_format or default_format()
    if chosen not in REPORTERS:
        raise UsageError(
            _("unknown format '{name}'", name=chosen), hint=_("choose one of: {names}", names=", ".join(REPORTERS))
        )
    config = load_config(config_file)
    report = check_paths(paths or [], min_score=min_score, limits=config.limits(), config=config)
    if chosen == "text":
        write_text(report, sys.stdout)
    elif chosen == "json":
        write_json(report, sys.stdout)
    else:
        from kltransfer.cli.console import wants_color

        REPORTERS[chosen](sys.stdout, color=wants_color(sys.stdout)).report(report.findings_report())
    raise typer.Exit(report.exit_code)
