"""Configuration: discovery, the two file kinds, --config, wrong settings, and rule selection."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kltransfer.config import Config, find_config, load_config
from kltransfer.errors import ConfigError
from kltransfer.loading.limits import DEFAULT_LIMITS, Limits
from kltransfer.validation.filtering import path_matches
from kltransfer.validation.validate import validate_paths
from tests.samples import DEMO_BLUEPRINT

# One error (KT204, line 19, column 12) and one warning (KT220, line 9, column 7).
BLUEPRINT = DEMO_BLUEPRINT.replace("  en: A demo project.", "  en: TODO").replace("erika@", "erika.")
WARNING_ONLY = BLUEPRINT.replace("erika.example.org", "erika@example.org")
SETTINGS = "the settings are: select, ignore, per-file-ignores, strict, lang, max-bytes, max-depth, max-nodes, dcat"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tmp/project/city/blueprint.yaml (one error, one warning); the working folder is tmp/project."""
    (tmp_path / "project" / "city").mkdir(parents=True)
    (tmp_path / "project" / "city" / "blueprint.yaml").write_text(BLUEPRINT, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "project")
    return tmp_path / "project"


def codes(stdout: str) -> list[str]:
    """The codes of the findings in text output, in order."""
    return re.findall(r": (?:error|warning) (KT\d{3})\b", stdout)


def test_the_blueprint_has_one_error_and_one_warning(run, project: Path) -> None:
    result = run("validate", "city")
    assert result.exit_code == 1
    assert codes(result.stdout) == ["KT220", "KT204"]


# --- discovery -------------------------------------------------------------------------------


def test_found_upward_from_the_working_folder(run, project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (project.parent / ".kltransfer.yaml").write_text("ignore: [KT204]\n", encoding="utf-8")
    monkeypatch.chdir(project / "city")
    assert find_config() == project.parent / ".kltransfer.yaml"
    result = run("validate", ".")
    assert result.exit_code == 0
    assert codes(result.stdout) == ["KT220"]


def test_the_nearest_configuration_wins_and_files_are_not_merged(run, project: Path) -> None:
    (project.parent / ".kltransfer.yaml").write_text("ignore: [KT204]\nstrict: true\n", encoding="utf-8")
    (project / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.kltransfer]\nignore = ["KT220"]\n', encoding="utf-8"
    )
    assert find_config() == project / "pyproject.toml"
    result = run("validate", "city")
    assert result.exit_code == 1  # KT204 is reported: the outer file's ignore does not apply
    assert codes(result.stdout) == ["KT204"]


def test_a_pyproject_without_the_table_is_passed_over(run, project: Path) -> None:
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    (project.parent / "pyproject.toml").write_text(
        '[tool.kltransfer]\nselect = ["KT2"]\nignore = ["KT204"]\n', encoding="utf-8"
    )
    assert find_config() == project.parent / "pyproject.toml"
    assert run("validate", "city").exit_code == 0


def test_yaml_wins_over_pyproject_in_the_same_folder(project: Path) -> None:
    (project / "pyproject.toml").write_text("[tool.kltransfer]\nstrict = false\n", encoding="utf-8")
    (project / ".kltransfer.yaml").write_text("strict: true\n", encoding="utf-8")
    config = load_config()
    assert config.path == project / ".kltransfer.yaml"
    assert config.strict is True


def test_no_configuration_gives_the_defaults(project: Path) -> None:
    config = load_config()
    assert config.path is None
    assert not config.filters
    assert config.limits() is DEFAULT_LIMITS


def test_explicit_config_file(run, project: Path, tmp_path: Path) -> None:
    (project / ".kltransfer.yaml").write_text("ignore: [KT220]\n", encoding="utf-8")
    elsewhere = tmp_path / "ci" / "kltransfer.yaml"
    elsewhere.parent.mkdir()
    elsewhere.write_text("ignore: [KT204]\n", encoding="utf-8")
    result = run("validate", "--config", elsewhere, "city")
    assert result.exit_code == 0
    assert codes(result.stdout) == ["KT220"]
    missing = run("validate", "--config", tmp_path / "nope.yaml", "city")
    assert missing.exit_code == 2
    assert missing.stderr == (
        f"kltransfer: error KT902: the configuration file '{tmp_path / 'nope.yaml'}' does not exist\n"
        "  hint: check the path given to --config\n"
    )
    plain = tmp_path / "pyproject.toml"
    plain.write_text('[project]\nname = "x"\n', encoding="utf-8")
    no_table = run("validate", "--config", plain, "city")
    assert no_table.exit_code == 2
    assert f"{plain}: there is no [tool.kltransfer] table in this file" in no_table.stderr


# --- wrong configurations ---------------------------------------------------------------------


def test_unknown_setting_in_yaml_names_file_line_column_and_suggests(run, project: Path) -> None:
    (project / ".kltransfer.yaml").write_text("strict: false\nselct: [KT1]\n", encoding="utf-8")
    result = run("validate", "city")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"kltransfer: error KT902: .kltransfer.yaml:2:1: selct: unknown setting; "
        f"did you mean 'select'?\n  hint: {SETTINGS}\n"
    )


