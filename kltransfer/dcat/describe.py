"""From a loaded blueprint to DCAT descriptions, with a finding for everything the profile needs
and the blueprint lacks.

A description holds only what the blueprint says, mapped onto the vocabularies; IRIs of the
things it describes are relative (``#data-haushalt``, ``blueprints/<id>/#dataset``) and made
absolute when written (:mod:`kltransfer.dcat.graph`). A data set that lacks a value the
profile requires (a description, a URL, a licence with a dcat-ap.de entry) gets a finding on
its line in ``blueprint.yaml`` and no description: nothing is invented.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any

from kltransfer.dcat.settings import iri_problem
from kltransfer.dcat.vocabularies import file_type_iri, is_download, licence_iri, municipality_iri, theme_iris
from kltransfer.export.languages import fallback_order, resolve_text
from kltransfer.findings import Finding, Severity
from kltransfer.i18n import get_language, tr
from kltransfer.loading.keypath import KeyPath, format_key_path

#: Language tag -> text; the tag is '' for a text written as a plain string (language not stated).
Texts = dict[str, str]
_TAG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_LICENCE_EXAMPLES = "DL-DE-BY-2.0, DL-DE-ZERO-2.0, CC-BY-4.0, CC0-1.0"


@dataclass(slots=True)
class Contact:
    """A ``vcard:Kind``: who answers questions about the data."""

    names: Texts
    email: str
    url: str | None = None


@dataclass(slots=True)
class Dataset:
    """One ``dcat:Dataset`` with one ``dcat:Distribution``."""

    iri: str
    title: Texts
    description: Texts
    licence: str
    access_url: str
    themes: list[str]
    keywords: list[str] = field(default_factory=list)
    download_url: str | None = None
    landing_page: str | None = None
    file_type: str | None = None
    ags: str | None = None
    version: str | None = None
    contacts: list[Contact] = field(default_factory=list)
    #: IRI of the publisher (a ``foaf:Agent``) and its name.
    publisher_iri: str = "#publisher"
    publisher: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Dataset:
        values = dict(data)
        values["contacts"] = [Contact(**c) for c in values.get("contacts") or []]
        return cls(**values)


@dataclass(slots=True)
class Catalog:
    """The ``dcat:Catalog`` the data sets are listed in."""

    iri: str
    title: Texts
    description: Texts
    publisher: str
    publisher_iri: str
    homepage: str | None = None
    datasets: list[Dataset] = field(default_factory=list)


class _Reporter:
    """Findings about one blueprint, each on the line of the value it concerns."""

    def __init__(self, document: Any, shown: str, severity: Severity = Severity.ERROR) -> None:
        self.document = document
        self.shown = shown
        self.severity = severity
        self.findings: list[Finding] = []

    def add(self, code: str, key_path: KeyPath, message: str, hint: str, severity: Severity | None = None) -> None:
        line, column = self.document.locate(key_path) if self.document is not None else (0, 0)
        self.findings.append(
            Finding(code, message, self.shown, line, column, format_key_path(key_path), severity or self.severity, hint)
        )


def _placeholder(text: str) -> bool:
    return text.startswith("TODO")


def texts(value: Any) -> Texts:
    """A text as written (a string, or a mapping of language tag to string), placeholders left out."""
    if isinstance(value, str):
        return {"": value.strip()} if value.strip() and not _placeholder(value) else {}
    if isinstance(value, dict):
        return {
            tag: text.strip()
            for tag, text in value.items()
            if isinstance(tag, str)
            and _TAG.match(tag)
            and isinstance(text, str)
            and text.strip()
            and not _placeholder(text)
        }
    return {}


def _shown(value: Any) -> str:
    """A text for a message, in the language of the messages."""
    picked = resolve_text(value, fallback_order(get_language()))
    return str(picked) if isinstance(picked, str) else ""


def slug(value: Any) -> str:
    """A fragment for an IRI from a name: ``Kindertagesstätten`` -> ``kindertagesstaetten``."""
    picked = resolve_text(value, ("de", "en"))
    text = str(picked) if isinstance(picked, str) else ""
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"), ("Ä", "Ae"), ("Ö", "Oe"), ("Ü", "Ue")):
        text = text.replace(a, b)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:60].strip("-")


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _string(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() and not _placeholder(value) else None


def contacts(data: dict[str, Any]) -> list[Contact]:
    """The contacts that have an e-mail address, named by name, else role, else organisation."""
    found = []
    for item in data.get("contacts") or []:
        contact = _mapping(item)
        email = _string(contact.get("email"))
        if email is None or iri_problem(email):
            continue
        names = texts(contact.get("name")) or texts(contact.get("role")) or texts(contact.get("organisation"))
        url = _string(contact.get("url"))
        found.append(Contact(names or {"": email}, email, url if url and not iri_problem(url) else None))
    return found


def _lead(data: dict[str, Any]) -> tuple[KeyPath, dict[str, Any]]:
    """Who publishes: 1.2's ``owner`` body, else the lead of ``cities``, else ``city``: key path and data."""
    from kltransfer.shape import owner_body, owners

    if owner_body(data):
        return ("owner",), owner_body(data)
    found = owners(data)
    lead = next((o for o in found if o.role == "lead"), found[0] if found else None)
    return (lead.key_path, lead.data) if lead is not None else (("city",), {})


