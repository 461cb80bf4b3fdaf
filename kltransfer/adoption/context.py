"""The local context of an adopted copy: the fields reset for the adopting city.

:func:`reset_text` is deterministic: the same upstream text and the same :class:`LocalContext`
always give the same result. ``update`` relies on that: it resets the pristine base and the new
upstream file the same way, so that the reset fields never show up as upstream changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from kltransfer.adoption.language import document_text, recorded_language
from kltransfer.adoption.yaml_edit import _with_value, insert_top_level, parse, remove_top_level, set_value
from kltransfer.errors import UsageError
from kltransfer.i18n import DEFAULT_LANGUAGE, N_, _, normalise
from kltransfer.loading.keypath import KeyPath
from kltransfer.loading.yaml_loader import load_text
from kltransfer.shape import lead

# The placeholders written into the copy, in its document language (see kltransfer.adoption.language).
TODO_CITY = N_("TODO: name of the adopting city")
TODO_POPULATION = N_("TODO: number of inhabitants")
TODO_ORGANISATION = N_("TODO: name of the administration that runs the project")
TODO_URL = N_("TODO: website of the city")
TODO_CONTACT = {"role": N_("TODO: role, e.g. project lead"), "email": N_("TODO: e-mail address")}
TODO_OPERATOR = N_("TODO: who runs it in your city")
_ORIGIN_CITY = N_("the origin city")
_COSTS_NOTE = N_("The figures are {city}'s (from the adopted blueprint); replace them with your own.")
_PART = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*)((?:\[[0-9]+\])*)")


@dataclass(frozen=True, slots=True)
class LocalContext:
    """What the adopting city said about itself: ``--city`` and the ``--set`` assignments,
    and the language of the copy (``None``: recorded before there was one, English)."""

    city: str | None = None
    sets: tuple[str, ...] = field(default_factory=tuple)
    lang: str | None = None
    #: The copy's own id (``None``: it keeps the upstream's until the city is known).
    id: str | None = None
    #: 1: adopted before copies became the adopter's own (only the fields above were reset);
    #: 2: the copy is the adopter's own (see :mod:`kltransfer.adoption.own`).
    scheme: int = 1

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"city": self.city, "sets": list(self.sets)}
        if self.lang is not None:
            out["lang"] = self.lang
        if self.scheme > 1:
            out["id"] = self.id
            out["scheme"] = self.scheme
        return out

    @classmethod
    def from_dict(cls, data: Any) -> LocalContext:
        if not isinstance(data, dict):
            return cls()
        city = data.get("city") if isinstance(data.get("city"), str) else None
        sets = tuple(s for s in data.get("sets") or [] if isinstance(s, str))
        ident = data.get("id") if isinstance(data.get("id"), str) else None
        scheme = data.get("scheme") if data.get("scheme") in (1, 2) else 1
        return cls(city, sets, recorded_language(data.get("lang")), ident, scheme)

    @property
    def own(self) -> bool:
        """Whether the copy is the adopter's own: its id, and the upstream's history moved to ``origin``."""
        return self.scheme >= 2

    @property
    def city_name(self) -> str | None:
        """The adopting city's name: ``--city``, else a ``--set city.name=...``."""
        if self.city:
            return self.city
        named = [value for path, value in self.assignments() if path == ("city", "name") and isinstance(value, str)]
        return named[-1] if named else None

    @property
    def document_language(self) -> str:
        return self.lang or DEFAULT_LANGUAGE

    def assignments(self) -> list[tuple[KeyPath, Any]]:
        return [parse_assignment(raw) for raw in self.sets]

    @property
    def sets_state(self) -> bool:
        return any(path == ("city", "state") for path, _value in self.assignments())


def parse_key_path(text: str) -> KeyPath:
    """``contacts[0].email`` -> ``("contacts", 0, "email")``."""
    parts: list[str | int] = []
    for piece in text.split("."):
        match = _PART.fullmatch(piece)
        if not match:
            raise UsageError(
                _("'{text}' is not a key path", text=text),
                hint=_("write it like city.state or contacts[0].email"),
            )
        parts.append(match.group(1))
        parts += [int(i) for i in re.findall(r"\[([0-9]+)\]", match.group(2))]
    return tuple(parts)


