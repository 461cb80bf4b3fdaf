"""The language of an adopted copy, and the texts kltransfer writes into it in that language.

What ``adopt`` and ``update`` write into the copy — the ``TODO`` placeholders of the local
context, the note on the cost figures, the adoption checklist, the labels of conflict
markers — is part of the document, so it follows the *document language*, not necessarily
the language of the messages on the terminal:

1. ``--lang`` of ``adopt`` (:attr:`AdoptOptions.lang <kltransfer.adoption.adopt.AdoptOptions>`);
2. else the language the adopted blueprint is written in (:func:`blueprint_language`);
3. else the language of the messages (:func:`kltransfer.i18n.get_language`).

It is decided once, at adoption, and recorded with the local context in
``.kltransfer/adoption.json``, so that ``update`` resets base and upstream with the same
texts (a copy adopted before the language was recorded keeps English, as it was written).
"""

from __future__ import annotations

import re
from typing import Any

from kltransfer.i18n import LANGUAGES, get_language, normalise, translations

#: Words that occur in nearly every German or English text and hardly ever in the other language.
_WORD = re.compile(r"[^\W\d_]+")
_GERMAN_WORDS = frozenset(
    _WORD.findall(
        "der die das und für mit von zu im ist ein eine einer den dem des auf sich werden wird nicht auch "
        "oder über durch bei nach zur zum aus sind kann"
    )
)
_ENGLISH_WORDS = frozenset(
    _WORD.findall("the and for with of to is a on are be by this that from can which their into or through at")
)
_TEXT_KEYS = ("title", "summary", "description")


def document_text(lang: str, msgid: str, /, **params: Any) -> str:
    """``msgid`` (marked with ``N_`` where it is written) in the document language ``lang``."""
    text = translations(lang).gettext(msgid)
    return text.format_map(params) if params else text


def _tagged_language(value: dict[Any, Any]) -> str | None:
    """The first language tag of a localised text that kltransfer writes in (``de``, ``en-GB``)."""
    for tag, text in value.items():
        found = normalise(tag) if isinstance(text, str) and text.strip() else None
        if found:
            return found
    return None


def _guessed_language(texts: list[str]) -> str | None:
    """German or English by the common words of plain texts; ``None`` when they do not tell."""
    german = english = 0
    for text in texts:
        german += sum(text.count(ch) for ch in "äöüÄÖÜß")
        for word in _WORD.findall(text.casefold()):
            german += word in _GERMAN_WORDS
            english += word in _ENGLISH_WORDS
    if german > english:
        return "de"
    return "en" if english > german else None


def blueprint_language(data: Any) -> str | None:
    """The language a blueprint is written in, or ``None`` when it does not tell.

    A localised title decides by its first language (``title: {de: …, en: …}`` is German),
    else a localised summary or description; texts given in one language only are judged by
    their common words (``für``, ``und``, ``the``, …).
    """
    if not isinstance(data, dict):
        return None
    for key in _TEXT_KEYS:
        value = data.get(key)
        if isinstance(value, dict):
            found = _tagged_language(value)
            if found:
                return found
    return _guessed_language([data[k] for k in _TEXT_KEYS if isinstance(data.get(k), str)])


def copy_language(option: str | None, data: Any) -> str:
    """The document language of a copy of ``data``: ``option``, else the blueprint's, else the messages'."""
    return normalise(option) or blueprint_language(data) or get_language()


def recorded_language(value: Any) -> str | None:
    """A language as read back from ``adoption.json``: ``de``/``en``, anything else ``None``."""
    return value if isinstance(value, str) and value in LANGUAGES else None


def text_in(value: Any, lang: str) -> str:
    """One line of text from a plain or localised text: ``lang`` first, then German or English, then any."""
    if isinstance(value, dict):
        tags = {normalise(tag): text for tag, text in value.items() if isinstance(text, str) and text.strip()}
        value = next((tags[t] for t in (lang, *LANGUAGES) if t in tags), next(iter(tags.values()), ""))
    return " ".join(str(value).split()) if value is not None else ""
