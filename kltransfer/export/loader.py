"""The export's template loading: a theme's folder first, then the defaults, each confined to
its folder (see :mod:`kltransfer.templating`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from jinja2 import BaseLoader, Environment, TemplateNotFound

from kltransfer import templating
from kltransfer.export.errors import ThemeError
from kltransfer.i18n import N_, _


def _theme_error(message: str, hint: str) -> ThemeError:
    return ThemeError(message, hint=hint)


class ConfinedLoader(templating.ConfinedLoader):
    """Templates from one folder; leaving it is a theme error (KT910), not a missing file."""

    def __init__(self, root: Path, label: str = templating.TEMPLATE_FOLDER) -> None:
        super().__init__(root, label, refuse=_theme_error)


class ThemeLoader(BaseLoader):
    """A theme's files first, then the defaults: the theme may override any one of them."""

    def __init__(self, defaults: Path, theme: Path | None = None) -> None:
        self.loaders = [ConfinedLoader(theme, N_("theme folder"))] if theme is not None else []
        self.loaders.append(ConfinedLoader(defaults, N_("default templates")))

    def get_source(self, environment: Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        for loader in self.loaders:
            try:
                return loader.get_source(environment, template)
            except TemplateNotFound:
                continue
        raise TemplateNotFound(template)

    def read(self, name: str) -> str:
        """A static file (a stylesheet, the labels) by the same rules as a template."""
        for loader in self.loaders:
            try:
                return loader.get_source(None, name)[0]  # type: ignore[arg-type]
            except TemplateNotFound:
                continue
        raise ThemeError(_("the file '{name}' is in neither the theme nor the default templates", name=name))
