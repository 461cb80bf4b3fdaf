"""SPDX licence expressions, checked with the ``license-expression`` library.

Loading the full SPDX licence list takes tens of milliseconds, so the most common single
identifiers in municipal projects are accepted without it.
"""

from __future__ import annotations

import re
from functools import cache

from kltransfer.i18n import get_language, tr
from kltransfer.validation.suggest import closest, spend

TYPE_CHECKING = False  # typing is not imported at run time (docs/performance.md)
if TYPE_CHECKING:
    from typing import Any

_COMMON = frozenset(
    {
        "MIT",
        "Apache-2.0",
        "BSD-2-Clause",
        "BSD-3-Clause",
        "CC0-1.0",
        "CC-BY-4.0",
        "CC-BY-SA-4.0",
        "EUPL-1.2",
        "GPL-2.0-only",
        "GPL-2.0-or-later",
        "GPL-3.0-only",
        "GPL-3.0-or-later",
        "AGPL-3.0-only",
        "AGPL-3.0-or-later",
        "LGPL-2.1-only",
        "LGPL-2.1-or-later",
        "LGPL-3.0-only",
        "LGPL-3.0-or-later",
        "MPL-2.0",
        "DL-DE-BY-2.0",
        "DL-DE-ZERO-2.0",
        "ODbL-1.0",
        "ISC",
        "LicenseRef-Proprietary",
    }
)


@cache
def _licensing() -> Any:
    from license_expression import get_spdx_licensing

    return get_spdx_licensing()


@cache
def _known() -> tuple[dict[str, bool], tuple[str, ...], frozenset[str]]:
    """Every SPDX identifier and alias, lower-cased, with whether it is an exception; the
    identifiers' names; and the first words of the aliases that hold a space (``GPL 2.0``)."""
    symbols = _licensing().known_symbols
    known = {alias.lower(): bool(v.is_exception) for v in symbols.values() for alias in v.aliases}
    known.update({str(k).lower(): bool(v.is_exception) for k, v in symbols.items()})
    spaced = frozenset(name.split()[0] for name in known if " " in name)
    return known, tuple(str(k) for k in symbols), spaced


_TOKEN = re.compile(r"\(|\)|[^\s()]+")
_OPERATORS = frozenset({"and", "or"})


#: What one run of the library's parser costs, in comparisons of :mod:`.suggest`'s budget.
_PARSER_COST = 1000


def _quick(expression: str) -> tuple[str, str, bool]:
    """The verdict on an expression without the parser: ``ok``, ``malformed`` or ``unknown`` (with
    the first unknown identifier), and whether it is certain (else the library's parser decides,
    as long as the budget of the file allows).

    An expression is identifiers joined by AND and OR, each optionally ``WITH`` an exception, in
    balanced brackets (case does not matter, as for the library). One verdict costs a pass over
    the words, where the library's parser takes milliseconds: a file of 50,000 components with
    a licence each is checked in a fraction of a second.
    """
    known, _names, spaced = _known()
    if known.get(" ".join(expression.split()).lower()) is False:  # one licence, also "GPL 2.0"
        return "ok", "", True
    depth, expect_operand, after_with, unknown = 0, True, False, ""
    for token in _TOKEN.findall(expression):
        word = token.lower()
        if word in spaced:  # maybe the start of an alias with a space in it ("GPL 2.0")
            return "malformed", "", False
        if token == "(":
            if not expect_operand or after_with:
                return "malformed", "", True
            depth += 1
        elif token == ")":
            if expect_operand or depth == 0:
                return "malformed", "", True
            depth -= 1
        elif word in _OPERATORS or word == "with":
            if expect_operand:
                return "malformed", "", True
            expect_operand, after_with = True, word == "with"
        elif not expect_operand:  # two words in a row: maybe a name with a space ("Apache 2.0")
            return "malformed", "", False
        else:
            exception = known.get(word)
            if exception is None and word.endswith("+") and known.get(word[:-1]) is False:
                exception = False  # GPL-2.0+: the licence or any later version
            if exception is not None and exception != after_with:
                return "malformed", "", False  # a licence where an exception belongs, or the other way
            if exception is None and not token.startswith("LicenseRef-"):
                if not re.fullmatch(r"[A-Za-z0-9.+-]+", token):
                    return "malformed", "", False
                unknown = unknown or token
            expect_operand, after_with = False, False
    if expect_operand or depth:
        return "malformed", "", True
    return ("unknown", unknown, True) if unknown else ("ok", "", True)


def check_expression(expression: str) -> str | None:
    """``None`` when valid, else a sentence saying what is wrong (with a suggestion)."""
    if expression in _COMMON:
        return None
    kind, identifier, certain = _quick(expression)
    if not certain:
        key = (expression, get_language())
        if key in _PARSED or spend(_PARSER_COST):  # an expression met before costs nothing more
            if key not in _PARSED:
                if len(_PARSED) >= _PARSED_MAX:
                    _PARSED.clear()
                _PARSED[key] = _parsed(expression)
            return _PARSED[key]
    if kind == "ok":
        return None
    return _malformed(expression) if kind == "malformed" else _unknown(identifier)


