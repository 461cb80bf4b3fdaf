"""The cache folder of fetched git sources: one bare mirror per source URL."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path


def cache_root() -> Path:
    """``KLTRANSFER_CACHE_DIR``, else ``$XDG_CACHE_HOME/kltransfer``, else ``~/.cache/kltransfer``."""
    explicit = os.environ.get("KLTRANSFER_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "kltransfer"


def mirror_dir(url: str) -> Path:
    """The mirror of ``url``: a folder named by the SHA-256 of the URL."""
    return cache_root() / "git" / hashlib.sha256(url.encode("utf-8")).hexdigest()
