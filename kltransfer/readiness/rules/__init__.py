"""The readiness rules (``KT4xx``), one module per group of areas, collected in :data:`RULES`."""

from __future__ import annotations

from kltransfer.readiness.rules import money, openness, people, presentation, transfer
from kltransfer.readiness.rules.base import RULES, Context, Issue, Outcome, ReadinessRule

_MODULES = (openness, money, people, transfer, presentation)
RULES.sort(key=lambda rule: rule.code)

__all__ = ["RULES", "Context", "Issue", "Outcome", "ReadinessRule"]
