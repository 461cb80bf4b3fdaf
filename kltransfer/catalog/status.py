"""The catalog's status page (``status.html``, ``status.json``): every source, how many
blueprints it gave, and every blueprint left out with its findings, in the catalog's language.

The console reports the same findings in the language of the messages; where the catalog is
written in another language, the blueprints left out are checked once more in that language
(only those, so it costs nothing when all are valid).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from kltransfer import __version__
from kltransfer.catalog.sources import Found, Source
from kltransfer.findings import FileReport, Finding

STATUS_HTML, STATUS_JSON = "status.html", "status.json"


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Messages in ``lang`` while inside."""
    from kltransfer.i18n import get_language, set_language

    before = get_language()
    set_language(lang)
    try:
        yield
    finally:
        set_language(before)


@dataclass(slots=True)
class _Tally:
    source: Source
    found: int = 0
    included: int = 0
    left_out: int = 0


@dataclass(slots=True)
class _LeftOut:
    found: Found
    report: FileReport
    #: the findings again, in the catalog's language (None: the report's are)
    again: Callable[[], list[Finding]] | None = None


@dataclass(slots=True)
class Status:
    lang: str
    sources: list[_Tally] = field(default_factory=list)
    left_out: list[_LeftOut] = field(default_factory=list)
    _by_given: dict[int, _Tally] = field(default_factory=dict)

    def add_source(self, source: Source) -> None:
        item = _Tally(source)
        self.sources.append(item)
        self._by_given[id(source)] = item

    def _of(self, found: Found) -> _Tally:
        return self._by_given[id(found.source)]

    def seen(self, found: Found) -> None:
        self._of(found).found += 1

    def included(self, found: Found) -> None:
        self._of(found).included += 1

    def leave_out(self, found: Found, report: FileReport, again: Callable[[], list[Finding]] | None = None) -> None:
        self._of(found).left_out += 1
        self.left_out.append(_LeftOut(found, report, again))

    def _findings(self, item: _LeftOut) -> list[Finding]:
        """The findings of a blueprint left out, in the catalog's language (checked again if need be)."""
        from kltransfer.i18n import get_language

        if self.lang == get_language():
            return list(item.report.findings)
        with speaking(self.lang):
            if item.again is not None:
                return item.again()
            return _check_again(item.found)

    def to_dict(self) -> dict[str, Any]:
        """``status.json``: call while the sources' files are still there (before the build ends)."""
        return {
            "format": "1",
            "generator": f"kltransfer {__version__}",
            "lang": self.lang,
            "sources": [
                {
                    "source": s.source.given,
                    "kind": s.source.kind,
                    "ref": s.source.ref,
                    "commit": s.source.commit,
                    "found": s.found,
                    "included": s.included,
                    "left_out": s.left_out,
                }
                for s in self.sources
            ],
            "left_out": [
                {
                    "source": item.found.source.given,
                    "path": item.found.shown,
                    "findings": [_finding(f) for f in self._findings(item)],
                }
                for item in self.left_out
            ],
        }


def _finding(finding: Finding) -> dict[str, Any]:
    data = finding.to_dict()
    data.pop("path", None)
    return data


def _check_again(found: Found) -> list[Finding]:
    from kltransfer.i18n import _
    from kltransfer.validation.validate import load_checked

    try:
        _doc, report = load_checked(found.path, display=found.shown)
    except OSError as exc:
        from kltransfer.i18n.reasons import os_reason

        return [Finding("KT901", _("cannot read the file: {reason}", reason=os_reason(exc)), found.shown)]
    return [f for f in report.findings if f.severity.value == "error"] or list(report.findings)


def write_status(out: Any, status: dict[str, Any], lang: str) -> None:
    """Write status.json and status.html (from :meth:`Status.to_dict`) through ``out``."""
    from kltransfer.catalog.pages import json_text
    from kltransfer.catalog.render import environment, labels

    out.write(STATUS_JSON, json_text(status))
    template = environment().get_template("status.html.j2")
    out.write(
        STATUS_HTML,
        template.render(lang=lang, t=labels(lang), status=status, generator_version=__version__),
    )
