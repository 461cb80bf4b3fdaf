"""Resolving localised texts (a string, or a mapping of language tag to string) to one language."""

from __future__ import annotations

from typing import Any

#: The languages the export's own labels are written in.
LANGUAGES: tuple[str, ...] = ("de", "en")


def fallback_order(lang: str) -> tuple[str, ...]:
    """The languages to try for ``lang``: itself, then the other shipped language."""
    return (lang, *(other for other in LANGUAGES if other != lang))


class LocalText(str):
    """A text picked from a localised mapping, remembering its language tag (``lang``).

    It is a ``str`` in every other respect (JSON writes it as a plain string); the HTML
    templates use ``lang`` to mark a passage in another language than the page's.
    """

    __slots__ = ("lang",)

    def __new__(cls, text: str, lang: str) -> LocalText:
        self = super().__new__(cls, text)
        self.lang = lang
        return self


def resolve_text(value: Any, order: tuple[str, ...]) -> Any:
    """One string for ``value``: the first language of ``order`` it has, else its first one.

    A plain string is returned as it is; a regional tag (``de-CH``) counts for its language
    when the exact tag is missing; the text picked from a mapping is a :class:`LocalText`.
    Anything that is not a text is returned unchanged.
    """
    if not isinstance(value, dict):
        return value
    if not value:
        return ""
    for lang in order:
        if isinstance(value.get(lang), str):
            return LocalText(value[lang], lang)
        for tag, text in value.items():
            if isinstance(tag, str) and tag.split("-", 1)[0].lower() == lang and isinstance(text, str):
                return LocalText(text, tag)
    return next((LocalText(text, str(tag)) for tag, text in value.items() if isinstance(text, str)), "")
