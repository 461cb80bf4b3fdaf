"""Numbers, amounts of money and dates written the way readers of a language expect."""

from __future__ import annotations

from typing import Any

_CURRENCY_SIGNS = {"EUR": "€", "USD": "$", "GBP": "£", "CHF": "CHF"}


def format_number(value: Any, lang: str, decimals: int | None = None) -> str:
    """``1234567.5`` as ``1.234.567,5`` (de) or ``1,234,567.5`` (en); text is returned as it is."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "" if value is None else str(value)
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 2
    text = f"{value:,.{decimals}f}"
    if lang == "de":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def format_money(value: Any, currency: str, lang: str) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "" if value is None else str(value)
    sign = _CURRENCY_SIGNS.get(currency, currency)
    number = format_number(value, lang, 0 if float(value).is_integer() else 2)
    return f"{number}\u00a0{sign}" if lang == "de" else f"{sign}\u00a0{number}" if len(sign) > 1 else f"{sign}{number}"


def format_date(value: Any, lang: str) -> str:
    """``2024-03-31`` as ``31.03.2024`` (de) or unchanged (en, ISO 8601)."""
    if not isinstance(value, str):
        return "" if value is None else str(value)
    parts = value.split("-")
    if lang == "de" and len(parts) == 3 and all(p.isdigit() for p in parts):
        return f"{parts[2]}.{parts[1]}.{parts[0]}"
    return value
