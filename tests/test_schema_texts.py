"""The schema speaks: every property and enum value is described, in English and German, in the
forms the YAML language server reads; the German schema is published beside the English one."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from kltransfer.schema import CONTEXT, CURRENT, VERSIONS, load_schema, published_schema, schema_url
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import catalogs  # scripts/catalogs.py


def properties(node: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every property schema of ``node``, with its key path (``#name`` for the shared ``$defs``)."""
    if not isinstance(node, dict):
        return
    for key, child in (node.get("properties") or {}).items():
        yield f"{where}.{key}", child
        yield from properties(child, f"{where}.{key}")
    for key in ("items", "additionalProperties"):
        yield from properties(node.get(key), f"{where}[]")
    for name, child in (node.get("$defs") or {}).items():
        yield from properties(child, f"#{name}")
    for key in ("oneOf", "anyOf", "allOf"):
        for child in node.get(key) or []:
            yield from properties(child, where)


def enums(node: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        if "enum" in node:
            yield where, node
        for key, child in node.items():
            if key not in ("enum", "x-enum-descriptions", "enumDescriptions", "markdownEnumDescriptions"):
                yield from enums(child, f"{where}/{key}")
    elif isinstance(node, list):
        for i, child in enumerate(node):
            yield from enums(child, f"{where}/{i}")


def german() -> dict[str, str]:
    po = catalogs.LOCALE / "de" / "LC_MESSAGES" / "kltransfer.po"
    return {m.id: m.string for m in catalogs.read(po) if m.context == CONTEXT and m.id}


@pytest.mark.parametrize("version", VERSIONS)
def test_the_source_schema_describes_every_property_and_enum_value(version: str) -> None:
    schema = load_schema(version)
    bare = [where for where, node in properties(schema) if not node.get("description")]
    assert bare == [], f"{version}: properties without a description"
    for where, node in enums(schema):
        meanings = node.get("x-enum-descriptions")
        assert isinstance(meanings, dict), f"{version} {where}: enum without x-enum-descriptions"
        assert list(meanings) == [str(v) for v in node["enum"]], f"{version} {where}: one meaning per value, in order"
        assert all(isinstance(m, str) and m.strip() for m in meanings.values()), f"{version} {where}"


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("lang", ["en", "de"])
def test_every_text_is_there_in_both_languages_in_the_forms_editors_read(version: str, lang: str) -> None:
    source = load_schema(version)
    schema = published_schema(version, lang)
    Draft202012Validator.check_schema(schema)
    translated = german()
    expected = (lambda text: text) if lang == "en" else translated.__getitem__  # KeyError: not translated

    shown = dict(properties(schema))
    for where, node in properties(source):
        assert shown[where]["description"] == expected(node["description"]), (version, lang, where)
        assert shown[where]["markdownDescription"] == shown[where]["description"]
    printed = dict(enums(schema))
    for where, node in enums(source):
        meanings = [expected(node["x-enum-descriptions"][str(v)]) for v in node["enum"]]
        assert printed[where]["enum"] == node["enum"]  # values are never translated
        assert printed[where]["enumDescriptions"] == meanings, (version, lang, where)
        assert printed[where]["markdownEnumDescriptions"] == meanings
    assert all(translated.values()), "every schema text has a German translation"


def _enum(node: dict) -> dict:
    """The node that holds an enum: the node itself, or (format 1.2: TODO or a code) its ``else``."""
    return node if "enum" in node else node["else"]


def _resolve(schema: dict, node: dict) -> dict:
    ref = node.get("$ref", "")
    return schema["$defs"][ref.rsplit("/", 1)[1]] if ref.startswith("#/$defs/") else node


def test_german_texts_are_german() -> None:
    schema = published_schema(CURRENT, "de")
    state = _resolve(schema, schema["properties"]["city"]["properties"]["state"])
    assert state["description"] == "Bundesland als ISO-3166-2-Code (DE-BW … DE-TH)."
    assert _enum(state)["enumDescriptions"][_enum(state)["enum"].index("DE-BY")] == "Bayern"
    phase = _enum(_resolve(schema, schema["properties"]["phase"]))
    assert phase["enumDescriptions"] == [
        "P1 Idee: das Projekt wird konzipiert.",
        "P2 Prototyp: ein erster Prototyp existiert.",
        "P3 Pilot: unter realen Bedingungen erprobt.",
        "P4 Dauerbetrieb in der eigenen Kommune.",
        "P5 Transfer in andere Kommunen.",
    ]
    fields = schema["properties"]["fields_of_action"]["items"]
    assert fields["enumDescriptions"][fields["enum"].index("environment")] == "Umwelt und Klima."


def test_the_german_schema_is_published_beside_the_english_one() -> None:
    assert schema_url("1.1", "en") == "https://schema.kltransfer.de/blueprint/1.1/blueprint.schema.json"
    assert schema_url("1.1", "de") == "https://schema.kltransfer.de/blueprint/1.1/de/blueprint.schema.json"
    for version in VERSIONS:
        assert published_schema(version, "de")["$id"] == schema_url(version, "de")
        assert published_schema(version, "en")["$id"] == load_schema(version)["$id"]


@pytest.mark.parametrize(
    ("args", "environ", "lang"),
    [
        (["--lang", "de"], {"LANG": "C.UTF-8"}, "de"),
        ([], {"LANG": "de_DE.UTF-8"}, "de"),
        ([], {"LANG": "en_US.UTF-8"}, "en"),
        (["--lang", "en"], {"LANG": "de_DE.UTF-8"}, "en"),
    ],
)
def test_kltransfer_schema_speaks_the_chosen_language(
    tmp_path: Path, args: list[str], environ: dict[str, str], lang: str
) -> None:
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_")} | {"LANGUAGE": ""} | environ
    done = subprocess.run(
        [sys.executable, "-m", "kltransfer", "schema", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    schema = json.loads(done.stdout)
    assert schema == published_schema(CURRENT, lang)
    assert schema["$id"] == schema_url(CURRENT, lang)


def test_an_unknown_language_is_a_usage_error_in_the_locale_language(run) -> None:  # type: ignore[no-untyped-def]
    result = run("schema", "--lang", "fr", env={"LANG": "de_DE.UTF-8"})
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "kltransfer: Fehler KT900: unbekannte Sprache 'fr'\n  Hinweis: wählen Sie --lang de oder --lang en\n"
    )
