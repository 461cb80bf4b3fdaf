"""Knowledge, adoption and impact: what was learned, what an adopter needs, what it achieved."""

from __future__ import annotations

from typing import Any

from kltransfer.i18n import N_, TN_, tr
from kltransfer.loading.keypath import KeyPath
from kltransfer.readiness.answers import MIN_NAME, says_something, text_state
from kltransfer.readiness.rules.base import (
    UNKNOWN_CREDIT,
    Context,
    Issue,
    Outcome,
    met,
    missing,
    not_applicable,
    readiness_rule,
)
from kltransfer.shape import UNKNOWN, adopters, items, mapping, measurements, number

_ADAPTATIONS = ("technical", "financial", "legal", "organisational")


@readiness_rule(
    "KT441",
    "knowledge",
    1,
    "P3",
    "throughout",
    N_(
        "Lessons learned are the knowledge the programme wants transferred: what worked, what did not, "
        "and what it would do differently."
    ),
    N_("record 'lessons_learned', each with a 'text' and a 'category' (technical, organisational, ...)"),
)
def lessons(ctx: Context) -> Outcome:
    if any(says_something(lesson.get("text")) for _, lesson in items(ctx.data, "lessons_learned")):
        return met()
    return missing(("lessons_learned",), tr("KT441", "no lessons learned are recorded"))


@readiness_rule(
    "KT450",
    "adoption",
    1,
    "P3",
    "organisational",
    N_("A city checks first whether it can adopt at all: decisions, staff, infrastructure it must have."),
    N_("list 'transfer.prerequisites'"),
)
def prerequisites(ctx: Context) -> Outcome:
    if says_something(mapping(ctx.data, "transfer").get("prerequisites"), MIN_NAME):
        return met()
    return missing(("transfer", "prerequisites"), tr("KT450", "the prerequisites for adopters are not listed"))


@readiness_rule(
    "KT451",
    "adoption",
    1,
    "P4",
    "economic",
    N_("The effort of an adoption (person-days, months) decides whether it fits a city's plans."),
    N_("estimate 'transfer.effort' with 'person_days' and/or 'months'"),
)
def effort(ctx: Context) -> Outcome:
    work = mapping(ctx.data, "transfer", "effort")
    figures = [number(work.get(k), UNKNOWN) for k in ("person_days", "months")]
    if any(f is not None and f is not UNKNOWN for f in figures):
        return met()
    if UNKNOWN in figures:
        return missing(
            ("transfer", "effort"), tr("KT451", "the effort for adopters is given as unknown"), fraction=UNKNOWN_CREDIT
        )
    return missing(("transfer", "effort"), tr("KT451", "the effort for adopters is not estimated"))


@readiness_rule(
    "KT452",
    "adoption",
    1,
    "P5",
    "throughout",
    N_(
        "A project in transfer (P5) knows what the cities that took it over had to change; the programme's "
        "scaling roadmap asks for it in every workstream."
    ),
    N_(
        "list the adaptations adopters need under 'transfer.adaptations': "
        "technical, financial, legal and organisational"
    ),
)
def adaptations(ctx: Context) -> Outcome:
    documented = mapping(ctx.data, "transfer", "adaptations")
    lacking = [kind for kind in _ADAPTATIONS if not says_something(documented.get(kind), MIN_NAME)]
    if not lacking:
        return met()
    return missing(
        ("transfer", "adaptations"),
        tr("KT452", "the adaptations adopters need are not documented for: {kinds}", kinds=", ".join(lacking)),
        fraction=1 - len(lacking) / len(_ADAPTATIONS),
    )