def parse_assignment(raw: str) -> tuple[KeyPath, Any]:
    """``KEY=VALUE`` with VALUE read as a YAML value (so quote numbers meant as text: ``'"0123"'``)."""
    key, sep, value = raw.partition("=")
    if not sep or not key.strip():
        raise UsageError(_("--set needs KEY=VALUE, got '{raw}'", raw=raw), hint=_("e.g. --set city.state=DE-BY"))
    if "\n" in value or "\r" in value:
        raise UsageError(_("the value of --set {key} must be on one line", key=key))
    path = parse_key_path(key.strip())
    if path[0] == "origin":
        raise UsageError(_("origin is written by kltransfer and cannot be set"))
    doc = load_text(f"value: {value}\n")[0] if value.strip() else None
    parsed: Any = doc.data.get("value") if doc is not None and "value" in doc.data else value
    return path, _as_code(path, parsed)


def _as_code(path: KeyPath, value: Any) -> Any:
    """A federal state, phase, status or field of action given by its name (``Bayern``,
    ``Pilot``, ``Umwelt``) as its code, as ``kltransfer new`` takes them; anything else as given."""
    from kltransfer.i18n.synonyms import value_code

    last = path[-1]
    if last == "state":
        vocabulary = "state"
    elif path in (("phase",), ("status",)):
        vocabulary = str(last)
    elif path[0] == "fields_of_action":
        vocabulary = "field_of_action"
    else:
        return value
    if isinstance(value, list) and len(path) == 1:
        return [_as_code((*path, i), item) for i, item in enumerate(value)]
    if isinstance(value, str):
        return value_code(vocabulary, value) or value
    return value


def origin_city(data: Any, lang: str) -> str:
    """The name of the city (or body) a blueprint comes from, or "the origin city" in ``lang``."""
    from kltransfer.adoption.own import upstream_city

    return upstream_city(data) or document_text(lang, _ORIGIN_CITY)


def _marker(city: str, existing: Any, lang: str) -> Any:
    """The note on the cost figures before ``existing``; a localised note gets it in each of its languages."""
    if isinstance(existing, dict) and existing:
        notes = {tag: document_text(normalise(tag) or DEFAULT_LANGUAGE, _COSTS_NOTE, city=city) for tag in existing}
        return {tag: f"{notes[tag]} {value}" for tag, value in existing.items()}
    text = document_text(lang, _COSTS_NOTE, city=city)
    if isinstance(existing, str) and existing.strip():
        return f"{text} {existing}"
    return text


def reset_text(text: str, context: LocalContext) -> str:
    """The upstream blueprint ``text`` with the local context reset (without an origin block)."""
    text = text.removeprefix("\ufeff")
    text = remove_top_level(text, "origin")[0]
    city_position = None
    if context.own:
        from kltransfer.adoption import own

        text = own.current_format(text)
        data = parse(text).data
        text = own.schema_comment(text, str(data.get("kltransfer")), context.document_language)
        if context.id:
            text = set_value(text, ("id",), context.id)
        title = own.retitled(data.get("title"), own.upstream_city(data), context.city_name)
        if title is not None:
            text = set_value(text, ("title",), title)
        text, city_position = own.strip_upstream(text, data)
    else:
        data = parse(text).data
    assignments = context.assignments()
    lang = context.document_language
    old_city = data.get("city") if isinstance(data.get("city"), dict) else lead(data) if context.own else {}
    from_city = origin_city(data, lang)
    city: dict[str, Any] = {"name": context.city or document_text(lang, TODO_CITY)}
    if isinstance(old_city.get("state"), str):
        city["state"] = old_city["state"]
    if "country" in old_city:
        city["country"] = old_city["country"]
    city["population"] = document_text(lang, TODO_POPULATION)
    city["organisation"] = document_text(lang, TODO_ORGANISATION)
    if "url" in old_city:
        city["url"] = document_text(lang, TODO_URL)
    for path, value in assignments:
        if path[0] == "city":
            if len(path) < 2:
                raise UsageError(_("set the city's fields one by one, e.g. --set city.state=DE-BY"))
            city = _with_value(city, path[1:], value)
    if city_position is not None:
        text = insert_top_level(text, city_position, "city", city)
    else:
        text = set_value(text, ("city",), city)
    text = set_value(text, ("contacts",), [{key: document_text(lang, todo) for key, todo in TODO_CONTACT.items()}])
    if context.own and isinstance(data.get("operator_model"), dict) and "operator" in data["operator_model"]:
        text = set_value(text, ("operator_model", "operator"), document_text(lang, TODO_OPERATOR))
    text = set_value(text, ("phase",), "P1")
    text = set_value(text, ("status",), "planned")
    costs = data.get("costs")
    if isinstance(costs, dict):
        for block in ("investment", "operation_per_year"):
            section = costs.get(block)
            if isinstance(section, dict):
                text = set_value(text, ("costs", block, "note"), _marker(from_city, section.get("note"), lang))
    for path, value in assignments:
        if path[0] != "city":
            text = set_value(text, path, value)
    return text if text.endswith("\n") else text + "\n"
