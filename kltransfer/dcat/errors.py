"""Errors of the DCAT output (KT920–KT923), each with a hint the user can act on."""

from __future__ import annotations

from kltransfer.errors import ConfigError, UsageError


class RdfExtraMissing(UsageError):
    """Turtle is asked for, but rdflib (the extra ``kltransfer[rdf]``) is not installed."""

    code = "KT920"


class BaseUrlError(UsageError):
    """No base URL, or one that cannot make absolute IRIs."""

    code = "KT921"


class ContributorError(ConfigError):
    """No GovData contributor ID, or one outside the dcat-ap.de contributor list."""

    code = "KT922"


#: ``catalog build``: no ``dcat.publisher`` configured for the catalog itself (a notice, not an error).
NO_PUBLISHER = "KT923"