@readiness_rule(
    "KT453",
    "adoption",
    1,
    "P5",
    "organisational",
    N_("Transfer (P5) means other cities use the solution; naming them lets the next city ask one of them."),
    N_("list the cities that took the project over under 'transfer.adopters', with their status"),
)
def adopted(ctx: Context) -> Outcome:
    if ctx.version in ("1.0", "1.1"):  # the format has no place for them: not asked
        return not_applicable()
    found = adopters(ctx.data)
    if any(a.get("status") in ("piloting", "operating") for _, a in found):
        return met()
    if found:
        return missing(
            ("transfer", "adopters"),
            tr("KT453", "no adopting city pilots or operates the solution yet"),
            fraction=0.5,
        )
    return missing(("transfer", "adopters"), tr("KT453", "no adopting city is named"))


def _kpis(ctx: Context) -> list[tuple[KeyPath, dict[str, Any]]]:
    return [(("goals", g, "kpis", k), kpi) for g, goal in items(ctx.data, "goals") for k, kpi in items(goal, "kpis")]


def _name(kpi: dict[str, object]) -> str:
    name = kpi.get("name")
    if isinstance(name, dict):
        name = name.get("en") or next(iter(name.values()), "?")
    return str(name)


@readiness_rule(
    "KT460",
    "impact",
    1,
    "P2",
    "economic",
    N_("KPIs show whether the project reached its goals, which is what convinces another city."),
    N_("add 'goals' with 'kpis' (name, unit, baseline, target, achieved)"),
)
def kpis(ctx: Context) -> Outcome:
    if _kpis(ctx):
        return met()
    return missing(("goals",), tr("KT460", "no KPIs are given"))


def _per_kpi(ctx: Context, code: str, key: str, message: str, unknown_message: str) -> Outcome:
    """Each KPI's ``key`` given (1), unknown (partial credit) or missing; messages are TN_(code, …) ids."""
    found = _kpis(ctx)
    if not found:
        return not_applicable()
    earned, issues = 0.0, []
    for path, kpi in found:
        state = text_state(kpi.get(key), 1)
        if state == "given":
            earned += 1
        elif state == "unknown":
            earned += UNKNOWN_CREDIT
            issues.append(Issue((*path, key), tr(code, unknown_message, name=_name(kpi))))
        else:
            issues.append(Issue((*path, key), tr(code, message, name=_name(kpi))))
    return Outcome(earned / len(found), issues)


@readiness_rule(
    "KT461",
    "impact",
    1,
    "P3",
    "economic",
    N_("Without a baseline, an achieved value says nothing about the change the project made."),
    {
        "1.0": N_("give each KPI a 'baseline'"),
        "1.1": N_("give each KPI a 'baseline' and the 'baseline_year' it was measured"),
    },
)
def baselines(ctx: Context) -> Outcome:
    return _per_kpi(
        ctx,
        "KT461",
        "baseline",
        TN_("KT461", "the KPI '{name}' has no baseline"),
        TN_("KT461", "the baseline of the KPI '{name}' is not published"),
    )


@readiness_rule(
    "KT462",
    "impact",
    1,
    "P3",
    "economic",
    N_("A pilot (P3) is judged by its success criteria: the target each KPI should reach."),
    N_("give each KPI the 'target' that counts as success"),
)
def targets(ctx: Context) -> Outcome:
    return _per_kpi(
        ctx,
        "KT462",
        "target",
        TN_("KT462", "the KPI '{name}' has no target"),
        TN_("KT462", "the target of the KPI '{name}' is not published"),
    )


@readiness_rule(
    "KT463",
    "impact",
    1,
    "P4",
    "economic",
    N_("Long-term operation (P4) is proven by results: at least one KPI measured in practice."),
    {
        "1.0": N_("record what a KPI reached: 'achieved' with the date it was 'measured'"),
        "1.2": N_("record what a KPI reached: 'achieved' with its 'measured' date, or 'measurements' over time"),
    },
)
def measured(ctx: Context) -> Outcome:
    if any(measurements(kpi) for _, kpi in _kpis(ctx)):
        return met()
    return missing(("goals",), tr("KT463", "no KPI has a measured value yet"))
