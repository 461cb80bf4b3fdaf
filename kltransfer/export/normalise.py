"""The normalisation step shared by every format: defaults applied, texts resolved, totals computed.

The result is plain JSON data (dicts, lists, strings, numbers, booleans, ``None``) with every
key of the format present, so that templates and other tools need no defaults of their own.
It depends only on the blueprint and the language, never on where the file lies.
"""

from __future__ import annotations

from typing import Any

from kltransfer.export.languages import fallback_order, resolve_text
from kltransfer.shape import known_sum, number, own_share

#: Version of the normalised structure (the ``json`` format); bumped when a key changes meaning.
NORMALISED_FORMAT = "1"

_ADAPTATION_KINDS = ("technical", "financial", "legal", "organisational")


def _sum(values: list[Any]) -> tuple[float | int, bool]:
    """The sum of the numbers among ``values`` and whether every value was a number."""
    total, has_unknown_part = known_sum(values)
    return total, not has_unknown_part


def _tidy(number: float | int) -> float | int:
    """Whole floats as ints, others rounded to cents (sums of floats drift)."""
    rounded = round(number, 2)
    return int(rounded) if float(rounded).is_integer() else rounded


class _Normaliser:
    def __init__(self, data: dict[str, Any], lang: str) -> None:
        self.data = data
        self.order = fallback_order(lang)
        self.lang = lang

    def text(self, value: Any) -> str | None:
        resolved = resolve_text(value, self.order)
        return resolved if isinstance(resolved, str) else None

    def texts(self, values: Any) -> list[str]:
        return [t for t in (self.text(v) for v in self.items(values)) if t is not None]

    @staticmethod
    def items(values: Any) -> list[Any]:
        return list(values) if isinstance(values, list) else []

    @staticmethod
    def mapping(value: Any) -> dict[str, Any]:
        return value if isinstance(value, dict) else {}

    def objects(self, values: Any) -> list[dict[str, Any]]:
        return [v for v in self.items(values) if isinstance(v, dict)]

    def run(self) -> dict[str, Any]:
        d = self.data
        city = self.mapping(d.get("city"))
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
            "city": {
                "name": city.get("name"),
                "state": city.get("state"),
                "country": city.get("country", "DE"),
                "population": city.get("population"),
                "ags": city.get("ags"),
                "organisation": city.get("organisation"),
                "url": city.get("url"),
            },
            "fields_of_action": list(self.items(d.get("fields_of_action"))),
            "spatial_impact": d.get("spatial_impact"),
            "phase": d.get("phase"),
            "status": d.get("status"),
            "timeline": self.timeline(),
            "costs": self.costs(),
            "funding": [
                {
                    "programme": self.text(f.get("programme")),
                    "funder": f.get("funder"),
                    "amount": f.get("amount"),
                    "url": f.get("url"),
                }
                for f in self.objects(self.funding_sources())
            ],
            "own_share": self.own_share(),
            "funding_note": self.text(self.mapping(d.get("funding")).get("note")),
            "partners": [
                {"name": p.get("name"), "role": self.text(p.get("role")), "url": p.get("url")}
                for p in self.objects(d.get("partners"))
            ],
            "contacts": [
                {
                    "role": self.text(c.get("role")),
                    "name": c.get("name"),
                    "email": c.get("email"),
                    "phone": c.get("phone"),
                    "organisation": c.get("organisation"),
                    "url": c.get("url"),
                }
                for c in self.objects(d.get("contacts"))
            ],
            "goals": self.goals(),
            "participation": self.participation(),
            "privacy": self.privacy(),
            "components": self.components(),
            "data": self.datasets(),
            "standards": [
                {"name": s.get("name"), "url": s.get("url"), "note": self.text(s.get("note"))}
                for s in self.objects(d.get("standards"))
            ],
            "interoperability": {
                "mims": list(self.items(self.mapping(d.get("interoperability")).get("mims"))),
                "note": self.text(self.mapping(d.get("interoperability")).get("note")),
            },
            "operator_model": self.operator_model(),
            "transfer": self.transfer(),
            "lessons_learned": [
                {
                    "title": self.text(item.get("title")),
                    "text": self.text(item.get("text")),
                    "category": item.get("category"),
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
            "origin": dict(d["origin"]) if isinstance(d.get("origin"), dict) else None,
        }
        result["totals"] = self.totals(result)
        return result

    def funding_sources(self) -> Any:
        """Format 1.0 lists the sources under ``funding``; 1.1 under ``funding.sources``."""
        funding = self.data.get("funding")
        return funding.get("sources") if isinstance(funding, dict) else funding

    def own_share(self) -> Any:
        """Format 1.0 has a top-level ``own_share``; 1.1 has ``funding.own_share``."""
        return own_share(self.data)[1]

    def timeline(self) -> dict[str, Any]:
        t = self.mapping(self.data.get("timeline"))
        milestones = [
            {"date": m.get("date"), "title": self.text(m.get("title")), "done": bool(m.get("done", False))}
            for m in self.objects(t.get("milestones"))
        ]
        milestones.sort(key=lambda m: str(m["date"]))
        return {"start": t.get("start"), "end": t.get("end"), "milestones": milestones}

    def cost_block(self, value: Any) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            return None
        breakdown = [
            {"item": self.text(b.get("item")), "amount": b.get("amount")} for b in self.objects(value.get("breakdown"))
        ]
        total, complete = _sum([b["amount"] for b in breakdown])
        return {
            "total": value.get("total"),
            "breakdown": breakdown,
            "breakdown_sum": _tidy(total) if breakdown else None,
            "breakdown_complete": complete,
            "note": self.text(value.get("note")),
        }

    def costs(self) -> dict[str, Any]:
        c = self.mapping(self.data.get("costs"))
        return {
            "currency": c.get("currency", "EUR"),
            "investment": self.cost_block(c.get("investment")),
            "operation_per_year": self.cost_block(c.get("operation_per_year")),
        }

    @staticmethod
    def totals(result: dict[str, Any]) -> dict[str, Any]:
        costs = result["costs"]
        investment = number((costs["investment"] or {}).get("total"))
        operation = number((costs["operation_per_year"] or {}).get("total"))
        funded, funding_complete = _sum([f["amount"] for f in result["funding"]])
        own_share = number(result["own_share"])
        financed = funded + (own_share or 0)
        share = round(100 * funded / investment, 1) if investment and result["funding"] else None
        return {
            "currency": costs["currency"],
            "investment": investment,
            "operation_per_year": operation,
            "funding": _tidy(funded) if result["funding"] else None,
            "funding_complete": funding_complete,
            "own_share": own_share,
            "financed": _tidy(financed) if result["funding"] or own_share is not None else None,
            "funding_rate_percent": share,
            "uncovered": _tidy(investment - financed) if investment is not None and investment > financed else 0,
        }

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
                }
                for k in self.objects(goal.get("kpis"))
            ]
            goals.append({"goal": self.text(goal.get("goal")), "kpis": kpis})
        return goals

    def participation(self) -> dict[str, Any] | None:
        p = self.data.get("participation")
        if not isinstance(p, dict):
            return None
        return {
            "description": self.text(p.get("description")),
            "groups": self.texts(p.get("groups")),
            "methods": self.texts(p.get("methods")),
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
            },
            "notes": self.text(p.get("notes")),
        }

    def components(self) -> list[dict[str, Any]]:
        return [
            {
                "name": c.get("name"),
                "type": c.get("type"),
                "description": self.text(c.get("description")),
                "licence": c.get("licence"),
                "open_source": c.get("open_source"),
                "vendor": c.get("vendor"),
                "url": c.get("url"),
                "repository": c.get("repository"),
                "publiccode": c.get("publiccode"),
                "maintenance": c.get("maintenance"),
                "depends_on": self.dependencies(c.get("depends_on")),
            }
            for c in self.objects(self.data.get("components"))
        ]

    def dependencies(self, value: Any) -> dict[str, list[dict[str, Any]]]:
        groups = self.mapping(value)
        return {
            kind: [
                {
                    "name": dep.get("name"),
                    "version_min": dep.get("version_min"),
                    "version_max": dep.get("version_max"),
                    "optional": bool(dep.get("optional", False)),
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
        }

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
            },
            "adaptations": {kind: self.texts(adaptations.get(kind)) for kind in _ADAPTATION_KINDS},
            "risks": [
                {"risk": self.text(r.get("risk")), "mitigation": self.text(r.get("mitigation"))}
                for r in self.objects(t.get("risks"))
            ],
            "city_sizes": list(self.items(t.get("city_sizes"))),
            "checklist": self.texts(t.get("checklist")),
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
