"""Finding blueprint files: files, folders (recursively) and glob patterns.

A folder and a pattern are walked without entering a link to a folder (a link to ``.`` would
make the walk endless, and a link elsewhere would check files outside what was named), and
each file is returned once, however many names lead to it (two links, ``a`` and ``./a``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path

from kltransfer.errors import InputError
from kltransfer.i18n import _

BLUEPRINT_NAMES = ("blueprint.yaml", "blueprint.yml")
_SKIP_DIRS = {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox"}
_WILD = re.compile(r"[*?\[]")
_HIDDEN = re.compile(r"(?:^|/)\.(?!\.?(?:/|$))")  # a name that starts with '.', but not '.' or '..'


def _skipped(name: str, named: frozenset[str] = frozenset()) -> bool:
    """A folder a walk leaves out (hidden, tools' own), unless the pattern names it literally."""
    return (name in _SKIP_DIRS or name.startswith(".")) and name not in named


def _walk(folder: str, pattern: re.Pattern[str] | None = None, named: frozenset[str] = frozenset()) -> list[str]:
    """The blueprint files below ``folder``; with ``pattern``, the files whose path below ``folder``
    matches it and the blueprint files in or below the folders that match it. ``named``: hidden
    folder names the pattern spells out, which the walk enters.

    Links to folders are listed by ``os.walk`` but never entered (``followlinks=False``).
    """
    found = []
    inside: set[str] = set()  # folders (relative) that matched: everything below them counts
    for root, dirs, files in os.walk(folder or ".", followlinks=False):
        rel = os.path.relpath(root, folder or ".")
        rel = "" if rel == "." else rel.replace(os.sep, "/")
        dirs[:] = sorted(d for d in dirs if not _skipped(d, named))
        parent = rel.rpartition("/")[0]
        taken = pattern is None or (bool(rel) and (parent in inside or pattern.match(rel) is not None))
        if taken and pattern is not None:
            inside.add(rel)
        for name in sorted(files):
            wanted = (
                name in BLUEPRINT_NAMES
                if taken
                else pattern is not None and pattern.match(f"{rel}/{name}" if rel else name)
            )
            if wanted:
                found.append(os.path.join(root, name) if folder else os.path.join(rel, name))  # noqa: PTH118
    return found


def _expand(text: str) -> list[str]:
    """The files a glob pattern names (``*``, ``?``, ``[...]`` within a folder, ``**`` across folders)."""
    from kltransfer.validation.filtering import glob_regex

    parts = text.split("/")
    first = next(i for i, part in enumerate(parts) if _WILD.search(part))
    base = "/".join(parts[:first])
    if text.startswith("/") and not base:
        base = "/"
    rest = "/".join(parts[first:])
    if not Path(base or ".").is_dir():
        return []
    named = frozenset(part for part in rest.split("/") if not _WILD.search(part))
    found = _walk(base, glob_regex(rest), named)
    if _HIDDEN.search(rest):
        return found
    # like glob: a wildcard does not match a name that starts with '.'
    return [f for f in found if not _HIDDEN.search(os.path.relpath(f, base or ".").replace(os.sep, "/"))]


class _Found:
    """The files found so far, each once: a second name for the same file is dropped."""

    def __init__(self) -> None:
        self.paths: dict[str, None] = {}
        self.seen: set[tuple[int, int]] = set()

    def add(self, path: str) -> None:
        if path in self.paths:
            return
        try:
            info = os.stat(path)  # noqa: PTH116 - str paths keep large walks fast
        except OSError:  # unreadable or a broken link: kept, the caller reports it
            self.paths[path] = None
            return
        identity = (info.st_dev, info.st_ino)
        if identity in self.seen:
            return
        self.seen.add(identity)
        self.paths[path] = None


def discover(paths: Sequence[str | os.PathLike[str]]) -> list[str]:
    """Every blueprint file named by ``paths``, each once, in a stable order.

    A file is taken as it is, whatever its name; a folder is searched for ``blueprint.yaml``
    below it; a pattern with ``*``, ``?`` or ``[`` is expanded (``**`` included). Links to
    folders are not entered, and a file reached by two names is taken once.
    """
    if not paths:
        paths = ["."]
    result = _Found()
    for raw in paths:
        text = os.fspath(raw)
        if not text.strip():  # an unset variable in a CI script, most likely
            raise InputError(_("an empty path was given"), hint=_("name a file, a folder or a pattern, or give none"))
        if _WILD.search(text) and not Path(text).exists():
            matches = _expand(text)
            if not matches:
                raise InputError(
                    _("the pattern '{pattern}' matches no file", pattern=text),
                    hint=_("check the pattern; quote it so that the shell does not expand it"),
                )
            for match in matches:
                result.add(match)
            continue
        target = Path(text)
        if not target.exists():
            raise InputError(_("'{path}' does not exist", path=text), hint=_("check the path and the current folder"))
        if target.is_dir():
            found = _walk(text)
            if not found:
                raise InputError(
                    _("no blueprint.yaml found in '{folder}' or below it", folder=text),
                    hint=_("give the folder that holds blueprint.yaml, or run 'kltransfer new'"),
                )
            for f in found:
                result.add(f)
        else:
            result.add(text)
    return list(result.paths)
