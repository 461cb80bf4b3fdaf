"""`kltransfer new` for every kind and language: valid, strict fails on TODOs, strict passes once filled."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from kltransfer.schema import CURRENT
from tests.scaffold_helpers import KINDS, fill_file

SCHEMA_LINE = "# yaml-language-server: $schema=https://schema.kltransfer.de/blueprint/"
_FIELD = re.compile(r"^ *(?:- )?[a-z_]+:")


def assert_every_field_is_commented(text: str) -> None:
    lines = text.splitlines()
    bare = [
        line
        for i, line in enumerate(lines)
        if _FIELD.match(line) and "  # " not in line and not lines[i - 1].lstrip().startswith("# ")
    ]
    assert bare == []


def test_list_kinds_prints_id_two_spaces_description(run) -> None:
    result = run("new", "--list-kinds", "--lang", "en")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [line.split("  ", 1)[0] for line in lines] == list(KINDS)
    assert lines[2] == "sensor-network  Sensor / IoT network (e.g. LoRaWAN) with an open data interface"
    assert all(re.fullmatch(r"[a-z-]+  \S.*", line) for line in lines)


def test_list_kinds_language_follows_the_locale(run) -> None:
    german = run("new", "--list-kinds", env={"LANG": "de_DE.UTF-8", "LC_ALL": ""})
    english = run("new", "--list-kinds", env={"LANG": "de_DE.UTF-8", "LC_ALL": "en_GB.UTF-8"})
    assert german.stdout.splitlines()[0] == "generic  Allgemeines Smart-City-Projekt, wenn keine andere Art passt"
    assert english.stdout.splitlines()[0] == "generic  General smart city project, when no other kind fits"


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("kind", KINDS)
def test_scaffold_is_valid_strict_fails_until_filled(run, tmp_path: Path, kind: str, lang: str) -> None:
    target = tmp_path / "bp"
    created = run("new", target, "--kind", kind, "--no-input", "--set", "title=Digitale Stadt: Teil 1", "--lang", lang)
    assert created.exit_code == 0, created.stderr
    blueprint = target / "blueprint.yaml"
    text = blueprint.read_text(encoding="utf-8")
    assert text.startswith(SCHEMA_LINE)
    folder = f"{CURRENT}/de" if lang == "de" else CURRENT  # a German scaffold names the German schema
    assert text.splitlines()[0] == f"{SCHEMA_LINE}{folder}/blueprint.schema.json"
    data = yaml.safe_load(text)
    assert data["kind"] == kind
    assert data["title"] == "Digitale Stadt: Teil 1"
    assert data["id"] == "bp"

    assert run("validate", target).exit_code == 0
    strict = run("validate", "--strict", target)
    assert strict.exit_code == 1
    assert " KT220 " in strict.stdout
    assert {m for m in re.findall(r" (KT\d{3}) ", strict.stdout)} == {"KT220"}
    todo_hint = "noch auszufüllen" if lang == "de" else "still to be filled in"
    assert todo_hint in text

    assert_every_field_is_commented(text)

    assert fill_file(blueprint) > 10
    filled = run("validate", "--strict", target)
    assert filled.exit_code == 0, filled.stdout
    values = [line.split("#", 1)[0] for line in blueprint.read_text(encoding="utf-8").splitlines()]
    assert not [v for v in values if "TODO" in v]


@pytest.mark.parametrize(
    "lang, comment", [("de", "# Name der Stadt oder Gemeinde"), ("en", "# Name of the city or municipality")]
)
def test_comments_are_in_the_chosen_language(run, tmp_path: Path, lang: str, comment: str) -> None:
    assert run("new", tmp_path / "bp", "--no-input", "--lang", lang).exit_code == 0
    lines = (tmp_path / "bp" / "blueprint.yaml").read_text(encoding="utf-8").splitlines()
    index = lines.index("  " + comment)
    assert lines[index + 1].startswith("  name: ")


def test_language_follows_the_configuration_else_the_locale_else_english(run, tmp_path: Path, monkeypatch) -> None:
    assert run("new", tmp_path / "de", "--no-input", env={"LC_ALL": "", "LANG": "de_DE.UTF-8"}).exit_code == 0
    assert run("new", tmp_path / "fr", "--no-input", env={"LC_ALL": "", "LANG": "fr_FR.UTF-8"}).exit_code == 0
    german = yaml.safe_load((tmp_path / "de" / "blueprint.yaml").read_text(encoding="utf-8"))
    fallback = yaml.safe_load((tmp_path / "fr" / "blueprint.yaml").read_text(encoding="utf-8"))
    assert german["contacts"][0]["role"] == "Projektleitung"
    assert fallback["contacts"][0]["role"] == "Project lead"
    work = tmp_path / "work"
    work.mkdir()
    (work / ".kltransfer.yaml").write_text("lang: de\n", encoding="utf-8")
    monkeypatch.chdir(work)
    assert run("new", "configured", "--no-input", env={"LANG": "en_US.UTF-8"}).exit_code == 0
    configured = yaml.safe_load((work / "configured" / "blueprint.yaml").read_text(encoding="utf-8"))
    assert configured["contacts"][0]["role"] == "Projektleitung"


def test_kind_answers_change_the_blueprint(run, tmp_path: Path) -> None:
    args = ("--kind", "sensor-network", "--no-input", "--lang", "en")
    assert run("new", tmp_path / "a", *args, "--set", "sensor.personal_data=yes").exit_code == 0
    assert run("new", tmp_path / "b", *args, "--set", "sensor.radio=nb-iot").exit_code == 0
    a = yaml.safe_load((tmp_path / "a" / "blueprint.yaml").read_text(encoding="utf-8"))
    b = yaml.safe_load((tmp_path / "b" / "blueprint.yaml").read_text(encoding="utf-8"))
    assert a["privacy"]["personal_data"] is True
    assert b["privacy"]["personal_data"].startswith("TODO")  # not answered: asked, never assumed
    assert "LoRaWAN 1.0.x (EU868)" in [s["name"] for s in a["standards"]]
    assert "LoRaWAN 1.0.x (EU868)" not in [s["name"] for s in b["standards"]]
    assert "OGC SensorThings API 1.1" in [s["name"] for s in b["standards"]]


def test_essential_answers_land_in_the_blueprint(run, tmp_path: Path) -> None:
    result = run(
        "new",
        tmp_path / "bp",
        "--kind",
        "open-data",
        "--no-input",
        "--lang",
        "de",
        "--set",
        "city.name=Kaiserslautern",
        "--set",
        "city.state=de-rp",
        "--set",
        "fields_of_action=mobility, energy",
        "--set",
        "phase=P4",
        "--set",
        "contact.role=Smart-City-Büro",
        "--set",
        "licence=CC0-1.0",
        "--set",
        "contact.email=smartcity@kaiserslautern.de",
        "--set",
        "open_data.licence=CC-BY-4.0",
    )
    assert result.exit_code == 0, result.stderr
    data = yaml.safe_load((tmp_path / "bp" / "blueprint.yaml").read_text(encoding="utf-8"))
    assert data["city"]["name"] == "Kaiserslautern"
    assert data["city"]["state"] == "DE-RP"
    assert data["fields_of_action"] == ["mobility", "energy"]
    assert (data["phase"], data["status"]) == ("P4", "operating")
    assert data["contacts"][0] == {
        "role": "Smart-City-Büro",
        "email": "smartcity@kaiserslautern.de",
        "organisation": "TODO: Organisation der Ansprechperson",
    }
    assert data["licence"] == "CC0-1.0"
    assert data["data"][0]["licence"] == "CC-BY-4.0"
