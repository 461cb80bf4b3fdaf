"""The catalog's listing files: the start page with its scripts and data, and ``catalog.json``
(the DCAT files: :mod:`kltransfer.dcat.catalog`; the status page: :mod:`.status`).

The start page is small whatever the number of blueprints: it holds the first page of
results and the filters with their counts; the rest comes from ``data/`` (:mod:`.pagedata`)
as the visitor filters, searches and pages.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from kltransfer import __version__

#: files copied from templates/catalog into the site as they are
STATIC = ("catalog.css", "catalog.js", "words.js", "catalog-page.css", "catalog-page.js")
#: results per page
PAGE_SIZE = 20
#: what a visitor may sort by: the label, and whether larger values come first
SORT_LABELS = {
    "title": "sort_title",
    "city": "sort_city",
    "phase": "sort_phase",
    "readiness": "sort_readiness",
    "adopters": "sort_adopters",
    "changed": "sort_changed",
}
#: fields of an entry that stay in the build state only
_PRIVATE = ("search_text", "dcat")
CATALOG_FORMAT = "2"  # 2: page, bundle, source, readiness, changed, adopters in both directions, adopt


def json_listing(header: dict[str, Any], key: str, items: Iterable[Any]) -> Iterator[str]:
    """A JSON object of ``header`` plus one array ``key``, written item by item.

    A catalog of thousands of blueprints is never one string in memory.
    """
    yield "{\n"
    for name, value in header.items():
        yield f" {json.dumps(name, allow_nan=False)}: {json.dumps(value, ensure_ascii=False, allow_nan=False)},\n"
    yield f" {json.dumps(key, allow_nan=False)}: ["
    separator = "\n  "
    for item in items:
        yield separator + json.dumps(item, ensure_ascii=False, allow_nan=False)
        separator = ",\n  "
    yield "\n ]\n}\n"


def json_text(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, allow_nan=False) + "\n"


def public(entry: dict[str, Any]) -> dict[str, Any]:
    """An entry as catalog.json shows it."""
    return {k: v for k, v in entry.items() if k not in _PRIVATE}


def card(entry: dict[str, Any], t: dict[str, Any], lang: str) -> dict[str, Any]:
    """What a result shows of a blueprint, with its texts in the catalog's language."""
    from kltransfer.catalog.pagedata import short
    from kltransfer.catalog.render import fill

    readiness = entry.get("readiness") or {}
    adopters = len(entry.get("adopted_by") or [])
    meta = [entry.get("city", ""), t["enums"]["state"].get(entry.get("state", ""), entry.get("state", ""))]
    meta.append(t["enums"]["phase"].get(entry.get("phase", ""), entry.get("phase", "")))
    return {
        "href": entry["page"],
        "title": entry["title"],
        "meta": " · ".join(m for m in meta if m),
        "readiness": fill(
            t["readiness_card"],
            label=t["readiness_labels"].get(readiness.get("label", ""), readiness.get("label", "")),
            score=readiness.get("score", ""),
        )
        if readiness
        else "",
        "readiness_label": readiness.get("label", ""),
        "adopters": (fill(t["adopters_many"], n=adopters) if adopters > 1 else t["adopters_one"]) if adopters else "",
        "summary": short(entry.get("summary", "")),
        "box": entry["page"] + "#adopt",
        "bundle": (entry.get("bundle") or {}).get("url", ""),
    }


def write_listing_files(
    out: Any,
    entries: list[dict[str, Any]],
    lang: str,
    *,
    base: str | None = None,
    status: bool = True,
    jsonld: bool = False,
) -> None:
    """Write index.html, its scripts, styles and data, and catalog.json through ``out``
    (``out.write(rel, content)``, ``out.copy(rel, source)``: the new tree,
    :class:`~kltransfer.destination.tree.Staging`).

    ``entries``: linked (:func:`kltransfer.catalog.links.link_entries`), in title order.
    """
    from markupsafe import Markup

    from kltransfer.catalog.pagedata import facet_options, write_page_data
    from kltransfer.catalog.render import environment, labels, script_json
    from kltransfer.resources import templates_dir

    t = labels(lang)
    header = {"format": CATALOG_FORMAT, "generator": f"kltransfer {__version__}", "count": len(entries), "lang": lang}
    if base:
        header["base_url"] = base
    out.write("catalog.json", json_listing(header, "blueprints", (public(e) for e in entries)))
    folder = templates_dir() / "catalog"
    for name in STATIC:
        out.copy(name, folder / name)
    texts = {
        key: t[key]
        for key in (
            "count",
            "count_one",
            "count_all",
            "page",
            "option_count",
            "all",
            "filters",
            "filters_active",
            "loading",
            "readiness_card",
            "adopters_one",
            "adopters_many",
        )
    }
    texts["readiness_labels"] = t["readiness_labels"]
    texts["states"] = t["enums"]["state"]
    texts["phases"] = t["enums"]["phase"]
    data = write_page_data(out, entries, t, {})
    template = environment().get_template("index.html.j2")
    out.write(
        "index.html",
        template.generate(
            lang=lang,
            t=t,
            filters=facet_options(entries, t),
            sorts=[(key, t[label]) for key, label in SORT_LABELS.items()],
            cards=[card(e, t, lang) for e in entries[:PAGE_SIZE]],
            total=len(entries),
            pages=max(1, -(-len(entries) // PAGE_SIZE)),
            data=data,
            jsonld=jsonld,
            status=status,
            config=Markup(script_json({"lang": lang, "page_size": PAGE_SIZE, "texts": texts})),
            generator_version=__version__,
        ),
    )
