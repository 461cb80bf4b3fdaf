"""An incremental catalog rebuild verifies what is on disk, not only the recorded source hashes:
a page taken over from the previous site is checked file by file against the manifest's
SHA-256, so a damaged or deleted page is rendered again (the damaged bytes are kept beside it,
as anything kltransfer did not write)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.security.helpers import GERA, KL, copy_blueprint

PAGE = Path("blueprints") / "gera-open-data-portal" / "index.html"


@pytest.fixture
def site(run, tmp_path: Path) -> Path:
    copy_blueprint(GERA, tmp_path / "src" / "gera")
    copy_blueprint(KL, tmp_path / "src" / "kl")
    out = tmp_path / "site"
    assert run("catalog", "build", tmp_path / "src", "--out", out).exit_code == 0
    return out


def test_an_unchanged_site_is_taken_over_without_rendering(run, tmp_path, site) -> None:
    before = (site / PAGE).stat().st_ino
    result = run("catalog", "build", tmp_path / "src", "--out", site)
    assert "catalog: 2 blueprints (0 rendered, 2 unchanged, 0 removed, 0 left out)" in result.stderr
    assert (site / PAGE).stat().st_ino == before  # the same file, linked into the new site


def test_a_damaged_page_is_rendered_again(run, tmp_path, site) -> None:
    good = (site / PAGE).read_bytes()
    (site / PAGE).write_bytes(good[: len(good) // 2])  # e.g. a disk that filled up under another tool

    result = run("catalog", "build", tmp_path / "src", "--out", site)

    assert result.exit_code == 0, result.stderr
    assert "catalog: 2 blueprints (1 rendered, 1 unchanged, 0 removed, 0 left out)" in result.stderr
    assert (site / PAGE).read_bytes() == good
    assert (site / PAGE.with_name("index.html.kept")).read_bytes() == good[: len(good) // 2]


def test_a_deleted_page_file_is_rendered_again(run, tmp_path, site) -> None:
    style = site / PAGE.with_name("style.css")
    good = style.read_bytes()
    style.unlink()

    result = run("catalog", "build", tmp_path / "src", "--out", site)

    assert result.exit_code == 0, result.stderr
    assert "catalog: 2 blueprints (1 rendered, 1 unchanged, 0 removed, 0 left out)" in result.stderr
    assert style.read_bytes() == good
