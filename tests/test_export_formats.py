"""Every example exports to every format; the HTML is self-contained, accessible and valid for mkdocs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from itertools import pairwise
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.export_helpers import EXAMPLES, blueprint_id, read_page

MKDOCS = Path(sys.executable).parent / "mkdocs"
FORMATS = ("html", "markdown", "mkdocs", "json")


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """All examples exported once to every format (read-only for the tests below)."""
    from kltransfer.cli.main import run

    out = tmp_path_factory.mktemp("export") / "out"
    args = ["export", *map(str, EXAMPLES), "--out", str(out), "--lang", "de"]
    for name in FORMATS:
        args += ["--format", name]
    assert run(args) == 0
    return out


def test_examples_exist() -> None:
    assert len(EXAMPLES) >= 4


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_example_exports_to_each_format(run, tmp_path: Path, example: Path, fmt: str) -> None:
    out = tmp_path / "out"
    result = run("export", example, "--out", out, "--format", fmt)
    assert result.exit_code == 0, result.stderr
    name = blueprint_id(example)
    assert json.loads((out / ".kltransfer-export.json").read_text("utf-8"))["entries"] == [name]
    entry = {
        "html": "html/index.html",
        "markdown": "markdown/README.md",
        "mkdocs": "mkdocs/mkdocs.yml",
        "json": "json/blueprint.json",
    }[fmt]
    assert (out / name / entry).is_file()
    assert sorted(p.name for p in (out / name).iterdir()) == [fmt]
    assert f"exported {name} " in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_html_links_resolve_locally_and_nothing_comes_from_the_network(exported: Path, example: Path) -> None:
    pages = list(exported.glob("*/html/index.html"))
    assert len(pages) == len(EXAMPLES)
    for index in pages:
        page = read_page(index)
        assert page.fetched, "the page loads at least its stylesheet"
        for url in page.fetched:
            parts = urlsplit(url)
            assert not parts.scheme and not parts.netloc, f"{index}: fetches {url}"
            assert (index.parent / unquote(parts.path)).is_file(), f"{index}: {url} is missing"
        for url in page.links:
            parts = urlsplit(url)
            if parts.scheme in ("http", "https", "mailto"):
                continue
            assert not parts.scheme, f"{index}: unexpected link {url}"
            if parts.path:
                assert (index.parent / unquote(parts.path)).is_file(), f"{index}: link {url} is broken"
        for kind, _ in page.scripts:
            assert kind == "application/ld+json", "no executable script in the page"


def test_html_is_accessible(exported: Path) -> None:
    for index in exported.glob("*/html/index.html"):
        page = read_page(index)
        assert page.lang == "de"
        levels = [level for level, _ in page.headings]
        assert levels.count(1) == 1 and levels[0] == 1
        for before, after in pairwise(levels):
            assert after <= before + 1, f"{index}: heading level jumps from h{before} to h{after}"
        assert page.tables > 0 and page.tables == page.captions
        assert page.th_without_scope == 0
        assert all(text for _, text in page.headings)


def test_html_sections_and_adoption_checklist(exported: Path) -> None:
    index = exported / "kaiserslautern-participation-platform" / "html" / "index.html"
    page = read_page(index)
    h2 = [text for level, text in page.headings if level == 2]
    assert h2 == [
        "Inhalt",
        "Überblick",
        "Ziele und Kennzahlen",
        "Kosten und Finanzierung",
        "Zeitplan",
        "Komponenten und Daten",
        "Datenschutz und Beteiligung",
        "Betreibermodell",
        "Erfahrungen",
        "Dokumente und Links",
        "Kontakt",
        "Leitfaden zur Übernahme",
    ]
    h3 = [text for level, text in page.headings if level == 3]
    for expected in ("Voraussetzungen", "Aufwand", "Notwendige Anpassungen", "Risiken", "Checkliste"):
        assert expected in h3
    html = index.read_text("utf-8")
    assert html.count('<input type="checkbox"') == 5
    # the investment breakdown adds up to 540,000 and the table says so in its footer
    assert '<tr><th scope="row">Summe</th><td class="num">540.000\u00a0€</td></tr>' in html
    assert "<caption>Investitionskosten nach Posten</caption>" in html


def test_html_carries_json_ld(exported: Path) -> None:
    index = exported / "kaiserslautern-participation-platform" / "html" / "index.html"
    scripts = [body for kind, body in read_page(index).scripts if kind == "application/ld+json"]
    assert len(scripts) == 1
    data = json.loads(scripts[0])
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "CreativeWork"
    assert data["identifier"] == "kaiserslautern-participation-platform"
    assert data["license"] == "https://spdx.org/licenses/CC-BY-4.0.html"
    assert data["spatialCoverage"]["name"] == "Kaiserslautern"
    assert "</" not in scripts[0]


def test_css_is_local_and_has_print_rules(exported: Path) -> None:
    css = next(exported.glob("*/html/style.css")).read_text("utf-8")
    assert "@media print" in css
    assert "url(" not in css and "@import" not in css


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_mkdocs_output_builds_strictly(exported: Path, example: Path, tmp_path: Path) -> None:
    project = exported / blueprint_id(example) / "mkdocs"
    site = tmp_path / "site"
    done = subprocess.run(
        [str(MKDOCS), "build", "--strict", "--site-dir", str(site)],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "WARNING" not in done.stderr
    assert (site / "index.html").is_file()
    assert (site / "adoption.html").is_file()


def test_markdown_reads_well(exported: Path) -> None:
    readme = (exported / "kaiserslautern-participation-platform" / "markdown" / "README.md").read_text("utf-8")
    assert readme.startswith("# Digitale Beteiligungsplattform")
    assert readme.count("\n# ") == 0, "one title only"
    assert "- [ ] Ansprechperson und Moderation benannt" in readme
    assert "[Transferleitfaden (Kurzfassung)](files/docs/transfer-guide.md)" in readme
    assert (
        exported / "kaiserslautern-participation-platform" / "markdown" / "files" / "docs" / "transfer-guide.md"
    ).is_file()
    assert "\n\n\n" not in readme


def test_json_is_the_normalised_blueprint(exported: Path) -> None:
    data = json.loads((exported / "kaiserslautern-participation-platform" / "json" / "blueprint.json").read_text())
    assert data["lang"] == "de"
    assert data["title"] == "Digitale Beteiligungsplattform „KL mitgestalten“"
    assert data["costs"]["investment"]["breakdown_sum"] == 540000
    assert data["totals"]["funding"] == 351000
    assert data["totals"]["financed"] == 540000
    assert data["totals"]["funding_rate_percent"] == 65.0
    assert data["city"]["country"] == "DE"


def test_lang_en_falls_back_to_german_where_a_text_has_no_english(run, tmp_path: Path) -> None:
    example = next(p for p in EXAMPLES if p.name == "kaiserslautern-participation-platform")
    out = tmp_path / "out"
    assert run("export", example, "--out", out, "--lang", "en", "-f", "html", "-f", "json").exit_code == 0
    data = json.loads((out / example.name / "json" / "blueprint.json").read_text("utf-8"))
    assert data["lang"] == "en"
    assert data["title"] == 'Digital participation platform "KL mitgestalten"'
    assert data["operator_model"]["operator"] == "KL.digital GmbH"
    assert data["transfer"]["checklist"][0] == "Ansprechperson und Moderation benannt"  # German only
    page = read_page(out / example.name / "html" / "index.html")
    assert page.lang == "en"
    html = (out / example.name / "html" / "index.html").read_text("utf-8")
    assert '<label for="check-1">Ansprechperson und Moderation benannt</label>' in html  # language unknown
    assert [text for level, text in page.headings if level == 2][-1] == "Adoption guide"
    assert "<h1>Digital participation platform &#34;KL mitgestalten&#34;</h1>" in html


def test_a_passage_in_another_language_is_marked(run, tmp_path: Path) -> None:
    example = next(p for p in EXAMPLES if p.name == "kaiserslautern-participation-platform")
    folder = shutil.copytree(example, tmp_path / "kl")
    text = (folder / "blueprint.yaml").read_text("utf-8")
    old = "    - Ansprechperson und Moderation benannt\n"
    assert old in text
    text = text.replace(old, "    - {de: Ansprechperson und Moderation benannt}\n", 1)
    (folder / "blueprint.yaml").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert run("export", folder, "--out", out, "--lang", "en").exit_code == 0
    html = (out / example.name / "html" / "index.html").read_text("utf-8")
    # WCAG 3.1.2, language of parts: a German text on an English page says it is German
    assert '<label for="check-1"><span lang="de">Ansprechperson und Moderation benannt</span></label>' in html
    assert '<td><span lang="de">' not in html.split('id="goals"')[1].split("</table>")[0]


def test_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    pexpect = pytest.importorskip("pexpect")

    sources = tmp_path / "src"
    for i in range(6):
        folder = shutil.copytree(EXAMPLES[i % len(EXAMPLES)], sources / f"b{i}")
        text = (folder / "blueprint.yaml").read_text("utf-8")
        (folder / "blueprint.yaml").write_text(text.replace("\nid: ", f"\nid: b{i}-", 1), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "kltransfer", "export", str(sources), "--out", str(tmp_path / "o")],
        env=env,
        encoding="utf-8",
        timeout=60,
        dimensions=(24, 120),
    )
    child.expect("rendering")  # each phase with its totals: 6 blueprints, then 7 entries (with the index)
    child.expect("6/6")
    child.expect("moving into place")
    child.expect("7/7")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert len(list((tmp_path / "o").glob("*/html/index.html"))) == 6


MINIMAL = """\
kltransfer: "1.0"
id: mini
version: 0.1.0
title: "Kleines *Projekt* <b>x</b>"
summary: {en: "Only English | with a pipe"}
licence: TODO
city: {name: Musterstadt, state: DE-BY}
fields_of_action: [mobility]
phase: P2
contacts:
  - {role: Leitung, email: a@example.org}
