"""Format 1.2 in the exports: several cities, owners, adopters, unknown values ("not published",
never 0 or "no"), totals with an unknown part ("at least …"), dates as precise as known,
decisions and sources as numbered references; every value of a blueprint appears in its page."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from kltransfer.export.languages import fallback_order, resolve_text
from kltransfer.i18n.numbers import format_date, format_money, format_number
from kltransfer.shape import is_unknown, unknown_reason
from kltransfer.validation.validate import load_checked
from tests.export_helpers import EXAMPLES, read_page
from tests.test_export_drafts import visible_text

ROOT = Path(__file__).resolve().parents[1]
CUT = ROOT / "examples" / "connected-urban-twins"
GDK = ROOT / "examples" / "berlin-giess-den-kiez"
EVERY_FIELD = ROOT / "tests" / "data" / "export" / "every-field-1.2"
LABELS = json.loads((ROOT / "templates" / "export" / "labels.json").read_text("utf-8"))
SCHEMA = json.loads((ROOT / "kltransfer" / "schema" / "blueprint-1.2.schema.json").read_text("utf-8"))

#: Values no page shows as such, and why: the format version is metadata for tools; the country
#: is "DE" for every German municipality (the page names the federal state); the currency is in
#: every amount.
NOT_SHOWN = {"kltransfer", "country", "currency"}


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The examples and the every-field blueprint, exported once per language."""
    from kltransfer.cli.main import run

    found = {}
    for lang in ("de", "en"):
        out = tmp_path_factory.mktemp(f"format12-{lang}") / "out"
        args = ["export", *map(str, [*EXAMPLES, EVERY_FIELD]), "--out", str(out), "--lang", lang]
        assert run([*args, "-f", "html", "-f", "markdown", "-f", "json"]) == 0
        found[lang] = out
    return found


# -- the unknown marker ------------------------------------------------------------------------


def test_the_unknown_marker_round_trips_through_the_json_with_its_reason(pages: dict[str, Path]) -> None:
    data = json.loads((pages["de"] / "connected-urban-twins" / "json" / "blueprint.json").read_text("utf-8"))
    written = yaml.safe_load((CUT / "blueprint.yaml").read_text("utf-8"))
    total = data["costs"]["investment"]["total"]
    assert total == written["costs"]["investment"]["total"]
    assert is_unknown(total)
    assert unknown_reason(total) == "the total budget of the joint project is not confirmed here"
    assert data["costs"]["operation_per_year"]["total"] == "unknown"
    assert data["cities"][1]["shares"]["funding"] == "unknown"
    assert data["components"][1]["licence"] == "unknown" and data["components"][1]["open_source"] == "unknown"
    # totals of which nothing is known stay unknown: never 0
    assert data["totals"]["investment"] == total
    assert data["totals"]["funding"] == "unknown" and data["totals"]["financed"] == "unknown"
    assert data["totals"]["funding_rate_percent"] == "unknown" and data["totals"]["uncovered"] is None


@pytest.mark.parametrize(("lang", "label"), [("de", "nicht veröffentlicht"), ("en", "not published")])
def test_an_unknown_value_is_shown_as_not_published_never_as_0_or_no(
    pages: dict[str, Path], lang: str, label: str
) -> None:
    page = (pages[lang] / "connected-urban-twins" / "html" / "index.html").read_text("utf-8")
    costs = page.split('id="costs"')[1].split("</section>")[0]
    reason = "the total budget of the joint project is not confirmed here"
    assert f'<span class="unknown">{label} <span class="reason">({reason})</span></span>' in costs
    assert "0\u00a0€" not in costs and "€0" not in costs
    components = page.split('id="components"')[1].split("</section>")[0]
    dipas = components.split("DIPAS")[1].split("</tr>")[0]
    assert dipas.count(f'<span class="unknown">{label}</span>') == 2  # licence and open source: not "no"
    assert LABELS[lang]["ui"]["no"] not in re.sub(r"<[^>]+>", " ", dipas).split()
    readme = (pages[lang] / "connected-urban-twins" / "markdown" / "README.md").read_text("utf-8")
    assert f"**{label} ({reason})**" in readme


