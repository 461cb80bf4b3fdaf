"""The scaffold library without the CLI: answers, questions, kinds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kltransfer.errors import UsageError
from kltransfer.scaffold.api import NewOptions, default_lang, new_blueprint
from kltransfer.scaffold.kinds import KindError, load_kinds
from kltransfer.scaffold.questions import AnswerError, Question, essential_questions, slugify
from tests.scaffold_helpers import KINDS


def test_ask_is_called_for_missing_essentials_and_kind_questions_only(tmp_path: Path) -> None:
    asked: list[tuple[str, Any]] = []

    def ask(question: Question, default: Any) -> Any:
        asked.append((question.key, default))
        return {"title": "Offene Daten", "licence": "EUPL-1.2", "open_data.govdata": False}.get(question.key)

    result = new_blueprint(
        NewOptions(
            tmp_path / "bp", kind="open-data", lang="de", given={"city.name": "Gera"}, sources={"city.name": "--set"}
        ),
        ask=ask,
    )
    keys = [key for key, _ in asked]
    assert keys == [
        "title",
        "city.state",
        "fields_of_action",
        "phase",
        "contact.role",
        "licence",
        "open_data.software",
        "open_data.licence",
        "open_data.govdata",
    ]
    assert dict(asked)["fields_of_action"] == ["data-infrastructure", "administration"]
    assert dict(asked)["contact.role"] == "Projektleitung"
    assert result.answers["title"] == "Offene Daten"
    assert result.answers["id"] == "offene-daten"
    assert result.answers["open_data.govdata"] is False
    assert "GovData" not in result.files["blueprint.yaml"].split("standards:", 1)[1].split("interoperability", 1)[0]
    assert (tmp_path / "bp" / "blueprint.yaml").read_text(encoding="utf-8") == result.files["blueprint.yaml"]


def test_every_kind_has_questions_and_descriptions_in_both_languages() -> None:
    kinds = load_kinds()
    assert tuple(kinds) == KINDS
    essentials = {q.key for q in essential_questions()}
    for kind in kinds.values():
        assert kind.questions, kind.id
        assert kind.describe("de") != kind.describe("en")
        assert not essentials & {q.key for q in kind.questions}


def test_a_broken_kind_folder_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "scaffold" / "broken"
    folder.mkdir(parents=True)
    (folder / "kind.yaml").write_text("id: other\n", encoding="utf-8")
    with pytest.raises(KindError, match="'id' must equal the folder name 'broken'"):
        load_kinds(tmp_path / "scaffold")


@pytest.mark.parametrize(
    "environ, expected",
    [
        ({}, "de"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "de_DE.UTF-8", "LC_ALL": "en_GB"}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "de"),
        ({"LC_MESSAGES": "en", "LANG": "de_AT"}, "en"),
        ({"LANG": "C.UTF-8"}, "de"),
    ],
)
def test_default_lang(environ: dict[str, str], expected: str) -> None:
    assert default_lang(environ) == expected


@pytest.mark.parametrize(
    "text, slug",
    [
        ("Digitale Bürgerbeteiligung", "digitale-buergerbeteiligung"),
        ("Straße & Café: 2. Phase", "strasse-cafe-2-phase"),
        ("***", ""),
    ],
)
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug


def test_question_parsers() -> None:
    questions = {q.key: q for q in essential_questions()}
    assert questions["fields_of_action"].parse("mobility,3, mobility") == ["mobility", "energy"]
    assert questions["fields_of_action"].parse(["health"]) == ["health"]
    assert questions["city.state"].parse("11") == "DE-RP"
    assert questions["licence"].parse("MIT OR Apache-2.0") == "MIT OR Apache-2.0"
    assert questions["title"].parse("  ") is None
    assert questions["title"].parse({"de": "x ", "en-GB": "y"}) == {"de": "x", "en-GB": "y"}
    with pytest.raises(AnswerError, match="needs a text per language tag"):
        questions["title"].parse({"Deutsch": "x"})
    with pytest.raises(AnswerError, match="needs a text, not list"):
        questions["title"].parse(["x"])
    with pytest.raises(AnswerError, match="not an e-mail address"):
        questions["contact.email"].parse("info at stadt.de")


def test_unknown_language_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="unknown language 'fr'"):
        new_blueprint(NewOptions(tmp_path / "bp", lang="fr"))
    assert not (tmp_path / "bp").exists()


def test_annotate_adds_comments_only_where_missing() -> None:
    from kltransfer.scaffold.comments import annotate

    catalogue = {"name": "Name", "components.name": "Name of the component", "note": "Note"}
    text = '# Components\ncomponents:\n  - name: "a \\"#b"\n    note: "x"  # own\n# The standard\nname: "y"\nother: 1\n'
    assert annotate(text, catalogue).splitlines() == [
        "# Components",
        "components:",
        '  - name: "a \\"#b"  # Name of the component',
        '    note: "x"  # own',
        "# The standard",
        'name: "y"',
        "other: 1",
    ]
