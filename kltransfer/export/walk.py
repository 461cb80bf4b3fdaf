"""Walking the normalised blueprint's values (dicts and lists of plain values), for the views
of the documents: drafts (:mod:`.drafts`) and values not known (:mod:`.unknowns`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_NOTHING: frozenset[str] = frozenset()


def any_value(value: Any, test: Callable[[Any], bool], skip: frozenset[str] = _NOTHING) -> bool:
    """Whether a value below ``value`` passes ``test`` (values of the keys in ``skip`` are not looked at)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(child for key, child in item.items() if key not in skip)
        elif isinstance(item, list):
            stack.extend(item)
        elif test(item):
            return True
    return False


def map_values(value: Any, change: Callable[[Any], Any], skip: frozenset[str] = _NOTHING) -> Any:
    """A copy of ``value`` with ``change`` applied to every value below it (but those of ``skip``)."""
    if isinstance(value, dict):
        return {key: child if key in skip else map_values(child, change, skip) for key, child in value.items()}
    if isinstance(value, list):
        return [map_values(child, change, skip) for child in value]
    return change(value)
