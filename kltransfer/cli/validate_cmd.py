"""``kltransfer validate``: check blueprints against the format, for people and for CI."""

from __future__ import annotations

import sys

import typer


def register(app: typer.Typer) -> None:
    app.command("validate")(validate)


def validate(
    paths: list[str] = typer.Argument(
        None,
        metavar="[PATHS]...",
        help="Files, folders (searched for blueprint.yaml) or glob patterns. Default: the current folder.",
    ),
    output_format: str = typer.Option("text", "--format", "-f", help="Output format: text or json."),
    strict: bool = typer.Option(False, "--strict", help="Let warnings (such as TODO placeholders) fail the run."),
    jobs: int = typer.Option(
        0, "--jobs", "-j", min=0, help="Worker processes for large trees; 0 = one per CPU when there are many files."
    ),
    max_bytes: int = typer.Option(0, "--max-bytes", min=0, help="Largest file read, in bytes (default 4 MiB)."),
) -> None:
    """Check blueprints and report every finding with file, line and column.

    Exit code 0 when all are valid, 1 when findings fail the run, 2 when a path does not
    exist, nothing is found, or an option is wrong.
    """
    from kltransfer.cli.console import wants_color
    from kltransfer.errors import UsageError
    from kltransfer.loading.limits import DEFAULT_LIMITS, Limits
    from kltransfer.reporters import REPORTERS
    from kltransfer.validation.validate import validate_paths

    if output_format not in REPORTERS:
        raise UsageError(f"unknown format '{output_format}'", hint=f"choose one of: {', '.join(REPORTERS)}")
    limits = Limits(max_bytes=max_bytes) if max_bytes else DEFAULT_LIMITS
    report = validate_paths(paths or [], strict=strict, jobs=jobs, limits=limits)
    reporter = REPORTERS[output_format](sys.stdout, color=wants_color(sys.stdout))
    reporter.report(report)
    raise typer.Exit(report.exit_code)
