"""The files that belong to a blueprint (what a bundle carries): everything in its folder except
hidden files, other blueprints' folders and earlier exports. Symbolic links are left out, and
each file is read through :func:`kltransfer.references.read_reference`, so nothing outside the
folder can be read through them."""

from __future__ import annotations

import os
from pathlib import Path

#: The manifest of an export (:mod:`kltransfer.destination.manifest`): it marks a folder as written
#: by ``kltransfer export`` and lists every file it wrote with its hash.
MARKER = ".kltransfer-export.json"
_SKIP_DIRS = {"__pycache__", "node_modules", "site", "venv"}
_BLUEPRINT_NAMES = ("blueprint.yaml", "blueprint.yml")


def asset_paths(blueprint: Path, exclude: tuple[Path, ...] = ()) -> list[str]:
    """Paths (relative, with ``/``) of the files beside ``blueprint`` and below, sorted."""
    folder = blueprint.parent
    skip = {p.resolve() for p in exclude}
    found: list[str] = []
    for root, dirs, files in os.walk(folder):
        here = Path(root)
        keep = []
        for name in sorted(dirs):
            sub = here / name
            if name.startswith(".") or name in _SKIP_DIRS or sub.is_symlink() or sub.resolve() in skip:
                continue
            if (sub / MARKER).exists() or any((sub / n).is_file() for n in _BLUEPRINT_NAMES):
                continue
            keep.append(name)
        dirs[:] = keep
        for name in sorted(files):
            path = here / name
            if name.startswith(".") or path.is_symlink() or not path.is_file():
                continue
            if here == folder and path.name == blueprint.name:
                continue
            found.append(path.relative_to(folder).as_posix())
    return sorted(found)