def test_all_problems_are_listed_at_once(project: Path) -> None:
    path, shown = project / ".kltransfer.yaml", ".kltransfer.yaml"
    path.write_text(
        "strict: 1\nlang: EN\nmax-bytes: -5\nignore: KT220\nselect: [KT2, XX1, 7]\n"
        "per-file-ignores:\n  'old/**': [KT2200]\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as caught:
        load_config()
    assert caught.value.message.splitlines() == [
        "7 problems in the configuration:",
        f"  {shown}:1:9: strict: must be true or false, not 1",
        f"  {shown}:2:7: lang: must be one of de, en, not 'EN'; did you mean 'en'?",
        f"  {shown}:3:12: max-bytes: must be a whole number of at least 1, not -5",
        f'  {shown}:4:9: ignore: must be a list of codes, e.g. ["KT220"]',
        f"  {shown}:5:15: select[1]: 'XX1' is neither a finding code nor the start of one",
        f'  {shown}:5:20: select[2]: a code must be text such as "KT220", not a number',
        f"  {shown}:7:14: per-file-ignores.old/**[0]: 'KT2200' is neither a finding code nor the start of one; "
        "did you mean 'KT220'?",
    ]
    assert caught.value.exit_code == 2


def test_yaml_that_is_not_safe_or_not_a_mapping(run, project: Path) -> None:
    config = project / ".kltransfer.yaml"
    config.write_text("strict: yes\n", encoding="utf-8")
    result = run("validate", "city")
    assert result.exit_code == 2
    assert "KT902: .kltransfer.yaml:1:9: 'yes' is read as a boolean" in result.stderr
    config.write_text("- select\n", encoding="utf-8")
    result = run("validate", "city")
    assert result.exit_code == 2
    assert "KT902: .kltransfer.yaml:1:1: the configuration must be a mapping of settings to values\n" in result.stderr
    config.write_text("strict: !!python/object:os.system true\n", encoding="utf-8")
    assert run("validate", "city").exit_code == 2
    config.write_text("# nothing set yet\n", encoding="utf-8")
    assert load_config().path == config


def test_wrong_toml(run, project: Path) -> None:
    pyproject = project / "pyproject.toml"
    pyproject.write_text('[project]\nname = "x"\n[tool.kltransfer]\nmax-depth = 3\nstrict = "yes"\n', encoding="utf-8")
    result = run("validate", "city")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "kltransfer: error KT902: pyproject.toml:5: strict: must be true or false, not 'yes'"
    )
    pyproject.write_text("[tool.kltransfer\n", encoding="utf-8")
    broken = run("validate", "city")
    assert broken.exit_code == 2
    assert broken.stderr == "kltransfer: error KT902: pyproject.toml:1:17: not valid TOML here\n"
    pyproject.write_text("[tool.kltransfer.per-file-ignores]\n'old/**' = 'KT220'\n", encoding="utf-8")
    assert "pyproject.toml:1: per-file-ignores.old/**: must be a list of codes" in run("validate", "city").stderr


# --- what the settings do ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("settings", "exit_code", "reported"),
    [
        ("", 1, ["KT220", "KT204"]),
        ("select: [KT1]", 0, []),
        ("select: [KT2]", 1, ["KT220", "KT204"]),
        ("select: [kt220]", 0, ["KT220"]),
        ("ignore: [KT204]", 0, ["KT220"]),
        ("ignore: [KT2]", 0, []),
        ("select: [KT2]\nignore: [KT22]", 1, ["KT204"]),
        ("ignore: [KT204]\nstrict: true", 1, ["KT220"]),
        ("per-file-ignores:\n  'city/*.yaml': [KT204]", 0, ["KT220"]),
        ("per-file-ignores:\n  'blueprint.yaml': [KT204, KT220]", 0, []),
        ("per-file-ignores:\n  'other/**': [KT204]", 1, ["KT220", "KT204"]),
    ],
)
def test_selection_decides_the_exit_code(
    run, project: Path, settings: str, exit_code: int, reported: list[str]
) -> None:
    (project / ".kltransfer.yaml").write_text(settings + "\n", encoding="utf-8")
    result = run("validate", "city")
    assert (result.exit_code, codes(result.stdout)) == (exit_code, reported)


def test_per_file_ignores_apply_to_matching_files_only(run, project: Path) -> None:
    (project / "legacy" / "old").mkdir(parents=True)
    (project / "legacy" / "old" / "blueprint.yaml").write_text(BLUEPRINT, encoding="utf-8")
    (project / ".kltransfer.yaml").write_text("per-file-ignores:\n  legacy/**: [KT204]\n", encoding="utf-8")
    result = run("validate", ".")
    assert result.exit_code == 1
    lines = [line for line in result.stdout.splitlines() if "KT204" in line]
    assert lines == [
        "./city/blueprint.yaml:19:12: error KT204 contacts[0].email: 'erika.example.org' is not an "
        "e-mail address; write it as name@example.de, without spaces or angle brackets"
    ]
    assert run("validate", "legacy").exit_code == 0


