"""Localisation and maturity: readable in both languages, and proven in practice."""

from __future__ import annotations

from kltransfer.readiness.rules.base import Context, Issue, Outcome, missing, readiness_rule
from kltransfer.readiness.scoring import PHASES
from kltransfer.readiness.view import given

_LANGUAGES = ("de", "en")
#: Share of the maturity area per phase.
_PHASE_CREDIT = {"P1": 0.0, "P2": 0.25, "P3": 0.6, "P4": 0.85, "P5": 1.0}


@readiness_rule(
    "KT470",
    "localisation",
    1,
    "German cities read German; the programme's knowledge also travels to other countries in English.",
    "give 'title', 'summary' and 'description' as mappings with both 'de' and 'en'",
)
def localised(ctx: Context) -> Outcome:
    keys = [k for k in ("title", "summary", "description") if k in ctx.data or k != "description"]
    issues = []
    for key in keys:
        value = ctx.data.get(key)
        languages = [lang for lang in _LANGUAGES if isinstance(value, dict) and given(value.get(lang))]
        if len(languages) < len(_LANGUAGES):
            lacking = ", ".join(lang for lang in _LANGUAGES if lang not in languages)
            issues.append(Issue((key,), f"'{key}' is not given in {lacking}"))
    return Outcome(1 - len(issues) / len(keys), issues)


@readiness_rule(
    "KT480",
    "maturity",
    1,
    "A solution that has run as a pilot (P3) or in long-term operation (P4, P5) is a safer choice; "
    "'proven' is given only from P3 on.",
    "keep the 'phase' up to date as the project moves from prototype to pilot and operation",
)
def maturity(ctx: Context) -> Outcome:
    phase = ctx.data.get("phase")
    if phase not in PHASES:
        return missing(("phase",), "the phase is not stated")
    credit = _PHASE_CREDIT[phase]
    if PHASES.index(phase) >= PHASES.index("P3"):
        return Outcome(credit)
    stage = "an idea" if phase == "P1" else "a prototype"
    return missing(("phase",), f"the project is at phase {phase} ({stage}), not yet a pilot (P3)", fraction=credit)
