"""The money of a blueprint, normalised: costs, funding sources and the totals computed from them.

Amounts are kept as written (a number, the unknown marker, a placeholder). A total with a part
that is not a number is only a lower bound: ``totals.at_least`` names it, and the documents show
it as "at least …" (:mod:`.unknowns`); a total of which no part is known is ``unknown``.
"""

from __future__ import annotations

from typing import Any

from kltransfer.export.reading import Reader
from kltransfer.shape import is_unknown, known_sum, number

#: The marker of a total of which no part is known.
UNKNOWN_TOTAL = "unknown"


def _tidy(number: float | int) -> float | int:
    """Whole floats as ints, others rounded to cents (sums of floats drift)."""
    rounded = round(number, 2)
    return int(rounded) if float(rounded).is_integer() else rounded


def _amount(value: Any) -> Any:
    """A number as it is, the unknown marker as written (with its reason), else ``None``."""
    found = number(value)
    if found is not None:
        return found
    return value if is_unknown(value) else None


def _total(values: list[Any]) -> tuple[Any, bool]:
    """The sum of ``values`` and whether it is only a lower bound (a part is not a number);
    :data:`UNKNOWN_TOTAL` when no part is a number."""
    total, has_unknown_part = known_sum(values)
    if has_unknown_part and not any(number(v) is not None for v in values):
        return UNKNOWN_TOTAL, False
    return _tidy(total), has_unknown_part


def funding_sources(r: Reader) -> list[dict[str, Any]]:
    """Format 1.0 lists the sources under ``funding``; 1.1 and 1.2 under ``funding.sources``."""
    funding = r.data.get("funding")
    sources = funding.get("sources") if isinstance(funding, dict) else funding
    found = []
    for f in r.objects(sources):
        call = r.mapping(f.get("call"))
        period = r.mapping(f.get("period"))
        found.append(
            {
                "programme": r.text(f.get("programme")),
                "call": {"name": r.text(call.get("name")), "round": call.get("round"), "year": call.get("year")}
                if call
                else None,
                "funder": f.get("funder"),
                "paying_agency": f.get("paying_agency"),
                "amount": f.get("amount"),
                "rate": f.get("rate"),
                "award_date": f.get("award_date"),
                "decision_reference": f.get("decision_reference"),
                "period": {"start": period.get("start"), "end": period.get("end")} if period else None,
                "url": f.get("url"),
                "cite": r.cite(f),
            }
        )
    return found


def cost_block(r: Reader, value: Any) -> dict[str, Any] | None:
    if not isinstance(value, dict):
        return None
    breakdown = [
        {"item": r.text(b.get("item")), "amount": b.get("amount"), "cite": r.cite(b)}
        for b in r.objects(value.get("breakdown"))
    ]
    total, at_least = _total([b["amount"] for b in breakdown])
    return {
        "total": value.get("total"),
        "breakdown": breakdown,
        "breakdown_sum": total if breakdown else None,
        "breakdown_complete": not at_least and total != UNKNOWN_TOTAL,
        "note": r.text(value.get("note")),
        "cite": r.cite(value),
    }


def costs(r: Reader) -> dict[str, Any]:
    c = r.mapping(r.data.get("costs"))
    return {
        "currency": c.get("currency", "EUR"),
        "investment": cost_block(r, c.get("investment")),
        "operation_per_year": cost_block(r, c.get("operation_per_year")),
        "cite": r.cite(c),
    }


def totals(result: dict[str, Any]) -> dict[str, Any]:
    """The sums of the money fields. A part that is unknown (or missing, or still to be
    filled in) makes a sum a lower bound, named in ``at_least``; no known part, ``unknown``."""
    costs = result["costs"]
    investment = _amount((costs["investment"] or {}).get("total"))
    operation = _amount((costs["operation_per_year"] or {}).get("total"))
    own = _amount(result["own_share"])
    at_least: list[str] = []
    funding: Any = None
    if result["funding"]:
        funding, partial = _total([f["amount"] for f in result["funding"]])
        if partial:
            at_least.append("funding")
    parts = [v for v in (funding, own) if v is not None]
    financed: Any = None
    if parts:
        financed, partial = _total(parts)
        if partial or "funding" in at_least:
            at_least.append("financed")
    rate: Any = None
    if result["funding"]:
        if isinstance(investment, int | float) and isinstance(funding, int | float):
            rate = round(100 * funding / investment, 1) if investment else None
            if rate is not None and "funding" in at_least:
                at_least.append("funding_rate_percent")
        elif is_unknown(investment) or funding == UNKNOWN_TOTAL:
            rate = UNKNOWN_TOTAL
    uncovered: Any = 0
    if isinstance(investment, int | float) and isinstance(financed, int | float) and investment > financed:
        uncovered = None if "financed" in at_least else _tidy(investment - financed)
    elif is_unknown(investment) or financed == UNKNOWN_TOTAL:
        uncovered = None
    return {
        "currency": costs["currency"],
        "investment": investment,
        "operation_per_year": operation,
        "funding": funding,
        "funding_complete": "funding" not in at_least and funding != UNKNOWN_TOTAL,
        "own_share": own,
        "financed": financed,
        "funding_rate_percent": rate,
        "uncovered": uncovered,
        "at_least": at_least,
    }
