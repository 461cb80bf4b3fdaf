"""The normalisation step shared by every format: defaults applied, texts resolved, totals computed.

The result is plain JSON data (dicts, lists, strings, numbers, booleans, ``None``) with every
key of the format present, so that templates and other tools need no defaults of their own.
It depends only on the blueprint and the language, never on where the file lies.

Values are kept as written: an unknown value stays the marker (``unknown`` or ``unknown:
reason``, :mod:`kltransfer.shape`), a placeholder stays ``TODO``. Totals are computed from the
known parts; ``totals.at_least`` names those that have a part that is not known (the true total
is at least the figure), and a total of which no part is known is the marker ``unknown``.
"""

from __future__ import annotations

from typing import Any

from kltransfer.export import context, money
from kltransfer.export.reading import Reader, date_key
from kltransfer.shape import lead, own_share

#: Version of the normalised structure (the ``json`` format); bumped when a key changes meaning.
#: 2: format 1.2's fields (several cities, owner, adopters, sources, decisions, …), ``cite`` as
#: numbered references, ``totals.at_least`` and unknown totals kept as the marker.
NORMALISED_FORMAT = "2"

_ADAPTATION_KINDS = ("technical", "financial", "legal", "organisational")


class _Normaliser(Reader):
    def run(self) -> dict[str, Any]:
        d = self.data
        funding = self.mapping(d.get("funding"))
        result: dict[str, Any] = {
            "kltransfer": d.get("kltransfer"),
            "normalised": NORMALISED_FORMAT,
            "lang": self.lang,
            "id": d.get("id"),
            "version": d.get("version"),
            "kind": d.get("kind", "generic"),
            "title": self.text(d.get("title")),
            "summary": self.text(d.get("summary")),
            "description": self.text(d.get("description")),
            "keywords": [k for k in self.items(d.get("keywords")) if isinstance(k, str)],
            "licence": d.get("licence"),
            "city": self.place(lead(d)),
            "cities": context.cities(self),
            "owner": context.owner(self),
            "fields_of_action": list(self.items(d.get("fields_of_action"))),
            "spatial_impact": d.get("spatial_impact"),
            "phase": d.get("phase"),
            "status": d.get("status"),
            "timeline": self.timeline(),
            "costs": money.costs(self),
            "funding": money.funding_sources(self),
            "own_share": own_share(d)[1],
            "own_share_cash": funding.get("own_share_cash"),
            "own_share_in_kind": funding.get("own_share_in_kind"),
            "funding_note": self.text(funding.get("note")),
            "funding_cite": self.cite(funding),
            "partners": [
                {"name": p.get("name"), "role": self.text(p.get("role")), "url": p.get("url"), "cite": self.cite(p)}
                for p in self.objects(d.get("partners"))
            ],
            "contacts": [self.contact(c) for c in self.objects(d.get("contacts"))],
            "goals": self.goals(),
            "use_cases": context.use_cases(self),
            "participation": self.participation(),
            "privacy": self.privacy(),
            "components": self.components(),
            "data": self.datasets(),
            "standards": [
                {"name": s.get("name"), "url": s.get("url"), "note": self.text(s.get("note")), "cite": self.cite(s)}
                for s in self.objects(d.get("standards"))
            ],
            "interoperability": {
                "mims": list(self.items(self.mapping(d.get("interoperability")).get("mims"))),
                "note": self.text(self.mapping(d.get("interoperability")).get("note")),
                "cite": self.cite(d.get("interoperability")),
            },
            "operator_model": self.operator_model(),
            "transfer": self.transfer(),
            "decisions": context.decisions(self),
            "related_projects": context.related_projects(self),
            "awards": context.awards(self),
            "lessons_learned": [
                {
                    "title": self.text(item.get("title")),
                    "text": self.text(item.get("text")),
                    "category": item.get("category"),
                    "cite": self.cite(item),
                }
                for item in self.objects(d.get("lessons_learned"))
            ],
            "documents": [
                {
                    "title": self.text(doc.get("title")),
                    "url": doc.get("url"),
                    "path": doc["path"].replace("\\", "/") if isinstance(doc.get("path"), str) else None,
                }
                for doc in self.objects(d.get("documents"))
            ],
            "sources": context.sources(self),
            "citations": context.citations(self),
            "origin": dict(d["origin"]) if isinstance(d.get("origin"), dict) else None,
        }
        result["totals"] = money.totals(result)
        return result

    # --- goals, time, people --------------------------------------------------------------------

    def timeline(self) -> dict[str, Any]:
        t = self.mapping(self.data.get("timeline"))
        milestones = [
            {
                "date": m.get("date"),
                "title": self.text(m.get("title")),
                "done": m.get("done", False),
                "decision": m.get("decision") if isinstance(m.get("decision"), str) else None,
                "cite": self.cite(m),
            }
            for m in self.objects(t.get("milestones"))
        ]
        milestones.sort(key=lambda m: date_key(m["date"]))
        return {"start": t.get("start"), "end": t.get("end"), "milestones": milestones, "cite": self.cite(t)}

    def goals(self) -> list[dict[str, Any]]:
        goals = []
        for goal in self.objects(self.data.get("goals")):
            kpis = [
                {
                    "name": self.text(k.get("name")),
                    "unit": k.get("unit"),
                    "baseline": k.get("baseline"),
                    "target": k.get("target"),
                    "achieved": k.get("achieved"),
                    "measured": k.get("measured"),
                    "baseline_year": k.get("baseline_year"),
                    "measurements": sorted(
                        (
                            {
                                "date": m.get("date"),
                                "value": m.get("value"),
                                "note": self.text(m.get("note")),
                                "cite": self.cite(m),
                            }
                            for m in self.objects(k.get("measurements"))
                        ),
                        key=lambda m: date_key(m["date"]),
                    ),
                    "cite": self.cite(k),
                }
                for k in self.objects(goal.get("kpis"))
            ]
            goals.append({"goal": self.text(goal.get("goal")), "kpis": kpis, "cite": self.cite(goal)})
        return goals

    def participation(self) -> dict[str, Any] | None:
        p = self.data.get("participation")
        if not isinstance(p, dict):
            return None
        return {
            "description": self.text(p.get("description")),
            "groups": self.texts(p.get("groups")),
            "methods": self.texts(p.get("methods")),
            "cite": self.cite(p),
        }

    def privacy(self) -> dict[str, Any] | None:
        p = self.data.get("privacy")
        if not isinstance(p, dict):
            return None
        assessment = self.mapping(p.get("impact_assessment"))
        status = assessment.get("status", p.get("dpia"))
        return {
            "personal_data": p.get("personal_data"),
            "categories": self.texts(p.get("categories")),
            "legal_basis": self.text(p.get("legal_basis")),
            "dpia": status,
            "impact_assessment": {
                "status": status,
                "date": assessment.get("date"),
                "note": self.text(assessment.get("note")),
                "url": assessment.get("url"),
                "cite": self.cite(assessment),
            },
            "notes": self.text(p.get("notes")),
            "cite": self.cite(p),
        }

    # --- what it is made of -------------------------------------------------------------------

    def components(self) -> list[dict[str, Any]]:
        return [
            {
                "name": c.get("name"),
                "type": c.get("type"),
                "description": self.text(c.get("description")),
                "licence": c.get("licence"),
                "open_source": c.get("open_source"),
                "vendor": c.get("vendor"),
                "version": c.get("version"),
                "status": c.get("status"),
                "superseded_by": c.get("superseded_by"),
                "url": c.get("url"),
                "repository": c.get("repository"),
                "publiccode": c.get("publiccode"),
                "maintenance": c.get("maintenance"),
                "governance": self.governance(c.get("governance")),
                "depends_on": self.dependencies(c.get("depends_on")),
                "cite": self.cite(c),
            }
            for c in self.objects(self.data.get("components"))
        ]

    def governance(self, value: Any) -> dict[str, Any] | None:
        g = self.mapping(value)
        if not g:
            return None
        return {
            "body": g.get("body"),
            "founded": g.get("founded"),
            "members": [m for m in self.items(g.get("members")) if isinstance(m, str)],
            "member_count": g.get("member_count"),
            "cost_sharing": self.text(g.get("cost_sharing")),
            "url": g.get("url"),
            "cite": self.cite(g),
        }

    def dependencies(self, value: Any) -> dict[str, list[dict[str, Any]]]:
        groups = self.mapping(value)
        return {
            kind: [
                {
                    "name": dep.get("name"),
                    "version_min": dep.get("version_min"),
                    "version_max": dep.get("version_max"),
                    "optional": dep.get("optional", False),
                    "vendor": dep.get("vendor"),
                }
                for dep in self.objects(groups.get(kind))
            ]
            for kind in ("open", "proprietary", "hardware")
        }

    def datasets(self) -> list[dict[str, Any]]:
        return [
            {
                "name": self.text(s.get("name")),
                "description": self.text(s.get("description")),
                "licence": s.get("licence"),
                "format": s.get("format"),
                "standards": [x for x in self.items(s.get("standards")) if isinstance(x, str)],
                "url": s.get("url"),
                "personal_data": s.get("personal_data"),
                "cite": self.cite(s),
            }
            for s in self.objects(self.data.get("data"))
        ]

    def operator_model(self) -> dict[str, Any] | None:
        o = self.data.get("operator_model")
        if not isinstance(o, dict):
            return None
        return {
            "operator": o.get("operator"),
            "type": o.get("type"),
            "financing": self.text(o.get("financing")),
            "after_funding": self.text(o.get("after_funding")),
            "description": self.text(o.get("description")),
            "cite": self.cite(o),
        }

    # --- transfer -------------------------------------------------------------------------------

    def transfer(self) -> dict[str, Any]:
        t = self.mapping(self.data.get("transfer"))
        effort = self.mapping(t.get("effort"))
        adaptations = self.mapping(t.get("adaptations"))
        return {
            "prerequisites": self.texts(t.get("prerequisites")),
            "effort": {
                "person_days": effort.get("person_days"),
                "months": effort.get("months"),
                "description": self.text(effort.get("description")),
                "cite": self.cite(effort),
            },
            "adaptations": {kind: self.texts(adaptations.get(kind)) for kind in _ADAPTATION_KINDS},
            "risks": [
                {"risk": self.text(r.get("risk")), "mitigation": self.text(r.get("mitigation")), "cite": self.cite(r)}
                for r in self.objects(t.get("risks"))
            ],
            "city_sizes": list(self.items(t.get("city_sizes"))),
            "checklist": self.texts(t.get("checklist")),
            "adopters": [context.adopter(self, a) for a in self.objects(t.get("adopters"))],
            "support": [
                {
                    "type": s.get("type"),
                    "description": self.text(s.get("description")),
                    "free": s.get("free"),
                    "url": s.get("url"),
                    "contact": self.contact(s.get("contact")),
                    "cite": self.cite(s),
                }
                for s in self.objects(t.get("support"))
            ],
            "cite": self.cite(t),
        }


def normalise(data: dict[str, Any], lang: str = "de") -> dict[str, Any]:
    """The blueprint ``data`` (as loaded, assumed valid) normalised for ``lang``."""
    return _Normaliser(data, lang).run()


def local_files(normalised: dict[str, Any]) -> list[str]:
    """The files beside the blueprint that it links to (documents, publiccode.yml), sorted, each once."""
    found = {d["path"] for d in normalised["documents"] if d["path"]}
    for component in normalised["components"]:
        ref = component["publiccode"]
        if isinstance(ref, str) and "://" not in ref and not ref.startswith("TODO"):
            found.add(ref.replace("\\", "/"))
    return sorted(p for p in found if not p.startswith("TODO"))
