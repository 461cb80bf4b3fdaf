"""`kltransfer new` never overwrites, never writes outside DIR, and writes any value as exact YAML."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from jinja2 import TemplateNotFound

from tests.scaffold_helpers import snapshot

FILES = [
    "blueprint.yaml",
    "README.md",
    ".github/workflows/kltransfer.yml",
    ".gitlab-ci.yml",
    ".pre-commit-config.yaml",
    ".kltransfer-answers.yaml",
    ".kltransfer.yaml",
]


def test_writes_the_expected_files(run, tmp_path: Path) -> None:
    result = run("new", tmp_path / "bp", "--no-input")
    assert result.exit_code == 0
    assert sorted(snapshot(tmp_path / "bp")) == sorted(FILES)


def test_second_run_without_force_fails_and_changes_no_byte(run, tmp_path: Path) -> None:
    target = tmp_path / "bp"
    assert run("new", target, "--no-input", "--kind", "open-data").exit_code == 0
    (target / "notes.txt").write_text("mine", encoding="utf-8")
    before = snapshot(target)
    again = run("new", target, "--no-input", "--kind", "generic", "--set", "title=Other")
    assert again.exit_code == 2
    assert "already exists; nothing was written" in again.stderr
    assert "--force" in again.stderr
    assert snapshot(target) == before


def test_non_empty_folder_is_refused_without_force(run, tmp_path: Path) -> None:
    (tmp_path / "bp").mkdir()
    (tmp_path / "bp" / "keep.md").write_text("x", encoding="utf-8")
    result = run("new", tmp_path / "bp", "--no-input")
    assert result.exit_code == 2
    assert "is not empty; nothing was written" in result.stderr
    assert snapshot(tmp_path / "bp") == {"keep.md": b"x"}


def test_empty_existing_folder_is_fine(run, tmp_path: Path) -> None:
    (tmp_path / "bp").mkdir()
    assert run("new", tmp_path / "bp", "--no-input").exit_code == 0


def test_force_overwrites_the_scaffold_files_only(run, tmp_path: Path) -> None:
    target = tmp_path / "bp"
    assert run("new", target, "--no-input").exit_code == 0
    (target / "notes.txt").write_text("mine", encoding="utf-8")
    result = run("new", target, "--no-input", "--force", "--set", "title=Zweiter Lauf")
    assert result.exit_code == 0
    assert yaml.safe_load((target / "blueprint.yaml").read_text(encoding="utf-8"))["title"] == "Zweiter Lauf"
    assert (target / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_force_replaces_a_symlink_instead_of_writing_through_it(run, tmp_path: Path) -> None:
    target = tmp_path / "bp"
    target.mkdir()
    outside = tmp_path / "outside.txt"
    outside.write_text("untouched", encoding="utf-8")
    (target / "blueprint.yaml").symlink_to(outside)
    assert run("new", target, "--no-input", "--force").exit_code == 0
    assert outside.read_text(encoding="utf-8") == "untouched"
    assert not (target / "blueprint.yaml").is_symlink()


def test_a_symlinked_subfolder_leading_outside_is_refused(run, tmp_path: Path) -> None:
    target = tmp_path / "bp"
    target.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (target / ".github").symlink_to(elsewhere, target_is_directory=True)
    result = run("new", target, "--no-input", "--force")
    assert result.exit_code == 2
    assert f"'{target / '.github'}' is a symbolic link; kltransfer never writes through a link" in result.stderr
    assert list(elsewhere.iterdir()) == []
    assert sorted(os.listdir(target)) == [".github"]


def test_dry_run_lists_and_writes_nothing(run, tmp_path: Path) -> None:
    target = tmp_path / "bp"
    result = run("new", target, "--no-input", "--dry-run", "--ci", "github")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        str(target / f)
        for f in [
            "blueprint.yaml",
            "README.md",
            ".github/workflows/kltransfer.yml",
            ".kltransfer.yaml",
            ".kltransfer-answers.yaml",
        ]
    ]
    assert "nothing was written" in result.stderr
    assert not target.exists()


@pytest.mark.parametrize("kind", ["../generic", "/etc", "generic/../../x", "_common", "Generic "])
def test_kind_must_be_a_known_id(run, tmp_path: Path, kind: str) -> None:
    result = run("new", tmp_path / "bp", "--no-input", "--kind", kind)
    assert result.exit_code == 2
    assert f"unknown kind '{kind}'" in result.stderr
    assert not (tmp_path / "bp").exists()


def test_unknown_set_key_is_a_usage_error_with_suggestion(run, tmp_path: Path) -> None:
    result = run("new", tmp_path / "bp", "--no-input", "--set", "city.nmae=Ulm")
    assert result.exit_code == 2
    assert "unknown answer key 'city.nmae' in --set; did you mean 'city.name'?" in result.stderr
    assert not (tmp_path / "bp").exists()


@pytest.mark.parametrize(
    "setting, message",
    [
        ("city.state=Pfälzerwald", "'Pfälzerwald' is not a choice for city.state"),
        ("licence=Apache-3.0", "'Apache-3.0' is not an SPDX licence identifier"),
        ("phase=P9", "'P9' is not a choice for phase"),
        ("fields_of_action=mobility,parking", "'parking' is not a choice for fields_of_action"),
        ("id=Not A Slug", "'Not A Slug' is not a valid id"),
        ("sensor.personal_data=vielleicht", "'vielleicht' is not a yes/no answer"),
        ("title", "--set needs KEY=VALUE, got 'title'"),
    ],
)
def test_wrong_answers_are_usage_errors(run, tmp_path: Path, setting: str, message: str) -> None:
    result = run("new", tmp_path / "bp", "--no-input", "--kind", "sensor-network", "--set", setting)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (tmp_path / "bp").exists()


@pytest.mark.parametrize(
    "title",
    [
        'Projekt: "Quote" #1',
        "zwei\nZeilen\tund Tab",
        "- item: {a: [b]} & *alias !tag",
        "yes",
        "  Leerzeichen  ",
        "Ünïcödé \u2028 Trenner",
        "'; rm -rf / ; echo '",
        "{{ 7*7 }} {% raw %}",
    ],
)
def test_any_title_is_written_as_exactly_that_value(run, tmp_path: Path, title: str) -> None:
    result = run("new", tmp_path / "bp", "--no-input", "--set", f"title={title}", "--set", "city.name=" + title)
    assert result.exit_code == 0, result.stderr
    data = yaml.safe_load((tmp_path / "bp" / "blueprint.yaml").read_text(encoding="utf-8"))
    assert data["title"] == title.strip()
    assert data["city"]["name"] == title.strip()
    assert run("validate", tmp_path / "bp").exit_code == 0
    assert sorted(snapshot(tmp_path / "bp")) == sorted(FILES)


def test_answers_are_recorded_and_replayable(run, tmp_path: Path) -> None:
    first = tmp_path / "first"
    assert (
        run(
            "new",
            first,
            "--no-input",
            "--kind",
            "digital-twin",
            "--lang",
            "en",
            "--set",
            "title=Digital twin: Ulm",
            "--set",
            "twin.model=mesh",
            "--set",
            "city.state=DE-BW",
        ).exit_code
        == 0
    )
    recorded = yaml.safe_load((first / ".kltransfer-answers.yaml").read_text(encoding="utf-8"))
    assert recorded["kind"] == "digital-twin"
    assert recorded["lang"] == "en"
    assert recorded["title"] == "Digital twin: Ulm"
    assert recorded["twin.model"] == "mesh"
    assert "id" not in recorded  # the id follows the folder unless one was chosen
    second = tmp_path / "second"
    assert run("new", second, "--answers", first / ".kltransfer-answers.yaml").exit_code == 0
    replayed = (second / "blueprint.yaml").read_text(encoding="utf-8")
    assert replayed == (first / "blueprint.yaml").read_text(encoding="utf-8").replace('id: "first"', 'id: "second"')


def test_answers_file_may_be_nested_and_set_wins(run, tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "kind: participation\ncity:\n  name: Kaiserslautern\n  state: DE-RP\ntitle: Aus Datei\n", encoding="utf-8"
    )
    result = run("new", tmp_path / "bp", "--answers", answers, "--set", "title=Von --set")
    assert result.exit_code == 0, result.stderr
    data = yaml.safe_load((tmp_path / "bp" / "blueprint.yaml").read_text(encoding="utf-8"))
    assert (data["kind"], data["title"], data["city"]["name"]) == ("participation", "Von --set", "Kaiserslautern")


@pytest.mark.parametrize(
    "content, message",
    [
        ("!!python/object/apply:os.system ['echo hi']\n", "is not valid YAML"),
        ("- a\n- b\n", "must be a mapping"),
        ("titel: x\n", "unknown answer key 'titel' in answers file "),
        ("city:\n  state: Pfalz\n", "city.state in answers file "),
    ],
)
def test_bad_answers_files_are_refused(run, tmp_path: Path, content: str, message: str) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(content, encoding="utf-8")
    result = run("new", tmp_path / "bp", "--answers", answers)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (tmp_path / "bp").exists()


def test_template_loader_refuses_names_outside_its_roots(tmp_path: Path) -> None:
    from kltransfer.scaffold.render import make_environment

    root = tmp_path / "kind"
    root.mkdir()
    (tmp_path / "secret.j2").write_text("secret", encoding="utf-8")
    (root / "link.j2").symlink_to(tmp_path / "secret.j2")
    (root / "ok.j2").write_text("{{ 'x: y' | y }}", encoding="utf-8")
    env = make_environment([root], "de", "1.0")
    assert env.get_template("ok.j2").render() == '"x: y"'
    for name in ("../secret.j2", "/etc/passwd", "link.j2", "sub/../../secret.j2"):
        with pytest.raises(TemplateNotFound):
            env.get_template(name)


def test_templates_render_in_the_sandbox_with_strict_undefined(tmp_path: Path) -> None:
    from jinja2.exceptions import SecurityError, UndefinedError
    from jinja2.sandbox import SandboxedEnvironment

    from kltransfer.scaffold.render import make_environment

    (tmp_path / "undefined.j2").write_text("{{ missing }}", encoding="utf-8")
    (tmp_path / "escape.j2").write_text("{{ ''.__class__.__mro__ }}", encoding="utf-8")
    env = make_environment([tmp_path], "en", "1.0")
    assert isinstance(env, SandboxedEnvironment)
    with pytest.raises(UndefinedError):
        env.get_template("undefined.j2").render()
    with pytest.raises(SecurityError):
        env.get_template("escape.j2").render()


def test_answers_file_may_give_texts_in_two_languages(run, tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        'title: {de: "Offene Daten: Gera", en: "Open data: Gera"}\ncontact.role: {de: Leitung}\n', encoding="utf-8"
    )
    result = run("new", tmp_path / "bp", "--answers", answers, "--lang", "en")
    assert result.exit_code == 0, result.stderr
    data = yaml.safe_load((tmp_path / "bp" / "blueprint.yaml").read_text(encoding="utf-8"))
    assert data["title"] == {"de": "Offene Daten: Gera", "en": "Open data: Gera"}
    assert data["contacts"][0]["role"] == {"de": "Leitung"}
    assert data["id"] == "bp"
    assert (tmp_path / "bp" / "README.md").read_text(encoding="utf-8").startswith("# Open data: Gera\n")
    replay = yaml.safe_load((tmp_path / "bp" / ".kltransfer-answers.yaml").read_text(encoding="utf-8"))
    assert replay["title"] == {"de": "Offene Daten: Gera", "en": "Open data: Gera"}


def test_missing_answers_file_is_a_usage_error(run, tmp_path: Path) -> None:
    result = run("new", tmp_path / "bp", "--answers", tmp_path / "nope.yaml")
    assert result.exit_code == 2
    assert "cannot read the answers file" in result.stderr
    assert not (tmp_path / "bp").exists()
