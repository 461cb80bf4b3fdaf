"""A publiccode.yml (standard 0.7, current keys only) for each software component that has the facts.

The facts come from two places, and nothing else:

1. the component in the blueprint: ``name``; ``repository`` (-> ``url``); ``url`` (->
   ``landingURL``); ``licence`` (-> ``legal.license``); ``maintenance`` (-> ``maintenance.type``);
   ``description`` (-> ``shortDescription`` per language; a plain text counts as the export's
   language); ``depends_on`` (-> ``dependsOn``);
2. the component's own publiccode.yml, when ``components[].publiccode`` names a local file: every
   fact the blueprint has no field for (``platforms``, ``developmentStatus``, ``softwareType``,
   ``longDescription``, ``features``, ``localisation``, maintenance contractors and contacts,
   ``organisation``, ...). Deprecated keys are left out or carried into their successors
   (``IT.piattaforme`` -> ``supports``, lower-case country codes -> upper case); logos and
   screenshots given as relative paths are left out, since the written file lies elsewhere.

The blueprint's values win where both have one. A component without every required fact gets
no file; each missing fact is a KT249 warning on the component's line, saying where to add it.
Every file written is checked with :mod:`kltransfer.publiccode.check` before it is returned.
Components that are not open source get none (the standard describes open-source software).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kltransfer.findings import Finding, Severity
from kltransfer.i18n import N_, _, tr
from kltransfer.loading.keypath import KeyPath, format_key_path
from kltransfer.loading.yaml_loader import Document
from kltransfer.publiccode import standard
from kltransfer.publiccode.check import check_text
from kltransfer.publiccode.values import is_http_url, is_url, visible_length
from kltransfer.publiccode.writing import to_yaml
from kltransfer.references import ReferenceRefused, is_local, read_reference

#: Reads a local ``components[].publiccode`` reference: its bytes, or ``None`` when it cannot be read.
Reader = Callable[[str], bytes | None]

_PLACEHOLDER = re.compile(r"^TODO\b")
#: What each fact means, for the warnings (the key names are the standard's own).
FACTS = {
    "url": N_("the address of its source code"),
    "legal.license": N_("its licence"),
    "maintenance.type": N_("how it is maintained"),
    "shortDescription": N_("a short description"),
    "platforms": N_("the platforms it runs on"),
    "developmentStatus": N_("its development status"),
    "softwareType": N_("the type of software"),
    "localisation": N_("whether it can be translated and into which languages it is"),
    "longDescription": N_("a long description of 150 characters or more"),
    "features": N_("a list of its features"),
    "maintenance.contractors": N_("who maintains it under contract, and until when"),
    "maintenance.contacts": N_("the people who maintain it"),
}
_PIATTAFORME = ("spid", "pagopa", "cie", "anpr", "io")


@dataclass(slots=True)
class Gap:
    """A fact a component's publiccode.yml needs and does not have (one KT249 warning)."""

    path: KeyPath
    message: str
    hint: str
    #: False for a language left out of the description while another language is complete.
    blocking: bool = True


@dataclass(slots=True)
class Planned:
    """One software component: its file name, its publiccode.yml when complete, what is missing."""

    index: int
    name: str
    file: str
    #: The file's bytes (checked), or ``None`` when a fact is missing.
    content: bytes | None
    gaps: list[Gap] = field(default_factory=list)


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() and not _PLACEHOLDER.match(value) else None


def _texts(value: Any, lang: str) -> dict[str, str]:
    if isinstance(value, str):
        return {lang: value} if _text(value) else {}
    if isinstance(value, dict):
        return {str(k): v for k, v in value.items() if _text(v)}
    return {}


def slug(name: str) -> str:
    from kltransfer.scaffold.questions import slugify

    return slugify(name)


def _dependencies(value: Any) -> dict[str, list[dict[str, Any]]]:
    """A blueprint's ``depends_on`` in publiccode.yml's words."""
    out: dict[str, list[dict[str, Any]]] = {}
    if not isinstance(value, dict):
        return out
    for kind in ("open", "proprietary", "hardware"):
        entries = []
        for dep in value.get(kind) or []:
            if not isinstance(dep, dict) or not _text(dep.get("name")):
                continue
            entry: dict[str, Any] = {"name": dep["name"]}
            for theirs, ours in (("versionMin", "version_min"), ("versionMax", "version_max")):
                if _text(dep.get(ours)):
                    entry[theirs] = str(dep[ours])
            if isinstance(dep.get("optional"), bool):
                entry["optional"] = dep["optional"]
            entries.append(entry)
        if entries:
            out[kind] = entries
    return out


