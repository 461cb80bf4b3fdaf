"""The adoption checklist: a Markdown file of ``- [ ]`` items from the blueprint's transfer section."""

from __future__ import annotations

from typing import Any

from kltransfer.adoption.record import Origin

CHECKLIST_FILE = "ADOPTION-CHECKLIST.md"
_ADAPTATIONS = (
    ("technical", "Technical"),
    ("financial", "Financial"),
    ("legal", "Legal"),
    ("organisational", "Organisational"),
)


def text_of(value: Any) -> str:
    """One line of text from a plain or localised text (German first, then English)."""
    if isinstance(value, dict):
        value = value.get("de") or value.get("en") or next(iter(value.values()), "")
    return " ".join(str(value).split()) if value is not None else ""


def _items(values: Any) -> list[str]:
    return [f"- [ ] {text_of(v)}" for v in values if text_of(v)] if isinstance(values, list) else []


def render_checklist(data: dict[str, Any], origin: Origin, *, origin_city: str, state_kept: str | None) -> str:
    transfer = data.get("transfer") if isinstance(data.get("transfer"), dict) else {}
    title = text_of(data.get("title")) or origin.blueprint
    where = origin.source + (f" at {origin.ref}" if origin.ref else "")
    commit = f" (commit {origin.commit[:12]})" if origin.commit else ""
    lines = [
        f"# Adoption checklist: {title}",
        "",
        f"Adopted from {where}{commit}, blueprint `{origin.blueprint}`"
        + (f" version {origin.version}" if origin.version else "")
        + f", on {origin.adopted}.",
        "Tick the items off as your city completes them; `kltransfer update` never rewrites this file.",
        "",
    ]
    sections: list[tuple[str, list[str]]] = [("Prerequisites", _items(transfer.get("prerequisites")))]
    adaptations = transfer.get("adaptations") if isinstance(transfer.get("adaptations"), dict) else {}
    adapt_lines: list[str] = []
    for key, label in _ADAPTATIONS:
        items = _items(adaptations.get(key))
        if items:
            adapt_lines += [f"### {label}", "", *items, ""]
    risks = []
    for risk in transfer.get("risks") or [] if isinstance(transfer.get("risks"), list) else []:
        if isinstance(risk, dict) and text_of(risk.get("risk")):
            mitigation = text_of(risk.get("mitigation"))
            risks.append(f"- [ ] {text_of(risk.get('risk'))}" + (f" — mitigation: {mitigation}" if mitigation else ""))
    sections += [
        ("Adaptations", adapt_lines[:-1] if adapt_lines else []),
        ("Risks", risks),
        (f"Checklist of {origin_city}", _items(transfer.get("checklist"))),
    ]
    local = [
        "- [ ] Fill in every `TODO` placeholder (`kltransfer validate` lists them as KT220)",
        "- [ ] Name your own contacts",
        f"- [ ] Replace the cost figures, which are {origin_city}'s, with your own estimate",
    ]
    if state_kept:
        local.append(f"- [ ] Check `city.state`: it was kept from the origin ({state_kept})")
    sections.append(("Local context", local))
    for heading, body in sections:
        if body:
            lines += [f"## {heading}", "", *body, ""]
    return "\n".join(lines).rstrip("\n") + "\n"
