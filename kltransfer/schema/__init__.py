"""The blueprint format as JSON Schema (draft 2020-12), one file per format version.

The shipped files hold English texts: a ``description`` for every property and, beside each
``enum``, ``x-enum-descriptions`` (value → meaning). :func:`published_schema` gives the schema
as ``kltransfer schema`` prints it and as it is published, in one language: every text
translated through the message catalog (context ``schema``) and written also in the forms
editors read (``markdownDescription``, and ``enumDescriptions``/``markdownEnumDescriptions``
in the order of the ``enum``, as the YAML language server and VS Code expect them).

The English schema is published at its ``$id``
(``https://schema.kltransfer.de/blueprint/1.1/blueprint.schema.json``), the German one beside
it in a folder ``de/`` (``https://schema.kltransfer.de/blueprint/1.1/de/blueprint.schema.json``).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

#: Format versions this release reads, oldest first; the last one is written by new files.
VERSIONS: tuple[str, ...] = ("1.0", "1.1", "1.2")
CURRENT = VERSIONS[-1]
VERSION_KEY = "kltransfer"
#: The message context of the schema's texts in the catalog.
CONTEXT = "schema"
_TEXT_KEYS = ("title", "description")


def schema_text(version: str = CURRENT) -> str:
    """The schema of ``version`` exactly as shipped."""
    if version not in VERSIONS:
        raise KeyError(version)
    name = f"blueprint-{version}.schema.json"
    try:  # beside this module in every ordinary install; importlib.resources costs start-up
        return (Path(__file__).parent / name).read_text(encoding="utf-8")
    except OSError:  # a zipped package
        from importlib import resources

        return resources.files(__name__).joinpath(name).read_text("utf-8")


@cache
def load_schema(version: str = CURRENT) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(schema_text(version))
    return schema


def schema_url(version: str = CURRENT, lang: str = "en") -> str:
    """Where the schema of ``version`` in ``lang`` is published (its ``$id``)."""
    url = str(load_schema(version)["$id"])
    if lang == "en":
        return url
    folder, _, name = url.rpartition("/")
    return f"{folder}/{lang}/{name}"


def published_schema(version: str = CURRENT, lang: str = "en") -> dict[str, Any]:
    """The schema of ``version`` with its texts in ``lang`` and in the forms editors read."""
    from kltransfer.i18n import translations

    catalog = translations(lang)

    def text(value: str) -> str:
        return catalog.pgettext(CONTEXT, value)

    def speak(node: Any) -> Any:
        if isinstance(node, list):
            return [speak(item) for item in node]
        if not isinstance(node, dict):
            return node
        out: dict[str, Any] = {}
        for key, value in node.items():
            if key in _TEXT_KEYS and isinstance(value, str):
                out[key] = text(value)
            elif key == "x-enum-descriptions" and isinstance(value, dict):
                out[key] = {k: text(v) for k, v in value.items()}
            elif key in ("enum", "const", "default", "examples", "pattern"):
                out[key] = value  # values, not texts
            else:
                out[key] = speak(value)
        if isinstance(out.get("description"), str):
            out["markdownDescription"] = out["description"]
        meanings = out.get("x-enum-descriptions")
        if isinstance(meanings, dict) and isinstance(out.get("enum"), list):
            listed = [meanings.get(str(value), "") for value in out["enum"]]
            out["enumDescriptions"] = listed
            out["markdownEnumDescriptions"] = listed
        return out

    schema: dict[str, Any] = speak(load_schema(version))
    schema["$id"] = schema_url(version, lang)
    return schema


def published_schema_text(version: str = CURRENT, lang: str = "en") -> str:
    """:func:`published_schema` as JSON text, as ``kltransfer schema`` prints it."""
    return json.dumps(published_schema(version, lang), indent=2, ensure_ascii=False, allow_nan=False) + "\n"
