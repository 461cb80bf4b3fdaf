"""The data the start page loads, split so that the first results show after a small transfer.

Every file is a script that hands its data to ``window.__kltransfer_push(kind, ...)``, so the
page works from ``file://`` (where a browser refuses ``fetch``) as on any web server. In
``data/``, each name carrying a short hash of its content, so a browser never mixes files
of two builds:

- ``facets-<hash>.js`` (loaded with the page): per blueprint, in title order, the codes of
  its filter values, city, readiness score, number of adopters and date of its last change,
  in compact columns (a fixed number of characters per blueprint); plus the values and
  their names in the catalog's language and the names of the other files.
- ``cards-<n>-<hash>.js``: id, title, version, a shortened summary, the page's and the
  bundle's address of 100 blueprints each, loaded when a result on screen needs them.
- ``terms-<hash>.js``: every search term (stems, :mod:`kltransfer.catalog.words`), sorted;
  loaded when the search box is first used. ``postings-<n>-<hash>.js``: for a range of terms,
  the blueprints that contain each, as gaps in a variable-length base-32 code; loaded when a
  search needs a term of the range.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from kltransfer.catalog.words import term_set

DATA_DIR = "data"
#: blueprints per card file
CARDS_PER_FILE = 100
#: characters of postings per file (about)
POSTINGS_PER_FILE = 96_000
#: a summary on a card is cut at about this many characters
SUMMARY_CHARS = 180
#: 64 characters, each standing for six bits
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"


@dataclass(frozen=True, slots=True)
class Facet:
    """A filter of the start page: its name in the URL, how to read it from an entry, its kind."""

    name: str
    read: Callable[[dict[str, Any]], Any]
    #: ``one`` value, ``many`` values, or ``bool``
    kind: str = "one"


def _readiness(entry: dict[str, Any]) -> str | None:
    readiness = entry.get("readiness") or {}
    return readiness.get("label")


FACETS: tuple[Facet, ...] = (
    Facet("state", lambda e: e.get("state")),
    Facet("field", lambda e: e.get("fields_of_action") or [], "many"),
    Facet("phase", lambda e: e.get("phase")),
    Facet("kind", lambda e: e.get("kind")),
    Facet("licence", lambda e: e.get("licence")),
    Facet("size", lambda e: e.get("city_size")),
    Facet("open", lambda e: e.get("open_source"), "bool"),
    Facet("readiness", _readiness),
    Facet("adopted", lambda e: bool(e.get("adopted_by")), "bool"),
)
#: values shown in this order, not by their names
_ORDERS = {
    "size": ("rural", "small-town", "medium-town", "large-city"),
    "readiness": ("proven", "ready", "incomplete"),
    "open": ("yes", "no"),
    "adopted": ("yes", "no"),
}
SORTS = ("title", "city", "phase", "readiness", "adopters", "changed")


def _names(facet: str, t: dict[str, Any]) -> dict[str, str]:
    enums = t["enums"]
    if facet == "readiness":
        return dict(t["readiness_labels"])
    if facet == "adopted":
        return {"yes": t["adopted_yes"], "no": t["adopted_no"]}
    if facet == "open":
        return {"yes": t["yes"], "no": t["no"]}
    key = {"state": "state", "field": "field", "phase": "phase", "kind": "kind", "size": "city_size"}.get(facet)
    return dict(enums.get(key, {})) if key else {}


def _values(facet: Facet, entry: dict[str, Any]) -> list[str]:
    value = facet.read(entry)
    if facet.kind == "bool":
        return [] if value is None else ["yes" if value else "no"]
    if facet.kind == "many":
        return [str(v) for v in value]
    return [str(value)] if value else []


def facet_options(entries: list[dict[str, Any]], t: dict[str, Any]) -> list[dict[str, Any]]:
    """Each filter with its options (value, name, count), in the order people expect."""
    found = []
    for facet in FACETS:
        counts: dict[str, int] = {}
        for entry in entries:
            for value in set(_values(facet, entry)):
                counts[value] = counts.get(value, 0) + 1
        names = _names(facet.name, t)
        if facet.name in _ORDERS:
            order = [v for v in _ORDERS[facet.name] if v in counts]
        elif facet.name == "phase":
            order = sorted(counts)
        else:
            order = sorted(counts, key=lambda v: (names.get(v, v).casefold(), v))
        found.append(
            {
                "name": facet.name,
                "label": t[facet.name],
                "options": [{"value": v, "label": names.get(v, v), "count": counts[v]} for v in order],
            }
        )
    return found


def _width(count: int) -> int:
    width = 1
    while 64**width <= count:
        width += 1
    return width


def _code(value: int, width: int) -> str:
    chars = []
    for _ in range(width):
        chars.append(ALPHABET[value & 63])
        value >>= 6
    return "".join(reversed(chars))


def _column(codes: list[int]) -> dict[str, Any]:
    width = _width(max(codes, default=0))
    return {"width": width, "codes": "".join(_code(c, width) for c in codes)}


def varint(numbers: Iterable[int]) -> str:
    """Each number in base 32, least significant digit first; 32 added to every digit but the last."""
    out = []
    for number in numbers:
        while number >= 32:
            out.append(ALPHABET[32 + (number & 31)])
            number >>= 5
        out.append(ALPHABET[number])
    return "".join(out)


def _gaps(positions: list[int]) -> list[int]:
    return [p - q for p, q in zip(positions, [-1, *positions[:-1]], strict=True)]


def short(text: str) -> str:
    """A summary as a result shows it: about SUMMARY_CHARS characters, cut between words."""
    text = " ".join(text.split())
    if len(text) <= SUMMARY_CHARS:
        return text
    cut = text.rfind(" ", 0, SUMMARY_CHARS)
    return text[: cut if cut > SUMMARY_CHARS // 2 else SUMMARY_CHARS].rstrip(" ,;:–-") + " …"


def _bundle_url(entry: dict[str, Any]) -> str:
    bundle = entry.get("bundle") or {}
    return str(bundle.get("url", ""))


def _script(kind: str, *args: Any) -> str:
    payload = ",".join(json.dumps(a, ensure_ascii=False, separators=(",", ":"), allow_nan=False) for a in args)
    return f'__kltransfer_push("{kind}",{payload});\n'


class _Writer:
    """Writes ``data/`` files named by their content's hash."""

    def __init__(self, out: Any) -> None:
        self.out = out

    def write(self, stem: str, text: str) -> str:
        data = text.encode("utf-8")
        rel = f"{DATA_DIR}/{stem}-{hashlib.sha256(data).hexdigest()[:10]}.js"
        self.out.write(rel, data)
        return rel


