"""Triples as Turtle; rdflib, the optional extra ``pip install 'kltransfer[rdf]'``, writes the terms.

rdflib is imported here only, when Turtle is written; ``validate`` and every other command
never load it. Without it, :func:`turtle` raises KT920 naming the extra.

rdflib writes every IRI and literal (``n3()``: escaping, language tags, datatypes); the
statements are laid out here, one block per subject in the triples' order, predicates and
objects sorted. rdflib's own Turtle serializer would do the same, but it looks up a prefix
for every IRI in a structure that grows with each distinct namespace: 2,000 blueprints took
70 s there, against well under a second here. There are no blank nodes, so the bytes depend
on the triples alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby

from kltransfer.dcat.graph import IRI, Triple
from kltransfer.dcat.settings import rdf_missing
from kltransfer.dcat.vocabularies import PREFIXES, RDF_TYPE


def _name(iri: str, uri_ref: type) -> str:
    """``dcat:Dataset`` for an IRI in a known namespace with a plain local name, else ``<iri>``."""
    for prefix, namespace in PREFIXES.items():
        local = iri[len(namespace) :]
        if iri.startswith(namespace) and local.replace("_", "").isalnum() and local[0].isalpha():
            return f"{prefix}:{local}"
    return str(uri_ref(iri).n3())


def turtle(triples: Iterable[Triple]) -> bytes:
    """The triples (sorted by subject, as :func:`kltransfer.dcat.graph.catalog_triples` gives them) as Turtle."""
    try:
        from rdflib import Literal, URIRef
    except ImportError:
        raise rdf_missing() from None

    written: dict[object, str] = {}  # themes, licences, names and predicates recur in every block

    def term(obj: object) -> str:
        found = written.get(obj)
        if found is None:
            if isinstance(obj, IRI):
                found = _name(obj.value, URIRef)
            else:
                value, lang, datatype = obj  # type: ignore[misc]
                found = str(Literal(value, lang=lang or None, datatype=URIRef(datatype) if datatype else None).n3())
            written[obj] = found
        return found

    lines = [f"@prefix {prefix}: <{namespace}> ." for prefix, namespace in sorted(PREFIXES.items())]
    for subject, group in groupby(triples, key=lambda t: t[0]):
        by_predicate: dict[str, list[str]] = {}
        for _s, p, o in group:
            by_predicate.setdefault("a" if p == RDF_TYPE else term(IRI(p)), []).append(term(o))
        statements = []
        for predicate in sorted(by_predicate, key=lambda p: (p != "a", p)):
            objects = sorted(set(by_predicate[predicate]))
            statements.append(f"{predicate} " + ",\n        ".join(objects))
        lines.append("")
        lines.append(f"{URIRef(subject).n3()} " + " ;\n    ".join(statements) + " .")
    return ("\n".join(lines) + "\n").encode("utf-8")