def publisher(data: dict[str, Any], report: _Reporter, consequence: str) -> str | None:
    """The name of the lead city's (or owner's) organisation (the publisher), or a finding (KT265)."""
    where, city = _lead(data)
    name = _string(city.get("organisation"))
    if name is None:
        report.add(
            "KT265",
            (*where, "organisation"),
            tr(
                "KT265",
                "the city has no 'organisation': DCAT-AP.de needs the publisher's name; {consequence}",
                consequence=consequence,
            ),
            tr(
                "KT265",
                "add 'organisation:' under 'city', e.g. organisation: Stadtverwaltung {city}",
                city=_string(city.get("name")) or "…",
            ),
        )
    return name


def geocoding(data: dict[str, Any], report: _Reporter) -> str | None:
    """The AGS of the lead city, or a warning (KT266): the place is then left out."""
    where, city = _lead(data)
    ags = city.get("ags")
    if municipality_iri(ags) is None:
        report.add(
            "KT266",
            (*where, "ags"),
            tr(
                "KT266",
                "the city has no 'ags': the DCAT output says nothing about the place (dcatde:politicalGeocodingURI)",
            ),
            tr("KT266", "add the 8-digit Amtlicher Gemeindeschlüssel under 'city', e.g. ags: \"16052000\""),
            Severity.WARNING,
        )
        return None
    return str(ags)


def _licence(value: Any, path: KeyPath, name: str, report: _Reporter, consequence: str) -> str | None:
    spdx = _string(value)
    if spdx is None:
        report.add(
            "KT262",
            path,
            tr(
                "KT262",
                "'{name}' has no licence; DCAT-AP.de requires one, so {consequence}",
                name=name,
                consequence=consequence,
            ),
            tr("KT262", "add 'licence:' with one SPDX id, e.g. {examples}", examples=_LICENCE_EXAMPLES),
        )
        return None
    iri = licence_iri(spdx)
    if iri is None:
        report.add(
            "KT263",
            path,
            tr(
                "KT263",
                "the licence '{licence}' of '{name}' has no entry in the dcat-ap.de licence list, so {consequence}",
                licence=spdx,
                name=name,
                consequence=consequence,
            ),
            tr(
                "KT263",
                "use one SPDX id the list has, e.g. {examples} (docs/export.md lists them all)",
                examples=_LICENCE_EXAMPLES,
            ),
        )
    return iri


def _url(value: Any, path: KeyPath, name: str, report: _Reporter, consequence: str) -> str | None:
    url = _string(value)
    if url is None:
        report.add(
            "KT261",
            path,
            tr(
                "KT261",
                "'{name}' has no URL; DCAT-AP.de requires an access URL, so {consequence}",
                name=name,
                consequence=consequence,
            ),
            tr(
                "KT261",
                "add 'url:' with the address where the data can be downloaded or viewed,"
                " e.g. its page on the open-data portal",
            ),
        )
        return None
    bad = iri_problem(url)
    if bad:
        report.add(
            "KT267",
            path,
            tr(
                "KT267",
                "the URL of '{name}' contains characters an IRI cannot hold ({chars}), so {consequence}",
                name=name,
                chars=bad,
                consequence=consequence,
            ),
            tr("KT267", "write them percent-encoded, a space as %20"),
        )
        return None
    return url


