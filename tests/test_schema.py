"""``kltransfer schema``, and kltransfer validate against check-jsonschema with that schema.

The acceptance rule: wherever check-jsonschema, given the schema that ``kltransfer schema``
prints, rejects a file, ``kltransfer validate`` rejects it too; every example passes both.
"""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from kltransfer.loading.keypath import KeyPath, format_key_path
from kltransfer.loading.yaml_loader import load_file, load_text
from kltransfer.schema import CURRENT, VERSION_KEY, VERSIONS, load_schema, published_schema_text
from kltransfer.validation.validate import validate_text
from tests.conftest import EXAMPLES, Result
from tests.corpus_cases import CORPUS, INVALID, VALID, Case

Run = Callable[..., Result]
CHECK_JSONSCHEMA = Path(sys.executable).with_name("check-jsonschema")
EXAMPLE_FILES = sorted(EXAMPLES.glob("*/blueprint.yaml"))
DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"


def schema_id(version: str) -> str:
    return f"https://schema.kltransfer.de/blueprint/{version}/blueprint.schema.json"


@pytest.fixture(scope="module")
def printed_schemas(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The schema of every format version as ``kltransfer schema`` prints it, saved to a file."""
    folder = tmp_path_factory.mktemp("schemas")
    files = {}
    for version in VERSIONS:
        proc = subprocess.run(
            [sys.executable, "-m", "kltransfer", "schema", "--version", version],
            capture_output=True,
            text=True,
            check=True,
        )
        files[version] = folder / f"blueprint-{version}.schema.json"
        files[version].write_text(proc.stdout, encoding="utf-8")
    return files


def check_jsonschema(schema: Path, *files: Path) -> subprocess.CompletedProcess[str]:
    assert CHECK_JSONSCHEMA.exists(), "check-jsonschema is a test dependency: pip install -e '.[test]'"
    return subprocess.run(
        [str(CHECK_JSONSCHEMA), "--schemafile", str(schema), "--output-format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=300,  # a safety net, not a timing assertion
        check=False,
    )


def declared_version(path: Path) -> str:
    doc, _ = load_file(path)
    assert doc is not None
    version = doc.data[VERSION_KEY]
    assert version in VERSIONS
    return str(version)


# --- kltransfer schema ------------------------------------------------------------------------


def test_schema_prints_the_current_format_as_draft_2020_12(run: Run) -> None:
    result = run("schema")
    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout == published_schema_text(CURRENT, "en")
    schema = json.loads(result.stdout)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == DRAFT_2020_12
    assert schema["$id"] == schema_id(CURRENT)
    assert schema["properties"][VERSION_KEY]["enum"] == [CURRENT]


@pytest.mark.parametrize("version", VERSIONS)
def test_schema_of_each_version(run: Run, version: str) -> None:
    result = run("schema", "--version", version)
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == DRAFT_2020_12
    assert schema["$id"] == schema_id(version)
    assert schema["properties"][VERSION_KEY]["enum"] == [version]
    assert schema["additionalProperties"] is False


def test_schema_of_an_unknown_version_is_exit_2(run: Run) -> None:
    result = run("schema", "--version", "0.9")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "unknown format version '0.9'" in result.stderr


def test_every_mapping_in_the_schema_refuses_unknown_keys() -> None:
    """Unknown keys are errors everywhere, so that a misspelt key never passes silently."""

    def objects(node: Any, where: str) -> Iterator[tuple[str, dict[str, Any]]]:
        if isinstance(node, dict):
            if node.get("type") == "object" or node.get("type") == ["string", "object"]:
                yield where, node
            for key, child in node.items():
                yield from objects(child, f"{where}/{key}")
        elif isinstance(node, list):
            for i, child in enumerate(node):
                yield from objects(child, f"{where}/{i}")

    for version in VERSIONS:
        for where, node in objects(load_schema(version), "#"):
            assert "additionalProperties" in node, f"{version} {where}"


# --- the examples pass both -------------------------------------------------------------------


def test_there_are_examples() -> None:
    assert len(EXAMPLE_FILES) >= 4


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: p.parent.name)
def test_example_passes_check_jsonschema_and_kltransfer(
    run: Run, printed_schemas: dict[str, Path], example: Path
) -> None:
    proc = check_jsonschema(printed_schemas[declared_version(example)], example)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    result = run("validate", example)
    assert result.exit_code == 0, result.stdout


# --- the corpus: where check-jsonschema rejects, kltransfer rejects -----------------------------

DECIDABLE = [c for c in INVALID + VALID if c.check_jsonschema]


def test_only_the_alias_bomb_is_left_to_kltransfer_alone() -> None:
    assert sorted(c.name for c in INVALID + VALID if not c.check_jsonschema) == ["kt006-alias-bomb"]


@pytest.mark.parametrize("case", DECIDABLE, ids=lambda c: c.name)
def test_kltransfer_rejects_what_check_jsonschema_rejects(
    run: Run, printed_schemas: dict[str, Path], case: Case
) -> None:
    proc = check_jsonschema(printed_schemas[CURRENT], case.blueprint)
    result = run("validate", *case.args, "--strict", case.blueprint)
    assert "Traceback" not in result.stdout + result.stderr
    if proc.returncode != 0:
        assert result.exit_code in (1, 2), f"check-jsonschema rejects {case.name}, kltransfer accepts it"
    if case in VALID:  # the valid cases pass both (with --strict, their TODOs fail kltransfer only)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert run("validate", case.blueprint).exit_code == 0


# --- property: mutations of valid blueprints ------------------------------------------------------

REPLACEMENTS: dict[type, list[Any]] = {
    str: [12345, True, None, ["x"], {"x": "y"}],
    int: ["zwölf", True, None, -1, ["x"]],
    float: ["zwölf", False, None, -0.5],
    bool: ["true", 1, None, "ja"],
    type(None): ["x", 1, False],
}


def leaves(value: Any, path: KeyPath = ()) -> Iterator[tuple[KeyPath, Any]]:
    if isinstance(value, dict):
        for key, child in value.items():
            yield from leaves(child, (*path, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from leaves(child, (*path, i))
    else:
        yield path, value


def mappings(value: Any, path: KeyPath = ()) -> Iterator[KeyPath]:
    if isinstance(value, dict):
        yield path
        for key, child in value.items():
            yield from mappings(child, (*path, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from mappings(child, (*path, i))


def put(data: dict[str, Any], path: KeyPath, value: Any) -> dict[str, Any]:
    out = copy.deepcopy(data)
    target: Any = out
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return out


def mutations(data: dict[str, Any], every: int = 1) -> Iterator[tuple[str, dict[str, Any]]]:
    """Delete each top-level key, change the type of scalars, add an unknown key to each mapping.

    ``every``: 1 changes each scalar to every other type; n > 1 changes every n-th scalar to
    one other type, taking turns (for the large examples).
    """
    for key in data:
        yield f"delete {key}", {k: v for k, v in data.items() if k != key}
    for n, (path, value) in enumerate(leaves(data)):
        if n % every:
            continue
        choices = REPLACEMENTS[type(value)]
        for replacement in choices if every == 1 else [choices[n // every % len(choices)]]:
            yield f"{format_key_path(path)} = {replacement!r}", put(data, path, replacement)
    for path in mappings(data):
        yield f"unknown key in '{format_key_path(path)}'", put(data, (*path, "zz_unbekannt"), "x")


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """PyYAML's dumper, but quoting text that YAML 1.2 tools would read as a number (``09461000``)."""


def _text(dumper: Any, value: str) -> yaml.ScalarNode:
    ambiguous = re.fullmatch(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?0o[0-7]+", value)
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="'" if ambiguous else None)


_Dumper.add_representer(str, _text)


def dump(data: dict[str, Any]) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False)