"""


def test_a_minimal_blueprint_exports_to_every_format(run, tree, tmp_path: Path) -> None:
    tree({"mini/blueprint.yaml": MINIMAL})
    out = tmp_path / "out"
    args = [arg for name in FORMATS for arg in ("-f", name)]
    result = run("export", tmp_path / "mini", "--out", out, *args, "--lang", "de")
    assert result.exit_code == 0, result.stderr
    page = read_page(out / "mini" / "html" / "index.html")
    levels = [level for level, _ in page.headings]
    assert levels.count(1) == 1
    assert all(after <= before + 1 for before, after in pairwise(levels))
    assert page.headings[0] == (1, "Kleines Projekt <b>x</b>")
    readme = (out / "mini" / "markdown" / "README.md").read_text("utf-8")
    assert readme.startswith("# Kleines *Projekt* &lt;b&gt;x&lt;/b&gt;\n\n> Only English \\| with a pipe\n")
    assert "## Zeitplan\n\nKeine Angaben.\n" in readme
    done = subprocess.run(
        [str(MKDOCS), "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=out / "mini" / "mkdocs",
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_text_colours_have_sufficient_contrast(exported: Path) -> None:
    import re

    css = next(exported.glob("*/html/style.css")).read_text("utf-8")
    colours = dict(re.findall(r"--([a-z]+): (#[0-9a-f]{6});", css))
    for background in ("#ffffff", colours["band"]):
        for name in ("text", "muted", "link", "accent"):
            light, dark = sorted((_luminance(background), _luminance(colours[name])), reverse=True)
            ratio = (light + 0.05) / (dark + 0.05)
            assert ratio >= 4.5, f"--{name} on {background}: {ratio:.1f}:1 is below WCAG AA"


def test_many_blueprints_are_summed_up_in_one_line(run, tmp_path: Path) -> None:

    for i in range(11):
        folder = shutil.copytree(EXAMPLES[i % len(EXAMPLES)], tmp_path / "src" / f"b{i:02d}")
        text = (folder / "blueprint.yaml").read_text("utf-8")
        (folder / "blueprint.yaml").write_text(text.replace("\nid: ", f"\nid: b{i:02d}-", 1), encoding="utf-8")
    out = tmp_path / "out"
    result = run("export", tmp_path / "src", "--out", out, "-f", "json")
    assert result.exit_code == 0
    first = f"b00-{blueprint_id(EXAMPLES[0])}"
    assert result.stderr == (
        f"exported 11 blueprints to {out} (e.g. {out / first / 'json' / 'blueprint.json'})\n"
        f"index of the exported blueprints: {out / 'index.html'}\n"
    )
