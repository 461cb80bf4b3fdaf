"""The CI set-up written by `kltransfer new`: valid files that run `kltransfer validate --strict`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

BIN = Path(sys.executable).parent


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


def test_github_workflow_is_valid_and_runs_strict_validation(scaffold: Path) -> None:
    workflow = scaffold / ".github" / "workflows" / "kltransfer.yml"
    data = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    steps = data["jobs"]["validate"]["steps"]
    assert {"run": "kltransfer validate --strict"} in steps
    checked = subprocess.run(
        [_tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(workflow)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_gitlab_ci_is_valid_and_runs_strict_validation(scaffold: Path) -> None:
    gitlab = scaffold / ".gitlab-ci.yml"
    data = yaml.safe_load(gitlab.read_text(encoding="utf-8"))
    assert "kltransfer validate --strict" in data["kltransfer-validate"]["script"]
    checked = subprocess.run(
        [_tool("check-jsonschema"), "--builtin-schema", "vendor.gitlab-ci", str(gitlab)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_pre_commit_config_is_valid_and_runs_strict_validation(scaffold: Path) -> None:
    config = scaffold / ".pre-commit-config.yaml"
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    hook = data["repos"][0]["hooks"][0]
    assert hook["entry"] == "kltransfer validate --strict"
    assert hook["pass_filenames"] is False
    checked = subprocess.run(
        [_tool("pre-commit"), "validate-config", str(config)], capture_output=True, text=True, timeout=120
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


@pytest.mark.parametrize(
    "options, expected",
    [
        (["--ci", "github"], {".github/workflows/kltransfer.yml"}),
        (["--ci", "gitlab", "--ci", "pre-commit"], {".gitlab-ci.yml", ".pre-commit-config.yaml"}),
        (["--ci", "none"], set()),
    ],
)
def test_ci_option_chooses_the_files(run, tmp_path: Path, options: list[str], expected: set[str]) -> None:
    target = tmp_path / "bp"
    assert run("new", target, "--no-input", *options).exit_code == 0
    ci_files = {".github/workflows/kltransfer.yml", ".gitlab-ci.yml", ".pre-commit-config.yaml"}
    written = {str(p.relative_to(target)) for p in target.rglob("*") if p.is_file()}
    assert written & ci_files == expected
    readme = (target / "README.md").read_text(encoding="utf-8")
    assert "kltransfer validate --strict" in readme
    assert (".gitlab-ci.yml" in readme) == (".gitlab-ci.yml" in expected)


@pytest.mark.parametrize(
    "options, message",
    [
        (["--ci", "travis"], "unknown --ci value 'travis'"),
        (["--ci", "gitlab", "--ci", "none"], "--ci none cannot be combined"),
        (["--ci", "githb"], "did you mean 'github'?"),
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
