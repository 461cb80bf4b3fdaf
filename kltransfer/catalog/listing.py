"""Collect catalog entries from paths: validate each blueprint, keep the valid ones."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field

from kltransfer.catalog.entries import Entry, make_entry
from kltransfer.catalog.query import Condition, search_matches
from kltransfer.findings import FileReport, Finding
from kltransfer.i18n import _
from kltransfer.i18n.reasons import os_reason
from kltransfer.validation.discovery import discover
from kltransfer.validation.validate import load_checked


@dataclass(slots=True)
class Listing:
    entries: list[Entry] = field(default_factory=list)
    #: blueprints left out because they are invalid, with their findings
    invalid: list[FileReport] = field(default_factory=list)


def list_blueprints(
    paths: Sequence[str | os.PathLike[str]], *, where: Sequence[str] = (), search: str | None = None, lang: str = "de"
) -> Listing:
    """Entries of the valid blueprints under ``paths`` that pass every filter and the search."""
    conditions = [Condition.parse(w) for w in where]
    listing = Listing()
    for path in discover(paths):
        try:
            doc, report = load_checked(path)
        except OSError as exc:
            message = _("cannot read the file: {reason}", reason=os_reason(exc))
            listing.invalid.append(FileReport(path, [Finding("KT901", message, path)]))
            continue
        if doc is None or report.errors:
            listing.invalid.append(report)
            continue
        entry = make_entry(doc.data, path, lang)
        if all(c.matches(doc.data, entry) for c in conditions) and (not search or search_matches(entry, search)):
            listing.entries.append(entry)
    listing.entries.sort(key=lambda e: (e.title.casefold(), e.id))
    return listing
