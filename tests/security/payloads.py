"""A valid blueprint with an injection payload in every text and URL field, generated from the schema.

:func:`payload_blueprint` walks the JSON Schema of the current format, gives every property a
value (every optional one too), puts a payload into each free text (``$defs/text`` and plain
strings), each address (``$defs/url``) and each e-mail address, and fills the fields that have a
fixed form (dates, codes, amounts) from the shipped examples. It then validates the result with
kltransfer and, where a check refuses a value, puts the example's value there instead (or leaves
an optional key out), until the blueprint is valid. Each payload carries a number, so that a
test can say which field leaked.

A payload only ever sets ``window.__pwned`` or ``document.title``, and names
``evil.example`` for anything that would load.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

from tests.export_helpers import EXAMPLES

#: Sets a global, changes the title, loads from another site: in HTML, Markdown and link syntax.
TEXT = (
    "F{n} <img src=x onerror=\"window.__pwned='F{n}'\"><script>window.__pwned='F{n}'</script>"
    " <svg onload=\"document.title='pwned F{n}'\"></svg>"
    " [l{n}](javascript:window.__pwned='F{n}') [d{n}](data:text/html,<script>window.__pwned=1</script>)"
    " [v{n}](vbscript:x) [h{n}](&#106;avascript:window.__pwned=1) [p{n}](//evil.example/F{n})"
    " ![i{n}](https://evil.example/F{n}.png) <https://evil.example/F{n}> <javascript:window.__pwned=1>"
    " {{: onclick=\"window.__pwned='F{n}'\" }} | *e* _u_ `c` # &lt;b&gt;"
)
#: A text that may hold several lines: block HTML, a reference definition, a heading line.
BLOCK = (
    TEXT + "\n\n<details open ontoggle=\"window.__pwned='B{n}'\">x</details>\n\n"
    "[r{n}]: javascript:window.__pwned='B{n}'\n\n[r{n}] and [x][r{n}]\n\n# heading {n}\n---\n1. one\n"
    '<iframe src="https://evil.example/B{n}"></iframe>\n'
)
SHORT = "F{n}<img src=x onerror=window.__pwned={n}>"
URL = "https://evil.example/U{n}?q=\"'><img/src=x/onerror=window.__pwned='U{n}'>)](javascript:window.__pwned=1)|x"
EMAIL = "x'{{|}}~U{n}@evil.example"


def _resolve(schema: dict[str, Any], root: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    ref = schema.get("$ref")
    if not ref:
        return schema, None
    target: Any = root
    for part in ref.removeprefix("#/").split("/"):  # a JSON pointer: #/$defs/text, #/properties/timeline
        target = target[part]
    name = ref.rsplit("/", 1)[-1]
    return {**target, **{k: v for k, v in schema.items() if k != "$ref"}}, name


class _Generator:
    def __init__(self, root: dict[str, Any]) -> None:
        self.root = root
        self.count = 0
        self.fields: dict[int, str] = {}

    def marker(self, path: tuple) -> int:
        self.count += 1
        self.fields[self.count] = ".".join(map(str, path))
        return self.count

    def value(self, schema: dict[str, Any], path: tuple) -> Any:
        schema, name = _resolve(schema, self.root)
        if name == "text":
            long = path[-1] in ("description", "text", "note", "notes", "summary") if path else False
            n = self.marker(path)
            return {"de": (BLOCK if long else TEXT).format(n=n), "en": SHORT.format(n=n)}
        if name == "url":
            return URL.format(n=self.marker(path))
        if name == "email":
            return EMAIL.format(n=self.marker(path))
        if name in ("amount", "quantity", "count"):
            return 1
        if "enum" in schema:
            return schema["enum"][0]
        if "const" in schema:
            return schema["const"]
        for key in ("oneOf", "anyOf"):
            if key in schema:
                return self.value(schema[key][0], path)
        kind = schema.get("type")
        kinds = kind if isinstance(kind, list) else [kind]
        if "object" in kinds and "properties" in schema:
            return {k: self.value(sub, (*path, k)) for k, sub in schema["properties"].items()}
        if "array" in kinds:
            items = schema.get("items", {})
            return [self.value(items, (*path, i)) for i in range(max(1, schema.get("minItems", 1)))]
        if "string" in kinds and not schema.get("pattern") and name is None:
            return TEXT.format(n=self.marker(path))
        if kinds in (["number"], ["integer"]):
            return max(1, schema.get("minimum", 1))
        return None  # a value of a fixed form: taken from an example


def _examples() -> list[dict[str, Any]]:
    return [yaml.safe_load((e / "blueprint.yaml").read_text(encoding="utf-8")) for e in EXAMPLES]


def _example_value(examples: list[dict[str, Any]], path: tuple) -> Any:
    for data in examples:
        node: Any = data
        for part in path:
            if isinstance(part, int):
                node = node[0] if isinstance(node, list) and node else None
            else:
                node = node.get(part) if isinstance(node, dict) else None
            if node is None:
                break
        else:
            return copy.deepcopy(node)
    return None


def _fill(value: Any, path: tuple, examples: list[dict[str, Any]]) -> Any:
    """Every ``None`` the generator left replaced by the example value at that place (or removed)."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            filled = _fill(v, (*path, k), examples)
            if filled is not None:
                out[k] = filled
        return out
    if isinstance(value, list):
        return [x for x in (_fill(v, (*path, i), examples) for i, v in enumerate(value)) if x is not None]
    if value is None:
        return _example_value(examples, path)
    return value


