"""``export -f dcat``: a blueprint's data sets as a DCAT-AP.de catalog in Turtle.

Writes ``<id>/dcat/catalog.ttl``. The IRIs are fragments of that file at its published
address, ``<base-url>/<id>/dcat/catalog.ttl#…``. Data sets that lack what the profile
requires are reported (on their lines in ``blueprint.yaml``) and left out.
"""

from __future__ import annotations

from typing import Any

from kltransfer.dcat.describe import data_sets
from kltransfer.dcat.graph import catalog_triples
from kltransfer.dcat.settings import DcatSettings
from kltransfer.dcat.turtle import turtle

FILE = "catalog.ttl"


def render(material: Any) -> dict[str, bytes]:
    """The files of the dcat format for one blueprint; findings go to ``material.findings``."""
    settings = material.settings.get("dcat") or DcatSettings()
    assert settings.base_url and settings.contributor_id  # checked before the export starts
    document = material.document
    data = document.data if document is not None else {}
    catalog, findings = data_sets(data, document, document.path if document is not None else "")
    material.findings.extend(findings)
    if catalog is None:
        return {}
    address = f"{settings.base_url}/{data.get('id')}/dcat/{FILE}"
    triples = catalog_triples(catalog, address, settings.contributor_id, local_authority=True)
    return {FILE: turtle(triples)}
