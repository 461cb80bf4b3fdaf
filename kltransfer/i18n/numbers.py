"""Numbers, amounts of money and dates written the way readers of a language expect.

``lang`` defaults to the language of the messages (:func:`kltransfer.i18n.get_language`);
exports pass the language of the document they write.
"""

from __future__ import annotations

from kltransfer.i18n import get_language

TYPE_CHECKING = False  # typing is not imported at run time (docs/performance.md)
if TYPE_CHECKING:
    from typing import Any

_CURRENCY_SIGNS = {"EUR": "€", "USD": "$", "GBP": "£", "CHF": "CHF"}


def format_number(value: Any, lang: str | None = None, decimals: int | None = None) -> str:
    """``1234567.5`` as ``1.234.567,5`` (de) or ``1,234,567.5`` (en); text is returned as it is.

    ``decimals`` ``None``: none for whole numbers, else two.
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "" if value is None else str(value)
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 2
    text = f"{value:,.{decimals}f}"
    if (lang or get_language()) == "de":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def format_money(value: Any, currency: str = "EUR", lang: str | None = None, decimals: int | None = None) -> str:
    """``40000`` as ``40.000 €`` (de) or ``€40,000`` (en); ``decimals=2`` for ``40.000,00 €``."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "" if value is None else str(value)
    lang = lang or get_language()
    sign = _CURRENCY_SIGNS.get(currency, currency)
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 2
    number = format_number(value, lang, decimals)
    if lang == "de":
        return f"{number}\u00a0{sign}"
    return f"{sign}\u00a0{number}" if len(sign) > 1 else f"{sign}{number}"


_MONTHS = {
    "de": (
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}


def format_date(value: Any, lang: str | None = None) -> str:
    """A date as precise as known, written for the language: ``2024-03-31`` as ``31.03.2024`` (de;
    unchanged in English, ISO 8601), ``2024-03`` as ``März 2024`` / ``March 2024``, ``2024`` as it is."""
    if not isinstance(value, str):
        return "" if value is None else str(value)
    parts = value.split("-")
    if not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
        return value
    lang = lang or get_language()
    if len(parts) == 3 and lang == "de":
        return f"{parts[2]}.{parts[1]}.{parts[0]}"
    if len(parts) == 2 and 1 <= int(parts[1]) <= 12:
        return f"{_MONTHS.get(lang, _MONTHS['en'])[int(parts[1]) - 1]} {parts[0]}"
    return value
