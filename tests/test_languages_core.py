"""adopt, status, update, diff, list, catalog build and export in German and English.

Exact texts in both languages where they matter; the language of what adopt writes into a
copy (the blueprint's, or --lang); worker processes that keep the language of the messages;
and whole runs in one language (``LANG``, ``lang:`` in .kltransfer.yaml) that print no
sentence of the other, checked against the message catalog.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from tests.adoption_helpers import snapshot_tree
from tests.conftest import ROOT, write_tree

GERMAN = {"LANG": "de_DE.UTF-8"}
ENGLISH = {"LANG": "en_US.UTF-8"}

#: A blueprint written in German only (plain texts, as `kltransfer new --lang de` writes them).
BLUEPRINT_DE = """\
kltransfer: "1.1"
id: parksensoren-innenstadt
version: 1.0.0
title: Parksensoren für die Innenstadt
summary: Sensoren melden freie Parkplätze und die Stadt zeigt sie in einer App an.
licence: CC-BY-4.0
city:
  name: Musterstadt
  state: DE-RP
  population: 50000
fields_of_action: [mobility]
phase: P3
contacts:
  - role: Projektleitung
    name: Erika Muster
    email: erika@example.org
costs:
  currency: EUR
  investment:
    total: 540000
    note: Ohne Personalkosten.
transfer:
  prerequisites:
    - Beschluss des Stadtrats
  adaptations:
    technical:
      - Sensoren an die Straßen anpassen
  risks:
    - risk: Sensoren fallen aus
      mitigation: Wartungsvertrag abschließen
  checklist:
    - Datenschutz geprüft
"""

#: A blueprint in English first, with German beside it.
BLUEPRINT_EN = """\
kltransfer: "1.1"
id: parking-sensors
version: 1.0.0
title:
  en: Parking sensors for the city centre
  de: Parksensoren für die Innenstadt
summary:
  en: Sensors report free parking spaces and the city shows them in an app.
  de: Sensoren melden freie Parkplätze und die Stadt zeigt sie in einer App an.
licence: CC-BY-4.0
city:
  name: Sampletown
  state: DE-RP
  population: 50000
fields_of_action: [mobility]
phase: P3
contacts:
  - role: project lead
    name: Erika Muster
    email: erika@example.org
costs:
  currency: EUR
  investment:
    total: 540000
    note:
      en: Without staff costs.
      de: Ohne Personalkosten.
transfer:
  prerequisites:
    - en: Council decision
      de: Beschluss des Stadtrats
  risks:
    - risk: {en: Sensors fail, de: Sensoren fallen aus}
      mitigation: {en: Sign a maintenance contract, de: Wartungsvertrag abschließen}
  checklist:
    - {en: Data protection checked, de: Datenschutz geprüft}
"""


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    """``src-de`` and ``src-en``: one blueprint folder each."""
    write_tree(tmp_path, {"src-de/blueprint.yaml": BLUEPRINT_DE, "src-en/blueprint.yaml": BLUEPRINT_EN})
    return tmp_path


def _today(lang: str) -> str:
    from kltransfer.i18n.numbers import format_date

    return format_date(dt.date.today().isoformat(), lang)


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


# --- the language of a blueprint and of an adopted copy ---------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"title": {"de": "Parksensoren", "en": "Parking sensors"}}, "de"),
        ({"title": {"en": "Parking sensors", "de": "Parksensoren"}}, "en"),
        ({"title": {"de-CH": "Parksensoren"}}, "de"),
        ({"title": {"fr": "Capteurs", "en": "Sensors"}}, "en"),
        ({"title": "Parking", "summary": {"de": "Sensoren für die Stadt"}}, "de"),
        ({"title": "Parksensoren für die Innenstadt"}, "de"),
        ({"title": "Parking sensors", "summary": "Sensors report free spaces to the city."}, "en"),
        ({"title": "Smart Parking"}, None),
        ({}, None),
        ("not a mapping", None),
    ],
)
def test_the_language_of_a_blueprint(data: object, expected: str | None) -> None:
    from kltransfer.adoption.language import blueprint_language

    assert blueprint_language(data) == expected


def test_lang_wins_over_the_blueprint_which_wins_over_the_messages() -> None:
    from kltransfer.adoption.language import copy_language
    from kltransfer.i18n import set_language

    german = {"title": {"de": "Parksensoren"}}
    assert copy_language("en", german) == "en"
    assert copy_language(None, german) == "de"
    set_language("de")
    try:
        assert copy_language(None, {"title": "Smart Parking"}) == "de"
    finally:
        set_language("en")
    assert copy_language(None, {"title": "Smart Parking"}) == "en"


#: The checklist adopt writes, by the language of the blueprint (whatever the locale).
CHECKLISTS = {
    "de": """\
