"""The built wheel installed into a fresh environment (not editable, no checkout in sight) works."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml

from kltransfer import __version__
from tests.release.conftest import Dist
from tests.release.helpers import ROOT, fresh_venv, offline_env

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed(dist: Dist, wheelhouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin folder of a fresh environment with the wheel installed from the wheelhouse, offline."""
    bin_dir = fresh_venv(tmp_path_factory.mktemp("wheel-env") / "venv")
    command = [str(bin_dir / "python"), "-m", "pip", "install", "--quiet", f"kltransfer=={__version__}"]
    done = subprocess.run(command, env=offline_env(bin_dir, wheelhouse), capture_output=True, text=True, timeout=540)
    assert done.returncode == 0, done.stdout + done.stderr
    return bin_dir


def kltransfer(bin_dir: Path, cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(bin_dir / "kltransfer"), *args],
        cwd=cwd,
        env=offline_env(bin_dir, Path("/nonexistent"), **env),
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_installed_package_is_the_wheel_not_the_checkout(installed: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [str(installed / "python"), "-c", "import kltransfer, kltransfer.resources as r; print(kltransfer.__file__)"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    location = Path(done.stdout.strip())
    assert location.is_relative_to(installed.parent / "lib")
    assert not location.is_relative_to(ROOT)
    assert (location.parent / "_templates" / "scaffold" / "generic" / "kind.yaml").is_file()
    assert kltransfer(installed, tmp_path, "--version").stdout == f"kltransfer {__version__}\n"


def test_validate_the_examples(installed: Path, tmp_path: Path) -> None:
    examples = sorted(p.parent.name for p in (ROOT / "examples").glob("*/blueprint.yaml"))
    done = kltransfer(installed, ROOT, "validate", "examples/")
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{len(examples)} files checked: 0 failing, 0 errors" in done.stdout


def test_new_writes_a_scaffold_that_validates(installed: Path, tmp_path: Path) -> None:
    done = kltransfer(installed, tmp_path, "new", "bp", "--no-input", "--kind", "sensor-network", "--lang", "de")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "bp angelegt (sensor-network, de): 7 Dateien" in done.stderr
    workflow = yaml.safe_load((tmp_path / "bp" / ".github" / "workflows" / "kltransfer.yml").read_text("utf-8"))
    assert workflow["jobs"]["validate"]["steps"][2]["run"] == f"python -m pip install kltransfer=={__version__}"
    checked = kltransfer(installed, tmp_path / "bp", "validate")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "1 Datei geprüft: 0 fehlerhaft, 0 Fehler" in checked.stdout  # lang: de from the scaffold's .kltransfer.yaml


def test_help_speaks_german_from_the_compiled_catalog_in_the_wheel(installed: Path, tmp_path: Path) -> None:
    german = kltransfer(installed, tmp_path, "--help", LANG="de_DE.UTF-8", COLUMNS="100")
    assert german.returncode == 0, german.stderr
    assert "Aufruf: kltransfer" in german.stdout
    assert "Ein kommunales Digitalisierungsprojekt einmal als Blueprint beschreiben" in german.stdout
    english = kltransfer(installed, tmp_path, "--help", LANG="C.UTF-8", COLUMNS="100")
    assert "Usage: kltransfer" in english.stdout and "Aufruf" not in english.stdout


def test_validate_reads_what_the_wheel_ships(installed: Path, tmp_path: Path) -> None:
    """The schema in marshal's form, the expectations and the gate (hatch_build.py): a one-file
    validate from the wheel parses no JSON, generates no gate and imports nothing it can spare."""
    example = ROOT / "examples" / "kaiserslautern-participation-platform" / "blueprint.yaml"
    code = (
        "import sys\n"
        "from kltransfer.cli.main import run\n"
        f"code = run(['validate', {str(example)!r}])\n"
        "spared = ('json', 'dataclasses', 'inspect', 'typing', 'fastjsonschema', 'click', 'typer', 'rich', 'jinja2')\n"
        "print(code, sorted(m for m in spared if m in sys.modules))\n"
    )
    done = subprocess.run(
        [str(installed / "python"), "-c", code],
        cwd=tmp_path,
        env=offline_env(installed, Path("/nonexistent"), KLTRANSFER_CACHE_DIR=str(tmp_path / "cache")),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "0 []"
    assert not (tmp_path / "cache").exists()
