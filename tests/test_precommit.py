"""The pre-commit hook that other repositories use: its definition, and a real pre-commit run."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.samples import DEMO_BLUEPRINT

ROOT = Path(__file__).resolve().parents[1]
HOOKS = ROOT / ".pre-commit-hooks.yaml"

VALID = DEMO_BLUEPRINT
INVALID = VALID.replace("phase: P3\n", "phase: P3\nphase: P4\n")


def the_hook() -> dict:
    hooks = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    (hook,) = [h for h in hooks if h["id"] == "kltransfer-validate"]
    return hook


def test_hook_definition() -> None:
    hook = the_hook()
    assert hook["entry"] == "kltransfer validate"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is True
    files = re.compile(hook["files"])
    for name in ("blueprint.yaml", "blueprint.yml", "examples/ulm/blueprint.yaml"):
        assert files.search(name), name
    for name in ("myblueprint.yaml", "blueprint.yaml.bak", "blueprint.json", "blueprint/notes.yaml"):
        assert not files.search(name), name


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def hook_repository(target: Path) -> Path:
    """A committed copy of what pre-commit installs from this repository (the working tree as it is now)."""
    target.mkdir()
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "hatch_build.py", "scripts/catalogs.py"):
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target / name)
    skip = shutil.ignore_patterns("__pycache__", "*.pyc")
    for folder in ("kltransfer", "templates"):
        shutil.copytree(ROOT / folder, target / folder, ignore=skip)
    git(target, "init", "-q")
    git(target, "add", "-A")
    git(target, "commit", "-q", "-m", "hook repository")
    return target


@pytest.mark.slow
def test_pre_commit_try_repo_passes_valid_and_fails_invalid_blueprints(tmp_path: Path) -> None:
    repo = hook_repository(tmp_path / "kltransfer")
    project = tmp_path / "project"
    for rel, text in {"good/blueprint.yaml": VALID, "bad/blueprint.yaml": INVALID, "notes.yaml": "a: 1\n"}.items():
        (project / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / rel).write_text(text, encoding="utf-8")
    git(project, "init", "-q")
    git(project, "add", "-A")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "PRE_COMMIT_COLOR": "never"}
    env.pop("PRE_COMMIT", None)

    def try_repo(*files: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "pre_commit", "try-repo", str(repo), "kltransfer-validate", "--files", *files]
        return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=540)

    good = try_repo("good/blueprint.yaml", "notes.yaml")
    assert good.returncode == 0, good.stdout + good.stderr
    assert re.search(r"^kltransfer validate\.+Passed$", good.stdout, re.MULTILINE)

    bad = try_repo("good/blueprint.yaml", "bad/blueprint.yaml")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert re.search(r"^kltransfer validate\.+Failed$", bad.stdout, re.MULTILINE)
    assert "bad/blueprint.yaml:16:1: error KT003 phase: the key 'phase' appears twice" in bad.stdout
    assert "good/blueprint.yaml" not in bad.stdout.replace("2 files checked", "")
    assert "2 files checked: 1 failing, 1 error, 0 warnings" in bad.stdout

    unrelated = try_repo("notes.yaml")
    assert unrelated.returncode == 0, unrelated.stdout + unrelated.stderr
    assert re.search(r"^kltransfer validate\.+\(no files to check\)Skipped$", unrelated.stdout, re.MULTILINE)


# --- the ready-to-copy snippets in docs/ci.md --------------------------------------------------

CI_DOC = ROOT / "docs" / "ci.md"


def yaml_blocks(path: Path) -> list[str]:
    return re.findall(r"^```yaml\n(.*?)^```$", path.read_text(encoding="utf-8"), re.MULTILINE | re.DOTALL)


def snippet(marker: str) -> str:
    (block,) = [b for b in yaml_blocks(CI_DOC) if marker in b]
    return block


def check_jsonschema(tmp_path: Path, builtin: str, text: str, name: str) -> subprocess.CompletedProcess[str]:
    target = tmp_path / name
    target.write_text(text, encoding="utf-8")
    command = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", builtin, str(target)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def test_github_workflow_in_the_docs_is_a_valid_workflow(tmp_path: Path) -> None:
    text = snippet("runs-on:")
    result = check_jsonschema(tmp_path, "vendor.github-workflows", text, "blueprints.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    workflow = yaml.safe_load(text)
    steps = workflow["jobs"]["code-scanning"]["steps"]
    upload = [s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
    assert upload and upload[0]["with"]["sarif_file"] == "kltransfer.sarif"
    assert any("--format sarif" in s.get("run", "") and "kltransfer.sarif" in s["run"] for s in steps)
    assert workflow["jobs"]["code-scanning"]["permissions"]["security-events"] == "write"
    broken = check_jsonschema(tmp_path, "vendor.github-workflows", text.replace("runs-on:", "run-on:"), "x.yml")
    assert broken.returncode == 1  # the check can fail


def test_gitlab_job_in_the_docs_is_valid_gitlab_ci(tmp_path: Path) -> None:
    text = snippet("artifacts:")
    result = check_jsonschema(tmp_path, "vendor.gitlab-ci", text, ".gitlab-ci.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    job = yaml.safe_load(text)["blueprints"]
    assert job["artifacts"]["reports"] == {
        "codequality": "gl-code-quality-report.json",
        "junit": "kltransfer-junit.xml",
    }
    assert "kltransfer validate --format gitlab . > gl-code-quality-report.json || true" in job["script"]
    assert "kltransfer validate --format junit . > kltransfer-junit.xml || true" in job["script"]
    assert job["script"][-1] == "kltransfer validate ."


def test_pre_commit_configurations_in_the_docs_are_valid(tmp_path: Path) -> None:
    blocks = [b for b in yaml_blocks(CI_DOC) if b.startswith("repos:")]
    assert len(blocks) == 2
    for number, text in enumerate(blocks):
        config = tmp_path / f"pre-commit-{number}.yaml"
        config.write_text(text, encoding="utf-8")
        command = [sys.executable, "-m", "pre_commit", "validate-config", str(config)]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stdout + result.stderr
        hooks = yaml.safe_load(text)["repos"][0]["hooks"]
        assert hooks[0]["id"] == "kltransfer-validate"
    local = yaml.safe_load(blocks[1])["repos"][0]["hooks"][0]
    assert local["files"] == the_hook()["files"] and local["entry"] == the_hook()["entry"]