def kltransfer_rejects(text: str, base_dir: Path) -> bool:
    return not validate_text(text, "mutant.yaml", base_dir=base_dir).ok(strict=False)


def loaded(path: Path) -> dict[str, Any]:
    doc, findings = load_file(path)
    assert doc is not None and not findings
    return doc.data


SMALL = CORPUS / "valid" / "language-maps" / "blueprint.yaml"


def test_mutations_of_a_small_blueprint_with_check_jsonschema(printed_schemas: dict[str, Path], tmp_path: Path) -> None:
    """Every mutation goes to check-jsonschema (one run for all) and to kltransfer."""
    data = loaded(SMALL)
    version = str(data[VERSION_KEY])
    assert not kltransfer_rejects(dump(data), SMALL.parent)
    cases = list(mutations(data))
    assert len(cases) > 200
    files: dict[str, tuple[str, str]] = {}
    for i, (label, mutant) in enumerate(cases):
        target = tmp_path / f"mutant-{i:04d}.yaml"
        text = dump(mutant)
        target.write_text(text, encoding="utf-8")
        files[str(target)] = (label, text)
    proc = check_jsonschema(printed_schemas[version], *map(Path, files))
    assert proc.returncode in (0, 1), proc.stderr
    verdict = json.loads(proc.stdout)
    rejected = {e["filename"] for e in verdict["errors"]} | {e["filename"] for e in verdict["parse_errors"]}
    assert len(rejected) > len(cases) // 2  # most mutations break the format
    missed = [files[f][0] for f in sorted(rejected) if not kltransfer_rejects(files[f][1], SMALL.parent)]
    assert missed == []


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: p.parent.name)
def test_mutations_of_an_example_with_jsonschema(example: Path) -> None:
    """Where jsonschema's Draft202012Validator rejects the data kltransfer loaded, kltransfer rejects the file."""
    data = loaded(example)
    validator = Draft202012Validator(load_schema(str(data[VERSION_KEY])))
    assert validator.is_valid(data)
    assert not kltransfer_rejects(dump(data), example.parent)
    missed, rejected = [], 0
    for label, mutant in mutations(data, every=3):
        text = dump(mutant)
        doc, _ = load_text(text)
        if doc is not None and validator.is_valid(doc.data):
            continue
        rejected += 1
        if not kltransfer_rejects(text, example.parent):
            missed.append(label)
    assert rejected > 100
    assert missed == []


