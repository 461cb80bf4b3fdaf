"""What `kltransfer catalog build` writes for people and machines: adopters in both directions,
the box "Nachnutzen" with its bundle, the status page, absolute addresses with --base-url,
and the start page's data files."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from html import escape
from pathlib import Path

import pytest

from tests.catalog_helpers import ORIGIN, jena_repository
from tests.conftest import EXAMPLES

GERA, JENA, BERLIN = "gera-open-data-portal", "jena-open-data-portal", "berlin-giess-den-kiez"


def _catalog(site: Path) -> dict[str, dict]:
    return {e["id"]: e for e in json.loads((site / "catalog.json").read_text("utf-8"))["blueprints"]}


def _page(site: Path, blueprint_id: str) -> str:
    return (site / "blueprints" / blueprint_id / "index.html").read_text("utf-8")


@pytest.fixture
def jena(tmp_path: Path):
    return jena_repository(tmp_path / "jena")


def test_adopters_in_both_directions(run, tmp_path: Path, jena) -> None:
    site = tmp_path / "site"
    assert run("catalog", "build", EXAMPLES, jena.url, "--out", site).exit_code == 1
    catalog = _catalog(site)
    assert catalog[GERA]["adopted_by"] == [
        {
            "id": JENA,
            "city": "Jena",
            "state": "DE-TH",
            "version": "1.0.0",
            "since": "2025-03-01",
            "status": "operating",
            "page": f"blueprints/{JENA}/index.html",
        }
    ]
    assert catalog[JENA]["upstream"] == {
        "id": GERA,
        "source": "https://git.example.org/gera/blueprints.git",
        "version": "1.0.0",
        "adopted": "2025-03-01",
        "title": "Open-Data-Portal der Stadt Gera",
        "city": "Gera",
        "page": f"blueprints/{GERA}/index.html",
    }
    assert catalog[JENA]["adopted_by"] == [] and catalog[GERA]["upstream"] is None
    # format 1.2's transfer.adopters[]: a city not in the catalog, with its website
    assert catalog[BERLIN]["adopted_by"] == [
        {
            "city": "Leipzig",
            "state": "DE-SN",
            "name": "Leipzig gießt",
            "status": "operating",
            "url": "https://www.leipziggiesst.de",
        }
    ]
    assert catalog[JENA]["source"] == {
        "kind": "git",
        "url": jena.url,
        "ref": "v2.0.0",
        "commit": catalog[JENA]["source"]["commit"],
        "path": "portal/blueprint.yaml",
    }
    assert re.fullmatch(r"[0-9a-f]{40}", catalog[JENA]["source"]["commit"])
    assert catalog[JENA]["adopt"] == f"kltransfer adopt {jena.url} --ref v2.0.0 --blueprint {JENA} --into {JENA}"
    assert catalog[GERA]["adopt"] == f"kltransfer adopt {GERA}-1.0.0.kltransfer.zip --into {GERA}"
    assert catalog[GERA]["readiness"]["label"] in ("proven", "ready", "incomplete")
    assert 0 <= catalog[GERA]["readiness"]["score"] <= 100
    for entry in catalog.values():  # every bundle is where catalog.json says, with its checksum
        data = (site / entry["bundle"]["url"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["bundle"]["sha256"]
        assert len(data) == entry["bundle"]["size"]
    # the pages in the catalog's language, linked both ways
    gera, jena_page = _page(site, GERA), _page(site, JENA)
    assert '<h2 id="kt-adopt-heading">Nachnutzen</h2>' in gera and "Nachgenutzt von" in gera
    assert f'<a href="../../blueprints/{JENA}/index.html">Seite im Katalog</a>' in gera
    assert f'<a href="../../blueprints/{GERA}/index.html" class="kt-upstream">' in jena_page
    assert '<a href="../../index.html">← Zum Blueprint-Katalog</a>' in jena_page
    assert "Nachgenutzte Kopie von" in jena_page and "Version 1.0.0, übernommen am 2025-03-01" in jena_page


def test_a_new_adopter_changes_the_upstream_page_without_rendering_it_again(run, tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(EXAMPLES, src)
    gera = src / GERA / "blueprint.yaml"  # a text that looks like the marks of the box cannot move them
    marks = "<!-- /kltransfer-catalog:box --> <!-- kltransfer-catalog:nav -->"
    gera.write_text(gera.read_text("utf-8").replace("    Vor dem Projekt", f"    {marks} Vor dem Projekt", 1), "utf-8")
    site = tmp_path / "site"
    assert run("catalog", "build", src, "--out", site).exit_code == 0
    assert "Nachgenutzt von" not in _page(site, GERA)
    copy = src / "jena"
    shutil.copytree(EXAMPLES / GERA, copy)
    text = (copy / "blueprint.yaml").read_text("utf-8")
    (copy / "blueprint.yaml").write_text(
        text.replace(f"\nid: {GERA}", f"\nid: {JENA}").replace("  name: Gera\n", "  name: Jena\n") + ORIGIN, "utf-8"
    )
    second = run("catalog", "build", src, "--out", site)
    assert second.exit_code == 0, second.stderr
    assert "1 rendered, 6 unchanged" in second.stderr  # Gera's page is not rendered again ...
    page = _page(site, GERA)
    assert "Nachgenutzt von" in page and "Jena" in page  # ... but its box now lists Jena
    for mark in (
        "<!-- kltransfer-catalog:box -->",
        "<!-- /kltransfer-catalog:box -->",
        "<!-- kltransfer-catalog:nav -->",
    ):
        assert page.count(mark) == 1, mark
    assert escape(marks, quote=False) + " Vor dem Projekt" in page
    shutil.rmtree(copy)
    assert run("catalog", "build", src, "--out", site).exit_code == 0
    assert "Nachgenutzt von" not in _page(site, GERA)


def test_status_page_in_the_catalogs_language(run, tmp_path: Path, jena) -> None:
    site = tmp_path / "site"
    result = run("catalog", "build", EXAMPLES, jena.url, "--out", site)  # messages in English, pages in German
    assert "broken/blueprint.yaml is invalid and left out of the catalog" in result.stderr
    status = json.loads((site / "status.json").read_text("utf-8"))
    assert status["lang"] == "de"
    assert [(s["source"], s["kind"], s["found"], s["included"], s["left_out"]) for s in status["sources"]] == [
        (str(EXAMPLES), "folder", 6, 6, 0),
        (jena.url, "git", 2, 1, 1),
    ]
    (left_out,) = status["left_out"]
    assert left_out["source"] == jena.url and left_out["path"].endswith(":broken/blueprint.yaml")
    codes = [(f["code"], f["line"]) for f in left_out["findings"]]
    assert ("KT104", 3) in codes
    english = [line for line in result.stderr.splitlines() if "KT104" in line]
    german = next(f["message"] for f in left_out["findings"] if f["code"] == "KT104")
    assert english and german not in english[0]  # the console spoke English, the page speaks German
    html = (site / "status.html").read_text("utf-8")
    assert (
        '<html lang="de">' in html
        and "Ausgelassene Blueprints" in html
        and escape(german).replace("&#x27;", "&#39;") in html
    )
    assert "Git-Repository" in html

    result = run("catalog", "build", EXAMPLES, jena.url, "--out", site, "--lang", "en")
    status = json.loads((site / "status.json").read_text("utf-8"))
    assert next(f["message"] for f in status["left_out"][0]["findings"] if f["code"] == "KT104") in result.stderr
    assert "Blueprints left out" in (site / "status.html").read_text("utf-8")


def test_duplicate_ids_are_on_the_status_page(run, tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert run("catalog", "build", EXAMPLES, EXAMPLES / "ulm-digital-twin", "--out", site).exit_code == 1
    status = json.loads((site / "status.json").read_text("utf-8"))
    assert status["sources"][1]["left_out"] == 1
    (finding,) = status["left_out"][0]["findings"]
    assert finding["code"] == "KT209" and finding["key_path"] == "id"
    assert "ulm-digital-twin" in finding["message"] and "is already used by" not in finding["message"]  # German


def test_the_first_source_keeps_a_shared_id_in_a_rebuild_as_in_a_full_build(run, tmp_path: Path) -> None:
    """Which blueprint wins an id follows the order of the sources, whether its page is rendered
    now or reused from the previous build: a page reused must not claim its id before a
    blueprint that comes first."""
    first, second = tmp_path / "first", tmp_path / "second"
    shutil.copytree(EXAMPLES / "ulm-digital-twin", first)
    shutil.copytree(EXAMPLES / "ulm-digital-twin", second)
    (first / "blueprint.yaml").write_text(
        (first / "blueprint.yaml").read_text("utf-8") + "# the first of two with this id\n", "utf-8"
    )

    def left_out(site: Path) -> str:
        (out,) = json.loads((site / "status.json").read_text("utf-8"))["left_out"]
        assert [f["code"] for f in out["findings"]] == ["KT209"]
        return str(out["path"])

    site, full = tmp_path / "site", tmp_path / "full"
    assert run("catalog", "build", second, "--out", site, "--lang", "en").exit_code == 0
    result = run("catalog", "build", first, second, "--out", site, "--lang", "en")
    assert result.exit_code == 1
    assert "(1 rendered, 0 unchanged, 0 removed, 1 left out)" in result.stderr  # not the second's page reused
    assert run("catalog", "build", first, second, "--out", full, "--lang", "en").exit_code == 1
    assert left_out(site) == left_out(full) and "second" in left_out(full)
    assert _catalog(site)["ulm-digital-twin"]["path"] == _catalog(full)["ulm-digital-twin"]["path"]


def test_base_url_makes_every_link_and_bundle_address_absolute(run, tmp_path: Path, jena) -> None:
    site = tmp_path / "site"
    base = "https://katalog.example.de/blueprints"
    assert run("catalog", "build", EXAMPLES, jena.url, "--out", site, "--base-url", base + "/").exit_code == 1
    header = json.loads((site / "catalog.json").read_text("utf-8"))
    assert header["base_url"] == base
    catalog = _catalog(site)
    assert catalog[GERA]["page"] == f"{base}/blueprints/{GERA}/"
    assert catalog[GERA]["bundle"]["url"] == f"{base}/blueprints/{GERA}/{GERA}-1.0.0.kltransfer.zip"
    assert catalog[GERA]["adopted_by"][0]["page"] == f"{base}/blueprints/{JENA}/"
    assert catalog[JENA]["upstream"]["page"] == f"{base}/blueprints/{GERA}/"
    gera = _page(site, GERA)
    assert f'href="{base}/blueprints/{GERA}/{GERA}-1.0.0.kltransfer.zip"' in gera
    assert f'<a href="{base}/blueprints/{JENA}/">' in gera
    assert f'<a href="{base}/">← Zum Blueprint-Katalog</a>' in gera
    assert 'href="../../catalog-page.css"' in gera  # the site's own styles and scripts stay relative
    index = (site / "index.html").read_text("utf-8")
    assert f'<a href="{base}/blueprints/{BERLIN}/">' in index
    cards = "".join(p.read_text("utf-8") for p in (site / "data").glob("cards-*.js"))
    assert f'"{base}/blueprints/{GERA}/"' in cards and '"blueprints/' not in cards
    # without the base URL again, every address is relative once more
    assert run("catalog", "build", EXAMPLES, jena.url, "--out", site).exit_code == 1
    assert base not in _page(site, GERA) and base not in (site / "catalog.json").read_text("utf-8")


def test_without_bundles(run, tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert run("catalog", "build", EXAMPLES, "--out", site, "--no-bundles").exit_code == 0
    assert not list(site.rglob("*.kltransfer.zip"))
    catalog = _catalog(site)
    assert catalog[GERA]["bundle"] is None and catalog[GERA]["adopt"] is None
    assert "Für diesen Blueprint gibt es weder ein öffentliches Git-Repository noch ein Paket." in _page(site, GERA)
    assert run("catalog", "build", EXAMPLES, "--out", site).exit_code == 0  # bundles again: pages rendered anew
    assert (site / "blueprints" / GERA / f"{GERA}-1.0.0.kltransfer.zip").is_file()


def test_start_page_and_its_data(run, tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert run("catalog", "build", EXAMPLES, "--out", site, "--lang", "en").exit_code == 0
    index = (site / "index.html").read_text("utf-8")
    assert '<html lang="en">' in index and "Sort by" in index and "Reset all filters" in index
    # counts per option; city sizes in size order, not by name
    sizes = re.findall(r'<option value="(rural|small-town|medium-town|large-city)"', index)
    assert sizes == sorted(sizes, key=["rural", "small-town", "medium-town", "large-city"].index)
    assert '<option value="DE-BY" data-label="Bavaria">Bavaria (1)</option>' in index
    # the script's texts come from the page, in its language
    config = json.loads(re.search(r'<script id="kt-config" type="application/json">(.*?)</script>', index).group(1))
    assert config["texts"]["count"] == "{shown} of {n} blueprints"
    facets = re.search(r'<script src="(data/facets-[0-9a-f]{10}\.js)"></script>', index).group(1)
    assert (site / facets).is_file()
    files = sorted(p.name for p in (site / "data").iterdir())
    assert run("catalog", "build", EXAMPLES, "--out", site, "--lang", "de").exit_code == 0
    again = sorted(p.name for p in (site / "data").iterdir())
    assert again != files and len(again) == len(files)  # the English data files are gone
    assert "Sortieren nach" in (site / "index.html").read_text("utf-8")


def test_the_adopt_commands_work_as_shown(run, tmp_path: Path, jena, monkeypatch: pytest.MonkeyPatch) -> None:
    """The command on a page, typed as it stands: from git (Jena) and from the downloaded bundle (Gera)."""
    import shlex

    site = tmp_path / "site"
    assert run("catalog", "build", EXAMPLES, jena.url, "--out", site).exit_code == 1
    catalog = _catalog(site)
    work = tmp_path / "musterstadt"
    work.mkdir()
    monkeypatch.chdir(work)
    shutil.copy(site / catalog[GERA]["bundle"]["url"], work)  # "download the bundle"
    for blueprint_id in (GERA, JENA):
        args = shlex.split(catalog[blueprint_id]["adopt"])
        assert args[:2] == ["kltransfer", "adopt"]
        result = run(*args[1:], "--city", "Musterstadt")
        assert result.exit_code == 0, result.stderr
        assert (work / blueprint_id / "blueprint.yaml").is_file()
