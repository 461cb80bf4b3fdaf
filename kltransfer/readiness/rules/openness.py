"""Openness: open licences, named proprietary parts, open standards.

An unknown licence (``unknown``) is not "not open source": it earns partial credit and asks for
the licence; only a component declared closed, or under a licence that is not open, is closed.
"""

from __future__ import annotations

from typing import Any

from kltransfer.i18n import N_, tr
from kltransfer.loading.keypath import KeyPath
from kltransfer.readiness.answers import MIN_NAME, says_something, text_state
from kltransfer.readiness.licences import is_open
from kltransfer.readiness.rules.base import UNKNOWN_CREDIT, Context, Issue, Outcome, met, missing, readiness_rule
from kltransfer.readiness.view import yes_no
from kltransfer.shape import is_unknown, items, mapping


@readiness_rule(
    "KT401",
    "openness",
    3,
    "P1",
    "throughout",
    N_("Another city may copy and adapt the blueprint's text only if its licence allows it."),
    N_("publish the blueprint under an open licence such as CC-BY-4.0 or CC0-1.0 (key 'licence')"),
)
def blueprint_licence(ctx: Context) -> Outcome:
    licence = ctx.data.get("licence")
    if is_unknown(licence):
        return missing(
            ("licence",), tr("KT401", "the blueprint's own licence is given as unknown; its publisher decides it")
        )
    if not says_something(licence, MIN_NAME):
        return missing(("licence",), tr("KT401", "the blueprint gives no licence"))
    if isinstance(licence, str) and is_open(licence):
        return met()
    return missing(
        ("licence",), tr("KT401", "the blueprint's licence '{licence}' is not an open licence", licence=licence)
    )


def _openness(component: dict[str, Any]) -> str:
    """``open``, ``unknown``, ``closed``, ``no-licence`` (declared open, no licence) or ``unsaid``."""
    flag, licence = yes_no(component.get("open_source")), component.get("licence")
    licence_known = isinstance(licence, str) and says_something(licence, MIN_NAME)
    if licence_known and is_open(licence):
        return "closed" if flag is False else "open"
    if flag is False or licence_known:
        return "closed"
    if flag == "unknown" or is_unknown(licence):
        return "unknown"
    return "no-licence" if flag is True else "unsaid"


@readiness_rule(
    "KT402",
    "openness",
    4,
    "P2",
    "technical",
    N_(
        "Open-source software can be reused without licence fees or a vendor's consent (Standard for "
        "Public Code: publish with an open licence; no undisclosed proprietary dependencies)."
    ),
    N_("use open-source software where possible, and state 'open_source: true' with the SPDX 'licence'"),
)
def components_open(ctx: Context) -> Outcome:
    software = [(i, c) for i, c in items(ctx.data, "components") if c.get("type") == "software"]
    if not software:
        return met()
    earned, issues = 0.0, []
    for i, component in software:
        name = component.get("name", f"#{i + 1}")
        state = _openness(component)
        if state == "open":
            earned += 1
        elif state == "unknown":
            earned += UNKNOWN_CREDIT
            issues.append(
                Issue(
                    ("components", i, "licence"),
                    tr("KT402", "the licence of the component '{name}' is not published", name=name),
                    tr(
                        "KT402",
                        "state its SPDX 'licence' once it is known; an unknown licence is not counted as closed",
                    ),
                )
            )
        elif state == "no-licence":
            issues.append(
                Issue(
                    ("components", i, "licence"),
                    tr("KT402", "the component '{name}' is marked open source but gives no licence", name=name),
                    tr("KT402", "add its SPDX 'licence', e.g. AGPL-3.0-or-later"),
                )
            )
        elif state == "unsaid":
            issues.append(
                Issue(
                    ("components", i),
                    tr(
                        "KT402",
                        "the component '{name}' says neither its licence nor whether it is open source",
                        name=name,
                    ),
                )
            )
        elif component.get("open_source") is True:
            licence = component.get("licence")
            issues.append(
                Issue(
                    ("components", i, "licence"),
                    tr(
                        "KT402",
                        "the component '{name}' is marked open source, but '{licence}' is not an open licence",
                        name=name,
                        licence=licence,
                    ),
                )
            )
        else:
            issues.append(
                Issue(("components", i), tr("KT402", "the software component '{name}' is not open source", name=name))
            )
    return Outcome(earned / len(software), issues)


@readiness_rule(
    "KT403",
    "openness",
    2,
    "P2",
    "technical",
    N_("An adopting city must know whom it depends on for every part it cannot get as open source."),
    {
        "1.0": N_("name the 'vendor' of each proprietary component"),
        "1.1": N_("name the 'vendor' of each proprietary component and of each entry of 'depends_on.proprietary'"),
    },
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
    earned, issues = 0.0, []
    for path, item in places:
        state = text_state(item.get("vendor"), MIN_NAME)
        name = item.get("name", "?")
        if state == "given":
            earned += 1
        elif state == "unknown":
            earned += UNKNOWN_CREDIT
            issues.append(Issue(path, tr("KT403", "the vendor of '{name}' is given as unknown", name=name)))
        else:
            issues.append(Issue(path, tr("KT403", "'{name}' is not open source, but no vendor is named", name=name)))
    return Outcome(earned / len(places), issues)


def _needs_vendor(component: dict[str, Any]) -> bool:
    """A part that is closed: software declared so (an unknown licence is not), bought hardware and services."""
    if component.get("type") == "software":
        return _openness(component) == "closed"
    return yes_no(component.get("open_source")) is not True


@readiness_rule(
    "KT404",
    "openness",
    3,
    "P2",
    "technical",
    N_(
        "Open standards let another city swap components and connect its own systems (Standard for "
        "Public Code: use open standards, list them with links)."
    ),
    N_("list the open standards the project uses under 'standards', each with a name and a url"),
)
def open_standards(ctx: Context) -> Outcome:
    if any(says_something(s.get("name"), MIN_NAME) for _, s in items(ctx.data, "standards")):
        return met()
    return missing(("standards",), tr("KT404", "no open standards are listed"))