def _current_dependencies(value: Any) -> dict[str, list[dict[str, Any]]]:
    if not isinstance(value, dict):
        return {}
    keys = ("name", "versionMin", "versionMax", "version", "optional")
    return {
        kind: [{k: d[k] for k in keys if d.get(k) is not None} for d in value[kind] if isinstance(d, dict)]
        for kind in ("open", "proprietary", "hardware")
        if isinstance(value.get(kind), list) and value[kind]
    }


class _Builder:
    def __init__(self, index: int, component: dict[str, Any], data: dict[str, Any], lang: str) -> None:
        self.index = index
        self.component = component
        self.data = data
        self.lang = lang
        self.name = str(component.get("name"))
        self.gaps: list[Gap] = []
        reference = component.get("publiccode")
        self.remote = reference if isinstance(reference, str) and "://" in reference else None

    def at(self, key: str | None = None) -> KeyPath:
        return ("components", self.index, key) if key and key in self.component else ("components", self.index)

    def lacks(self, fact: str, *, lang: str | None = None, key: str | None = None, hint: str | None = None) -> None:
        what = _(FACTS[fact])
        if lang:
            message = tr(
                "KT249",
                "'{name}': the description in '{lang}' needs '{fact}', {what}",
                name=self.name,
                lang=lang,
                fact=fact,
                what=what,
            )
        else:
            message = tr(
                "KT249", "'{name}': a publiccode.yml needs '{fact}', {what}", name=self.name, fact=fact, what=what
            )
        if hint is None:
            where = format_key_path(("components", self.index, "publiccode"))
            hint = (
                tr(
                    "KT249",
                    "the blueprint has no field for it: save a copy of its publiccode.yml ({url}) beside the "
                    "blueprint and set {where} to the file name",
                    url=self.remote,
                    where=where,
                )
                if self.remote
                else tr(
                    "KT249",
                    "the blueprint has no field for it: write it into a publiccode.yml beside the blueprint "
                    "and set {where} to the file name (kltransfer validate checks that file)",
                    where=where,
                )
            )
        self.gaps.append(Gap(self.at(key), message, hint))

    def build(self, base: dict[str, Any]) -> dict[str, Any] | None:
        c = self.component
        where = format_key_path(("components", self.index))
        out: dict[str, Any] = {"publiccodeYmlVersion": standard.CURRENT, "name": self.name}
        for key in ("applicationSuite",):
            if base.get(key):
                out[key] = base[key]
        url = _text(c.get("repository")) or base.get("url")
        if url and is_url(url):
            out["url"] = url
        else:
            self.lacks("url", key="repository", hint=tr("KT249", "add {where}.repository: https://...", where=where))
        landing = _text(c.get("url")) or base.get("landingURL")
        if landing and is_http_url(landing):
            out["landingURL"] = landing
        for key in ("isBasedOn", "softwareVersion", "releaseDate"):
            if base.get(key):
                out[key] = base[key]
        if isinstance(base.get("logo"), str) and "://" in base["logo"]:
            out["logo"] = base["logo"]
        self.carry(base, "platforms", out)
        if base.get("categories"):
            out["categories"] = base["categories"]
        if base.get("usedBy"):
            out["usedBy"] = base["usedBy"]
        for key in ("fundedBy", "roadmap"):
            if base.get(key):
                out[key] = base[key]
        self.carry(base, "developmentStatus", out)
        self.carry(base, "softwareType", out)
        supports = self.supports(base)
        if supports:
            out["supports"] = supports
        organisation = self.organisation(base)
        if organisation:
            out["organisation"] = organisation
        audience = self.audience(base.get("intendedAudience"))
        if audience:
            out["intendedAudience"] = audience
        out["description"] = self.description(base.get("description") or {})
        out["legal"] = self.legal(base.get("legal") or {})
        out["maintenance"] = self.maintenance(base.get("maintenance") or {})
        if isinstance(base.get("localisation"), dict):
            out["localisation"] = base["localisation"]
        else:
            self.lacks("localisation")
        dependencies = _dependencies(c.get("depends_on")) or _current_dependencies(base.get("dependsOn"))
        if dependencies:
            out["dependsOn"] = dependencies
        return None if any(g.blocking for g in self.gaps) else out

    def carry(self, base: dict[str, Any], key: str, out: dict[str, Any]) -> None:
        """A fact only the component's publiccode.yml can give."""
        if base.get(key):
            out[key] = base[key]
        else:
            self.lacks(key)

    def supports(self, base: dict[str, Any]) -> list[dict[str, str]]:
        found = [s for s in base.get("supports") or [] if isinstance(s, dict) and s.get("id")]
        ids = {s["id"] for s in found}
        for section in ("IT", "it"):
            platforms = (base.get(section) or {}).get("piattaforme") or {}
            for name in _PIATTAFORME:
                if platforms.get(name) is True and f"alias:{name}" not in ids:
                    found.append({"id": f"alias:{name}"})
                    ids.add(f"alias:{name}")
        return found

    def organisation(self, base: dict[str, Any]) -> dict[str, str] | None:
        if isinstance(base.get("organisation"), dict):
            return base["organisation"]
        for section in ("IT", "it"):
            code = ((base.get(section) or {}).get("riuso") or {}).get("codiceIPA")
            if isinstance(code, str) and code:
                owner = (base.get("legal") or {}).get("repoOwner")
                return (
                    {"name": owner, "uri": f"urn:x-italian-pa:{code}"} if owner else {"uri": f"urn:x-italian-pa:{code}"}
                )
        return None

    @staticmethod
    def audience(value: Any) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            return None
        out = {}
        for key in ("scope", "countries", "unsupportedCountries"):
            items = [v for v in value.get(key) or [] if isinstance(v, str)]
            if items:
                out[key] = [v.upper() for v in items] if key != "scope" else items
        return out or None

    def description(self, base: dict[str, Any]) -> dict[str, Any]:
        ours = _texts(self.component.get("description"), self.lang)
        where = format_key_path(self.at("description"))
        if not ours and not any(isinstance(d, dict) and d.get("shortDescription") for d in base.values()):
            self.lacks(
                "shortDescription",
                hint=tr("KT249", "add {where}.description", where=format_key_path(("components", self.index))),
            )
            return {}
        out: dict[str, Any] = {}
        before = len(self.gaps)
        for lang in dict.fromkeys([*ours, *base]):
            theirs = base.get(lang) if isinstance(base.get(lang), dict) else {}
            entry: dict[str, Any] = {}
            if theirs.get("localisedName"):
                entry["localisedName"] = theirs["localisedName"]
            short = ours.get(lang) or theirs.get("shortDescription")
            complete = True
            if short and visible_length(short) > standard.SHORT_DESCRIPTION_MAX:
                self.gaps.append(
                    Gap(
                        self.at("description"),
                        tr(
                            "KT249",
                            "'{name}': the description in '{lang}' has {n} characters, more than the {limit} "
                            "of a shortDescription",
                            name=self.name,
                            lang=lang,
                            n=visible_length(short),
                            limit=standard.SHORT_DESCRIPTION_MAX,
                        ),
                        tr("KT249", "shorten {where} to one sentence", where=where),
                    )
                )
                complete = False
            entry["shortDescription"] = short
            for fact in ("longDescription", "features"):
                if theirs.get(fact):
                    entry[fact] = theirs[fact]
                else:
                    self.lacks(fact, lang=lang, key="description")
                    complete = False
            for key in ("documentation", "apiDocumentation", "videos", "awards"):
                if theirs.get(key):
                    entry[key] = theirs[key]
            shots = [s for s in theirs.get("screenshots") or [] if isinstance(s, str) and "://" in s]
            if shots:
                entry["screenshots"] = shots
            if complete:
                out[lang] = entry
        if out:  # a language left out does not keep the file from being valid
            for gap in self.gaps[before:]:
                gap.blocking = False
        return out

    def legal(self, base: dict[str, Any]) -> dict[str, Any]:
        licence = _text(self.component.get("licence")) or base.get("license")
        out: dict[str, Any] = {}
        if licence:
            out["license"] = licence
        else:
            where = format_key_path(("components", self.index))
            self.lacks(
                "legal.license", key="licence", hint=tr("KT249", "add {where}.licence, e.g. EUPL-1.2", where=where)
            )
        if base.get("mainCopyrightOwner"):
            out["mainCopyrightOwner"] = base["mainCopyrightOwner"]
        return out

    def maintenance(self, base: dict[str, Any]) -> dict[str, Any]:
        kind = _text(self.component.get("maintenance")) or base.get("type")
        if kind not in standard.MAINTENANCE_TYPES:
            where = format_key_path(("components", self.index))
            self.lacks(
                "maintenance.type",
                key="maintenance",
                hint=tr("KT249", "add {where}.maintenance: internal, contract, community or none", where=where),
            )
            return {}
        out: dict[str, Any] = {"type": kind}
        if kind == "contract":
            if base.get("type") == "contract" and base.get("contractors"):
                out["contractors"] = base["contractors"]
            else:
                self.lacks("maintenance.contractors", key="maintenance")
        if base.get("contacts"):
            out["contacts"] = base["contacts"]
        elif kind in ("internal", "community"):
            self.lacks("maintenance.contacts", key="maintenance")
        return out


