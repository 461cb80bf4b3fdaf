"""Drafts: a blueprint with TODO placeholders or warnings is exported with a visible draft
marker on every page, its TODO values shown as "noch offen" (never 0, never the raw text),
its counts on stderr; ``--strict`` refuses it and writes nothing."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kltransfer.export.drafts import Draft, Pending, document_view
from kltransfer.export.normalise import normalise
from tests.browser import Browser, chromium_path
from tests.export_helpers import all_files
from tests.test_export_formats import MINIMAL

ROOT = Path(__file__).resolve().parents[1]
KL = ROOT / "examples" / "kaiserslautern-participation-platform"
GERA = ROOT / "examples" / "gera-open-data-portal"


class _Text(HTMLParser):
    """The text a reader sees: everything outside <script>, <style> and <head>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "head"):
            self._hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head"):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def visible_text(path: Path) -> str:
    parser = _Text()
    parser.feed(path.read_text("utf-8"))
    return " ".join(" ".join(parser.parts).split())


def count_warnings(folder: Path) -> tuple[int, int]:
    from kltransfer.validation.validate import load_checked

    report = load_checked(folder / "blueprint.yaml")[1]
    codes = [f.code for f in report.findings]
    assert report.errors == 0
    return codes.count("KT220"), len(codes) - codes.count("KT220")


