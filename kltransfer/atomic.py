"""Kept for imports: the atomic file writer lives in :mod:`kltransfer.destination.files`."""

from kltransfer.destination.files import write_atomic

__all__ = ["write_atomic"]
