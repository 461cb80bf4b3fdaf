"""The controlled vocabularies DCAT-AP.de 2.0 requires, and how blueprint values map onto them.

Every IRI here is an entry of the published vocabulary named beside it; a value without an
entry is not guessed: the caller reports it.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"
DCATDE = "http://dcat-ap.de/def/dcatde/"
FOAF = "http://xmlns.com/foaf/0.1/"
VCARD = "http://www.w3.org/2006/vcard/ns#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"

#: Prefixes written in the Turtle and JSON-LD output, in this order.
PREFIXES: dict[str, str] = {
    "dcat": DCAT,
    "dcatde": DCATDE,
    "dct": DCT,
    "foaf": FOAF,
    "owl": OWL,
    "vcard": VCARD,
    "xsd": XSD,
}

# --- licences: http://dcat-ap.de/def/licenses ------------------------------------------------

LICENCES = "http://dcat-ap.de/def/licenses/"

#: SPDX licence id (upper case) -> entry of the dcat-ap.de licence list. The licences German
#: municipalities publish data under; an id that is not here has no dcat-ap.de entry.
SPDX_TO_LICENCE: dict[str, str] = {
    "DL-DE-ZERO-2.0": "dl-zero-de/2.0",
    "DL-DE-BY-2.0": "dl-by-de/2.0",
    "CC0-1.0": "cc-zero",
    "CC-BY-4.0": "cc-by/4.0",
    "CC-BY-SA-4.0": "cc-by-sa/4.0",
    "CC-BY-ND-4.0": "cc-by-nd/4.0",
    "CC-BY-NC-4.0": "cc-by-nc/4.0",
    "CC-BY-3.0-DE": "cc-by-de/3.0",
    "CC-BY-SA-3.0-DE": "cc-by-sa-de/3.0",
    "CC-BY-NC-3.0-DE": "cc-by-nc-de/3.0",
    "CC-BY-ND-3.0": "cc-by-nd/3.0",
    "ODBL-1.0": "odbl",
    "ODC-BY-1.0": "odby",
    "PDDL-1.0": "odcpddl",
    "GPL-3.0-ONLY": "gpl/3.0",
    "MPL-2.0": "mozilla",
    "APACHE-2.0": "apache",
}


def licence_iri(spdx: str) -> str | None:
    """The dcat-ap.de licence IRI for one SPDX licence id, or ``None`` when the list has none."""
    entry = SPDX_TO_LICENCE.get(spdx.strip().upper())
    return LICENCES + entry if entry else None


# --- EU data themes: http://publications.europa.eu/resource/authority/data-theme -------------

DATA_THEME = "http://publications.europa.eu/resource/authority/data-theme/"

#: Field of action (format 1.1) -> EU data theme.
FIELD_TO_THEME: dict[str, str] = {
    "urban-development": "REGI",
    "mobility": "TRAN",
    "energy": "ENER",
    "environment": "ENVI",
    "administration": "GOVE",
    "education": "EDUC",
    "health": "HEAL",
    "economy": "ECON",
    "culture-tourism": "EDUC",
    "safety": "JUST",
    "participation": "GOVE",
    "data-infrastructure": "TECH",
    "housing": "SOCI",
    "social-inclusion": "SOCI",
}


def theme_iris(fields: object) -> list[str]:
    """The EU data themes of a list of fields of action, each once, sorted."""
    if not isinstance(fields, list):
        return []
    return sorted({DATA_THEME + FIELD_TO_THEME[f] for f in fields if isinstance(f, str) and f in FIELD_TO_THEME})


# --- EU file types: http://publications.europa.eu/resource/authority/file-type ---------------

FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"

#: A format as people write it (upper case, letters and digits only) -> EU file type.
FORMAT_TO_FILE_TYPE: dict[str, str] = {
    "CSV": "CSV",
    "TSV": "TSV",
    "JSON": "JSON",
    "GEOJSON": "GEOJSON",
    "JSONLD": "JSON_LD",
    "XML": "XML",
    "GML": "GML",
    "XPLANGML": "GML",  # XPlanung's exchange format is a GML application schema
    "KML": "KML",
    "KMZ": "KMZ",
    "SHP": "SHP",
    "SHAPEFILE": "SHP",
    "ESRISHAPEFILE": "SHP",
    "GPKG": "GPKG",
    "GEOPACKAGE": "GPKG",
    "XLSX": "XLSX",
    "XLS": "XLS",
    "ODS": "ODS",
    "PDF": "PDF",
    "HTML": "HTML",
    "TXT": "TXT",
    "ZIP": "ZIP",
    "TTL": "RDF_TURTLE",
    "TURTLE": "RDF_TURTLE",
    "RDF": "RDF_XML",
    "RDFXML": "RDF_XML",
    "WMS": "WMS_SRVC",
    "WFS": "WFS_SRVC",
    "GTFS": "GTFS",
    "GEOTIFF": "GEOTIFF",
    "TIFF": "TIFF",
    "TIF": "TIFF",
}

#: File name endings that make a URL a direct download (``dcat:downloadURL``).
DOWNLOAD_SUFFIXES = frozenset(
    {"csv", "tsv", "json", "geojson", "jsonld", "xml", "gml", "kml", "kmz", "gpkg", "xlsx", "xls", "ods", "pdf"}
    | {"txt", "zip", "ttl", "rdf", "tif", "tiff", "shp"}
)
_NOT_ALNUM = re.compile(r"[^A-Z0-9]")


def file_type_iri(fmt: str) -> str | None:
    """The EU file type IRI of a format such as ``CSV``, ``GeoJSON``, ``JSON-LD``, or ``None``."""
    code = FORMAT_TO_FILE_TYPE.get(_NOT_ALNUM.sub("", fmt.upper()))
    return FILE_TYPE + code if code else None


def is_download(url: str) -> bool:
    """Whether ``url`` names a file (``…/haushalt.csv``) rather than a page about it."""
    try:
        name = urlsplit(url).path.rsplit("/", 1)[-1]
    except ValueError:  # an address Python cannot read (validation reports it)
        return False
    return "." in name and name.rsplit(".", 1)[1].lower() in DOWNLOAD_SUFFIXES


# --- political geocoding: http://dcat-ap.de/def/politicalGeocoding/ ---------------------------

MUNICIPALITY_KEY = "http://dcat-ap.de/def/politicalGeocoding/municipalityKey/"
LEVEL_MUNICIPALITY = "http://dcat-ap.de/def/politicalGeocoding/Level/municipality"
_AGS = re.compile(r"[0-9]{8}")


def municipality_iri(ags: object) -> str | None:
    """The municipality key IRI of an eight-digit AGS (Amtlicher Gemeindeschlüssel), else ``None``."""
    return MUNICIPALITY_KEY + ags if isinstance(ags, str) and _AGS.fullmatch(ags) else None


# --- publishers: http://purl.org/adms/publishertype/1.0 ---------------------------------------

LOCAL_AUTHORITY = "http://purl.org/adms/publishertype/LocalAuthority"

# --- contributors: http://dcat-ap.de/def/contributors -----------------------------------------

CONTRIBUTORS = "http://dcat-ap.de/def/contributors/"
