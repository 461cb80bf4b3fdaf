"""The checks that format 1.2's new fields need beyond its schema (KT250-KT256, and KT201/KT202
for their dates). They read every file defensively; on 1.0 and 1.1 files they find nothing to do.

- :mod:`.owners`: several cities with one lead, and their shares adding up (KT250, KT251);
- :mod:`.partial_sums`: sums with unknown parts, the own share split (KT252, KT256);
- :mod:`.references`: sources, citations and decisions referred to by id (KT253-KT255).
"""

from __future__ import annotations

from collections.abc import Callable

from kltransfer.i18n import tr
from kltransfer.loading.keypath import KeyPath
from kltransfer.shape import PartialDate, adopters, items, mapping
from kltransfer.validation.owners import check_owners
from kltransfer.validation.partial_sums import check_partial_sums
from kltransfer.validation.references import check_references

TYPE_CHECKING = False  # typing is not imported at run time (docs/performance.md)
if TYPE_CHECKING:
    from typing import Any

Emit = Callable[..., None]
#: Reads a date at a key path, reporting one that does not exist (KT202); from :mod:`.semantic`.
ReadDate = Callable[[object, KeyPath, Emit], PartialDate | None]


def check_format_1_2(data: dict[str, Any], emit: Emit, read_date: ReadDate) -> None:
    check_owners(data, emit)
    check_partial_sums(data, emit)
    check_references(data, emit)
    _check_dates(data, emit, read_date)


def _check_dates(data: dict[str, Any], emit: Emit, read_date: ReadDate) -> None:
    """Every date of the 1.2 fields exists; from-until pairs are in order, as far as both are known."""
    for i, adopter in adopters(data):
        path = ("transfer", "adopters", i)
        _in_order(adopter, path, ("since", "until"), emit, read_date)
    for i, source in items(mapping(data, "funding"), "sources"):
        read_date(source.get("award_date"), ("funding", "sources", i, "award_date"), emit)
        _in_order(mapping(source, "period"), ("funding", "sources", i, "period"), ("start", "end"), emit, read_date)
    for gi, goal in items(data, "goals"):
        for ki, kpi in items(goal, "kpis"):
            for mi, entry in items(kpi, "measurements"):
                read_date(entry.get("date"), ("goals", gi, "kpis", ki, "measurements", mi, "date"), emit)
    for section, key in (("decisions", "date"), ("awards", "date"), ("sources", "published"), ("sources", "accessed")):
        for i, entry in items(data, section):
            read_date(entry.get(key), (section, i, key), emit)
    for i, component in items(data, "components"):
        governance = mapping(component, "governance")
        read_date(governance.get("founded"), ("components", i, "governance", "founded"), emit)


def _in_order(entry: dict[str, Any], path: KeyPath, keys: tuple[str, str], emit: Emit, read_date: ReadDate) -> None:
    first, last = (read_date(entry.get(k), (*path, k), emit) for k in keys)
    if first and last and last < first:
        emit(
            "KT201",
            (*path, keys[1]),
            tr(
                "KT201",
                "'{later}' ({end}) is before '{earlier}' ({start})",
                later=keys[1],
                end=last,
                earlier=keys[0],
                start=first,
            ),
            tr("KT201", "swap the two dates or correct one of them"),
        )
