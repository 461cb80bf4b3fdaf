"""A Jinja2 loader confined to one folder: names with ``..``, absolute names and symlinks that
lead outside the folder are refused, so a theme cannot read any other file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path, PurePosixPath

from jinja2 import BaseLoader, Environment, TemplateNotFound

from kltransfer.export.errors import ThemeError


class ConfinedLoader(BaseLoader):
    """Templates from ``root`` and below it, and nothing else."""

    def __init__(self, root: Path, label: str = "template folder") -> None:
        self.root = root.resolve()
        self.label = label

    def locate(self, name: str) -> Path:
        """The file for template ``name``; ``TemplateNotFound`` when there is none."""
        pure = PurePosixPath(name)
        if "\\" in name or "\0" in name or pure.is_absolute() or any(p in ("..", "") for p in name.split("/")):
            raise ThemeError(
                f"the template name '{name}' leaves the {self.label}",
                hint="templates may only refer to files inside their own folder",
            )
        candidate = self.root.joinpath(*pure.parts)
        if not candidate.exists() and not candidate.is_symlink():
            raise TemplateNotFound(name)
        resolved = candidate.resolve()
        if not resolved.is_relative_to(self.root):
            raise ThemeError(
                f"'{name}' in the {self.label} {self.root} points outside it (to {resolved})",
                hint="a theme may only use files inside its own folder; copy the file in",
            )
        if not resolved.is_file():
            raise TemplateNotFound(name)
        return resolved

    def get_source(self, environment: Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        path = self.locate(template)
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ThemeError(f"cannot read the template {path}: {exc}") from exc
        return text, str(path), lambda: True

    def list_templates(self) -> list[str]:
        return sorted(p.relative_to(self.root).as_posix() for p in self.root.rglob("*") if p.is_file())


class ThemeLoader(BaseLoader):
    """A theme's files first, then the defaults: the theme may override any one of them."""

    def __init__(self, defaults: Path, theme: Path | None = None) -> None:
        self.loaders = [ConfinedLoader(theme, "theme folder")] if theme is not None else []
        self.loaders.append(ConfinedLoader(defaults, "default templates"))

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
        raise ThemeError(f"the file '{name}' is in neither the theme nor the default templates")
