"""Sums with unknown parts, and the own share's split into cash and in kind (KT252, KT256).

A breakdown with an ``unknown`` (or TODO) amount cannot add up exactly (KT206 leaves it
alone), but its known amounts must not exceed the total: the total is at least their sum.
"""

from __future__ import annotations

from collections.abc import Callable

from kltransfer.i18n import tr
from kltransfer.i18n.numbers import format_money
from kltransfer.shape import items, known_sum, mapping, number

TYPE_CHECKING = False  # typing is not imported at run time (docs/performance.md)
if TYPE_CHECKING:
    from typing import Any

Emit = Callable[..., None]


def check_partial_sums(data: dict[str, Any], emit: Emit) -> None:
    costs = mapping(data, "costs")
    currency = costs.get("currency") if isinstance(costs.get("currency"), str) else "EUR"
    for block in ("investment", "operation_per_year"):
        section = mapping(costs, block)
        total = number(section.get("total"))
        amounts = [item.get("amount") for _, item in items(section, "breakdown")]
        known, has_unknown = known_sum(amounts)
        if total is not None and has_unknown and known > total + 0.005:
            emit(
                "KT252",
                ("costs", block, "total"),
                tr(
                    "KT252",
                    "the known amounts of the breakdown already add up to {sum}, more than the total of {total}",
                    sum=format_money(known, currency),
                    total=format_money(total, currency),
                ),
                tr("KT252", "correct the total or the amounts of the breakdown"),
            )
    _check_own_share_split(mapping(data, "funding"), currency, emit)


def _check_own_share_split(funding: dict[str, Any], currency: str, emit: Emit) -> None:
    parts = [funding[k] for k in ("own_share_cash", "own_share_in_kind") if k in funding]
    total = number(funding.get("own_share"))
    if not parts or total is None:
        return
    known, has_unknown = known_sum(parts)
    complete = len(parts) == 2 and not has_unknown
    shown = {"sum": format_money(known, currency), "total": format_money(total, currency)}
    if known > total + 0.005 or (complete and abs(known - total) > 0.005):
        emit(
            "KT256",
            ("funding", "own_share"),
            tr("KT256", "the own share in cash and in kind add up to {sum}, but the own share is {total}", **shown),
            tr("KT256", "'own_share' is the sum of 'own_share_cash' and 'own_share_in_kind'; correct one of them"),
        )