def _property_names(node: Any, found: set[str]) -> set[str]:
    if isinstance(node, dict):
        properties = node.get("properties")
        if isinstance(properties, dict):
            found.update(properties)
        for child in node.values():
            _property_names(child, found)
    elif isinstance(node, list):
        for child in node:
            _property_names(child, found)
    return found


def test_every_field_new_in_the_current_format_has_a_documented_example() -> None:
    """docs/blueprint-format.md shows every key that format 1.2 added in a YAML example."""
    docs = (Path(__file__).resolve().parents[1] / "docs" / "blueprint-format.md").read_text(encoding="utf-8")
    examples = "\n".join(re.findall(r"```yaml\n(.*?)```", docs, re.DOTALL))
    new = _property_names(load_schema("1.2"), set()) - _property_names(load_schema("1.1"), set())
    assert len(new) > 40
    undocumented = sorted(n for n in new if not re.search(rf"(^|[\s{{,-]){re.escape(n)}:", examples, re.MULTILINE))
    assert undocumented == []


def test_every_property_is_described_and_every_enum_value_explained() -> None:
    """What editors show and 'kltransfer schema --lang de' translates (format 1.2 on)."""
    problems = []

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            if "enum" in node and set(node.get("x-enum-descriptions", {})) != set(node["enum"]):
                problems.append(f"{where}: enum values without x-enum-descriptions")
            for name, child in (node.get("properties") or {}).items():
                if not (isinstance(child, dict) and child.get("description")):
                    problems.append(f"{where}/properties/{name}: no description")
            for key, child in node.items():
                walk(child, f"{where}/{key}")
        elif isinstance(node, list):
            for i, child in enumerate(node):
                walk(child, f"{where}/{i}")

    walk(load_schema(CURRENT), "#")
    assert problems == []
