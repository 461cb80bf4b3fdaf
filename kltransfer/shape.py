"""Reading blueprint data defensively, the same way whatever its format version.

Checks, readiness rules, the export and the catalog all read data that may be of the wrong
shape (the schema reports that, they must not crash on it) and of format 1.0, 1.1 or 1.2:

- 1.1 moved the funding sources to ``funding.sources`` and ``own_share`` to ``funding.own_share``;
- 1.2 adds the *unknown* marker (``unknown`` or ``unknown: reason``: a fact that is not
  published), dates as precise as known (``2025``, ``2025-06``, ``2025-06-30``), several owners
  (``cities[]`` with one lead, or an ``owner`` such as a district) and ``transfer.adopters[]``.

Every consumer reads these through the helpers below, so that an unknown value is never shown
as 0 or "no", and a total with an unknown part is known to be "at least" its known sum.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator

from kltransfer.loading.keypath import KeyPath
from kltransfer.record import FrozenRecord

#: A value still to be filled in: ``TODO`` or ``TODO: hint`` (warning KT220, fails --strict).
PLACEHOLDER_PATTERN: Final = r"^TODO\b"
#: A fact that is honestly not known or not published: ``unknown`` or ``unknown: reason``.
UNKNOWN_PATTERN: Final = r"^unknown(\s*:[\s\S]*)?$"
#: Where the schema takes a number, a date or a yes/no value, a text must be one of these two.
MARKER_PATTERN: Final = r"^(TODO\b|unknown(\s*:[\s\S]*)?$)"

_PLACEHOLDER = re.compile(PLACEHOLDER_PATTERN)
_UNKNOWN = re.compile(r"unknown(?:\s*:(?P<reason>.*))?", re.DOTALL)
_DATE = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?")

TYPE_CHECKING = False  # typing is not imported at run time (docs/performance.md)
if TYPE_CHECKING:
    from typing import Any, Final, TypeVar

    T = TypeVar("T")


class _Unknown:
    """The sentinel that :func:`number` returns for the unknown marker when asked to."""

    _instance: _Unknown | None = None

    def __new__(cls) -> _Unknown:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNKNOWN"

    def __bool__(self) -> bool:
        return False


#: Returned by ``number(value, UNKNOWN)`` for an unknown value, to tell it from an absent one.
UNKNOWN: Final = _Unknown()


def is_placeholder(value: Any) -> bool:
    """True for ``TODO`` and ``TODO: hint``: a value still to be filled in."""
    return isinstance(value, str) and _PLACEHOLDER.match(value) is not None


def is_unknown(value: Any) -> bool:
    """True for the marker ``unknown`` or ``unknown: reason`` (a fact not known or not published)."""
    return isinstance(value, str) and _UNKNOWN.fullmatch(value.rstrip()) is not None


def unknown_reason(value: Any) -> str | None:
    """The reason given with ``unknown: reason``; ``None`` for a bare ``unknown`` or another value."""
    match = _UNKNOWN.fullmatch(value.rstrip()) if isinstance(value, str) else None
    reason = (match.group("reason") or "").strip() if match else ""
    return reason or None


def number(value: Any, unknown: T | None = None) -> float | int | T | None:
    """``value`` when it is a number (true/false are not); for the unknown marker ``unknown``
    (pass :data:`UNKNOWN` to tell it from an absent value), else ``None``."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    if unknown is not None and is_unknown(value):
        return unknown
    return None


def known_sum(values: Iterable[Any]) -> tuple[float | int, bool]:
    """The sum of the numbers among ``values``, and whether some part is not a number.

    A part that is ``unknown``, a placeholder or missing makes the true total *at least* the
    sum: show it as "at least …" ("mindestens …"), never as the total.
    """
    total: float | int = 0
    has_unknown_part = False
    for value in values:
        amount = number(value)
        if amount is None:
            has_unknown_part = True
        else:
            total += amount
    return total, has_unknown_part


def state_of(value: Any) -> str:
    """``absent``, ``placeholder``, ``unknown`` or ``given``: what a value says.

    A list or mapping (a text in several languages) is ``given`` when one of its values is,
    else ``unknown`` or ``placeholder`` when one of them is.
    """
    if value is None or value == "" or value == [] or value == {}:
        return "absent"
    if isinstance(value, dict | list):
        states = {state_of(v) for v in (value.values() if isinstance(value, dict) else value)}
        return next((s for s in ("given", "unknown", "placeholder") if s in states), "absent")
    if is_placeholder(value):
        return "placeholder"
    if is_unknown(value):
        return "unknown"
    return "given"


# --- dates as precise as known ------------------------------------------------------------


class PartialDate(FrozenRecord):
    """A date known to the year, the month or the day. ``a < b`` means *certainly* before:
    only the parts both know are compared (``2025`` is neither before nor after ``2025-06``)."""

    __slots__ = ("day", "month", "year")
    year: int
    month: int | None
    day: int | None

    def __init__(self, year: int, month: int | None = None, day: int | None = None) -> None:
        self._set(year=year, month=month, day=day)

    @property
    def parts(self) -> tuple[int, ...]:
        return tuple(p for p in (self.year, self.month, self.day) if p is not None)

    @property
    def precision(self) -> str:
        """``year``, ``month`` or ``day``."""
        return ("year", "month", "day")[len(self.parts) - 1]

    def sort_key(self) -> tuple[int, int, int]:
        """For sorting: an unknown month or day counts as the first."""
        return (self.year, self.month or 0, self.day or 0)

    def as_date(self) -> dt.date | None:
        return dt.date(self.year, self.month, self.day) if self.month and self.day else None

    def __lt__(self, other: PartialDate) -> bool:
        n = min(len(self.parts), len(other.parts))
        return self.parts[:n] < other.parts[:n]

    def __gt__(self, other: PartialDate) -> bool:
        return other < self

    def __str__(self) -> str:
        return "-".join(f"{p:04d}" if i == 0 else f"{p:02d}" for i, p in enumerate(self.parts))


