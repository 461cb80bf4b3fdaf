"""Helpers for the export tests: reading exported HTML the way a checker of links and headings does."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted(p.parent for p in (ROOT / "examples").glob("*/blueprint.yaml"))

# Elements whose URL attributes the browser fetches by itself (only <a href> is a mere link).
_FETCHED = {
    ("link", "href"),
    ("script", "src"),
    ("img", "src"),
    ("img", "srcset"),
    ("iframe", "src"),
    ("source", "src"),
    ("video", "src"),
    ("audio", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("input", "src"),
    ("track", "src"),
}


@dataclass
class Page:
    lang: str | None = None
    headings: list[tuple[int, str]] = field(default_factory=list)
    fetched: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    tables: int = 0
    captions: int = 0
    th_without_scope: int = 0
    scripts: list[tuple[str | None, str]] = field(default_factory=list)
    styles_inline: int = 0


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._heading: int | None = None
        self._text: list[str] = []
        self._script: str | None = None
        self._script_type: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html":
            self.page.lang = a.get("lang")
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._heading, self._text = int(tag[1]), []
        if tag == "table":
            self.page.tables += 1
        if tag == "caption":
            self.page.captions += 1
        if tag == "th" and a.get("scope") not in ("row", "col", "rowgroup", "colgroup"):
            self.page.th_without_scope += 1
        if tag == "script":
            self._script, self._script_type = "", a.get("type")
        if tag == "style" or "style" in a:
            self.page.styles_inline += 1
        for name, value in attrs:
            if value is None:
                continue
            if (tag, name) in _FETCHED:
                self.page.fetched.append(value)
            elif tag == "a" and name == "href":
                self.page.links.append(value)

    def handle_endtag(self, tag: str) -> None:
        if self._heading is not None and tag == f"h{self._heading}":
            self.page.headings.append((self._heading, " ".join("".join(self._text).split())))
            self._heading = None
        if tag == "script" and self._script is not None:
            self.page.scripts.append((self._script_type, self._script))
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self._text.append(data)
        if self._script is not None:
            self._script += data


def read_page(path: Path) -> Page:
    reader = _Reader()
    reader.feed(path.read_text("utf-8"))
    reader.close()
    return reader.page


def copy_example(example: Path, target: Path) -> Path:
    shutil.copytree(example, target)
    return target


def all_files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def blueprint_id(example: Path) -> str:
    import yaml

    return str(yaml.safe_load((example / "blueprint.yaml").read_text("utf-8"))["id"])
