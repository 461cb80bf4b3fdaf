"""Semantic diff of two blueprints: what changed, by key path, whatever the formatting."""

from __future__ import annotations

from kltransfer.diff.semantic import Change, diff_data, diff_files

__all__ = ["Change", "diff_data", "diff_files"]
