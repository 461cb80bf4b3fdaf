"""DCAT-AP.de: the metadata German open-data portals exchange and GovData harvests.

- ``export -f dcat`` describes a blueprint's data sets (its ``data`` section) as a
  ``dcat:Catalog`` in Turtle (:mod:`kltransfer.dcat.export`);
- ``catalog build`` describes every blueprint of the catalog as a ``dcat:Dataset`` in
  ``catalog.ttl`` and ``catalog.jsonld`` (:mod:`kltransfer.dcat.catalog`).

Both follow the DCAT-AP.de 2.0 profile "Spezifikation + Konventionen". What the profile
requires and a blueprint lacks is reported as a finding on the blueprint's line, and that
data set is left out: nothing is invented (:mod:`kltransfer.dcat.describe`). The controlled
vocabularies (licences, data themes, file types, political geocoding) are mapped in
:mod:`kltransfer.dcat.vocabularies`. Descriptions become plain triples
(:mod:`kltransfer.dcat.graph`), written as JSON-LD by the standard library and as Turtle by
rdflib, the optional extra ``kltransfer[rdf]`` (:mod:`kltransfer.dcat.turtle`), imported only
when Turtle is written.
"""
