"""When a value counts as an answer: the readiness check's one rule for "given".

- ``TODO`` (a placeholder) is *missing*: it says the answer is still to come.
- ``unknown`` (or ``unknown: reason``) is *unknown*: an honest "not known or not published",
  which earns partial credit where the programme accepts it and is never scored as "no".
- A text *says something* only when it is not one of the non-answers below ("x",
  "Keine Angaben", "n/a", "-", "siehe oben", ...) and has at least :data:`MIN_TEXT` characters
  (a name at least :data:`MIN_NAME`). German and English words for "unknown" ("unbekannt",
  "nicht veröffentlicht") count as unknown, like the marker.

The lists are documented in docs/rules.md; extend both together.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Final

from kltransfer.shape import state_of

#: Shortest text that can be an answer (a sentence, a legal basis, a description).
MIN_TEXT: Final = 8
#: Shortest name (an operator, a vendor, a role).
MIN_NAME: Final = 2

#: Texts that say nothing, in any language (compared folded: case, dots and spaces aside).
NON_ANSWERS: Final[dict[str, tuple[str, ...]]] = {
    "any": (
        "x",
        "xx",
        "xxx",
        "n/a",
        "na",
        "n a",
        "tbd",
        "tba",
        "tbc",
        "todo",
        "none",
        "null",
        "nil",
        "0",
        "test",
        "asdf",
        "lorem ipsum",
        "etc",
        "usw",
        "dito",
        "ditto",
    ),
    "de": (
        "keine angaben",
        "keine angabe",
        "k a",
        "ka",
        "entfällt",
        "siehe oben",
        "s o",
        "siehe unten",
        "s u",
        "folgt",
        "wird nachgereicht",
        "noch offen",
        "offen",
        "in klärung",
        "in planung",
        "noch nicht festgelegt",
        "nicht zutreffend",
        "nichts",
        "keine",
        "wie oben",
        "siehe anlage",
        "später",
    ),
    "en": (
        "see above",
        "see below",
        "as above",
        "same as above",
        "to follow",
        "to be defined",
        "to be decided",
        "pending",
        "not applicable",
        "no information",
        "no details",
        "nothing",
        "open",
        "later",
        "various",
    ),
}
#: Texts that honestly say "not known" (like the marker ``unknown``).
UNKNOWN_WORDS: Final[dict[str, tuple[str, ...]]] = {
    "de": ("unbekannt", "nicht bekannt", "nicht veröffentlicht", "noch nicht bekannt", "nicht öffentlich"),
    "en": ("unknown", "not known", "not published", "not public", "not disclosed"),
}


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"[\s.]+", " ", text).strip(" .:;!,")


_NON_ANSWERS = frozenset(_fold(w) for words in NON_ANSWERS.values() for w in words)
_UNKNOWN_WORDS = frozenset(_fold(w) for words in UNKNOWN_WORDS.values() for w in words)


def text_state(value: Any, min_length: int = MIN_TEXT) -> str:
    """``given``, ``unknown``, ``empty`` (a text that says nothing) or ``missing`` (absent, TODO).

    Numbers and true/false are ``given``; a list or a text in several languages takes the best
    state of its entries.
    """
    state = state_of(value)
    if state in ("absent", "placeholder"):
        return "missing"
    if state == "unknown":
        return "unknown"
    if isinstance(value, dict | list):
        states = {text_state(v, min_length) for v in (value.values() if isinstance(value, dict) else value)}
        return next((s for s in ("given", "unknown", "empty") if s in states), "missing")
    if not isinstance(value, str):
        return "given"
    folded = _fold(value)
    if folded in _UNKNOWN_WORDS:
        return "unknown"
    if folded in _NON_ANSWERS or not any(ch.isalnum() for ch in folded) or len(value.strip()) < min_length:
        return "empty"
    return "given"


def says_something(value: Any, min_length: int = MIN_TEXT) -> bool:
    """True for a real answer: not missing, not a placeholder, not unknown, not a non-answer."""
    return text_state(value, min_length) == "given"