# Checkliste zur Nachnutzung: Parksensoren für die Innenstadt

Nachgenutzt aus {source}, Blueprint `parksensoren-innenstadt` in Version 1.0.0, am {date}.
Haken Sie die Punkte ab, sobald Ihre Kommune sie erledigt hat; `kltransfer update` überschreibt diese Datei nie.

## Voraussetzungen

- [ ] Beschluss des Stadtrats

## Anpassungen

### Technisch

- [ ] Sensoren an die Straßen anpassen

## Risiken

- [ ] Sensoren fallen aus — Gegenmaßnahme: Wartungsvertrag abschließen

## Checkliste von Musterstadt

- [ ] Datenschutz geprüft

## Angaben Ihrer Kommune

- [ ] Jeden `TODO`-Platzhalter ausfüllen (`kltransfer validate` listet sie als KT220)
- [ ] Eigene Ansprechpersonen eintragen
- [ ] Titel, Zusammenfassung und Beschreibung prüfen: sie beschreiben das Projekt in Musterstadt
- [ ] Die Kostenangaben (aus Musterstadt) durch eine eigene Schätzung ersetzen
- [ ] `city.state` prüfen: der Wert (DE-RP) wurde aus der Ursprungsfassung übernommen
- [ ] Der Kopie eine eigene `id` geben (sie hat noch die von Musterstadt, `parksensoren-innenstadt`), \
z. B. `<ihre-kommune>-parksensoren-innenstadt`
- [ ] Musterstadt mitteilen, dass Sie das Projekt nachnutzen: dort kann Ihre Kommune im Blueprint unter \
`transfer.adopters` mit diesem Eintrag aufgeführt werden (den Status mit der Zeit anpassen: piloting, operating):

      ```yaml
      - city:
          name: 'TODO: Name der nachnutzenden Kommune'
          state: DE-RP
        since: '{since}'
        version: 1.0.0
        status: planned
      ```
""",
    "en": """\
# Adoption checklist: Parking sensors for the city centre

Adopted from {source}, blueprint `parking-sensors` version 1.0.0, on {date}.
Tick the items off as your city completes them; `kltransfer update` never rewrites this file.

## Prerequisites

- [ ] Council decision

## Risks

- [ ] Sensors fail — mitigation: Sign a maintenance contract

## Checklist of Sampletown

- [ ] Data protection checked

## Local context

