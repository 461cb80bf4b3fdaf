"""What a readiness rule is: a code, an area, points, a rationale, a fix and a check."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kltransfer.loading.keypath import KeyPath


@dataclass(frozen=True, slots=True)
class Issue:
    """Something a rule found missing, at a key path (a missing key: its nearest parent is located)."""

    key_path: KeyPath
    message: str
    hint: str | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """How far a blueprint meets a rule: ``fraction`` from 0 to 1, ``None`` when it does not apply."""

    fraction: float | None
    issues: list[Issue] = field(default_factory=list)


def met() -> Outcome:
    return Outcome(1.0)


def not_applicable() -> Outcome:
    return Outcome(None)


def missing(key_path: KeyPath, message: str, hint: str | None = None, fraction: float = 0.0) -> Outcome:
    return Outcome(fraction, [Issue(key_path, message, hint)])


@dataclass(frozen=True, slots=True)
class Context:
    data: dict[str, Any]
    version: str


Check = Callable[[Context], Outcome]


@dataclass(frozen=True, slots=True)
class ReadinessRule:
    code: str
    area: str
    points: int
    rationale: str
    fix: str
    check: Check


RULES: list[ReadinessRule] = []


def readiness_rule(code: str, area: str, points: int, rationale: str, fix: str) -> Callable[[Check], Check]:
    """Register the decorated check as a rule."""

    def register(check: Check) -> Check:
        RULES.append(ReadinessRule(code, area, points, rationale, fix, check))
        return check

    return register
