"""Written folders and files are readable by a web server running as another user (issue 14.6):
0755/0644 under the usual umask 022, never mkdtemp's 0700; and the umask is respected as
ordinary tools respect it. A replaced output keeps the permissions its folder had."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.security.helpers import GERA, KL, copy_blueprint


@pytest.fixture
def umask() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def _modes(root: Path) -> set[tuple[str, int]]:
    found = {("folder", stat.S_IMODE(root.stat().st_mode))}
    for path in root.rglob("*"):
        found.add(("folder" if path.is_dir() else "file", stat.S_IMODE(path.lstat().st_mode)))
    return found


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    copy_blueprint(GERA, tmp_path / "src" / "gera")
    copy_blueprint(KL, tmp_path / "src" / "kl")
    return tmp_path / "src"


@pytest.mark.parametrize(
    ("command", "options"), [(["catalog", "build"], []), (["export"], ["--bundle", "-f", "html", "-f", "json"])]
)
def test_outputs_are_world_readable_under_umask_022(run, tmp_path, sources, umask, command, options) -> None:
    out = tmp_path / "site"
    assert run(*command, sources, "--out", out, *options).exit_code == 0
    assert _modes(out) == {("folder", 0o755), ("file", 0o644)}


def test_the_umask_is_respected(run, tmp_path, sources, umask) -> None:
    os.umask(0o027)
    out = tmp_path / "site"
    assert run("catalog", "build", sources, "--out", out).exit_code == 0
    assert _modes(out) == {("folder", 0o750), ("file", 0o640)}


def test_a_rebuild_keeps_the_permissions_of_the_output_folder(run, tmp_path, sources, umask) -> None:
    out = tmp_path / "site"
    assert run("catalog", "build", sources, "--out", out).exit_code == 0
    out.chmod(0o2775)  # e.g. a group-shared folder of the web server
    assert run("catalog", "build", sources, "--out", out).exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o2775
