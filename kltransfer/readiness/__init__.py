"""Transfer readiness: how well a valid blueprint serves a city that wants to adopt it.

The rules (``KT4xx``) live in :mod:`.rules`, the areas and their weights in :mod:`.scoring`,
and :func:`check_paths` runs both over files after validating them.
"""

from __future__ import annotations

from kltransfer.readiness.check import ReadinessReport, check_document, check_paths
from kltransfer.readiness.model import AreaScore, BlueprintReadiness
from kltransfer.readiness.scoring import AREAS, label_for

__all__ = [
    "AREAS",
    "AreaScore",
    "BlueprintReadiness",
    "ReadinessReport",
    "check_document",
    "check_paths",
    "label_for",
]
