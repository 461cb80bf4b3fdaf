"""The catalog site in headless Chromium: search, filters in the address, the back button, the
phone layout and the box "Nachnutzen" with a bundle that resolves. From file://, no request
leaves the site and no error reaches the console."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.browser import Browser, outside_file_scheme
from tests.catalog_helpers import jena_repository
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.browser

SHOWN = "Array.from(document.querySelectorAll('#results > li h2 a')).map(a => a.getAttribute('href'))"
PAGE = "blueprints/{}/index.html"
BAMBERG, GERA, JENA = "bamberg-lorawan-sensor-network", "gera-open-data-portal", "jena-open-data-portal"


def _settled(browser: Browser, expected: list[str]) -> None:
    """Wait until the results are ``expected`` (ids, in order) and nothing is loading."""
    hrefs = json.dumps([PAGE.format(i) for i in expected], separators=(",", ":"))
    browser.wait_until(f"JSON.stringify({SHOWN}) === {json.dumps(hrefs)} && !document.querySelector('[aria-busy]')")


def _path(url: str) -> Path:
    return Path(unquote(urlsplit(url).path))


@pytest.fixture
def site(run, tmp_path: Path) -> Path:
    jena = jena_repository(tmp_path / "jena")
    out = tmp_path / "site"
    result = run("catalog", "build", EXAMPLES, jena.url, "--out", out)
    assert result.exit_code == 1, result.stderr  # Jena's broken blueprint is left out, and said so
    return out


def test_search_filters_address_and_back_button(site: Path) -> None:
    with Browser() as browser:
        browser.call("Emulation.setFocusEmulationEnabled", session=True, enabled=True)
        browser.open((site / "index.html").as_uri())
        browser.wait_until("window.__kltransfer_rendered")
        assert len(browser.evaluate(SHOWN)) == 7
        assert browser.evaluate("document.getElementById('count').textContent") == "7 Blueprints"

        # German, inflected: 'Parkplätze' finds 'Behindertenparkplätzen' in a use case of Bamberg's network
        browser.type_into("#q", "Parkplätze")
        _settled(browser, [BAMBERG])
        assert browser.evaluate("document.getElementById('count').textContent") == "1 von 7 Blueprints"
        browser.wait_until("location.hash === '#q=Parkpl%C3%A4tze'")  # once typing pauses

        # a filter changes the address, and the counts of the other options follow the search
        browser.evaluate("document.getElementById('reset').click()")
        _settled(browser, sorted_ids(site))
        assert browser.evaluate("location.hash") == ""
        browser.choose("#f-state", "DE-TH")
        _settled(browser, [GERA, JENA])
        assert browser.evaluate("location.hash") == "#state=DE-TH"
        assert browser.evaluate("document.getElementById('count').textContent") == "2 von 7 Blueprints"
        assert browser.evaluate("document.querySelector('#f-adopted option[value=yes]').textContent") == (
            "schon nachgenutzt (1)"
        )
        shared = browser.evaluate("location.href")

        # the back button restores the previous state
        browser.choose("#f-adopted", "yes")
        _settled(browser, [GERA])
        assert browser.evaluate("location.hash") == "#state=DE-TH&adopted=yes"
        assert browser.evaluate("document.querySelector('#results .adopters').textContent") == (
            "1 nachnutzende Kommune"
        )
        assert browser.evaluate("document.querySelector('#results .card-box').getAttribute('href')") == (
            f"blueprints/{GERA}/index.html#adopt"
        )
        assert browser.evaluate("document.querySelector('#results .card-bundle a').getAttribute('href')") == (
            f"blueprints/{GERA}/{GERA}-1.0.0.kltransfer.zip"
        )
        browser.evaluate("history.back()")
        _settled(browser, [GERA, JENA])
        assert browser.evaluate("document.getElementById('f-adopted').value") == ""
        assert browser.evaluate("document.getElementById('f-state').value") == "DE-TH"

        # opening the shared address restores the filter; sorting goes into the address too
        browser.open("about:blank")
        browser.open(shared)
        _settled(browser, [GERA, JENA])
        assert browser.evaluate("document.getElementById('f-state').value") == "DE-TH"
        browser.choose("#sort", "adopters")
        _settled(browser, [GERA, JENA])
        browser.choose("#sort", "city")  # Gera before Jena, by the city's name
        _settled(browser, [GERA, JENA])
        assert browser.evaluate("location.hash") == "#state=DE-TH&sort=city"

        browser.screenshot("catalog-filtered.png")
        assert browser.console_errors == []
        assert outside_file_scheme(browser.requests) == []
        assert any("/data/terms-" in u for u in browser.requests)  # the search index came when searched


def sorted_ids(site: Path) -> list[str]:
    return [e["id"] for e in json.loads((site / "catalog.json").read_text("utf-8"))["blueprints"]]


def test_results_start_on_a_phones_first_screen(site: Path) -> None:
    with Browser(width=375, height=667) as browser:
        browser.call(
            "Emulation.setDeviceMetricsOverride", session=True, width=375, height=667, deviceScaleFactor=2, mobile=True
        )
        browser.open((site / "index.html").as_uri())
        browser.wait_until("window.__kltransfer_rendered")
        first = browser.evaluate("document.querySelector('#results > li').getBoundingClientRect().top")
        assert 0 < first < 667 - 100, first  # the first result's title is on the first screen
        assert browser.evaluate("document.getElementById('more').open") is False  # the filters are folded
        assert browser.evaluate("document.documentElement.scrollWidth") <= 375  # nothing wider than the phone
        browser.screenshot("catalog-phone.png")
        assert browser.console_errors == []


def test_adopt_box_command_bundle_and_adopters(site: Path) -> None:
    catalog = {e["id"]: e for e in json.loads((site / "catalog.json").read_text("utf-8"))["blueprints"]}
    with Browser() as browser:
        browser.open((site / PAGE.format(GERA)).as_uri())
        browser.wait_until("!document.querySelector('.kt-copy').hidden")  # the copy button needs the script
        assert browser.evaluate("document.getElementById('kt-adopt-heading').textContent") == "Nachnutzen"
        command = browser.evaluate("document.getElementById('kt-command').textContent")
        assert command == f"kltransfer adopt {GERA}-1.0.0.kltransfer.zip --into {GERA}"

        # the bundle link resolves: the zip is there, matches catalog.json, and its files match its manifest
        bundle = _path(browser.evaluate("document.querySelector('a.kt-bundle').href"))
        data = bundle.read_bytes()
        assert hashlib.sha256(data).hexdigest() == catalog[GERA]["bundle"]["sha256"]
        assert catalog[GERA]["bundle"]["sha256"] in browser.evaluate("document.querySelector('.kt-adopt').textContent")
        with zipfile.ZipFile(bundle) as archive:
            manifest = json.loads(archive.read("manifest.json"))
            assert {f["path"] for f in manifest["files"]} == set(archive.namelist()) - {"manifest.json"}
            for item in manifest["files"]:
                assert hashlib.sha256(archive.read(item["path"])).hexdigest() == item["sha256"], item["path"]
            assert archive.read("source/blueprint.yaml") == (EXAMPLES / GERA / "blueprint.yaml").read_bytes()

        # Gera lists Jena's copy, with the version adopted, since when, and a link to Jena's page
        rows = browser.evaluate(
            "Array.from(document.querySelectorAll('.kt-adopters tbody tr')).map(r => r.innerText.split('\\t'))"
        )
        assert rows == [["Jena (Thüringen)", "1.0.0", "2025-03-01", "im Betrieb", "Seite im Katalog"]]
        browser.evaluate("document.querySelector('.kt-adopters a').click()")
        browser.wait_for("Page.loadEventFired")
        assert browser.evaluate("location.pathname").endswith(PAGE.format(JENA))

        # Jena's copy came from git: the command adopts from there, and the page links to its upstream
        command = browser.evaluate("document.getElementById('kt-command').textContent")
        jena_url = catalog[JENA]["source"]["url"]
        assert command == f"kltransfer adopt {jena_url} --ref v2.0.0 --blueprint {JENA} --into {JENA}"
        assert browser.evaluate("document.querySelector('a.kt-upstream').getAttribute('href')") == (
            f"../../{PAGE.format(GERA)}"
        )
        # the copy button: without a clipboard (file://, headless), the command is selected for Ctrl+C
        browser.evaluate("document.querySelector('.kt-copy').click()")
        status = browser.wait_until("document.querySelector('.kt-copy-status').textContent")
        assert status in ("Kopiert.", "Der Befehl ist markiert: Kopieren Sie ihn mit Strg+C (Mac: ⌘+C).")
        assert browser.evaluate("String(window.getSelection())") == command or status == "Kopiert."

        # and back to the catalog
        browser.evaluate("document.querySelector('.kt-catalog-nav a').click()")
        browser.wait_for("Page.loadEventFired")
        assert browser.evaluate("location.pathname").endswith("/index.html")
        assert browser.console_errors == []
        assert outside_file_scheme(browser.requests) == []
