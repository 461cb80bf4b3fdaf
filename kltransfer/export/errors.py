"""Errors of the export, each with a stable code (KT91x) and a hint the user can act on."""

from __future__ import annotations

from kltransfer.errors import ConfigError, FindingsError, OutputError


class ThemeError(ConfigError):
    """A theme or template that cannot be used: missing, outside its folder, or failing to render."""

    code = "KT910"


class OutputRefused(OutputError):
    """The output folder must not be written: not empty and not an earlier export, or unsafe."""

    code = "KT911"


class DuplicateBlueprint(FindingsError):
    """Two blueprints of one run share an id; their outputs would overwrite each other."""

    code = "KT912"
