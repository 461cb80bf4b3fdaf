"""What "proven" requires beyond a high score: what an adopting city needs to trust a solution.

Phase P4 or later (it runs long-term at home), the yearly operating costs, who operates and
pays after the funding ends, a finished data protection impact assessment where personal data
is processed (and a clear statement whether it is), and at least one KPI measured in practice.
"""

from __future__ import annotations

from typing import Any

from kltransfer.i18n import N_
from kltransfer.readiness.answers import says_something
from kltransfer.readiness.rules.base import PHASES
from kltransfer.readiness.view import impact_assessment, operation_costs, personal_data
from kltransfer.shape import items, mapping, measurements, number

#: condition id -> what is missing, for people (a message id, translated where shown)
CONDITIONS: dict[str, str] = {
    "phase": N_("phase P4 (long-term operation) or later"),
    "operation_costs": N_("the yearly operating costs"),
    "after_funding": N_("who operates and pays after the funding ends"),
    "personal_data": N_("whether personal data is processed"),
    "impact_assessment": N_("a finished data protection impact assessment, as personal data is processed"),
    "measured_kpi": N_("at least one measured KPI"),
}


def proven_missing(data: dict[str, Any], version: str) -> list[str]:
    """The ids of the conditions (see :data:`CONDITIONS`) the blueprint does not meet yet."""
    lacking = []
    phase = data.get("phase")
    if phase not in PHASES or PHASES.index(phase) < PHASES.index("P4"):
        lacking.append("phase")
    if number(operation_costs(data)[1]) is None:
        lacking.append("operation_costs")
    model = mapping(data, "operator_model")
    if not says_something(model.get("financing" if version == "1.0" else "after_funding")):
        lacking.append("after_funding")
    declared = personal_data(data)
    if declared is True and impact_assessment(data)[1] not in ("done", "not-required"):
        lacking.append("impact_assessment")
    elif declared not in (True, False):
        lacking.append("personal_data")
    kpis = [kpi for _, goal in items(data, "goals") for _, kpi in items(goal, "kpis")]
    if not any(measurements(kpi) for kpi in kpis):
        lacking.append("measured_kpi")
    return lacking
