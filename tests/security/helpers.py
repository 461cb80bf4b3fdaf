"""Shared pieces of the adversarial tests: a snapshot of a tree that never follows a link, and
generated blueprints (:func:`generate`, the benchmarks' own)."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
from pathlib import Path

from benchmarks.export import generate
from tests.conftest import EXAMPLES

__all__ = ["GERA", "KL", "copy_blueprint", "generate", "snapshot"]

GERA = EXAMPLES / "gera-open-data-portal"
KL = EXAMPLES / "kaiserslautern-participation-platform"


def snapshot(root: Path) -> dict[str, str]:
    """Every entry below ``root`` (and ``root`` itself): a file's SHA-256, a link's target, a folder's mark.

    Links are recorded, never followed, so a test sees a link replaced as well as a target written.
    """
    found: dict[str, str] = {}
    if not os.path.lexists(root):
        return found

    def visit(path: Path, rel: str) -> None:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            found[rel] = "link:" + os.readlink(path)
        elif stat.S_ISDIR(info.st_mode):
            found[rel] = "folder"
            for name in sorted(os.listdir(path)):
                visit(path / name, f"{rel}/{name}" if rel else name)
        elif stat.S_ISREG(info.st_mode):
            found[rel] = "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            found[rel] = f"special:{stat.S_IFMT(info.st_mode):o}"

    visit(root, "")
    return found


def copy_blueprint(example: Path, target: Path, new_id: str | None = None) -> Path:
    """A copy of an example folder (without hidden files), optionally with another id."""
    shutil.copytree(example, target, ignore=shutil.ignore_patterns(".*"))
    if new_id is not None:
        path = target / "blueprint.yaml"
        text = path.read_text("utf-8")
        old_id = next(line for line in text.splitlines() if line.startswith("id: "))
        path.write_text(text.replace(old_id, f"id: {new_id}", 1), "utf-8")
    return target
