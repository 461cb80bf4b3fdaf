"""Errors of the export, each with a stable code (KT91x) and a hint the user can act on."""

from __future__ import annotations

from kltransfer.errors import ConfigError, FindingsError, KltransferError


class ThemeError(ConfigError):
    """A theme or template that cannot be used: missing, outside its folder, or failing to render."""

    code = "KT910"


class DuplicateBlueprint(FindingsError):
    """Two blueprints of one run share an id; their outputs would overwrite each other."""

    code = "KT912"


class PdfUnavailable(KltransferError):
    """The PDF format needs WeasyPrint (the extra ``pdf``) and the Pango libraries it loads (exit 2)."""

    code = "KT913"


class DraftsRefused(FindingsError):
    """``export --strict``: blueprints with TODO placeholders or warnings were not exported (exit 1)."""

    code = "KT914"
