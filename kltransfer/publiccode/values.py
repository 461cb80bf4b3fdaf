"""The rules single values of a publiccode.yml follow: addresses, dates, licences, tags, vocabularies.

Each check returns ``None`` for a good value, else a :class:`Problem` (code, message, hint) in
the reader's language. Only what can be decided offline is checked: that a URL is well formed,
not that it answers.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import namedtuple
from collections.abc import Callable, Iterable
from functools import cache
from urllib.parse import urlsplit

from kltransfer.i18n import tr
from kltransfer.publiccode import standard
from kltransfer.validation.suggest import closest


class Problem(namedtuple("Problem", ["code", "message", "hint"], defaults=[None])):
    __slots__ = ()
    code: str
    message: str
    hint: str | None


_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*$")
# The longer patterns are compiled when first used (:func:`_compiled`): compiling them costs
# milliseconds at every start of ``kltransfer validate``, and most files need none of them.
_URN = (r"^urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:[A-Za-z0-9()+,\-.:=@;$_!*'%/?#]+$", re.IGNORECASE)
#: RFC 6838 restricted-name, type "/" subtype.
_MIME = (r"^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}$", 0)
#: RFC 5646 language tags (langtag or private use), checked for their form; the registry is asked after.
_LANGTAG = (
    r"^(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})"  # language (with extended language subtags)
    r"(?:-[a-z]{4})?"  # script
    r"(?:-(?:[a-z]{2}|[0-9]{3}))?"  # region
    r"(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*"  # variants
    r"(?:-[0-9a-wy-z](?:-[a-z0-9]{2,8})+)*"  # extensions
    r"(?:-x(?:-[a-z0-9]{1,8})+)?$"  # private use
    r"|^x(?:-[a-z0-9]{1,8})+$",
    re.IGNORECASE,
)
#: Languages accepted without loading the IANA registry (langcodes costs ~50 ms to import).
_COMMON_LANGUAGES = standard.words(
    "bg cs da de el en es et fi fr ga hr hu it lb lt lv mt nl no nb nn pl pt ro ru sk sl sv tr uk ar zh ja ko"
)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@cache
def _compiled(pattern: tuple[str, int]) -> re.Pattern[str]:
    return re.compile(*pattern)


def visible_length(text: str) -> int:
    """The length of ``text`` as people count it: combining marks, joined emoji and flags count once."""
    count = 0
    joined = False
    regional = 0
    previous = ""
    for ch in text:
        cp = ord(ch)
        if joined:  # the character after a zero-width joiner continues the cluster
            joined = False
            continue
        if cp == 0x200D:
            joined = True
            continue
        if ch == "\n" and previous == "\r":
            previous = ch
            continue
        previous = ch
        if unicodedata.category(ch) in ("Mn", "Me", "Mc") or 0xFE00 <= cp <= 0xFE0F or 0x1F3FB <= cp <= 0x1F3FF:
            continue
        if 0x1F1E6 <= cp <= 0x1F1FF:  # regional indicators: two make one flag
            regional += 1
            if regional % 2 == 0:
                continue
        else:
            regional = 0
        count += 1
    return count


def _url_parts(value: str) -> tuple[str, str, str] | None:
    """(scheme, host, rest) of a URL, or ``None`` when it has no scheme or holds spaces."""
    if not value or any(ch.isspace() for ch in value):
        return None
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if not parts.scheme or not _SCHEME.match(parts.scheme) or not value.lower().startswith(parts.scheme.lower() + ":"):
        return None
    return parts.scheme.lower(), parts.netloc.rsplit("@", 1)[-1], value[len(parts.scheme) + 1 :]


def is_url(value: str) -> bool:
    """A URL with a scheme and a host (or, like ``mailto:``/``urn:``, an opaque part)."""
    parts = _url_parts(value)
    if parts is None:
        return False
    scheme, host, rest = parts
    if scheme == "file":
        return rest.lstrip("/") != ""
    return bool(host) or (bool(rest) and not rest.startswith("/"))


def is_http_url(value: str) -> bool:
    parts = _url_parts(value)
    return parts is not None and parts[0] in ("http", "https") and bool(parts[1])


def _is_uri(value: str) -> bool:
    """An absolute URI as an organisation or a supported standard is named by: a URN or scheme://host."""
    if value.lower().startswith("urn:"):
        return bool(_compiled(_URN).match(value))
    parts = _url_parts(value)
    return parts is not None and bool(parts[1])


