"""Read blueprint data the same way whatever its format version (1.0 or 1.1).

Format 1.1 moved ``own_share`` under ``funding`` (with the sources in ``funding.sources``) and
``privacy.dpia`` to ``privacy.impact_assessment.status``; the rules ask this module instead.
"""

from __future__ import annotations

import re
from typing import Any

from kltransfer.loading.keypath import KeyPath
from kltransfer.shape import mapping

_PLACEHOLDER = re.compile(r"^TODO\b")


def given(value: Any) -> bool:
    """True for a real value: not missing, not empty, not a TODO placeholder."""
    if value is None or value == "" or value == [] or value == {}:
        return False
    if isinstance(value, str):
        return _PLACEHOLDER.match(value) is None
    if isinstance(value, dict):
        return any(given(v) for v in value.values())
    if isinstance(value, list):
        return any(given(v) for v in value)
    return True


def impact_assessment(data: dict[str, Any]) -> tuple[KeyPath, Any]:
    privacy = mapping(data, "privacy")
    if isinstance(privacy.get("impact_assessment"), dict):  # 1.1
        return ("privacy", "impact_assessment", "status"), privacy["impact_assessment"].get("status")
    return ("privacy", "dpia"), privacy.get("dpia")


def operation_costs(data: dict[str, Any]) -> tuple[KeyPath, Any]:
    return ("costs", "operation_per_year", "total"), mapping(data, "costs", "operation_per_year").get("total")
