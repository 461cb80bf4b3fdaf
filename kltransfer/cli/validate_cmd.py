"""``kltransfer validate``: check blueprints against the format, for people and for CI."""

from __future__ import annotations

import typer

from kltransfer.cli.options import config_option
from kltransfer.cli.validate_run import run_validate
from kltransfer.i18n import _
from kltransfer.loading.limits import DEFAULT_LIMITS


def register(app: typer.Typer) -> None:
    app.command(
        "validate",
        help=_(
            "Check blueprints and report every finding with file, line and column.\n\n"
            "Exit code 0 when all are valid, 1 when findings fail the run, 2 when a path does not "
            "exist, a file cannot be read, nothing is found, or an option or the configuration is wrong.\n\n"
            "Settings come from the tool.kltransfer table of pyproject.toml or from .kltransfer.yaml, found "
            "from the current folder upward (or named with --config); options given here win."
        ),
    )(validate)


def _mebibytes(size: int) -> str:
    return f"{size / (1024 * 1024):g}\u00a0MiB"  # never broken between number and unit


def validate(
    paths: list[str] = typer.Argument(
        None,
        metavar="[PATHS]...",
        help=_("Files, folders (searched for blueprint.yaml) or glob patterns. Default: the current folder."),
    ),
    output_format: str | None = typer.Option(
        None,
        "--format",
        "-f",
        metavar="FORMAT",
        help=_(
            "Output format: text, json, github, sarif, junit or gitlab. "
            "Default: github when GITHUB_ACTIONS=true, else text."
        ),
    ),
    strict: bool | None = typer.Option(
        None,
        "--strict/--no-strict",
        help=_("Let warnings (such as TODO placeholders) fail the run, or not. Default: the configuration's 'strict'."),
        show_default=False,
    ),
    errors_only: bool = typer.Option(
        False,
        "--errors-only",
        "-q",
        help=_("Do not list warnings (they are still counted, and still fail the run under --strict)."),
    ),
    select: list[str] | None = typer.Option(
        None,
        "--select",
        metavar="CODES",
        help=_(
            "Report only these codes or prefixes, separated by commas (KT1,KT220); replaces the configuration's "
            "'select'."
        ),
    ),
    ignore: list[str] | None = typer.Option(
        None,
        "--ignore",
        metavar="CODES",
        help=_("Do not report these codes or prefixes, separated by commas; replaces the configuration's 'ignore'."),
    ),
    verbose: bool = typer.Option(
        False,
        "--verbose",
        "-v",
        help=_("On a terminal, list every warning instead of grouping many of one code."),
    ),
    no_source: bool = typer.Option(
        False, "--no-source", help=_("Do not show the line of the file under each finding (text format).")
    ),
    jobs: int = typer.Option(
        0,
        "--jobs",
        "-j",
        min=0,
        help=_("Worker processes for large trees; 0 = one per CPU when there are many files."),
    ),
    max_bytes: int | None = typer.Option(
        None,
        "--max-bytes",
        min=1,
        metavar="BYTES",
        help=_(
            "Largest file read, in bytes. Default: {size}, or max-bytes of the configuration.",
            size=_mebibytes(DEFAULT_LIMITS.max_bytes),
        ),
        show_default=False,
    ),
    config_file: str | None = config_option(),
) -> None:
    raise typer.Exit(
        run_validate(
            paths,
            output_format=output_format,
            strict=strict,
            errors_only=errors_only,
            select=select,
            ignore=ignore,
            verbose=verbose,
            no_source=no_source,
            jobs=jobs,
            max_bytes=max_bytes,
            config_file=config_file,
        )
    )