def is_date(value: str) -> bool:
    if not _DATE.match(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def is_language(tag: str) -> bool:
    """A valid BCP 47 language tag: well formed (hyphens, not underscores) and registered with IANA."""
    head, hyphen, rest = tag.partition("-")
    if head in _COMMON_LANGUAGES and (
        not hyphen or (len(rest) == 2 and rest.isascii() and rest.isalpha() and rest.upper() in standard.COUNTRIES)
    ):
        return True  # "de", "de-DE": well formed and known without compiling the pattern
    if not _compiled(_LANGTAG).match(tag):
        return False
    if head.lower() in _COMMON_LANGUAGES and (not rest or rest.upper() in standard.COUNTRIES):
        return True
    import langcodes

    try:
        return bool(langcodes.tag_is_valid(tag))
    except Exception:  # the library raises on tags it cannot parse
        return False


def _choice(value: str, choices: Iterable[str], key: str) -> Problem:
    options = sorted(choices)
    guess = closest(value, options)
    hint = (
        tr("KT245", "did you mean '{guess}'?", guess=guess)
        if guess
        else tr("KT245", "allowed: {choices}", choices=", ".join(options))
    )
    return Problem("KT245", tr("KT245", "'{value}' is not an allowed value of {key}", value=value, key=key), hint)


def _malformed(value: str, what: str, hint: str) -> Problem:
    return Problem("KT246", tr("KT246", "'{value}' is not {what}", value=value, what=what), hint)


def _url(value: str, key: str, choices: tuple[str, ...]) -> Problem | None:
    if is_url(value):
        return None
    return _malformed(
        value,
        tr("KT246", "a URL"),
        tr("KT246", "write the full address, e.g. https://gitlab.opencode.de/stadt/projekt"),
    )


def _http_url(value: str, key: str, choices: tuple[str, ...]) -> Problem | None:
    if is_http_url(value):
        return None
    return _malformed(
        value, tr("KT246", "a web address (http or https URL)"), tr("KT246", "write it as https://www.example.de/page")
    )


def _email(value: str, key: str, choices: tuple[str, ...]) -> Problem | None:
    from kltransfer.validation.semantic import _EMAIL  # the one e-mail pattern kltransfer checks with

    if _EMAIL.fullmatch(value):
        return None
    return _malformed(
        value, tr("KT246", "an e-mail address"), tr("KT246", "write it as name@example.de, without spaces")
    )


def _date(value: str, key: str, choices: tuple[str, ...]) -> Problem | None:
    if is_date(value):
        return None
    return _malformed(
        value, tr("KT246", "a date"), tr("KT246", "write a real calendar date as YYYY-MM-DD, e.g. 2025-01-15")
    )


def _spdx(value: str, key: str, choices: tuple[str, ...]) -> Problem | None:
    from kltransfer.validation.spdx import check_expression

    problem = check_expression(value) if value else tr("KT246", "the licence is empty")
    if problem is None:
        return None
    return Problem(
        "KT246", problem, tr("KT246", "write an SPDX licence expression such as EUPL-1.2 or AGPL-3.0-or-later")
    )


def _organisation_uri(value: str, key: str, choices: tuple[str, ...]) -> Problem | None:
    if _is_uri(value):
        return None
    return _malformed(
        value,
        tr("KT246", "a URI that names an organisation"),
        tr("KT246", "use the organisation's web address, e.g. https://www.stadt.de, or a URN"),
    )


def _supports_id(value: str, key: str, choices: tuple[str, ...]) -> Problem | None:
    if value.startswith("alias:"):
        alias = value[len("alias:") :]
        if alias in standard.ALIASES:
            return None
        guess = closest(alias, sorted(standard.ALIASES))
        return Problem(
            "KT245",
            tr("KT245", "'{value}' is not a known alias of the standard", value=value),
            tr("KT245", "did you mean 'alias:{guess}'?", guess=guess)
            if guess
            else tr("KT245", "known aliases: {aliases}", aliases=", ".join(sorted(standard.ALIASES))),
        )
    if _is_uri(value):
        return None
    return _malformed(
        value,
        tr("KT246", "an alias or a URI"),
        tr("KT246", "write alias:gdpr (see the standard's list of aliases) or the full address of the standard"),
    )


def _mime(value: str, key: str, choices: tuple[str, ...]) -> Problem | None:
    if _compiled(_MIME).match(value):
        return None
    return _malformed(value, tr("KT246", "a media type"), tr("KT246", "write it as type/subtype, e.g. text/csv"))


def _language(value: str, key: str, choices: tuple[str, ...]) -> Problem | None:
    if is_language(value):
        return None
    fixed = value.replace("_", "-")
    hint = (
        tr("KT245", "write '{fixed}': BCP 47 separates the parts with '-'", fixed=fixed)
        if fixed != value and is_language(fixed)
        else tr("KT245", "use a BCP 47 language tag such as de, en or de-CH")
    )
    return Problem("KT245", tr("KT245", "'{value}' is not a BCP 47 language tag", value=value), hint)


def _country(value: str, key: str, choices: tuple[str, ...]) -> Problem | None:
    if value.upper() in standard.COUNTRIES and value in (value.upper(), value.lower()):
        return None
    return Problem(
        "KT245",
        tr("KT245", "'{value}' is not an ISO 3166-1 country code", value=value),
        tr("KT245", "use two capital letters, e.g. DE for Germany, AT for Austria"),
    )


#: Where the standard lists its long vocabularies (a hint names the page, not 100 words).
CATEGORIES_URL = "https://yml.publiccode.tools/categories-list.html"
SCOPES_URL = "https://yml.publiccode.tools/scope-list.html"


def _vocabulary(value: str, key: str, words: frozenset[str], link: str) -> Problem:
    """A word not in one of the standard's long lists: the closest one, or the page that lists them."""
    guess = closest(value, sorted(words))
    return Problem(
        "KT245",
        tr("KT245", "'{value}' is not an allowed value of {key}", value=value, key=key),
        tr("KT245", "did you mean '{guess}'?", guess=guess)
        if guess
        else tr("KT245", "the standard lists the allowed values at {link}", link=link),
    )


def _category(value: str, key: str, choices: tuple[str, ...]) -> Problem | None:
    if value in standard.CATEGORIES:
        return None
    if value in standard.SCOPES:  # "government", "healthcare": what it is for, not what it is
        return Problem(
            "KT245",
            tr("KT245", "'{value}' is a scope, not a category", value=value),
            tr("KT245", "list it under intendedAudience.scope; the categories are at {link}", link=CATEGORIES_URL),
        )
    return _vocabulary(value, key, standard.CATEGORIES, CATEGORIES_URL)


def _scope(value: str, key: str, choices: tuple[str, ...]) -> Problem | None:
    if value in standard.SCOPES:
        return None
    if value in standard.CATEGORIES:
        return Problem(
            "KT245",
            tr("KT245", "'{value}' is a category, not a scope", value=value),
            tr("KT245", "list it under categories; the scopes are at {link}", link=SCOPES_URL),
        )
    return _vocabulary(value, key, standard.SCOPES, SCOPES_URL)


def _enumerated(value: str, key: str, choices: tuple[str, ...]) -> Problem | None:
    return None if value in choices else _choice(value, choices, key)


CHECKS: dict[str, Callable[[str, str, tuple[str, ...]], Problem | None]] = {
    "url": _url,
    "http-url": _http_url,
    "email": _email,
    "date": _date,
    "spdx": _spdx,
    "organisation-uri": _organisation_uri,
    "supports-id": _supports_id,
    "mime": _mime,
    "language": _language,
    "country": _country,
    "category": _category,
    "scope": _scope,
    "choice": _enumerated,
}


def check_value(check: str, value: str, key: str, choices: tuple[str, ...] = ()) -> Problem | None:
    """The problem of the text ``value`` under the rule ``check`` (``None`` when fine or unknown)."""
    rule = CHECKS.get(check)
    return rule(value, key, choices) if rule is not None else None
