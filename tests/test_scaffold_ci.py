"""The CI set-up written by `kltransfer new`: valid files that pin the version that wrote them and
leave strictness to `.kltransfer.yaml`. tests/release/test_generated_ci.py runs them for real."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from kltransfer import __version__
from kltransfer.scaffold.api import REPOSITORY

BIN = Path(sys.executable).parent
WORKFLOW = ".github/workflows/kltransfer.yml"
CI_FILES = {WORKFLOW, ".gitlab-ci.yml", ".pre-commit-config.yaml"}
PIP_LINE = f"python -m pip install kltransfer=={__version__}"


@pytest.fixture
def scaffold(run, tmp_path: Path) -> Path:
    target = tmp_path / "bp"
    assert run("new", target, "--no-input", "--lang", "en").exit_code == 0
    return target


def _tool(name: str) -> str:
    path = BIN / name
    if not path.exists():
        pytest.fail(f"{name} is part of the test extra but is not installed next to {sys.executable}")
    return str(path)


def _check_schema(builtin: str, path: Path) -> None:
    checked = subprocess.run(
        [_tool("check-jsonschema"), "--builtin-schema", builtin, str(path)], capture_output=True, text=True, timeout=120
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_github_workflow_is_valid_pins_the_version_and_annotates(scaffold: Path) -> None:
    workflow = scaffold / WORKFLOW
    _check_schema("vendor.github-workflows", workflow)
    job = yaml.safe_load(workflow.read_text(encoding="utf-8"))["jobs"]["validate"]
    assert [s.get("uses") for s in job["steps"][:2]] == ["actions/checkout@v4", "actions/setup-python@v5"]
    assert job["steps"][2:] == [
        {"name": f"Install kltransfer {__version__}", "run": PIP_LINE},
        {"name": "Validate the blueprint", "run": "kltransfer validate --format github"},
    ]
    assert "permissions" not in job  # the workflow's contents: read is all it needs


def test_github_sarif_workflow_uploads_to_code_scanning(run, tmp_path: Path) -> None:
    target = tmp_path / "bp"
    assert run("new", target, "--no-input", "--lang", "de", "--ci", "github-sarif").exit_code == 0
    workflow = target / WORKFLOW
    _check_schema("vendor.github-workflows", workflow)
    text = workflow.read_text(encoding="utf-8")
    assert "Die Meldungen erscheinen im Code Scanning" in text
    job = yaml.safe_load(text)["jobs"]["validate"]
    assert job["permissions"] == {"contents": "read", "security-events": "write", "actions": "read"}
    steps = job["steps"][2:]
    assert steps[0] == {"name": f"kltransfer {__version__} installieren", "run": PIP_LINE}
    assert steps[1]["run"] == "kltransfer validate --format sarif > kltransfer.sarif || true"
    assert steps[2]["uses"] == "github/codeql-action/upload-sarif@v3"
    assert steps[2]["with"] == {"sarif_file": "kltransfer.sarif", "category": "kltransfer"}
    assert steps[3] == {"name": "Blueprint prüfen", "run": "kltransfer validate --format text"}
    assert not any("if" in step for step in job["steps"])  # every step runs after the one before


def test_gitlab_ci_is_valid_pins_the_version_and_reports_code_quality(scaffold: Path) -> None:
    gitlab = scaffold / ".gitlab-ci.yml"
    _check_schema("vendor.gitlab-ci", gitlab)
    job = yaml.safe_load(gitlab.read_text(encoding="utf-8"))["kltransfer-validate"]
    assert job["script"] == [
        PIP_LINE,
        "kltransfer validate --format gitlab > gl-code-quality-report.json || true",
        "kltransfer validate",
    ]
    assert job["artifacts"] == {"when": "always", "reports": {"codequality": "gl-code-quality-report.json"}}


def test_pre_commit_config_uses_the_hook_repository_at_the_version_tag(scaffold: Path) -> None:
    config = scaffold / ".pre-commit-config.yaml"
    checked = subprocess.run(
        [_tool("pre-commit"), "validate-config", str(config)], capture_output=True, text=True, timeout=120
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert yaml.safe_load(config.read_text(encoding="utf-8")) == {
        "repos": [{"repo": REPOSITORY, "rev": f"v{__version__}", "hooks": [{"id": "kltransfer-validate"}]}]
    }


def test_no_ci_file_decides_strictness_itself(scaffold: Path) -> None:
    for rel in CI_FILES:
        data = yaml.safe_load((scaffold / rel).read_text(encoding="utf-8"))
        assert "--strict" not in repr(data), rel  # only comments mention it; .kltransfer.yaml decides


@pytest.mark.parametrize(
    "options, expected",
    [
        (["--ci", "github"], {WORKFLOW}),
        (["--ci", "github-sarif"], {WORKFLOW}),
        (["--ci", "gitlab", "--ci", "pre-commit"], {".gitlab-ci.yml", ".pre-commit-config.yaml"}),
        (["--ci", "none"], set()),
        ([], CI_FILES),
    ],
)
def test_ci_option_chooses_the_files(run, tmp_path: Path, options: list[str], expected: set[str]) -> None:
    target = tmp_path / "bp"
    assert run("new", target, "--no-input", *options).exit_code == 0
    written = {p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()}
    assert written & CI_FILES == expected
    assert ".kltransfer.yaml" in written
    readme = (target / "README.md").read_text(encoding="utf-8")
    assert PIP_LINE in readme
    assert (".gitlab-ci.yml" in readme) == (".gitlab-ci.yml" in expected)
    assert ("code scanning" in readme) == (WORKFLOW in expected)


@pytest.mark.parametrize(
    "options, message",
    [
        (["--ci", "travis"], "unknown --ci value 'travis'"),
        (["--ci", "gitlab", "--ci", "none"], "--ci none cannot be combined"),
        (["--ci", "githb"], "did you mean 'github'?"),
        (["--ci", "github", "--ci", "github-sarif"], "--ci github and --ci github-sarif write the same workflow"),
    ],
)
def test_wrong_ci_values_are_usage_errors(run, tmp_path: Path, options: list[str], message: str) -> None:
    result = run("new", tmp_path / "bp", "--no-input", *options)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (tmp_path / "bp").exists()


def test_readme_explains_filling_validating_and_exporting(scaffold: Path) -> None:
    readme = (scaffold / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# TODO: title of the project\n")
    for heading in ("## Fill it in", "## Validate", "## Export and share"):
        assert heading in readme
    assert "kltransfer export" in readme
    assert "The check runs automatically with kltransfer " + __version__ in readme


@pytest.mark.parametrize(
    "lang, comment, sentence",
    [
        (
            "de",
            "# strict: true lässt auch Warnungen die Prüfung scheitern, darunter offene TODO-Werte\n",
            "stellen Sie in `.kltransfer.yaml` `strict: true` ein",
        ),
        (
            "en",
            "# strict: true lets warnings fail the check too, open TODO values (KT220) among them.\n",
            "set `strict: true` in `.kltransfer.yaml`",
        ),
    ],
)
def test_config_file_starts_lenient_and_config_and_readme_say_when_to_turn_strict_on(
    run, tmp_path: Path, lang: str, comment: str, sentence: str
) -> None:
    target = tmp_path / "bp"
    assert run("new", target, "--no-input", "--lang", lang).exit_code == 0
    config = (target / ".kltransfer.yaml").read_text(encoding="utf-8")
    assert comment in config
    assert f"{REPOSITORY}/blob/v{__version__}/docs/configuration.md" in config
    assert yaml.safe_load(config) == {"strict": False, "lang": lang}
    readme = " ".join((target / "README.md").read_text(encoding="utf-8").split())
    assert sentence in readme
    assert f"{REPOSITORY}/blob/v{__version__}/docs/ci.md" in readme  # where the SARIF variant is
