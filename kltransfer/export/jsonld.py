"""schema.org metadata (JSON-LD) for the HTML page, safe to embed in a ``<script>`` element."""

from __future__ import annotations

import json
import re
from typing import Any

from markupsafe import Markup

_SIMPLE_SPDX = re.compile(r"^[A-Za-z0-9.+-]+$")


def _org(name: Any, url: Any = None, kind: str = "Organization") -> dict[str, Any]:
    org: dict[str, Any] = {"@type": kind, "name": name}
    if isinstance(url, str):
        org["url"] = url
    return org


def build_jsonld(bp: dict[str, Any]) -> dict[str, Any]:
    """A ``CreativeWork`` describing the blueprint: what, where, who, under which licence."""
    city = bp["city"]
    meta: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "additionalType": "https://schema.kltransfer.de/blueprint/1.0",
        "identifier": bp["id"],
        "name": bp["title"],
        "description": bp["summary"],
        "version": bp["version"],
        "inLanguage": bp["lang"],
        "keywords": bp["keywords"],
        "spatialCoverage": {
            "@type": "Place",
            "name": city["name"],
            "address": {"@type": "PostalAddress", "addressRegion": city["state"], "addressCountry": city["country"]},
        },
        "creator": _org(city["organisation"] or city["name"], city["url"], "GovernmentOrganization"),
    }
    licence = bp["licence"]
    if isinstance(licence, str):
        simple = _SIMPLE_SPDX.match(licence) and not licence.startswith("TODO")
        meta["license"] = f"https://spdx.org/licenses/{licence}.html" if simple else licence
    start, end = bp["timeline"]["start"], bp["timeline"]["end"]
    if start or end:
        meta["temporalCoverage"] = f"{start or '..'}/{end or '..'}"
    funders = [_org(f["funder"], f["url"]) for f in bp["funding"] if f["funder"]]
    if funders:
        meta["funder"] = funders
    partners = [_org(p["name"], p["url"]) for p in bp["partners"] if p["name"]]
    if partners:
        meta["contributor"] = partners
    software = [c["name"] for c in bp["components"] if c["type"] == "software" and c["name"]]
    if software:
        meta["mentions"] = [{"@type": "SoftwareApplication", "name": name} for name in software]
    return meta


def jsonld_script(bp: dict[str, Any]) -> Markup:
    """The JSON-LD text for a ``<script type="application/ld+json">``; ``<``, ``>`` and ``&`` are
    written as ``\\u003c`` etc., so no ``</script>`` or ``<!--`` can end the element early."""
    text = json.dumps(build_jsonld(bp), ensure_ascii=False, indent=2, sort_keys=True, allow_nan=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)
