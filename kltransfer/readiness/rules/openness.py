"""Openness: open licences, named proprietary parts, open standards."""

from __future__ import annotations

from typing import Any

from kltransfer.loading.keypath import KeyPath
from kltransfer.readiness.licences import is_open
from kltransfer.readiness.rules.base import Context, Issue, Outcome, met, missing, readiness_rule
from kltransfer.readiness.view import given
from kltransfer.shape import items, mapping


@readiness_rule(
    "KT401",
    "openness",
    3,
    "Another city may copy and adapt the blueprint's text only if its licence allows it.",
    "publish the blueprint under an open licence such as CC-BY-4.0 or CC0-1.0 (key 'licence')",
)
def blueprint_licence(ctx: Context) -> Outcome:
    licence = ctx.data.get("licence")
    if not given(licence):
        return missing(("licence",), "the blueprint gives no licence")
    if isinstance(licence, str) and is_open(licence):
        return met()
    return missing(("licence",), f"the blueprint's licence '{licence}' is not an open licence")


def _component_open(component: dict[str, Any]) -> bool:
    licence = component.get("licence")
    return component.get("open_source") is True and isinstance(licence, str) and given(licence) and is_open(licence)


@readiness_rule(
    "KT402",
    "openness",
    4,
    "Open-source software can be reused without licence fees or a vendor's consent (Standard for "
    "Public Code: publish with an open licence; no undisclosed proprietary dependencies).",
    "use open-source software where possible, and state 'open_source: true' with the SPDX 'licence'",
)
def components_open(ctx: Context) -> Outcome:
    software = [(i, c) for i, c in items(ctx.data, "components") if c.get("type") == "software"]
    if not software:
        return met()
    issues = []
    for i, component in software:
        name = component.get("name", f"#{i + 1}")
        if _component_open(component):
            continue
        if component.get("open_source") is True:
            licence = component.get("licence")
            if given(licence):
                issues.append(
                    Issue(
                        ("components", i, "licence"),
                        f"the component '{name}' is marked open source, but '{licence}' is not an open licence",
                    )
                )
            else:
                issues.append(
                    Issue(
                        ("components", i, "licence"),
                        f"the component '{name}' is marked open source but gives no licence",
                        "add its SPDX 'licence', e.g. AGPL-3.0-or-later",
                    )
                )
        else:
            issues.append(Issue(("components", i), f"the software component '{name}' is not open source"))
    return Outcome(1 - len(issues) / len(software), issues)


@readiness_rule(
    "KT403",
    "openness",
    2,
    "An adopting city must know whom it depends on for every part it cannot get as open source.",
    "name the 'vendor' of each proprietary component (format 1.1: and of each entry of 'depends_on.proprietary')",
)
def proprietary_named(ctx: Context) -> Outcome:
    places: list[tuple[KeyPath, dict[str, Any]]] = []
    for i, component in items(ctx.data, "components"):
        if _needs_vendor(component):
            places.append((("components", i, "vendor"), component))
        for j, dependency in items(mapping(component, "depends_on"), "proprietary"):
            places.append((("components", i, "depends_on", "proprietary", j, "vendor"), dependency))
    if not places:
        return met()
    issues = [
        Issue(path, f"'{item.get('name', '?')}' is not open source, but no vendor is named")
        for path, item in places
        if not given(item.get("vendor"))
    ]
    return Outcome(1 - len(issues) / len(places), issues)


def _needs_vendor(component: dict[str, Any]) -> bool:
    """Anything not declared open source: proprietary software, most hardware, bought services."""
    return component.get("open_source") is not True


@readiness_rule(
    "KT404",
    "openness",
    3,
    "Open standards let another city swap components and connect its own systems (Standard for "
    "Public Code: use open standards, list them with links).",
    "list the open standards the project uses under 'standards', each with a name and a url",
)
def open_standards(ctx: Context) -> Outcome:
    standards = [s for _, s in items(ctx.data, "standards") if given(s.get("name"))]
    if standards:
        return met()
    return missing(("standards",), "no open standards are listed")
