"""What the catalog adds to each blueprint's page (the export's HTML): a link back to the
catalog and the box "Nachnutzen / Adopt" (readiness, source, bundle, the adopt command with a
copy button, the upstream of an adopted copy and who adopted it).

Each addition sits between two comments, so a later build replaces it in place when only
it changed (another blueprint became an adopter, the base URL changed) without rendering the
page again. Comments cannot come from a blueprint: its texts are escaped.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from kltransfer.catalog.links import Urls
from kltransfer.catalog.render import environment, labels

_START = "<!-- kltransfer-catalog:{name} -->"
_END = "<!-- /kltransfer-catalog:{name} -->"
#: part -> (where it goes: before or after the first occurrence of a mark, fallback after <body>)
_PLACES = {"nav": ("before", "<header"), "box": ("after", "</header>")}

PAGE_CSS, PAGE_JS = "catalog-page.css", "catalog-page.js"


def parts(entry: dict[str, Any], lang: str, base: str | None) -> dict[str, str]:
    """The HTML the catalog adds to ``entry``'s page; ``entry`` is linked as seen from the page."""
    from kltransfer.i18n.numbers import format_number

    t = labels(lang)
    module = environment().get_template("box.html.j2").make_module({})
    local = Urls(None, 2)  # the page's own stylesheet and script are always the site's own
    size = ""
    if entry.get("bundle"):
        kib = max(1, round(entry["bundle"]["size"] / 1024))
        size = format_number(kib, lang) + " KB"
    return {
        "nav": str(module.nav(t, Urls(base, 2).home(), local.to(PAGE_CSS), local.to(PAGE_JS))).strip(),
        "box": str(module.box(t, entry, size)).strip(),
    }


#: what of a linked entry the parts show (the templates and labels are in the build's fingerprint)
_SHOWN = ("id", "readiness", "source", "bundle", "adopt", "upstream", "adopted_by")


def fingerprint(entry: dict[str, Any], lang: str, base: str | None) -> str:
    """A hash of everything :func:`parts` shows of ``entry``: when it is unchanged, so are the parts."""
    shown = [lang, base, *(entry.get(key) for key in _SHOWN)]
    return hashlib.sha256(json.dumps(shown, sort_keys=True, ensure_ascii=False, allow_nan=False).encode()).hexdigest()


def apply(html: str, found: dict[str, str]) -> str:
    """``html`` with the catalog's parts in place: replaced where they are, inserted where not."""
    for name, content in found.items():
        start, end = _START.format(name=name), _END.format(name=name)
        block = f"{start}\n{content}\n{end}"
        head = html.find(start)
        tail = html.find(end, head) if head >= 0 else -1
        if head >= 0 and tail >= 0:
            html = html[:head] + block + html[tail + len(end) :]
            continue
        where, mark = _PLACES[name]
        at = html.find(mark)
        if at < 0:
            body = html.find("<body")
            at = html.find(">", body) + 1 if body >= 0 else 0
        elif where == "after":
            at += len(mark)
        html = html[:at] + "\n" + block + "\n" + html[at:]
    return html
