"""Session fixtures of the release tests: the archives, and a folder of wheels to install them from.

Building the archives and gathering the wheels of the dependencies is the expensive part; it
happens once per test session and is shared by the xdist workers through a lock. With
``KLTRANSFER_DIST=DIR`` (``make release-check``) the tests use the archives in DIR instead of
building their own. The dependencies' wheels come from the package index once (pip's cache
makes that quick); every installation after that is offline (``PIP_NO_INDEX``). Without the
index the tests are skipped, unless ``KLTRANSFER_REQUIRE_RELEASE=1`` (as in CI) makes that a failure.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.release.helpers import ROOT, release_script


@dataclass(frozen=True)
class Dist:
    sdist: Path
    wheel: Path


def _shared_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the session's folder, shared by the workers
    folder = base / "release-shared"
    folder.mkdir(exist_ok=True)
    return folder


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    with (folder / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _unavailable(reason: str) -> None:
    if os.environ.get("KLTRANSFER_REQUIRE_RELEASE") == "1":
        pytest.fail(f"{reason} (KLTRANSFER_REQUIRE_RELEASE=1)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Dist:
    """The sdist and the wheel: from ``KLTRANSFER_DIST``, else built from this checkout once."""
    release = release_script()
    given = os.environ.get("KLTRANSFER_DIST")
    if given:
        sdist, wheel = release.archives(Path(given))
        return Dist(sdist, wheel)
    shared = _shared_folder(tmp_path_factory)
    with _locked(shared):
        target = shared / "dist"
        if not (shared / "dist.done").exists():
            release.build(target, ROOT, quiet=True)
            (shared / "dist.done").touch()
    sdist, wheel = release.archives(target)
    return Dist(sdist, wheel)


@pytest.fixture(scope="session")
def wheelhouse(dist: Dist, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with the wheel and every wheel its installation needs, and the build requirements
    (hatchling, Babel) that pip needs to install kltransfer from its source, as pre-commit does."""
    shared = _shared_folder(tmp_path_factory)
    folder = shared / "wheelhouse"
    with _locked(shared):
        if not (shared / "wheelhouse.done").exists():
            requires = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["build-system"]["requires"]
            env = {k: v for k, v in os.environ.items() if k != "PIP_NO_INDEX"}
            command = [sys.executable, "-m", "pip", "wheel", "--quiet", "--wheel-dir", str(folder), str(dist.wheel)]
            done = subprocess.run([*command, *requires], env=env, capture_output=True, text=True, timeout=540)
            if done.returncode != 0:
                shutil.rmtree(folder, ignore_errors=True)
                _unavailable("the wheels of kltransfer's dependencies could not be gathered:\n" + done.stderr[-2000:])
            shutil.copy2(dist.wheel, folder / dist.wheel.name)
            (shared / "wheelhouse.done").touch()
    return folder