MONEY = """\
kltransfer: "1.2"
id: at-least
version: 0.1.0
title: Summen mit unbekanntem Teil
summary: Eine Förderquelle ist nicht veröffentlicht.
licence: CC0-1.0
city: {name: Musterstadt, state: DE-BY}
fields_of_action: [mobility]
phase: P2
contacts: [{role: Leitung, email: a@example.org}]
timeline:
  start: 2025
  milestones:
    - {date: 2025-06, title: Start}
costs:
  investment:
    total: 200000
    breakdown:
      - {item: Technik, amount: 150000}
      - {item: Personal, amount: unknown}
funding:
  sources:
    - {funder: Bund, amount: 100000}
    - {funder: Land, amount: "unknown: noch nicht bewilligt"}
  own_share: 20000
"""


@pytest.mark.parametrize(
    ("lang", "funding", "financed", "rate", "breakdown", "month"),
    [
        (
            "de",
            "mindestens 100.000\u00a0€",
            "mindestens 120.000\u00a0€",
            "mindestens 50,0 %",
            "mindestens 150.000\u00a0€",
            "Juni 2025",
        ),
        ("en", "at least €100,000", "at least €120,000", "at least 50.0 %", "at least €150,000", "June 2025"),
    ],
)
def test_a_total_with_an_unknown_part_is_at_least_its_known_sum(
    run, tree, tmp_path: Path, lang: str, funding: str, financed: str, rate: str, breakdown: str, month: str
) -> None:
    tree({"money/blueprint.yaml": MONEY})
    out = tmp_path / "out"
    assert (
        run(
            "export", tmp_path / "money", "--out", out, "--lang", lang, "-f", "html", "-f", "markdown", "-f", "json"
        ).exit_code
        == 0
    )
    text = visible_text(out / "at-least" / "html" / "index.html")
    ui = LABELS[lang]["ui"]
    for label, value in (
        ("funding_total", funding),
        ("financed", financed),
        ("funding_rate", rate),
        ("total", breakdown),
    ):
        assert " ".join(f"{ui[label]} {value}".split()) in text
    assert ui["uncovered"] not in text  # what is uncovered is not known: not shown as a figure
    assert f"{month} Start" in text  # a date known to the month, in the language's form
    readme = (out / "at-least" / "markdown" / "README.md").read_text("utf-8")
    assert f"| **{ui['funding_total']}** | | **{funding}** |" in readme
    data = json.loads((out / "at-least" / "json" / "blueprint.json").read_text("utf-8"))
    assert data["totals"]["funding"] == 100000 and data["totals"]["financed"] == 120000
    assert data["totals"]["at_least"] == ["funding", "financed", "funding_rate_percent"]
    assert data["funding"][1]["amount"] == "unknown: noch nicht bewilligt"
    assert data["timeline"]["milestones"][0]["date"] == "2025-06"


def test_a_draft_keeps_its_markers_beside_unknown_values(run, tree, tmp_path: Path) -> None:
    text = MONEY.replace("own_share: 20000", "own_share: TODO").replace(
        "      - {item: Technik, amount: 150000}", "      - {item: Technik, amount: TODO}"
    )
    tree({"draft/blueprint.yaml": text})
    out = tmp_path / "out"
    assert run("export", tmp_path / "draft", "--out", out, "--lang", "de").exit_code == 0
    page = visible_text(out / "at-least" / "html" / "index.html")
    assert "Entwurf" in page
    assert "Finanziert gesamt noch offen" in page  # a part still to be filled in: "noch offen", not "mindestens"
    assert "Summe noch offen" in page
    assert "Fördermittel gesamt mindestens 100.000 €" in page  # the funding has only an unknown part
    assert "TODO" not in page


# -- several cities, adopters, references ------------------------------------------------------


def test_several_cities_with_roles_and_shares(pages: dict[str, Path]) -> None:
    page = visible_text(pages["de"] / "connected-urban-twins" / "html" / "index.html")
    assert "Beteiligte Kommunen Hamburg (federführend), Leipzig, München" in page
    assert "Bundesländer Hamburg, Sachsen, Bayern" in page
    assert "Leipzig [1] Stadt Leipzig Partnerkommune Sachsen 620.000 298 km² 14713000" in page
    assert "Anteile der Kommunen" in page
    assert page.startswith("Zum Inhalt springen Hamburg, Leipzig, München · P3 Pilot")


