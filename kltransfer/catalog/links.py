"""What the catalog derives from all its entries together: addresses, adopters in both
directions and the command that adopts a blueprint.

- ``page`` and ``bundle.url``: relative to the catalog's root, or absolute with ``--base-url``.
- ``adopted_by``: the adopted copies among the catalog's blueprints whose ``origin`` names
  this blueprint, and the cities its ``transfer.adopters[]`` lists (format 1.2), one row per
  city; ``upstream``: for an adopted copy, the blueprint it came from.
- ``adopt``: the exact ``kltransfer adopt`` command: from the git repository when the
  blueprint came from one, else from the catalog's bundle.
"""

from __future__ import annotations

import shlex
from collections.abc import Iterable
from typing import Any


class Urls:
    """Addresses of the catalog's files, as written in a file ``depth`` folders below its root."""

    def __init__(self, base: str | None, depth: int = 0) -> None:
        self.base = base.rstrip("/") + "/" if base else None
        self.prefix = "../" * depth

    def to(self, rel: str) -> str:
        """``rel`` (a path from the catalog's root) as seen from here."""
        return self.base + rel if self.base else self.prefix + rel

    def page(self, blueprint_id: str) -> str:
        # a web server finds index.html in a folder; a file:// address needs its name
        return self.to(f"blueprints/{blueprint_id}/" if self.base else f"blueprints/{blueprint_id}/index.html")

    def bundle(self, blueprint_id: str, name: str) -> str:
        return self.to(f"blueprints/{blueprint_id}/{name}")

    def home(self) -> str:
        return self.to("" if self.base else "index.html")


def adopt_command(entry: dict[str, Any]) -> str | None:
    """The command that adopts ``entry``'s blueprint into a folder named after its id."""
    source = entry.get("source") or {}
    into = ["--into", str(entry["id"])]
    if source.get("kind") == "git" and source.get("url"):
        ref = ["--ref", source["ref"]] if source.get("ref") else []
        args = ["kltransfer", "adopt", source["url"], *ref, "--blueprint", str(entry["id"]), *into]
    elif entry.get("bundle"):
        args = ["kltransfer", "adopt", entry["bundle"]["file"], *into]
    else:
        return None
    return " ".join(shlex.quote(a) for a in args)


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def _adopted_by(entry: dict[str, Any], copies: list[dict[str, Any]], urls: Urls) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for copy in copies:
        origin = copy.get("origin") or {}
        row = {
            "id": copy["id"],
            "city": copy.get("city", ""),
            "state": copy.get("state", ""),
            "version": origin.get("version", ""),
            "since": origin.get("adopted", ""),
            "status": copy.get("status") or "",
            "page": urls.page(copy["id"]),
        }
        rows.append({k: v for k, v in row.items() if v})
    known = {_key(r.get("city", "")): r for r in rows}
    for listed in entry.get("transfer_adopters") or []:
        same = known.get(_key(listed.get("city", "")))
        if same is not None:  # the copy is in the catalog: its page wins, the list fills the gaps
            for key, value in listed.items():
                same.setdefault(key, value)
            continue
        rows.append(dict(listed))
    rows.sort(key=lambda r: (r.get("since") or "9999", _key(r.get("city", ""))))
    return rows


def _upstream(copy: dict[str, Any], by_id: dict[str, dict[str, Any]], urls: Urls) -> dict[str, Any] | None:
    origin = copy.get("origin")
    if not origin:
        return None
    found = {
        "id": origin["blueprint"],
        "source": origin.get("source", ""),
        "version": origin.get("version", ""),
        "adopted": origin.get("adopted", ""),
    }
    upstream = by_id.get(origin["blueprint"])
    if upstream is not None and upstream["id"] != copy["id"]:
        found.update(title=upstream["title"], city=upstream.get("city", ""), page=urls.page(upstream["id"]))
    return {k: v for k, v in found.items() if v}


def link_entries(entries: Iterable[dict[str, Any]], base: str | None, depth: int = 0) -> list[dict[str, Any]]:
    """Each entry with ``page``, ``bundle.url``, ``adopted_by``, ``upstream`` and ``adopt``, addresses
    as seen from a file ``depth`` folders below the catalog's root (0: catalog.json, index.html)."""
    entries = list(entries)
    urls = Urls(base, depth)
    by_id = {e["id"]: e for e in entries}
    copies: dict[str, list[dict[str, Any]]] = {}
    for entry in entries:
        origin = entry.get("origin")
        if origin and origin.get("blueprint") != entry["id"]:
            copies.setdefault(origin["blueprint"], []).append(entry)
    linked = []
    for entry in entries:
        bundle = entry.get("bundle")
        linked.append(
            {
                **entry,
                "page": urls.page(entry["id"]),
                "bundle": {**bundle, "url": urls.bundle(entry["id"], bundle["file"])} if bundle else None,
                "adopted_by": _adopted_by(entry, copies.get(entry["id"], []), urls),
                "upstream": _upstream(entry, by_id, urls),
                "adopt": adopt_command(entry),
            }
        )
    return linked
