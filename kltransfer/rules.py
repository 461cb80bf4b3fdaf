"""The catalogue of finding codes: one entry per code, with a title and a default severity.

Codes are stable: tools, configurations and CI pipelines refer to them. Never reuse a
retired code for a new meaning.

- ``KT0xx``: the file cannot be read as a safe YAML mapping (loader).
- ``KT1xx``: the file does not follow the format (JSON Schema).
- ``KT2xx``: checks beyond the schema (dates, licences, addresses, sums, files, placeholders);
  ``KT21x``: the local files a blueprint points to; ``KT23x``: German notation (``100.000``, ``0,5``,
  ``31.12.2025``, ``ja``, ``Förderung``), each with its fix; ``KT24x``: the publiccode.yml files it
  points to; ``KT26x``: what the DCAT-AP.de export needs (``export -f dcat``, ``catalog build``).
- ``KT3xx``: the format's evolution (older format versions, migrations).
- ``KT4xx``: transfer readiness (``kltransfer check``): advice on what another city needs.
"""

from __future__ import annotations

from dataclasses import dataclass

from kltransfer.findings import Severity


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    title: str
    severity: Severity = Severity.ERROR


_E, _W = Severity.ERROR, Severity.WARNING

RULES: dict[str, Rule] = {
    r.code: r
    for r in (
        Rule("KT001", "not-utf8", "The file is not UTF-8 text"),
        Rule("KT002", "yaml-syntax", "The file is not valid YAML"),
        Rule("KT003", "duplicate-key", "A key appears twice in the same mapping"),
        Rule("KT004", "yaml11-boolean", "A YAML 1.1 boolean word (yes, no, on, off) is ambiguous"),
        Rule("KT005", "tab-indent", "Tabs are used for indentation"),
        Rule("KT006", "alias-bomb", "Aliases expand beyond the size limit"),
        Rule("KT007", "file-too-large", "The file is larger than the size limit"),
        Rule("KT008", "too-deep", "The nesting is deeper than the limit"),
        Rule("KT009", "not-a-mapping", "The top level is not a mapping"),
        Rule("KT010", "empty-file", "The file is empty"),
        Rule("KT011", "unsafe-tag", "A tag that kltransfer does not accept (e.g. !!python/...)"),
        Rule("KT012", "ambiguous-number", "A plain value some YAML tools read as a number (1e3, 0o17, 1:20)"),
        Rule("KT100", "format-version", "The format version key is missing or unknown"),
        Rule("KT101", "unknown-key", "A key that the format does not define"),
        Rule("KT102", "missing-key", "A required key is missing"),
        Rule("KT103", "wrong-type", "A value has the wrong type"),
        Rule("KT104", "not-allowed", "A value is not one of the allowed values"),
        Rule("KT105", "bad-pattern", "A value does not have the expected form"),
        Rule("KT106", "out-of-range", "A value is too small, too large, too short or too long"),
        Rule("KT107", "schema", "The value does not match the format"),
        Rule("KT201", "date-order", "Dates are out of order"),
        Rule("KT202", "bad-date", "A date does not exist"),
        Rule("KT203", "spdx", "A licence is not a valid SPDX expression"),
        Rule("KT204", "email", "An e-mail address is malformed"),
        Rule("KT205", "url", "A URL is malformed"),
        Rule("KT206", "cost-sum", "A cost breakdown does not add up to its total"),
        Rule("KT207", "funding-sum", "Funding and own share exceed the investment"),
        Rule("KT208", "missing-file", "A referenced local file does not exist"),
        Rule("KT209", "duplicate-entry", "The same entry is listed twice"),
        Rule("KT210", "reference-outside", "A referenced local path leaves the blueprint's folder"),
        Rule("KT211", "reference-hidden", "A referenced local path is hidden (.env, .git/...)"),
        Rule("KT212", "reference-link", "A referenced local path is a symbolic link"),
        Rule("KT213", "reference-not-a-file", "A referenced local path is not a readable regular file"),
        Rule("KT214", "reference-too-large", "A referenced local file is larger than the limit"),
        Rule("KT220", "placeholder", "A value is still a placeholder (TODO)", _W),
        Rule("KT240", "publiccode-version", "A publiccode.yml has no or an unknown publiccodeYmlVersion"),
        Rule(
            "KT241", "publiccode-advice", "A publiccode.yml uses an older version, a deprecated key or a risky form", _W
        ),
        Rule("KT242", "publiccode-unknown-key", "A publiccode.yml has a key the standard does not define"),
        Rule("KT243", "publiccode-missing-key", "A publiccode.yml lacks a required key"),
        Rule("KT244", "publiccode-wrong-type", "A value in a publiccode.yml has the wrong type"),
        Rule("KT245", "publiccode-not-allowed", "A value in a publiccode.yml is not one the standard allows"),
        Rule(
            "KT246",
            "publiccode-malformed",
            "A URL, e-mail address, date, licence or URI in a publiccode.yml is malformed",
        ),
        Rule("KT247", "publiccode-length", "A text in a publiccode.yml is too short or too long"),
        Rule("KT248", "publiccode-file", "A file a publiccode.yml points to (logo, screenshot) is missing or unusable"),
        Rule("KT249", "publiccode-export-gap", "A software component lacks a fact its publiccode.yml needs", _W),
        Rule("KT230", "thousands-separator", "A number is written with separators between thousands (100.000)"),
        Rule("KT231", "number-as-text", 'A number or an amount of money is written as text ("1,5 Mio. Euro")'),
        Rule("KT232", "decimal-comma", "A number is written with a decimal comma (0,5)"),
        Rule("KT233", "date-notation", "A date is written the German way (31.12.2025), not as YYYY-MM-DD"),
        Rule("KT234", "digits-not-quoted", "A code of digits (AGS, postcode) is not in quotes and is read as a number"),
        Rule("KT235", "yes-no-word", "A yes/no field holds a word (ja, nein, yes, no) instead of true or false"),
        Rule("KT236", "text-for-list", "A list is written as one text with commas"),
        Rule("KT237", "german-key", "A key is written as a German word (Förderung for funding)"),
        Rule("KT238", "name-for-code", "A name is written where a code belongs (Rheinland-Pfalz for DE-RP)"),
        Rule("KT260", "dcat-no-text", "A data set has no title or description for DCAT-AP.de"),
        Rule("KT261", "dcat-no-url", "A data set has no URL for its DCAT-AP.de distribution"),
        Rule("KT262", "dcat-no-licence", "A data set has no licence for DCAT-AP.de"),
        Rule("KT263", "dcat-licence", "A licence has no entry in the dcat-ap.de licence list"),
        Rule("KT264", "dcat-format", "A format has no entry in the EU file-type list", _W),
        Rule("KT265", "dcat-no-publisher", "The city has no organisation to name as DCAT-AP.de publisher"),
        Rule("KT266", "dcat-no-ags", "The city has no AGS for DCAT-AP.de political geocoding", _W),
        Rule("KT267", "dcat-iri", "A URL holds characters an IRI cannot hold"),
        Rule("KT268", "dcat-no-data", "The blueprint lists no data sets for the DCAT export", _W),
        Rule("KT300", "older-format", "The file uses an older format version; run kltransfer migrate", _W),
        Rule("KT301", "migration-failed", "The file cannot be migrated to the requested format version"),
        Rule("KT401", "blueprint-licence", "The blueprint itself is not under an open licence", _W),
        Rule("KT402", "component-not-open", "A software component is not open source under an open licence", _W),
        Rule("KT403", "proprietary-unnamed", "A proprietary component or dependency names no vendor", _W),
        Rule("KT404", "no-open-standards", "No open standards are listed", _W),
        Rule("KT410", "no-investment", "The investment costs are not stated", _W),
        Rule("KT411", "no-operation-costs", "The yearly operating costs are not stated", _W),
        Rule("KT412", "no-funding", "The funding (sources and own share) is not stated", _W),
        Rule("KT420", "no-operator-model", "There is no operator model", _W),
        Rule("KT421", "no-after-funding", "The operator model does not say what happens after funding", _W),
        Rule("KT430", "no-privacy", "Privacy is not described", _W),
        Rule("KT431", "no-legal-basis", "Personal data is processed but no legal basis is given", _W),
        Rule("KT432", "no-impact-assessment", "Personal data is processed but no impact assessment is done", _W),
        Rule("KT433", "no-participation", "Participation is not described", _W),
        Rule("KT440", "no-contact", "No contact can be reached", _W),
        Rule("KT441", "no-lessons", "No lessons learned are recorded", _W),
        Rule("KT450", "no-prerequisites", "The prerequisites for adopters are not listed", _W),
        Rule("KT451", "no-effort", "The effort for adopters is not estimated", _W),
        Rule("KT460", "no-kpis", "No KPIs are given", _W),
        Rule("KT461", "kpi-baseline", "A KPI has no baseline", _W),
        Rule("KT470", "not-localised", "A text is not given in both German and English", _W),
        Rule("KT480", "early-phase", "The project is not yet a pilot (phase below P3)", _W),
    )
}
