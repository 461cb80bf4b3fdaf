"""What DCAT output needs besides the blueprints: where it is published and who delivers it.

Configuration (``.kltransfer.yaml`` or ``[tool.kltransfer.dcat]``), every key optional::

    dcat:
      base-url: https://daten.example.de/blueprints    # where the output folder is published
      contributor-id: http://dcat-ap.de/def/contributors/stadtBeispiel   # from GovData
      publisher: Stadt Beispiel                          # who runs the catalog (catalog build)

``--base-url`` on the command line wins over ``base-url``.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlsplit

from kltransfer.dcat.errors import BaseUrlError, ContributorError, RdfExtraMissing
from kltransfer.dcat.vocabularies import CONTRIBUTORS
from kltransfer.i18n import _

#: Characters a URL may hold but an IRI may not (RFC 3987), besides spaces and control characters.
_NOT_IN_IRI = set('<>"{}|\\^`')
_HOST = re.compile(r"^[A-Za-z0-9.-]+(:[0-9]+)?$")
_CONTRIBUTOR = re.compile(r"^[A-Za-z0-9_-]+$")
KEYS = ("base-url", "contributor-id", "publisher")


@dataclass(frozen=True, slots=True)
class DcatSettings:
    #: The address the output folder is published at, without a trailing slash.
    base_url: str | None = None
    #: The contributor IRI GovData assigned (``http://dcat-ap.de/def/contributors/…``).
    contributor_id: str | None = None
    #: The name of who publishes the catalog (``catalog build``).
    publisher: str | None = None

    def with_base_url(self, base_url: str | None) -> DcatSettings:
        """These settings with ``base_url`` (from the command line) over the configured one."""
        return replace(self, base_url=check_base_url(base_url)) if base_url is not None else self


def iri_problem(value: str) -> str:
    """The characters of ``value`` that an IRI cannot hold, for a message ('' when none)."""
    bad = sorted({ch for ch in value if ch in _NOT_IN_IRI or ch.isspace() or ord(ch) < 32})
    return " ".join(repr(ch) for ch in bad)


def base_url_problem(url: str) -> str | None:
    """Why ``url`` cannot be the base of absolute IRIs, or ``None`` when it can."""
    try:
        parts = urlsplit(url)
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not _HOST.match(parts.netloc):
        return _("'{url}' is not an absolute http or https address", url=url)
    if parts.query or parts.fragment or "#" in url or "?" in url:
        return _("'{url}' has a query or a fragment ('?' or '#'), which a base address cannot have", url=url)
    bad = iri_problem(url)
    if bad:
        return _("'{url}' contains characters an IRI cannot hold: {chars}", url=url, chars=bad)
    return None


def check_base_url(url: str) -> str:
    """``url`` without a trailing slash; a :class:`BaseUrlError` (KT921) when it cannot be a base."""
    problem = base_url_problem(url)
    if problem:
        raise BaseUrlError(
            problem,
            hint=_(
                "give the address the output folder is published at, e.g. {example}",
                example="https://daten.example.de/blueprints",
            ),
        )
    return url.rstrip("/")


def contributor_problem(value: str) -> tuple[str | None, str | None]:
    """The contributor IRI for ``value`` (an IRI of the list or the name after its last '/'), or
    ``None`` and why not."""
    if value.startswith(CONTRIBUTORS) and _CONTRIBUTOR.match(value[len(CONTRIBUTORS) :]):
        return value, None
    if _CONTRIBUTOR.match(value):
        return CONTRIBUTORS + value, None
    name = value.rstrip("/").rsplit("/", 1)[-1]
    if "dcat-ap.de/def/contributors/" in value and _CONTRIBUTOR.match(name):
        return None, _("write it as {iri}", iri=CONTRIBUTORS + name)
    return None, _("use an entry of the list at {url}", url=CONTRIBUTORS)


def parse(value: Any, problem: Callable[[tuple[str, ...], str], None]) -> DcatSettings:
    """The ``dcat`` table of a configuration; each wrong value is passed to ``problem``."""
    if not isinstance(value, Mapping):
        problem(("dcat",), _("must be a mapping of settings: {keys}", keys=", ".join(KEYS)))
        return DcatSettings()
    found: dict[str, str] = {}
    for key, item in value.items():
        where = ("dcat", str(key))
        if key not in KEYS:
            problem(where, _("unknown setting; the dcat settings are: {keys}", keys=", ".join(KEYS)))
        elif not isinstance(item, str) or not item.strip():
            problem(where, _("must be text, not {value!r}", value=item))
        elif key == "base-url":
            why = base_url_problem(item)
            if why:
                problem(where, why)
            else:
                found["base_url"] = item.rstrip("/")
        elif key == "contributor-id":
            iri, why = contributor_problem(item.strip())
            if iri is None:
                problem(where, _("'{value}' is not a GovData contributor ID; {why}", value=item, why=why))
            else:
                found["contributor_id"] = iri
        else:
            found["publisher"] = item.strip()
    return DcatSettings(**found)


def rdf_available() -> bool:
    """Whether rdflib (``pip install 'kltransfer[rdf]'``) is installed; it is not imported here."""
    try:
        return importlib.util.find_spec("rdflib") is not None
    except (ImportError, ValueError):
        return False


def rdf_missing() -> RdfExtraMissing:
    return RdfExtraMissing(
        _("writing Turtle needs rdflib, which is not installed"),
        hint=_("install the extra: pip install 'kltransfer[rdf]'"),
    )


def require_for_export(settings: DcatSettings) -> None:
    """Refuse ``export -f dcat`` before any work when rdflib, the base URL or the contributor is missing."""
    if not rdf_available():
        raise rdf_missing()
    if settings.base_url is None:
        raise BaseUrlError(
            _("the dcat format needs the address the output is published at: DCAT-AP.de allows absolute IRIs only"),
            hint=_("pass --base-url https://… or set dcat.base-url in .kltransfer.yaml"),
        )
    if settings.contributor_id is None:
        raise ContributorError(
            _("the dcat format needs the contributor ID GovData assigned to your city (dcatde:contributorID)"),
            hint=_(
                "set dcat.contributor-id in .kltransfer.yaml, e.g. {example}", example=CONTRIBUTORS + "stadtBeispiel"
            ),
        )
