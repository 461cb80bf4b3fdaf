"""Export blueprints as documentation another city can read, print, host and adopt.

The core of ``kltransfer export``; it never imports typer or rich. Entry point: :func:`export`.
"""

from __future__ import annotations

from kltransfer.export.run import ExportedBlueprint, ExportOptions, ExportResult, export

__all__ = ["ExportOptions", "ExportResult", "ExportedBlueprint", "export"]
