"""Markdown inside blueprint texts: rendered to HTML with raw HTML disabled, or made safe for
Markdown output, so that a text such as ``<script>`` always appears as text."""

from __future__ import annotations

import re
from functools import cache

from markdown_it import MarkdownIt
from markupsafe import Markup, escape

# Texts without any of these characters render to themselves (escaped): no parser needed.
_PLAIN = re.compile(r"[\\`*_\[\]<>&\n\r\t!~|]")
_BLOCK_START = re.compile(r"^\s*(?:[-+#>=]|\d+[.)])")
_TAG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


@cache
def _parser() -> MarkdownIt:
    # Raw HTML is escaped, images are not rendered (they would load from the network) and
    # headings inside a text stay paragraphs, so the page keeps one h1 and ordered headings.
    return MarkdownIt("commonmark", {"html": False}).disable(["image", "heading", "lheading"])


def _is_plain(text: str) -> bool:
    return _PLAIN.search(text) is None


def _other_language(text: str, page_lang: str | None) -> str | None:
    """The language tag of ``text`` when it differs from the page's (WCAG 3.1.2, language of parts)."""
    lang = getattr(text, "lang", None)
    if page_lang is None or not isinstance(lang, str) or lang.split("-", 1)[0] == page_lang:
        return None
    return lang if _TAG.match(lang) else None


def markdown_block(text: str | None, page_lang: str | None = None) -> Markup:
    """A text as HTML block content (paragraphs, lists, …)."""
    if not text:
        return Markup("")
    if _is_plain(text) and not _BLOCK_START.match(text):
        html = Markup(f"<p>{escape(text.strip())}</p>\n")
    else:
        html = Markup(_parser().render(text))
    other = _other_language(text, page_lang)
    return Markup(f'<div lang="{other}">\n{html}</div>\n') if other else html


def markdown_inline(text: str | None, page_lang: str | None = None) -> Markup:
    """A short text as inline HTML (emphasis, code, links), for headings and table cells."""
    if not text:
        return Markup("")
    plain = _is_plain(text)
    html = Markup(escape(text.strip()) if plain else _parser().renderInline(" ".join(text.split())))
    other = _other_language(text, page_lang)
    return Markup(f'<span lang="{other}">{html}</span>') if other else html


def markdown_safe(text: object) -> str:
    """A text for Markdown output: safe Markdown kept, everything else escaped (see :mod:`.mdsafe`)."""
    from kltransfer.export.mdsafe import markdown_text

    return markdown_text(text)


def markdown_cell(text: object) -> str:
    """A value for a line or a Markdown table cell: one line, escaped (see :mod:`.mdsafe`)."""
    from kltransfer.export.mdsafe import markdown_text

    return markdown_text(text, inline=True)


def html_text(text: object) -> str:
    """A value HTML-escaped as plain text (``&``, ``<``, ``>``, quotes), for files that another tool
    prints into HTML without escaping (mkdocs.yml's site_name)."""
    return str(escape("" if text is None else text))


def one_line(text: object) -> str:
    """A value for a heading or a YAML title: whitespace collapsed to single spaces."""
    return " ".join(str(text).split()) if text is not None else ""


def markdown_url(url: object) -> str:
    """A link target for Markdown (http, https, mailto or a relative path, percent-encoded where
    needed), or ``""`` when it must not be one (see :func:`.mdsafe.safe_url`)."""
    from kltransfer.export.mdsafe import safe_url

    return safe_url(url) or ""


def markdown_code(text: object) -> str:
    """A value as a code span (an id, a version), whatever backticks it holds (see :mod:`.mdsafe`)."""
    from kltransfer.export.mdsafe import code_span

    return code_span("" if text is None else str(text))


def markdown_link(text: object, url: object) -> str:
    """``[text](url)``, or the text alone when the target must not be a link (see :mod:`.mdsafe`)."""
    from kltransfer.export.mdsafe import markdown_link as link

    return link(text, url)


def web_url(url: object) -> str:
    """``url`` when it is an http(s) address, else ``#``: no ``javascript:`` or ``file:`` link
    reaches a page even if a blueprint slipped past validation."""
    text = "" if url is None else str(url).strip()
    return text if text.lower().startswith(("https://", "http://")) else "#"
