"""'Did you mean ...?' for misspelt keys and values.

A guess compares a word with every candidate (2,000 and more for SPDX licence identifiers).
A hostile file with a hundred thousand unknown keys or licences must not cost a hundred
thousand guesses, while only the first findings of a file are listed: inside
:func:`limited_guesses` (which validation puts around the checks of each file) guesses are
made, in the order asked (the same on every run), until they have compared :data:`BUDGET`
candidates; after that there are none. That is about 1,000 unknown keys, or 20 licences.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

#: Comparisons of a word with a candidate that the guesses of one file may make.
BUDGET = 50_000
#: Comparisons still allowed in the current :func:`limited_guesses` block (``None``: no limit).
_BUDGET: ContextVar[list[int] | None] = ContextVar("kltransfer_guesses", default=None)


@contextmanager
def limited_guesses(budget: int = BUDGET) -> Iterator[None]:
    """Guesses by :func:`closest` inside the block compare at most ``budget`` candidates in all."""
    token = _BUDGET.set([budget])
    try:
        yield
    finally:
        _BUDGET.reset(token)


def spend(units: int) -> bool:
    """Whether a check that costs as much as ``units`` comparisons may run (and count it), inside
    :func:`limited_guesses`; outside, always."""
    budget = _BUDGET.get()
    if budget is None:
        return True
    if budget[0] <= 0:
        return False
    budget[0] -= units
    return True


def closest(word: str, candidates: Iterable[str]) -> str | None:
    budget = _BUDGET.get()
    if budget is not None and budget[0] <= 0:
        return None
    pool = list(candidates)
    if budget is not None:
        budget[0] -= len(pool)
    lowered = {c.lower(): c for c in pool}
    if word.lower() in lowered:
        return lowered[word.lower()]
    import difflib  # only for a misspelt key: it costs start-up

    match = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return lowered[match[0]] if match else None


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """``did you mean 'x'?`` in the reader's language, or ``""`` when nothing is close."""
    from kltransfer.i18n import _

    match = closest(word, candidates)
    return _("did you mean '{word}'?", word=match) if match else ""
