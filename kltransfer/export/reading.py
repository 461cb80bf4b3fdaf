"""Reading a blueprint for the normalisation: texts in one language, lists and mappings of
any shape, citations as numbered references, places and contacts (:mod:`.normalise`)."""

from __future__ import annotations

from typing import Any

from kltransfer.export.languages import fallback_order, resolve_text
from kltransfer.shape import PartialDate, partial_date


def date_key(value: Any) -> tuple[int, int, int, str]:
    """Sorts dates as precise as known (an unknown month first); anything else last."""
    try:
        found = partial_date(value)
    except ValueError:
        found = None
    return (*(found or PartialDate(9999, 12, 31)).sort_key(), str(value))


class Reader:
    """The blueprint ``data`` read for ``lang`` (texts in that language, else the other one)."""

    def __init__(self, data: dict[str, Any], lang: str) -> None:
        self.data = data
        self.order = fallback_order(lang)
        self.lang = lang
        self.source_numbers = {
            s["id"]: n for n, s in enumerate(self.objects(data.get("sources")), start=1) if isinstance(s.get("id"), str)
        }

    def text(self, value: Any) -> str | None:
        resolved = resolve_text(value, self.order)
        return resolved if isinstance(resolved, str) else None

    def texts(self, values: Any) -> list[str]:
        return [t for t in (self.text(v) for v in self.items(values)) if t is not None]

    @staticmethod
    def items(values: Any) -> list[Any]:
        return list(values) if isinstance(values, list) else []

    @staticmethod
    def mapping(value: Any) -> dict[str, Any]:
        return value if isinstance(value, dict) else {}

    def objects(self, values: Any) -> list[dict[str, Any]]:
        return [v for v in self.items(values) if isinstance(v, dict)]

    def cite(self, item: Any) -> list[dict[str, Any]]:
        """The sources an entry or section cites, each with its number in ``sources`` (from 1)."""
        ids = self.mapping(item).get("cite")
        return [{"id": i, "number": self.source_numbers.get(i)} for i in self.items(ids) if isinstance(i, str)]

    def place(self, value: Any) -> dict[str, Any]:
        """A municipality (or the owner body, when it leads): the fields every format shows."""
        p = self.mapping(value)
        return {
            "name": p.get("name"),
            "state": p.get("state"),
            "country": p.get("country", "DE"),
            "population": p.get("population"),
            "area": p.get("area"),
            "ags": p.get("ags"),
            "organisation": p.get("organisation"),
            "url": p.get("url"),
        }

    def contact(self, value: Any) -> dict[str, Any] | None:
        c = self.mapping(value)
        if not c:
            return None
        return {
            "role": self.text(c.get("role")),
            "name": c.get("name"),
            "email": c.get("email"),
            "phone": c.get("phone"),
            "organisation": c.get("organisation"),
            "url": c.get("url"),
        }
