"""Values that are not known, in the documents: "not published" and "at least …".

The normalised blueprint keeps the unknown marker as written (``unknown`` or ``unknown:
reason``, :mod:`kltransfer.shape`) and names the totals that have a part that is not known
(``totals.at_least``). For the documents (HTML, PDF, Markdown, MkDocs), :func:`marked_view`
turns each marker into an :class:`Unknown`, printed as the language's "not published" (never 0
or "no"), and each such total into an :class:`AtLeast`, printed as "at least …". The ``json``
format keeps the values as they are: it is data.
"""

from __future__ import annotations

from typing import Any

from kltransfer.export.walk import any_value, map_values
from kltransfer.shape import is_unknown, unknown_reason

#: Keys whose values are identifiers, never the unknown marker of a fact (``id: unknown`` is a slug).
_IDENTIFIERS = frozenset({"id", "version", "kltransfer", "normalised", "lang", "path", "decision", "blueprint", "cite"})
_COST_BLOCKS = ("investment", "operation_per_year")


class Unknown(str):
    """A value that is not known or not published; its text is the label the document shows
    for it, ``reason`` the reason the blueprint gives (``unknown: reason``), if any."""

    reason: str | None

    def __new__(cls, label: str, reason: str | None = None) -> Unknown:
        self = super().__new__(cls, label)
        self.reason = reason
        return self


class AtLeast:
    """A sum with a part that is not known: ``value`` is the sum of the known parts, and the
    document shows it as ``label`` ("at least {value}") with the value written for its language."""

    __slots__ = ("label", "value")

    def __init__(self, value: float | int, label: str) -> None:
        self.value = value
        self.label = label

    def text(self, written: str) -> str:
        return self.label.replace("{value}", written)

    def __str__(self) -> str:
        return self.text(str(self.value))

    def __repr__(self) -> str:
        return f"AtLeast({self.value!r})"


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _lower_bounds(bp: dict[str, Any]) -> bool:
    """Whether a total or a breakdown sum of ``bp`` is only a lower bound."""
    blocks = [bp["costs"][name] for name in _COST_BLOCKS if bp["costs"][name]]
    return bool(bp["totals"]["at_least"]) or any(
        _is_number(b["breakdown_sum"]) and not b["breakdown_complete"] for b in blocks
    )


def marked_view(bp: dict[str, Any], not_published: str, at_least: str) -> dict[str, Any]:
    """``bp`` for the documents: every unknown value as :class:`Unknown` (text ``not_published``)
    and every total with an unknown part as :class:`AtLeast` (``at_least``, with ``{value}``).

    A blueprint without either is returned as it is (no copy). Values already replaced by a
    draft's "to be filled in" stay so.
    """
    if not any_value(bp, is_unknown, _IDENTIFIERS) and not _lower_bounds(bp):
        return bp
    view = map_values(bp, lambda v: Unknown(not_published, unknown_reason(v)) if is_unknown(v) else v, _IDENTIFIERS)
    totals = view["totals"]
    for name in bp["totals"]["at_least"]:
        if _is_number(totals[name]):
            totals[name] = AtLeast(totals[name], at_least)
    for name in _COST_BLOCKS:
        block = view["costs"][name]
        if block and _is_number(block["breakdown_sum"]) and not block["breakdown_complete"]:
            block["breakdown_sum"] = AtLeast(block["breakdown_sum"], at_least)
    return view
