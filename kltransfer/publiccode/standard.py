"""What the publiccode.yml standard allows, as data: versions, vocabularies and the keys of a file.

Sources: the standard itself (github.com/publiccodeyml/publiccode.yml, ``docs/standard/``,
CC0 1.0: the category, scope and alias lists) and the behaviour of its reference parser
(italia/publiccode-parser-go, which every version 0.x reads by the rules of 0.7, with
warnings for older versions and deprecated keys). Country codes are ISO 3166-1 alpha-2.
"""

from __future__ import annotations

from collections.abc import Mapping

from kltransfer.record import FrozenRecord

#: The version kltransfer writes, and the versions it reads (all checked by the rules of 0.7).
CURRENT = "0.7"
SUPPORTED = ("0", "0.2", "0.2.0", "0.2.1", "0.2.2", "0.3", "0.3.0", "0.4", "0.4.0", "0.5", "0.5.0", "0.7", "0.7.0")
#: Versions that mean "the current one" (the reference parser suggests "0" for "always the latest 0.x").
CURRENT_ALIASES = frozenset({"0", "0.7", "0.7.0"})
#: Keys that came with a version: a file declaring an older version uses them too early.
INTRODUCED = {"organisation": "0.5", "fundedBy": "0.5", "supports": "0.7"}


def words(text: str) -> frozenset[str]:
    """The words of ``text`` as a set: long vocabularies stay readable in the source."""
    return frozenset(text.split())


DEVELOPMENT_STATUS = ("concept", "development", "beta", "stable", "obsolete")
SOFTWARE_TYPES = (
    "standalone/mobile",
    "standalone/iot",
    "standalone/desktop",
    "standalone/web",
    "standalone/backend",
    "standalone/other",
    "addon",
    "library",
    "configurationFiles",
)
MAINTENANCE_TYPES = ("internal", "contract", "community", "none")
PLATFORMS = ("web", "windows", "mac", "linux", "ios", "android")  # others are allowed; these are suggested

CATEGORIES = words(
    """accounting agile-project-management applicant-tracking application-development appointment-scheduling
    backup billing-and-invoicing blog budgeting business-intelligence business-process-management cad
    call-center-management cloud-management collaboration communications compliance-management
    contact-management content-management crm customer-service-and-support data-analytics data-collection
    data-visualization design design-system digital-asset-management digital-citizenship document-management
    donor-management e-commerce e-signature educational-content email-management email-marketing
    employee-management enterprise-project-management enterprise-social-networking erp event-management
    facility-management feedback-and-reviews-management financial-reporting fleet-management fundraising
    gamification geographic-information-systems grant-management graphic-design help-desk hr ide
    identity-management instant-messaging integrated-library-system inventory-management it-asset-management
    it-development it-management it-security it-service-management knowledge-management
    learning-management-system marketing mind-mapping mobile-marketing mobile-payment network-management office
    online-booking online-community payment-gateway payroll predictive-analysis procurement productivity-suite
    project-collaboration project-management property-management real-estate-management
    regulations-and-directives remote-support resource-management sales-management seo service-desk
    social-media-management survey talent-management task-management taxes-management test-management
    time-management time-tracking translation video-conferencing video-editing visitor-management voip
    warehouse-management web-collaboration web-conferencing website-builder whistleblowing workflow-management
    other"""
)
SCOPES = words(
    """agriculture culture defence education emergency-services employment energy environment
    finance-and-economic-development foreign-affairs government healthcare infrastructures justice
    local-authorities manufacturing research science-and-technology security society sport tourism
    transportation welfare"""
)
#: ``supports`` aliases (``alias:gdpr``), from the standard's aliases list.
ALIASES = frozenset({"gdpr", "eidas", "nis2", "cra", "spid", "cie", "anpr", "pagopa", "io"})
#: ISO 3166-1 alpha-2, the 249 officially assigned codes.
COUNTRIES = words(
    """AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV
    BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET
    FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM
    IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD
    ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE
    PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST
    SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS
    YE YT ZA ZM ZW"""
)
#: File name extensions the standard accepts.
LOGO_EXTENSIONS = (".svg", ".svgz", ".png")
SCREENSHOT_EXTENSIONS = (".jpg", ".png")

#: Length limits, counted in characters as people see them (grapheme clusters).
SHORT_DESCRIPTION_MAX = 150
LONG_DESCRIPTION_MIN = 150
LONG_DESCRIPTION_MAX = 10_000
GENERIC_NAME_MAX = 35


class Key(FrozenRecord):
    """What one key of a publiccode.yml holds.

    ``kind``: ``text``, ``bool``, ``list`` (of ``item``), ``map`` (of ``keys``), ``languages``
    (BCP 47 tags to ``item``) or ``text-or-list`` (a text or a list of texts). ``check`` names
    the rule a text must follow (see :mod:`kltransfer.publiccode.values`); ``deprecated`` is
    what to do instead of using the key (``"drop"`` when it can simply go).
    """

    __slots__ = ("check", "choices", "deprecated", "item", "keys", "kind", "max_len", "min_len", "nonempty", "required")
    kind: str
    required: bool
    check: str
    item: Key | None
    keys: Mapping[str, Key]
    nonempty: bool
    min_len: int
    max_len: int
    choices: tuple[str, ...]
    deprecated: str

    def __init__(
        self,
        kind: str = "text",
        required: bool = False,
        check: str = "",
        item: Key | None = None,
        keys: Mapping[str, Key] | None = None,
        nonempty: bool = False,
        min_len: int = 0,
        max_len: int = 0,
        choices: tuple[str, ...] = (),
        deprecated: str = "",
    ) -> None:
        self._set(
            kind=kind,
            required=required,
            check=check,
            item=item,
            keys={} if keys is None else keys,
            nonempty=nonempty,
            min_len=min_len,
            max_len=max_len,
            choices=choices,
            deprecated=deprecated,
        )


