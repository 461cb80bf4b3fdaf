"""Helpers for the scaffold tests: fill the TODO placeholders of a scaffold as a person would."""

from __future__ import annotations

import re
from pathlib import Path

KINDS = ("generic", "participation", "sensor-network", "open-data", "digital-service", "digital-twin")

_PLACEHOLDER = re.compile(r'^(?P<head>[ ]*(?:- )?(?:(?P<key>[a-z_]+): )?)"TODO\b(?:[^"\\]|\\.)*"', re.MULTILINE)
#: Whole numbers; funding (amount) and own share add up to the investment total.
_NUMBERS = {
    "total": "100000",
    "amount": "60000",
    "own_share": "40000",
    "population": "99000",
    "person_days": "80",
    "months": "6",
    "baseline": "10",
    "target": "50",
}
_VALUES = {
    "email": '"smartcity@example.org"',
    "url": '"https://www.example.org"',
    "repository": '"https://git.example.org/smart-city/project"',
    "publiccode": '"https://git.example.org/smart-city/project/publiccode.yml"',
    "licence": '"EUPL-1.2"',
    # answers the templates leave open rather than claim (format 1.2 takes a placeholder here)
    "personal_data": "true",
    "open_source": "true",
    "type": '"municipality"',
    "state": '"DE-RP"',
    "phase": '"P2"',
}


def fill_placeholders(text: str) -> tuple[str, int]:
    """``text`` with every ``"TODO: ..."`` value replaced by a plausible value of the right type."""
    counter = iter(range(1, 10_000))

    def value(match: re.Match[str]) -> str:
        key = match.group("key") or ""
        if key in _NUMBERS:
            filled = _NUMBERS[key]
        elif key in _VALUES:
            filled = _VALUES[key]
        else:
            filled = f'"Beispiel {next(counter)}"'
        return match.group("head") + filled

    return _PLACEHOLDER.subn(value, text)


def fill_file(path: Path) -> int:
    text, count = fill_placeholders(path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")
    return count


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` with its bytes (for "nothing changed" checks)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
