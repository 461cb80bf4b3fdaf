"""Triples as Turtle, written by rdflib: the optional extra ``pip install 'kltransfer[rdf]'``.

rdflib is imported here only, when Turtle is written; ``validate`` and every other command
never load it. Without it, :func:`turtle` raises KT920 naming the extra.
"""

from __future__ import annotations

from collections.abc import Iterable

from kltransfer.dcat.graph import IRI, Triple
from kltransfer.dcat.settings import rdf_missing
from kltransfer.dcat.vocabularies import PREFIXES


def turtle(triples: Iterable[Triple]) -> bytes:
    """The triples as Turtle (UTF-8). rdflib sorts subjects and properties; the graph has no
    blank nodes, so the bytes depend on the triples alone."""
    try:
        from rdflib import Graph, Literal, URIRef
    except ImportError:
        raise rdf_missing() from None
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for s, p, o in triples:
        if isinstance(o, IRI):
            obj: URIRef | Literal = URIRef(o.value)
        else:
            obj = Literal(o.value, lang=o.lang or None, datatype=URIRef(o.datatype) if o.datatype else None)
        graph.add((URIRef(s), URIRef(p), obj))
    return graph.serialize(format="turtle", encoding="utf-8")
