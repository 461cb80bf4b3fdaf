"""Numbers are finite (issue 11, item 5).

``.nan``, ``.inf``, ``-.inf`` and float literals too large to represent (they become infinity)
are findings (KT015) in every number field of the format, found from the schema; such a file
is not exported. No JSON writer of kltransfer can write ``NaN`` or ``Infinity``: every call of
``json.dump``, ``json.dumps`` and ``json.JSONEncoder`` passes ``allow_nan=False`` (checked on the
source), and the writers refuse such a value when one is handed to them directly.
"""

from __future__ import annotations

import ast
import copy
import json
import math
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT
from tests.security.hostile import Sentinels, snapshot
from tests.security.payloads import payload_blueprint

LITERALS = {
    ".nan": "'.nan' is not a number (NaN)",
    ".NaN": "'.NaN' is not a number (NaN)",
    ".inf": "'.inf' is infinity, not a number a blueprint can hold",
    "-.Inf": "'-.Inf' is infinity, not a number a blueprint can hold",
    "+.INF": "'+.INF' is infinity, not a number a blueprint can hold",
    "1.0e+400": "'1.0e+400' is too large to calculate with (more than 1e300)",
    "-2.5e+301": "'-2.5e+301' is too large to calculate with (more than 1e300)",
    "9.99e+300": "'9.99e+300' is too large to calculate with (more than 1e300)",
}


def _number_paths(value: Any, path: tuple = ()) -> list[tuple]:
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _number_paths(v, (*path, k))]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _number_paths(v, (*path, i))]
    return [path] if isinstance(value, int | float) and not isinstance(value, bool) else []


def _dotted(path: tuple) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


@pytest.fixture(scope="module")
def numbers(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], list[tuple]]:
    """A valid blueprint with every field of the format filled (from the schema), and its number fields."""
    folder = tmp_path_factory.mktemp("numbers") / "bp"
    payload_blueprint(folder)
    data = yaml.safe_load((folder / "blueprint.yaml").read_text(encoding="utf-8"))
    paths = _number_paths(data)
    return data, paths


def _with_literal(data: dict[str, Any], paths: list[tuple], literal: str) -> str:
    """The blueprint as YAML with ``literal`` written (plain) into every number field."""
    marked = copy.deepcopy(data)
    for i, path in enumerate(paths):
        node = marked
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = f"__NUMBER_{i}__"
    text = yaml.safe_dump(marked, allow_unicode=True, sort_keys=False, width=1 << 20)
    return re.sub(r"__NUMBER_\d+__", lambda m: literal, text)


@pytest.mark.parametrize("literal", list(LITERALS))
def test_every_number_field_reports_a_value_that_is_not_finite(run, tmp_path: Path, numbers, literal: str) -> None:
    data, paths = numbers
    fields = {_dotted(p) for p in paths}
    assert {
        "city.population",
        "costs.investment.total",
        "funding.sources[0].amount",
        "transfer.effort.months",
    } <= fields
    assert len(fields) >= 15
    target = tmp_path / "bp" / "blueprint.yaml"
    target.parent.mkdir()
    target.write_text(_with_literal(data, paths, literal), encoding="utf-8")
    before = snapshot(tmp_path)
    result = run("validate", "--format", "json", target)
    assert result.exit_code == 1, result.stderr
    found = json.loads(result.stdout)["findings"]
    kt015 = {f["key_path"]: f for f in found if f["code"] == "KT015"}
    assert set(kt015) == fields
    assert {f["message"] for f in kt015.values()} == {LITERALS[literal]}
    assert {f["hint"] for f in kt015.values()} == {
        "write a plain number such as 1500 or 0.5, or unknown if the value is not known"
    }
    # the values were reported once: no schema, sum or range finding repeats them
    assert [f for f in found if f["key_path"] in fields and f["code"] != "KT015"] == []
    assert snapshot(tmp_path) == before


