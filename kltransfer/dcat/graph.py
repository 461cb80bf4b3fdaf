"""Descriptions as RDF triples with absolute IRIs, and the triples as JSON-LD.

Every node has an IRI (a fragment of the document that describes it): the output has no
blank nodes, so the same input always gives the same bytes. The JSON-LD is written with the
standard library (``catalog.jsonld`` needs no extra); Turtle is written by rdflib
(:mod:`kltransfer.dcat.turtle`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import cache
from typing import NamedTuple

from kltransfer.dcat.describe import Catalog, Contact, Dataset, Texts
from kltransfer.dcat.vocabularies import (
    DCAT,
    DCATDE,
    DCT,
    FOAF,
    LEVEL_MUNICIPALITY,
    LOCAL_AUTHORITY,
    OWL,
    PREFIXES,
    RDF_TYPE,
    VCARD,
    municipality_iri,
)


class IRI(NamedTuple):
    value: str


class Literal(NamedTuple):
    value: str
    lang: str = ""
    datatype: str = ""


Term = IRI | Literal
Triple = tuple[str, str, Term]


class _Graph:
    def __init__(self, document: str) -> None:
        #: Relative IRIs are resolved against this one (the document the triples are written to).
        self.document = document
        self.folder = document[: document.rfind("/") + 1]
        self.triples: list[Triple] = []

    def iri(self, value: str) -> str:
        """``value`` made absolute: ``#x`` against the document, ``a/b`` against its folder
        (what ``urljoin`` does for these forms, at a fraction of its cost)."""
        if "://" in value or value.startswith("mailto:"):
            return value
        return self.document + value if value.startswith("#") else self.folder + value

    def add(self, subject: str, predicate: str, obj: Term) -> None:
        self.triples.append((self.iri(subject), predicate, IRI(self.iri(obj.value)) if isinstance(obj, IRI) else obj))

    def texts(self, subject: str, predicate: str, values: Texts) -> None:
        for lang, text in sorted(values.items()):
            self.add(subject, predicate, Literal(text, lang))

    def agent(self, iri: str, name: str, local_authority: bool) -> None:
        self.add(iri, RDF_TYPE, IRI(FOAF + "Agent"))
        self.add(iri, RDF_TYPE, IRI(FOAF + "Organization"))
        self.add(iri, FOAF + "name", Literal(name))
        if local_authority:
            self.add(iri, DCT + "type", IRI(LOCAL_AUTHORITY))

    def contact(self, iri: str, contact: Contact) -> None:
        self.add(iri, RDF_TYPE, IRI(VCARD + "Kind"))
        self.add(iri, RDF_TYPE, IRI(VCARD + "Organization"))
        self.texts(iri, VCARD + "fn", contact.names)
        self.add(iri, VCARD + "hasEmail", IRI("mailto:" + contact.email))
        if contact.url:
            self.add(iri, VCARD + "hasURL", IRI(contact.url))

    def dataset(self, ds: Dataset, contributor: str) -> None:
        s = ds.iri
        self.add(s, RDF_TYPE, IRI(DCAT + "Dataset"))
        self.add(s, DCT + "identifier", Literal(self.iri(s)))
        self.texts(s, DCT + "title", ds.title)
        self.texts(s, DCT + "description", ds.description)
        self.add(s, DCT + "publisher", IRI(ds.publisher_iri))
        self.add(s, DCATDE + "contributorID", IRI(contributor))
        for theme in ds.themes:
            self.add(s, DCAT + "theme", IRI(theme))
        for keyword in ds.keywords:
            self.add(s, DCAT + "keyword", Literal(keyword))
        if ds.landing_page:
            self.add(s, DCAT + "landingPage", IRI(ds.landing_page))
        geocoding = municipality_iri(ds.ags)
        if geocoding:
            self.add(s, DCATDE + "politicalGeocodingURI", IRI(geocoding))
            self.add(s, DCATDE + "politicalGeocodingLevelURI", IRI(LEVEL_MUNICIPALITY))
        if ds.version:
            self.add(s, OWL + "versionInfo", Literal(ds.version))
        for n, contact in enumerate(ds.contacts, 1):
            iri = ds.publisher_iri.split("#", 1)[0] + f"#contact-{n}"  # shared by the blueprint's data sets
            self.add(s, DCAT + "contactPoint", IRI(iri))
            self.contact(iri, contact)
        self.agent(ds.publisher_iri, ds.publisher, True)
        dist = f"{ds.iri}-distribution"
        self.add(s, DCAT + "distribution", IRI(dist))
        self.add(dist, RDF_TYPE, IRI(DCAT + "Distribution"))
        self.texts(dist, DCT + "title", ds.title)
        self.add(dist, DCAT + "accessURL", IRI(ds.access_url))
        if ds.download_url:
            self.add(dist, DCAT + "downloadURL", IRI(ds.download_url))
        if ds.file_type:
            self.add(dist, DCT + "format", IRI(ds.file_type))
        self.add(dist, DCT + "license", IRI(ds.licence))


def catalog_triples(catalog: Catalog, document: str, contributor: str, *, local_authority: bool) -> list[Triple]:
    """The catalog and its data sets as triples, relative IRIs resolved against ``document``.

    ``local_authority``: the catalog's publisher is a municipality (``dct:type``)."""
    graph = _Graph(document)
    c = catalog.iri
    graph.add(c, RDF_TYPE, IRI(DCAT + "Catalog"))
    graph.texts(c, DCT + "title", catalog.title)
    graph.texts(c, DCT + "description", catalog.description)
    graph.add(c, DCT + "publisher", IRI(catalog.publisher_iri))
    graph.agent(catalog.publisher_iri, catalog.publisher, local_authority)
    if catalog.homepage:
        graph.add(c, FOAF + "homepage", IRI(catalog.homepage))
    for ds in catalog.datasets:
        graph.add(c, DCAT + "dataset", IRI(ds.iri))
        graph.dataset(ds, contributor)
    return sorted(set(graph.triples), key=_order)


