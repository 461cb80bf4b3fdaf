"""The top-level ``index.html`` of an export of several blueprints: one line per blueprint,
with its title, where it comes from, its version and a link to each format written.

It is a page of the export's language, works from ``file://`` (one file, no script, nothing
loaded) and is themable like every page (``html/index.html.j2``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

#: The file name of the index in the output folder.
INDEX = "index.html"


def place_of(bp: dict[str, Any]) -> str:
    """Who carries the project, in one line: the owner body, the cities, or the one city."""
    owner = bp.get("owner")
    if owner and isinstance(owner.get("name"), str):
        return owner["name"]
    names = [c["name"] for c in bp.get("cities") or [] if isinstance(c.get("name"), str)]
    if names:
        return ", ".join(names)
    name = (bp.get("city") or {}).get("name")
    return name if isinstance(name, str) else ""


def render_index(templates: Any, exported: Sequence[Any]) -> bytes:
    """The index page of the ``exported`` blueprints (:class:`~kltransfer.export.run.ExportedBlueprint`)."""
    items = [
        {
            "id": item.id,
            "version": item.version,
            "title": item.title or item.id,
            "place": item.place,
            "draft": bool(item.draft),
            "page": item.entry_points.get("html"),
            "formats": list(item.entry_points.items()),
            "bundle": item.bundle,
        }
        for item in exported
    ]
    return templates.render("html/index.html.j2", items=items).encode("utf-8")
