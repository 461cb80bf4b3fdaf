"""The transfer loop end to end, with real git (bare remotes over file://).

City A (Gera) publishes v1.0.0; city B (Musterstadt) adopts it, fills in its city, commits and
publishes its own copy; a catalog of both shows two blueprints; A publishes v2.0.0 with a
conflicting investment total; B's status says so (exit 1), update names the conflict by key
path, ``--take upstream`` settles it, and B is up to date again (exit 0).
"""

from __future__ import annotations

import json

import yaml

from tests.adoption_helpers import Upstream, replace_once

DE = {"LANG": "de_DE.UTF-8"}


def _without_investment_breakdown(text: str) -> str:
    """Gera's investment as one figure (so that each city can change the total alone and stay valid)."""
    start = text.index("    breakdown:\n", text.index("  investment:\n"))
    return text[:start] + text[text.index("  operation_per_year:\n") :]


def _fill_in(path):
    """What city B does after adopting: its own facts instead of the placeholders."""
    text = path.read_text(encoding="utf-8")
    for old, new in (
        ("  population: 'TODO: Zahl der Einwohnerinnen und Einwohner'\n", "  population: 48000\n"),
        (
            "  organisation: 'TODO: Name der Verwaltung, die das Projekt umsetzt'\n",
            "  organisation: Stadtverwaltung Musterstadt\n",
        ),
        ("  url: 'TODO: Website der Kommune'\n", "  url: https://www.musterstadt.de\n"),
        ("  - role: 'TODO: Rolle, z. B. Projektleitung'\n", "  - role: Digitalisierung\n"),
        ("    email: 'TODO: E-Mail-Adresse'\n", "    email: digital@musterstadt.de\n"),
        ("    total: 298000\n", "    total: 120000\n"),  # B's own estimate and funding
        ("      amount: 193700 ", "      amount: 78000 "),
        ("  own_share: 104300\n", "  own_share: 42000\n"),
    ):
        text = replace_once(old, new)(text)
    path.write_text(text, encoding="utf-8")


def test_the_transfer_loop(run, tmp_path):
    a = Upstream(tmp_path / "gera")
    a.copy_example()
    a.edit("blueprint.yaml", _without_investment_breakdown)
    a.release("v1.0.0", "Gera publishes v1")
    b = Upstream(tmp_path / "musterstadt")
    copy = b.work / "open-data"

    adopted = run("adopt", a.url, "--into", copy, "--city", "Musterstadt", "--set", "city.state=DE-BY")
    assert adopted.exit_code == 0, adopted.stderr
    _fill_in(copy / "blueprint.yaml")
    assert run("validate", copy).exit_code == 0
    b.release("v1.0.0", "Musterstadt publishes its copy")
    assert run("status", copy).exit_code == 0  # up to date

    # a catalog of both cities: B's copy is a blueprint of its own, not a duplicate of A's
    built = run("catalog", "build", a.url, b.url, "--out", tmp_path / "site")
    assert built.exit_code == 0, built.stderr
    assert "KT209" not in built.stderr
    catalog = json.loads((tmp_path / "site" / "catalog.json").read_text(encoding="utf-8"))
    entries = {entry["id"]: entry for entry in catalog["blueprints"]}
    assert sorted(entries) == ["gera-open-data-portal", "musterstadt-open-data-portal"]
    mine = entries["musterstadt-open-data-portal"]
    assert (mine["city"], mine["state"], mine["phase"], mine["status"]) == ("Musterstadt", "DE-BY", "P1", "planned")
    assert mine["title"] == "Open-Data-Portal der Stadt Musterstadt"
    assert (mine["investment"], entries["gera-open-data-portal"]["investment"]) == (120000, 298000)
    page = (tmp_path / "site" / "blueprints" / "musterstadt-open-data-portal" / "index.html").read_text("utf-8")
    assert "Open-Data-Portal der Stadt Musterstadt" in page
    # Not yet on main when this was written: A's page listing B as adopter (v1.0.0) and B's page
    # linking to A come with the catalog's adopters pages (issue 14, item 2); assert them here then.

    # A publishes v2 with another investment total: both sides changed the same value
    a.edit("blueprint.yaml", replace_once("    total: 298000\n", "    total: 310000\n"))
    a.edit("blueprint.yaml", replace_once("version: 1.0.0\n", "version: 2.0.0\n"))
    a.release("v2.0.0", "Gera publishes v2")

    status = run("status", copy)
    assert status.exit_code == 1
    assert "  upstream: newer version v2.0.0" in status.stdout
    assert run("status", copy, "--exit-zero").exit_code == 0

    conflict = run("update", copy)
    assert conflict.exit_code == 1
    assert "  costs.investment.total changed on both sides: local 120000, upstream 310000\n" in conflict.stderr
    german = run("update", copy, env=DE)
    assert "  costs.investment.total wurde auf beiden Seiten geändert: lokal 120000, Ursprung 310000\n" in (
        german.stderr
    )

    settled = run("update", copy, "--take", "upstream", "costs.investment.total")
    assert settled.exit_code == 0, settled.stderr
    data = yaml.safe_load((copy / "blueprint.yaml").read_text(encoding="utf-8"))
    assert data["costs"]["investment"]["total"] == 310000
    assert data["origin"]["ref"] == "v2.0.0"
    assert run("update", copy).exit_code == 0
    assert run("status", copy).exit_code == 0
