"""Costs & funding, and operation: what the project costs and who runs it once funding ends."""

from __future__ import annotations

from kltransfer.readiness.rules.base import Context, Outcome, met, missing, readiness_rule
from kltransfer.readiness.view import given, operation_costs
from kltransfer.shape import funding_sources, mapping, number, own_share


@readiness_rule(
    "KT410",
    "costs_funding",
    2,
    "A city decides on adoption with a budget in mind: the investment is the first figure it asks for.",
    "state the investment under 'costs.investment.total' (with a breakdown if you can)",
)
def investment(ctx: Context) -> Outcome:
    if number(mapping(ctx.data, "costs", "investment").get("total")) is not None:
        return met()
    return missing(("costs", "investment", "total"), "the investment costs are not stated")


@readiness_rule(
    "KT411",
    "costs_funding",
    2,
    "Yearly operating costs decide whether a city can keep a solution running after the project.",
    "state the yearly operating costs under 'costs.operation_per_year.total'",
)
def operation(ctx: Context) -> Outcome:
    path, total = operation_costs(ctx.data)
    if number(total) is not None:
        return met()
    return missing(path, "the yearly operating costs are not stated")


@readiness_rule(
    "KT412",
    "costs_funding",
    1,
    "Knowing which programme paid how much, and what the city paid itself, shows an adopter "
    "which funding to apply for.",
    "list the funding sources with their amounts and the municipal own share "
    "(format 1.1: 'funding.sources' and 'funding.own_share')",
)
def funding(ctx: Context) -> Outcome:
    path, sources = funding_sources(ctx.data)
    _, share = own_share(ctx.data)
    with_amount = [s for _, s in sources if number(s.get("amount")) is not None]
    if with_amount or number(share) is not None:
        return met()
    if sources:
        return missing(path, "the funding sources give no amounts, and no own share is stated", fraction=0.5)
    return missing(path, "the funding is not stated")


@readiness_rule(
    "KT420",
    "operation",
    2,
    "Most pilots end with their funding; an adopter needs to know who operates the solution "
    "and in which form (the programme's scaling roadmap treats operator models as a topic of their own).",
    "describe 'operator_model' with the 'operator' and its 'type' (municipality, municipal company, ...)",
)
def operator_model(ctx: Context) -> Outcome:
    model = mapping(ctx.data, "operator_model")
    if given(model.get("operator")) and given(model.get("type")):
        return met()
    if model:
        return missing(("operator_model",), "the operator model names no operator or type", fraction=0.5)
    return missing(("operator_model",), "there is no operator model")


@readiness_rule(
    "KT421",
    "operation",
    2,
    "Long-term operation (phase P4) needs money and an owner after the funded period.",
    "say who runs and pays for the operation after the funding ends: 'operator_model.after_funding' "
    "(format 1.1) or 'operator_model.financing' (1.0)",
)
def after_funding(ctx: Context) -> Outcome:
    model = mapping(ctx.data, "operator_model")
    if not model:
        return missing(("operator_model",), "nothing says what happens after the funding ends")
    if given(model.get("after_funding")):
        return met()
    if given(model.get("financing")):
        if ctx.version == "1.0":
            return met()
        return missing(
            ("operator_model", "after_funding"),
            "the operator model says how operation is financed, but not what happens after the funding ends",
            "add 'operator_model.after_funding'",
            fraction=0.5,
        )
    return missing(
        ("operator_model", "after_funding" if ctx.version != "1.0" else "financing"),
        "the operator model does not say what happens after the funding ends",
    )
