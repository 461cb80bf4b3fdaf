"""Read blueprint data for the rules the same way whatever its format version (1.0, 1.1, 1.2).

Format 1.1 moved ``own_share`` under ``funding`` (with the sources in ``funding.sources``) and
``privacy.dpia`` to ``privacy.impact_assessment.status``; 1.2 lets yes/no values and figures be
``unknown``. The rules ask this module and :mod:`kltransfer.shape` instead of the raw data.
"""

from __future__ import annotations

from typing import Any

from kltransfer.loading.keypath import KeyPath
from kltransfer.shape import is_unknown, mapping


def impact_assessment(data: dict[str, Any]) -> tuple[KeyPath, Any]:
    """Where the impact assessment's status is (or belongs, in the file's format version), and its value."""
    privacy = mapping(data, "privacy")
    if isinstance(privacy.get("impact_assessment"), dict):  # 1.1 and later
        return ("privacy", "impact_assessment", "status"), privacy["impact_assessment"].get("status")
    if "dpia" in privacy or data.get("kltransfer") == "1.0":
        return ("privacy", "dpia"), privacy.get("dpia")
    return ("privacy", "impact_assessment"), None


def operation_costs(data: dict[str, Any]) -> tuple[KeyPath, Any]:
    return ("costs", "operation_per_year", "total"), mapping(data, "costs", "operation_per_year").get("total")


def yes_no(value: Any) -> bool | str | None:
    """True, False, ``"unknown"`` for the unknown marker, else ``None`` (missing or TODO)."""
    if isinstance(value, bool):
        return value
    return "unknown" if is_unknown(value) else None


def personal_data(data: dict[str, Any]) -> bool | str | None:
    """Whether the project processes personal data: True, False, "unknown", or None (not said)."""
    return yes_no(mapping(data, "privacy").get("personal_data"))
