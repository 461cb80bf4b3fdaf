"""The catalogue of finding codes: one entry per code, with a title and a default severity.

Codes are stable: tools, configurations and CI pipelines refer to them. Never reuse a
retired code for a new meaning.

- ``KT0xx``: the file cannot be read as a safe YAML mapping (loader).
- ``KT1xx``: the file does not follow the format (JSON Schema).
- ``KT2xx``: checks beyond the schema (dates, licences, addresses, sums, files, placeholders);
  ``KT21x``: the local files a blueprint points to; ``KT23x``: German notation (``100.000``, ``0,5``,
  ``31.12.2025``, ``ja``, ``Förderung``), each with its fix; ``KT24x``: the publiccode.yml files it
  points to; ``KT25x``: format 1.2's owners, shares, sources and decisions; ``KT26x``: what the
  DCAT-AP.de export needs (``export -f dcat``, ``catalog build``).
- ``KT3xx``: the format's evolution (older format versions, migrations).
- ``KT4xx``: transfer readiness (``kltransfer check``): advice on what another city needs.
- ``KT9xx``: errors (:mod:`kltransfer.errors`); only ``KT901``, a file that cannot be read, is
  also a finding.
"""

from __future__ import annotations

from kltransfer.findings import Severity
from kltransfer.i18n import N_
from kltransfer.record import FrozenRecord


class Rule(FrozenRecord):
    __slots__ = ("code", "name", "severity", "title")
    code: str
    name: str
    #: In English, marked for the catalog: show it with :meth:`shown_title`.
    title: str
    severity: Severity

    def __init__(self, code: str, name: str, title: str, severity: Severity = Severity.ERROR) -> None:
        self._set(code=code, name=name, title=title, severity=severity)

    def shown_title(self) -> str:
        """The title in the language of the messages."""
        from kltransfer.i18n import _

        return _(self.title)


_E, _W = Severity.ERROR, Severity.WARNING

