"""Markdown and mkdocs outputs are as safe as HTML (issue 11, item 7).

One valid blueprint carries an injection payload in every text, address and e-mail field the
format has (generated from the schema, :mod:`tests.security.payloads`): raw HTML with event
handlers and scripts, ``javascript:``/``data:``/``vbscript:`` links (also as a character
reference and as a reference definition), protocol-relative links, images and iframes from
another site, autolinks, attribute lists, table pipes. It is exported as HTML, Markdown, mkdocs
(and built with ``mkdocs build --strict``) and into a catalog; the pages are loaded in headless
Chromium, the README rendered by two Markdown renderers as a code host would. In none of them
may a script run (a global set, the title changed), an element carry an event handler or a
script URL, or a request leave the machine; and the payload must be there as text, so that
the test cannot pass because nothing was exported.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.browser import Browser, chromium_path, outside_file_scheme
from tests.security.hostile import snapshot
from tests.security.payloads import payload_blueprint

pytestmark = pytest.mark.browser

#: Elements that carry an event handler, or a link or source whose scheme runs code.
_DANGER = """(() => {
  const bad = [];
  for (const e of document.querySelectorAll('*')) {
    for (const a of e.attributes) {
      const v = a.value.trim().toLowerCase().replace(/[\\s\\x00-\\x1f]/g, '');
      if (a.name.startsWith('on') && /pwned|evil/.test(v)) bad.push(e.tagName + ' ' + a.name + '=' + a.value);
      if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'srcdoc', 'poster'].includes(a.name)
          && /^(javascript|data|vbscript|file):/.test(v) && v !== 'data:,')  // data:, the empty icon: no request
        bad.push(e.tagName + ' ' + a.name + '=' + a.value);
      if (['src', 'srcset', 'data', 'poster', 'background'].includes(a.name) && /evil/.test(v))
        bad.push(e.tagName + ' ' + a.name + '=' + a.value);
    }
    if (['IFRAME', 'OBJECT', 'EMBED', 'SVG', 'DETAILS'].includes(e.tagName.toUpperCase())
        && /pwned|evil/.test(e.outerHTML)) bad.push(e.tagName);
    // a script that runs (not a JSON-LD data block) with a payload in it
    if (e.tagName === 'SCRIPT' && !/json/.test(e.type || '') && /pwned|evil/.test(e.textContent)) bad.push('SCRIPT');
  }
  return bad;
})()"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    from kltransfer.cli.main import run

    root = tmp_path_factory.mktemp("payloads")
    folder = root / "bp"
    fields = payload_blueprint(folder)
    assert len(fields) > 100, fields  # every text, address and e-mail field of the format
    out = root / "out"
    before = snapshot(root, skip=(out,))
    code = run(
        ["export", str(folder), "--out", str(out), "-f", "html", "-f", "markdown", "-f", "mkdocs", "--lang", "de"]
    )
    assert code == 0
    catalog = root / "catalog"
    assert run(["catalog", "build", str(folder), "--out", str(catalog), "--lang", "de"]) == 0
    assert snapshot(root, skip=(out, catalog)) == before  # nothing but the outputs was written
    base = out / "payload-blueprint"
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=base / "mkdocs",
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    readme = (base / "markdown" / "README.md").read_text(encoding="utf-8")
    rendered = root / "rendered"
    rendered.mkdir()
    import markdown
    from markdown_it import MarkdownIt

    # a code host renders README.md: Python-Markdown passes raw HTML through, markdown-it with HTML on too
    (rendered / "python-markdown.html").write_text(
        "<!doctype html><meta charset=utf-8><title>readme</title>"
        + markdown.markdown(readme, extensions=["tables", "fenced_code", "attr_list"]),
        encoding="utf-8",
    )
    (rendered / "markdown-it.html").write_text(
        "<!doctype html><meta charset=utf-8><title>readme</title>"
        + MarkdownIt("commonmark", {"html": True}).enable("table").render(readme),
        encoding="utf-8",
    )
    return {
        "fields": fields,
        "readme": readme,
        "pages": {
            "html": base / "html" / "index.html",
            "mkdocs index": base / "mkdocs" / "site" / "index.html",
            "mkdocs adoption": base / "mkdocs" / "site" / "adoption.html",
            "readme (Python-Markdown)": rendered / "python-markdown.html",
            "readme (markdown-it)": rendered / "markdown-it.html",
            "catalog": catalog / "index.html",
            "catalog page": catalog / "blueprints" / "payload-blueprint" / "index.html",
        },
    }