def data_sets(data: dict[str, Any], document: Any, shown: str) -> tuple[Catalog | None, list[Finding]]:
    """The catalog of a blueprint's data sets (``export -f dcat``) and the findings about them.

    ``None`` when no data set can be described at all (no publisher)."""
    report = _Reporter(document, shown)
    left_out = tr("KT260", "it is left out of the DCAT output")
    name = publisher(data, report, tr("KT265", "no data set is written"))
    ags = geocoding(data, report)
    entries = data.get("data") if isinstance(data.get("data"), list) else []
    if not entries:
        report.add(
            "KT268",
            ("data",),
            tr("KT268", "the blueprint lists no data sets ('data'); the DCAT catalog is written without any"),
            tr(
                "KT268", "add the data sets the project publishes under 'data': name, description, licence, format, url"
            ),
            Severity.WARNING,
        )
    if name is None:
        return None, report.findings
    catalog = Catalog("#catalog", texts(data.get("title")), texts(data.get("summary")), name, "#publisher")
    themes = theme_iris(data.get("fields_of_action"))
    people = contacts(data)
    used: set[str] = set()
    for i, raw in enumerate(entries):
        entry = _mapping(raw)
        path: KeyPath = ("data", i)
        shown_name = _shown(entry.get("name")) or str(i + 1)
        title, description = texts(entry.get("name")), texts(entry.get("description"))
        if not title or not description:
            if not title:
                message = tr(
                    "KT260",
                    "the name of data set {number} is still a placeholder;"
                    " DCAT-AP.de requires a title, so {consequence}",
                    number=i + 1,
                    consequence=left_out,
                )
                hint = tr("KT260", "write the name of the data set, in German and English (de: …, en: …)")
            else:
                message = tr(
                    "KT260",
                    "data set '{name}' has no description; DCAT-AP.de requires one, so {consequence}",
                    name=shown_name,
                    consequence=left_out,
                )
                hint = tr("KT260", "add 'description:' with a sentence or two, in German and English (de: …, en: …)")
            report.add("KT260", (*path, "name" if not title else "description"), message, hint)
        url = _url(entry.get("url"), (*path, "url"), shown_name, report, left_out)
        licence = _licence(entry.get("licence"), (*path, "licence"), shown_name, report, left_out)
        file_type = None
        fmt = _string(entry.get("format"))
        if fmt is not None:
            file_type = file_type_iri(fmt)
            if file_type is None:
                report.add(
                    "KT264",
                    (*path, "format"),
                    tr(
                        "KT264",
                        "the format '{format}' of '{name}' has no entry in the EU file-type list;"
                        " the data set is written without a format",
                        format=fmt,
                        name=shown_name,
                    ),
                    tr("KT264", "write a common name such as CSV, JSON, GeoJSON, XML, GML, XLSX or PDF"),
                    Severity.WARNING,
                )
        if not (title and description and url and licence):
            continue
        key = slug(entry.get("name")) or str(i + 1)
        fragment, n = f"data-{key}", 2
        while fragment in used:
            fragment, n = f"data-{key}-{n}", n + 1
        used.add(fragment)
        download = is_download(url)
        catalog.datasets.append(
            Dataset(
                iri="#" + fragment,
                title=title,
                description=description,
                licence=licence,
                access_url=url,
                themes=themes,
                download_url=url if download else None,
                landing_page=None if download else url,
                file_type=file_type,
                ags=ags,
                contacts=people,
                publisher_iri="#publisher",
                publisher=name,
            )
        )
    return catalog, report.findings


def blueprint_dataset(data: dict[str, Any], document: Any, shown: str) -> tuple[Dataset | None, list[Finding]]:
    """The blueprint itself as a data set of the catalog site (``catalog build``), or ``None``
    and the findings that say why it is left out of catalog.ttl and catalog.jsonld."""
    report = _Reporter(document, shown, Severity.WARNING)
    left_out = tr("KT263", "the blueprint is left out of catalog.ttl and catalog.jsonld")
    name = publisher(data, report, left_out)
    ags = geocoding(data, report)
    title = _shown(data.get("title")) or str(data.get("id", ""))
    licence = _licence(data.get("licence"), ("licence",), title, report, left_out)
    description = texts(data.get("summary"))
    if not description:
        report.add(
            "KT260",
            ("summary",),
            tr(
                "KT260",
                "the summary of '{name}' is still a placeholder; DCAT-AP.de requires a description, so {consequence}",
                name=title,
                consequence=left_out,
            ),
            tr("KT260", "write the summary in a sentence or two, in German and English (de: …, en: …)"),
        )
    blueprint_id = str(data.get("id", ""))
    if name is None or licence is None or not description or not texts(data.get("title")):
        return None, report.findings
    base = f"blueprints/{blueprint_id}/"
    page = base + "index.html"
    keywords = sorted({k.strip() for k in data.get("keywords") or [] if isinstance(k, str) and k.strip()})
    return (
        Dataset(
            iri=base + "#dataset",
            title=texts(data.get("title")),
            description=description,
            licence=licence,
            access_url=page,
            themes=theme_iris(data.get("fields_of_action")),
            keywords=keywords,
            download_url=page,
            landing_page=page,
            file_type=file_type_iri("HTML"),
            ags=ags,
            version=_string(data.get("version")),
            contacts=contacts(data),
            publisher_iri=base + "#publisher",
            publisher=name,
        ),
        report.findings,
    )