RULES: dict[str, Rule] = {
    r.code: r
    for r in (
        Rule("KT001", "not-utf8", N_("The file is not UTF-8 text")),
        Rule("KT002", "yaml-syntax", N_("The file is not valid YAML")),
        Rule("KT003", "duplicate-key", N_("A key appears twice in the same mapping")),
        Rule("KT004", "yaml11-boolean", N_("A YAML 1.1 boolean word (yes, no, on, off) is ambiguous")),
        Rule("KT005", "tab-indent", N_("Tabs are used for indentation")),
        Rule("KT006", "alias-bomb", N_("Aliases expand beyond the size limit")),
        Rule("KT007", "file-too-large", N_("The file is larger than the size limit")),
        Rule("KT008", "too-deep", N_("The nesting is deeper than the limit")),
        Rule("KT009", "not-a-mapping", N_("The top level is not a mapping")),
        Rule("KT010", "empty-file", N_("The file is empty")),
        Rule("KT011", "unsafe-tag", N_("A tag that kltransfer does not accept (e.g. !!python/...)")),
        Rule("KT012", "ambiguous-number", N_("A plain value some YAML tools read as a number (1e3, 0o17, 1:20)")),
        Rule("KT013", "suppression-comment", N_("A suppression comment names no code or an unknown one"), _W),
        Rule("KT014", "too-many-findings", N_("More findings than a file lists; the rest are counted")),
        Rule("KT015", "not-finite", N_("A number that is NaN, infinite or too large to calculate with")),
        Rule("KT016", "control-character", N_("A text holds a control character (ESC, BEL, a bidi override, ...)")),
        Rule("KT100", "format-version", N_("The format version key is missing or unknown")),
        Rule("KT101", "unknown-key", N_("A key that the format does not define")),
        Rule("KT102", "missing-key", N_("A required key is missing")),
        Rule("KT103", "wrong-type", N_("A value has the wrong type")),
        Rule("KT104", "not-allowed", N_("A value is not one of the allowed values")),
        Rule("KT105", "bad-pattern", N_("A value does not have the expected form")),
        Rule("KT106", "out-of-range", N_("A value is too small, too large, too short or too long")),
        Rule("KT107", "schema", N_("The value does not match the format")),
        Rule("KT201", "date-order", N_("Dates are out of order")),
        Rule("KT202", "bad-date", N_("A date does not exist")),
        Rule("KT203", "spdx", N_("A licence is not a valid SPDX expression")),
        Rule("KT204", "email", N_("An e-mail address is malformed")),
        Rule("KT205", "url", N_("A URL is malformed")),
        Rule("KT206", "cost-sum", N_("A cost breakdown does not add up to its total")),
        Rule("KT207", "funding-sum", N_("Funding and own share exceed the investment")),
        Rule("KT208", "missing-file", N_("A referenced local file does not exist")),
        Rule("KT209", "duplicate-entry", N_("The same entry is listed twice")),
        Rule("KT210", "reference-outside", N_("A referenced local path leaves the blueprint's folder")),
        Rule("KT211", "reference-hidden", N_("A referenced local path is hidden (.env, .git/...)")),
        Rule("KT212", "reference-link", N_("A referenced local path is a symbolic link")),
        Rule("KT213", "reference-not-a-file", N_("A referenced local path is not a readable regular file")),
        Rule("KT214", "reference-too-large", N_("A referenced local file is larger than the limit")),
        Rule("KT220", "placeholder", N_("A value is still a placeholder (TODO)"), _W),
        Rule("KT230", "thousands-separator", N_("A number is written with separators between thousands (100.000)")),
        Rule("KT231", "number-as-text", N_('A number or an amount of money is written as text ("1,5 Mio. Euro")')),
        Rule("KT232", "decimal-comma", N_("A number is written with a decimal comma (0,5)")),
        Rule("KT233", "date-notation", N_("A date is written the German way (31.12.2025), not as YYYY-MM-DD")),
        Rule(
            "KT234",
            "digits-not-quoted",
            N_("A code of digits (AGS, postcode) is not in quotes and is read as a number"),
        ),
        Rule("KT235", "yes-no-word", N_("A yes/no field holds a word (ja, nein, yes, no) instead of true or false")),
        Rule("KT236", "text-for-list", N_("A list is written as one text with commas")),
        Rule("KT237", "german-key", N_("A key is written as a German word (Förderung for funding)")),
        Rule("KT238", "name-for-code", N_("A name is written where a code belongs (Rheinland-Pfalz for DE-RP)")),
        Rule("KT240", "publiccode-version", N_("A publiccode.yml has no or an unknown publiccodeYmlVersion")),
        Rule(
            "KT241",
            "publiccode-advice",
            N_("A publiccode.yml uses an older version, a deprecated key or a risky form"),
            _W,
        ),
        Rule("KT242", "publiccode-unknown-key", N_("A publiccode.yml has a key the standard does not define")),
        Rule("KT243", "publiccode-missing-key", N_("A publiccode.yml lacks a required key")),
        Rule("KT244", "publiccode-wrong-type", N_("A value in a publiccode.yml has the wrong type")),
        Rule("KT245", "publiccode-not-allowed", N_("A value in a publiccode.yml is not one the standard allows")),
        Rule(
            "KT246",
            "publiccode-malformed",
            N_("A URL, e-mail address, date, licence or URI in a publiccode.yml is malformed"),
        ),
        Rule("KT247", "publiccode-length", N_("A text in a publiccode.yml is too short or too long")),
        Rule(
            "KT248",
            "publiccode-file",
            N_("A file a publiccode.yml points to (logo, screenshot) is missing or unusable"),
        ),
        Rule("KT249", "publiccode-export-gap", N_("A software component lacks a fact its publiccode.yml needs"), _W),
        Rule("KT250", "owner-roles", N_("Several cities need exactly one lead; 'city' is for one municipality only")),
        Rule("KT251", "share-sum", N_("The cities' shares do not add up to the total")),
        Rule("KT252", "partial-sum", N_("The known parts of a sum with unknown parts exceed its total")),
        Rule(
            "KT253", "source-reference", N_("A cited source is not listed under 'sources', or a source id is repeated")
        ),
        Rule("KT254", "citation-path", N_("A citation names a key path that is not in the file")),
        Rule(
            "KT255",
            "decision-reference",
            N_("A referenced decision is not listed under 'decisions', or an id is repeated"),
        ),
        Rule("KT256", "own-share-split", N_("The own share in cash and in kind do not add up to the own share")),
        Rule("KT260", "dcat-no-text", N_("A data set has no title or description for DCAT-AP.de")),
        Rule("KT261", "dcat-no-url", N_("A data set has no URL for its DCAT-AP.de distribution")),
        Rule("KT262", "dcat-no-licence", N_("A data set has no licence for DCAT-AP.de")),
        Rule("KT263", "dcat-licence", N_("A licence has no entry in the dcat-ap.de licence list")),
        Rule("KT264", "dcat-format", N_("A format has no entry in the EU file-type list"), _W),
        Rule("KT265", "dcat-no-publisher", N_("The city has no organisation to name as DCAT-AP.de publisher")),
        Rule("KT266", "dcat-no-ags", N_("The city has no AGS for DCAT-AP.de political geocoding"), _W),
        Rule("KT267", "dcat-iri", N_("A URL holds characters an IRI cannot hold")),
        Rule("KT268", "dcat-no-data", N_("The blueprint lists no data sets for the DCAT export"), _W),
        Rule("KT300", "older-format", N_("The file uses an older format version; run kltransfer migrate"), _W),
        Rule("KT301", "migration-failed", N_("The file cannot be migrated to the requested format version")),
        Rule("KT401", "blueprint-licence", N_("The blueprint itself is not under an open licence"), _W),
        Rule("KT402", "component-not-open", N_("A software component is not open source under an open licence"), _W),
        Rule("KT403", "proprietary-unnamed", N_("A proprietary component or dependency names no vendor"), _W),
        Rule("KT404", "no-open-standards", N_("No open standards are listed"), _W),
        Rule("KT410", "no-investment", N_("The investment costs are not stated"), _W),
        Rule("KT411", "no-operation-costs", N_("The yearly operating costs are not stated"), _W),
        Rule("KT412", "no-funding", N_("The funding (sources and own share) is not stated"), _W),
        Rule("KT420", "no-operator-model", N_("There is no operator model"), _W),
        Rule("KT421", "no-after-funding", N_("The operator model does not say what happens after funding"), _W),
        Rule("KT430", "no-privacy", N_("Privacy is not described"), _W),
        Rule("KT431", "no-legal-basis", N_("Personal data is processed but no legal basis is given"), _W),
        Rule("KT432", "no-impact-assessment", N_("Personal data is processed but no impact assessment is done"), _W),
        Rule("KT433", "no-participation", N_("Participation is not described"), _W),
        Rule("KT440", "no-contact", N_("No contact can be reached"), _W),
        Rule("KT441", "no-lessons", N_("No lessons learned are recorded"), _W),
        Rule("KT450", "no-prerequisites", N_("The prerequisites for adopters are not listed"), _W),
        Rule("KT451", "no-effort", N_("The effort for adopters is not estimated"), _W),
        Rule("KT452", "no-adaptations", N_("The adaptations adopters need are not documented (from P5)"), _W),
        Rule("KT453", "no-adopters", N_("No adopting city is named (from P5)"), _W),
        Rule("KT460", "no-kpis", N_("No KPIs are given"), _W),
        Rule("KT461", "kpi-baseline", N_("A KPI has no baseline"), _W),
        Rule("KT462", "kpi-target", N_("A KPI has no target (success criterion, from P3)"), _W),
        Rule("KT463", "kpi-measured", N_("No KPI has a measured value (from P4)"), _W),
        Rule("KT470", "not-localised", N_("A text is not given in both German and English"), _W),
        Rule("KT480", "early-phase", N_("The project is not yet a pilot (phase below P3)"), _W),
        Rule("KT901", "unreadable", N_("A file exists but cannot be read (permissions, not a regular file)")),
    )
}
