"""Helpers for the catalog tests: a second city's git repository with an adopted copy."""

from __future__ import annotations

from pathlib import Path

from tests.adoption_helpers import GERA, Upstream, replace_once

#: the origin record an adopted copy of Gera's portal carries (as `kltransfer adopt` writes it)
ORIGIN = """
origin:
  source: https://git.example.org/gera/blueprints.git
  ref: v1.0.0
  blueprint: gera-open-data-portal
  version: 1.0.0
  adopted: 2025-03-01
"""


def jena_repository(root: Path) -> Upstream:
    """A bare remote (file://) of Jena: its copy of Gera's portal (adopted, own id) and a broken blueprint."""
    jena = Upstream(root)
    jena.copy_example(GERA, "portal")
    jena.edit("portal/blueprint.yaml", replace_once("\nid: gera-open-data-portal", "\nid: jena-open-data-portal"))
    jena.edit("portal/blueprint.yaml", replace_once("  name: Gera\n", "  name: Jena\n"))
    jena.edit("portal/blueprint.yaml", lambda text: text + ORIGIN)
    jena.write({"broken/blueprint.yaml": 'kltransfer: "1.0"\nid: broken\nphase: P9\n'})
    jena.release("v2.0.0", "Jena's blueprints")
    return jena
