"""Knowledge, adoption and impact: what was learned, what an adopter needs, what it achieved."""

from __future__ import annotations

from kltransfer.readiness.rules.base import Context, Issue, Outcome, met, missing, not_applicable, readiness_rule
from kltransfer.readiness.view import given
from kltransfer.shape import items, mapping, number


@readiness_rule(
    "KT441",
    "knowledge",
    1,
    "Lessons learned are the knowledge the programme wants transferred: what worked, what did not, "
    "and what it would do differently.",
    "record 'lessons_learned', each with a 'text' and a 'category' (technical, organisational, ...)",
)
def lessons(ctx: Context) -> Outcome:
    if any(given(lesson.get("text")) for _, lesson in items(ctx.data, "lessons_learned")):
        return met()
    return missing(("lessons_learned",), "no lessons learned are recorded")


@readiness_rule(
    "KT450",
    "adoption",
    1,
    "A city checks first whether it can adopt at all: decisions, staff, infrastructure it must have.",
    "list 'transfer.prerequisites'",
)
def prerequisites(ctx: Context) -> Outcome:
    if given(mapping(ctx.data, "transfer").get("prerequisites")):
        return met()
    return missing(("transfer", "prerequisites"), "the prerequisites for adopters are not listed")


@readiness_rule(
    "KT451",
    "adoption",
    1,
    "The effort of an adoption (person-days, months) decides whether it fits a city's plans.",
    "estimate 'transfer.effort' with 'person_days' and/or 'months'",
)
def effort(ctx: Context) -> Outcome:
    work = mapping(ctx.data, "transfer", "effort")
    if number(work.get("person_days")) is not None or number(work.get("months")) is not None:
        return met()
    return missing(("transfer", "effort"), "the effort for adopters is not estimated")


def _kpis(ctx: Context) -> list[tuple[tuple[str | int, ...], dict[str, object]]]:
    return [(("goals", g, "kpis", k), kpi) for g, goal in items(ctx.data, "goals") for k, kpi in items(goal, "kpis")]


@readiness_rule(
    "KT460",
    "impact",
    1,
    "KPIs show whether the project reached its goals, which is what convinces another city.",
    "add 'goals' with 'kpis' (name, unit, baseline, target, achieved)",
)
def kpis(ctx: Context) -> Outcome:
    if _kpis(ctx):
        return met()
    return missing(("goals",), "no KPIs are given")


@readiness_rule(
    "KT461",
    "impact",
    1,
    "Without a baseline, an achieved value says nothing about the change the project made.",
    "give each KPI a 'baseline' (format 1.1: and the 'baseline_year' it was measured)",
)
def baselines(ctx: Context) -> Outcome:
    found = _kpis(ctx)
    if not found:
        return not_applicable()
    issues = [
        Issue((*path, "baseline"), f"the KPI '{_name(kpi)}' has no baseline")
        for path, kpi in found
        if not given(kpi.get("baseline"))
    ]
    return Outcome(1 - len(issues) / len(found), issues)


def _name(kpi: dict[str, object]) -> str:
    name = kpi.get("name")
    if isinstance(name, dict):
        name = name.get("en") or next(iter(name.values()), "?")
    return str(name)
