"""Where kltransfer's shipped resources live, in a checkout and in an installed package."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def templates_dir() -> Path:
    """The folder of the default templates.

    In a source checkout that is ``<repo>/templates``; in an installed wheel the same folder
    is shipped as ``kltransfer/_templates`` (see ``force-include`` in pyproject.toml).
    """
    checkout = _PACKAGE.parent / "templates"
    if checkout.is_dir() and (_PACKAGE.parent / "pyproject.toml").is_file():
        return checkout
    return _PACKAGE / "_templates"
