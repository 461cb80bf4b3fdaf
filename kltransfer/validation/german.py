"""Numbers and dates as people in Germany write them, read exactly.

``1.500.000 €``, ``1,5 Mio. Euro``, ``150 000 EUR``, ``40.000,50 €``, ``0,5``, ``31.12.2025``
and ``12/2025`` each have one meaning; these functions find it, so that a finding can name
the value to write instead (``1500000``, ``0.5``, ``2025-12-31``). Pure functions on text:
no YAML, no messages.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

#: Characters people put between groups of thousands, besides dots and commas.
_GROUPING = " '\u2019\u00a0\u202f"
_NUMBER = re.compile(
    r"""\s*(?P<sign>[-+\u2212])?\s*(?P<before>€|EUR(?![A-Za-z]))?\s*(?P<sign2>[-+\u2212])?
    (?P<body>\d(?:[\d.,' \u2019\u00a0\u202f]*\d)?)
    \s*(?P<scale>Mio\b\.?|Millionen|Million|Mrd\b\.?|Milliarden|Milliarde|Tsd\b\.?|Tausend)?
    \s*(?P<after>€|EUR\b|Euro\b)?\s*""",
    re.VERBOSE | re.IGNORECASE,
)
_SCALES = {"mio": 10**6, "million": 10**6, "millionen": 10**6, "mrd": 10**9, "milliarde": 10**9}
_SCALES |= {"milliarden": 10**9, "tsd": 10**3, "tausend": 10**3}
_GROUPS = re.compile(r"\d{1,3}(?:X\d{3})+")


@dataclass(frozen=True, slots=True)
class NumberReading:
    """What a number written as text means.

    ``value`` is the number as YAML writes it (``1500000``, ``0.5``, ``40000.50``).
    ``other`` is set when the text has two readings (``1,500``: 1.5 with a decimal comma,
    or 1500 with a comma between thousands): then ``value`` is the decimal-comma reading
    and nobody can be sure which was meant.
    """

    value: str
    thousands: bool = False
    decimal_comma: bool = False
    money: bool = False
    other: str | None = None


def plain(number: Decimal) -> str:
    """``number`` as YAML writes it: no exponent, no thousands separators, decimals as given."""
    if number == number.to_integral_value():
        return format(number.to_integral_value(), "f")  # not int(): Python refuses to print over 4,300 digits
    return format(number, "f")


def _grouped(integer: str, separator: str) -> bool:
    return bool(_GROUPS.fullmatch(integer.replace(separator, "X"))) if separator else integer.isdigit()


def _split(body: str, scaled: bool) -> tuple[str, str, str, str | None] | None:
    """Integer digits, decimal digits, the thousands separator used and another reading, or ``None``."""
    grouping = next((ch for ch in body if ch in _GROUPING), "")
    rest = body.replace(grouping, "X") if grouping else body
    dots, commas = rest.count("."), rest.count(",")
    if dots and commas:  # the last one is the decimal separator: 1.000.000,50 or 1,000,000.50
        decimal = "," if rest.rfind(",") > rest.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        if rest.count(decimal) > 1 or grouping:
            return None
        integer, fraction = rest.split(decimal)
        return (integer, fraction, thousands, None) if _grouped(integer, thousands) else None
    mark = "." if dots else "," if commas else ""
    count = dots or commas
    if grouping:
        if count > 1 or not _grouped(rest.split(mark)[0] if mark else rest, "X"):
            return None
        integer, _, fraction = rest.partition(mark) if mark else (rest, "", "")
        return integer, fraction, "X", None
    if not mark:
        return rest, "", "", None
    parts = rest.split(mark)
    if count > 1:  # 1.500.000: only thousands can be meant
        return (rest, "", mark, None) if _grouped(rest, mark) else None
    integer, fraction = parts
    if len(fraction) == 3 and not scaled and len(integer) <= 3 and integer != "0":
        if mark == ".":  # 100.000: German thousands
            return integer + fraction, "", ".", None
        return integer, fraction, "", integer + fraction  # 1,500: 1.5 or 1500
    return integer, fraction, "", None


def read_number(text: str) -> NumberReading | None:
    """The number ``text`` stands for, or ``None`` when it is no number in a notation we know.

    Plain YAML numbers (``1500000``, ``0.5``, ``-3``) are read too; the flags say what was
    unusual about the notation (all ``False``: nothing).
    """
    match = _NUMBER.fullmatch(text)
    if match is None:
        return None
    if match["sign"] and match["sign2"]:
        return None
    sign = "-" if (match["sign"] or match["sign2"] or "+") in "-\u2212" else ""
    scale_word = (match["scale"] or "").rstrip(".").lower()
    split = _split(match["body"], bool(scale_word))
    if split is None:
        return None
    integer, fraction, thousands, other = split
    digits = integer.replace("X", "").replace(thousands, "") if thousands else integer
    if not digits.isdigit() or (fraction and not fraction.isdigit()):
        return None
    number = Decimal(f"{sign}{digits}.{fraction}" if fraction else f"{sign}{digits}")
    decimal_comma = "," in match["body"] and thousands != ","
    if scale_word:
        number = (number * _SCALES[scale_word]).normalize()
    elif other:
        number = number.normalize()  # 1,500 as a decimal is 1.5
    return NumberReading(
        plain(number),
        thousands=bool(thousands),
        decimal_comma=decimal_comma and other is None,
        money=bool(match["before"] or match["after"] or scale_word),
        other=plain(Decimal(f"{sign}{other}")) if other else None,
    )


@dataclass(frozen=True, slots=True)
class DateReading:
    """A date written the German way: ``day`` is ``YYYY-MM-DD`` (``None`` for a month alone),
    ``month`` is ``YYYY-MM``; ``exists`` is ``False`` for a day that no calendar has (31.02.)."""

    month: str
    day: str | None
    exists: bool = True


_DAY = re.compile(r"\s*(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4}|\d{2})\s*")
_MONTH = re.compile(r"\s*(\d{1,2})\s?[./]\s?(\d{4})\s*")


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:  # 31.12.25: as POSIX reads two-digit years
        year += 2000 if year < 69 else 1900
    return year


def read_date(text: str) -> DateReading | None:
    """The date in ``31.12.2025``, ``31.12.25``, ``1.3.2024``, ``12/2025`` or ``12.2025``, else ``None``."""
    match = _DAY.fullmatch(text)
    if match:
        day, month, year = int(match[1]), int(match[2]), _year(match[3])
        if not 1 <= month <= 12:
            return None
        try:
            dt.date(year, month, day)
            exists = True
        except ValueError:
            exists = False
        return DateReading(f"{year:04d}-{month:02d}", f"{year:04d}-{month:02d}-{day:02d}", exists)
    match = _MONTH.fullmatch(text)
    if match and 1 <= int(match[1]) <= 12:
        return DateReading(f"{int(match[2]):04d}-{int(match[1]):02d}", None)
    return None
