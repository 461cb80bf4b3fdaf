"""Search words: folding, a light German stemmer and the rule by which a query word matches.

The same rules run in the browser (``templates/catalog/words.js``); a shared table of cases
(``tests/data/search_cases.json``) keeps the two in agreement. Change both, or neither.

- **Folding**: lower case, ``ß`` -> ``ss``, accents and umlaut dots removed (``ä`` -> ``a``).
- **Stemming** (German plural and genitive endings, English plural ``-s``): in the part of
  the word after its first vowel-consonant pair (at least three letters in), step 1 removes
  the longest of ``ern em er`` / ``en es e`` / ``s`` (``s`` only after b d f g h k l m n r t y;
  ``-nisse`` keeps one s), step 2 then removes ``en er est``, or ``st`` after b d f g h k l m
  n t. ``Sensoren`` and ``Sensors`` -> ``sensor``, ``Parkplätze`` -> ``parkplatz``,
  ``Bürgers`` -> ``burg``.
- **Umlauts typed as two letters**: after stemming, ``ae oe ue`` become ``a o u``, so
  ``Parkplaetze`` meets ``Parkplätze``.
- **Matching**: a query word matches a word of the text whose stem starts with the query
  word's stem; from four letters on also one that contains it (parts of compounds:
  ``beteiligung`` finds ``Bürgerbeteiligung``, ``sensor`` finds ``Parkplatzsensoren``).
  Every query word must match; single letters and words such as ``der``, ``und``, ``the``
  are left out.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

_STOP_TEXT = (
    "der die das des dem den ein eine einer eines einem einen und oder aber auch als am an auf aus "
    "bei bis durch fur im in ist mit nach noch nur sie sind so uber um vom von vor wie wird werden zu zum zur "
    "a and are as at be by for from is it of on or the to with"
)
#: Words too common to search for; they are neither indexed nor required.
STOP_WORDS: frozenset[str] = frozenset(_STOP_TEXT.split())
#: Query words shorter than this match only at the start of a word (no compound parts).
INFIX_MIN = 4

_WORD = re.compile(r"[^\W_]+")
_BEYOND_LATIN = re.compile(r"[^\x00-\u02ff]+")
_VOWELS = frozenset("aeiouy")
_S_ENDING = frozenset("bdfghklmnrty")
_ST_ENDING = frozenset("bdfghklmnt")
_STEP1 = ("ern", "em", "er", "en", "es", "e", "s")
_STEP2 = ("est", "en", "er", "st")
_TWO_LETTER_UMLAUTS = (("ae", "a"), ("oe", "o"), ("ue", "u"))


def fold(text: str) -> str:
    """Lower case, ``ß`` as ``ss``, without accents: 'Straße', 'STRASSE' and 'strasse' meet."""
    text = unicodedata.normalize("NFKD", text).casefold().replace("ß", "ss")
    return _BEYOND_LATIN.sub(_without_marks, text)  # marks (accents) are never below U+0300


def _without_marks(run: re.Match[str]) -> str:
    return "".join(ch for ch in run.group() if not unicodedata.category(ch).startswith("M"))


def words(text: str) -> list[str]:
    """The folded words of ``text``: runs of letters and digits."""
    return _WORD.findall(fold(text))


def _region(word: str) -> int:
    """Where the region starts in which endings may be removed (R1, at least three letters in)."""
    for i in range(1, len(word)):
        if word[i] not in _VOWELS and word[i - 1] in _VOWELS:
            return max(i + 1, 3)
    return len(word)


@lru_cache(maxsize=1 << 18)
def stem(word: str) -> str:
    """The stem of one folded word (see the module's description)."""
    if len(word) < 4 or not word.isalpha():
        return _umlauts(word)
    start = _region(word)
    suffix = next((s for s in _STEP1 if word.endswith(s)), "")
    if suffix and len(word) - len(suffix) >= start:
        if suffix == "s":
            if word[-2] in _S_ENDING:
                word = word[:-1]
        else:
            word = word[: -len(suffix)]
            if suffix in ("en", "es", "e") and word.endswith("niss"):
                word = word[:-1]
    suffix = next((s for s in _STEP2 if word.endswith(s)), "")
    if suffix and len(word) - len(suffix) >= start:
        if suffix != "st":
            word = word[: -len(suffix)]
        elif word[-3] in _ST_ENDING and len(word) - 2 >= 3:
            word = word[:-2]
    return _umlauts(word)


def _umlauts(word: str) -> str:
    for pair, single in _TWO_LETTER_UMLAUTS:
        word = word.replace(pair, single)
    return word


def terms(text: str) -> list[str]:
    """The stems of the words of ``text`` that are searched for, in order, each once."""
    seen: dict[str, None] = {}
    for word in words(text):
        if len(word) > 1 and word not in STOP_WORDS:
            seen.setdefault(stem(word), None)
    return list(seen)


def term_set(text: str) -> set[str]:
    """The stems of the words of ``text`` that are searched for (:func:`terms` without their order)."""
    return {stem(word) for word in set(words(text)) - STOP_WORDS if len(word) > 1}


def term_matches(query_term: str, term: str) -> bool:
    """Whether a stem of the text matches a stem of the query."""
    return term.startswith(query_term) or (len(query_term) >= INFIX_MIN and query_term in term)


def matches(query: str, text_terms: Iterable[str]) -> bool:
    """Every query word matches some word of the text (``text_terms``: from :func:`terms`)."""
    wanted = terms(query)
    if not wanted:
        return True
    have = list(text_terms)
    return all(any(term_matches(q, t) for t in have) for q in wanted)
