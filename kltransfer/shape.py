"""Reading blueprint data defensively, the same way whatever its format version.

Checks, readiness rules, the export and the catalog all read data that may be of the wrong
shape (the schema reports that, they must not crash on it) and of format 1.0 or 1.1 (1.1
moved the funding sources to ``funding.sources`` and ``own_share`` to ``funding.own_share``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from kltransfer.loading.keypath import KeyPath


def number(value: Any) -> float | int | None:
    """``value`` when it is a number (true/false are not), else ``None``."""
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def mapping(data: Any, *keys: str) -> dict[str, Any]:
    """The mapping at ``keys`` below ``data``, or an empty one."""
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return data if isinstance(data, dict) else {}


def items(data: Any, key: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """Index and value of each mapping in the list ``data[key]``; anything else is skipped."""
    value = data.get(key) if isinstance(data, dict) else None
    if isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, dict):
                yield i, item


def funding_sources(data: dict[str, Any]) -> tuple[KeyPath, list[tuple[int, dict[str, Any]]]]:
    """Where the funding sources are, and each of them (1.0: ``funding``, 1.1: ``funding.sources``)."""
    funding = data.get("funding")
    if isinstance(funding, dict):  # 1.1
        return ("funding", "sources"), list(items(funding, "sources"))
    return ("funding",), list(items(data, "funding"))


def own_share(data: dict[str, Any]) -> tuple[KeyPath, Any]:
    """Where the own share is, and its value (1.0: ``own_share``, 1.1: ``funding.own_share``)."""
    funding = data.get("funding")
    if isinstance(funding, dict):  # 1.1
        return ("funding", "own_share"), funding.get("own_share")
    return ("own_share",), data.get("own_share")
