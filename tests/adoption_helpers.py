"""Helpers for the adoption tests: real git repositories (a bare remote and a working clone)."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path

from tests.conftest import EXAMPLES

GERA = EXAMPLES / "gera-open-data-portal"


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True)
    return done.stdout.strip()


class Upstream:
    """A bare remote reached over file://, and a working clone that pushes to it."""

    def __init__(self, root: Path) -> None:
        self.remote = root / "remote.git"
        self.work = root / "work"
        root.mkdir(parents=True, exist_ok=True)
        git(root, "init", "--quiet", "--bare", str(self.remote))
        git(root, "clone", "--quiet", self.url, str(self.work))

    @property
    def url(self) -> str:
        return self.remote.as_uri()

    def write(self, files: Mapping[str, str | bytes]) -> None:
        for rel, content in files.items():
            target = self.work / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, encoding="utf-8")

    def copy_example(self, example: Path = GERA, into: str = "") -> None:
        shutil.copytree(example, self.work / into if into else self.work, dirs_exist_ok=True)

    def edit(self, rel: str, change: Callable[[str], str]) -> None:
        path = self.work / rel
        before = path.read_text(encoding="utf-8")
        after = change(before)
        assert after != before, "the edit changed nothing"
        path.write_text(after, encoding="utf-8")

    def release(self, tag: str | None, message: str = "release") -> str:
        git(self.work, "add", "--all")
        git(self.work, "commit", "--quiet", "--allow-empty", "-m", message)
        if tag:
            git(self.work, "tag", tag)
        git(self.work, "push", "--quiet", "origin", "HEAD", "--tags")
        return git(self.work, "rev-parse", "HEAD")

    def show(self, rev: str, rel: str) -> bytes:
        return subprocess.run(["git", "show", f"{rev}:{rel}"], cwd=self.work, check=True, capture_output=True).stdout


def adopt_musterstadt(run: Callable[..., object], source: str | Path, dest: Path) -> Path:
    """Adopt ``source`` into ``dest`` as Musterstadt in Bavaria; the copy's folder."""
    result = run("adopt", source, "--into", dest, "--city", "Musterstadt", "--set", "city.state=DE-BY")
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    return dest


def replace_once(old: str, new: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        assert text.count(old) == 1, f"expected '{old}' once"
        return text.replace(old, new)

    return change


def snapshot_tree(root: Path) -> dict[str, bytes]:
    """Every file below ``root`` with its content (to prove that nothing was written)."""
    if not root.exists():
        return {}
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def make_bundle(
    path: Path,
    files: Mapping[str, bytes],
    *,
    manifest_files: list[dict[str, object]] | None = None,
    extra: Mapping[str, bytes] | None = None,
    symlinks: Mapping[str, str] | None = None,
) -> Path:
    """A .kltransfer.zip bundle as 'kltransfer export --bundle' writes it (or a damaged one)."""
    listed = (
        manifest_files
        if manifest_files is not None
        else [
            {"path": rel, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()} for rel, data in files.items()
        ]
    )
    manifest = {
        "bundle_format": "1",
        "blueprint": {"id": "gera-open-data-portal", "version": "1.0.0", "format": "1.0"},
        "generator": {"name": "tests", "version": "0"},
        "created": "2026-01-01T00:00:00Z",
        "source": {"path": "examples/gera-open-data-portal"},
        "files": listed,
    }
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("manifest.json", json.dumps(manifest))
        for rel, data in {**files, **(extra or {})}.items():
            archive.writestr(rel, data)
        for rel, target in (symlinks or {}).items():
            info = zipfile.ZipInfo(rel)
            info.external_attr = 0o120777 << 16
            archive.writestr(info, target)
    return path


def gera_bundle_files() -> dict[str, bytes]:
    return {
        "source/blueprint.yaml": (GERA / "blueprint.yaml").read_bytes(),
        "source/docs/freigabe-checkliste.md": (GERA / "docs" / "freigabe-checkliste.md").read_bytes(),
        "html/index.html": b"<html><body>Gera</body></html>\n",
    }
