"""SPDX licence expressions, checked with the ``license-expression`` library.

Loading the full SPDX licence list takes tens of milliseconds, so the most common single
identifiers in municipal projects are accepted without it.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from kltransfer.i18n import tr
from kltransfer.validation.suggest import closest

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


def check_expression(expression: str) -> str | None:
    """``None`` when valid, else a sentence saying what is wrong (with a suggestion)."""
    if expression in _COMMON:
        return None
    malformed = tr(
        "KT203",
        "'{expression}' is not a valid SPDX licence expression; "
        "join identifiers with AND, OR or WITH and close every bracket",
        expression=expression,
    )
    try:
        info = _licensing().validate(expression, strict=True)
    except Exception:  # the library raises assorted errors on malformed input
        return malformed
    if not info.errors:
        return None
    if any(str(s).strip() in ("", "(", ")", "AND", "OR", "WITH") for s in info.invalid_symbols):
        return malformed  # an unclosed bracket or a doubled operator, not an unknown identifier
    unknown = [str(s) for s in info.invalid_symbols if not str(s).startswith("LicenseRef-")]
    if info.invalid_symbols and not unknown:
        return None  # only LicenseRef-... identifiers, which SPDX leaves to the author
    if not unknown:
        return malformed
    guess = closest(unknown[0], [str(k) for k in _licensing().known_symbols])
    if guess:
        return tr(
            "KT203",
            "'{identifier}' is not an SPDX licence identifier; did you mean '{guess}'?",
            identifier=unknown[0],
            guess=guess,
        )
    if "propriet" in unknown[0].lower():
        return tr(
            "KT203",
            "'{identifier}' is not an SPDX licence identifier; for a non-open licence write LicenseRef-Proprietary",
            identifier=unknown[0],
        )
    return tr("KT203", "'{identifier}' is not an SPDX licence identifier", identifier=unknown[0])
