"""Read blueprint data the same way whatever its format version (1.0 or 1.1).

Format 1.1 moved ``own_share`` under ``funding`` (with the sources in ``funding.sources``) and
``privacy.dpia`` to ``privacy.impact_assessment.status``; the rules ask this module instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from kltransfer.loading.keypath import KeyPath

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


def number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def mapping(data: Any, *keys: str) -> dict[str, Any]:
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return data if isinstance(data, dict) else {}


def items(data: Any, key: str) -> Iterator[tuple[int, dict[str, Any]]]:
    value = data.get(key) if isinstance(data, dict) else None
    if isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, dict):
                yield i, item


def funding_sources(data: dict[str, Any]) -> tuple[KeyPath, list[tuple[int, dict[str, Any]]]]:
    funding = data.get("funding")
    if isinstance(funding, dict):  # 1.1
        return ("funding", "sources"), list(items(funding, "sources"))
    return ("funding",), list(items(data, "funding"))


def own_share(data: dict[str, Any]) -> tuple[KeyPath, Any]:
    funding = data.get("funding")
    if isinstance(funding, dict):  # 1.1
        return ("funding", "own_share"), funding.get("own_share")
    return ("own_share",), data.get("own_share")


def impact_assessment(data: dict[str, Any]) -> tuple[KeyPath, Any]:
    privacy = mapping(data, "privacy")
    if isinstance(privacy.get("impact_assessment"), dict):  # 1.1
        return ("privacy", "impact_assessment", "status"), privacy["impact_assessment"].get("status")
    return ("privacy", "dpia"), privacy.get("dpia")


def operation_costs(data: dict[str, Any]) -> tuple[KeyPath, Any]:
    return ("costs", "operation_per_year", "total"), mapping(data, "costs", "operation_per_year").get("total")
