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
        "id",
        "summary",
        "city.state",
        "fields_of_action",
        "phase",
        "contact.role",
        "contact.email",
        "licence",
        "open_data.software",
        "open_data.licence",
        "open_data.govdata",
    ]
    assert dict(asked)["id"] == "bp"  # the folder's name
    assert dict(asked)["fields_of_action"] == ["data-infrastructure", "administration"]
    assert dict(asked)["contact.role"] == "Projektleitung"
    assert result.answers["title"] == "Offene Daten"
    assert result.answers["id"] == "bp"
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
        ({}, "en"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "de"),
        ({"LANG": "de_DE.UTF-8", "LC_ALL": "en_GB"}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "en"),
        ({"LC_MESSAGES": "en", "LANG": "de_AT"}, "en"),
        ({"LANGUAGE": "fr:de", "LANG": "C.UTF-8"}, "de"),
        ({"LANG": "C.UTF-8"}, "en"),
    ],
)
def test_default_lang_is_the_one_rule_of_every_command(environ: dict[str, str], expected: str) -> None:
    assert default_lang(environ) == expected
    assert default_lang(environ, configured="de") == "de"  # the configuration's lang comes before the locale


def test_the_id_is_the_folder_name_and_only_recorded_when_chosen(tmp_path: Path) -> None:
    result = new_blueprint(NewOptions(tmp_path / "Luftqualität KL", lang="en", given={"title": "Saubere Luft"}))
    assert result.answers["id"] == "luftqualitaet-kl"
    assert "id:" not in result.files[".kltransfer-answers.yaml"]
    chosen = new_blueprint(NewOptions(tmp_path / "two", lang="en", given={"id": "clean-air"}, sources={}))
    assert "id: clean-air" in chosen.files[".kltransfer-answers.yaml"]
    nameless = new_blueprint(NewOptions(tmp_path / "___", lang="en", given={"title": "Saubere Luft"}))
    assert nameless.answers["id"] == "saubere-luft"


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
    assert questions["contact.email"].parse("smartcity@example.org") == "smartcity@example.org"
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


@pytest.mark.parametrize(
    "typed", ["Rheinland-Pfalz", "rheinland pfalz", "RP", "RLP", "DE-RP", "de-rp", "11", "Rhineland-Palatinate"]
)
def test_a_federal_state_by_name_abbreviation_code_or_number(typed: str) -> None:
    state = {q.key: q for q in essential_questions()}["city.state"]
    assert state.parse(typed) == "DE-RP"


@pytest.mark.parametrize(
    ("key", "typed", "expected"),
    [
        ("fields_of_action", "Umwelt, Mobilität", ["environment", "mobility"]),
        ("fields_of_action", "environment, mobility", ["environment", "mobility"]),
        ("fields_of_action", "Kultur und Tourismus; Soziale Teilhabe", ["culture-tourism", "social-inclusion"]),
        ("fields_of_action", "mobility energy", ["mobility", "energy"]),
        ("fields_of_action", "2 4", ["mobility", "environment"]),
        ("phase", "Pilot", "P3"),
        ("phase", "pilot", "P3"),
        ("phase", "Dauerbetrieb", "P4"),
        ("phase", "long-term operation", "P4"),
        ("phase", "3", "P3"),
    ],
)
def test_fields_of_action_and_phase_in_german_or_english(key: str, typed: str, expected: object) -> None:
    assert {q.key: q for q in essential_questions()}[key].parse(typed) == expected


def test_a_status_question_accepts_german_and_english_names() -> None:
    from kltransfer.scaffold.questions import STATUSES, question_from_mapping

    status = question_from_mapping(
        {
            "key": "status",
            "type": "choice",
            "choices": list(STATUSES),
            "vocabulary": "status",
            "prompt": {"de": "Stand", "en": "Status"},
        },
        "kind.yaml",
    )
    assert status.parse("in Betrieb") == "operating"
    assert status.parse("in progress") == "in-progress"
    assert status.label("operating", "de") == "im Betrieb (operating)"


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("en", "'Pfälzerwald' is not a choice for city.state; type a name, a code or a number from the list"),
        (
            "de",
            "'Pfälzerwald' ist keine Auswahl für city.state; "
            "geben Sie einen Namen, einen Code oder eine Nummer aus der Liste ein",
        ),
    ],
)
def test_a_wrong_answer_says_what_to_type_in_the_language(lang: str, message: str) -> None:
    from kltransfer.i18n import set_language

    set_language(lang)
    with pytest.raises(AnswerError) as caught:
        {q.key: q for q in essential_questions()}["city.state"].parse("Pfälzerwald")
    assert str(caught.value) == message
    with pytest.raises(AnswerError, match=r"'Rheinlnd-Pfalz' .*'Rheinland-Pfalz'\?$"):
        {q.key: q for q in essential_questions()}["city.state"].parse("Rheinlnd-Pfalz")
