"""Drafts: blueprints that still hold TODO placeholders or other warnings.

Their documents (HTML, PDF, Markdown, MkDocs) carry a visible draft marker, and every TODO
value is shown as the document language's "to be filled in" label instead of its raw text.
Sums with a part still to be filled in are shown the same way, never as a number that leaves
that part out. The ``json`` format keeps the values as they are: it is data, not a document.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kltransfer.export.walk import any_value, map_values
from kltransfer.findings import FileReport, Severity
from kltransfer.validation.semantic import PLACEHOLDER

#: The code of a TODO placeholder finding.
PLACEHOLDER_CODE = "KT220"


class Pending(str):
    """A value still to be filled in; its text is the label the document shows for it."""

    __slots__ = ()


@dataclass(frozen=True, slots=True)
class Draft:
    """What keeps a blueprint a draft: its TODO placeholders and its other warnings."""

    placeholders: int = 0
    warnings: int = 0

    def __bool__(self) -> bool:
        return bool(self.placeholders or self.warnings)


def draft_of(report: FileReport) -> Draft:
    """The placeholders and other warnings among the validation findings of a blueprint."""
    warnings = [f for f in report.findings if f.severity is Severity.WARNING]
    placeholders = sum(1 for f in warnings if f.code == PLACEHOLDER_CODE)
    return Draft(placeholders, len(warnings) - placeholders)


def _is_placeholder(value: Any) -> bool:
    return isinstance(value, str) and value.startswith("TODO") and PLACEHOLDER.match(value) is not None


def _open_sums(raw: dict[str, Any], view: dict[str, Any], pending: Pending) -> None:
    """Sums and rates that would leave out a part still to be filled in become ``pending``.

    (A part that is *unknown* makes a sum "at least …" instead: :mod:`kltransfer.export.unknowns`.)
    """
    for name in ("investment", "operation_per_year"):
        block = view["costs"][name]
        if block is None:
            continue
        if any(_is_placeholder(row["amount"]) for row in raw["costs"][name]["breakdown"]):
            block["breakdown_sum"] = pending
        if _is_placeholder(raw["costs"][name]["total"]):
            view["totals"][name] = pending
    totals = view["totals"]
    funding_open = any(_is_placeholder(f["amount"]) for f in raw["funding"])
    if funding_open:
        totals["funding"] = pending
    if funding_open or _is_placeholder(raw["own_share"]):
        totals["financed"] = pending
        totals["uncovered"] = None  # unknown: neither shown as a number nor as 0
    if raw["funding"] and (funding_open or totals["investment"] is pending):
        totals["funding_rate_percent"] = pending
        totals["uncovered"] = None


def document_view(normalised: dict[str, Any], label: str) -> dict[str, Any]:
    """``normalised`` for the documents: every TODO value (and every sum with one) as ``label``.

    A blueprint without placeholders is returned as it is (no copy).
    """
    if not any_value(normalised, _is_placeholder):
        return normalised
    pending = Pending(label)
    view = map_values(normalised, lambda value: pending if _is_placeholder(value) else value)
    _open_sums(normalised, view, pending)
    return view


def without_pending(value: Any) -> Any:
    """``value`` with every value still to be filled in or not known (and every sum with such a
    part) left out (``None``), for machine-readable metadata."""
    from kltransfer.export.unknowns import AtLeast, Unknown

    return map_values(value, lambda v: None if isinstance(v, Pending | Unknown | AtLeast) else v)
