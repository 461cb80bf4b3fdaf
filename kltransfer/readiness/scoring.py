"""Areas of readiness, their weights (they add up to 100), and the label of a score.

| area                   | weight | rules                        |
|------------------------|-------:|------------------------------|
| openness               | 15     | KT401 KT402 KT403 KT404      |
| costs & funding        | 15     | KT410 KT411 KT412            |
| operation              | 10     | KT420 KT421                  |
| privacy & participation| 10     | KT430 KT431 KT432 KT433      |
| contacts               | 5      | KT440                        |
| knowledge              | 10     | KT441                        |
| adoption               | 10     | KT450 KT451                  |
| impact                 | 10     | KT460 KT461                  |
| localisation           | 5      | KT470                        |
| maturity               | 10     | KT480                        |
"""

from __future__ import annotations

#: area id -> (title, weight)
AREAS: dict[str, tuple[str, int]] = {
    "openness": ("openness", 15),
    "costs_funding": ("costs & funding", 15),
    "operation": ("operation", 10),
    "privacy_participation": ("privacy & participation", 10),
    "contacts": ("contacts", 5),
    "knowledge": ("knowledge", 10),
    "adoption": ("adoption", 10),
    "impact": ("impact", 10),
    "localisation": ("localisation", 5),
    "maturity": ("maturity", 10),
}

#: The lowest score for "proven" (with phase P3 or later) and for "ready".
PROVEN_SCORE, READY_SCORE = 80, 60
PHASES = ("P1", "P2", "P3", "P4", "P5")


def phase_at_least(phase: object, minimum: str) -> bool:
    return isinstance(phase, str) and phase in PHASES and PHASES.index(phase) >= PHASES.index(minimum)


def label_for(score: int, phase: object) -> str:
    """``proven`` (score >= 80 and phase >= P3), ``ready`` (score >= 60) or ``incomplete``."""
    if score >= PROVEN_SCORE and phase_at_least(phase, "P3"):
        return "proven"
    if score >= READY_SCORE:
        return "ready"
    return "incomplete"