def _base(component: dict[str, Any], read: Reader) -> dict[str, Any]:
    """The facts of the component's own local publiccode.yml, when it has a readable, valid one."""
    reference = component.get("publiccode")
    if not is_local(reference):
        return {}
    raw = read(reference)
    if raw is None:
        return {}
    checked = check_text(raw, reference)
    return checked.data or {} if not checked.errors else {}


def plan(data: dict[str, Any], lang: str, read: Reader) -> list[Planned]:
    """Every software component of the blueprint ``data``: its publiccode.yml, or what it lacks."""
    planned: list[Planned] = []
    taken: set[str] = set()
    components = data.get("components") if isinstance(data.get("components"), list) else []
    for i, component in enumerate(components):
        if not isinstance(component, dict) or component.get("type") != "software":
            continue
        name = str(component.get("name") or "")
        stem = slug(name) or f"component-{i + 1}"
        file, n = f"{stem}.yml", 2
        while file in taken:
            file, n = f"{stem}-{n}.yml", n + 1
        taken.add(file)
        if component.get("open_source") is False:
            gap = Gap(
                ("components", i, "open_source"),
                tr("KT249", "'{name}' is not open source: publiccode.yml describes open-source software", name=name),
                tr("KT249", "no publiccode.yml is written for it; nothing to do if that is right"),
            )
            planned.append(Planned(i, name, file, None, [gap]))
            continue
        builder = _Builder(i, component, data, lang)
        content = builder.build(_base(component, read))
        item = Planned(i, name, file, None, builder.gaps)
        if content is not None:
            item.content = _written(content, name, data.get("id"), item)
        planned.append(item)
    return planned


