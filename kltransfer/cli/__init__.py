"""The command line: a thin layer that parses options and renders what the core returns."""

from __future__ import annotations

from kltransfer.cli.main import main

__all__ = ["main"]