def test_adopters_are_a_table_in_every_document(pages: dict[str, Path]) -> None:
    page = (pages["en"] / "berlin-giess-den-kiez" / "html" / "index.html").read_text("utf-8")
    table = page.split('<table class="adopters">')[1].split("</table>")[0]
    heads = re.findall(r'<th scope="col">([^<]+)</th>', table)
    assert heads == ["Municipality", "Since", "Status", "Version adopted", "Links"]
    assert 'href="https://www.leipzig.de"' not in table  # no url given for the city: no link invented
    assert "Leipzig" in table and "operating" in table and 'href="https://www.leipziggiesst.de"' in table
    assert '<span class="unknown">not published</span>' in table  # since: unknown
    readme = (pages["en"] / "berlin-giess-den-kiez" / "markdown" / "README.md").read_text("utf-8")
    assert "| Municipality | Since | Status | Version adopted | Links |" in readme
    overview = visible_text(pages["en"] / "berlin-giess-den-kiez" / "html" / "index.html")
    assert "Adopted by Leipzig" in overview


def test_sources_are_numbered_references_and_disputed_figures_show_their_alternative(pages: dict[str, Path]) -> None:
    index = pages["de"] / "musterkreis-every-field" / "html" / "index.html"
    page = index.read_text("utf-8")
    sources = page.split('id="sources"')[1]
    assert re.findall(r'<li id="source-([a-z0-9-]+)">', sources) == ["kreistag-2021", "bescheid-2021", "presse-2024"]
    assert '<a href="#source-bescheid-2021" aria-label="Quelle 2">[2]</a>' in page
    text = visible_text(index)
    # the cited figure, its sources, and what another source says
    assert "costs.investment.total laut Bescheid 600.000 € [2] 650.000 € [3] (mit Umsatzsteuer)" in text
    assert "timeline.start März 2021 [1]" in text
    # a milestone that is a decision links to it
    assert '<a class="decision-link" href="#decision-kreistag-2021">Beschluss</a>' in page
    assert '<tr id="decision-kreistag-2021">' in page
    assert "Kreistag oder Bezirksvertretung Kreistag Musterkreis" in text


def test_the_json_ld_names_adopters_sources_and_cities_and_no_unknown(pages: dict[str, Path]) -> None:
    for name in ("berlin-giess-den-kiez", "connected-urban-twins", "musterkreis-every-field"):
        scripts = read_page(pages["de"] / name / "html" / "index.html").scripts
        text = scripts[0][1]
        assert "unknown" not in text and "veröffentlicht" not in text, name
        data = json.loads(text)
        assert data["citation"], name
    gdk = json.loads(read_page(pages["de"] / "berlin-giess-den-kiez" / "html" / "index.html").scripts[0][1])
    assert gdk["workExample"][0]["spatialCoverage"]["name"] == "Leipzig"
    assert gdk["workExample"][0]["url"] == "https://www.leipziggiesst.de"
    cut = json.loads(read_page(pages["de"] / "connected-urban-twins" / "html" / "index.html").scripts[0][1])
    assert [p["name"] for p in cut["spatialCoverage"]] == ["Hamburg", "Leipzig", "München"]
    assert "temporalCoverage" not in cut  # start and end are not published


# -- every value of a blueprint appears in its page ----------------------------------------------

_LEAF_TYPES = {
    "text",
    "date",
    "amount",
    "count",
    "quantity",
    "yes_no",
    "email",
    "url",
    "licence",
    "slug",
    "state",
    "cite",
}


