"""`kltransfer export -f publiccode`: a publiccode.yml (0.7) per software component that has the facts,
a KT249 warning per missing fact, nothing invented; and export -> import round-trips the examples."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from kltransfer.adoption.yaml_edit import set_value
from kltransfer.publiccode.check import check_text
from kltransfer.publiccode.export import slug
from kltransfer.publiccode.importer import import_publiccode
from tests.adoption_helpers import snapshot_tree
from tests.conftest import EXAMPLES

KL = EXAMPLES / "kaiserslautern-participation-platform"
THEME = "kl-theme-und-erweiterungen-fuer-consul.yml"


def _export(run, source: Path, out: Path, *extra: str):
    result = run("export", source, "-f", "publiccode", "--out", out, *extra)
    assert "Traceback" not in result.stderr
    return result


def test_the_component_with_its_own_publiccode_yml_gets_a_valid_0_7_file(run, tmp_path: Path) -> None:
    result = _export(run, KL, tmp_path / "out", "--lang", "de")  # the blueprint's texts are German
    assert result.exit_code == 0
    folder = tmp_path / "out" / "kaiserslautern-participation-platform" / "publiccode"
    assert sorted(p.name for p in folder.iterdir()) == [THEME]
    content = (folder / THEME).read_bytes()
    assert check_text(content, THEME).findings == []
    written = yaml.safe_load(content)
    blueprint = yaml.safe_load((KL / "blueprint.yaml").read_text(encoding="utf-8"))
    component = blueprint["components"][1]
    own = yaml.safe_load((KL / "publiccode.yml").read_text(encoding="utf-8"))
    assert written["publiccodeYmlVersion"] == "0.7"
    # the blueprint's facts win ...
    assert written["name"] == component["name"]
    assert written["url"] == component["repository"]
    assert written["legal"]["license"] == component["licence"]
    assert written["maintenance"]["type"] == component["maintenance"]
    assert written["description"]["de"]["shortDescription"] == component["description"]
    # ... the component's own publiccode.yml gives what the blueprint has no field for, and nothing else
    for key in ("platforms", "developmentStatus", "softwareType", "localisation", "organisation", "dependsOn"):
        assert written[key] == own[key], key
    assert written["description"]["de"]["longDescription"] == own["description"]["de"]["longDescription"]
    assert written["maintenance"]["contractors"][0]["until"] == "2027-12-31"
    assert set(written) <= set(own)
    assert written["intendedAudience"]["countries"] == ["DE"]


def test_each_missing_fact_is_one_warning_on_the_components_line(run, tmp_path: Path) -> None:
    result = _export(run, KL, tmp_path / "out")
    lines = [line for line in result.stderr.splitlines() if "KT249" in line]
    blueprint = KL / "blueprint.yaml"
    keycloak = [line for line in lines if "'Keycloak'" in line]
    text = blueprint.read_text(encoding="utf-8").splitlines()
    entry = text.index("  - name: Keycloak") + 1  # the component's line
    # its description and its maintenance, further down in the same entry
    description = next(i for i in range(entry, len(text)) if text[i].startswith("    description:")) + 1
    maintenance = next(i for i in range(entry, len(text)) if text[i].startswith("    maintenance:")) + 1
    assert [line.split(": warning")[0] for line in keycloak] == [
        f"{blueprint}:{entry}:5",
        f"{blueprint}:{entry}:5",
        f"{blueprint}:{entry}:5",
        f"{blueprint}:{description}:18",
        f"{blueprint}:{description}:18",
        f"{blueprint}:{maintenance}:18",
        f"{blueprint}:{entry}:5",
    ]
    assert keycloak[0] == (
        f"{blueprint}:{entry}:5: warning KT249 components[2]: 'Keycloak': a publiccode.yml needs 'platforms', "
        "the platforms it runs on; the blueprint has no field for it: write it into a publiccode.yml beside "
        "the blueprint and set components[2].publiccode to the file name (kltransfer validate checks that file)"
    )
    facts = [line.split("needs '")[1].split("'")[0] for line in keycloak]
    assert facts == [
        "platforms",
        "developmentStatus",
        "softwareType",
        "longDescription",
        "features",
        "maintenance.contacts",
        "localisation",
    ]
    # the component with its own publiccode.yml lacks only what an English description needs
    # (the documents follow the messages: English here; its publiccode.yml describes it in German)
    theme = [line.split("needs '")[1].split("'")[0] for line in lines if "KL-Theme" in line]
    assert theme == ["longDescription", "features"]
    assert all("the description in 'en' needs" in line for line in lines if "KL-Theme" in line)
    assert len(lines) == 9 + 2 + 7 + 7  # CONSUL (two languages), KL-Theme, Keycloak, Matomo


def test_warnings_in_german(run, tmp_path: Path) -> None:
    result = run("export", KL, "-f", "publiccode", "--out", tmp_path / "out", env={"LANG": "de_DE.UTF-8"})
    assert (
        "KT249 components[3]: 'Matomo': eine publiccode.yml braucht 'softwareType', die Art der Software; "
        "der Blueprint hat dafür kein Feld: schreiben Sie es in eine publiccode.yml neben dem Blueprint und "
        "setzen Sie components[3].publiccode auf den Dateinamen (kltransfer validate prüft diese Datei)"
    ) in result.stderr


def test_a_remote_publiccode_yml_is_named_in_the_hint_and_a_closed_component_gets_none(run, tmp_path: Path) -> None:
    ulm = EXAMPLES / "ulm-digital-twin"
    result = _export(run, ulm, tmp_path / "out")
    assert result.exit_code == 0
    folder = tmp_path / "out" / "ulm-digital-twin" / "publiccode"
    assert folder.is_dir() and not any(folder.iterdir())  # no component has every fact
    assert (
        "KT249 components[5].open_source: 'FME Form' is not open source: publiccode.yml describes open-source "
        "software; no publiccode.yml is written for it; nothing to do if that is right"
    ) in result.stderr
    assert (
        "save a copy of its publiccode.yml "
        "(https://gitlab.opencode.de/stadt-ulm/masterportal-addons-3d/-/raw/main/publiccode.yml) beside the "
        "blueprint and set components[4].publiccode to the file name"
    ) in result.stderr
    assert "'Touch-Tisch" not in result.stderr  # hardware and services are no software


def test_nothing_is_invented_for_a_component_without_licence_or_repository(run, tmp_path: Path) -> None:
    folder = tmp_path / "kl"
    shutil.copytree(KL, folder)
    text = (folder / "blueprint.yaml").read_text(encoding="utf-8")
    for line in (
        "    licence: AGPL-3.0-or-later            # derivative work keeps the upstream licence\n",
        "    repository: https://gitlab.opencode.de/kaiserslautern/consul-kl\n",
    ):
        assert text.count(line) == 1
        text = text.replace(line, "")
    (folder / "blueprint.yaml").write_text(text, encoding="utf-8")
    result = _export(run, folder, tmp_path / "out")
    assert result.exit_code == 0
    # the component's own publiccode.yml has both facts: taken from there, not made up
    written = yaml.safe_load(
        (tmp_path / "out" / "kaiserslautern-participation-platform" / "publiccode" / THEME).read_text(encoding="utf-8")
    )
    assert written["url"] == "https://gitlab.opencode.de/kaiserslautern/consul-kl"
    assert written["legal"]["license"] == "AGPL-3.0-or-later"
    # without that file, the component gets no file and two more warnings
    (folder / "publiccode.yml").unlink()
    text = text.replace("    publiccode: publiccode.yml            # file beside this blueprint\n", "")
    text = text.replace("  - title: publiccode.yml der städtischen Erweiterungen\n    path: publiccode.yml\n", "")
    (folder / "blueprint.yaml").write_text(text, encoding="utf-8")
    again = _export(run, folder, tmp_path / "out2")
    assert again.exit_code == 0, again.stderr
    assert not any((tmp_path / "out2" / "kaiserslautern-participation-platform" / "publiccode").iterdir())
    theme = [line for line in again.stderr.splitlines() if "'KL-Theme" in line]
    assert "needs 'url', the address of its source code; add components[1].repository: https://..." in theme[0]
    assert any("needs 'legal.license', its licence; add components[1].licence, e.g. EUPL-1.2" in t for t in theme)


def test_two_exports_are_byte_identical(run, tmp_path: Path) -> None:
    _export(run, KL, tmp_path / "a")
    _export(run, KL, tmp_path / "b")
    a, b = snapshot_tree(tmp_path / "a"), snapshot_tree(tmp_path / "b")
    assert a == b and any(name.endswith(THEME) for name in a)


# -- round trip: export -> import of every open-source software component of the examples ------------


def _texts(value: Any, lang: str) -> dict[str, str]:
    return {lang: value} if isinstance(value, str) else dict(value)


def _supplement(component: dict[str, Any], lang: str) -> dict[str, Any]:
    """A valid publiccode.yml holding only what a blueprint has no field for (its name, URL, licence and
    descriptions differ from the blueprint's on purpose: the export must take the blueprint's)."""
    kind = component.get("maintenance") or "community"
    maintenance: dict[str, Any] = {"type": kind, "contacts": [{"name": "Erika Muster"}]}
    if kind == "contract":
        maintenance["contractors"] = [{"name": "Dienstleister GmbH", "until": "2030-12-31"}]
    return {
        "publiccodeYmlVersion": "0.7",
        "name": "Ergänzung",
        "url": "https://git.example.org/ergaenzung.git",
        "platforms": ["web"],
        "developmentStatus": "stable",
        "softwareType": "standalone/web",
        "description": {
            tag: {
                "shortDescription": "Nicht die Beschreibung des Blueprints.",
                "longDescription": "Eine lange Beschreibung, die nur die Ergänzung enthält. " * 4,
                "features": ["Eine Funktion"],
            }
            for tag in _texts(component.get("description") or "x", lang)
        },
        "legal": {"license": "EUPL-1.2"},
        "maintenance": maintenance,
        "localisation": {"localisationReady": True, "availableLanguages": ["de"]},
    }


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.iterdir() if (p / "blueprint.yaml").is_file()))
def test_export_then_import_round_trips_name_url_licence_and_descriptions(run, tmp_path: Path, example: str) -> None:
    folder = tmp_path / example
    shutil.copytree(EXAMPLES / example, folder)
    blueprint = folder / "blueprint.yaml"
    text = blueprint.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    software = [  # open software with a licence (a closed one, or an unknown licence, gets no file)
        (i, c)
        for i, c in enumerate(data["components"])
        if c["type"] == "software"
        and c.get("open_source") is not False
        and not str(c.get("licence", "")).startswith(("unknown", "TODO"))
    ]
    assert software
    (folder / "supplements").mkdir()
    for i, component in software:
        rel = f"supplements/{slug(component['name'])}.yml"
        (folder / rel).write_text(yaml.safe_dump(_supplement(component, "de"), allow_unicode=True), encoding="utf-8")
        text = set_value(text, ("components", i, "publiccode"), rel)
    blueprint.write_text(text, encoding="utf-8")
    assert run("validate", "--strict", blueprint).exit_code == 0

    result = _export(run, folder, tmp_path / "out", "--lang", "de")
    assert result.exit_code == 0
    warnings = [line for line in result.stderr.splitlines() if "KT249" in line]
    # only the components left out above are reported
    assert not [line for line in warnings for i, _c in software if f" components[{i}]" in line], warnings
    written = tmp_path / "out" / data["id"] / "publiccode"
    assert len(list(written.iterdir())) == len(software)
    for _i, component in software:
        file = written / f"{slug(component['name'])}.yml"
        assert check_text(file.read_bytes(), file.name).findings == []
        entry = import_publiccode(str(file)).entry
        assert entry["name"] == component["name"]
        assert entry["repository"] == component.get("repository", "https://git.example.org/ergaenzung.git")
        assert entry["licence"] == component["licence"]
        expected = _texts(component["description"], "de") if "description" in component else None
        assert entry["description"] == (expected or {"de": "Nicht die Beschreibung des Blueprints."})
        assert entry.get("maintenance") == component.get("maintenance", "community")


def test_a_file_that_would_not_be_valid_is_not_written_and_says_why(run, tmp_path: Path) -> None:
    folder = tmp_path / "kl"
    shutil.copytree(KL, folder)
    blueprint = folder / "blueprint.yaml"
    text = blueprint.read_text(encoding="utf-8")
    blueprint.write_text(
        text.replace("  - name: KL-Theme und Erweiterungen für CONSUL\n", '  - name: " "\n'), encoding="utf-8"
    )
    result = _export(run, folder, tmp_path / "out")
    assert result.exit_code == 0
    assert not any((tmp_path / "out" / "kaiserslautern-participation-platform" / "publiccode").iterdir())
    line = blueprint.read_text(encoding="utf-8").splitlines().index('  - name: " "') + 1
    assert (
        f"{blueprint}:{line}:5: warning KT249 components[1]: ' ': "
        "its publiccode.yml would not be valid: 'name' is empty" in result.stderr
    )
