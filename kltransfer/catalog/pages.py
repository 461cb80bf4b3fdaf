"""The catalog's listing files: the start page and ``catalog.json`` (the DCAT files: :mod:`kltransfer.dcat.catalog`)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from kltransfer import __version__
from kltransfer.atomic import write_atomic
from kltransfer.i18n import N_

LABELS: dict[str, dict[str, str]] = {
    "de": {
        "title": "Blueprint-Katalog",
        "filters": "Filter",
        "search": "Suche",
        "intro": "Digitalisierungsprojekte von Kommunen, beschrieben zum Nachnutzen.",
        "search_placeholder": "z. B. Parksensoren",
        "all": "alle",
        "empty": "Kein Blueprint passt zu dieser Auswahl.",
        "count_all": "{n} Blueprints",
        "count": "{shown} von {n} Blueprints",
        "footer": "{n} Blueprints, maschinenlesbar:",
        "state": "Bundesland",
        "field": "Handlungsfeld",
        "phase": "Phase",
        "kind": "Art",
        "licence": "Lizenz",
        "size": "Stadtgröße",
        "open": "Open Source",
        "yes": "ja",
        "no": "nein",
    },
    "en": {
        "title": "Blueprint catalog",
        "filters": "Filters",
        "search": "Search",
        "intro": "Municipal digitalisation projects, described for reuse.",
        "search_placeholder": "e.g. parking sensors",
        "all": "all",
        "empty": "No blueprint matches this selection.",
        "count_all": "{n} blueprints",
        "count": "{shown} of {n} blueprints",
        "footer": "{n} blueprints, machine-readable:",
        "state": "Federal state",
        "field": "Field of action",
        "phase": "Phase",
        "kind": "Kind",
        "licence": "Licence",
        "size": "City size",
        "open": "Open source",
        "yes": "yes",
        "no": "no",
    },
}

#: filter name -> (entry key, whether the entry holds a list)
FILTERS = (
    ("state", "state"),
    ("field", "fields_of_action"),
    ("phase", "phase"),
    ("kind", "kind"),
    ("licence", "licence"),
    ("size", "city_size"),
    ("open", "open_source"),
)


#: entry key -> the enumeration of the export's labels.json that names its values
_ENUMS = {"state": "state", "fields_of_action": "field", "phase": "phase", "kind": "kind", "city_size": "city_size"}


def _enum_labels(lang: str) -> dict[str, dict[str, str]]:
    """The names of enumerated values (federal states, fields of action, ...) in ``lang``."""
    from kltransfer.resources import templates_dir

    labels = json.loads((templates_dir() / "export" / "labels.json").read_text("utf-8"))
    enums: dict[str, dict[str, str]] = labels.get(lang, labels["en"])["enums"]
    return enums


def _options(
    entries: list[dict[str, Any]], key: str, labels: dict[str, str], enums: dict[str, dict[str, str]]
) -> list[tuple[str, str]]:
    values: set[str] = set()
    for entry in entries:
        value = entry.get(key)
        if isinstance(value, list):
            values.update(str(v) for v in value)
        elif isinstance(value, bool):
            values.add("yes" if value else "no")
        elif value:
            values.add(str(value))
    if key == "open_source":
        return [(v, labels[v]) for v in ("yes", "no") if v in values]
    names = enums.get(_ENUMS.get(key, ""), {})
    return sorted(((v, names.get(v, v)) for v in values), key=lambda o: (o[1].casefold(), o[0]))


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


def write_listing_files(out: Path, entries: list[dict[str, Any]], lang: str) -> None:
    """Write index.html, its CSS and JS and catalog.json into ``out``."""
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    from kltransfer.i18n.numbers import format_money
    from kltransfer.resources import templates_dir
    from kltransfer.templating import ConfinedLoader

    folder = templates_dir() / "catalog"
    labels = LABELS.get(lang, LABELS["en"])
    public = ({k: v for k, v in e.items() if k not in ("search_text", "dcat")} for e in entries)
    header = {"format": "1", "generator": f"kltransfer {__version__}", "count": len(entries)}
    write_atomic(out / "catalog.json", json_listing(header, "blueprints", public))
    for name in ("catalog.css", "catalog.js"):
        shutil.copyfile(folder / name, out / name)

    def rows() -> Iterable[dict[str, Any]]:
        for e in entries:
            yield {
                **e,
                "href": f"blueprints/{e['id']}/index.html",
                "investment_text": format_money(e["investment"], e["currency"], lang)
                if e.get("investment") is not None
                else "",
            }

    env = SandboxedEnvironment(
        loader=ConfinedLoader(folder, N_("catalog templates")),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    template = env.get_template("index.html.j2")
    enums = _enum_labels(lang)
    filters = [
        {"name": name, "label": labels[name], "options": _options(entries, key, labels, enums)} for name, key in FILTERS
    ]
    js_labels = json.dumps({"count": labels["count"]}, ensure_ascii=False, allow_nan=False).replace("</", "<\\/")
    from markupsafe import Markup

    write_atomic(
        out / "index.html",
        template.generate(
            lang=lang,
            t=labels,
            filters=filters,
            entries=rows(),
            total=len(entries),
            states=enums["state"],
            js_labels=Markup(js_labels),
            generator_version=__version__,
        ),
    )
