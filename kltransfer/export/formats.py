"""The output formats: each turns one normalised blueprint into files (relative path -> bytes).

Layout of one format's folder (``<out>/<id>/<format>/`` in an export, ``<format>/`` in a bundle):

- ``html/index.html`` and ``html/style.css``: one self-contained page; linked files in ``html/files/``.
- ``markdown/README.md``; linked files in ``markdown/files/``.
- ``mkdocs/mkdocs.yml`` and ``mkdocs/docs/index.md``, ``mkdocs/docs/adoption.md``; linked files in
  ``mkdocs/docs/files/`` (Markdown files with ``.txt`` appended, so mkdocs copies them as text
  instead of rendering their raw HTML).
- ``json/blueprint.json``: the normalised blueprint.
- ``publiccode/<component-slug>.yml``: a publiccode.yml (0.7) per software component that has the
  facts for it (:mod:`kltransfer.publiccode.export`); what the others lack is reported as KT249.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from kltransfer.export.environment import Templates


@dataclass(frozen=True, slots=True)
class Material:
    """What a format needs besides the templates: the blueprint and the files it links to."""

    blueprint: dict[str, Any]
    #: Files beside blueprint.yaml that the blueprint links to, by their path there.
    files: Mapping[str, bytes]
    #: The blueprint as written (texts in every language), for formats that need more than one.
    source: Mapping[str, Any] = field(default_factory=dict)


Files = dict[str, bytes]
Renderer = Callable[[Templates, Material], Files]

_MARKDOWN_SUFFIXES = (".md", ".markdown")
_BLANK_RUNS = re.compile(r"\n(?:[ \t]*\n){2,}")


def _encode(text: str) -> bytes:
    return text.encode("utf-8")


def _markdown(text: str) -> bytes:
    """Markdown output with runs of blank lines (left by optional sections) folded into one."""
    return _encode(_BLANK_RUNS.sub("\n\n", text).strip() + "\n")


def _copies(
    material: Material, prefix: str, rename: Callable[[str], str] = lambda p: p
) -> tuple[Files, dict[str, str]]:
    """The linked files under ``prefix`` and, for the templates, each one's link target."""
    out: Files = {}
    hrefs: dict[str, str] = {}
    for path, content in material.files.items():
        target = f"files/{rename(path)}"
        out[f"{prefix}{target}"] = content
        hrefs[path] = target
    return out, hrefs


def render_html(templates: Templates, material: Material) -> Files:
    files, hrefs = _copies(material, "")
    files["index.html"] = _encode(templates.render("html/page.html.j2", bp=material.blueprint, files=hrefs))
    files["style.css"] = _encode(templates.read("html/style.css"))
    return files


def render_markdown(templates: Templates, material: Material) -> Files:
    files, hrefs = _copies(material, "")
    files["README.md"] = _markdown(templates.render("markdown/README.md.j2", bp=material.blueprint, files=hrefs))
    return files


def _text_suffix(path: str) -> str:
    return f"{path}.txt" if path.lower().endswith(_MARKDOWN_SUFFIXES) else path


def render_mkdocs(templates: Templates, material: Material) -> Files:
    files, hrefs = _copies(material, "docs/", _text_suffix)
    bp = material.blueprint
    files["mkdocs.yml"] = _encode(templates.render("mkdocs/mkdocs.yml.j2", bp=bp, files=hrefs))
    files["docs/index.md"] = _markdown(templates.render("mkdocs/index.md.j2", bp=bp, files=hrefs))
    files["docs/adoption.md"] = _markdown(templates.render("mkdocs/adoption.md.j2", bp=bp, files=hrefs))
    return files


def normalised_json(blueprint: dict[str, Any]) -> bytes:
    return _encode(json.dumps(blueprint, ensure_ascii=False, indent=2) + "\n")


def render_json(templates: Templates, material: Material) -> Files:
    return {"blueprint.json": normalised_json(material.blueprint)}


def render_publiccode(templates: Templates, material: Material) -> Files:
    from kltransfer.publiccode.export import render

    return render(material.source, material.blueprint["lang"], material.files.get)


#: Every format by name, in the order they are documented; feeds the ``--format`` choices.
FORMATS: dict[str, Renderer] = {
    "html": render_html,
    "markdown": render_markdown,
    "mkdocs": render_mkdocs,
    "json": render_json,
    "publiccode": render_publiccode,
}

#: The file a reader opens first, per format (publiccode: the folder of one file per component).
ENTRY_POINTS = {
    "html": "index.html",
    "markdown": "README.md",
    "mkdocs": "mkdocs.yml",
    "json": "blueprint.json",
    "publiccode": "",
}
