"""`kltransfer catalog build`: sources (folders and a real git repository), entries, rebuilds, the site.

The site in a browser: tests/test_catalog_browser.py; what it holds: tests/test_catalog_site.py."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES

EXAMPLE_IDS = sorted(p.parent.name for p in EXAMPLES.glob("*/blueprint.yaml"))


def _git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture
def second_city(tmp_path: Path) -> str:
    """A bare remote of another city with one valid and one invalid blueprint, as a file:// URL."""
    work = tmp_path / "work"
    shutil.copytree(EXAMPLES / "gera-open-data-portal", work / "portal")
    text = (work / "portal" / "blueprint.yaml").read_text("utf-8")
    (work / "portal" / "blueprint.yaml").write_text(
        text.replace("\nid: gera-open-data-portal", "\nid: jena-open-data-portal", 1), "utf-8"
    )
    (work / "broken").mkdir()
    (work / "broken" / "blueprint.yaml").write_text('kltransfer: "1.0"\nid: broken\nphase: P9\n', "utf-8")
    _git("init", "-q", "-b", "main", cwd=work)
    _git("add", "-A", cwd=work)
    _git("commit", "-q", "-m", "two blueprints", cwd=work)
    bare = tmp_path / "remote.git"
    _git("clone", "-q", "--bare", str(work), str(bare), cwd=tmp_path)
    return bare.as_uri()


def test_examples_plus_a_git_repository(run, tmp_path: Path, second_city: str) -> None:
    out = tmp_path / "site"
    result = run("catalog", "build", EXAMPLES, second_city, "--out", out)
    assert result.exit_code == 1  # the invalid blueprint is reported, never silently dropped
    assert "broken/blueprint.yaml is invalid and left out of the catalog" in result.stderr
    assert "KT104" in result.stderr
    catalog = json.loads((out / "catalog.json").read_text("utf-8"))
    ids = sorted(e["id"] for e in catalog["blueprints"])
    assert ids == sorted([*EXAMPLE_IDS, "jena-open-data-portal"])
    assert catalog["count"] == len(ids)
    for blueprint_id in ids:
        assert (out / "blueprints" / blueprint_id / "index.html").is_file()
    entries = {e["id"]: e for e in catalog["blueprints"]}  # format 1.2's fields, for the filters
    assert entries["connected-urban-twins"]["several_cities"] is True
    assert entries["connected-urban-twins"]["cities"] == ["Hamburg", "Leipzig", "München"]
    assert (entries["berlin-giess-den-kiez"]["adopters"], entries["berlin-giess-den-kiez"]["has_adopters"]) == (1, True)
    page = (out / "blueprints" / "berlin-giess-den-kiez" / "index.html").read_text("utf-8")
    assert '<table class="adopters">' in page
    # DCAT-AP.de needs absolute IRIs: without --base-url no catalog.jsonld/.ttl (tests/test_dcat.py)
    assert not (out / "catalog.jsonld").exists()
    assert "KT921" in result.stderr
    assert not (out / "blueprints" / "broken").exists()


def test_rebuild_renders_only_what_changed(run, tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(EXAMPLES, src)
    out = tmp_path / "site"
    first = run("catalog", "build", src, "--out", out)
    assert first.exit_code == 0, first.stderr
    assert f"{len(EXAMPLE_IDS)} rendered, 0 unchanged" in first.stderr
    page = out / "blueprints" / "ulm-digital-twin" / "index.html"
    untouched = page.stat().st_mtime_ns
    changed = src / "gera-open-data-portal" / "blueprint.yaml"
    changed.write_text(
        changed.read_text("utf-8").replace("Open-Data-Portal der Stadt Gera", "Datenportal Gera", 1), "utf-8"
    )
    second = run("catalog", "build", src, "--out", out)
    assert second.exit_code == 0
    assert f"1 rendered, {len(EXAMPLE_IDS) - 1} unchanged" in second.stderr
    assert page.stat().st_mtime_ns == untouched
    assert "Datenportal Gera" in (out / "blueprints" / "gera-open-data-portal" / "index.html").read_text("utf-8")
    shutil.rmtree(src / "ulm-digital-twin")
    third = run("catalog", "build", src, "--out", out)
    assert "0 rendered" in third.stderr and "1 removed" in third.stderr
    assert not (out / "blueprints" / "ulm-digital-twin").exists()


def test_refuses_a_foreign_non_empty_folder(run, tmp_path: Path) -> None:
    out = tmp_path / "site"
    out.mkdir()
    (out / "notes.txt").write_text("keep me", "utf-8")
    result = run("catalog", "build", EXAMPLES, "--out", out)
    assert result.exit_code == 2
    assert f"the folder '{out}' is not empty and was not written by kltransfer catalog build" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]


def test_duplicate_ids_across_sources_are_reported(run, tmp_path: Path) -> None:
    result = run("catalog", "build", EXAMPLES, EXAMPLES / "ulm-digital-twin", "--out", tmp_path / "site")
    assert result.exit_code == 1
    assert "the id 'ulm-digital-twin' is already used by" in result.stderr


def test_refuses_unsafe_git_transport(run, tmp_path: Path) -> None:
    result = run("catalog", "build", "ext::sh -c touch% /tmp/pwned", "--out", tmp_path / "site")
    assert result.exit_code == 2
    assert "not allowed" in result.stderr


def test_parallel_rendering_gives_the_same_site(run, tmp_path: Path) -> None:
    src = tmp_path / "src"
    example = EXAMPLES / "gera-open-data-portal"
    text = (example / "blueprint.yaml").read_text("utf-8")
    for i in range(70):  # above the threshold from which rendering is spread over processes
        folder = src / f"bp-{i:02d}"
        shutil.copytree(example, folder)
        (folder / "blueprint.yaml").write_text(
            text.replace("\nid: gera-open-data-portal", f"\nid: portal-{i:02d}", 1), "utf-8"
        )
    one, two = tmp_path / "one", tmp_path / "two"
    assert run("catalog", "build", src, "--out", one, "--jobs", "1").exit_code == 0
    assert run("catalog", "build", src, "--out", two, "--jobs", "2").exit_code == 0
    files_one = sorted(p.relative_to(one) for p in one.rglob("*") if p.is_file())
    files_two = sorted(p.relative_to(two) for p in two.rglob("*") if p.is_file())
    assert files_one == files_two
    assert len([p for p in files_one if p.name == "index.html"]) == 71
    for rel in files_one:
        assert (one / rel).read_bytes() == (two / rel).read_bytes(), rel