def test_a_number_too_long_to_represent_is_refused_by_its_length(run, tmp_path: Path, numbers) -> None:
    """A literal of 400 digits would be infinity as a float: every number longer than 100 characters
    is a finding of the loader (KT002), wherever it stands."""
    data, paths = numbers
    target = tmp_path / "blueprint.yaml"
    target.write_text(_with_literal(data, paths, "1" * 400 + ".0"), encoding="utf-8")
    result = run("validate", "--format", "json", target)
    assert result.exit_code == 1
    found = json.loads(result.stdout)["findings"]
    assert {f["key_path"] for f in found} == {_dotted(p) for p in paths}
    assert {f["code"] for f in found} == {"KT002"}
    assert found[0]["message"] == "the number has 402 characters, more than the 100 a value may have"


def test_a_file_with_nan_is_not_exported_and_nothing_is_written(run, tmp_path: Path, numbers) -> None:
    data, paths = numbers
    folder = tmp_path / "bp"
    folder.mkdir()
    (folder / "blueprint.yaml").write_text(_with_literal(data, paths[:1], ".nan"), encoding="utf-8")
    sentinels = Sentinels(tmp_path / "sentinels")
    before = snapshot(tmp_path)
    out = tmp_path / "out"
    result = run("export", folder, "--out", out, "-f", "json", "-f", "html", "--bundle")
    assert result.exit_code == 1
    assert "KT015" in result.stderr
    assert not any(out.rglob("*.json")) if out.exists() else True
    assert snapshot(tmp_path, skip=(out,)) == before
    assert sentinels.touched() == []


def test_german_message(run, tmp_path: Path) -> None:
    target = tmp_path / "blueprint.yaml"
    target.write_text('kltransfer: "1.2"\ncity:\n  population: .inf\n', encoding="utf-8")
    result = run("validate", "--format", "json", target, env={"LANG": "de_DE.UTF-8"})
    finding = next(f for f in json.loads(result.stdout)["findings"] if f["code"] == "KT015")
    assert finding["message"] == "'.inf' ist unendlich, keine Zahl, die ein Blueprint enthalten kann"
    assert finding["hint"] == (
        "schreiben Sie eine einfache Zahl wie 1500 oder 0.5, oder unknown, wenn der Wert nicht bekannt ist"
    )


def _json_calls(tree: ast.AST) -> list[ast.Call]:
    calls = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = node.func.value
            if (
                isinstance(owner, ast.Name)
                and owner.id == "json"
                and node.func.attr in ("dump", "dumps", "JSONEncoder")
            ):
                calls.append(node)
    return calls


def test_every_json_writer_refuses_nan_and_infinity() -> None:
    """Each json.dump/json.dumps/json.JSONEncoder call in kltransfer passes allow_nan=False."""
    found, missing = 0, []
    for source in sorted((ROOT / "kltransfer").rglob("*.py")):
        tree = ast.parse(source.read_text(encoding="utf-8"))
        for call in _json_calls(tree):
            found += 1
            allow = next((k for k in call.keywords if k.arg == "allow_nan"), None)
            if allow is None or not (isinstance(allow.value, ast.Constant) and allow.value.value is False):
                missing.append(f"{source.relative_to(ROOT)}:{call.lineno}")
        for node in ast.walk(tree):  # no other module's dump may slip in (simplejson, orjson, …)
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
                assert not any(n in ("simplejson", "orjson", "ujson", "rapidjson") for n in names), source
    assert found >= 15
    assert missing == []


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_the_writers_refuse_a_value_that_is_not_finite(value: float) -> None:
    from kltransfer.export.environment import Templates
    from kltransfer.jsonout import dumps

    with pytest.raises(ValueError, match="not JSON compliant"):
        dumps({"amount": value})
    env = Templates("en").env
    with pytest.raises(ValueError, match="not JSON compliant"):
        env.from_string("{{ x | tojson }}").render(x=value)
