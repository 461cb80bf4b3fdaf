"""Privacy & participation, and contacts: what protects people, who took part, whom to ask."""

from __future__ import annotations

from kltransfer.readiness.rules.base import Context, Outcome, met, missing, not_applicable, readiness_rule
from kltransfer.readiness.view import given, impact_assessment
from kltransfer.shape import items, mapping


@readiness_rule(
    "KT430",
    "privacy_participation",
    2,
    "The programme asks that citizens' privacy is protected; an adopter must know whether personal "
    "data is processed before it can plan its own data protection work.",
    "add 'privacy' with 'personal_data: true' or 'false' (and the categories of data)",
)
def privacy(ctx: Context) -> Outcome:
    section = mapping(ctx.data, "privacy")
    if isinstance(section.get("personal_data"), bool):
        return met()
    return missing(("privacy",), "privacy is not described")


def _personal(ctx: Context) -> bool | None:
    value = mapping(ctx.data, "privacy").get("personal_data")
    return value if isinstance(value, bool) else None


@readiness_rule(
    "KT431",
    "privacy_participation",
    1,
    "Processing personal data needs a legal basis (Art. 6 GDPR); the adopter usually needs the same one.",
    "state 'privacy.legal_basis', e.g. Art. 6(1)(e) GDPR with the state's data protection act",
)
def legal_basis(ctx: Context) -> Outcome:
    if not _personal(ctx):
        return not_applicable()
    if given(mapping(ctx.data, "privacy").get("legal_basis")):
        return met()
    return missing(("privacy", "legal_basis"), "personal data is processed, but no legal basis is given")


@readiness_rule(
    "KT432",
    "privacy_participation",
    1,
    "A data protection impact assessment (Art. 35 GDPR) done by the first city saves the next one most of the work.",
    "carry out the impact assessment and record it: 'privacy.impact_assessment.status: done' with its "
    "date and url (format 1.1), or 'privacy.dpia: done' (1.0)",
)
def assessment(ctx: Context) -> Outcome:
    if not _personal(ctx):
        return not_applicable()
    path, status = impact_assessment(ctx.data)
    if status in ("done", "not-required"):
        return met()
    if status == "planned":
        return missing(path, "personal data is processed, and the impact assessment is only planned", fraction=0.5)
    return missing(path, "personal data is processed, but no impact assessment is recorded")


@readiness_rule(
    "KT433",
    "privacy_participation",
    2,
    "The programme asks that participation is strengthened; how people were involved is part of what "
    "another city adopts.",
    "describe 'participation': a 'description', and the 'groups' involved and 'methods' used",
)
def participation(ctx: Context) -> Outcome:
    section = mapping(ctx.data, "participation")
    if not given(section.get("description")):
        return missing(("participation",), "participation is not described")
    if given(section.get("groups")) or given(section.get("methods")):
        return met()
    return missing(
        ("participation",),
        "participation names neither the groups involved nor the methods",
        "add 'groups' and 'methods'",
        fraction=0.5,
    )


@readiness_rule(
    "KT440",
    "contacts",
    1,
    "Questions come up in every adoption; a role address (not a person who may leave) keeps working.",
    "give at least one contact with a 'role' and a role e-mail address (e.g. smartcity@city.de)",
)
def contact(ctx: Context) -> Outcome:
    for _, person in items(ctx.data, "contacts"):
        if given(person.get("email")) and given(person.get("role")):
            return met()
    return missing(("contacts",), "no contact with a role and an e-mail address is given")
