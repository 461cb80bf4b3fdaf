"""Format 1.2's context of a project, normalised: who carries it (several cities, an owner body),
who adopted it, its use cases, decisions, related projects, awards, and the sources of its facts."""

from __future__ import annotations

from typing import Any

from kltransfer.export.reading import Reader
from kltransfer.shape import owner_body
from kltransfer.validation.references import parse_key_path

_SHARES = ("investment", "operation_per_year", "funding", "own_share")
#: The last key of a key path, and what its value is, for a citation (how to write the figure).
_DATE_KEYS = frozenset(
    {"date", "start", "end", "since", "until", "award_date", "published", "accessed", "founded", "measured", "adopted"}
)
_MONEY_KEYS = frozenset(
    {"total", "amount", "own_share", "own_share_cash", "own_share_in_kind", "investment", "operation_per_year"}
    | {"funding"}
)


def _kind_of(path: Any) -> str | None:
    """``money``, ``date``, ``year`` or ``None`` (a number, a text, yes/no): what the value at a
    citation's key path is, so that a document writes it, and its alternatives, the same way."""
    parts = parse_key_path(path) if isinstance(path, str) else None
    last = next((p for p in reversed(parts or ()) if isinstance(p, str)), "")
    if last in _MONEY_KEYS:
        return "money"
    if last in _DATE_KEYS:
        return "date"
    if last.endswith("year"):
        return "year"
    return None


def cities(r: Reader) -> list[dict[str, Any]]:
    """Format 1.2's ``cities[]`` (empty when the blueprint names one ``city``)."""
    found = []
    for c in r.objects(r.data.get("cities")):
        shares = c.get("shares")
        found.append(
            {
                **r.place(c),
                "role": c.get("role") if c.get("role") in ("lead", "partner") else "partner",
                "shares": {key: shares.get(key) for key in _SHARES} | {"cite": r.cite(shares)}
                if isinstance(shares, dict)
                else None,
                "cite": r.cite(c),
            }
        )
    return found


def owner(r: Reader) -> dict[str, Any] | None:
    """Format 1.2's ``owner``: a district, a cooperation or another body."""
    body = owner_body(r.data)
    if not body:
        return None
    return {
        "type": body.get("type"),
        "name": body.get("name"),
        "legal_form": body.get("legal_form"),
        **{k: v for k, v in r.place(body).items() if k != "name"},
        "members": body.get("members"),
        "cite": r.cite(body),
    }


def use_cases(r: Reader) -> list[dict[str, Any]]:
    return [
        {
            "name": r.text(u.get("name")),
            "description": r.text(u.get("description")),
            "city": u.get("city"),
            "departments": r.texts(u.get("departments")),
            "data": r.texts(u.get("data")),
            "status": u.get("status"),
            "result": r.text(u.get("result")),
            "url": u.get("url"),
            "cite": r.cite(u),
        }
        for u in r.objects(r.data.get("use_cases"))
    ]


def adopter(r: Reader, a: dict[str, Any]) -> dict[str, Any]:
    city = r.mapping(a.get("city"))
    return {
        "city": {key: city.get(key) for key in ("name", "state", "country", "ags", "population", "url")},
        "name": r.text(a.get("name")),
        "status": a.get("status"),
        "since": a.get("since"),
        "until": a.get("until"),
        "version": a.get("version"),
        "commit": a.get("commit"),
        "url": a.get("url"),
        "repository": a.get("repository"),
        "operator": a.get("operator"),
        "contact": r.contact(a.get("contact")),
        "adapted": a.get("adapted"),
        "adaptations": r.texts(a.get("adaptations")),
        "decision": a.get("decision") if isinstance(a.get("decision"), str) else None,
        "note": r.text(a.get("note")),
        "cite": r.cite(a),
    }


def _record(r: Reader, item: dict[str, Any], keys: str, texts: frozenset[str] = frozenset()) -> dict[str, Any]:
    """The values of ``keys`` of ``item``, in that order (those in ``texts`` in the reader's
    language), and its ``cite``."""
    found = {key: r.text(item.get(key)) if key in texts else item.get(key) for key in keys.split()}
    return found | {"cite": r.cite(item)}


def decisions(r: Reader) -> list[dict[str, Any]]:
    keys = "id body body_name city date reference subject outcome url"
    return [_record(r, x, keys, frozenset({"subject"})) for x in r.objects(r.data.get("decisions"))]


def related_projects(r: Reader) -> list[dict[str, Any]]:
    keys = "name relation url blueprint note"
    return [_record(r, x, keys, frozenset({"name", "note"})) for x in r.objects(r.data.get("related_projects"))]


def awards(r: Reader) -> list[dict[str, Any]]:
    keys = "name awarded_by date result category url"
    return [_record(r, x, keys, frozenset({"name", "category"})) for x in r.objects(r.data.get("awards"))]


def sources(r: Reader) -> list[dict[str, Any]]:
    return [
        {
            "id": s.get("id"),
            "number": n,
            "title": r.text(s.get("title")),
            "type": s.get("type"),
            "publisher": s.get("publisher"),
            "published": s.get("published"),
            "accessed": s.get("accessed"),
            "url": s.get("url"),
            "note": r.text(s.get("note")),
        }
        for n, s in enumerate(r.objects(r.data.get("sources")), start=1)
    ]


def citations(r: Reader) -> list[dict[str, Any]]:
    """Sources of single values (``citations[]``), each with the value it is about and the
    other figures that sources give for it."""
    found = []
    for c in r.objects(r.data.get("citations")):
        path = c.get("path")
        found.append(
            {
                "path": path,
                "kind": _kind_of(path),
                "value": value_at(r, path),
                "cite": r.cite(c),
                "note": r.text(c.get("note")),
                "alternatives": [
                    {"value": r.text(a.get("value")), "cite": r.cite(a), "note": r.text(a.get("note"))}
                    if isinstance(a.get("value"), dict)
                    else {"value": a.get("value"), "cite": r.cite(a), "note": r.text(a.get("note"))}
                    for a in r.objects(c.get("alternatives"))
                ],
            }
        )
    return found


def value_at(r: Reader, path: Any) -> Any:
    """The single value at a key path of the blueprint (a text in the language), else ``None``."""
    parts = parse_key_path(path) if isinstance(path, str) else None
    node: Any = r.data
    for part in parts or ():
        found = isinstance(part, int) and isinstance(node, list) and 0 <= part < len(node)
        found = found or (isinstance(part, str) and isinstance(node, dict) and part in node)
        if not found:
            return None
        node = node[part]
    if parts is None or isinstance(node, list):
        return None
    if isinstance(node, dict):
        text = r.text(node)
        return text if text and all(isinstance(v, str) for v in node.values()) else None
    return node
