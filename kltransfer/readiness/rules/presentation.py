"""Localisation and maturity: readable in both languages, and proven in practice."""

from __future__ import annotations

from kltransfer.i18n import N_, tr
from kltransfer.readiness.answers import says_something
from kltransfer.readiness.rules.base import PHASES, Context, Issue, Outcome, missing, readiness_rule

_LANGUAGES = ("de", "en")
#: Share of the maturity area per phase.
_PHASE_CREDIT = {"P1": 0.0, "P2": 0.25, "P3": 0.6, "P4": 0.85, "P5": 1.0}


@readiness_rule(
    "KT470",
    "localisation",
    1,
    "P1",
    "throughout",
    N_("German cities read German; the programme's knowledge also travels to other countries in English."),
    N_("give 'title', 'summary' and 'description' as mappings with both 'de' and 'en'"),
)
def localised(ctx: Context) -> Outcome:
    keys = [k for k in ("title", "summary", "description") if k in ctx.data or k != "description"]
    issues = []
    for key in keys:
        value = ctx.data.get(key)
        languages = [lang for lang in _LANGUAGES if isinstance(value, dict) and says_something(value.get(lang), 1)]
        if len(languages) < len(_LANGUAGES):
            lacking = ", ".join(lang for lang in _LANGUAGES if lang not in languages)
            issues.append(Issue((key,), tr("KT470", "'{key}' is not given in {languages}", key=key, languages=lacking)))
    return Outcome(1 - len(issues) / len(keys), issues)


@readiness_rule(
    "KT480",
    "maturity",
    1,
    "P1",
    "throughout",
    N_(
        "A solution that has run as a pilot (P3) or in long-term operation (P4, P5) is a safer choice; "
        "'proven' is given only from P4 on."
    ),
    N_("keep the 'phase' up to date as the project moves from prototype to pilot and operation"),
)
def maturity(ctx: Context) -> Outcome:
    phase = ctx.data.get("phase")
    if phase not in PHASES:
        return missing(("phase",), tr("KT480", "the phase is not stated"))
    credit = _PHASE_CREDIT[phase]
    if PHASES.index(phase) >= PHASES.index("P3"):
        return Outcome(credit)
    message = (
        tr("KT480", "the project is at phase P1 (an idea), not yet a pilot (P3)")
        if phase == "P1"
        else tr("KT480", "the project is at phase P2 (a prototype), not yet a pilot (P3)")
    )
    return missing(("phase",), message, fraction=credit)