def _written(content: dict[str, Any], name: str, blueprint: Any, item: Planned) -> bytes | None:
    """The file's bytes, once they pass the check; else ``None`` and a gap saying why."""
    header = _(
        "publiccode.yml of '{name}', written by kltransfer export from the blueprint '{id}'", name=name, id=blueprint
    )
    text = to_yaml(content, header).encode("utf-8")
    errors = check_text(text, item.file).errors
    if not errors:
        return text
    item.gaps.append(
        Gap(
            ("components", item.index),
            tr(
                "KT249",
                "'{name}': its publiccode.yml would not be valid: {problem}",
                name=name,
                problem=errors[0].message,
            ),
            errors[0].hint or tr("KT249", "correct the value in the blueprint or in the component's publiccode.yml"),
        )
    )
    return None


def render(data: Mapping[str, Any], lang: str, read: Reader) -> dict[str, bytes]:
    """The files of the ``publiccode`` format: ``<component-slug>.yml`` per complete component.

    Each one has passed :func:`~kltransfer.publiccode.check.check_text`; one that would not is
    left out, with a KT249 warning from :func:`gaps` that says why.
    """
    return {item.file: item.content for item in plan(dict(data), lang, read) if item.content is not None}


def gaps(doc: Document, lang: str, folder: Path) -> list[Finding]:
    """KT249 warnings on the blueprint's lines: each fact a software component's publiccode.yml lacks."""

    def read(reference: str) -> bytes | None:
        try:
            return read_reference(folder, reference)
        except ReferenceRefused:
            return None

    findings = []
    for item in plan(doc.data, lang, read):
        for gap in item.gaps:
            line, col = doc.locate(gap.path)
            findings.append(
                Finding(
                    "KT249",
                    gap.message,
                    doc.path,
                    line,
                    col,
                    format_key_path(gap.path),
                    Severity.WARNING,
                    gap.hint,
                )
            )
    return findings
