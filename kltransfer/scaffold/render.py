"""Rendering the scaffold templates: Jinja2 in its sandbox, values written as safe YAML.

Answers come from people and files, so they are never pasted into YAML as they are: the
``y`` filter writes every value as a YAML scalar (strings double-quoted and escaped by
PyYAML's emitter), so a title with ``: ``, quotes, ``#`` or line breaks stays exactly that
title. Templates may only load files from the kind's folder and the shared ``_common``
folder; a name that leaves them, also through a symlink, is refused.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml
from jinja2 import ChoiceLoader, StrictUndefined
from jinja2.exceptions import TemplateError
from jinja2.sandbox import SandboxedEnvironment

from kltransfer.errors import KltransferError
from kltransfer.i18n import _
from kltransfer.scaffold.questions import in_language
from kltransfer.templating import ConfinedLoader


class TemplateRenderError(KltransferError):
    """A scaffold template that cannot be rendered: a defect of the templates, not of the input."""

    code = "KT950"
    exit_code = 2


def yaml_scalar(value: Any) -> str:
    """``value`` as one line of YAML that reads back as exactly ``value``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(yaml_scalar(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{yaml_scalar(str(k))}: {yaml_scalar(v)}" for k, v in value.items()) + "}"
    if not isinstance(value, str):
        raise TypeError(type(value).__name__)
    text = yaml.dump(value, Dumper=yaml.SafeDumper, default_style='"', allow_unicode=True, width=1 << 30)
    return text.strip()


def one_line(value: Any) -> str:
    """Free text for a single line of Markdown."""
    return " ".join(str(value).split())


def make_environment(roots: Sequence[Path], lang: str, fmt: str) -> SandboxedEnvironment:
    env = SandboxedEnvironment(
        loader=ChoiceLoader([ConfinedLoader(root, "scaffold templates") for root in roots]),
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )

    def pick(de: str, en: str) -> str:  # the templates' own texts, written in both languages
        return de if lang == "de" else en

    def todo(de: str, en: str) -> str:
        return yaml_scalar("TODO: " + pick(de, en))

    env.filters["y"] = yaml_scalar
    env.filters["one_line"] = lambda value: one_line(in_language(value, lang))
    env.globals.update(tr=pick, todo=todo, lang=lang, fmt=fmt)
    return env


def render(roots: Sequence[Path], name: str, lang: str, context: Mapping[str, Any], *, fmt: str) -> str:
    """Render template ``name``; ``fmt`` is the format version the blueprint is written in."""
    env = make_environment(roots, lang, fmt)
    try:
        return env.get_template(name).render(**context)
    except TemplateError as exc:
        raise TemplateRenderError(
            _("the scaffold template '{name}' cannot be rendered: {reason}", name=name, reason=exc),
            hint=_("this is a defect of the templates; please report it"),
        ) from exc
