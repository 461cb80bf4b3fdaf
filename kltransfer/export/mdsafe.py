"""Values for Markdown output, safe in every renderer: THE escaping of the Markdown and mkdocs exports.

A blueprint's texts may use Markdown (emphasis, lists, links, code). Printed into a README or
an mkdocs page as they are, they could also hold raw HTML (``<img onerror=…>``, which
Python-Markdown and so mkdocs pass through), links to ``javascript:`` or ``data:`` (which
Python-Markdown does not refuse), images that load from another site, reference definitions,
autolinks and table pipes. :func:`markdown_text` parses a text (markdown-it-py, CommonMark,
raw HTML off) and writes it back as Markdown that keeps only what is safe:

- paragraphs, lists, block quotes, emphasis, strong emphasis and code, rebuilt by us;
- links whose target :func:`safe_url` accepts (http, https, mailto, a relative path), else
  their text alone; images as their alternative text (nothing is loaded);
- every character of the text that Markdown or HTML reads as syntax escaped: ``\\`` `` ` `` ``*``
  ``_`` ``[`` ``]`` ``{`` ``}`` ``#`` ``|`` with a backslash, ``<`` ``>`` ``&`` as entities (so
  no tag, autolink or entity survives), and a line that would start a list, a heading or a
  quote escaped at its start;
- code as code spans, whose content no renderer reads as Markdown or HTML.

``inline=True`` gives one line for a heading or a table cell (blocks joined, ``|`` escaped).
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it.tree import SyntaxTreeNode

#: Characters escaped with a backslash wherever they stand (both CommonMark and Python-Markdown
#: read the backslash escape of each of them).
_BACKSLASHED = re.compile(r"([\\`*_\[\]{}#|])")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
#: What makes a line a list item, a heading, a rule or a setext underline at its start.
_LINE_START = re.compile(r"^(\s*)(?:([-+])(?=\s|[-\s]*$)|(=)(?==*\s*$)|(\d{1,9})([.)])(?=\s|$))")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_REFERENCE = re.compile(r"&#?[A-Za-z0-9]+;")
#: Schemes a link may have; anything else (javascript:, data:, vbscript:, file:, …) is dropped.
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_URL_ESCAPES = {
    "|": "%7C",
    " ": "%20",
    "(": "%28",
    ")": "%29",
    "<": "%3C",
    ">": "%3E",
    '"': "%22",
    "'": "%27",
    "`": "%60",
}


_SPACES = re.compile(r"[ \t\n\r\f\v]+")


@cache
def _parser():  # markdown_it is imported only when a Markdown export runs
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).disable(["heading", "lheading"])


def escape_text(text: str) -> str:
    """Plain text as Markdown that shows exactly this text (no syntax, no HTML, one line per line)."""
    text = _BACKSLASHED.sub(r"\\\1", text)
    text = "".join(_ENTITIES.get(ch, ch) for ch in text) if any(ch in text for ch in "&<>") else text
    return text.replace("\t", " ")


def _line_start(line: str) -> str:
    """``line`` with what would make it a list item or a rule at its start escaped."""
    match = _LINE_START.match(line)
    if match is None:
        return line
    lead, rest = match.group(1), line[match.end() :]
    if match.group(2):
        return f"{lead}\\{match.group(2)}{rest}"
    if match.group(3):
        return f"{lead}&#61;{rest}"
    return f"{lead}{match.group(4)}\\{match.group(5)}{rest}"


def safe_url(url: object) -> str | None:
    """``url`` as a link target for Markdown, or ``None`` when it must not be one.

    Accepted: http, https and mailto addresses, and relative paths (``docs/plan.pdf``,
    ``#costs``). Refused: every other scheme (``javascript:``, ``data:``, ``vbscript:``,
    ``file:``), ``//host`` (another site), and targets with control characters, backslashes or
    character references, which browsers and renderers would read as something else.
    Spaces, brackets, quotes and parentheses are percent-encoded.
    """
    if url is None:
        return None
    text = str(url).strip()
    if not text or any(ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F for ch in text) or "\\" in text:
        return None
    if _REFERENCE.search(text):  # &#106;avascript: would be decoded by the renderer
        return None
    scheme = _SCHEME.match(text)
    if scheme is not None and scheme.group(1).lower() not in SAFE_SCHEMES:
        return None
    if scheme is None and text.startswith("//"):
        return None
    return "".join(_URL_ESCAPES.get(ch, ch) for ch in text)


def code_span(content: str) -> str:
    """A code span that shows ``content`` as it is, whatever backticks it holds."""
    content = " ".join(content.split("\n"))
    if not content.strip():
        return ""
    runs = [len(r) for r in re.findall(r"`+", content)]
    fence = "`" * (max(runs, default=0) + 1)
    pad = " " if content.startswith("`") or content.endswith("`") else ""
    return f"{fence}{pad}{content}{pad}{fence}"


def _inline(node: SyntaxTreeNode, inline: bool) -> str:
    out: list[str] = []
    for child in node.children:
        kind = child.type
        if kind == "text":
            out.append(escape_text(child.content))
        elif kind == "softbreak":
            out.append(" " if inline else "\n")
        elif kind == "hardbreak":
            out.append(" " if inline else "  \n")
        elif kind == "code_inline":
            out.append(code_span(child.content))
        elif kind == "em":
            out.append("*" + _inline(child, inline) + "*")
        elif kind == "strong":
            out.append("**" + _inline(child, inline) + "**")
        elif kind == "link":
            text = _inline(child, inline)
            target = safe_url(child.attrs.get("href"))
            out.append(f"[{text}]({target})" if target and text.strip() else text)
        elif kind == "image":  # never loaded: its alternative text stands in its place
            out.append(_inline(child, inline) or escape_text(str(child.attrs.get("alt", ""))))
        else:  # anything else markdown-it makes of a text: its text content, escaped
            out.append(_inline(child, inline) if child.children else escape_text(child.content))
    return "".join(out)


def _blocks(node: SyntaxTreeNode, inline: bool) -> list[str]:
    """The blocks below ``node``, each as Markdown lines joined by line breaks."""
    blocks: list[str] = []
    for child in node.children:
        kind = child.type
        if kind == "paragraph":
            text = "".join(_inline(c, inline) for c in child.children if c.type == "inline")
            blocks.append("\n".join(_line_start(line) for line in text.split("\n")))
        elif kind in ("bullet_list", "ordered_list") and inline:  # the markers as text: "1. Platz" stays
            start = int(child.attrs.get("start", 1) or 1) if kind == "ordered_list" else 1
            items = []
            for number, item in enumerate(child.children, start):
                marker = f"{number}\\{item.markup or '.'}" if kind == "ordered_list" else "\\" + (item.markup or "-")
                items.append(marker + " " + " ".join(_blocks(item, inline)))
            blocks.append(" ".join(items))
        elif kind == "blockquote" and inline:
            blocks.append(" ".join(_blocks(child, inline)))
        elif kind == "hr" and inline:
            continue
        elif kind in ("bullet_list", "ordered_list"):
            start = int(child.attrs.get("start", 1) or 1) if kind == "ordered_list" else 1
            items = []
            tight = all(p.hidden for item in child.children for p in item.children if p.type == "paragraph")
            for number, item in enumerate(child.children, start):
                body = ("\n" if tight else "\n\n").join(_blocks(item, inline))
                marker = f"{number}. " if kind == "ordered_list" else "- "
                indent = " " * len(marker)
                lines = body.split("\n") or [""]
                items.append(marker + lines[0] + "".join("\n" + (indent + line if line else "") for line in lines[1:]))
            blocks.append("\n".join(items))
        elif kind == "blockquote":
            body = "\n\n".join(_blocks(child, inline))
            blocks.append("\n".join("> " + line if line else ">" for line in body.split("\n")))
        elif kind in ("code_block", "fence"):
            lines = [code_span(line) for line in child.content.rstrip("\n").split("\n")]
            blocks.append("  \n".join(line for line in lines if line))
        elif kind == "hr":
            blocks.append("* * *")
        else:
            text = escape_text(child.content) if child.content else "\n\n".join(_blocks(child, inline))
            if text:
                blocks.append(text)
    return [b for b in blocks if b.strip()]


def markdown_text(text: object, *, inline: bool = False) -> str:
    """``text`` (a blueprint's Markdown) as safe Markdown: see the module's description.

    ``inline``: one line (for a heading or a table cell), with ``|`` escaped.
    """
    if text is None:
        return ""
    source = str(text)
    if not source.strip():
        return ""
    from markdown_it.tree import SyntaxTreeNode

    tree = SyntaxTreeNode(_parser().parse(source.replace("\r\n", "\n").replace("\r", "\n")))
    blocks = _blocks(tree, inline)
    if inline:
        # line breaks and runs of spaces become one space; a no-break space (100.000\xa0€) stays
        return _line_start(" ".join(_SPACES.sub(" ", b).strip(" ") for b in blocks))
    return "\n\n".join(blocks)


def markdown_link(text: object, url: object) -> str:
    """``[text](url)`` when :func:`safe_url` accepts ``url``; else ``text`` alone (or the address as text).

    Inside a link the text is plain (every Markdown character escaped): a link in it would win
    over the outer one in CommonMark."""
    target = safe_url(url)
    if target is None:
        return markdown_text(text, inline=True) if text not in (None, "") else markdown_text(url, inline=True)
    shown = _SPACES.sub(" ", str(text if text not in (None, "") else url)).strip(" ")  # a no-break space stays
    return f"[{escape_text(shown)}]({target})"