PAGES = [
    "html",
    "mkdocs index",
    "mkdocs adoption",
    "readme (Python-Markdown)",
    "readme (markdown-it)",
    "catalog",
    "catalog page",
]


@pytest.mark.parametrize("page", PAGES)
def test_no_payload_runs_or_loads_anything(site: dict, page: str) -> None:
    chromium_path()
    path = site["pages"][page]
    with Browser() as browser:
        browser.open(path.as_uri())
        browser.evaluate("new Promise(r => setTimeout(r, 300))")  # failed images fire their onerror by now
        assert browser.evaluate("typeof window.__pwned") == "undefined", browser.evaluate("String(window.__pwned)")
        assert not browser.evaluate("document.title").startswith("pwned")  # what the payloads set it to
        assert browser.evaluate(_DANGER) == []
        assert outside_file_scheme(browser.requests) == []
        shown = browser.evaluate("document.body.innerText")
    # the payloads are there, as text (the title's first of all)
    assert "<img src=x onerror=" in shown or "F1<img src=x onerror=" in shown or "F1" in shown
    visible = {n for n in site["fields"] if f"F{n} " in shown or f"F{n}<" in shown or f"/U{n}?" in shown}
    assert visible, f"no payload is visible on {page}"


def test_every_link_target_in_the_markdown_is_http_mailto_or_relative(site: dict) -> None:
    import re

    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(site["readme"])
    targets = [
        child.attrs.get("href") or child.attrs.get("src")
        for token in tokens
        for child in token.children or []
        if child.type in ("link_open", "image")
    ]
    assert targets, "the README has no links at all"
    for target in targets:
        assert re.match(r"^(https?://|mailto:|[^:/]+$|[^:]*/)", str(target)), target
        assert not str(target).startswith("//")
    assert "![" not in site["readme"].replace("\\!", "")  # no image syntax survives: nothing loads


def test_the_mkdocs_configuration_holds_the_title_escaped(site: dict) -> None:
    import yaml

    mkdocs = site["pages"]["html"].parent.parent / "mkdocs" / "mkdocs.yml"
    config = yaml.safe_load(mkdocs.read_text(encoding="utf-8"))
    assert "<" not in config["site_name"] and "&lt;img src=x onerror=" in config["site_name"]
    assert "<" not in config["site_description"] and '"' not in config["site_description"]
    assert json.dumps(config["nav"])  # labels only


def test_every_value_in_the_markdown_templates_goes_through_the_escaping() -> None:
    """One escaping for Markdown (kltransfer.export.mdsafe): each ``{{ … }}`` of the Markdown and
    mkdocs page templates ends in ``mdcell``, ``mdtext``, ``mdcode`` or ``mdlink(…)``, joins items
    each escaped (``map("mdcell") | join(…)``), or prints a label of the theme (``t.…``), the
    heading prefix ``h`` or a macro of the templates (whose own values this test checks too)."""
    import re

    from tests.conftest import ROOT

    escaped = re.compile(r"\|\s*(mdcell|mdtext|mdcode|mdlink\(.*\))\s*$", re.S)
    trusted = re.compile(
        r'h|"\\n"|t\.[a-z_]+|t\["[a-z_]+" ~ [a-z_]+\]|s\.[a-z_]+\([^)]*\)'
        r"|(yesno|link|labelled_link|percent|deps|bullets|cost_block|draft_note|refs|area|period|figure|contact"
        r"|governance|decision_name|place_name)\(.*\)"
        r'|[\w.]+( \| map\(attribute="\w+"\))? \| map\("mdcell"\) \| join\("[^"]*"\)',  # each item escaped
        re.S,
    )
    templates = [
        *(ROOT / "templates/export/markdown").glob("*.j2"),
        *(ROOT / "templates/export/mkdocs").glob("*.md.j2"),
    ]
    assert len(templates) >= 4
    raw = []
    for template in templates:
        text = template.read_text(encoding="utf-8")
        for match in re.finditer(r"\{\{-?\s*(.*?)\s*-?\}\}", text, re.S):
            expression = match.group(1)
            if not escaped.search(expression) and not trusted.fullmatch(expression):
                raw.append(f"{template.name}:{text[: match.start()].count(chr(10)) + 1}: {expression}")
    assert raw == []