def _leaves(node: dict[str, Any], value: Any, path: tuple[str | int, ...]) -> Iterator[tuple[tuple, str, Any]]:
    """(key path, kind, value) of every value of ``value`` that ``node`` (a schema) describes."""
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[1]
        if name in _LEAF_TYPES:
            yield path, name, value
            return
        node = SCHEMA["$defs"][name]
    if isinstance(value, dict) and "properties" in node:
        for key, child in value.items():
            yield from _leaves(node["properties"][key], child, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _leaves(node["items"], item, (*path, i))
    else:
        choices = [node, *node.get("anyOf", []), *node.get("oneOf", []), node.get("else", {})]
        yield path, "enum" if any("enum" in c for c in choices) else str(node.get("type")), value


def _plain(text: str) -> str:
    from kltransfer.export.richtext import markdown_inline

    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", str(markdown_inline(text)))).split())


def _expected(kind: str, key: str, value: Any, lang: str, data: dict[str, Any]) -> list[str]:
    """What the page shows for a value: any of these texts (or link targets, for urls)."""
    ui, enums = LABELS[lang]["ui"], LABELS[lang]["enums"]
    if is_unknown(value):
        return [ui["not_published"]]
    if kind == "text":
        return [_plain(resolve_text(value, fallback_order(lang)))]
    if kind == "amount":
        return [format_money(value, (data.get("costs") or {}).get("currency", "EUR"), lang)]
    if kind in ("count", "quantity") or ("number" in kind and isinstance(value, int | float)):
        return [format_number(value, lang), format_money(value, "EUR", lang)]  # a figure: of a KPI, or an amount
    if kind == "date":
        return [format_date(value, lang)]
    if kind == "yes_no" or isinstance(value, bool):
        return [ui["yes"] if value else ui["no"]]
    if kind in ("enum", "state"):
        return [names[value] for names in enums.values() if value in names] or [str(value)]
    if key == "commit":
        return [value[:12]]
    return [_plain(str(value))]


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("blueprint", [*EXAMPLES, EVERY_FIELD], ids=lambda p: p.name)
def test_every_value_of_the_blueprint_appears_in_its_page(pages: dict[str, Path], blueprint: Path, lang: str) -> None:
    """Walks the 1.2 schema along the blueprint: each value of each present key is shown in the
    HTML page (a text in the page's language, a number, amount or date written for it, an
    enumerated value by its label, a url as a link, a citation as a link to its source)."""
    doc = load_checked(blueprint / "blueprint.yaml")[0]
    assert doc is not None
    data = doc.data
    index = pages[lang] / data["id"] / "html" / "index.html"
    text = "".join(visible_text(index).split())  # compared without spaces: inline markup splits the text
    page = read_page(index)
    raw = index.read_text("utf-8")
    missing = []
    for path, kind, value in _leaves(SCHEMA, data, ()):
        key = next(p for p in reversed(path) if isinstance(p, str))
        if key in NOT_SHOWN:
            continue
        if kind == "cite":
            found = all(f"#source-{source}" in page.links for source in value)
        elif (kind == "url" or str(value).startswith("https://")) and not is_unknown(value):
            found = value in page.links
        elif kind == "email":
            found = f"mailto:{value}" in page.links
        elif kind == "slug" and path[0] in ("sources", "decisions") and key == "id":
            found = f'id="{"source" if path[0] == "sources" else "decision"}-{value}"' in raw
        elif kind == "slug" and key == "decision":
            found = f"#decision-{value}" in page.links
        else:
            found = any("".join(expected.split()) in text for expected in _expected(kind, key, value, lang, data))
        if not found:
            missing.append((".".join(map(str, path)), value))
    assert missing == [], "\n".join(f"{p}: {v!r}" for p, v in missing)


def test_the_every_field_blueprint_has_every_top_level_key_of_the_format() -> None:
    """So that the walk above covers the whole format: every key but ``origin`` (written by
    ``kltransfer adopt``) and ``city`` (never beside ``cities``) is in it."""
    doc = load_checked(EVERY_FIELD / "blueprint.yaml")[0]
    assert doc is not None
    assert set(SCHEMA["properties"]) - set(doc.data) == {"origin", "city"}


def test_the_every_field_blueprint_builds_with_mkdocs_strictly(run, tmp_path: Path) -> None:
    import subprocess
    import sys

    out = tmp_path / "out"
    assert run("export", EVERY_FIELD, "--out", out, "-f", "mkdocs", "--lang", "de").exit_code == 0
    done = subprocess.run(
        [str(Path(sys.executable).parent / "mkdocs"), "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=out / "musterkreis-every-field" / "mkdocs",
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    adoption = (out / "musterkreis-every-field" / "mkdocs" / "docs" / "adoption.md").read_text("utf-8")
    assert "## Quellen" in adoption  # the adoption page cites sources: it lists them too


def test_the_pdf_of_the_real_examples_renders_without_a_warning(tmp_path: Path) -> None:
    from tests.test_export_pdf import export_pdf, page_texts, require_weasyprint

    require_weasyprint()
    code, messages = export_pdf([CUT, GDK, EVERY_FIELD], tmp_path / "out", "--lang", "de")
    assert code == 0
    assert messages == []
    cover = page_texts(tmp_path / "out" / "connected-urban-twins" / "pdf" / "connected-urban-twins.pdf")[0]
    assert "Hamburg, Leipzig, München · Hamburg, Sachsen, Bayern" in cover
    assert "Investition gesamt nicht veröffentlicht" in cover
    assert "Förderquote nicht veröffentlicht" in cover
