"""What a readiness rule is: a code, an area and points, the phase from which it applies, its
workstream, a rationale, a fix (per format version) and a check."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from kltransfer.loading.keypath import KeyPath

#: Share of a rule's points earned by a value given as ``unknown`` where the programme accepts that.
UNKNOWN_CREDIT = 0.5

#: The scaling roadmap's phases, and its four workstreams plus "throughout" (all of them).
PHASES: tuple[str, ...] = ("P1", "P2", "P3", "P4", "P5")
WORKSTREAMS: tuple[str, ...] = ("economic", "organisational", "financial", "technical", "throughout")


@dataclass(frozen=True, slots=True)
class Issue:
    """Something a rule found missing, at a key path (a missing key: its nearest parent is located).

    ``message`` and ``hint`` come translated (``tr(code, ...)``)."""

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
    #: The phase from which the rule applies (P1 ... P5); before it, it neither reports nor counts.
    phase: str
    #: economic, organisational, financial, technical, or throughout.
    workstream: str
    #: Why the rule exists (English message id, translated where shown).
    rationale: str
    #: How to fix it: one text, or texts by the first format version they speak of
    #: (``{"1.0": ..., "1.1": ...}``), so that a fix names only keys of the file's own version.
    fix: str | Mapping[str, str]
    check: Check

    def fix_for(self, version: str) -> str:
        """The fix (English message id) for a file of format ``version``."""
        if isinstance(self.fix, str):
            return self.fix
        fitting = [v for v in self.fix if _version_key(v) <= _version_key(version)]
        return self.fix[max(fitting, key=_version_key) if fitting else min(self.fix, key=_version_key)]

    def applies_at(self, phase: Any) -> bool:
        """True from the rule's phase on; a blueprint without a valid phase is asked everything."""
        return phase not in PHASES or PHASES.index(phase) >= PHASES.index(self.phase)


def _version_key(version: str) -> tuple[int, ...]:
    try:
        return tuple(int(part) for part in version.split("."))
    except ValueError:
        return (0,)


RULES: list[ReadinessRule] = []


def readiness_rule(
    code: str, area: str, points: int, phase: str, workstream: str, rationale: str, fix: str | Mapping[str, str]
) -> Callable[[Check], Check]:
    """Register the decorated check as a rule."""
    assert phase in PHASES and workstream in WORKSTREAMS, (code, phase, workstream)

    def register(check: Check) -> Check:
        RULES.append(ReadinessRule(code, area, points, phase, workstream, rationale, fix, check))
        return check

    return register
