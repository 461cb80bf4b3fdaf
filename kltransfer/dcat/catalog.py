"""``catalog build``: every blueprint of the catalog site as a ``dcat:Dataset``, in
``catalog.ttl`` (Turtle, needs ``kltransfer[rdf]``) and ``catalog.jsonld`` (the same triples).

Each blueprint's description is made once, when its page is rendered, and kept with its
entry in the build state (:func:`describe`); the files are written from all entries at the
end (:func:`write_rdf`). The IRIs are made absolute with ``--base-url`` (the address the
catalog site is published at): the catalog is ``<base>/#catalog``, a blueprint
``<base>/blueprints/<id>/#dataset``, its page the distribution. Without a base URL, a GovData
contributor ID or a publisher for the catalog, neither file is written (they could not
conform) and a notice says which setting is missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kltransfer.dcat.describe import Catalog, Dataset, blueprint_dataset
from kltransfer.dcat.errors import NO_PUBLISHER, BaseUrlError, ContributorError, RdfExtraMissing
from kltransfer.dcat.graph import catalog_triples, jsonld_text
from kltransfer.dcat.settings import DcatSettings, rdf_available
from kltransfer.findings import FileReport, Finding, Severity
from kltransfer.i18n import N_, _, translations

TURTLE, JSONLD = "catalog.ttl", "catalog.jsonld"
_TITLE = N_("Blueprint catalog")
_DESCRIPTION = N_("Municipal digitalisation projects, described for reuse by other cities.")


def describe(data: dict[str, Any], document: Any, shown: str) -> dict[str, Any]:
    """What the build state keeps of a blueprint for the DCAT files: its description and findings."""
    dataset, findings = blueprint_dataset(data, document, shown)
    return {
        "dataset": dataset.to_dict() if dataset is not None else None,
        "findings": [f.to_dict() for f in findings],
    }


@dataclass(slots=True)
class RdfOutcome:
    #: The files written (``catalog.ttl``, ``catalog.jsonld``).
    written: list[str] = field(default_factory=list)
    #: Why a file was not written: (code, message, hint).
    notices: list[tuple[str, str, str]] = field(default_factory=list)
    #: Findings about blueprints (left out of the files, or described with less), by file.
    findings: list[FileReport] = field(default_factory=list)


def _both(msgid: str) -> dict[str, str]:
    """``msgid`` in German and English; German only where a translation exists (never English tagged as German)."""
    texts = {"en": msgid}
    german = translations("de").gettext(msgid)
    if german != msgid:
        texts["de"] = german
    return texts


def _missing(settings: DcatSettings) -> tuple[str, str, str] | None:
    if settings.base_url is None:
        return (
            BaseUrlError.code,
            _("catalog.ttl and catalog.jsonld need the address the catalog is published at (absolute IRIs)"),
            _("pass --base-url https://… or set dcat.base-url in .kltransfer.yaml"),
        )
    if settings.contributor_id is None:
        return (
            ContributorError.code,
            _("catalog.ttl and catalog.jsonld need the contributor ID GovData assigned to you (dcatde:contributorID)"),
            _("set dcat.contributor-id in .kltransfer.yaml"),
        )
    if settings.publisher is None:
        return (
            NO_PUBLISHER,
            _("catalog.ttl and catalog.jsonld need the name of who publishes the catalog (dct:publisher)"),
            _("set dcat.publisher in .kltransfer.yaml, e.g. publisher: Stadt Beispiel"),
        )
    return None


def _finding(data: dict[str, Any]) -> Finding:
    return Finding(**{**data, "severity": Severity(data["severity"])})


def write_rdf(out: Any, entries: list[dict[str, Any]], settings: DcatSettings | None) -> RdfOutcome:
    """Write catalog.ttl and catalog.jsonld through ``out``, the writer of the new catalog tree
    (``out.write(rel, content)``), from the catalog's entries, or say why not.

    The catalog is built whole as a new tree, so a file not written now does not stay from an earlier build."""
    settings = settings or DcatSettings()
    outcome = RdfOutcome()
    missing = _missing(settings)
    if missing is not None:
        outcome.notices.append(missing)
        return outcome
    assert settings.base_url and settings.contributor_id and settings.publisher
    base = settings.base_url + "/"
    catalog = Catalog("#catalog", _both(_TITLE), _both(_DESCRIPTION), settings.publisher, "#publisher", base)
    for entry in entries:
        record = entry.get("dcat") or {}
        findings = [_finding(f) for f in record.get("findings") or []]
        if findings:
            outcome.findings.append(FileReport(str(entry.get("path", "")), findings, str(entry.get("id", ""))))
        if record.get("dataset"):
            catalog.datasets.append(Dataset.from_dict(record["dataset"]))
    triples = catalog_triples(catalog, base, settings.contributor_id, local_authority=False)
    out.write(JSONLD, jsonld_text(triples))
    outcome.written.append(JSONLD)
    if not rdf_available():
        outcome.notices.append(
            (
                RdfExtraMissing.code,
                _("catalog.ttl needs rdflib, which is not installed; catalog.jsonld holds the same triples"),
                _("install the extra: pip install 'kltransfer[rdf]'"),
            )
        )
        return outcome
    from kltransfer.dcat.turtle import turtle

    out.write(TURTLE, turtle(triples))
    outcome.written.append(TURTLE)
    return outcome
