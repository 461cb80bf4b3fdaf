"""Messages in the reader's language: gettext with the ``kltransfer`` domain, German and English.

Every text a person reads goes through one of these functions, so that extraction
(``scripts/catalogs.py``) finds it and ``kltransfer/locale/de/LC_MESSAGES/kltransfer.po``
translates it. Message ids are English; English needs no catalog of its own.

- ``_(msgid, **params)`` a message; named ``{params}`` are filled in after translation, so a
  translation may put them in any order.
- ``_n(singular, plural, n, **params)`` a message that depends on a count (``{n}`` is filled in).
- ``tr(code, msgid, **params)`` a finding's message or hint, keyed by its code (the msgctxt),
  so that translators see which finding a text belongs to.
- ``N_(msgid)`` marks a text where it is defined (a table, a constant) and returns it
  unchanged; it is translated with ``_()`` where it is shown.

The language is decided once per command by :func:`decide_language` and set with
:func:`set_language`; the compiled catalogs (``.mo``) are read with the standard library,
never Babel or the ``.po`` files, so this costs a command about a millisecond.
"""

from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

TYPE_CHECKING = False  # typing is not imported at run time (docs/performance.md)
if TYPE_CHECKING:
    from typing import Any

DOMAIN = "kltransfer"
#: The languages kltransfer speaks; the first is the fallback.
LANGUAGES: tuple[str, ...] = ("en", "de")
DEFAULT_LANGUAGE = "en"
#: Where the compiled catalogs live: ``<LOCALE_DIR>/<lang>/LC_MESSAGES/kltransfer.mo``.
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
#: Environment variables naming the user's language, in the order they are consulted.
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "LANG")

_cache: dict[str, _gettext.NullTranslations] = {}
_language = DEFAULT_LANGUAGE
_active: _gettext.NullTranslations = _gettext.NullTranslations()


def normalise(tag: object) -> str | None:
    """``de``/``en`` for a language tag or locale name (``de_DE.UTF-8``, ``en-GB``), else ``None``."""
    if not isinstance(tag, str):
        return None
    head = tag.strip().replace("-", "_").split("_", 1)[0].split(".", 1)[0].split("@", 1)[0].lower()
    return head if head in LANGUAGES else None


def language_from_environment(environ: Mapping[str, str] | None = None) -> str | None:
    """The first of ``LC_ALL``, ``LC_MESSAGES``, ``LANGUAGE``, ``LANG`` that names de or en.

    ``LANGUAGE`` may be a priority list (``fr:de:en``): its first entry that kltransfer
    speaks counts. Values naming other languages (or ``C``/``POSIX``) are passed over.
    """
    env = os.environ if environ is None else environ
    for name in LOCALE_VARIABLES:
        for part in env.get(name, "").split(":"):
            found = normalise(part)
            if found:
                return found
    return None


def decide_language(
    option: str | None = None, configured: str | None = None, environ: Mapping[str, str] | None = None
) -> str:
    """The one rule for every command: ``--lang``, else the configuration's ``lang``, else the
    locale variables (:func:`language_from_environment`), else English."""
    return normalise(option) or normalise(configured) or language_from_environment(environ) or DEFAULT_LANGUAGE


def translations(lang: str) -> _gettext.NullTranslations:
    """The compiled catalog of ``lang`` (cached); English and a missing catalog translate nothing."""
    lang = normalise(lang) or DEFAULT_LANGUAGE
    found = _cache.get(lang)
    if found is None:
        found = _gettext.NullTranslations()
        if lang != DEFAULT_LANGUAGE:
            mo = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
            try:
                with mo.open("rb") as handle:
                    found = _gettext.GNUTranslations(handle)
            except OSError:  # a source checkout without compiled catalogs: English, never a crash
                pass
        _cache[lang] = found
    return found


def set_language(lang: str | None) -> str:
    """Make ``lang`` the language of every message from now on; returns the language chosen."""
    global _language, _active
    _language = normalise(lang) or DEFAULT_LANGUAGE
    _active = translations(_language)
    return _language


def get_language() -> str:
    return _language


@contextmanager
def global_domain(lang: str) -> Iterator[None]:
    """While inside, libraries that use the global ``gettext`` (click, typer) speak ``lang`` too.

    Their strings are in kltransfer's catalog (``kltransfer/i18n/thirdparty.py`` marks them).
    Python's gettext picks the language from ``LANGUAGE`` first, so that is set for the time
    inside and restored afterwards, with the global domain. Entered by the command line only,
    before those libraries are imported: some of their texts are translated at import time.
    """
    old_domain, old_language = _gettext.textdomain(), os.environ.get("LANGUAGE")
    _gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    _gettext.textdomain(DOMAIN)
    os.environ["LANGUAGE"] = normalise(lang) or DEFAULT_LANGUAGE
    try:
        yield
    finally:
        _gettext.textdomain(old_domain)
        if old_language is None:
            os.environ.pop("LANGUAGE", None)
        else:
            os.environ["LANGUAGE"] = old_language


def _fill(text: str, params: Mapping[str, Any]) -> str:
    return text.format_map(params) if params else text


def _(msgid: str, /, **params: Any) -> str:
    """``msgid`` in the current language, with ``{params}`` filled in."""
    return _fill(_active.gettext(msgid), params)


def _n(singular: str, plural: str, n: int, /, **params: Any) -> str:
    """The singular or plural form for ``n`` in the current language; ``{n}`` is filled in."""
    return _fill(_active.ngettext(singular, plural, n), {"n": n, **params})


def tr(code: str, msgid: str, /, **params: Any) -> str:
    """A finding's message or hint: ``msgid`` under the context ``code`` (e.g. ``KT101``)."""
    return _fill(_active.pgettext(code, msgid), params)


def N_(msgid: str, /) -> str:
    """Mark ``msgid`` for the catalog where it is defined; translate it with ``_()`` where shown."""
    return msgid


def TN_(code: str, msgid: str, /) -> str:
    """Mark a finding's text of ``code`` where it is defined; translate it with ``tr(code, ...)`` where shown."""
    return msgid


__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "N_",
    "TN_",
    "_",
    "_n",
    "decide_language",
    "get_language",
    "global_domain",
    "language_from_environment",
    "normalise",
    "set_language",
    "tr",
    "translations",
]
