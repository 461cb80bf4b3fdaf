"""Areas of readiness, their weights (they add up to 100), and the label of a score.

| area                   | weight | rules                        |
|------------------------|-------:|------------------------------|
| openness               | 15     | KT401 KT402 KT403 KT404      |
| costs & funding        | 15     | KT410 KT411 KT412            |
| operation              | 10     | KT420 KT421                  |
| privacy & participation| 10     | KT430 KT431 KT432 KT433      |
| contacts               | 5      | KT440                        |
| knowledge              | 10     | KT441                        |
| adoption               | 10     | KT450 KT451 KT452 KT453      |
| impact                 | 10     | KT460 KT461 KT462 KT463      |
| localisation           | 5      | KT470                        |
| maturity               | 10     | KT480                        |
"""

from __future__ import annotations

from kltransfer.i18n import N_

#: area id -> (title, weight); titles are message ids, translated where shown.
AREAS: dict[str, tuple[str, int]] = {
    "openness": (N_("openness"), 15),
    "costs_funding": (N_("costs & funding"), 15),
    "operation": (N_("operation"), 10),
    "privacy_participation": (N_("privacy & participation"), 10),
    "contacts": (N_("contacts"), 5),
    "knowledge": (N_("knowledge"), 10),
    "adoption": (N_("adoption"), 10),
    "impact": (N_("impact"), 10),
    "localisation": (N_("localisation"), 5),
    "maturity": (N_("maturity"), 10),
}

#: The scaling roadmap's four workstreams, and the rules that concern all of them.
WORKSTREAM_TITLES: dict[str, str] = {
    "economic": N_("economic workstream"),
    "organisational": N_("organisational workstream"),
    "financial": N_("financial workstream"),
    "technical": N_("technical workstream"),
    "throughout": N_("all workstreams"),
}

#: label -> its name for people (the JSON keeps the label itself).
LABELS: dict[str, str] = {
    "proven": N_("proven"),
    "ready": N_("ready"),
    "incomplete": N_("incomplete"),
    "invalid": N_("invalid"),
    "unreadable": N_("unreadable"),
}

#: The lowest score for "proven" (with every condition of :mod:`.proven` met) and for "ready".
PROVEN_SCORE, READY_SCORE = 80, 60


def label_for(score: int, proven_missing: list[str]) -> str:
    """``proven`` (score >= 80 and nothing an adopter needs to trust it missing), ``ready``
    (score >= 60) or ``incomplete``."""
    if score >= PROVEN_SCORE and not proven_missing:
        return "proven"
    if score >= READY_SCORE:
        return "ready"
    return "incomplete"
