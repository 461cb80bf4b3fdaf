"""Which licences count as open: OSI-approved software licences and open data/content licences.

A short list of the identifiers that municipal projects use; an expression is open when it
can be satisfied with open licences only (``MIT OR LicenseRef-Proprietary`` is open,
``MIT AND LicenseRef-Proprietary`` is not).
"""

from __future__ import annotations

from functools import cache
from typing import Any

OPEN_LICENCES = frozenset(
    {
        # software (OSI approved)
        "0BSD",
        "AGPL-3.0-only",
        "AGPL-3.0-or-later",
        "Apache-2.0",
        "Artistic-2.0",
        "BSD-2-Clause",
        "BSD-3-Clause",
        "BSL-1.0",
        "CECILL-2.1",
        "EPL-2.0",
        "EUPL-1.1",
        "EUPL-1.2",
        "GPL-2.0-only",
        "GPL-2.0-or-later",
        "GPL-3.0-only",
        "GPL-3.0-or-later",
        "ISC",
        "LGPL-2.1-only",
        "LGPL-2.1-or-later",
        "LGPL-3.0-only",
        "LGPL-3.0-or-later",
        "MIT",
        "MIT-0",
        "MPL-2.0",
        "OFL-1.1",
        "PostgreSQL",
        "Unlicense",
        "Zlib",
        # content and data
        "CC0-1.0",
        "CC-BY-3.0",
        "CC-BY-3.0-DE",
        "CC-BY-4.0",
        "CC-BY-SA-3.0",
        "CC-BY-SA-3.0-DE",
        "CC-BY-SA-4.0",
        "DL-DE-BY-2.0",
        "DL-DE-ZERO-2.0",
        "ODbL-1.0",
        "ODC-By-1.0",
        "PDDL-1.0",
    }
)


@cache
def _licensing() -> Any:
    from license_expression import get_spdx_licensing

    return get_spdx_licensing()


def _open(node: Any) -> bool:
    from license_expression import AND, OR, LicenseSymbol, LicenseWithExceptionSymbol

    if isinstance(node, OR):
        return any(_open(arg) for arg in node.args)
    if isinstance(node, AND):
        return all(_open(arg) for arg in node.args)
    if isinstance(node, LicenseWithExceptionSymbol):
        return _open(node.license_symbol)
    if isinstance(node, LicenseSymbol):
        return str(node.key) in OPEN_LICENCES
    return False


@cache
def is_open(expression: str) -> bool:
    """True when ``expression`` (SPDX) can be met with open licences alone."""
    if expression in OPEN_LICENCES:
        return True
    try:
        parsed = _licensing().parse(expression, validate=False)
    except Exception:  # malformed expressions are the validator's matter; they are not open
        return False
    return parsed is not None and _open(parsed)
