"""Several owners (format 1.2): one lead among ``cities[]``, and shares that add up (KT250, KT251)."""

from __future__ import annotations

from collections.abc import Callable

from kltransfer.i18n import N_, _, tr
from kltransfer.i18n.numbers import format_money
from kltransfer.loading.keypath import KeyPath
from kltransfer.shape import funding_sources, items, known_sum, mapping, number, own_share

TYPE_CHECKING = False  # typing is not imported at run time (docs/performance.md)
if TYPE_CHECKING:
    from typing import Any

Emit = Callable[..., None]

#: share key -> the cities' shares of it (shown in messages)
_SHARES = {
    "investment": N_("the cities' shares of the investment"),
    "operation_per_year": N_("the cities' shares of the yearly operating costs"),
    "funding": N_("the cities' shares of the funding"),
    "own_share": N_("the cities' shares of the own share"),
}


def check_owners(data: dict[str, Any], emit: Emit) -> None:
    cities = list(items(data, "cities"))
    if isinstance(data.get("city"), dict) and ("cities" in data or "owner" in data):
        other = "cities" if "cities" in data else "owner"
        emit(
            "KT250",
            ("city",),
            tr("KT250", "the file gives both 'city' and '{other}'", other=other),
            tr(
                "KT250",
                "'city' is for a project of one municipality; list several under 'cities' (one with role: lead), "
                "and a district or cooperation as 'owner'",
            ),
            key=True,
        )
    if not cities:
        return
    leads = [i for i, city in cities if city.get("role") == "lead"]
    if not leads and "owner" not in data:
        emit(
            "KT250",
            ("cities",),
            tr("KT250", "none of the cities is the lead"),
            tr("KT250", "mark the city that coordinates the project with role: lead"),
            key=True,
        )
    for i in leads[1:]:
        emit(
            "KT250",
            ("cities", i, "role"),
            tr("KT250", "more than one city is the lead (also entry {n})", n=leads[0] + 1),
            tr("KT250", "one city leads the project; mark the others with role: partner"),
        )
    seen: dict[str, int] = {}
    for i, city in cities:
        name = city.get("name")
        if isinstance(name, str):
            if name.casefold() in seen:
                emit(
                    "KT209",
                    ("cities", i, "name"),
                    tr(
                        "KT209",
                        "'{name}' is listed twice in {section} (also entry {n})",
                        name=name,
                        section="cities",
                        n=seen[name.casefold()] + 1,
                    ),
                    tr("KT209", "merge the two entries"),
                )
            else:
                seen[name.casefold()] = i
    currency = mapping(data, "costs").get("currency")
    currency = currency if isinstance(currency, str) else "EUR"
    for key, what in _SHARES.items():
        _check_share(data, cities, key, _(what), currency, emit)


def _total(data: dict[str, Any], key: str) -> tuple[float | int | None, KeyPath]:
    """The total that the cities' shares of ``key`` divide, and where it stands; None when not known."""
    if key in ("investment", "operation_per_year"):
        path: KeyPath = ("costs", key, "total")
        return number(mapping(data, "costs", key).get("total")), path
    if key == "funding":
        path, sources = funding_sources(data)
        total, has_unknown = known_sum(s.get("amount") for _, s in sources)
        return (None if has_unknown or not sources else total), path
    path, value = own_share(data)
    return number(value), path


def _check_share(
    data: dict[str, Any], cities: list[tuple[int, dict[str, Any]]], key: str, what: str, currency: str, emit: Emit
) -> None:
    given = [(i, mapping(city, "shares").get(key)) for i, city in cities if key in mapping(city, "shares")]
    if not given:
        return
    total, total_path = _total(data, key)
    if total is None:
        return
    parts, has_unknown = known_sum(value for _, value in given)
    complete = not has_unknown and len(given) == len(cities)
    last = ("cities", given[-1][0], "shares", key)
    shown = {"what": what, "sum": format_money(parts, currency), "total": format_money(total, currency)}
    if parts > total + 0.005:
        emit(
            "KT251",
            last,
            tr("KT251", "{what} add up to {sum}, more than the total of {total}", **shown),
            tr("KT251", "count each euro once: correct the shares or '{path}'", path=_dotted(total_path)),
        )
    elif complete and abs(parts - total) > 0.005:
        emit(
            "KT251",
            last,
            tr("KT251", "{what} add up to {sum}, but the total is {total}", **shown),
            tr(
                "KT251",
                "correct the shares or '{path}'; write unknown for a share that is not published",
                path=_dotted(total_path),
            ),
        )


def _dotted(path: KeyPath) -> str:
    return ".".join(str(p) for p in path)
