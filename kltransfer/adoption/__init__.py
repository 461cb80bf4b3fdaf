"""Adopting another city's blueprint and keeping it in sync: adopt, status, update.

The library behind ``kltransfer adopt``, ``status`` and ``update``; see docs/adoption.md for
the design of the provenance record and the three-way update.
"""

from __future__ import annotations

from kltransfer.adoption.adopt import AdoptOptions, AdoptResult, adopt
from kltransfer.adoption.status import AdoptionStatus, status_paths
from kltransfer.adoption.update import UpdateResult, update_paths

__all__ = ["AdoptOptions", "AdoptResult", "AdoptionStatus", "UpdateResult", "adopt", "status_paths", "update_paths"]
