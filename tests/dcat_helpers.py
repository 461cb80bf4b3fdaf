"""Validating DCAT output offline with pyshacl against the vendored DCAT-AP.de 2.0 profile.

The profile "Spezifikation + Konventionen" is the six shape files of ``tests/data/dcat-ap.de/``
(see its README.md). ``dcat-ap-de-imports.ttl`` names the controlled vocabularies with
``owl:imports``; the shapes are loaded as plain triples and pyshacl is told not to follow
imports, so nothing is fetched: the vocabulary subset ``vocabularies.ttl`` is added to the
data graph instead, where the official validator's imports put the vocabularies.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data" / "dcat-ap.de"
PROFILE = (
    "dcat-ap-de-imports.ttl",
    "dcat-ap-spec-german-messages.ttl",
    "dcat-ap-spec-german-additions.ttl",
    "dcat-ap-de-deprecated.ttl",
    "dcat-ap-konventionen.ttl",
    "dcat-ap_2.1.1_shacl_shapes.ttl",
)
SH = "http://www.w3.org/ns/shacl#"


@dataclass
class Outcome:
    conforms: bool
    #: severity name ("Violation", "Warning", "Info") -> (source shape, focus node, message)
    results: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)

    def of(self, severity: str) -> list[tuple[str, str, str]]:
        return self.results.get(severity, [])

    def shapes(self, severity: str) -> set[str]:
        return {shape.rsplit("/", 1)[-1].rsplit("#", 1)[-1] for shape, _, _ in self.of(severity)}


@cache
def _graphs() -> tuple[Any, Any]:
    from rdflib import Graph

    shapes = Graph()
    for name in PROFILE:
        shapes.parse(DATA / name, format="turtle")
    vocabularies = Graph()
    vocabularies.parse(DATA / "vocabularies.ttl", format="turtle")
    return shapes, vocabularies


def parse(data: bytes | str | Path, fmt: str = "turtle") -> Any:
    """An rdflib graph of ``data`` (its bytes, or a file)."""
    import warnings

    from rdflib import Graph

    graph = Graph()
    with warnings.catch_warnings():  # rdflib's JSON-LD parser uses its own deprecated ConjunctiveGraph
        warnings.simplefilter("ignore", DeprecationWarning)
        if isinstance(data, Path):
            graph.parse(data, format=fmt)
        else:
            graph.parse(data=data, format=fmt)
    return graph


def validate(data: bytes | str, fmt: str = "turtle") -> Outcome:
    from pyshacl import validate as shacl
    from rdflib import Namespace

    shapes, vocabularies = _graphs()
    graph = parse(data, fmt)
    graph += vocabularies  # the entries the shapes look up (skos:inScheme) must be in the data graph
    conforms, report, _text = shacl(
        graph,
        shacl_graph=shapes,
        inference="none",
        do_owl_imports=False,
        allow_warnings=True,
        allow_infos=True,
    )
    sh = Namespace(SH)
    outcome = Outcome(bool(conforms))
    for result in report.subjects(sh.resultSeverity, None):
        severity = str(report.value(result, sh.resultSeverity)).rsplit("#", 1)[-1]
        shape = report.value(result, sh.sourceShape)
        messages = sorted(str(m) for m in report.objects(result, sh.resultMessage))
        outcome.results.setdefault(severity, []).append(
            (str(shape), str(report.value(result, sh.focusNode)), messages[0] if messages else "")
        )
    return outcome
