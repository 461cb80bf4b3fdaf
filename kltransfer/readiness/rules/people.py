"""Privacy & participation, and contacts: what protects people, who took part, whom to ask.

Honesty is never penalised: declaring personal data with its legal basis and a finished
impact assessment scores the same full marks as declaring none; declaring none while a data
set of the blueprint holds personal data does not.
"""

from __future__ import annotations

from kltransfer.i18n import N_, tr
from kltransfer.readiness.answers import MIN_NAME, says_something, text_state
from kltransfer.readiness.rules.base import (
    UNKNOWN_CREDIT,
    Context,
    Outcome,
    met,
    missing,
    not_applicable,
    readiness_rule,
)
from kltransfer.readiness.view import impact_assessment, personal_data, yes_no
from kltransfer.shape import items, mapping


@readiness_rule(
    "KT430",
    "privacy_participation",
    2,
    "P1",
    "throughout",
    N_(
        "The programme asks that citizens' privacy is protected; an adopter must know whether personal "
        "data is processed before it can plan its own data protection work."
    ),
    N_("add 'privacy' with 'personal_data: true' or 'false' (and the categories of data)"),
)
def privacy(ctx: Context) -> Outcome:
    declared = personal_data(ctx.data)
    if declared == "unknown":
        return missing(
            ("privacy", "personal_data"),
            tr("KT430", "whether personal data is processed is given as unknown"),
            tr("KT430", "find out with the data protection officer and state true or false"),
            fraction=UNKNOWN_CREDIT,
        )
    if declared is None:
        return missing(("privacy",), tr("KT430", "privacy is not described"))
    if declared is False:
        for i, dataset in items(ctx.data, "data"):
            if yes_no(dataset.get("personal_data")) is True:
                return missing(
                    ("privacy", "personal_data"),
                    tr(
                        "KT430",
                        "privacy says no personal data is processed, but data set {n} contains personal data",
                        n=i + 1,
                    ),
                    tr("KT430", "declare the personal data with its legal basis; that scores at least as well"),
                    fraction=0.5,
                )
    return met()


@readiness_rule(
    "KT431",
    "privacy_participation",
    1,
    "P2",
    "organisational",
    N_("Processing personal data needs a legal basis (Art. 6 GDPR); the adopter usually needs the same one."),
    N_("state 'privacy.legal_basis', e.g. Art. 6(1)(e) GDPR with the state's data protection act"),
)
def legal_basis(ctx: Context) -> Outcome:
    if personal_data(ctx.data) is not True:
        return not_applicable()
    state = text_state(mapping(ctx.data, "privacy").get("legal_basis"))
    if state == "given":
        return met()
    if state == "unknown":
        return missing(
            ("privacy", "legal_basis"), tr("KT431", "the legal basis is given as unknown"), fraction=UNKNOWN_CREDIT
        )
    return missing(("privacy", "legal_basis"), tr("KT431", "personal data is processed, but no legal basis is given"))


@readiness_rule(
    "KT432",
    "privacy_participation",
    1,
    "P3",
    "organisational",
    N_(
        "A data protection impact assessment (Art. 35 GDPR) done by the first city saves the next one most of the work."
    ),
    {
        "1.0": N_("carry out the impact assessment and record it: 'privacy.dpia: done'"),
        "1.1": N_(
            "carry out the impact assessment and record it: "
            "'privacy.impact_assessment.status: done' with its date and url"
        ),
    },
)
def assessment(ctx: Context) -> Outcome:
    if personal_data(ctx.data) is not True:
        return not_applicable()
    path, status = impact_assessment(ctx.data)
    if status in ("done", "not-required"):
        return met()
    if status == "planned":
        return missing(
            path, tr("KT432", "personal data is processed, and the impact assessment is only planned"), fraction=0.5
        )
    return missing(path, tr("KT432", "personal data is processed, but no impact assessment is recorded"))


@readiness_rule(
    "KT433",
    "privacy_participation",
    2,
    "P2",
    "organisational",
    N_(
        "The programme asks that participation is strengthened; how people were involved is part of what "
        "another city adopts."
    ),
    N_("describe 'participation': a 'description', and the 'groups' involved and 'methods' used"),
)
def participation(ctx: Context) -> Outcome:
    section = mapping(ctx.data, "participation")
    if not says_something(section.get("description")):
        return missing(("participation",), tr("KT433", "participation is not described"))
    if says_something(section.get("groups"), MIN_NAME) or says_something(section.get("methods"), MIN_NAME):
        return met()
    return missing(
        ("participation",),
        tr("KT433", "participation names neither the groups involved nor the methods"),
        tr("KT433", "add 'groups' and 'methods'"),
        fraction=0.5,
    )


@readiness_rule(
    "KT440",
    "contacts",
    1,
    "P1",
    "throughout",
    N_("Questions come up in every adoption; a role address (not a person who may leave) keeps working."),
    N_("give at least one contact with a 'role' and a role e-mail address (e.g. smartcity@city.de)"),
)
def contact(ctx: Context) -> Outcome:
    people = [p for _, p in items(ctx.data, "contacts") if says_something(p.get("role"), MIN_NAME)]
    if any(says_something(p.get("email"), 3) for p in people):
        return met()
    if any(says_something(p.get("url"), 3) for p in people):
        return missing(
            ("contacts",),
            tr("KT440", "the contacts can be reached only through a web page, not by e-mail"),
            fraction=0.5,
        )
    return missing(("contacts",), tr("KT440", "no contact with a role and an e-mail address is given"))
