"""The local context of an adopted copy: the fields reset for the adopting city.

:func:`reset_text` is deterministic: the same upstream text and the same :class:`LocalContext`
always give the same result. ``update`` relies on that: it resets the pristine base and the new
upstream file the same way, so that the reset fields never show up as upstream changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from kltransfer.adoption.yaml_edit import _with_value, parse, remove_top_level, set_value
from kltransfer.errors import UsageError
from kltransfer.loading.keypath import KeyPath
from kltransfer.loading.yaml_loader import load_text

TODO_CITY = "TODO: name of the adopting city"
TODO_POPULATION = "TODO: number of inhabitants"
TODO_ORGANISATION = "TODO: name of the administration that runs the project"
TODO_URL = "TODO: website of the city"
TODO_CONTACT = {"role": "TODO: role, e.g. project lead", "email": "TODO: e-mail address"}
_PART = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*)((?:\[[0-9]+\])*)")


@dataclass(frozen=True, slots=True)
class LocalContext:
    """What the adopting city said about itself: ``--city`` and the ``--set`` assignments."""

    city: str | None = None
    sets: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        return {"city": self.city, "sets": list(self.sets)}

    @classmethod
    def from_dict(cls, data: Any) -> LocalContext:
        if not isinstance(data, dict):
            return cls()
        city = data.get("city") if isinstance(data.get("city"), str) else None
        sets = tuple(s for s in data.get("sets") or [] if isinstance(s, str))
        return cls(city, sets)

    def assignments(self) -> list[tuple[KeyPath, Any]]:
        return [parse_assignment(raw) for raw in self.sets]

    @property
    def sets_state(self) -> bool:
        return any(path == ("city", "state") for path, _ in self.assignments())


def parse_key_path(text: str) -> KeyPath:
    """``contacts[0].email`` -> ``("contacts", 0, "email")``."""
    parts: list[str | int] = []
    for piece in text.split("."):
        match = _PART.fullmatch(piece)
        if not match:
            raise UsageError(f"'{text}' is not a key path", hint="write it like city.state or contacts[0].email")
        parts.append(match.group(1))
        parts += [int(i) for i in re.findall(r"\[([0-9]+)\]", match.group(2))]
    return tuple(parts)


def parse_assignment(raw: str) -> tuple[KeyPath, Any]:
    """``KEY=VALUE`` with VALUE read as a YAML value (so quote numbers meant as text: ``'"0123"'``)."""
    key, sep, value = raw.partition("=")
    if not sep or not key.strip():
        raise UsageError(f"--set needs KEY=VALUE, got '{raw}'", hint="e.g. --set city.state=DE-BY")
    if "\n" in value or "\r" in value:
        raise UsageError(f"the value of --set {key} must be on one line")
    path = parse_key_path(key.strip())
    if path[0] == "origin":
        raise UsageError("origin is written by kltransfer and cannot be set")
    doc, _ = load_text(f"value: {value}\n") if value.strip() else (None, [])
    parsed: Any = doc.data.get("value") if doc is not None and "value" in doc.data else value
    return path, parsed


def _marker(city: str, existing: Any) -> Any:
    text = f"The figures are {city}'s (from the adopted blueprint); replace them with your own."
    if isinstance(existing, dict) and existing:
        return {lang: f"{text} {value}" for lang, value in existing.items()}
    if isinstance(existing, str) and existing.strip():
        return f"{text} {existing}"
    return text


def reset_text(text: str, context: LocalContext) -> str:
    """The upstream blueprint ``text`` with the local context reset (without an origin block)."""
    text = text.removeprefix("\ufeff")
    text, _ = remove_top_level(text, "origin")
    data = parse(text).data
    assignments = context.assignments()
    old_city = data.get("city") if isinstance(data.get("city"), dict) else {}
    origin_city = old_city.get("name") if isinstance(old_city.get("name"), str) else "the origin city"
    city: dict[str, Any] = {"name": context.city or TODO_CITY}
    if isinstance(old_city.get("state"), str):
        city["state"] = old_city["state"]
    if "country" in old_city:
        city["country"] = old_city["country"]
    city["population"] = TODO_POPULATION
    city["organisation"] = TODO_ORGANISATION
    if "url" in old_city:
        city["url"] = TODO_URL
    for path, value in assignments:
        if path[0] == "city":
            if len(path) < 2:
                raise UsageError("set the city's fields one by one, e.g. --set city.state=DE-BY")
            city = _with_value(city, path[1:], value)
    text = set_value(text, ("city",), city)
    text = set_value(text, ("contacts",), [dict(TODO_CONTACT)])
    text = set_value(text, ("phase",), "P1")
    text = set_value(text, ("status",), "planned")
    costs = data.get("costs")
    if isinstance(costs, dict):
        for block in ("investment", "operation_per_year"):
            section = costs.get(block)
            if isinstance(section, dict):
                text = set_value(text, ("costs", block, "note"), _marker(origin_city, section.get("note")))
    for path, value in assignments:
        if path[0] != "city":
            text = set_value(text, path, value)
    return text if text.endswith("\n") else text + "\n"
