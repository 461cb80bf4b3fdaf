"""The catalog entry of one blueprint: the fields people filter and search by."""

from __future__ import annotations

import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any

from kltransfer.export.languages import fallback_order, resolve_text
from kltransfer.shape import adopters, date_text, lead, mapping, number, owner_body, owners

#: City size classes (after the BBSR's classification of German municipalities).
CITY_SIZES: tuple[tuple[str, int], ...] = (
    ("rural", 5_000),
    ("small-town", 20_000),
    ("medium-town", 100_000),
    ("large-city", 10**12),
)


def city_size(population: Any) -> str | None:
    if isinstance(population, bool) or not isinstance(population, int | float):
        return None
    return next((name for name, limit in CITY_SIZES if population < limit), CITY_SIZES[-1][0])


def fold(text: str) -> str:
    """Lower case without accents, so that 'Straße', 'strasse' and 'STRASSE' meet."""
    text = unicodedata.normalize("NFKD", text.casefold().replace("ß", "ss"))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def _searchable(data: dict[str, Any]) -> list[str]:
    """Every text people search a blueprint by, in every language: titles, summary and description,
    keywords, cities (also those that adopted it), goals and their indicators, components, use cases,
    data sets and lessons."""
    found = _texts(data.get("title")) + _texts(data.get("summary")) + _texts(data.get("description"))
    found += _texts(data.get("keywords"))
    found += [str(place.get("name", "")) for place in (lead(data), *(o.data for o in owners(data)))]
    found += [str(mapping(item, "city").get("name", "")) for _index, item in adopters(data)]
    for goal in _dicts(data.get("goals")):
        found += _texts(goal.get("goal")) + [t for kpi in _dicts(goal.get("kpis")) for t in _texts(kpi.get("name"))]
    for key, fields in _SEARCHED_LISTS:
        for item in _dicts(data.get(key)):
            found += [t for name in fields for t in _texts(item.get(name))]
    return found


#: lists of the blueprint whose items are searched, and the fields of each item that are
_SEARCHED_LISTS = (
    ("components", ("name", "description", "vendor")),
    ("use_cases", ("name", "description")),
    ("data", ("name", "description")),
    ("lessons_learned", ("title", "text")),
)


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _adopters(data: dict[str, Any], order: list[str]) -> list[dict[str, Any]]:
    """1.2's ``transfer.adopters[]``, as the catalog shows them (city, version, since, status, url)."""
    found = []
    for _index, item in adopters(data):
        city = mapping(item, "city")
        row = {
            "city": str(city.get("name", "")),
            "state": str(city.get("state", "")),
            "name": str(resolve_text(item.get("name"), order) or ""),
            "version": str(item.get("version", "")),
            "since": date_text(item.get("since")) or "",
            "status": str(item.get("status", "")),
            "url": str(item.get("url", "")),
        }
        found.append({k: v for k, v in row.items() if v})
    return found


def _origin(data: dict[str, Any]) -> dict[str, str] | None:
    """Where an adopted copy came from (its ``origin``): the upstream id, source, ref, version, date."""
    origin = data.get("origin")
    if not isinstance(origin, dict) or not isinstance(origin.get("blueprint"), str):
        return None
    keys = ("blueprint", "source", "ref", "commit", "version")
    found = {k: str(origin[k]) for k in keys if isinstance(origin.get(k), str)}
    adopted = date_text(origin.get("adopted"))
    if adopted:
        found["adopted"] = adopted
    return found


def _texts(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [v for v in value.values() if isinstance(v, str)]
    if isinstance(value, list):
        return [t for item in value for t in _texts(item)]
    return []


def _open_source(software: list[dict[str, Any]]) -> bool | None:
    """True when every software component is open source, False when one is not; ``None`` when
    there is none, or when it is not known of one (``unknown`` is not "no")."""
    if not software:
        return None
    values = [c.get("open_source") for c in software]
    if any(v is False for v in values):
        return False
    return True if all(v is True for v in values) else None


def _amount(block: Any) -> float | int | None:
    return number(block.get("total")) if isinstance(block, dict) else None


@dataclass(slots=True)
class Entry:
    """One row of ``kltransfer list`` and one entry of ``catalog.json``."""

    id: str
    version: str
    title: str
    summary: str
    city: str
    state: str
    population: int | None
    city_size: str | None
    fields_of_action: list[str]
    phase: str
    status: str | None
    kind: str | None
    licence: str
    open_source: bool | None
    investment: float | int | None
    operation_per_year: float | int | None
    currency: str
    path: str
    keywords: list[str] = field(default_factory=list)
    #: the municipalities that carry the project (format 1.2's ``cities[]``, else the one city)
    cities: list[str] = field(default_factory=list)
    #: whether several municipalities carry it
    several_cities: bool = False
    #: the kind of body that owns it (1.2's ``owner.type``: district, cooperation, …), else None
    owner_type: str | None = None
    #: how many municipalities took it over (``transfer.adopters``), and whether any did
    adopters: int = 0
    has_adopters: bool = False
    #: the cities that took it over, as its ``transfer.adopters[]`` names them (format 1.2); the
    #: catalog adds the adopted copies among its blueprints (``adopted_by``: :mod:`.links`)
    transfer_adopters: list[dict[str, Any]] = field(default_factory=list)
    #: an adopted copy's ``origin``: the upstream blueprint's id, source, ref, version, date
    origin: dict[str, str] | None = None
    #: every title, summary and description in every language, folded for search
    search_text: str = field(default="", repr=False)

    def to_dict(self, *, with_search_text: bool = False) -> dict[str, Any]:
        data = asdict(self)
        if not with_search_text:
            data.pop("search_text")
        return data


def make_entry(data: dict[str, Any], path: str, lang: str = "de") -> Entry:
    """The entry of a valid blueprint's data (texts in ``lang``, falling back to the other)."""
    order = fallback_order(lang)
    city = lead(data)  # format 1.2: the lead of several cities, or the owner body
    costs = data.get("costs") if isinstance(data.get("costs"), dict) else {}
    software = [c for c in data.get("components") or [] if isinstance(c, dict) and c.get("type") == "software"]
    names = [str(o.data["name"]) for o in owners(data) if isinstance(o.data.get("name"), str)]
    taken_over = adopters(data)
    body = owner_body(data)
    population = city.get("population")
    return Entry(
        id=str(data.get("id", "")),
        version=str(data.get("version", "")),
        title=str(resolve_text(data.get("title"), order) or ""),
        summary=str(resolve_text(data.get("summary"), order) or ""),
        city=str(city.get("name", "")),
        state=str(city.get("state", "")),
        population=population if isinstance(population, int) and not isinstance(population, bool) else None,
        city_size=city_size(population),
        fields_of_action=[str(f) for f in data.get("fields_of_action") or []],
        phase=str(data.get("phase", "")),
        status=data.get("status"),
        kind=data.get("kind"),
        licence=str(data.get("licence", "")),
        open_source=_open_source(software),
        investment=_amount(costs.get("investment")),
        operation_per_year=_amount(costs.get("operation_per_year") or costs.get("operation")),
        currency=str(costs.get("currency", "EUR")),
        path=path,
        keywords=[str(k) for k in data.get("keywords") or []],
        cities=names,
        several_cities=len(names) > 1,
        owner_type=body.get("type") if isinstance(body.get("type"), str) else None,
        adopters=len(taken_over),
        has_adopters=bool(taken_over),
        transfer_adopters=_adopters(data, order),
        origin=_origin(data),
        search_text=fold(" ".join(_searchable(data))),
    )