def _parse(key_path: str) -> tuple:
    import re

    parts: list[Any] = []
    for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", key_path):
        parts.append(int(index) if index else name)
    return tuple(parts)


def _repair(data: dict[str, Any], path: tuple, examples: list[dict[str, Any]], tried: set[tuple]) -> bool:
    """Put the example's value at ``path`` (or a parent of it), else remove it; whether anything changed.

    A place repaired before is removed this time (an example value can be wrong here too).
    """
    for depth in range(len(path), 0, -1):
        here = path[:depth]
        parent: Any = data
        for part in here[:-1]:
            try:
                parent = parent[part]
            except (KeyError, IndexError, TypeError):
                parent = None
                break
        if parent is None:
            continue
        key = here[-1]
        try:
            current = parent[key]
        except (KeyError, IndexError, TypeError):
            continue
        example = _example_value(examples, here)
        if example is not None and example != current and here not in tried:
            tried.add(here)
            parent[key] = example
            return True
        if isinstance(parent, dict) or (isinstance(parent, list) and len(parent) > 1):
            del parent[key]
            return True
    return False


def payload_blueprint(folder: Path) -> dict[int, str]:
    """Write ``folder/blueprint.yaml``: valid, with payloads; returns {payload number: key path}."""
    from kltransfer.schema import CURRENT, load_schema
    from kltransfer.validation.validate import validate_file

    root = load_schema(CURRENT)
    generator = _Generator(root)
    examples = _examples()
    data = _fill(generator.value(root, ()), (), examples)
    data["kltransfer"] = CURRENT
    data["id"] = "payload-blueprint"
    for key in ("cities", "owner"):  # 'city' is the one that every format version knows
        data.pop(key, None)
    for key in ("sources", "citations", "decisions", "origin"):  # references between entries
        data.pop(key, None)
    _strip_cites(data)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "blueprint.yaml"
    tried: set[tuple] = set()
    for _ in range(200):
        target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1 << 20), "utf-8")
        errors = [f for f in validate_file(target).findings if f.severity == "error"]
        if not errors:
            break
        changed = False
        for finding in errors:
            changed = _repair(data, _parse(finding.key_path), examples, tried) or changed
        assert changed, [f"{f.code} {f.key_path}: {f.message}" for f in errors]
    else:
        raise AssertionError("the payload blueprint did not become valid")
    text = target.read_text(encoding="utf-8")
    return {
        n: field
        for n, field in generator.fields.items()
        if f"F{n} " in text or f"F{n}<" in text or f"/U{n}?" in text or f"~U{n}@" in text
    }


def _strip_cites(value: Any) -> None:
    if isinstance(value, dict):
        value.pop("cite", None)
        for child in value.values():
            _strip_cites(child)
    elif isinstance(value, list):
        for child in value:
            _strip_cites(child)
