"""The adoption checklist: a Markdown file of ``- [ ]`` items from the blueprint's transfer section.

It is written in the document language of the copy (see :mod:`kltransfer.adoption.language`):
its headings and local to-dos in that language, the blueprint's own texts in that language
where the blueprint has them.
"""

from __future__ import annotations

from typing import Any

from kltransfer.adoption.language import document_text, text_in
from kltransfer.adoption.record import Origin
from kltransfer.i18n import N_
from kltransfer.i18n.numbers import format_date

CHECKLIST_FILE = "ADOPTION-CHECKLIST.md"
_ADAPTATIONS = (
    ("technical", N_("Technical")),
    ("financial", N_("Financial")),
    ("legal", N_("Legal")),
    ("organisational", N_("Organisational")),
)


def _items(values: Any, lang: str) -> list[str]:
    texts = (text_in(v, lang) for v in values) if isinstance(values, list) else ()
    return [f"- [ ] {text}" for text in texts if text]


def _where(origin: Origin, lang: str) -> str:
    commit = origin.commit[:12] if origin.commit else None
    if origin.ref and commit:
        return document_text(
            lang, N_("{source} at {ref} (commit {commit})"), source=origin.source, ref=origin.ref, commit=commit
        )
    if origin.ref:
        return document_text(lang, N_("{source} at {ref}"), source=origin.source, ref=origin.ref)
    if commit:
        return document_text(lang, N_("{source} (commit {commit})"), source=origin.source, commit=commit)
    return origin.source


def render_checklist(
    data: dict[str, Any],
    origin: Origin,
    *,
    origin_city: str,
    state_kept: str | None,
    lang: str,
    id_kept: bool = False,
    adopter_entry: str = "",
) -> str:
    def t(msgid: str, **params: Any) -> str:
        return document_text(lang, msgid, **params)

    transfer = data.get("transfer") if isinstance(data.get("transfer"), dict) else {}
    title = text_in(data.get("title"), lang) or origin.blueprint
    blueprint = (
        t(N_("blueprint `{id}` version {version}"), id=origin.blueprint, version=origin.version)
        if origin.version
        else t(N_("blueprint `{id}`"), id=origin.blueprint)
    )
    lines = [
        "# " + t(N_("Adoption checklist: {title}"), title=title),
        "",
        t(
            N_("Adopted from {source}, {blueprint}, on {date}."),
            source=_where(origin, lang),
            blueprint=blueprint,
            date=format_date(origin.adopted, lang),
        ),
        t(N_("Tick the items off as your city completes them; `kltransfer update` never rewrites this file.")),
        "",
    ]
    sections: list[tuple[str, list[str]]] = [(t(N_("Prerequisites")), _items(transfer.get("prerequisites"), lang))]
    adaptations = transfer.get("adaptations") if isinstance(transfer.get("adaptations"), dict) else {}
    adapt_lines: list[str] = []
    for key, label in _ADAPTATIONS:
        items = _items(adaptations.get(key), lang)
        if items:
            adapt_lines += [f"### {t(label)}", "", *items, ""]
    risks = []
    for risk in transfer.get("risks") if isinstance(transfer.get("risks"), list) else []:
        what = text_in(risk.get("risk"), lang) if isinstance(risk, dict) else ""
        if what:
            mitigation = text_in(risk.get("mitigation"), lang)
            line = t(N_("{risk} — mitigation: {mitigation}"), risk=what, mitigation=mitigation) if mitigation else what
            risks.append(f"- [ ] {line}")
    lessons = []
    for lesson in (origin.upstream or {}).get("lessons_learned") or []:
        if isinstance(lesson, dict):
            title, text = text_in(lesson.get("title"), lang), text_in(lesson.get("text"), lang)
            line = f"**{title}**: {text}" if title and text else title or text
            if line:
                lessons.append(f"- [ ] {line}")
    sections += [
        (t(N_("Adaptations")), adapt_lines[:-1] if adapt_lines else []),
        (t(N_("Risks")), risks),
        (t(N_("Checklist of {city}"), city=origin_city), _items(transfer.get("checklist"), lang)),
        (t(N_("Lessons from {city}"), city=origin_city), lessons),
    ]
    local = [
        "- [ ] " + t(N_("Fill in every `TODO` placeholder (`kltransfer validate` lists them as KT220)")),
        "- [ ] " + t(N_("Name your own contacts")),
        "- [ ] "
        + t(
            N_("Check the title, the summary and the description: they describe the project in {city}"),
            city=origin_city,
        ),
        "- [ ] " + t(N_("Replace the cost figures, which are {city}'s, with your own estimate"), city=origin_city),
    ]
    if state_kept:
        local.append("- [ ] " + t(N_("Check `city.state`: it was kept from the origin ({state})"), state=state_kept))
    if id_kept:
        local.append(
            "- [ ] "
            + t(
                N_("Give the copy its own `id` (it still has {city}'s, `{id}`), e.g. `<your-city>-{id}`"),
                city=origin_city,
                id=origin.blueprint,
            )
        )
    if adopter_entry:
        entry = "\n".join("      " + line for line in adopter_entry.rstrip("\n").splitlines())
        local.append(
            "- [ ] "
            + t(
                N_(
                    "Tell {city} that you adopted the project: it can list your city in its blueprint under "
                    "`transfer.adopters` with this entry (change the status as you go: piloting, operating):"
                ),
                city=origin_city,
            )
            + "\n\n      ```yaml\n"
            + entry
            + "\n      ```"
        )
    sections.append((t(N_("Local context")), local))
    for heading, body in sections:
        if body:
            lines += [f"## {heading}", "", *body, ""]
    return "\n".join(lines).rstrip("\n") + "\n"
