"""An adopted copy is the adopting city's own blueprint: its id, its city, the upstream's history kept apart."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
import yaml

from kltransfer.adoption.adopt import AdoptOptions, adopt
from kltransfer.adoption.context import LocalContext, reset_text
from kltransfer.adoption.own import own_id
from kltransfer.adoption.yaml_edit import insert_top_level, remove_top_level
from kltransfer.readiness.proven import proven_missing
from tests.adoption_helpers import GERA, replace_once
from tests.conftest import EXAMPLES

GERMAN_SCHEMA = "# yaml-language-server: $schema=https://schema.kltransfer.de/blueprint/1.2/de/blueprint.schema.json\n"


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture
def gera(tmp_path: Path) -> Path:
    """Gera's blueprint folder (a copy: tests change it)."""
    return Path(shutil.copytree(GERA, tmp_path / "gera"))


def test_the_copy_is_the_adopters_own(run, gera, tmp_path):
    dest = tmp_path / "musterstadt"

    result = run("adopt", gera, "--into", dest, "--city", "Musterstadt", "--set", "city.state=DE-BY")

    assert result.exit_code == 0, result.stderr
    text = (dest / "blueprint.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    upstream = _load(GERA / "blueprint.yaml")
    assert text.startswith(GERMAN_SCHEMA)  # the published German schema, not a path into Gera's repository
    assert data["id"] == "musterstadt-open-data-portal"
    assert data["title"] == {
        "de": "Open-Data-Portal der Stadt Musterstadt",
        "en": "Open data portal of the City of Musterstadt",
    }
    assert data["city"]["name"] == "Musterstadt"
    assert data["operator_model"]["operator"] == "TODO: wer es in Ihrer Kommune betreibt"
    # what happened in Gera is not the copy's own: no timeline, partners or lessons, no KPI results
    for key in ("timeline", "partners", "lessons_learned"):
        assert key not in data
    kpis = [kpi for goal in data["goals"] for kpi in goal["kpis"]]
    assert kpis[0] == {
        "name": {"de": "Veröffentlichte Datensätze", "en": "Published data sets"},
        "unit": "Datensätze",
        "baseline": 0,
        "target": 150,
    }
    assert not any({"achieved", "measured", "measurements"} & set(kpi) for kpi in kpis)
    # links into Gera's own web domain (its data sets) are left out; other links stay
    assert [d.get("url") for d in data["data"]] == [None, None, None, None]
    assert data["components"][0]["url"] == "https://ckan.org"
    # ... but kept in the origin record, as the history of the original
    origin = data["origin"]
    assert (origin["blueprint"], origin["city"]) == ("gera-open-data-portal", "Gera")
    history = origin["upstream"]
    assert history["timeline"]["milestones"][1]["title"]["de"] == "Open-Data-Leitlinie vom Stadtrat beschlossen"
    assert len(history["timeline"]["milestones"]) == 6
    assert history["partners"] == upstream["partners"]
    assert [lesson["category"] for lesson in history["lessons_learned"]] == ["organisational", "legal", "financial"]
    assert history["goals"][0]["kpis"][0]["achieved"] == 183
    assert history["goals"][0]["kpis"][0]["measured"] == "2025-09-30"
    # the checklist keeps Gera's lessons for the adopting city to consider, and the entry for Gera
    checklist = (dest / "ADOPTION-CHECKLIST.md").read_text(encoding="utf-8")
    assert "## Erfahrungen aus Gera\n\n- [ ] **Menschen vor Technik**: Die Installation von CKAN dauerte Wochen" in (
        checklist
    )
    assert "- [ ] Gera mitteilen, dass Sie das Projekt nachnutzen: dort kann Ihre Kommune im Blueprint unter " in (
        checklist
    )
    assert "      ```yaml\n      - city:\n          name: Musterstadt\n          state: DE-BY\n" in checklist
    assert "- [ ] Titel, Zusammenfassung und Beschreibung prüfen: sie beschreiben das Projekt in Gera\n" in checklist

    # it validates, with warnings only for what Musterstadt must still fill in
    validated = run("validate", dest, "--format", "json")
    assert validated.exit_code == 0, validated.stdout
    findings = json.loads(validated.stdout)["findings"]
    assert {f["code"] for f in findings} == {"KT220"}
    assert sorted(f["key_path"] for f in findings) == [
        "city.organisation",
        "city.population",
        "city.url",
        "contacts[0].email",
        "contacts[0].role",
        "operator_model.operator",
    ]
    # and the readiness check does not credit Musterstadt with what Gera reached
    assert "measured_kpi" not in proven_missing(upstream, "1.2")
    assert {"measured_kpi", "phase"} <= set(proven_missing(data, "1.2"))
    checked = json.loads(run("check", dest, "--format", "json").stdout)["blueprints"][0]
    assert checked["id"] == "musterstadt-open-data-portal"
    assert checked["label"] != "proven"


def test_status_right_after_adopting_sees_no_local_edits(run, gera, tmp_path):
    assert run("adopt", gera, "--into", tmp_path / "copy", "--city", "Musterstadt").exit_code == 0

    status = run("status", tmp_path / "copy", "--format", "json")

    assert status.exit_code == 0
    entry = json.loads(status.stdout)["blueprints"][0]
    assert (entry["local_edits"], entry["newer"], entry["blueprint"]) == (False, None, "gera-open-data-portal")


@pytest.mark.parametrize(
    ("city", "upstream_id", "from_city", "expected"),
    [
        ("Musterstadt", "gera-open-data-portal", "Gera", "musterstadt-open-data-portal"),
        ("Frankfurt am Main", "berlin-giess-den-kiez", "Berlin", "frankfurt-am-main-giess-den-kiez"),
        ("Bad Dürkheim", "kl-beteiligungsplattform", "Kaiserslautern", "bad-duerkheim-kl-beteiligungsplattform"),
        ("Gera", "gera-open-data-portal", "Gera", "gera-open-data-portal"),
        (None, "gera-open-data-portal", "Gera", None),
        ("TODO: Name der nachnutzenden Kommune", "gera-open-data-portal", "Gera", None),
    ],
)
def test_the_own_id_is_the_adopting_city_and_the_upstream_id(city, upstream_id, from_city, expected):
    assert own_id(city, upstream_id, from_city) == expected


def test_id_is_chosen_with_id_or_derived_from_set_city_name(run, gera, tmp_path):
    chosen = run("adopt", gera, "--into", tmp_path / "a", "--id", "opendata-neustadt", "--city", "Neustadt")
    assert chosen.exit_code == 0, chosen.stderr
    assert _load(tmp_path / "a" / "blueprint.yaml")["id"] == "opendata-neustadt"

    named = run("adopt", gera, "--into", tmp_path / "b", "--set", "city.name=Neustadt an der Weinstraße")
    assert named.exit_code == 0, named.stderr
    data = _load(tmp_path / "b" / "blueprint.yaml")
    assert (data["id"], data["city"]["name"]) == (
        "neustadt-an-der-weinstrasse-open-data-portal",
        "Neustadt an der Weinstraße",
    )

    wrong = run("adopt", gera, "--into", tmp_path / "c", "--id", "Open Data")
    assert wrong.exit_code == 2
    assert "'Open Data' is not a valid id; use lower-case letters, digits and single hyphens (e.g. 'open-data')" in (
        wrong.stderr
    )
    assert not (tmp_path / "c").exists()


def test_without_a_city_the_copy_keeps_the_upstream_id_and_says_so(run, gera, tmp_path):
    result = run("adopt", gera, "--into", tmp_path / "copy")  # stdin is not a terminal: nothing is asked

    assert result.exit_code == 0, result.stderr
    assert _load(tmp_path / "copy" / "blueprint.yaml")["id"] == "gera-open-data-portal"
    assert "warning: the copy keeps the id 'gera-open-data-portal' of the original until you give it its own" in (
        result.stderr
    )
    assert "- [ ] Der Kopie eine eigene `id` geben (sie hat noch die von Gera, `gera-open-data-portal`)" in (
        (tmp_path / "copy" / "ADOPTION-CHECKLIST.md").read_text(encoding="utf-8")
    )


def test_lang_writes_the_copy_in_that_language(run, gera, tmp_path):
    result = run("adopt", gera, "--into", tmp_path / "copy", "--lang", "en", "--city", "Musterstadt")

    assert result.exit_code == 0, result.stderr
    text = (tmp_path / "copy" / "blueprint.yaml").read_text(encoding="utf-8")
    assert text.startswith(
        "# yaml-language-server: $schema=https://schema.kltransfer.de/blueprint/1.2/blueprint.schema.json\n"
    )
    assert "  population: 'TODO: number of inhabitants'\n" in text
    assert "## Lessons from Gera\n" in (tmp_path / "copy" / "ADOPTION-CHECKLIST.md").read_text(encoding="utf-8")
    assert "the copy's id: musterstadt-open-data-portal" in result.stderr


def test_a_project_of_several_cities_becomes_the_adopters_one_city(run, tmp_path):
    result = run(
        "adopt",
        EXAMPLES / "connected-urban-twins",
        "--into",
        tmp_path / "copy",
        "--city",
        "Musterstadt",
        "--set",
        "city.state=DE-BY",
    )

    assert result.exit_code == 0, result.stderr
    data = _load(tmp_path / "copy" / "blueprint.yaml")
    assert "cities" not in data
    assert data["city"]["name"] == "Musterstadt"
    assert data["id"] == "musterstadt-connected-urban-twins"
    assert data["origin"]["city"] == "Hamburg"  # the lead city
    assert sorted(data["origin"]["upstream"]) == ["partners", "support", "timeline"]
    assert "transfer" not in data  # it held only the support the three cities offer
    assert run("validate", tmp_path / "copy").exit_code == 0


def test_update_brings_the_upstreams_new_history_into_origin_only(run, gera, tmp_path):
    copy = tmp_path / "copy"
    assert run("adopt", gera, "--into", copy, "--city", "Musterstadt").exit_code == 0
    blueprint = gera / "blueprint.yaml"
    blueprint.write_text(
        replace_once(
            "      title: {de: 180 Datensätze veröffentlicht, en: 180 data sets published}\n      done: true\n",
            "      title: {de: 180 Datensätze veröffentlicht, en: 180 data sets published}\n      done: true\n"
            "    - date: 2026-03-01\n      title: Zweiter Open Data Day\n      done: true\n",
        )(blueprint.read_text("utf-8")).replace("version: 1.0.0\n", "version: 1.1.0\n"),
        "utf-8",
    )

    result = run("update", copy)

    assert result.exit_code == 0, result.stderr
    data = _load(copy / "blueprint.yaml")
    assert "timeline" not in data
    assert data["origin"]["upstream"]["timeline"]["milestones"][-1]["title"] == "Zweiter Open Data Day"
    assert data["version"] == "1.1.0"
    assert run("status", copy).exit_code == 0


def test_a_copy_adopted_before_copies_were_own_keeps_updating_as_it_was(run, gera, tmp_path):
    """A record without ``scheme`` (adopted by an earlier kltransfer): the reset stays the one it had."""
    copy = tmp_path / "copy"
    assert run("adopt", gera, "--into", copy, "--city", "Musterstadt").exit_code == 0
    state_file = copy / ".kltransfer" / "adoption.json"
    state = json.loads(state_file.read_text("utf-8"))
    state["context"] = {"city": "Musterstadt", "sets": [], "lang": "de"}
    state_file.write_text(json.dumps(state), "utf-8")
    old = reset_text(
        (copy / ".kltransfer" / "base" / "blueprint.yaml").read_text("utf-8"), LocalContext("Musterstadt", (), "de")
    )
    origin = yaml.safe_load((copy / "blueprint.yaml").read_text("utf-8"))["origin"]
    origin.pop("city"), origin.pop("upstream")
    (copy / "blueprint.yaml").write_text(insert_top_level(old, None, "origin", origin), "utf-8")
    assert "\nid: gera-open-data-portal\n" in old and "\ntimeline:\n" in old

    assert json.loads(run("status", copy, "--format", "json").stdout)["blueprints"][0]["local_edits"] is False
    blueprint = gera / "blueprint.yaml"
    blueprint.write_text(blueprint.read_text("utf-8").replace("version: 1.0.0\n", "version: 1.0.1\n"), "utf-8")
    assert run("update", copy).exit_code == 0
    text = (copy / "blueprint.yaml").read_text("utf-8")
    assert "\nid: gera-open-data-portal\n" in text and "\ntimeline:\n" in text and "\nversion: 1.0.1\n" in text
    assert remove_top_level(text, "origin")[0].count("\norigin:") == 0


def test_the_library_asks_for_what_is_missing(gera, tmp_path):
    asked = []

    def ask(key: str, default: str) -> str:
        asked.append((key, default))
        return {"city": "Musterstadt", "id": ""}[key]  # an empty answer takes the proposal

    result = adopt(AdoptOptions(str(gera), tmp_path / "copy", ask=ask))

    assert asked == [("city", ""), ("id", "musterstadt-open-data-portal")]
    assert (result.id, result.id_kept) == ("musterstadt-open-data-portal", False)
    assert _load(tmp_path / "copy" / "blueprint.yaml")["city"]["name"] == "Musterstadt"


def test_adopt_asks_on_a_terminal(gera, tmp_path):
    pexpect = pytest.importorskip("pexpect")
    exe = str(Path(sys.executable).with_name("kltransfer"))
    child = pexpect.spawn(
        exe,
        ["adopt", str(gera), "--into", str(tmp_path / "copy"), "--set", "city.state=DE-BY"],
        env={**dict(__import__("os").environ), "LANG": "de_DE.UTF-8", "LANGUAGE": "", "NO_COLOR": "1"},
        encoding="utf-8",
        timeout=120,
        dimensions=(50, 200),
    )
    child.expect("Name Ihrer Kommune")
    child.sendline("Musterstadt")
    child.expect(r"Kennung \(id\) Ihrer Kopie\S* \S*\(musterstadt-open-data-portal\)")
    child.sendline("Musterstadt Portal")
    child.expect("'Musterstadt Portal' ist keine gültige Kennung; verwenden Sie Kleinbuchstaben")
    child.sendline("musterstadt-daten")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    data = _load(tmp_path / "copy" / "blueprint.yaml")
    assert (data["id"], data["city"]["name"]) == ("musterstadt-daten", "Musterstadt")
