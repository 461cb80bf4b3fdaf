"""Checks beyond the JSON Schema: what a schema cannot say about a blueprint.

Each check reads the (schema-shaped) data defensively: it runs even when the schema found
problems elsewhere, and skips values of the wrong type, which the schema already reported.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from kltransfer.findings import Finding, Severity
from kltransfer.i18n import tr
from kltransfer.i18n.numbers import format_money
from kltransfer.loading.keypath import KeyPath, format_key_path
from kltransfer.loading.yaml_loader import Document
from kltransfer.schema import CURRENT, VERSION_KEY, VERSIONS
from kltransfer.shape import PartialDate, funding_sources, is_unknown, items, number, own_share, partial_date
from kltransfer.validation.schema_check import one_line
from kltransfer.validation.spdx import check_expression
from kltransfer.validation.v1_2 import check_format_1_2

TYPE_CHECKING = False  # typing is not imported at run time (docs/performance.md)
if TYPE_CHECKING:
    from typing import Any

PLACEHOLDER = re.compile(r"^TODO\b")
_EMAIL = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"
)
#: a label of a host name: ASCII letters, digits, "-" and every character from U+00C0 to U+FFFF, written
#: as the complement ([A-Za-z0-9\u00c0-\uffff-] compiles ten times slower, at every start)
_LABEL = r"[^\x00-\x2c./:-@\[-`{-\xbf\U00010000-\U0010ffff]"
_HOST = re.compile(rf"^(localhost|{_LABEL}+(\.{_LABEL}+)+)(:[0-9]{{1,5}})?$")

Emit = Callable[..., None]


def _is_placeholder(value: Any) -> bool:
    return isinstance(value, str) and PLACEHOLDER.match(value) is not None


def check_semantics(doc: Document, base_dir: Path | None) -> list[Finding]:
    findings: list[Finding] = []

    def emit(
        code: str,
        path: KeyPath,
        message: str,
        hint: str | None = None,
        severity: Severity = Severity.ERROR,
        key: bool = False,
    ) -> None:
        if doc.is_reported(path):
            return
        line, col = doc.locate(path, key=key)
        message = one_line(message)
        findings.append(Finding(code, message, doc.path, line, col, format_key_path(path), severity, hint))

    data = doc.data
    _check_format_version(data, emit)
    _check_dates(data, emit)
    _check_licences(data, emit)
    _check_texts(data, (), emit)
    _check_costs(data, emit)
    _check_files(data, base_dir, emit)
    _check_duplicates(data, emit)
    check_format_1_2(data, emit, _date)
    return findings


def _check_format_version(data: dict[str, Any], emit: Emit) -> None:
    version = data.get(VERSION_KEY)
    if version in VERSIONS and VERSIONS.index(version) < VERSIONS.index(CURRENT):
        emit(
            "KT300",
            (VERSION_KEY,),
            tr(
                "KT300",
                "the file uses the older format {version}; the newest is {current}",
                version=version,
                current=CURRENT,
            ),
            tr("KT300", "run 'kltransfer migrate' on it to upgrade it (comments are kept)"),
            Severity.WARNING,
        )


def _date(value: Any, path: KeyPath, emit: Emit) -> PartialDate | None:
    """A date as precise as written (2025, 2025-06, 2025-06-30); ``<`` and ``>`` compare what both know."""
    try:
        return partial_date(value)
    except ValueError:
        emit(
            "KT202",
            path,
            tr("KT202", "'{value}' is not a date that exists", value=value),
            tr("KT202", "write a real calendar date as YYYY-MM-DD"),
        )
        return None


def _check_dates(data: dict[str, Any], emit: Emit) -> None:
    timeline = data.get("timeline")
    if isinstance(timeline, dict):
        start = _date(timeline.get("start"), ("timeline", "start"), emit)
        end = _date(timeline.get("end"), ("timeline", "end"), emit)
        if start and end and end < start:
            emit(
                "KT201",
                ("timeline", "end"),
                tr("KT201", "the end ({end}) is before the start ({start})", end=end, start=start),
                tr("KT201", "swap the two dates or correct one of them"),
            )
        previous: tuple[PartialDate, int] | None = None
        for i, milestone in items(timeline, "milestones"):
            path = ("timeline", "milestones", i, "date")
            when = _date(milestone.get("date"), path, emit)
            if when is None:
                continue
            if end and when > end:
                emit(
                    "KT201",
                    path,
                    tr("KT201", "the milestone date {date} is after the project end ({end})", date=when, end=end),
                    tr("KT201", "move the end date or the milestone"),
                )
            elif previous and when < previous[0]:
                emit(
                    "KT201",
                    path,
                    tr(
                        "KT201",
                        "the milestones are not in order: {date} comes after {previous} (milestone {number})",
                        date=when,
                        previous=previous[0],
                        number=previous[1] + 1,
                    ),
                    tr("KT201", "list milestones from the earliest to the latest"),
                )
            previous = (when, i)
    for gi, goal in items(data, "goals"):
        for ki, kpi in items(goal, "kpis"):
            _date(kpi.get("measured"), ("goals", gi, "kpis", ki, "measured"), emit)
    origin = data.get("origin")
    if isinstance(origin, dict):
        _date(origin.get("adopted"), ("origin", "adopted"), emit)
    privacy = data.get("privacy")  # format 1.1
    if isinstance(privacy, dict) and isinstance(privacy.get("impact_assessment"), dict):
        _date(privacy["impact_assessment"].get("date"), ("privacy", "impact_assessment", "date"), emit)


def _check_licences(data: dict[str, Any], emit: Emit) -> None:
    places: list[tuple[KeyPath, Any]] = [(("licence",), data.get("licence"))]
    for section in ("components", "data"):
        places += [((section, i, "licence"), item.get("licence")) for i, item in items(data, section)]
    for path, value in places:
        if isinstance(value, str) and value and not _is_placeholder(value) and not is_unknown(value):
            problem = check_expression(value)
            if problem:
                emit("KT203", path, problem, tr("KT203", "see https://spdx.org/licenses/ for the identifiers"))


def _check_texts(value: Any, path: KeyPath, emit: Emit) -> None:
    """One walk over every value: placeholders (KT220) anywhere, e-mail and web addresses by key."""
    if isinstance(value, dict):
        for key, child in value.items():
            child_path = (*path, key)
            if isinstance(child, str) and not _is_placeholder(child):
                if key == "email":
                    _check_email(child, child_path, emit)
                elif key in ("url", "repository") or (key == "publiccode" and "://" in child):
                    _check_url(child, child_path, emit)
            else:
                _check_texts(child, child_path, emit)
    elif isinstance(value, list):
        for i, child in enumerate(value):
            _check_texts(child, (*path, i), emit)
    elif _is_placeholder(value):
        said = value[4:].lstrip(" :")
        hint = tr("KT220", "the placeholder says: {text}", text=said) if said else None
        message = tr("KT220", "'{key_path}' is still to be filled in", key_path=format_key_path(path))
        emit("KT220", path, message, hint, Severity.WARNING)


def _check_email(value: str, path: KeyPath, emit: Emit) -> None:
    if not _EMAIL.fullmatch(value):
        emit(
            "KT204",
            path,
            tr("KT204", "'{value}' is not an e-mail address", value=value),
            tr("KT204", "write it as name@example.de, without spaces or angle brackets"),
        )


def _check_url(value: str, path: KeyPath, emit: Emit) -> None:
    try:
        parts = urlsplit(value)
        netloc_ok = bool(_HOST.match(parts.netloc.rsplit("@", 1)[-1]))
    except ValueError:
        parts, netloc_ok = None, False
    spaces = any(ch.isspace() for ch in value)  # urlsplit drops tabs and line breaks silently
    if parts is None or parts.scheme not in ("http", "https") or not netloc_ok or spaces:
        hint = tr("KT205", "start it with https:// and the host name, e.g. https://www.example.de/page")
        if parts is not None and parts.scheme == "" and "." in value.split("/")[0]:
            hint = tr("KT205", "add the scheme: {url}", url="https://" + value)
        emit("KT205", path, tr("KT205", "'{value}' is not a web address (http or https URL)", value=value), hint)


def _check_costs(data: dict[str, Any], emit: Emit) -> None:
    costs = data.get("costs")
    if not isinstance(costs, dict):
        return
    currency = costs.get("currency", "EUR") if isinstance(costs.get("currency"), str) else "EUR"
    for block in ("investment", "operation_per_year"):
        section = costs.get(block)
        if not isinstance(section, dict) or not isinstance(section.get("breakdown"), list):
            continue
        total = number(section.get("total"))
        amounts = [number(item.get("amount")) for _, item in items(section, "breakdown")]
        if total is None or not amounts or any(a is None for a in amounts):
            continue
        summed = sum(a for a in amounts if a is not None)
        if abs(summed - total) > 0.005:
            emit(
                "KT206",
                ("costs", block, "total"),
                tr(
                    "KT206",
                    "the total is {total} but the breakdown adds up to {sum}",
                    total=format_money(total, currency, decimals=2),
                    sum=format_money(summed, currency, decimals=2),
                ),
                tr("KT206", "correct the total or the amounts of the breakdown"),
            )
    _check_funding(data, costs, currency, emit)


def _check_funding(data: dict[str, Any], costs: dict[str, Any], currency: str, emit: Emit) -> None:
    """KT207: the funding sources and the own share together must not exceed the investment."""
    investment = costs.get("investment")
    total = number(investment.get("total")) if isinstance(investment, dict) else None
    if total is None:
        return
    sources_path, sources = funding_sources(data)
    share_path, share_value = own_share(data)
    amounts = [number(item.get("amount")) for _, item in sources]
    share = number(share_value)
    summed = sum(a for a in amounts if a is not None) + (share or 0.0)
    if summed > total + 0.005:
        emit(
            "KT207",
            share_path if share is not None else sources_path,
            tr(
                "KT207",
                "the funding and the own share add up to {sum}, more than the investment total of {total}",
                sum=format_money(summed, currency, decimals=2),
                total=format_money(total, currency, decimals=2),
            ),
            tr("KT207", "correct the amounts or {key_path}", key_path="costs.investment.total"),
        )


def _check_files(data: dict[str, Any], base_dir: Path | None, emit: Emit) -> None:
    """KT208, KT210-KT214: each local file the blueprint points to, through the one reader's checks."""
    if base_dir is None:
        return
    from kltransfer.references import inspect_reference, local_references

    for path, value in local_references(data):
        refused = inspect_reference(base_dir, value)
        if refused is not None:
            emit(refused.code, path, refused.message, refused.hint)


def _check_duplicates(data: dict[str, Any], emit: Emit) -> None:
    for section, key in (("components", "name"), ("standards", "name"), ("partners", "name")):
        seen: dict[str, int] = {}
        for i, item in items(data, section):
            name = item.get(key)
            if not isinstance(name, str):
                continue
            if name.casefold() in seen:
                emit(
                    "KT209",
                    (section, i, key),
                    tr(
                        "KT209",
                        "'{name}' is listed twice in {section} (also entry {number})",
                        name=name,
                        section=section,
                        number=seen[name.casefold()] + 1,
                    ),
                    tr("KT209", "merge the two entries"),
                )
            else:
                seen[name.casefold()] = i
