"""Options that several commands share, declared once (the same flag, metavar and help everywhere)."""

from __future__ import annotations

from typing import Any

import typer

from kltransfer.i18n import _


def config_option(help_text: str | None = None) -> Any:
    """``--config FILE``: the configuration file to read instead of looking for one."""
    return typer.Option(
        None,
        "--config",
        metavar="FILE",
        help=help_text
        or _(
            "Read the configuration from FILE (a pyproject.toml or .kltransfer.yaml) instead of "
            "looking for one from the current folder upward."
        ),
        show_default=False,
    )