def _text(check: str = "", **extra: object) -> Key:
    return Key("text", check=check, **extra)  # type: ignore[arg-type]


def _list(item: Key, **extra: object) -> Key:
    return Key("list", item=item, **extra)  # type: ignore[arg-type]


def _map(keys: Mapping[str, Key], **extra: object) -> Key:
    return Key("map", keys=keys, **extra)  # type: ignore[arg-type]


_ORGANISATION = _map({"name": _text(), "uri": _text("organisation-uri", required=True)})
_DEPENDENCY = _map(
    {
        "name": _text(required=True),
        "versionMin": _text(),
        "versionMax": _text(),
        "version": _text(),
        "optional": Key("bool"),
    }
)
_DEPENDENCIES = _list(_DEPENDENCY)
_CONTRACTOR = _map(
    {
        "name": _text(required=True),
        "email": _text("email"),
        "website": _text("http-url"),
        "until": _text("date", required=True),
    }
)
_CONTACT = _map({"name": _text(required=True), "email": _text("email"), "affiliation": _text(), "phone": _text()})
_DESCRIPTION = _map(
    {
        "localisedName": _text(),
        "genericName": _text(max_len=GENERIC_NAME_MAX, deprecated="drop"),
        "shortDescription": _text(required=True, max_len=SHORT_DESCRIPTION_MAX),
        "longDescription": _text(required=True, min_len=LONG_DESCRIPTION_MIN, max_len=LONG_DESCRIPTION_MAX),
        "documentation": _text("http-url"),
        "apiDocumentation": _text("http-url"),
        "features": _list(_text(), required=True, nonempty=True),
        "screenshots": _list(_text("screenshot")),
        "videos": _list(_text("http-url")),
        "awards": _list(_text()),
    }
)
_COUNTRY_SECTION = _map(
    {
        "countryExtensionVersion": _text("choice", choices=("0.2", "1.0")),
        "conforme": _map(
            {
                name: Key("bool")
                for name in ("lineeGuidaDesign", "modelloInteroperabilita", "misureMinimeSicurezza", "gdpr")
            },
            deprecated="drop",
        ),
        "riuso": _map({"codiceIPA": _text(deprecated="organisation-uri")}),
        "piattaforme": _map({name: Key("bool") for name in ("spid", "pagopa", "cie", "anpr", "io")}),
    }
)

#: Every key of a publiccode.yml 0.x, as the reference parser reads it.
TOP = _map(
    {
        "publiccodeYmlVersion": _text(),  # checked on its own, before the rest
        "name": _text(required=True),
        "applicationSuite": _text(),
        "url": _text("url", required=True),
        "landingURL": _text("http-url"),
        "isBasedOn": Key("text-or-list", check="url"),
        "softwareVersion": _text(),
        "releaseDate": _text("date"),
        "logo": _text("logo"),
        "monochromeLogo": _text("logo", deprecated="logo"),
        "organisation": _ORGANISATION,
        "inputTypes": _list(_text("mime"), deprecated="drop"),
        "outputTypes": _list(_text("mime"), deprecated="drop"),
        "platforms": _list(_text(), required=True, nonempty=True),
        "categories": _list(_text("category")),
        "usedBy": _list(_text()),
        "fundedBy": _list(_ORGANISATION),
        "roadmap": _text("http-url"),
        "developmentStatus": _text("choice", required=True, choices=DEVELOPMENT_STATUS),
        "softwareType": _text("choice", required=True, choices=SOFTWARE_TYPES),
        "supports": _list(_map({"id": _text("supports-id", required=True)})),
        "intendedAudience": _map(
            {
                "scope": _list(_text("scope")),
                "countries": _list(_text("country")),
                "unsupportedCountries": _list(_text("country")),
            }
        ),
        "description": Key("languages", required=True, nonempty=True, item=_DESCRIPTION),
        "legal": _map(
            {
                "license": _text("spdx", required=True),
                "mainCopyrightOwner": _text(),
                "repoOwner": _text(deprecated="organisation-name"),
                "authorsFile": _text("file", deprecated="drop"),
            },
            required=True,
        ),
        "maintenance": _map(
            {
                "type": _text("choice", required=True, choices=MAINTENANCE_TYPES),
                "contractors": _list(_CONTRACTOR),
                "contacts": _list(_CONTACT),
            },
            required=True,
        ),
        "localisation": _map(
            {
                "localisationReady": Key("bool", required=True),
                "availableLanguages": _list(_text("language"), required=True, nonempty=True),
            },
            required=True,
        ),
        "dependsOn": _map({"open": _DEPENDENCIES, "proprietary": _DEPENDENCIES, "hardware": _DEPENDENCIES}),
        "IT": _COUNTRY_SECTION,
        "it": _COUNTRY_SECTION,
    }
)
