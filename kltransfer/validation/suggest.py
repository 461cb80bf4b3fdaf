"""'Did you mean ...?' for misspelt keys and values."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(word: str, candidates: Iterable[str]) -> str | None:
    pool = list(candidates)
    lowered = {c.lower(): c for c in pool}
    if word.lower() in lowered:
        return lowered[word.lower()]
    match = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return lowered[match[0]] if match else None


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """``did you mean 'x'?`` in the reader's language, or ``""`` when nothing is close."""
    from kltransfer.i18n import _

    match = closest(word, candidates)
    return _("did you mean '{word}'?", word=match) if match else ""
