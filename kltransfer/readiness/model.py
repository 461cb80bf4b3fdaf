"""The results of a readiness check: a score per area and per blueprint, with findings and advice."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kltransfer.findings import Finding

#: How many pieces of advice "do these first" names.
FIRST = 3


@dataclass(frozen=True, slots=True)
class AreaScore:
    """One area of readiness: the points it earned out of its weight.

    ``applies``: whether any of its rules applies in the blueprint's phase; an area that does
    not is left out of the score (it is neither earned nor lost).
    """

    area: str
    title: str
    weight: int
    score: float
    applies: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "score": round(self.score, 1), "weight": self.weight, "applies": self.applies}


@dataclass(frozen=True, slots=True)
class Advice:
    """A finding of a readiness rule, with what fixing it gains."""

    finding: Finding
    area: str
    #: economic, organisational, financial, technical or throughout
    workstream: str
    #: the phase from which the rule applies
    phase: str
    #: points of the score (0-100) that fixing it would add
    gain: float

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.finding.to_dict(),
            "area": self.area,
            "workstream": self.workstream,
            "phase": self.phase,
            "gain": round(self.gain, 1),
        }


@dataclass(slots=True)
class BlueprintReadiness:
    """The readiness of one file. ``score`` is ``None`` when the file is not a valid blueprint."""

    path: str
    blueprint_id: str | None
    score: int | None
    label: str
    phase: str | None = None
    version: str | None = None
    areas: list[AreaScore] = field(default_factory=list)
    #: validation findings of an invalid file, or the readiness findings (in file order)
    findings: list[Finding] = field(default_factory=list)
    #: the readiness findings with area, workstream and gain, the largest gain first
    advice: list[Advice] = field(default_factory=list)
    #: ids of what "proven" still needs (:data:`kltransfer.readiness.proven.CONDITIONS`)
    proven_missing: list[str] = field(default_factory=list)
    unreadable: bool = False

    @property
    def valid(self) -> bool:
        return self.score is not None

    @property
    def first(self) -> list[Advice]:
        """The advice to follow first: the largest gains."""
        return self.advice[:FIRST]

    def to_dict(self) -> dict[str, Any]:
        by_finding = {id(a.finding): a for a in self.advice}
        return {
            "path": self.path,
            "id": self.blueprint_id,
            "score": self.score,
            "label": self.label,
            "phase": self.phase,
            "format": self.version,
            "areas": {a.area: a.to_dict() for a in self.areas},
            "proven_missing": list(self.proven_missing),
            "first": [
                {"code": a.finding.code, "key_path": a.finding.key_path, "gain": round(a.gain, 1)} for a in self.first
            ],
            "findings": [
                by_finding[id(f)].to_dict() if id(f) in by_finding else {**f.to_dict(), "area": None}
                for f in self.findings
            ],
        }