def write_page_data(out: Any, entries: list[dict[str, Any]], t: dict[str, Any], settings: dict[str, Any]) -> str:
    """Write the start page's data files through ``out`` (:class:`~kltransfer.destination.tree.Staging`);
    the path of the first one (facets).

    ``entries``: linked entries in title order; ``settings``: what the script needs besides,
    handed over with the facets.
    """
    writer = _Writer(out)
    cards = []
    for start in range(0, len(entries), CARDS_PER_FILE):
        rows = [
            [e["id"], e["title"], e.get("version", ""), short(e.get("summary", "")), e["page"], _bundle_url(e)]
            for e in entries[start : start + CARDS_PER_FILE]
        ]
        cards.append(writer.write(f"cards-{start // CARDS_PER_FILE}", _script("cards", start // CARDS_PER_FILE, rows)))
    terms_file, postings = _search_files(writer, entries)
    facets = _facets(entries, t)
    facets.update(
        n=len(entries), files={"cards": cards, "terms": terms_file, "postings": postings}, per_card=CARDS_PER_FILE
    )
    facets.update(settings)
    return writer.write("facets", _script("facets", facets))


def _facets(entries: list[dict[str, Any]], t: dict[str, Any]) -> dict[str, Any]:
    columns: dict[str, Any] = {}
    for option in facet_options(entries, t):
        facet = next(f for f in FACETS if f.name == option["name"])
        values = [o["value"] for o in option["options"]]
        index = {v: i for i, v in enumerate(values)}
        if facet.kind == "many":  # a bit per value
            codes = [sum(1 << index[v] for v in set(_values(facet, e))) for e in entries]
        else:  # 0: none, else 1 + the value's index
            codes = [next((1 + index[v] for v in _values(facet, e)), 0) for e in entries]
        columns[facet.name] = {"kind": facet.kind, "values": values, **_column(codes)}
    cities = sorted({e.get("city", "") for e in entries}, key=lambda c: (c.casefold(), c))
    city_index = {c: i for i, c in enumerate(cities)}
    dates = sorted({e.get("changed") or "" for e in entries})
    date_index = {d: i for i, d in enumerate(dates)}
    return {
        "columns": columns,
        "cities": cities,
        "city": _column([city_index[e.get("city", "")] for e in entries]),
        "score": _column([(e.get("readiness") or {}).get("score") or 0 for e in entries]),
        "adopters": _column([len(e.get("adopted_by") or []) for e in entries]),
        "dates": dates,
        "changed": _column([date_index[e.get("changed") or ""] for e in entries]),
    }


def _search_files(writer: _Writer, entries: list[dict[str, Any]]) -> tuple[str, list[str]]:
    index: dict[str, list[int]] = {}
    for position, entry in enumerate(entries):
        for term in term_set(entry.get("search_text", "")):
            index.setdefault(term, []).append(position)
    words = sorted(index)
    lists = [varint(_gaps(index[w])) for w in words]
    starts: list[int] = []
    files: list[str] = []
    chunk: list[str] = []
    size = POSTINGS_PER_FILE  # start a file at once
    for number, text in enumerate(lists):
        if size >= POSTINGS_PER_FILE:
            if chunk:
                files.append(writer.write(f"postings-{len(files)}", _script("postings", len(files), " ".join(chunk))))
            starts.append(number)
            chunk, size = [], 0
        chunk.append(text)
        size += len(text) + 1
    if chunk:
        files.append(writer.write(f"postings-{len(files)}", _script("postings", len(files), " ".join(chunk))))
    terms_file = writer.write("terms", _script("terms", {"terms": "\n".join(words), "starts": starts}))
    return terms_file, files
