"""What a wheel ships for ``validate`` to read instead of building it on every run (hatch_build.py):
the schemas in marshal's form and the notation checks' expectations. Each is used only while it
was made from the very schema beside it; a stale or broken one is passed over."""

from __future__ import annotations

import marshal
from pathlib import Path

import pytest

from kltransfer import schema as schema_module
from kltransfer.schema import VERSIONS, load_schema, marshal_schema, marshalled_name, schema_key, schema_text
from kltransfer.validation import expectations as expect_module
from kltransfer.validation.expectations import compile_expectations, freeze, thaw


@pytest.mark.parametrize("version", VERSIONS)
def test_the_marshalled_schema_is_the_json(version: str) -> None:
    import json

    crc, length, schema = marshal.loads(marshal_schema(version))
    assert (crc, length) == schema_key(version)
    assert schema == json.loads(schema_text(version))


def _shipping(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    original = schema_module._shipped_bytes

    def shipped(name: str) -> bytes:
        return (folder / name).read_bytes() if name.endswith(".marshal") else original(name)

    monkeypatch.setattr(schema_module, "_shipped_bytes", shipped)
    load_schema.cache_clear()


@pytest.mark.parametrize(
    "form",
    [
        pytest.param(lambda v: marshal.dumps((0, 1, {"$id": "stale"})), id="made-from-another-schema"),
        pytest.param(lambda v: b"\x00not marshal", id="broken"),
        pytest.param(lambda v: marshal.dumps([1, 2]), id="another-shape"),
    ],
)
def test_a_stale_or_broken_marshalled_schema_is_passed_over(
    form: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / marshalled_name("1.2")).write_bytes(form("1.2"))  # type: ignore[operator]
    _shipping(monkeypatch, tmp_path)
    try:
        assert load_schema("1.2")["$id"] != "stale"
        assert load_schema("1.2")["properties"]["id"]
    finally:
        load_schema.cache_clear()


def test_a_matching_marshalled_schema_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    crc, length, schema = marshal.loads(marshal_schema("1.2"))
    schema["title"] = "read from the marshalled form"
    (tmp_path / marshalled_name("1.2")).write_bytes(marshal.dumps((crc, length, schema)))
    _shipping(monkeypatch, tmp_path)
    try:
        assert load_schema("1.2")["title"] == "read from the marshalled form"
    finally:
        load_schema.cache_clear()


@pytest.mark.parametrize("version", VERSIONS)
def test_frozen_expectations_thaw_into_the_same_tree(version: str) -> None:
    frozen = freeze(compile_expectations(version))
    assert marshal.loads(marshal.dumps(frozen)) == frozen
    root = thaw(frozen)
    assert freeze(root) == frozen
    # the places a definition shares stay shared: one object, as compiled
    compiled = compile_expectations(version)
    assert len(frozen) == len({id(e) for e in _places(compiled)})


def _places(root: expect_module.Expect) -> list[expect_module.Expect]:
    seen: dict[int, expect_module.Expect] = {}
    stack = [root]
    while stack:
        e = stack.pop()
        if id(e) not in seen:
            seen[id(e)] = e
            stack += [*e.properties.values(), *([e.items] if e.items else [])]
    return list(seen.values())


def test_shipped_expectations_are_read_only_when_made_from_this_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(expect_module, "SHIPPED", tmp_path)
    name = tmp_path / expect_module.shipped_name("1.2")
    assert expect_module._shipped("1.2") is None  # a checkout ships none
    name.write_bytes(expect_module.shipped_form("1.2"))
    shipped = expect_module._shipped("1.2")
    assert shipped is not None and freeze(shipped) == freeze(compile_expectations("1.2"))
    form, key, frozen = marshal.loads(name.read_bytes())
    for stale in ((form + 1, key, frozen), (form, (key[0] ^ 1, key[1]), frozen), (form, key, frozen[:1])):
        name.write_bytes(marshal.dumps(stale))
        assert expect_module._shipped("1.2") is None
    name.write_bytes(b"\x00")
    assert expect_module._shipped("1.2") is None
