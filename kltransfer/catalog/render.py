"""The catalog's templates and labels: one sandboxed Jinja2 environment, texts in both languages."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from kltransfer.i18n import N_


@cache
def labels(lang: str) -> dict[str, Any]:
    """The texts of the catalog's pages in ``lang`` (``templates/catalog/labels.json``), with the
    names of the readiness labels and of enumerated values (from the export's labels)."""
    from kltransfer.i18n import translations
    from kltransfer.readiness.scoring import LABELS
    from kltransfer.resources import templates_dir

    root = templates_dir()
    texts = json.loads((root / "catalog" / "labels.json").read_text("utf-8"))
    found: dict[str, Any] = dict(texts.get(lang, texts["en"]))
    export = json.loads((root / "export" / "labels.json").read_text("utf-8"))
    found["enums"] = export.get(lang, export["en"])["enums"]
    gettext = translations(lang).gettext
    found["readiness_labels"] = {key: gettext(msgid) for key, msgid in LABELS.items()}
    return found


@cache
def environment() -> Any:
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    from kltransfer.resources import templates_dir
    from kltransfer.templating import ConfinedLoader

    env = SandboxedEnvironment(
        loader=ConfinedLoader(templates_dir() / "catalog", N_("catalog templates")),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["fill"] = fill
    return env


def fill(text: str, **values: Any) -> str:
    """A label with its ``{placeholders}`` filled in (values are escaped by the template)."""
    for key, value in values.items():
        text = text.replace("{" + key + "}", str(value))
    return text


def script_json(data: Any) -> str:
    """JSON that can stand inside a ``<script>`` element."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False).replace("<", "\\u003c")
