"""A new blueprint asserts nothing the person did not say (format 1.2 scaffolds).

No federal state, no "no personal data", no "no impact assessment needed", no operator form,
no funding programme, no met MIMs or city sizes are written on their own: where an answer is
missing, the blueprint holds a placeholder (a warning, KT220) that asks for it.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from kltransfer.scaffold.api import questions_for, render_files
from kltransfer.scaffold.kinds import get_kind
from kltransfer.scaffold.questions import localized_default
from kltransfer.schema import CURRENT
from kltransfer.validation.validate import validate_text
from tests.scaffold_helpers import KINDS


def _unanswered(kind_id: str, lang: str, **answers: Any) -> tuple[str, dict[str, Any]]:
    """The blueprint of a scaffold for which no question was answered but the given ones: each
    question keeps its default, if it has one (the federal state and the phase have none here)."""
    kind = get_kind(kind_id)
    given = {q.key: localized_default(q, lang) for q in questions_for(kind)}
    given.update({"city.state": None, "phase": None})
    given.update({"id": "musterstadt-projekt", "title": "Projekt", "fields_of_action": ["mobility"]})
    given.update({k.replace("__", "."): v for k, v in answers.items()})
    text = render_files(kind, lang, given, [])["blueprint.yaml"]
    return text, yaml.safe_load(text)


def _placeholder(value: Any) -> bool:
    return isinstance(value, str) and value.startswith("TODO")


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("kind", KINDS)
def test_an_unanswered_scaffold_claims_nothing(kind: str, lang: str) -> None:
    text, data = _unanswered(kind, lang)
    assert data["kltransfer"] == CURRENT
    assert _placeholder(data["city"]["state"])
    assert _placeholder(data["phase"]) and "status" not in data
    assert "spatial_impact" not in data
    privacy = data["privacy"]
    assert _placeholder(privacy["personal_data"])
    assert privacy.get("impact_assessment", {}).get("status") in (None, "open")
    model = data["operator_model"]
    assert _placeholder(model["type"]) and _placeholder(model["after_funding"])
    assert all(_placeholder(s["programme"]) for s in data["funding"]["sources"])
    assert data["interoperability"]["mims"] == []
    assert data["transfer"]["city_sizes"] == []
    assert all("category" not in lesson for lesson in data["lessons_learned"])
    assert all(c.get("open_source") is not True or "licence" in c for c in data["components"])
    report = validate_text(text, "blueprint.yaml")
    assert report.errors == 0 and {f.code for f in report.findings} == {"KT220"}


@pytest.mark.parametrize(
    ("kind", "key", "answer", "expected"),
    [
        ("generic", "project__personal_data", True, True),
        ("generic", "project__personal_data", False, False),
        ("sensor-network", "sensor__personal_data", True, True),
        ("participation", "participation__accounts", True, True),
        ("digital-service", "service__login", "bundid", True),
    ],
)
def test_the_privacy_answer_is_written_as_given(kind: str, key: str, answer: Any, expected: bool) -> None:
    text, data = _unanswered(kind, "en", **{key: answer})
    privacy = data["privacy"]
    assert privacy["personal_data"] is expected
    if expected:
        # declared personal data: asked for the legal basis and the assessment, never "not required"
        assert _placeholder(privacy["legal_basis"])
        assert privacy["impact_assessment"]["status"] in ("open", "planned")
    else:
        # no personal data: asked why, and no impact assessment is declared unnecessary on its own
        assert _placeholder(privacy["notes"]) and "impact_assessment" not in privacy
    assert validate_text(text, "blueprint.yaml").errors == 0


def test_answers_given_are_written_as_they_are() -> None:
    _, data = _unanswered("generic", "de", city__state="DE-SN", phase="P4")
    assert data["city"]["state"] == "DE-SN"
    assert (data["phase"], data["status"]) == ("P4", "operating")