def test_a_file_that_cannot_be_read_is_never_ignored(run, project: Path) -> None:
    (project / "city" / "blueprint.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    (project / ".kltransfer.yaml").write_text("ignore: [KT0, KT1, KT2]\n", encoding="utf-8")
    result = run("validate", "city")
    assert result.exit_code == 1
    assert codes(result.stdout) == ["KT002"]


def test_command_line_wins_over_the_configuration(run, project: Path) -> None:
    (project / "city" / "blueprint.yaml").write_text(WARNING_ONLY, encoding="utf-8")
    (project / ".kltransfer.yaml").write_text("strict: true\nmax-bytes: 100\n", encoding="utf-8")
    too_small = run("validate", "--no-strict", "city")
    assert too_small.exit_code == 1
    assert codes(too_small.stdout) == ["KT007"]
    assert "more than the limit of 100" in too_small.stdout
    assert run("validate", "--max-bytes", "100000", "city").exit_code == 1  # strict from the file
    assert run("validate", "--max-bytes", "100000", "--no-strict", "city").exit_code == 0
    (project / ".kltransfer.yaml").write_text("strict: false\n", encoding="utf-8")
    assert run("validate", "city").exit_code == 0
    assert run("validate", "--strict", "city").exit_code == 1


def test_limits_and_language_are_read(project: Path) -> None:
    (project / "pyproject.toml").write_text(
        '[tool.kltransfer]\nlang = "en"\nmax-bytes = 2048\nmax-depth = 8\nmax-nodes = 500\n', encoding="utf-8"
    )
    config = load_config()
    assert config.lang == "en"
    assert config.limits() == Limits(max_bytes=2048, max_depth=8, max_nodes=500)
    assert config.limits(max_bytes=99) == Limits(max_bytes=99, max_depth=8, max_nodes=500)


def test_library_default_is_unchanged_and_config_filters(project: Path) -> None:
    plain = validate_paths(["city"])
    assert [f.code for f in plain.findings] == ["KT220", "KT204"]
    filtered = validate_paths(["city"], config=Config(root=project, ignore=("KT204",)))
    assert [f.code for f in filtered.findings] == ["KT220"]
    assert filtered.exit_code == 0


@pytest.mark.parametrize(
    ("pattern", "path", "matches"),
    [
        ("legacy/**", "legacy/a/blueprint.yaml", True),
        ("legacy/**", "new/legacy/blueprint.yaml", False),
        ("**/legacy/*.yaml", "new/legacy/blueprint.yaml", True),
        ("**/legacy/*.yaml", "legacy/blueprint.yaml", True),
        ("*/blueprint.yaml", "a/b/blueprint.yaml", False),
        ("blueprint.y?ml", "a/b/blueprint.yaml", True),
        ("./city/*", "city/blueprint.yaml", True),
        ("[!c]*/blueprint.yaml", "city/blueprint.yaml", False),
        ("[!c]*/blueprint.yaml", "town/blueprint.yaml", True),
    ],
)
def test_glob_patterns(pattern: str, path: str, matches: bool) -> None:
    assert path_matches(pattern, path) is matches


# --- docs/configuration.md ---------------------------------------------------------------------

CONFIG_DOC = Path(__file__).resolve().parents[1] / "docs" / "configuration.md"


def doc_block(language: str) -> str:
    """The configuration example in ``language``: the block after "In `pyproject.toml`:" or "The same as …"."""
    text = CONFIG_DOC.read_text(encoding="utf-8")
    (block,) = re.findall(
        rf"^(?:In `pyproject.toml`|The same as `.kltransfer.yaml`):\n\n```{language}\n(.*?)^```$",
        text,
        re.MULTILINE | re.DOTALL,
    )
    return block


def test_the_documented_examples_mean_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text(doc_block("toml"), encoding="utf-8")
    (tmp_path / "kltransfer.yaml").write_text(doc_block("yaml"), encoding="utf-8")
    from_toml = load_config(tmp_path / "pyproject.toml")
    from_yaml = load_config(tmp_path / "kltransfer.yaml")
    assert from_toml.ignore == from_yaml.ignore == ("KT220",)
    assert from_toml.per_file_ignores == from_yaml.per_file_ignores == (("drafts/**", ("KT2",)),)
    assert (from_toml.strict, from_toml.lang, from_toml.max_bytes) == (True, "en", 1048576)
    assert (from_yaml.strict, from_yaml.lang, from_yaml.max_bytes) == (True, "en", 1048576)


def test_the_documented_error_is_what_kltransfer_prints(run, project: Path) -> None:
    (project / ".kltransfer.yaml").write_text("strict: false\nselct: [KT1]\n", encoding="utf-8")
    printed = run("validate", "city").stderr
    shown = re.search(
        r"^```\n(kltransfer: error KT902: .*?)^```$", CONFIG_DOC.read_text(encoding="utf-8"), re.MULTILINE | re.DOTALL
    )
    assert shown is not None
    assert printed == shown.group(1)
