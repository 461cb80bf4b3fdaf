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


def _place(place: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = {"@type": "Place", "name": place["name"]}
    region = {k: v for k, v in (("addressRegion", place.get("state")), ("addressCountry", place.get("country"))) if v}
    if region:
        found["address"] = {"@type": "PostalAddress", **region}
    return found


def _work(name: Any, url: Any = None) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork", "name": name}
    if isinstance(url, str):
        work["url"] = url
    return work


def build_jsonld(bp: dict[str, Any]) -> dict[str, Any]:
    """A ``CreativeWork`` describing the blueprint: what, where, who, under which licence, who
    took it over (``workExample``), and what its facts are based on (``citation``).

    ``bp`` holds no value that is unknown or still to be filled in (they are ``None``): what is
    not known is left out, never written as a guess."""
    city = bp["city"]
    owner = bp["owner"]
    places = [owner] if owner else bp["cities"] or [city]
    lead = owner or next((c for c in bp["cities"] if c["role"] == "lead"), city)
    meta: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "additionalType": f"https://schema.kltransfer.de/blueprint/{bp['kltransfer'] or '1.0'}",
        "identifier": bp["id"],
        "name": bp["title"],
        "description": bp["summary"],
        "version": bp["version"],
        "inLanguage": bp["lang"],
        "keywords": bp["keywords"],
        "spatialCoverage": _place(places[0]) if len(places) == 1 else [_place(p) for p in places],
        "creator": _org(lead["organisation"] or lead["name"], lead["url"], "GovernmentOrganization"),
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
    partners = [
        _org(c["organisation"] or c["name"], c["url"], "GovernmentOrganization")
        for c in bp["cities"]
        if c is not lead and c["name"]
    ]
    partners += [_org(p["name"], p["url"]) for p in bp["partners"] if p["name"]]
    if partners:
        meta["contributor"] = partners
    software = [c["name"] for c in bp["components"] if c["type"] == "software" and c["name"]]
    if software:
        meta["mentions"] = [{"@type": "SoftwareApplication", "name": name} for name in software]
    adopted = []
    for a in bp["transfer"]["adopters"]:
        if a["city"]["name"]:
            work = _work(a["name"] or bp["title"], a["url"])
            work["spatialCoverage"] = _place(a["city"])
            if a["since"] is not None:
                work["dateCreated"] = str(a["since"])
            adopted.append(work)
    if adopted:
        meta["workExample"] = adopted
    umbrella = [_work(r["name"], r["url"]) for r in bp["related_projects"] if r["relation"] == "umbrella" and r["name"]]
    if umbrella:
        meta["isPartOf"] = umbrella
    based_on = [
        _work(r["name"], r["url"]) for r in bp["related_projects"] if r["relation"] == "predecessor" and r["name"]
    ]
    if based_on:
        meta["isBasedOn"] = based_on
    awards = [a["name"] for a in bp["awards"] if a["name"]]
    if awards:
        meta["award"] = awards
    sources = [_work(s["title"], s["url"]) for s in bp["sources"] if s["title"]]
    if sources:
        meta["citation"] = sources
    return meta


def jsonld_script(bp: dict[str, Any]) -> Markup:
    """The JSON-LD text for a ``<script type="application/ld+json">``; ``<``, ``>`` and ``&`` are
    written as ``\\u003c`` etc., so no ``</script>`` or ``<!--`` can end the element early."""
    text = json.dumps(build_jsonld(bp), ensure_ascii=False, indent=2, sort_keys=True, allow_nan=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)
