"""Small blueprints shared by tests that need one inline (the examples are much larger)."""

from __future__ import annotations

from kltransfer.schema import CURRENT

#: A minimal valid blueprint of the current format, 20 lines.
DEMO_BLUEPRINT = f"""\
kltransfer: "{CURRENT}"
id: demo-project
version: 1.0.0
title:
  de: Demo
  en: Demo
summary:
  de: Ein Demo-Projekt.
  en: A demo project.
licence: CC-BY-4.0
city:
  name: Musterstadt
  state: DE-BY
fields_of_action: [mobility]
phase: P3
contacts:
  - role: lead
    name: Erika Muster
    email: erika@example.org
"""
