"""Finding blueprint files: files, folders (recursively) and glob patterns."""

from __future__ import annotations

import glob
import os
from collections.abc import Sequence
from pathlib import Path

from kltransfer.errors import InputError
from kltransfer.i18n import _

BLUEPRINT_NAMES = ("blueprint.yaml", "blueprint.yml")
_SKIP_DIRS = {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox"}


def _walk(folder: Path) -> list[str]:
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not d.startswith("."))
        # str paths keep the walk fast on large trees
        found += [os.path.join(root, name) for name in BLUEPRINT_NAMES if name in files]  # noqa: PTH118
    return found


def discover(paths: Sequence[str | os.PathLike[str]]) -> list[str]:
    """Every blueprint file named by ``paths``, each once, in a stable order.

    A file is taken as it is, whatever its name; a folder is searched for ``blueprint.yaml``
    below it; a pattern with ``*``, ``?`` or ``[`` is expanded (``**`` included).
    """
    if not paths:
        paths = ["."]
    result: dict[str, None] = {}
    for raw in paths:
        text = os.fspath(raw)
        if not text.strip():  # an unset variable in a CI script, most likely
            raise InputError(_("an empty path was given"), hint=_("name a file, a folder or a pattern, or give none"))
        if any(ch in text for ch in "*?[") and not Path(text).exists():
            matches = sorted(glob.glob(text, recursive=True))  # noqa: PTH207 - also absolute patterns
            if not matches:
                raise InputError(
                    _("the pattern '{pattern}' matches no file", pattern=text),
                    hint=_("check the pattern; quote it so that the shell does not expand it"),
                )
            for match in matches:
                target = Path(match)
                for f in _walk(target) if target.is_dir() else [match]:
                    result.setdefault(f, None)
            continue
        target = Path(text)
        if not target.exists():
            raise InputError(_("'{path}' does not exist", path=text), hint=_("check the path and the current folder"))
        if target.is_dir():
            found = _walk(target)
            if not found:
                raise InputError(
                    _("no blueprint.yaml found in '{folder}' or below it", folder=text),
                    hint=_("give the folder that holds blueprint.yaml, or run 'kltransfer new'"),
                )
            for f in found:
                result.setdefault(f, None)
        else:
            result.setdefault(text, None)
    return list(result)
