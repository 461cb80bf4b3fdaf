"""Where blueprints come from: git repositories, local folders and ``.kltransfer.zip`` bundles.

:func:`open_source` turns the SOURCE a user typed into a :class:`Snapshot`: the regular files
of one fixed state of the source, read without a work tree and without running anything
from it. Nothing here writes outside the cache folder.
"""

from __future__ import annotations

from kltransfer.sources.open import open_source
from kltransfer.sources.snapshot import Snapshot

__all__ = ["Snapshot", "open_source"]