def _malformed(expression: str) -> str:
    return tr(
        "KT203",
        "'{expression}' is not a valid SPDX licence expression; "
        "join identifiers with AND, OR or WITH and close every bracket",
        expression=expression,
    )


#: What the library's parser said, by expression and language (at most :data:`_PARSED_MAX`).
_PARSED: dict[tuple[str, str], str | None] = {}
_PARSED_MAX = 1024


def _parsed(expression: str) -> str | None:
    """What the library's parser says (for expressions :func:`_quick` leaves to it)."""
    malformed = _malformed(expression)
    try:
        info = _licensing().validate(expression, strict=True)
    except Exception:  # the library raises assorted errors on malformed input
        return malformed
    if not info.errors:
        return None
    if " " in expression.strip() and _informal(expression.strip()):  # "MIT License", "New BSD": one name
        return _unknown(expression.strip())
    if any(str(s).strip() in ("", "(", ")", "AND", "OR", "WITH") for s in info.invalid_symbols):
        return malformed  # an unclosed bracket or a doubled operator, not an unknown identifier
    unknown = [str(s) for s in info.invalid_symbols if not str(s).startswith("LicenseRef-")]
    if info.invalid_symbols and not unknown:
        return None  # only LicenseRef-... identifiers, which SPDX leaves to the author
    if not unknown:
        return malformed
    return _unknown(unknown[0])


#: A licence named as people write it: AGPLv3, GPL3+, EUPL v1.2, Apache2 (name, major, minor, plus).
_INFORMAL = re.compile(r"([A-Za-z]+?)[-_ ]?v?(\d{1,2})(?:\.(\d{1,2}))?(\+)?", re.IGNORECASE)


#: Names of licences without a version number in the SPDX form, as people write them (folded:
#: lower case, without spaces, hyphens, underscores, dots and the word licence/license).
_NAMED = {
    "bsd3": "BSD-3-Clause",
    "bsd3clause": "BSD-3-Clause",
    "newbsd": "BSD-3-Clause",
    "modifiedbsd": "BSD-3-Clause",
    "revisedbsd": "BSD-3-Clause",
    "bsd2": "BSD-2-Clause",
    "bsd2clause": "BSD-2-Clause",
    "simplifiedbsd": "BSD-2-Clause",
    "freebsd": "BSD-2-Clause",
    "expat": "MIT",
    "mitx11": "MIT",
    "apache": "Apache-2.0",
    "asl2": "Apache-2.0",
    "cc0": "CC0-1.0",
    "ccby4": "CC-BY-4.0",
    "ccbysa4": "CC-BY-SA-4.0",
    "dlde20": "DL-DE-BY-2.0",
    "dldeby20": "DL-DE-BY-2.0",
    "dldezero20": "DL-DE-ZERO-2.0",
}


def _folded(name: str) -> str:
    return re.sub(r"licen[cs]e|[\s._-]", "", name.lower())


@cache
def _folded_identifiers() -> dict[str, str]:
    """Every SPDX identifier by its folded form (``MIT License`` and ``cc by 4.0`` find theirs)."""
    return {_folded(name): name for name in _known()[1]}


def _informal(identifier: str) -> tuple[str, ...]:
    """The SPDX identifiers meant by an informal name such as ``AGPLv3`` or ``BSD3``: one, or the
    -only and -or-later pair of a GNU licence when the name does not say which (empty: no such name)."""
    folded = _folded(identifier)
    named = _NAMED.get(folded) or _folded_identifiers().get(folded)
    if named is not None:
        return (named,)
    match = _INFORMAL.fullmatch(identifier)
    if match is None:
        return ()
    name, major, minor, plus = match.groups()
    base = f"{name}-{major}.{minor or '0'}".lower()
    names = {n.lower(): n for n in _known()[1]}
    only, later = names.get(base + "-only"), names.get(base + "-or-later")
    if only and later:
        return (later,) if plus else (only, later)
    return (names[base],) if base in names and not plus else ()


def _unknown(identifier: str) -> str:
    meant = _informal(identifier)
    if len(meant) == 2:
        return tr(
            "KT203",
            "'{identifier}' is not an SPDX licence identifier; did you mean '{only}' (this version only) "
            "or '{later}' (this or any later version)?",
            identifier=identifier,
            only=meant[0],
            later=meant[1],
        )
    guess = meant[0] if meant else closest(identifier, _known()[1])
    if guess:
        return tr(
            "KT203",
            "'{identifier}' is not an SPDX licence identifier; did you mean '{guess}'?",
            identifier=identifier,
            guess=guess,
        )
    if "propriet" in identifier.lower():
        return tr(
            "KT203",
            "'{identifier}' is not an SPDX licence identifier; for a non-open licence write LicenseRef-Proprietary",
            identifier=identifier,
        )
    return tr("KT203", "'{identifier}' is not an SPDX licence identifier", identifier=identifier)