def partial_date(value: Any) -> PartialDate | None:
    """The date that ``value`` writes (``2025``, ``2025-06``, ``2025-06-30``, or the whole number
    2025), else ``None``. Raises ``ValueError`` when it has the form of a date that does not exist
    (``2025-02-30``, ``2025-13``)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return PartialDate(value) if 1000 <= value <= 9999 else None
    match = _DATE.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        return None
    year, month, day = (int(g) if g else None for g in match.group("year", "month", "day"))
    assert year is not None
    if month is not None and not 1 <= month <= 12:
        raise ValueError(value)
    if day is not None:
        dt.date(year, month or 1, day)  # raises ValueError for a day that does not exist
    return PartialDate(year, month, day)


def date_text(value: Any) -> str | None:
    """A date as written (``2025`` for the whole number 2025); ``None`` for anything else."""
    try:
        found = partial_date(value)
    except ValueError:
        return value if isinstance(value, str) else None
    return str(found) if found else None


# --- where things are --------------------------------------------------------------------------


def mapping(data: Any, *keys: str) -> dict[str, Any]:
    """The mapping at ``keys`` below ``data``, or an empty one."""
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return data if isinstance(data, dict) else {}


def items(data: Any, key: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """Index and value of each mapping in the list ``data[key]``; anything else is skipped."""
    value = data.get(key) if isinstance(data, dict) else None
    if isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, dict):
                yield i, item


def funding_sources(data: dict[str, Any]) -> tuple[KeyPath, list[tuple[int, dict[str, Any]]]]:
    """Where the funding sources are, and each of them (1.0: ``funding``, 1.1: ``funding.sources``)."""
    funding = data.get("funding")
    if isinstance(funding, dict):  # 1.1
        return ("funding", "sources"), list(items(funding, "sources"))
    return ("funding",), list(items(data, "funding"))


def own_share(data: dict[str, Any]) -> tuple[KeyPath, Any]:
    """Where the own share is, and its value (1.0: ``own_share``, 1.1: ``funding.own_share``)."""
    funding = data.get("funding")
    if isinstance(funding, dict):  # 1.1
        return ("funding", "own_share"), funding.get("own_share")
    return ("own_share",), data.get("own_share")


class Owner(FrozenRecord):
    """A municipality that carries the project: where it stands in the file, its data, its role."""

    __slots__ = ("data", "key_path", "role")
    key_path: KeyPath
    data: dict[str, Any]
    role: str  # lead or partner

    def __init__(self, key_path: KeyPath, data: dict[str, Any], role: str) -> None:
        self._set(key_path=key_path, data=data, role=role)


def owners(data: dict[str, Any]) -> list[Owner]:
    """The municipalities that carry the project: 1.2's ``cities[]`` (each with its role), or the
    one ``city`` of every format version (the lead). A district or cooperation is :func:`owner_body`."""
    several = [
        Owner(("cities", i), city, city.get("role") if city.get("role") in ("lead", "partner") else "partner")
        for i, city in items(data, "cities")
    ]
    if several:
        return several
    city = data.get("city")
    return [Owner(("city",), city, "lead")] if isinstance(city, dict) else []


def owner_body(data: dict[str, Any]) -> dict[str, Any]:
    """1.2's ``owner``: a district, an inter-municipal cooperation or another body (else empty)."""
    return mapping(data, "owner")


def lead(data: dict[str, Any]) -> dict[str, Any]:
    """Who speaks for the project: the ``owner`` body, else the lead city, else the first city."""
    body = owner_body(data)
    if body:
        return body
    found = owners(data)
    return next((o.data for o in found if o.role == "lead"), found[0].data if found else {})


def states(data: dict[str, Any]) -> list[str]:
    """Every federal state the project's owners lie in (the owner body's first), without repeats."""
    seen: list[str] = []
    for place in (owner_body(data), *(o.data for o in owners(data))):
        state = place.get("state")
        if isinstance(state, str) and not is_placeholder(state) and state not in seen:
            seen.append(state)
    return seen


def adopters(data: dict[str, Any]) -> list[tuple[int, dict[str, Any]]]:
    """1.2's ``transfer.adopters[]``: index and entry of each city that took the project over."""
    return list(items(mapping(data, "transfer"), "adopters"))


def measurements(kpi: dict[str, Any]) -> list[tuple[Any, Any]]:
    """(date, value) of each measured value of a KPI: 1.2's ``measurements[]``, and the
    ``achieved`` value with its ``measured`` date; values that are unknown or TODO are left out."""
    found = [
        (m.get("date"), m.get("value")) for _, m in items(kpi, "measurements") if state_of(m.get("value")) == "given"
    ]
    if state_of(kpi.get("achieved")) == "given":
        found.append((kpi.get("measured"), kpi.get("achieved")))
    return found
