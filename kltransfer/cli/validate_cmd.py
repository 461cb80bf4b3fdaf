"""``kltransfer validate``: check blueprints against the format, for people and for CI."""

from __future__ import annotations

import os
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
    output_format: str | None = typer.Option(
        None,
        "--format",
        "-f",
        metavar="FORMAT",
        help="Output format: text, json, github, sarif, junit or gitlab. "
        "Default: github when GITHUB_ACTIONS=true, else text.",
    ),
    strict: bool | None = typer.Option(
        None,
        "--strict/--no-strict",
        help="Let warnings (such as TODO placeholders) fail the run, or not. Default: the configuration's 'strict'.",
        show_default=False,
    ),
    jobs: int = typer.Option(
        0, "--jobs", "-j", min=0, help="Worker processes for large trees; 0 = one per CPU when there are many files."
    ),
    max_bytes: int = typer.Option(0, "--max-bytes", min=0, help="Largest file read, in bytes (default 4 MiB)."),
    config_file: str | None = typer.Option(
        None,
        "--config",
        metavar="FILE",
        help="Read the configuration from FILE (a pyproject.toml or .kltransfer.yaml) instead of "
        "looking for one from the current folder upward.",
    ),
) -> None:
    """Check blueprints and report every finding with file, line and column.

    Exit code 0 when all are valid, 1 when findings fail the run, 2 when a path does not
    exist, nothing is found, or an option or the configuration is wrong.

    Settings come from the tool.kltransfer table of pyproject.toml or from .kltransfer.yaml, found
    from the current folder upward (or named with --config); options given here win.
    """
    from kltransfer.cli.console import wants_color
    from kltransfer.config import load_config
    from kltransfer.errors import UsageError
    from kltransfer.reporters import REPORTERS
    from kltransfer.validation.validate import validate_paths

    output_format = output_format or default_format()
    if output_format not in REPORTERS:
        raise UsageError(f"unknown format '{output_format}'", hint=f"choose one of: {', '.join(REPORTERS)}")
    config = load_config(config_file)
    if strict is None:
        strict = bool(config.strict)
    limits = config.limits(max_bytes=max_bytes or None)
    report = validate_paths(paths or [], strict=strict, jobs=jobs, limits=limits, config=config)
    reporter = REPORTERS[output_format](sys.stdout, color=wants_color(sys.stdout))
    reporter.report(report)
    raise typer.Exit(report.exit_code)


def default_format() -> str:
    """``github`` inside GitHub Actions (annotations on the pull request), ``text`` elsewhere."""
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
