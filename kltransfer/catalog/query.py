"""Filters (``--where FIELD OP VALUE``) and full-text search over blueprints.

A FIELD is a key path into the blueprint (``city.state``, ``phase``, ``components.licence``,
``transfer.adopters.city.name``) or a computed field of the entry (``city_size``,
``open_source``, ``investment``; for format 1.2 ``cities`` (the names of the municipalities that
carry the project), ``several_cities``, ``owner_type``, ``adopters`` (a count), ``has_adopters``). Where the
path passes through a list, a filter matches when any element matches. Operators: ``=``,
``!=``, ``~`` (contains), ``<``, ``<=``, ``>``, ``>=`` (numbers). Text comparisons ignore case
and accents.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from kltransfer.catalog.entries import Entry, fold
from kltransfer.errors import UsageError
from kltransfer.i18n import _

_CONDITION = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_.]*)\s*(!=|<=|>=|=|~|<|>)\s*(.*?)\s*$")
_COMPUTED = (
    "city_size",
    "open_source",
    "investment",
    "operation_per_year",
    "state",
    "title",
    "city",
    "population",
    "cities",
    "several_cities",
    "owner_type",
    "adopters",
    "has_adopters",
)


@dataclass(frozen=True, slots=True)
class Condition:
    field: str
    op: str
    value: str

    @classmethod
    def parse(cls, text: str) -> Condition:
        match = _CONDITION.match(text)
        if not match:
            raise UsageError(
                _("cannot read the filter '{filter}'", filter=text),
                hint=_("write FIELD=VALUE, e.g. --where city.state=DE-RP or --where 'city.population<=50000'"),
            )
        condition = cls(*match.groups())
        condition._check_field()
        if condition.op in ("<", "<=", ">", ">="):
            try:
                float(condition.value)
            except ValueError:
                raise UsageError(
                    _(
                        "'{value}' in the filter '{filter}' is not a number; {op} compares numbers",
                        value=condition.value,
                        filter=text,
                        op=condition.op,
                    ),
                    hint=_("write a number such as 50000 or 1.5, or use = or ~ to compare text"),
                ) from None
        return condition

    def _check_field(self) -> None:
        from kltransfer.schema import load_schema
        from kltransfer.validation.suggest import did_you_mean

        head = self.field.split(".", 1)[0]
        known = sorted({*load_schema()["properties"], *_COMPUTED, "version", "path"})
        if head not in known:
            raise UsageError(
                _(
                    "unknown field '{field}' in the filter '{filter}'",
                    field=self.field,
                    filter=self.field + self.op + self.value,
                ),
                hint=did_you_mean(head, known) or _("fields: {fields}", fields=", ".join(known)),
            )

    def matches(self, data: dict[str, Any], entry: Entry) -> bool:
        values = list(_values(entry.to_dict(), self.field.split("."))) if self.field in _COMPUTED else []
        if not values:
            values = list(_values(data, self.field.split(".")))
        if self.op == "!=":
            return not any(self._compare(v, "=") for v in values)
        return any(self._compare(v, self.op) for v in values)

    def _compare(self, actual: Any, op: str) -> bool:
        if actual is None:
            return False
        if op in ("<", "<=", ">", ">="):
            try:
                left, right = float(actual), float(self.value)
            except (TypeError, ValueError):
                return False
            return {"<": left < right, "<=": left <= right, ">": left > right, ">=": left >= right}[op]
        if isinstance(actual, bool):
            actual = "true" if actual else "false"
        texts = [str(v) for v in actual.values()] if isinstance(actual, dict) else [str(actual)]
        wanted = fold(self.value)
        if op == "~":
            return any(wanted in fold(t) for t in texts)
        return any(wanted == fold(t) for t in texts)


def _values(value: Any, parts: list[str]) -> Iterator[Any]:
    if not parts:
        if isinstance(value, list):
            yield from value
        else:
            yield value
        return
    if isinstance(value, list):
        for item in value:
            yield from _values(item, parts)
    elif isinstance(value, dict) and parts[0] in value:
        yield from _values(value[parts[0]], parts[1:])


def search_matches(entry: Entry, text: str) -> bool:
    """Every word of ``text`` matches a word the entry is searched by, in any language (titles,
    descriptions, keywords, goals, components, lessons), inflections and compounds folded
    (:mod:`kltransfer.catalog.words`)."""
    from kltransfer.catalog.words import matches, terms

    return matches(text, terms(entry.search_text))
