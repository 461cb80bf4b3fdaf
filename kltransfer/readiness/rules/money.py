"""Costs & funding, and operation: what the project costs and who runs it once funding ends.

A figure given as ``unknown`` (not published) earns partial credit; a placeholder earns none.
"""

from __future__ import annotations

from typing import Any

from kltransfer.i18n import N_, _, tr
from kltransfer.loading.keypath import KeyPath
from kltransfer.readiness.answers import MIN_NAME, says_something, text_state
from kltransfer.readiness.rules.base import UNKNOWN_CREDIT, Context, Outcome, met, missing, readiness_rule
from kltransfer.readiness.view import operation_costs
from kltransfer.shape import UNKNOWN, funding_sources, mapping, number, own_share


def _figure(code: str, path: KeyPath, value: Any, missing_message: str, unknown_message: str) -> Outcome:
    found = number(value, UNKNOWN)
    if found is UNKNOWN:
        hint = _("state the figure as soon as it is published; until then 'unknown' is the honest answer")
        return missing(path, unknown_message, hint, fraction=UNKNOWN_CREDIT)
    if found is not None:
        return met()
    return missing(path, missing_message)


@readiness_rule(
    "KT410",
    "costs_funding",
    2,
    "P2",
    "financial",
    N_("A city decides on adoption with a budget in mind: the investment is the first figure it asks for."),
    N_("state the investment under 'costs.investment.total' (with a breakdown if you can)"),
)
def investment(ctx: Context) -> Outcome:
    return _figure(
        "KT410",
        ("costs", "investment", "total"),
        mapping(ctx.data, "costs", "investment").get("total"),
        tr("KT410", "the investment costs are not stated"),
        tr("KT410", "the investment costs are not published"),
    )


@readiness_rule(
    "KT411",
    "costs_funding",
    2,
    "P3",
    "financial",
    N_("Yearly operating costs decide whether a city can keep a solution running after the project."),
    N_("state the yearly operating costs under 'costs.operation_per_year.total'"),
)
def operation(ctx: Context) -> Outcome:
    path, total = operation_costs(ctx.data)
    return _figure(
        "KT411",
        path,
        total,
        tr("KT411", "the yearly operating costs are not stated"),
        tr("KT411", "the yearly operating costs are not published"),
    )


@readiness_rule(
    "KT412",
    "costs_funding",
    1,
    "P2",
    "financial",
    N_(
        "Knowing which programme paid how much, and what the city paid itself, shows an adopter "
        "which funding to apply for."
    ),
    {
        "1.0": N_("list the funding sources under 'funding' with their amounts, and the municipal 'own_share'"),
        "1.1": N_(
            "list the funding sources with their amounts and the municipal own share "
            "('funding.sources' and 'funding.own_share')"
        ),
    },
)
def funding(ctx: Context) -> Outcome:
    path, sources = funding_sources(ctx.data)
    _, share = own_share(ctx.data)
    figures = [number(s.get("amount"), UNKNOWN) for _, s in sources] + [number(share, UNKNOWN)]
    if any(f is not None and f is not UNKNOWN for f in figures):
        return met()
    if UNKNOWN in figures:
        return missing(path, tr("KT412", "the amounts of the funding are not published"), fraction=UNKNOWN_CREDIT)
    if sources:
        return missing(
            path, tr("KT412", "the funding sources give no amounts, and no own share is stated"), fraction=0.5
        )
    return missing(path, tr("KT412", "the funding is not stated"))


@readiness_rule(
    "KT420",
    "operation",
    2,
    "P2",
    "organisational",
    N_(
        "Most pilots end with their funding; an adopter needs to know who operates the solution "
        "and in which form (the programme's scaling roadmap treats operator models as a topic of their own)."
    ),
    N_("describe 'operator_model' with the 'operator' and its 'type' (municipality, municipal company, ...)"),
)
def operator_model(ctx: Context) -> Outcome:
    model = mapping(ctx.data, "operator_model")
    operator, form = text_state(model.get("operator"), MIN_NAME), text_state(model.get("type"), MIN_NAME)
    if operator == "given" and form == "given":
        return met()
    if model and "given" in (operator, form):
        return missing(
            ("operator_model",), tr("KT420", "the operator model names no operator or no type"), fraction=0.5
        )
    if model:
        return missing(("operator_model",), tr("KT420", "the operator model is not chosen yet"))
    return missing(("operator_model",), tr("KT420", "there is no operator model"))


@readiness_rule(
    "KT421",
    "operation",
    2,
    "P3",
    "financial",
    N_("Long-term operation (phase P4) needs money and an owner after the funded period."),
    {
        "1.0": N_("say who runs and pays for the operation after the funding ends: 'operator_model.financing'"),
        "1.1": N_("say who runs and pays for the operation after the funding ends: 'operator_model.after_funding'"),
    },
)
def after_funding(ctx: Context) -> Outcome:
    model = mapping(ctx.data, "operator_model")
    if not model:
        return missing(("operator_model",), tr("KT421", "nothing says what happens after the funding ends"))
    if ctx.version == "1.0":
        if says_something(model.get("financing")):
            return met()
        return missing(
            ("operator_model", "financing"), tr("KT421", "the operator model does not say how operation is financed")
        )
    state = text_state(model.get("after_funding"))
    if state == "given":
        return met()
    path = ("operator_model", "after_funding")
    if state == "unknown":
        return missing(
            path, tr("KT421", "what happens after the funding ends is given as unknown"), fraction=UNKNOWN_CREDIT
        )
    if state == "empty":
        return missing(path, tr("KT421", "'after_funding' does not say who operates and pays after the funding ends"))
    if says_something(model.get("financing")):
        return missing(
            path,
            tr(
                "KT421",
                "the operator model says how operation is financed, but not what happens after the funding ends",
            ),
            fraction=0.5,
        )
    return missing(path, tr("KT421", "the operator model does not say what happens after the funding ends"))
