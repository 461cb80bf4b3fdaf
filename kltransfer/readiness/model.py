"""The results of a readiness check: a score per area and per blueprint, with findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kltransfer.findings import Finding


@dataclass(frozen=True, slots=True)
class AreaScore:
    """One area of readiness: the points it earned out of its weight."""

    area: str
    title: str
    weight: int
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "score": round(self.score, 1), "weight": self.weight}


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
    findings: list[Finding] = field(default_factory=list)
    #: Readiness rule code -> area, for the findings' "area" in JSON.
    finding_areas: dict[str, str] = field(default_factory=dict)
    unreadable: bool = False

    @property
    def valid(self) -> bool:
        return self.score is not None

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "id": self.blueprint_id,
            "score": self.score,
            "label": self.label,
            "phase": self.phase,
            "format": self.version,
            "areas": {a.area: a.to_dict() for a in self.areas},
            "findings": [{**f.to_dict(), "area": self.finding_areas.get(f.code)} for f in self.findings],
        }
