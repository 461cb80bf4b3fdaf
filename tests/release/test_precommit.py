"""The pre-commit hook that other repositories use: its definition, and a real pre-commit run."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from kltransfer import __version__
from kltransfer.scaffold.api import REPOSITORY
from tests.release.helpers import git, offline_env, repository_copy
from tests.samples import DEMO_BLUEPRINT

ROOT = Path(__file__).resolve().parents[2]
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


@pytest.mark.slow
def test_pre_commit_try_repo_passes_valid_and_fails_invalid_blueprints(wheelhouse: Path, tmp_path: Path) -> None:
    repo = repository_copy(tmp_path / "kltransfer")
    project = tmp_path / "project"
    for rel, text in {"good/blueprint.yaml": VALID, "bad/blueprint.yaml": INVALID, "notes.yaml": "a: 1\n"}.items():
        (project / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / rel).write_text(text, encoding="utf-8")
    git(project, "init", "-q")
    git(project, "add", "-A")
    # pip installs the hook offline, from the wheels of the release tests
    env = offline_env(None, wheelhouse, PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"), PRE_COMMIT_COLOR="never")

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


def generated(run, tmp_path: Path, ci: str, rel: str) -> str:
    """A CI file as `kltransfer new --lang en` writes it."""
    target = tmp_path / ci
    assert run("new", target, "--no-input", "--lang", "en", "--ci", ci).exit_code == 0
    return (target / rel).read_text(encoding="utf-8")


def test_github_workflows_in_the_docs_are_what_new_writes(run, tmp_path: Path) -> None:
    blocks = [b for b in yaml_blocks(CI_DOC) if "runs-on:" in b]
    workflow = ".github/workflows/kltransfer.yml"
    assert blocks == [generated(run, tmp_path, "github", workflow), generated(run, tmp_path, "github-sarif", workflow)]


def test_gitlab_job_in_the_docs_is_what_new_writes(run, tmp_path: Path) -> None:
    (block,) = [b for b in yaml_blocks(CI_DOC) if "script:" in b]
    assert block == generated(run, tmp_path, "gitlab", ".gitlab-ci.yml")


def test_pre_commit_configurations_in_the_docs_are_valid_and_pinned(run, tmp_path: Path) -> None:
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
    # the first is the scaffold's (comments aside), the second installs the same version from the index
    scaffold_config = generated(run, tmp_path, "pre-commit", ".pre-commit-config.yaml")
    assert yaml.safe_load(blocks[0]) == yaml.safe_load(scaffold_config)
    local = yaml.safe_load(blocks[1])["repos"][0]["hooks"][0]
    assert local["files"] == the_hook()["files"] and local["entry"] == the_hook()["entry"]
    assert local["additional_dependencies"] == [f"kltransfer=={__version__}"]
    assert f"pre-commit try-repo {REPOSITORY} kltransfer-validate --ref v{__version__}" in CI_DOC.read_text("utf-8")
