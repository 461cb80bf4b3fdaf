"""The CI set-ups that `kltransfer new` writes, executed as written against a fresh scaffold.

For each kind the generated file is run with the wheel built from this checkout: the GitHub
workflow's ``run:`` steps with bash in a fresh virtual environment (standing in for
``actions/setup-python``; ``actions/checkout`` is the scaffold folder itself), the GitLab job's
``script:`` lines likewise, and ``pre-commit run --all-files`` against a copy of this repository
committed and tagged ``v<version>``. pip reads only a local folder of wheels (``PIP_NO_INDEX``,
``PIP_FIND_LINKS``), so ``pip install kltransfer==<version>`` installs this checkout's wheel.
The only change to a generated file is the ``repo:`` line of ``.pre-commit-config.yaml``, which
names that copy instead of the repository on GitHub.

Each passes on the fresh scaffold (TODO placeholders are warnings), fails with exit code 1 and
the finding in its output after an unknown key is added, and fails on the warnings once
``.kltransfer.yaml`` says ``strict: true``.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from kltransfer import __version__
from kltransfer.scaffold.api import REPOSITORY
from tests.release.helpers import fresh_venv, git, offline_env, repository_copy

pytestmark = pytest.mark.slow

#: A typo of `licence` at the end of the blueprint: an unknown key, error KT101.
TYPO = "licnce: CC-BY-4.0\n"
#: The actions the GitHub workflows use, and what stands in for them here.
STAND_INS = {
    "actions/checkout@v4": "the scaffold folder is the working folder",
    "actions/setup-python@v5": "a fresh virtual environment first on PATH",
    "github/codeql-action/upload-sarif@v3": "the test reads the SARIF file the upload would take",
}


@dataclass
class Outcome:
    code: int
    log: str


def new_scaffold(tmp_path: Path, lang: str, ci: str) -> Path:
    from kltransfer.cli.main import run as cli_run

    target = tmp_path / "scaffold"
    assert cli_run(["new", str(target), "--no-input", "--lang", lang, "--ci", ci]) == 0
    return target


def add_typo(scaffold: Path) -> int:
    """Add the unknown key; return its line."""
    blueprint = scaffold / "blueprint.yaml"
    text = blueprint.read_text(encoding="utf-8")
    blueprint.write_text(text + TYPO, encoding="utf-8")
    return text.count("\n") + 1


def remove_typo_and_turn_strict_on(scaffold: Path) -> None:
    blueprint = scaffold / "blueprint.yaml"
    blueprint.write_text(blueprint.read_text(encoding="utf-8").removesuffix(TYPO), encoding="utf-8")
    config = scaffold / ".kltransfer.yaml"
    text = config.read_text(encoding="utf-8")
    assert text.count("\nstrict: false\n") == 1
    config.write_text(text.replace("\nstrict: false\n", "\nstrict: true\n"), encoding="utf-8")


def run_github_workflow(scaffold: Path, bin_dir: Path, wheelhouse: Path) -> Outcome:
    """The job's steps in order, as a runner would: each ``run:`` with bash, stopping at the first failure."""
    workflow = yaml.safe_load((scaffold / ".github" / "workflows" / "kltransfer.yml").read_text(encoding="utf-8"))
    (job,) = workflow["jobs"].values()
    env = offline_env(
        bin_dir, wheelhouse, CI="true", GITHUB_ACTIONS="true", GITHUB_WORKSPACE=str(scaffold), RUNNER_OS="Linux"
    )
    log = []
    for step in job["steps"]:
        assert "if" not in step, "a condition this runner does not evaluate"
        if "uses" in step:
            assert step["uses"] in STAND_INS, step["uses"]
            continue
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-e", "-o", "pipefail", "-c", step["run"]],
            cwd=scaffold,
            env=env,
            capture_output=True,
            text=True,
            timeout=540,
        )
        log.append(f"$ {step['run']}\n{done.stdout}{done.stderr}")
        if done.returncode != 0:
            return Outcome(done.returncode, "".join(log))
    return Outcome(0, "".join(log))


def run_gitlab_job(scaffold: Path, bin_dir: Path, wheelhouse: Path) -> Outcome:
    """The job's ``script:`` lines in one shell, as GitLab's runner does (stopping at the first failure)."""
    (job,) = yaml.safe_load((scaffold / ".gitlab-ci.yml").read_text(encoding="utf-8")).values()
    assert job["image"] == "python:3.12-slim"
    script = "\n".join(job["script"])
    env = offline_env(bin_dir, wheelhouse, CI="true", GITLAB_CI="true", CI_PROJECT_DIR=str(scaffold))
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-e", "-o", "pipefail", "-c", script],
        cwd=scaffold,
        env=env,
        capture_output=True,
        text=True,
        timeout=540,
    )
    return Outcome(done.returncode, done.stdout + done.stderr)


# --- GitHub Actions ------------------------------------------------------------------------------


