"""Template loading confined to folders, shared by scaffolds, exports and themes.

A name with ``..``, an absolute name, a backslash or a symlink that leads out of the folder
is refused, so that a template (or a theme someone else wrote) cannot read any other file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path, PurePosixPath

from jinja2 import BaseLoader, Environment, TemplateNotFound

from kltransfer.i18n import N_, _

#: The default name of a loader's folder in messages (a ``label`` is marked with ``N_``).
TEMPLATE_FOLDER = N_("template folder")
#: Builds the exception for a refused name from a message and a hint.
Refusal = Callable[[str, str], Exception]


class ConfinedLoader(BaseLoader):
    """Templates from ``root`` and below it, and nothing else.

    ``refuse`` builds the error for a name that tries to leave the folder and for a file
    that cannot be read; without it, such names are simply not found. ``label`` names the
    folder in those messages; it is marked with ``N_`` and translated where shown.
    """

    def __init__(self, root: Path, label: str = TEMPLATE_FOLDER, refuse: Refusal | None = None) -> None:
        self.root = root.resolve()
        self.label = label
        self.refuse = refuse

    def _refused(self, name: str, message: str, hint: str) -> Exception:
        return self.refuse(message, hint) if self.refuse is not None else TemplateNotFound(name)

    def locate(self, name: str) -> Path:
        """The file for template ``name``; ``TemplateNotFound`` when there is none."""
        pure = PurePosixPath(name)
        if "\\" in name or "\0" in name or pure.is_absolute() or any(p in ("..", "") for p in name.split("/")):
            raise self._refused(
                name,
                _("the template name '{name}' leaves the {folder}", name=name, folder=_(self.label)),
                _("templates may only refer to files inside their own folder"),
            )
        candidate = self.root.joinpath(*pure.parts)
        if not candidate.exists() and not candidate.is_symlink():
            raise TemplateNotFound(name)
        resolved = candidate.resolve()
        if not resolved.is_relative_to(self.root):
            raise self._refused(
                name,
                _(
                    "'{name}' in the {folder} {path} points outside it (to {target})",
                    name=name,
                    folder=_(self.label),
                    path=self.root,
                    target=resolved,
                ),
                _("a template may only use files inside its own folder; copy the file in"),
            )
        if not resolved.is_file():
            raise TemplateNotFound(name)
        return resolved

    def get_source(self, environment: Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        path = self.locate(template)
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise self._refused(
                template,
                _("cannot read the template {path}: {reason}", path=path, reason=exc),
                _("save the template as UTF-8 text"),
            ) from exc
        return text, str(path), lambda: True

    def list_templates(self) -> list[str]:
        return sorted(p.relative_to(self.root).as_posix() for p in self.root.rglob("*") if p.is_file())
