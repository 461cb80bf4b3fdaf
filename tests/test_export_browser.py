"""The exported HTML in a real headless Chromium: renders, no console error, nothing beyond file://."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.browser import Browser, chromium_path, outside_file_scheme
from tests.export_helpers import EXAMPLES, blueprint_id

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kltransfer.cli.main import run

    out = tmp_path_factory.mktemp("browser") / "out"
    assert run(["export", *map(str, EXAMPLES), "--out", str(out), "--format", "html", "--lang", "en"]) == 0
    return out


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_page_renders_offline_without_errors(exported: Path, example: Path) -> None:
    chromium_path()
    index = exported / blueprint_id(example) / "html" / "index.html"
    with Browser(width=1100, height=1400) as browser:
        browser.open(index.as_uri())
        assert browser.evaluate("document.documentElement.lang") == "en"
        assert browser.evaluate("document.querySelectorAll('h1').length") == 1
        title = browser.evaluate("document.querySelector('h1').textContent")
        assert title.strip()
        # the stylesheet is applied: the masthead has its accent border
        assert browser.evaluate("getComputedStyle(document.querySelector('.masthead')).borderBottomStyle") == "solid"
        assert browser.evaluate("document.styleSheets.length") == 1
        boxes = browser.evaluate("document.querySelectorAll('#adoption .checklist input[type=checkbox]').length")
        checklist = yaml.safe_load((example / "blueprint.yaml").read_text(encoding="utf-8"))["transfer"].get(
            "checklist"
        )
        assert (boxes > 0) == bool(checklist)  # the real projects' write-ups have no checklist
        shot = browser.screenshot(f"export-{example.name}.png")
        assert browser.console_errors == []
        assert outside_file_scheme(browser.requests) == []
        assert any(url.endswith("/style.css") for url in browser.requests)
    assert shot.stat().st_size > 10_000


def test_page_is_readable_on_a_phone(exported: Path) -> None:
    chromium_path()
    index = exported / "kaiserslautern-participation-platform" / "html" / "index.html"
    with Browser(width=390, height=844) as browser:
        browser.open(index.as_uri())
        # nothing but the scrollable tables is wider than the screen
        overflow = browser.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1")
        assert overflow is True
        browser.screenshot("export-phone.png")
        assert browser.console_errors == []


def test_print_layout_hides_navigation_and_prints_link_targets(exported: Path) -> None:
    chromium_path()
    index = exported / "kaiserslautern-participation-platform" / "html" / "index.html"
    with Browser() as browser:
        browser.open(index.as_uri())
        assert browser.evaluate("getComputedStyle(document.querySelector('nav.toc')).display") == "block"
        browser.call("Emulation.setEmulatedMedia", session=True, media="print")
        assert browser.evaluate("getComputedStyle(document.querySelector('nav.toc')).display") == "none"
        after = browser.evaluate(
            "getComputedStyle(document.querySelector('main a[href^=\"http\"]'), '::after').content"
        )
        assert after == '" (https://www.kaiserslautern.de)"'
        pdf = browser.call("Page.printToPDF", session=True)["data"]
        assert len(pdf) > 10_000
        assert browser.console_errors == []


def test_the_index_of_several_blueprints_works_offline(exported: Path) -> None:
    chromium_path()
    with Browser(width=1100, height=900) as browser:
        browser.open((exported / "index.html").as_uri())
        assert browser.evaluate("document.documentElement.lang") == "en"
        rows = browser.evaluate("document.querySelectorAll('tbody tr').length")
        assert rows == len(EXAMPLES)
        first = browser.evaluate("document.querySelector('tbody a').getAttribute('href')")
        assert first.endswith("/html/index.html")
        browser.screenshot("export-index.png")
        assert browser.console_errors == []
        assert outside_file_scheme(browser.requests) == []
