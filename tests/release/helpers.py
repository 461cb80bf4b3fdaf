"""Helpers of the release tests: the release script, fresh environments, copies of this repository."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


def release_script() -> ModuleType:
    """scripts/release.py, the one place that knows how the archives are built and checked."""
    spec = importlib.util.spec_from_file_location("kltransfer_release_script", ROOT / "scripts" / "release.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def repository_copy(target: Path, tag: str | None = None) -> Path:
    """A committed copy of this repository's working tree (what git tracks or would track, not what
    it ignores), tagged ``tag`` if given: what pre-commit installs a hook from."""
    listed = git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0")
    for rel in filter(None, listed):
        source = ROOT / rel
        if source.is_file() and not source.is_symlink():
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / rel)
    git(target, "init", "-q")
    git(target, "add", "-A")
    git(target, "commit", "-q", "-m", "kltransfer, as checked out")
    if tag is not None:
        git(target, "tag", "-a", tag, "-m", f"kltransfer {tag}")
    return target


def fresh_venv(path: Path) -> Path:
    """A new virtual environment with pip and nothing else; returns its bin folder."""
    subprocess.run([sys.executable, "-m", "venv", str(path)], check=True, capture_output=True, timeout=300)
    return path / "bin"


def offline_env(bin_dir: Path | None, wheelhouse: Path, **extra: str) -> dict[str, str]:
    """The environment of a CI run here: ``bin_dir`` first on PATH (the test's own environment not on
    it), pip reading only ``wheelhouse`` (no index, no configuration file of this machine)."""
    own_bin = str(Path(sys.executable).parent)
    path = [p for p in os.environ.get("PATH", "/usr/bin:/bin").split(os.pathsep) if p and p != own_bin]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "VIRTUAL_ENV", "PYTHON", "PRE_COMMIT"))}
    env.pop("GITHUB_ACTIONS", None)
    env.update(
        PATH=os.pathsep.join(([str(bin_dir)] if bin_dir else []) + path),
        PIP_NO_INDEX="1",
        PIP_FIND_LINKS=str(wheelhouse),
        PIP_CONFIG_FILE=os.devnull,
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        PIP_NO_INPUT="1",
        LANG="C.UTF-8",
        NO_COLOR="1",
    )
    env.update(extra)
    return env