def test_github_workflow(wheelhouse: Path, tmp_path: Path) -> None:
    scaffold = new_scaffold(tmp_path, "de", "github")
    bin_dir = fresh_venv(tmp_path / "setup-python")

    fresh = run_github_workflow(scaffold, bin_dir, wheelhouse)
    assert fresh.code == 0, fresh.log
    assert "Successfully installed" in fresh.log and f"kltransfer-{__version__}" in fresh.log
    assert "::warning file=blueprint.yaml,line=20,col=8,title=KT220::title: " in fresh.log
    assert "::error" not in fresh.log

    line = add_typo(scaffold)
    broken = run_github_workflow(scaffold, bin_dir, wheelhouse)
    assert broken.code == 1, broken.log
    assert f"::error file=blueprint.yaml,line={line},col=1,title=KT101::licnce: " in broken.log
    assert "meinten Sie 'licence'?" in broken.log  # lang: de in the scaffold's .kltransfer.yaml

    remove_typo_and_turn_strict_on(scaffold)
    strict = run_github_workflow(scaffold, bin_dir, wheelhouse)
    assert strict.code == 1, strict.log
    assert "::warning file=blueprint.yaml,line=20,col=8,title=KT220::" in strict.log
    assert "::error" not in strict.log


def test_github_sarif_workflow(wheelhouse: Path, tmp_path: Path) -> None:
    scaffold = new_scaffold(tmp_path, "en", "github-sarif")
    bin_dir = fresh_venv(tmp_path / "setup-python")
    sarif_file = scaffold / "kltransfer.sarif"

    def uploaded() -> list[dict]:
        sarif = json.loads(sarif_file.read_text(encoding="utf-8"))
        assert sarif["version"] == "2.1.0"
        (run,) = sarif["runs"]
        assert run["tool"]["driver"]["version"] == __version__
        return run["results"]

    fresh = run_github_workflow(scaffold, bin_dir, wheelhouse)
    assert fresh.code == 0, fresh.log
    results = uploaded()
    assert len(results) == 54 and {r["ruleId"] for r in results} == {"KT220"}
    assert {r["level"] for r in results} == {"warning"}
    assert "1 file checked: 0 failing, 0 errors, 54 warnings" in fresh.log

    line = add_typo(scaffold)
    broken = run_github_workflow(scaffold, bin_dir, wheelhouse)
    assert broken.code == 1, broken.log
    errors = [r for r in uploaded() if r["level"] == "error"]  # written although the run fails
    assert [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in errors] == [
        ("KT101", line)
    ]
    assert f"blueprint.yaml:{line}:1: error KT101 licnce: unknown key 'licnce'" in broken.log


# --- GitLab CI -----------------------------------------------------------------------------------


def test_gitlab_job(wheelhouse: Path, tmp_path: Path) -> None:
    scaffold = new_scaffold(tmp_path, "en", "gitlab")
    bin_dir = fresh_venv(tmp_path / "python-image")
    report = scaffold / "gl-code-quality-report.json"

    fresh = run_gitlab_job(scaffold, bin_dir, wheelhouse)
    assert fresh.code == 0, fresh.log
    issues = json.loads(report.read_text(encoding="utf-8"))
    assert len(issues) == 54 and {i["check_name"] for i in issues} == {"KT220"}
    assert {i["severity"] for i in issues} == {"minor"}
    assert {i["location"]["path"] for i in issues} == {"blueprint.yaml"}
    assert "1 file checked: 0 failing, 0 errors, 54 warnings" in fresh.log

    line = add_typo(scaffold)
    broken = run_gitlab_job(scaffold, bin_dir, wheelhouse)
    assert broken.code == 1, broken.log
    majors = [i for i in json.loads(report.read_text(encoding="utf-8")) if i["severity"] == "major"]
    assert [(i["check_name"], i["location"]["lines"]["begin"]) for i in majors] == [("KT101", line)]
    assert f"blueprint.yaml:{line}:1: error KT101 licnce: unknown key 'licnce'" in broken.log

    remove_typo_and_turn_strict_on(scaffold)
    strict = run_gitlab_job(scaffold, bin_dir, wheelhouse)
    assert strict.code == 1, strict.log
    assert "1 file checked: 1 failing, 0 errors, 54 warnings" in strict.log


# --- pre-commit ----------------------------------------------------------------------------------


def test_pre_commit_hook(wheelhouse: Path, tmp_path: Path) -> None:
    hook_repository = repository_copy(tmp_path / "kltransfer", tag=f"v{__version__}")
    scaffold = new_scaffold(tmp_path, "de", "pre-commit")
    config = scaffold / ".pre-commit-config.yaml"
    text = config.read_text(encoding="utf-8")
    assert text.count(f"  - repo: {REPOSITORY}\n") == 1
    config.write_text(text.replace(f"  - repo: {REPOSITORY}\n", f"  - repo: {hook_repository}\n"), encoding="utf-8")
    git(scaffold, "init", "-q")
    git(scaffold, "add", "-A")
    env = offline_env(None, wheelhouse, PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"), PRE_COMMIT_COLOR="never")

    def pre_commit() -> Outcome:
        command = [sys.executable, "-m", "pre_commit", "run", "--all-files"]
        done = subprocess.run(command, cwd=scaffold, env=env, capture_output=True, text=True, timeout=540)
        return Outcome(done.returncode, done.stdout + done.stderr)

    fresh = pre_commit()
    assert fresh.code == 0, fresh.log
    assert re.search(r"^kltransfer validate\.+Passed$", fresh.log, re.MULTILINE), fresh.log

    line = add_typo(scaffold)
    broken = pre_commit()
    assert broken.code == 1, broken.log
    assert re.search(r"^kltransfer validate\.+Failed$", broken.log, re.MULTILINE), broken.log
    assert f"blueprint.yaml:{line}:1: Fehler KT101 licnce: " in broken.log

    remove_typo_and_turn_strict_on(scaffold)
    strict = pre_commit()
    assert strict.code == 1, strict.log
    assert "1 Datei geprüft: 1 fehlerhaft, 0 Fehler, 54 Warnungen" in strict.log
