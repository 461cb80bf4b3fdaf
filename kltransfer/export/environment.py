"""The template environment: Jinja2's sandbox, strict about undefined names, autoescaping HTML."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined, TemplateNotFound, pass_eval_context
from jinja2.nodes import EvalContext
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from kltransfer.export import richtext
from kltransfer.export.drafts import Pending, without_pending
from kltransfer.export.errors import ThemeError
from kltransfer.export.jsonld import jsonld_script
from kltransfer.export.loader import ThemeLoader
from kltransfer.export.pdf import css_content
from kltransfer.export.unknowns import AtLeast, Unknown
from kltransfer.i18n import _
from kltransfer.i18n import numbers as formatting
from kltransfer.resources import templates_dir

LABELS_FILE = "labels.json"


def _autoescape(name: str | None) -> bool:
    return name is not None and name.endswith((".html", ".html.j2", ".xml.j2"))


@pass_eval_context
def _finalize(context: EvalContext, value: Any) -> Any:
    """A value still to be filled in or not known, printed as it stands, is marked up in HTML
    (``.pending``, ``.unknown`` with the reason the blueprint gives)."""
    if context.autoescape and isinstance(value, Pending):
        return Markup('<span class="pending">{}</span>').format(value)
    if isinstance(value, Unknown) and value.reason:
        if not context.autoescape:  # Markdown
            return f"{value} ({richtext.markdown_cell(value.reason)})"
        return Markup('<span class="unknown">{} <span class="reason">({})</span></span>').format(value, value.reason)
    if context.autoescape and isinstance(value, Unknown):
        return Markup('<span class="unknown">{}</span>').format(value)
    return value


def _is_yaml_printable(char: str) -> bool:
    """Whether YAML (1.1, as PyYAML and so mkdocs read it) takes ``char`` as it is in a quoted
    scalar: printable, and no line break (NEL, LS and PS count as line breaks)."""
    code = ord(char)
    return (
        0x20 <= code <= 0x7E
        or 0xA0 <= code <= 0xD7FF
        or (0xE000 <= code <= 0xFFFD and code != 0xFEFF)
        or code >= 0x10000
    ) and char not in "\u2028\u2029"


def yaml_string(value: Any) -> str:
    """``value`` as a double-quoted YAML scalar in real UTF-8 (``"Übernahme"``, not ``"\\u00dcbernahme"``):
    only the backslash, the double quote and characters YAML would not keep (control
    characters, line breaks) are escaped."""
    out = ['"']
    for char in "" if value is None else str(value):
        if char in '"\\':
            out.append("\\" + char)
        elif _is_yaml_printable(char):
            out.append(char)
        elif ord(char) <= 0xFFFF:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(f"\\U{ord(char):08x}")
    out.append('"')
    return "".join(out)


def _md_link(text: Any, url: Any) -> Any:
    """The ``mdlink`` filter: ``{{ text | mdlink(url) }}``; a value still to be filled in stays its label."""
    if isinstance(url, Pending):
        return text if isinstance(text, Pending) else richtext.markdown_cell(text)
    if isinstance(text, Pending):
        return text
    return richtext.markdown_link(text, url)


def _keep_pending(function: Any) -> Any:
    """``function`` as a filter that passes a value still to be filled in, or not known, through unchanged."""
    return lambda value, *args, **kwargs: (
        value if isinstance(value, Pending | Unknown) else function(value, *args, **kwargs)
    )


def _at_least(function: Any) -> Any:
    """``function`` (a number's formatting) for a sum with an unknown part, too: "at least …"."""

    def apply(value: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(value, AtLeast):
            return value.text(function(value.value, *args, **kwargs))
        return function(value, *args, **kwargs)

    return apply


class Templates:
    """Templates and static files of one theme, rendered for one language."""

    def __init__(self, lang: str, theme: Path | None = None) -> None:
        defaults = templates_dir() / "export"
        if theme is not None and not theme.is_dir():
            raise ThemeError(
                _("the theme folder '{path}' is not a folder", path=theme)
                if theme.exists()
                else _("the theme folder '{path}' does not exist", path=theme),
                hint=_("give a folder that mirrors templates/export/ with the files to override"),
            )
        self.lang = lang
        self.loader = ThemeLoader(defaults, theme)
        self.env = SandboxedEnvironment(
            loader=self.loader,
            autoescape=_autoescape,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            auto_reload=False,
            finalize=_finalize,
        )
        # |tojson (mkdocs.yml) as every JSON writer: NaN and Infinity are not JSON
        self.env.policies["json.dumps_kwargs"] = {"sort_keys": True, "allow_nan": False}
        self.labels = self._labels()
        self.env.filters.update(
            {
                "md": _keep_pending(lambda text: richtext.markdown_block(text, lang)),
                "mdi": _keep_pending(lambda text: richtext.markdown_inline(text, lang)),
                # Markdown output: every value through one escaping (kltransfer.export.mdsafe):
                # mdcell for a line or a table cell, mdtext for paragraphs, mdlink for a link
                "mdtext": _keep_pending(richtext.markdown_safe),
                "mdcell": _keep_pending(richtext.markdown_cell),
                "mdlink": _md_link,
                "mdcode": _keep_pending(richtext.markdown_code),
                "oneline": richtext.one_line,
                "mdurl": richtext.markdown_url,
                "htmltext": richtext.html_text,
                "weburl": richtext.web_url,
                "number": _keep_pending(
                    _at_least(lambda v, decimals=None: formatting.format_number(v, lang, decimals))
                ),
                "money": _keep_pending(_at_least(lambda v, currency="EUR": formatting.format_money(v, currency, lang))),
                "date": _keep_pending(lambda v: formatting.format_date(v, lang)),
                "label": _keep_pending(self.label),
                "csscontent": css_content,
                "yaml": yaml_string,
            }
        )
        self.env.tests["pending"] = lambda value: isinstance(value, Pending)
        self.env.tests["unknown"] = lambda value: isinstance(value, Unknown)
        self.env.tests["marker"] = lambda value: isinstance(value, Pending | Unknown)
        self.env.globals.update(
            {"t": self.labels["ui"], "lang": lang, "jsonld": lambda bp: jsonld_script(without_pending(bp))}
        )

    def _labels(self) -> dict[str, Any]:
        """The labels for the language: the defaults, with a theme's ``labels.json`` laid over them
        key by key (a theme may change a few labels without repeating the others)."""
        labels: dict[str, Any] = {"ui": {}, "enums": {}}
        for loader in reversed(self.loader.loaders):
            try:
                text = loader.get_source(self.env, LABELS_FILE)[0]
            except TemplateNotFound:
                continue
            try:
                mine = json.loads(text).get(self.lang, {})
                if not isinstance(mine.get("ui", {}), dict) or not isinstance(mine.get("enums", {}), dict):
                    raise TypeError(_("'ui' and 'enums' must be mappings"))
            except (ValueError, TypeError, AttributeError) as exc:
                raise ThemeError(
                    _(
                        "{file} in the {folder} is not usable ({reason})",
                        file=LABELS_FILE,
                        folder=_(loader.label),
                        reason=exc,
                    ),
                    hint=_("it holds {example}", example='{"<lang>": {"ui": {...}, "enums": {...}}}'),
                ) from exc
            labels["ui"].update(mine.get("ui", {}))
            for group, names in mine.get("enums", {}).items():
                if isinstance(names, dict):
                    labels["enums"].setdefault(group, {}).update(names)
        if not labels["ui"]:
            raise ThemeError(
                _("no labels for the language '{lang}'", lang=self.lang), hint=_("add them to {file}", file=LABELS_FILE)
            )
        return labels

    def label(self, value: Any, group: str) -> str:
        """The label of an enumerated value (``P5``, ``DE-RP``, ``operating``), or the value itself."""
        if value is None:
            return ""
        names = self.labels["enums"].get(group, {})
        return str(names.get(value, value)) if isinstance(names, dict) else str(value)

    def render(self, name: str, **context: Any) -> str:
        try:
            return self.env.get_template(name).render(**context)
        except ThemeError:
            raise
        except Exception as exc:  # a theme's template may fail in any way; never a traceback
            where = getattr(exc, "filename", None) or name
            line = getattr(exc, "lineno", None)
            place = f"{where}:{line}" if line else where
            raise ThemeError(
                _("the template {place} failed: {reason}", place=place, reason=exc),
                hint=_("check the theme's templates against templates/export/"),
            ) from exc

    def read(self, name: str) -> str:
        return self.loader.read(name)
