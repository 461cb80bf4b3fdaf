"""What ``kltransfer validate`` does once its options are known, without click or typer.

An editor or a pre-commit hook runs ``kltransfer validate FILE`` on every save, and most of
that run is start-up: importing click and typer and building the whole command tree costs
more than checking the file. :func:`fast_options` therefore reads the common shapes of
``validate``'s arguments itself; :mod:`kltransfer.cli.main` runs :func:`run_validate` with
them and leaves everything else (help, a mistyped or unknown option, a bad value, ``--``,
combined short flags, shell completion) to typer, so that help and error messages are
typer's own. Both paths end in :func:`run_validate`: the results are the same (the tests in
``tests/cli/test_validate_fast.py`` compare them).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

TYPE_CHECKING = False  # typing is not imported at run time (docs/performance.md)
if TYPE_CHECKING:
    from typing import Any

#: flags of ``validate``: option -> (keyword, value)
FLAGS = {
    "--strict": ("strict", True),
    "--no-strict": ("strict", False),
    "--errors-only": ("errors_only", True),
    "-q": ("errors_only", True),
    "--verbose": ("verbose", True),
    "-v": ("verbose", True),
    "--no-source": ("no_source", True),
}
#: options of ``validate`` that take a value: option -> keyword
VALUED = {
    "--format": "output_format",
    "-f": "output_format",
    "--select": "select",
    "--ignore": "ignore",
    "--jobs": "jobs",
    "-j": "jobs",
    "--max-bytes": "max_bytes",
    "--config": "config_file",
}
REPEATED = frozenset({"select", "ignore"})
#: the lowest value click accepts for the integer options (typer's ``min=``)
MINIMUM = {"jobs": 0, "max_bytes": 1}


def fast_options(args: Sequence[str]) -> dict[str, Any] | None:
    """The keyword arguments of :func:`run_validate` for ``args`` (``validate`` first), or None
    when typer should parse them: anything but plain paths and the options of ``validate``
    written out (``--format json``, ``--format=json``, ``-f json``, ``-q``, ...) with a value
    click would accept as it is."""
    if not args or args[0] != "validate" or os.environ.get("_KLTRANSFER_COMPLETE"):
        return None
    options: dict[str, Any] = {"paths": []}
    rest = list(args[1:])
    while rest:
        arg = rest.pop(0)
        if not arg.startswith("-"):
            options["paths"].append(arg)
            continue
        if arg in FLAGS:
            key, flag = FLAGS[arg]
            options[key] = flag
            continue
        name, equals, value = arg.partition("=")
        if name not in VALUED or (equals and not name.startswith("--")):
            return None  # help, --, -, -qv, -fjson, an unknown or mistyped option: typer's
        if not equals:
            if not rest:
                return None
            value = rest.pop(0)
        if value.startswith("-"):
            return None
        key = VALUED[name]
        if key in MINIMUM:
            if not (value.isascii() and value.isdigit()) or int(value) < MINIMUM[key]:
                return None
            options[key] = int(value)
        elif key in REPEATED:
            options.setdefault(key, []).append(value)
        else:
            options[key] = value
    return options


def run_validate(
    paths: list[str] | None,
    *,
    output_format: str | None = None,
    strict: bool | None = None,
    errors_only: bool = False,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    verbose: bool = False,
    no_source: bool = False,
    jobs: int = 0,
    max_bytes: int | None = None,
    config_file: str | None = None,
) -> int:
    """Validate ``paths``, write the report to stdout and return the exit code."""
    from kltransfer.cli.console import wants_color
    from kltransfer.config import load_config
    from kltransfer.errors import UsageError
    from kltransfer.i18n import _
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
        config = config.replace(select=codes_option("--select", select))
    if ignore is not None:
        config = config.replace(ignore=codes_option("--ignore", ignore))
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
    return exit_code


def codes_option(option: str, values: list[str]) -> tuple[str, ...]:
    """The codes of ``--select``/``--ignore`` (repeated, or separated by commas), checked like the configuration's."""
    from kltransfer.config import unknown_code
    from kltransfer.errors import UsageError
    from kltransfer.i18n import _

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