- [ ] Fill in every `TODO` placeholder (`kltransfer validate` lists them as KT220)
- [ ] Name your own contacts
- [ ] Check the title, the summary and the description: they describe the project in Sampletown
- [ ] Replace the cost figures, which are Sampletown's, with your own estimate
- [ ] Check `city.state`: it was kept from the origin (DE-RP)
- [ ] Give the copy its own `id` (it still has Sampletown's, `parking-sensors`), e.g. `<your-city>-parking-sensors`
- [ ] Tell Sampletown that you adopted the project: it can list your city in its blueprint under \
`transfer.adopters` with this entry (change the status as you go: piloting, operating):

      ```yaml
      - city:
          name: 'TODO: name of the adopting city'
          state: DE-RP
        since: '{since}'
        version: 1.0.0
        status: planned
      ```
""",
}

#: What the copy holds in place of the origin's local context, by the language of the blueprint.
RESET = {
    "de": {
        "city": {
            "name": "TODO: Name der nachnutzenden Kommune",
            "state": "DE-RP",
            "population": "TODO: Zahl der Einwohnerinnen und Einwohner",
            "organisation": "TODO: Name der Verwaltung, die das Projekt umsetzt",
        },
        "contacts": [{"role": "TODO: Rolle, z. B. Projektleitung", "email": "TODO: E-Mail-Adresse"}],
        "note": "Die Zahlen stammen aus Musterstadt (aus dem nachgenutzten Blueprint); ersetzen Sie sie durch Ihre"
        " eigenen. Ohne Personalkosten.",
    },
    "en": {
        "city": {
            "name": "TODO: name of the adopting city",
            "state": "DE-RP",
            "population": "TODO: number of inhabitants",
            "organisation": "TODO: name of the administration that runs the project",
        },
        "contacts": [{"role": "TODO: role, e.g. project lead", "email": "TODO: e-mail address"}],
        # a note given per language gets the marker in each of its languages
        "note": {
            "en": "The figures are Sampletown's (from the adopted blueprint); replace them with your own."
            " Without staff costs.",
            "de": "Die Zahlen stammen aus Sampletown (aus dem nachgenutzten Blueprint); ersetzen Sie sie durch Ihre"
            " eigenen. Ohne Personalkosten.",
        },
    },
}


@pytest.mark.parametrize(("lang", "locale"), [("de", ENGLISH), ("en", GERMAN)])
def test_the_copy_and_its_checklist_follow_the_blueprints_language_not_the_locale(
    run, sources: Path, lang: str, locale: dict
) -> None:
    copy = sources / "copy"
    result = run("adopt", sources / f"src-{lang}", "--into", copy, env=locale)

    assert result.exit_code == 0, result.stderr
    since = dt.date.today().isoformat()
    expected = CHECKLISTS[lang].format(source=sources / f"src-{lang}", date=_today(lang), since=since)
    assert (copy / "ADOPTION-CHECKLIST.md").read_text(encoding="utf-8") == expected
    data = _load(copy / "blueprint.yaml")
    reset = RESET[lang]
    assert (data["city"], data["contacts"], data["costs"]["investment"]["note"]) == (
        reset["city"],
        reset["contacts"],
        reset["note"],
    )
    state = json.loads((copy / ".kltransfer" / "adoption.json").read_text(encoding="utf-8"))
    assert state["context"] == {"city": None, "sets": [], "lang": lang, "id": None, "scheme": 2}
    # the placeholders in either language are placeholders like any other
    validated = run("validate", copy, "--format", "json")
    assert validated.exit_code == 0, validated.stdout
    assert validated.stdout.count('"code": "KT220"') == 5


def test_lang_chooses_the_language_of_the_copy(sources: Path) -> None:
    from kltransfer.adoption.adopt import AdoptOptions, adopt

    result = adopt(AdoptOptions(str(sources / "src-en"), sources / "copy", sets=["city.state=DE-BY"], lang="de"))

    assert result.lang == "de"
    checklist = (sources / "copy" / "ADOPTION-CHECKLIST.md").read_text(encoding="utf-8")
    # the headings in German, and the blueprint's own texts in German where it has them
    assert checklist.startswith("# Checkliste zur Nachnutzung: Parksensoren für die Innenstadt\n")
    assert "## Voraussetzungen\n\n- [ ] Beschluss des Stadtrats\n" in checklist
    assert "## Checkliste von Sampletown\n\n- [ ] Datenschutz geprüft\n" in checklist
    assert _load(sources / "copy" / "blueprint.yaml")["city"]["name"] == "TODO: Name der nachnutzenden Kommune"


# --- errors of every command, exactly, in both languages ----------------------------------


def _not_empty(s: Path) -> tuple[list, dict]:
    write_tree(s / "taken", {"notes.txt": "mine"})
    return ["adopt", s / "src-de", "--into", s / "taken"], {"dest": s / "taken"}


def _empty_folder(s: Path) -> tuple[list, dict]:
    (s / "empty").mkdir()
    return ["diff", s / "src-de", s / "empty"], {"empty": s / "empty"}


def _foreign_out(s: Path) -> tuple[list, dict]:
    write_tree(s / "site", {"index.html": "mine"})
    return ["export", s / "src-de", "--out", s / "site"], {"out": s / "site"}


def _bundle_without_manifest(s: Path) -> tuple[list, dict]:
    import zipfile

    with zipfile.ZipFile(s / "x.kltransfer.zip", "w") as archive:
        archive.writestr("source/blueprint.yaml", BLUEPRINT_DE)
    return ["adopt", s / "x.kltransfer.zip", "--into", s / "copy"], {"bundle": s / "x.kltransfer.zip"}


def _two_with_one_id(s: Path) -> tuple[list, dict]:
    write_tree(s, {"more/blueprint.yaml": BLUEPRINT_DE})
    first, second = s / "more" / "blueprint.yaml", s / "src-de" / "blueprint.yaml"
    return ["export", s / "more", s / "src-de", "--out", s / "site"], {"first": first, "second": second}


def _foreign_catalog(s: Path) -> tuple[list, dict]:
    write_tree(s / "site", {"index.html": "mine"})
    return ["catalog", "build", s / "src-de", "--out", s / "site"], {"out": s / "site"}


#: case -> (what to run, given the sources folder), exit code, stderr in English and in German
ERRORS: dict[str, tuple[Callable[[Path], tuple[list, dict]], int, str, str]] = {
    "adopt-not-empty": (
        _not_empty,
        2,
        "kltransfer: error KT904: '{dest}' is not empty\n"
        "  hint: choose an empty or new folder, or pass --force to overwrite\n",
        "kltransfer: Fehler KT904: '{dest}' ist nicht leer\n"
        "  Hinweis: wählen Sie einen leeren oder neuen Ordner, oder überschreiben Sie mit --force\n",
    ),
    "adopt-into-its-source": (
        lambda s: (
            ["adopt", s / "src-de", "--into", s / "src-de", "--force"],
            {"src": s / "src-de", "real": (s / "src-de").resolve()},
        ),
        2,
        "kltransfer: error KT911: refusing to write there: '{src}' is the source '{real}' itself; nothing was "
        "written\n  hint: choose a folder for --into outside every source, e.g. a new folder beside them\n",
        "kltransfer: Fehler KT911: dorthin wird nicht geschrieben: '{src}' ist die Quelle '{real}' selbst; nichts "
        "wurde geschrieben\n  Hinweis: wählen Sie für --into einen Ordner außerhalb aller Quellen, z. B. einen "
        "neuen Ordner daneben\n",
    ),
    "adopt-bad-source": (
        lambda s: (["adopt", "ext::sh -c true", "--into", s / "copy"], {}),
        2,
        "kltransfer: error KT900: refusing the source 'ext::sh -c true': the transport 'ext::' is not allowed "
        "(it can run commands)\n  hint: give an https://, ssh://, git:// or file:// URL, a local folder or a "
        ".kltransfer.zip bundle\n",
        "kltransfer: Fehler KT900: die Quelle 'ext::sh -c true' wird abgelehnt: die Übertragungsart 'ext::' ist "
        "nicht erlaubt (sie kann Befehle ausführen)\n  Hinweis: geben Sie eine Adresse mit https://, ssh://, "
        "git:// oder file://, einen lokalen Ordner oder ein .kltransfer.zip-Paket an\n",
    ),
    "adopt-bundle-without-manifest": (
        _bundle_without_manifest,
        2,
        "kltransfer: error KT901: refusing the bundle '{bundle}': it has no manifest.json\n"
        "  hint: ask its publisher for a bundle written by 'kltransfer export --bundle'\n",
        "kltransfer: Fehler KT901: das Paket '{bundle}' wird abgelehnt: es enthält keine manifest.json\n"
        "  Hinweis: bitten Sie die Herausgeber um ein Paket, das mit 'kltransfer export --bundle' erstellt wurde\n",
    ),
    "adopt-offline-not-cached": (
        lambda s: (["adopt", "https://git.example.org/city/blueprints.git", "--into", s / "copy", "--offline"], {}),
        2,
        "kltransfer: error KT901: 'https://git.example.org/city/blueprints.git' is not in the cache, and --offline "
        "forbids fetching it\n  hint: run once without --offline to fill the cache\n",
        "kltransfer: Fehler KT901: 'https://git.example.org/city/blueprints.git' ist nicht im Zwischenspeicher, und "
        "--offline verbietet das Herunterladen\n  Hinweis: führen Sie den Befehl einmal ohne --offline aus, um den "
        "Zwischenspeicher zu füllen\n",
    ),
    "status-nothing-adopted": (
        lambda s: (["status", s / "src-en"], {"src": s / "src-en"}),
        2,
        "kltransfer: error KT901: no adopted blueprint (one with an origin) found in {src}\n"
        "  hint: adopt one with 'kltransfer adopt SOURCE --into DIR'\n",
        "kltransfer: Fehler KT901: in {src} wurde kein nachgenutzter Blueprint (einer mit origin) gefunden\n"
        "  Hinweis: nutzen Sie einen mit 'kltransfer adopt QUELLE --into ORDNER' nach\n",
    ),
    "diff-folder-without-blueprint": (
        _empty_folder,
        2,
        "kltransfer: error KT901: '{empty}' is a folder without a blueprint.yaml\n"
        "  hint: give two blueprint files or their folders\n",
        "kltransfer: Fehler KT901: '{empty}' ist ein Ordner ohne blueprint.yaml\n"
        "  Hinweis: geben Sie zwei Blueprint-Dateien oder deren Ordner an\n",
    ),
    "list-filter-not-a-number": (
        lambda s: (["list", s / "src-de", "--where", "city.population<many"], {}),
        2,
        "kltransfer: error KT900: 'many' in the filter 'city.population<many' is not a number; < compares "
        "numbers\n  hint: write a number such as 50000 or 1.5, or use = or ~ to compare text\n",
        "kltransfer: Fehler KT900: 'many' im Filter 'city.population<many' ist keine Zahl; < vergleicht "
        "Zahlen\n  Hinweis: schreiben Sie eine Zahl wie 50000 oder 1.5, oder vergleichen Sie Text mit = oder ~\n",
    ),
    "export-foreign-folder": (
        _foreign_out,
        2,
        "kltransfer: error KT911: the folder '{out}' is not empty and was not written by kltransfer export\n"
        "  hint: choose a new or empty folder, or pass --force to write into it (kltransfer keeps every file "
        "in it that it did not write)\n",
        "kltransfer: Fehler KT911: der Ordner '{out}' ist nicht leer und wurde nicht von kltransfer export "
        "geschrieben\n  Hinweis: wählen Sie einen neuen oder leeren Ordner, oder schreiben Sie mit --force "
        "hinein (kltransfer behält jede Datei darin, die es nicht selbst geschrieben hat)\n",
    ),
    "export-inside-its-source": (
        lambda s: (
            ["export", s / "src-de", "--out", s / "src-de" / "site"],
            {"out": s / "src-de" / "site", "src": (s / "src-de").resolve()},
        ),
        2,
        "kltransfer: error KT911: refusing to write there: '{out}' lies inside the source '{src}'; nothing was "
        "written\n  hint: choose a folder for --out outside every source, e.g. a new folder beside them\n",
        "kltransfer: Fehler KT911: dorthin wird nicht geschrieben: '{out}' liegt in der Quelle '{src}'; nichts "
        "wurde geschrieben\n  Hinweis: wählen Sie für --out einen Ordner außerhalb aller Quellen, z. B. einen "
        "neuen Ordner daneben\n",
    ),
    "export-missing-theme": (
        lambda s: (["export", s / "src-de", "--out", s / "site", "--theme", s / "no-theme"], {"theme": s / "no-theme"}),
        2,
        "kltransfer: error KT910: the theme folder '{theme}' does not exist\n"
        "  hint: give a folder that mirrors templates/export/ with the files to override\n",
        "kltransfer: Fehler KT910: der Theme-Ordner '{theme}' existiert nicht\n"
        "  Hinweis: geben Sie einen Ordner an, der wie templates/export/ aufgebaut ist und die zu ersetzenden "
        "Dateien enthält\n",
    ),
    "export-duplicate-id": (
        _two_with_one_id,
        1,
        "kltransfer: error KT912: {second} and {first} have the same id 'parksensoren-innenstadt'\n"
        "  hint: give each blueprint its own id, or export them separately\n",
        "kltransfer: Fehler KT912: {second} und {first} haben dieselbe id 'parksensoren-innenstadt'\n"
        "  Hinweis: geben Sie jedem Blueprint eine eigene id, oder exportieren Sie sie getrennt\n",
    ),
    "catalog-foreign-folder": (
        _foreign_catalog,
        2,
        "kltransfer: error KT911: the folder '{out}' is not empty and was not written by kltransfer catalog "
        "build\n  hint: choose a new or empty folder, or pass --force to write into it (kltransfer keeps every "
        "file in it that it did not write)\n",
        "kltransfer: Fehler KT911: der Ordner '{out}' ist nicht leer und wurde nicht von kltransfer catalog build "
        "geschrieben\n  Hinweis: wählen Sie einen neuen oder leeren Ordner, oder schreiben Sie mit --force "
        "hinein (kltransfer behält jede Datei darin, die es nicht selbst geschrieben hat)\n",
    ),
    "export-unknown-format": (
        lambda s: (["export", s / "src-de", "--out", s / "site", "-f", "odt"], {}),
        2,
        "kltransfer: error KT900: unknown format 'odt'\n  hint: choose from: {formats}\n",
        "kltransfer: Fehler KT900: unbekanntes Format 'odt'\n  Hinweis: möglich sind: {formats}\n",
    ),
}


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("case", list(ERRORS))
def test_errors_are_exact_in_both_languages_and_write_nothing(run, sources: Path, case: str, lang: str) -> None:
    from kltransfer.export.formats import FORMATS

    prepare, code, english, german = ERRORS[case]
    args, values = prepare(sources)
    before = snapshot_tree(sources)
    result = run(*args, env=GERMAN if lang == "de" else ENGLISH)
    expected = (german if lang == "de" else english).format(formats=", ".join(FORMATS), **values)
    assert (result.exit_code, result.stderr) == (code, expected)
    assert snapshot_tree(sources) == before


# --- status and update ------------------------------------------------------------------


def _prepare_conflict(run: Callable, sources: Path, name: str) -> Path:
    """Adopt ``src-<name>`` as ``copy-<name>`` and change the licence in both: updating then conflicts."""
    src, copy = sources / f"src-{name}", sources / f"copy-{name}"
    assert run("adopt", src, "--into", copy, "--set", "city.state=DE-BY").exit_code == 0
    for path, licence in ((copy / "blueprint.yaml", "CC0-1.0"), (src / "blueprint.yaml", "MIT")):
        text = path.read_text(encoding="utf-8")
        assert text.count("licence: CC-BY-4.0\n") == 1
        path.write_text(text.replace("licence: CC-BY-4.0\n", f"licence: {licence}\n"), encoding="utf-8")
    text = (src / "blueprint.yaml").read_text(encoding="utf-8")
    (src / "blueprint.yaml").write_text(text.replace("version: 1.0.0\n", "version: 1.1.0\n"), encoding="utf-8")
    return copy


@pytest.mark.parametrize(
    ("name", "ours", "theirs"), [("de", "lokal", "Ursprung 1.1.0"), ("en", "local", "upstream 1.1.0")]
)
def test_conflict_markers_are_labelled_in_the_language_of_the_copy(
    run, sources: Path, name: str, ours: str, theirs: str
) -> None:
    copy = _prepare_conflict(run, sources, name)

    assert run("update", copy).exit_code == 1
    text = (copy / "blueprint.yaml").read_text(encoding="utf-8")
    assert f"<<<<<<< {ours}\nlicence: CC0-1.0\n=======\nlicence: MIT\n>>>>>>> {theirs}\n" in text


def test_update_states_are_named_in_the_language_of_the_messages(sources: Path) -> None:
    from kltransfer.adoption.record import Origin
    from kltransfer.adoption.update import _label, _marker_labels
    from kltransfer.i18n import set_language

    bare = Origin(source="/x", blueprint="b", adopted="2026-01-01")
    newer = Origin(source="/x", blueprint="b", adopted="2026-02-01", version="2.0.0")
    assert _marker_labels(bare, newer, "de") == ("lokal", "nachgenutzt nachgenutzt", "Ursprung 2.0.0")
    assert _label(bare) == "adopted"
    set_language("de")
    try:
        assert _label(bare) == "nachgenutzt"
    finally:
        set_language("en")


# --- diff -------------------------------------------------------------------------------


def test_diff_names_the_whole_file_in_the_language_of_the_messages() -> None:
    import io

    from kltransfer.diff.semantic import diff_data, write_json, write_text
    from kltransfer.i18n import set_language

    changes = diff_data([1], {"a": 1})
    shown = io.StringIO()
    set_language("de")
    try:
        write_text(changes, shown)
        data = io.StringIO()
        write_json(changes, data, old="a", new="b")
    finally:
        set_language("en")
    assert shown.getvalue() == '~ (oberste Ebene): [1] -> {"a": 1}\n'
    assert json.loads(data.getvalue())["changes"][0]["path"] == "(top level)"  # JSON stays stable


# --- list -------------------------------------------------------------------------------


def test_list_writes_headers_count_and_money_for_the_language(run, sources: Path) -> None:
    german = run("list", sources / "src-de", sources / "src-en", env=GERMAN)
    english = run("list", sources / "src-de", sources / "src-en", "--lang", "en", env=GERMAN)

    assert german.exit_code == english.exit_code == 0
    header = german.stdout.splitlines()[1]
    assert re.findall(r"┃ ([^┃]+?) +(?=┃)", header) == [
        "ID",
        "Titel",
        "Stadt",
        "Bundesland",
        "Handlungsfelder",
        "Phase",
        "Lizenz",
        "Investition",
        "Pro Jahr",
    ]
    assert german.stdout.count("540.000\u00a0€") == 2
    assert german.stdout.splitlines()[-1] == "2 Blueprints"
    assert "│ Parksensoren für die Innenstadt" in german.stdout  # the English blueprint's German title
    header = english.stdout.splitlines()[1]
    assert re.findall(r"┃ ([^┃]+?) +(?=┃)", header)[1:4] == ["Title", "City", "State"]
    assert english.stdout.count("€540,000") == 2
    assert english.stdout.splitlines()[-1] == "2 blueprints"
    assert "│ Parking sensors for the city centre" in english.stdout


# --- catalog build and export -----------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        (ENGLISH, "the id 'parksensoren-innenstadt' is already used by {first}; left out of the catalog"),
        (GERMAN, "die id 'parksensoren-innenstadt' wird bereits von {first} verwendet; nicht in den Katalog"),
    ],
)
def test_catalog_build_names_a_duplicate_id(run, sources: Path, env: dict, expected: str) -> None:
    write_tree(sources, {"more/blueprint.yaml": BLUEPRINT_DE})
    result = run("catalog", "build", sources / "src-de", sources / "more", "--out", sources / "site", env=env)
    assert result.exit_code == 1
    assert expected.format(first=sources / "src-de" / "blueprint.yaml") in result.stderr


_WORKERS = """\
import json, multiprocessing, sys
from pathlib import Path

def main():
    # "spawn": the workers inherit nothing, as on macOS and Windows (and Python 3.14's default)
    multiprocessing.set_start_method("spawn", force=True)
    from kltransfer.catalog import build
    from kltransfer.export.run import export
    from kltransfer.i18n import set_language

    set_language("de")
    build.PARALLEL_THRESHOLD = 1
    root = Path(sys.argv[1])
    built = build.build_catalog([str(root / "src")], root / "site", lang="en", jobs=2)
    exported = export([str(root / "src")], root / "out", lang="en", jobs=2)
    print(json.dumps({
        "catalog": [f.message for r in built.invalid for f in r.findings],
        "export": [f.message for r in exported.invalid for f in r.findings],
    }))

if __name__ == "__main__":
    main()
"""


def test_worker_processes_speak_the_language_of_the_messages(tmp_path: Path) -> None:
    """Findings made in worker processes are German when the run is; pages stay in the document language."""
    write_tree(tmp_path, {"src/good/blueprint.yaml": BLUEPRINT_EN, "driver.py": _WORKERS})
    (tmp_path / "src" / "broken").mkdir()
    os.mkfifo(tmp_path / "src" / "broken" / "blueprint.yaml")

    done = subprocess.run(
        [sys.executable, str(tmp_path / "driver.py"), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=240,
        cwd=ROOT,
    )

    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    for messages in (found["catalog"], found["export"]):
        assert len(messages) == 1
        assert messages[0].startswith("die Datei kann nicht gelesen werden: ")
    page = (tmp_path / "site" / "blueprints" / "parking-sensors" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in page
    assert '<html lang="en"' in (tmp_path / "out" / "parking-sensors" / "html" / "index.html").read_text("utf-8")


# --- whole runs in one language -----------------------------------------------------------


def _fragments(text: str) -> set[str]:
    """The parts of a message between its placeholders that hold at least two words."""
    parts = (p.strip(" .,;:()'\"") for p in re.split(r"\{[a-z_]*\}|\n", text))
    return {p for p in parts if re.search(r"[A-Za-zÄÖÜäöüß]{2,}\W+[A-Za-zÄÖÜäöüß]{2,}", p)}


def _sentences() -> tuple[set[str], set[str]]:
    """(English, German): the fragments of every message that do not occur in its translation."""
    from babel.messages.pofile import read_po

    with (ROOT / "kltransfer" / "locale" / "de" / "LC_MESSAGES" / "kltransfer.po").open("rb") as handle:
        catalog = read_po(handle)
    english: set[str] = set()
    german: set[str] = set()
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = [s for s in (message.string if isinstance(message.string, tuple) else (message.string,)) if s]
        english |= {f for i in ids for f in _fragments(i) if not any(f in s for s in strings)}
        german |= {f for s in strings for f in _fragments(s) if not any(f in i for i in ids)}
    return english, german


_DRIVER = """\
import contextlib, io, json, sys
from kltransfer.cli.main import run

results = []
for args in json.loads(sys.argv[1]):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = run(args)
    results.append({"args": args, "code": code, "stdout": out.getvalue(), "stderr": err.getvalue()})
print(json.dumps(results))
"""

#: Happy paths and main error paths of the commands, with the exit code each must give.
_SCENARIO: list[tuple[list[str], int]] = [
    (["adopt", "src-de", "--into", "fresh", "--city", "Beispielstadt"], 0),
    (["adopt", "src-en", "--into", "fresh"], 2),  # not empty
    (["adopt", "src-de", "--into", "src-de", "--force"], 2),  # its own folder
    (["adopt", "nowhere", "--into", "other"], 2),  # no such source
    (["status", "fresh", "copy-de"], 1),  # copy-de is behind its source
    (["status", "src-en"], 2),  # nothing adopted
    (["update", "copy-de"], 1),  # a conflict
    (["update", "copy-de"], 1),  # unresolved
    (["diff", "src-de", "src-en"], 1),
    (["diff", "src-de", "empty"], 2),
    (["list", "src-de", "src-en"], 0),
    (["list", "src-de", "--where", "city.population<many"], 2),
    (["catalog", "build", "src-de", "src-en", "dup", "--out", "site"], 1),  # a duplicate id
    (["export", "src-de", "--out", "taken"], 2),
    (["export", "src-de", "--out", "out", "--theme", "no-theme"], 2),
    (["export", "src-de", "--out", "out", "-f", "odt"], 2),
]


def _workspace(root: Path, run: Callable) -> Path:
    write_tree(
        root,
        {
            "src-de/blueprint.yaml": BLUEPRINT_DE,
            "src-en/blueprint.yaml": BLUEPRINT_EN,
            "dup/blueprint.yaml": BLUEPRINT_DE,
            "taken/index.html": "mine",
        },
    )
    (root / "empty").mkdir()
    _prepare_conflict(run, root, "de")
    return root


def _run_scenario(root: Path, env: dict[str, str]) -> list[dict]:
    done = subprocess.run(
        [sys.executable, "-c", _DRIVER, json.dumps([args for args, _ in _SCENARIO])],
        capture_output=True,
        text=True,
        timeout=240,
        cwd=root,
        env={**os.environ, "LANGUAGE": "", **env},
    )
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout)
    assert [(r["args"], r["code"]) for r in results] == [(args, code) for args, code in _SCENARIO], [
        (r["args"], r["code"], r["stderr"][-300:]) for r in results
    ]
    return results


def _leaks(results: list[dict], sentences: set[str]) -> set[tuple[str, str]]:
    """(command, sentence) for every sentence of ``sentences`` in the output of a command."""
    return {(r["args"][0], s) for r in results for s in sentences if s in r["stdout"] + r["stderr"]}


#: English that the command modules themselves still print, until their texts are marked (the
#: part of helper "i18n-cli": the adopt and update hints, catalog build's lines on invalid
#: blueprints). An entry that no longer leaks fails the test, so that this set only shrinks.
@pytest.mark.parametrize(
    ("env", "config"),
    [(GERMAN, None), ({"LANG": "C.UTF-8"}, "lang: de\n")],
    ids=["LANG=de_DE.UTF-8", "lang-de-in-config"],
)
def test_a_german_run_prints_no_english_sentence(run, tmp_path: Path, env: dict, config: str | None) -> None:
    root = _workspace(tmp_path, run)
    if config:
        (root / ".kltransfer.yaml").write_text(config, encoding="utf-8")
    results = _run_scenario(root, env)
    english, german = _sentences()

    assert _leaks(results, english) == set()
    # and it really is German: the catalog's German sentences show up
    assert _leaks(results, german)
    assert "Checkliste zur Nachnutzung" in (root / "fresh" / "ADOPTION-CHECKLIST.md").read_text(encoding="utf-8")


def test_an_english_run_prints_no_german_sentence(run, tmp_path: Path) -> None:
    root = _workspace(tmp_path, run)
    results = _run_scenario(root, ENGLISH)
    english, german = _sentences()

    assert not _leaks(results, german)
    assert _leaks(results, english)
