"""The output formats: each turns one normalised blueprint into files (relative path -> bytes).

Layout of one format's folder (``<out>/<id>/<format>/`` in an export, ``<format>/`` in a bundle):

- ``html/index.html`` and ``html/style.css``: one self-contained page; linked files in ``html/files/``.
- ``markdown/README.md``; linked files in ``markdown/files/``.
- ``mkdocs/mkdocs.yml`` and ``mkdocs/docs/index.md``, ``mkdocs/docs/adoption.md``; linked files in
  ``mkdocs/docs/files/`` (Markdown files with ``.txt`` appended, so mkdocs copies them as text
  instead of rendering their raw HTML).
- ``json/blueprint.json``: the normalised blueprint.
- ``pdf/<id>.pdf``: an A4 PDF/A-3b for a council, the source blueprint attached (:mod:`kltransfer.export.pdf`).
- ``dcat/catalog.ttl``: the blueprint's data sets in DCAT-AP.de (Turtle; needs ``kltransfer[rdf]``).
- ``publiccode/<component-slug>.yml``: a publiccode.yml (0.7) per software component that has the
  facts for it (:mod:`kltransfer.publiccode.export`); what the others lack is reported as KT249.

The documents (all but ``json``, ``dcat`` and ``publiccode``) get the blueprint with every TODO
value shown as "to be filled in" and, for a draft, ``draft`` (:mod:`kltransfer.export.drafts`);
every unknown value as "not published", every sum with an unknown part as "at least …"
(:mod:`kltransfer.export.unknowns`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from kltransfer.export.drafts import Draft, document_view
from kltransfer.export.environment import Templates
from kltransfer.export.unknowns import marked_view
from kltransfer.i18n.numbers import format_number


@dataclass(frozen=True, slots=True)
class Material:
    """What a format needs besides the templates: the blueprint and the files it links to."""

    blueprint: dict[str, Any]
    #: Files beside blueprint.yaml that the blueprint links to, by their path there.
    files: Mapping[str, bytes]
    #: Its TODO placeholders and other warnings.
    draft: Draft = field(default_factory=Draft)
    #: The source blueprint file (name and bytes) and the time its content dates from, for the PDF.
    source_name: str = "blueprint.yaml"
    source: bytes = b""
    time: int = 0
    #: The loaded blueprint as written (values with their lines), for formats that report on it.
    document: Any = None
    #: Settings of formats that need more than the blueprint, by format name (``dcat``).
    settings: Mapping[str, Any] = field(default_factory=dict)
    #: Findings a format reports about the blueprint (a value it needs is missing).
    findings: list[Any] = field(default_factory=list)
    #: The blueprint's data as written (texts in every language), for formats that need more than one.
    data: Mapping[str, Any] = field(default_factory=dict)


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


def _counted(labels: Mapping[str, Any], key: str, n: int, lang: str) -> str:
    return str(labels[f"{key}_one" if n == 1 else f"{key}_other"]).replace("{n}", format_number(n, lang))


def _document(templates: Templates, material: Material) -> dict[str, Any]:
    """What the document templates get besides ``files``: ``bp`` with every TODO value (and every
    sum with one) shown as "to be filled in", every unknown value as "not published" and every
    sum with an unknown part as "at least …"; and ``draft`` (``None`` when it is none)."""
    labels = templates.labels["ui"]
    draft = material.draft
    summary = []
    if draft.placeholders:
        summary.append(_counted(labels, "draft_placeholders", draft.placeholders, templates.lang))
    if draft.warnings:
        summary.append(_counted(labels, "draft_warnings", draft.warnings, templates.lang))
    return {
        "bp": marked_view(
            document_view(material.blueprint, labels["pending"]), labels["not_published"], labels["at_least"]
        ),
        "draft": {"placeholders": draft.placeholders, "warnings": draft.warnings, "summary": ", ".join(summary)}
        if draft
        else None,
    }


def render_html(templates: Templates, material: Material) -> Files:
    files, hrefs = _copies(material, "")
    files["index.html"] = _encode(templates.render("html/page.html.j2", files=hrefs, **_document(templates, material)))
    files["style.css"] = _encode(templates.read("html/style.css"))
    return files


def render_markdown(templates: Templates, material: Material) -> Files:
    files, hrefs = _copies(material, "")
    page = templates.render("markdown/README.md.j2", files=hrefs, **_document(templates, material))
    files["README.md"] = _markdown(page)
    return files


def _text_suffix(path: str) -> str:
    return f"{path}.txt" if path.lower().endswith(_MARKDOWN_SUFFIXES) else path


def render_mkdocs(templates: Templates, material: Material) -> Files:
    files, hrefs = _copies(material, "docs/", _text_suffix)
    context = _document(templates, material)
    files["mkdocs.yml"] = _encode(templates.render("mkdocs/mkdocs.yml.j2", files=hrefs, **context))
    files["docs/index.md"] = _markdown(templates.render("mkdocs/index.md.j2", files=hrefs, **context))
    files["docs/adoption.md"] = _markdown(templates.render("mkdocs/adoption.md.j2", files=hrefs, **context))
    return files


def normalised_json(blueprint: dict[str, Any]) -> bytes:
    return _encode(json.dumps(blueprint, ensure_ascii=False, indent=2, allow_nan=False) + "\n")


def render_json(templates: Templates, material: Material) -> Files:
    return {"blueprint.json": normalised_json(material.blueprint)}


def render_pdf(templates: Templates, material: Material) -> Files:
    """``<id>.pdf``; linked files are named by their path (a PDF cannot link to files beside it)."""
    from kltransfer.export.pdf import iso_date, write_pdf

    context = _document(templates, material)
    labels = templates.labels["ui"]
    html = templates.render(
        "pdf/document.html.j2", files={}, issued=iso_date(material.time), attachment=material.source_name, **context
    )
    content = write_pdf(
        html,
        templates.read("pdf/print.css"),
        source=material.source,
        source_name=material.source_name,
        description=str(labels["attachment_description"]),
        time=material.time,
    )
    return {entry_point("pdf", str(material.blueprint["id"])): content}


def render_dcat(templates: Templates, material: Material) -> Files:
    from kltransfer.dcat.export import render

    return render(material)


def render_publiccode(templates: Templates, material: Material) -> Files:
    from kltransfer.publiccode.export import render

    return render(material.data, material.blueprint["lang"], material.files.get)


#: Every format by name, in the order they are documented; feeds the ``--format`` choices.
FORMATS: dict[str, Renderer] = {
    "html": render_html,
    "markdown": render_markdown,
    "mkdocs": render_mkdocs,
    "json": render_json,
    "pdf": render_pdf,
    "dcat": render_dcat,
    "publiccode": render_publiccode,
}

#: The file a reader opens first, per format (``{id}``: the blueprint's id; publiccode: the folder
#: of one file per component).
ENTRY_POINTS = {
    "html": "index.html",
    "markdown": "README.md",
    "mkdocs": "mkdocs.yml",
    "json": "blueprint.json",
    "pdf": "{id}.pdf",
    "dcat": "catalog.ttl",
    "publiccode": "",
}


def entry_point(name: str, blueprint_id: str) -> str:
    """The file of format ``name`` a reader opens first, below ``<id>/<name>/``."""
    return ENTRY_POINTS[name].format(id=blueprint_id)
