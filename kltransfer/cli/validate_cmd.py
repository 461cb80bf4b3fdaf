"""``kltransfer validate``: check blueprints against the format, for people and for CI."""

from __future__ import annotations

import os
import sys

import typer

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
    config_file: str | None = typer.Option(
        None,
        "--config",
        metavar="FILE",
        help=_(
            "Read the configuration from FILE (a pyproject.toml or .kltransfer.yaml) instead of "
            "looking for one from the current folder upward."
        ),
    ),
) -> None:
    from dataclasses import replace

    from kltransfer.cli.console import wants_color
    from kltransfer.config import load_config
    from kltransfer.errors import UsageError
    from kltransfer.reporters import REPORTERS
    from kltransfer.validation.validate import validate_paths

    output_format = output_format or default_format()
    if output_format not in REPORTERS:
        raise UsageError(
            _("unknown format '{name}'", name=output_format),
            hint=_("choose one of: {names}", names=", ".join(REPORTERS)),
        )
    config = load_config(config_file)
    if select is not None:
        config = replace(config, select=codes_option("--select", select))
    if ignore is not None:
        config = replace(config, ignore=codes_option("--ignore", ignore))
    if strict is None:
        strict = bool(config.strict)
    limits = config.limits(max_bytes=max_bytes)
    report = validate_paths(paths or [], strict=strict, jobs=jobs, limits=limits, config=config)
    exit_code = report.exit_code
    if errors_only:
        report = report.without_warnings()
    color = wants_color(sys.stdout)
    if output_format == "text":
        from kltransfer.reporters.text import TextReporter

        terminal = hasattr(sys.stdout, "isatty") and sys.stdout.isatty()
        reporter = TextReporter(sys.stdout, color=color, source=not no_source, grouped=terminal, verbose=verbose)
    else:
        reporter = REPORTERS[output_format](sys.stdout, color=color)
    reporter.report(report)
    raise typer.Exit(exit_code)


def codes_option(option: str, values: list[str]) -> tuple[str, ...]:
    """The codes of ``--select``/``--ignore`` (repeated, or separated by commas), checked like the configuration's."""
    from kltransfer.config import unknown_code
    from kltransfer.errors import UsageError

    items = [item.strip() for value in values for item in value.split(",") if item.strip()]
    problems = [p for p in map(unknown_code, items) if p]
    if problems:
        raise UsageError(
            _("{option}: {problem}", option=option, problem=problems[0]),
            hint=_("give codes such as KT220 or prefixes such as KT2, separated by commas"),
        )
    return tuple(item.upper() for item in items)


def default_format() -> str:
    """``github`` inside GitHub Actions (annotations on the pull request), ``text`` elsewhere."""
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
