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

import marshal
from binascii import crc32
from functools import cache
from pathlib import Path

TYPE_CHECKING = False  # typing is not imported at run time (docs/performance.md)
if TYPE_CHECKING:
    from typing import Any

#: Format versions this release reads, oldest first; the last one is written by new files.
VERSIONS: tuple[str, ...] = ("1.0", "1.1", "1.2")
CURRENT = VERSIONS[-1]
VERSION_KEY = "kltransfer"
#: The message context of the schema's texts in the catalog.
CONTEXT = "schema"
_TEXT_KEYS = ("title", "description")


def _shipped_bytes(name: str) -> bytes:
    """A file beside this module (every ordinary install), or in a zipped package."""
    here = Path(__file__).parent
    try:  # importlib.resources costs start-up
        return (here / name).read_bytes()
    except OSError:
        if here.is_dir():  # an ordinary install (or a checkout) without the file
            raise
    from importlib import resources

    return resources.files(__name__).joinpath(name).read_bytes()


def schema_text(version: str = CURRENT) -> str:
    """The schema of ``version`` exactly as shipped."""
    if version not in VERSIONS:
        raise KeyError(version)
    return _shipped_bytes(f"blueprint-{version}.schema.json").decode("utf-8")


def marshalled_name(version: str) -> str:
    """The file name of the schema of ``version`` as :func:`marshal_schema` writes it."""
    return f"blueprint-{version}.schema.marshal"


@cache
def schema_key(version: str) -> tuple[int, int]:
    """The CRC-32 and the length of the schema's JSON text: what tells a form made from the schema
    when the wheel was built (:func:`marshal_schema`, the notation checks' expectations) from a stale one."""
    text = schema_text(version).encode("utf-8")
    return crc32(text), len(text)


def marshal_schema(version: str) -> bytes:
    """The schema of ``version`` in :mod:`marshal`'s form, with the :func:`schema_key` of the
    JSON text it was read from; a wheel ships it beside the JSON (``hatch_build.py``)."""
    import json

    return marshal.dumps((*schema_key(version), json.loads(schema_text(version))))


@cache
def load_schema(version: str = CURRENT) -> dict[str, Any]:
    """The schema of ``version`` as data (one object per process: do not change it).

    ``validate`` reads it on every run. Importing :mod:`json` and parsing the text cost more
    than the check of a valid file, so a wheel ships the parsed schema in :mod:`marshal`'s form
    too (:func:`marshal_schema`), which is read in a fraction of that time. It is used only
    while it was made from the very JSON text beside it; a checkout has none and reads the JSON.
    """
    try:
        key_crc, key_length, schema = marshal.loads(_shipped_bytes(marshalled_name(version)))
        if (key_crc, key_length) == schema_key(version) and isinstance(schema, dict):
            return schema
    except (OSError, ValueError, EOFError, TypeError):
        pass
    import json

    parsed: dict[str, Any] = json.loads(schema_text(version))
    return parsed


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
    import json

    return json.dumps(published_schema(version, lang), indent=2, ensure_ascii=False, allow_nan=False) + "\n"
