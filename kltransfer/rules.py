"""The catalogue of finding codes: one entry per code, with a title and a default severity.

Codes are stable: tools, configurations and CI pipelines refer to them. Never reuse a
retired code for a new meaning.

- ``KT0xx``: the file cannot be read as a safe YAML mapping (loader).
- ``KT1xx``: the file does not follow the format (JSON Schema).
- ``KT2xx``: checks beyond the schema (dates, licences, addresses, sums, files, placeholders;
  KT25x: format 1.2's owners, shares, sources and decisions).
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
        Rule("KT220", "placeholder", "A value is still a placeholder (TODO)", _W),
        Rule("KT250", "owner-roles", "Several cities need exactly one lead; 'city' is for one municipality only"),
        Rule("KT251", "share-sum", "The cities' shares do not add up to the total"),
        Rule("KT252", "partial-sum", "The known parts of a sum with unknown parts exceed its total"),
        Rule("KT253", "source-reference", "A cited source is not listed under 'sources', or a source id is repeated"),
        Rule("KT254", "citation-path", "A citation names a key path that is not in the file"),
        Rule(
            "KT255", "decision-reference", "A referenced decision is not listed under 'decisions', or an id is repeated"
        ),
        Rule("KT256", "own-share-split", "The own share in cash and in kind do not add up to the own share"),
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
        Rule("KT452", "no-adaptations", "The adaptations adopters need are not documented (from P5)", _W),
        Rule("KT453", "no-adopters", "No adopting city is named (from P5)", _W),
        Rule("KT460", "no-kpis", "No KPIs are given", _W),
        Rule("KT461", "kpi-baseline", "A KPI has no baseline", _W),
        Rule("KT462", "kpi-target", "A KPI has no target (success criterion, from P3)", _W),
        Rule("KT463", "kpi-measured", "No KPI has a measured value (from P4)", _W),
        Rule("KT470", "not-localised", "A text is not given in both German and English", _W),
        Rule("KT480", "early-phase", "The project is not yet a pilot (phase below P3)", _W),
    )
}
