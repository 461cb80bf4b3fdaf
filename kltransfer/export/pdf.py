"""The ``pdf`` format: one A4 document per blueprint, for a council, made with WeasyPrint.

- PDF/A-3b with the source ``blueprint.yaml`` embedded as an associated file
  (``AFRelationship /Source``), so the printed copy carries the machine-readable original.
- Cover page, table of contents with page numbers, a page header and a "page x of y" footer:
  ``templates/export/pdf/document.html.j2`` and ``pdf/print.css`` (a theme may override both).
- Reproducible bytes: the date on the cover and in the metadata is :func:`document_time`, the
  file identifier a hash of the content; nothing is fetched (only ``data:`` URLs are allowed).

WeasyPrint is an optional extra (``pip install 'kltransfer[pdf]'``) that loads the Pango
libraries when it is imported; it is imported here only when a PDF is made
(:func:`load_weasyprint`), never by ``validate`` or the other formats.
"""

from __future__ import annotations

import base64
import datetime as dt
import logging
import os
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from markupsafe import Markup

from kltransfer.export.errors import PdfUnavailable, ThemeError
from kltransfer.i18n import _

#: The Debian/Ubuntu packages with the libraries WeasyPrint loads (Pango, HarfBuzz).
SYSTEM_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"
#: The variant written: PDF/A-3 allows embedded files of any type, PDF/A-2 only PDF files.
PDF_VARIANT = "pdf/a-3b"
_COUNTERS = re.compile(r"(\{pages?\})")
_SCHEME = re.compile(r"^(?:https?://)?(?:www\.)?", re.IGNORECASE)


def load_weasyprint() -> Any:
    """The ``weasyprint`` module, or :class:`PdfUnavailable` naming what to install."""
    try:
        import weasyprint
    except ImportError as exc:
        raise PdfUnavailable(
            _("the PDF export needs WeasyPrint, which is not installed ({reason})", reason=exc),
            hint=_(
                "install it with: pip install 'kltransfer[pdf]'; it also needs the Pango libraries "
                "(Debian/Ubuntu: apt install {packages})",
                packages=SYSTEM_PACKAGES,
            ),
        ) from exc
    except OSError as exc:  # installed, but a system library it loads at import is missing
        raise PdfUnavailable(
            _("the PDF export needs the Pango libraries, which WeasyPrint could not load ({reason})", reason=exc),
            hint=_("install them (Debian/Ubuntu: apt install {packages})", packages=SYSTEM_PACKAGES),
        ) from exc
    return weasyprint


def css_content(label: object) -> Markup:
    """A label as the value of CSS ``content``: quoted and escaped, ``{page}`` and ``{pages}``
    as the page counters (``"Seite {page} von {pages}"``)."""
    parts = []
    for part in _COUNTERS.split("" if label is None else str(label)):
        if part in ("{page}", "{pages}"):
            parts.append(f"counter({part[1:-1]})")
        elif part:
            escaped = "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in part)
            parts.append(f'"{escaped}"')
    return Markup(" ".join(parts) or '""')


def document_time(blueprint: Path, environ: Mapping[str, str] = os.environ) -> int:
    """When the document's content was last changed (seconds since the epoch), for "as of".

    ``SOURCE_DATE_EPOCH`` when set; else the time of the git commit the blueprint lies in,
    when its folder has no uncommitted changes; else the blueprint file's modification time.
    """
    from kltransfer.export.bundle import build_time
    from kltransfer.export.provenance import read_provenance

    if environ.get("SOURCE_DATE_EPOCH", "").strip():
        return build_time(None, environ)
    provenance = read_provenance(blueprint)
    if provenance.git is not None and not provenance.git["dirty"] and provenance.commit_time is not None:
        return provenance.commit_time
    return int(blueprint.stat().st_mtime)


def iso_date(seconds: int) -> str:
    return dt.datetime.fromtimestamp(seconds, dt.UTC).strftime("%Y-%m-%d")


def _same_place(text: str, url: str) -> bool:
    """Whether a link's text already shows its address (``www.example.de`` for ``https://www.example.de/``)."""
    return _SCHEME.sub("", text.strip()).rstrip("/").lower() == _SCHEME.sub("", url.strip()).rstrip("/").lower()


def mark_printed_links(root: Any) -> None:
    """Give each web link whose text is not its address ``data-print-url``: the print
    stylesheet writes the address after the text."""
    for link in root.iter("a"):
        href = (link.get("href") or "").strip()
        if href.lower().startswith(("https://", "http://")) and not _same_place("".join(link.itertext()), href):
            link.set("data-print-url", href)


def _add_stylesheet(root: Any, css: str) -> None:
    """``css`` as the document's first stylesheet: an author's, as the ``<style>`` of the
    template that follows it (stylesheets passed to WeasyPrint count as the user's and lose)."""
    from xml.etree.ElementTree import Element

    head = root.find("head")
    style = Element("style")
    style.text = css
    (head if head is not None else root).insert(0, style)


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def _weasyprint_messages() -> Iterator[list[logging.LogRecord]]:
    """WeasyPrint's warnings and errors while inside, kept from the terminal (they are English
    and technical; the default templates cause none, a test checks)."""
    logger = logging.getLogger("weasyprint")
    collector, propagate = _Collector(), logger.propagate
    logger.addHandler(collector)
    logger.propagate = False
    try:
        yield collector.records
    finally:
        logger.removeHandler(collector)
        logger.propagate = propagate


def write_pdf(html: str, css: str, *, source: bytes, source_name: str, description: str, time: int) -> bytes:
    """The PDF/A-3b of ``html`` styled with ``css``, with ``source`` attached as ``source_name``."""
    weasyprint = load_weasyprint()
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"data"})  # nothing from the network or the disk
    when = dt.datetime.fromtimestamp(time, dt.UTC)
    data_url = "data:application/yaml;base64," + base64.b64encode(source).decode("ascii")
    with _weasyprint_messages() as messages:
        document = weasyprint.HTML(string=html, url_fetcher=fetcher)
        _add_stylesheet(document.etree_element, css)
        mark_printed_links(document.etree_element)
        attachment = weasyprint.Attachment(
            url=data_url,
            url_fetcher=fetcher,
            name=source_name,
            description=description,
            created=when,
            modified=when,
            relationship="Source",
        )
        content = document.write_pdf(
            pdf_variant=PDF_VARIANT,
            attachments=[attachment],
        )
    errors = [r for r in messages if r.levelno >= logging.ERROR]
    if errors:
        raise ThemeError(
            _("the PDF could not be made as the templates ask ({reason})", reason=errors[0].getMessage()),
            hint=_("check the theme's pdf/ templates against templates/export/pdf/"),
        )
    assert isinstance(content, bytes)
    return content