def _order(triple: Triple) -> tuple[str, str, str, str, str]:
    s, p, o = triple
    return (s, p, *o) if isinstance(o, Literal) else (s, p, o.value, "", "")


# --- JSON-LD ---------------------------------------------------------------------------------


@cache
def _compact(iri: str) -> str:
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and iri[len(namespace) :].replace("_", "").isalnum():
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def _value(term: Term) -> dict[str, str]:
    if isinstance(term, IRI):
        return {"@id": term.value}
    value = {"@value": term.value}
    if term.lang:
        value["@language"] = term.lang
    elif term.datatype:
        value["@type"] = term.datatype
    return value


def jsonld_nodes(triples: Iterable[Triple]) -> Iterator[dict[str, object]]:
    """One JSON-LD node object per subject, in the order of ``triples`` (sorted by subject)."""
    node: dict[str, object] | None = None
    for s, p, o in triples:
        if node is None or node["@id"] != s:
            if node is not None:
                yield node
            node = {"@id": s}
        if p == RDF_TYPE and isinstance(o, IRI):
            types = node.setdefault("@type", [])
            assert isinstance(types, list)
            types.append(_compact(o.value))
        else:
            values = node.setdefault(_compact(p), [])
            assert isinstance(values, list)
            values.append(_value(o))
    if node is not None:
        yield node


def jsonld_text(triples: Iterable[Triple]) -> Iterator[str]:
    """The triples as a JSON-LD document (``@context`` with the prefixes, then ``@graph``), in pieces."""
    yield '{\n "@context": ' + json.dumps(PREFIXES, sort_keys=True, allow_nan=False) + ',\n "@graph": ['
    separator = "\n  "
    for node in jsonld_nodes(triples):
        yield separator + json.dumps(node, ensure_ascii=False, sort_keys=True, allow_nan=False)
        separator = ",\n  "
    yield "\n ]\n}\n"