@pytest.fixture(scope="module")
def scaffold(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kltransfer.cli.main import run

    folder = tmp_path_factory.mktemp("drafts") / "demo"
    assert run(["new", str(folder), "--no-input", "--lang", "de"]) == 0
    return folder


@pytest.fixture(scope="module")
def exported(scaffold: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kltransfer.cli.main import run

    out = tmp_path_factory.mktemp("drafts-out") / "out"
    formats = ["-f", "html", "-f", "markdown", "-f", "mkdocs", "-f", "json"]
    assert run(["export", str(scaffold), "--out", str(out), *formats, "--lang", "de"]) == 0
    return out / "demo"


def test_the_export_names_the_draft_and_its_counts_in_english_and_german(run, scaffold: Path, tmp_path: Path) -> None:
    placeholders, others = count_warnings(scaffold)
    assert (placeholders, others) == (54, 0)
    result = run("export", scaffold, "--out", tmp_path / "en", "--lang", "en")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[-1] == (
        "kltransfer: warning: demo is a draft (54 TODO placeholders): its documents are marked as a draft"
    )
    result = run("export", scaffold, "--out", tmp_path / "de", env={"LANG": "de_DE.UTF-8"})
    assert result.exit_code == 0
    assert result.stderr.splitlines()[-1] == (
        "kltransfer: Warnung: demo ist ein Entwurf (54 TODO-Platzhalter): "
        "seine Dokumente sind als Entwurf gekennzeichnet"
    )


def test_one_placeholder_and_one_other_warning_take_the_singular(run, tree, tmp_path: Path) -> None:
    folder = tree({"mini/blueprint.yaml": MINIMAL}) / "mini"  # format 1.0 (KT300) with licence: TODO
    assert count_warnings(folder) == (1, 1)
    result = run("export", folder, "--out", tmp_path / "out", "--lang", "en")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[-1] == (
        "kltransfer: warning: mini is a draft (1 TODO placeholder and 1 other warning): "
        "its documents are marked as a draft"
    )
    result = run("export", folder, "--out", tmp_path / "de", env={"LANG": "de_DE.UTF-8"})
    assert "mini ist ein Entwurf (1 TODO-Platzhalter und 1 weitere Warnung)" in result.stderr
    html = (tmp_path / "out" / "mini" / "html" / "index.html").read_text("utf-8")
    assert "(1 value is still to be filled in, 1 warning)" in html
    html = (tmp_path / "de" / "mini" / "html" / "index.html").read_text("utf-8")
    assert "(1 Angabe ist noch offen, 1 Warnung)" in html


def test_many_drafts_are_summed_up_in_one_line(run, scaffold: Path, tmp_path: Path) -> None:
    import shutil

    sources = tmp_path / "many"
    for i in range(11):
        target = sources / f"b{i:02}"
        shutil.copytree(scaffold, target)
        blueprint = target / "blueprint.yaml"
        blueprint.write_text(
            blueprint.read_text("utf-8").replace('id: "demo"', f"id: demo-{i:02}", 1), encoding="utf-8"
        )
    result = run("export", sources, "--out", tmp_path / "out", "--lang", "en", "--jobs", "1")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[-1] == (
        "kltransfer: warning: 11 blueprints are drafts (594 TODO placeholders in all): "
        "their documents are marked as drafts"
    )


def test_html_shows_the_draft_marker_and_no_raw_todo(exported: Path) -> None:
    page = exported / "html" / "index.html"
    text = visible_text(page)
    assert text.startswith(
        "Zum Inhalt springen Entwurf Dieser Blueprint ist noch nicht fertig. "
        "Was noch fehlt, ist als „noch offen“ gekennzeichnet. (54 Angaben sind noch offen)"
    )
    html = page.read_text("utf-8")
    assert "TODO" not in html  # neither in the text nor in the JSON-LD or an attribute
    assert "<title>Entwurf: " in html
    assert "Fördermittel gesamt noch offen" in text
    assert "Finanziert gesamt noch offen" in text
    assert "Förderquote noch offen" in text
    assert "Angegebene Gesamtsumme noch offen" in text
    assert " 0 €" not in text and "0,0 %" not in text
    assert 'href="#"' not in html  # a URL still to be filled in is no link
    assert html.count('<span class="pending">noch offen</span>') >= 40


def test_markdown_and_mkdocs_pages_show_the_draft_marker_and_no_raw_todo(exported: Path) -> None:
    note = "> **Entwurf:** Dieser Blueprint ist noch nicht fertig."
    pages = [exported / "markdown" / "README.md", exported / "mkdocs" / "docs" / "index.md"]
    pages.append(exported / "mkdocs" / "docs" / "adoption.md")
    for page in pages:
        text = page.read_text("utf-8")
        assert note in text, page
        assert "(54 Angaben sind noch offen)" in text
        assert "TODO" not in text, page
        assert "](#)" not in text
    readme = pages[0].read_text("utf-8")
    assert "| **Fördermittel gesamt** | | **noch offen** |" in readme
    assert "| Förderquote | | noch offen |" in readme
    assert " 0 €" not in readme
    assert "TODO" not in (exported / "mkdocs" / "mkdocs.yml").read_text("utf-8")


def test_json_keeps_the_placeholders_as_data(exported: Path) -> None:
    data = json.loads((exported / "json" / "blueprint.json").read_text("utf-8"))
    assert data["title"] == "TODO: Titel des Projekts"
    assert data["totals"]["funding_complete"] is False


def test_a_finished_blueprint_has_no_marker(run, tmp_path: Path) -> None:
    result = run("export", KL, "--out", tmp_path / "out", "-f", "html", "-f", "markdown")
    assert result.exit_code == 0
    assert "draft" not in result.stderr
    html = (tmp_path / "out" / "kaiserslautern-participation-platform" / "html" / "index.html").read_text("utf-8")
    assert 'class="draft"' not in html and "pending" not in html
    readme = (tmp_path / "out" / "kaiserslautern-participation-platform" / "markdown" / "README.md").read_text("utf-8")
    assert "Entwurf" not in readme


@pytest.mark.browser
def test_the_marker_is_visible_in_a_browser_and_no_todo_is_shown(exported: Path) -> None:
    chromium_path()
    with Browser(width=1100, height=900) as browser:
        browser.open((exported / "html" / "index.html").as_uri())
        text = browser.evaluate("document.body.innerText")
        assert "TODO" not in text
        assert "noch offen" in text
        box = browser.evaluate(
            "(() => { const e = document.querySelector('.draft'); const r = e.getBoundingClientRect();"
            " const s = getComputedStyle(e);"
            " const label = getComputedStyle(e.querySelector('.draft-label'));"
            " return [r.top, r.height, s.display, s.visibility, label.color]; })()"
        )
        top, height, display, visibility, colour = box
        assert top < 200 and height > 20  # at the top of the page, not hidden
        assert (display, visibility) == ("block", "visible")
        assert colour == "rgb(164, 22, 26)"
        assert browser.evaluate("document.querySelector('.draft').innerText").upper().startswith("ENTWURF")
        assert browser.evaluate("getComputedStyle(document.querySelector('.pending')).fontStyle") == "italic"
        browser.screenshot("export-draft.png")
        assert browser.console_errors == []


def test_strict_refuses_a_draft_and_writes_nothing(run, scaffold: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("export", GERA, "--out", out).exit_code == 0  # an earlier export, to be left as it is
    before = all_files(out)
    result = run("export", scaffold, "--out", out, "--strict", "-f", "html", "-f", "markdown")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert sum(1 for line in lines if " warning KT220 " in line) == 54
    assert lines[-2:] == [
        "kltransfer: error KT914: 1 blueprint not exported: it still has TODO placeholders or warnings (0 exported)",
        "  hint: fill in the values named above, or export without --strict to get documents marked as drafts",
    ]
    assert all_files(out) == before
    fresh = tmp_path / "fresh"
    assert run("export", scaffold, "--out", fresh, "--strict").exit_code == 1
    assert not fresh.exists()


def test_strict_exports_a_finished_blueprint(run, tmp_path: Path) -> None:
    result = run("export", KL, "--out", tmp_path / "out", "--strict")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "out" / "kaiserslautern-participation-platform" / "html" / "index.html").is_file()


def test_strict_in_german(run, scaffold: Path, tmp_path: Path) -> None:
    result = run("export", scaffold, "--out", tmp_path / "out", "--strict", env={"LANG": "de_DE.UTF-8"})
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1].startswith("  Hinweis: füllen Sie die oben genannten Werte aus")
    assert "Fehler KT914: 1 Blueprint nicht exportiert: er enthält noch TODO-Platzhalter" in result.stderr


# --- the document view ------------------------------------------------------------------------


def kl_data() -> dict:
    import yaml

    return yaml.safe_load((KL / "blueprint.yaml").read_text("utf-8"))


def test_a_sum_with_a_part_to_be_filled_in_is_pending_not_partial() -> None:
    data = kl_data()
    data["funding"]["sources"].append({"funder": "Land", "programme": "x", "amount": "TODO: Betrag"})
    data["costs"]["investment"]["breakdown"][0]["amount"] = "TODO: Betrag"
    raw = normalise(data, "de")
    assert raw["totals"]["funding"] == 351000  # the data keeps the partial sum and says it is incomplete
    view = document_view(raw, "noch offen")
    totals = view["totals"]
    assert all(isinstance(totals[k], Pending) for k in ("funding", "financed", "funding_rate_percent"))
    assert totals["uncovered"] is None
    assert totals["investment"] == 540000  # the stated total is known
    assert isinstance(view["costs"]["investment"]["breakdown_sum"], Pending)
    assert view["costs"]["operation_per_year"]["breakdown_sum"] == 118000
    assert view["funding"][1]["amount"] == "noch offen"
    assert raw["funding"][1]["amount"] == "TODO: Betrag"  # the normalised data is not changed


def test_a_blueprint_without_placeholders_is_shown_as_it_is() -> None:
    raw = normalise(kl_data(), "de")
    assert document_view(raw, "noch offen") is raw
    assert not Draft() and Draft(0, 1) and Draft(2, 0)
