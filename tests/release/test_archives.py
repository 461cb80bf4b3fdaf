"""The sdist and the wheel: what they hold and do not hold, twine's check, the same bytes twice."""

from __future__ import annotations

import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import PurePosixPath

import pytest

from kltransfer import __version__
from kltransfer.schema import VERSIONS, marshalled_name
from kltransfer.validation.expectations import shipped_name as expect_name
from kltransfer.validation.gate import shipped_name
from tests.release.conftest import Dist
from tests.release.helpers import ROOT, git, release_script

pytestmark = pytest.mark.slow

PREFIX = f"kltransfer-{__version__}/"


def wheel_names(dist: Dist) -> set[str]:
    with zipfile.ZipFile(dist.wheel) as archive:
        return set(archive.namelist())


def sdist_names(dist: Dist) -> set[str]:
    with tarfile.open(dist.sdist) as archive:
        names = {m.name for m in archive.getmembers() if m.isfile()}
    assert all(n.startswith(PREFIX) for n in names)
    return {n.removeprefix(PREFIX) for n in names}


def repository_files(*folders: str) -> set[str]:
    """Files git tracks (or would: not ignored) below ``folders``."""
    listed = git(ROOT, "ls-files", "--cached", "--others", "--exclude-standard", "--", *folders).splitlines()
    return {rel for rel in listed if (ROOT / rel).is_file()}


def test_names_carry_the_version(dist: Dist) -> None:
    assert dist.sdist.name == f"kltransfer-{__version__}.tar.gz"
    assert dist.wheel.name == f"kltransfer-{__version__}-py3-none-any.whl"


def test_wheel_holds_the_package_templates_catalogs_and_schemas(dist: Dist) -> None:
    names = wheel_names(dist)
    package = {n for n in repository_files("kltransfer") if n.endswith(".py")}
    assert package <= names
    templates = {"kltransfer/_templates/" + n.removeprefix("templates/") for n in repository_files("templates")}
    assert templates <= names
    schemas = {n for n in repository_files("kltransfer/schema") if n.endswith(".json")}
    assert len(schemas) >= 3 and schemas <= names
    assert "kltransfer/locale/de/LC_MESSAGES/kltransfer.mo" in names
    gates = {"kltransfer/validation/gates/" + shipped_name(version) for version in VERSIONS}  # hatch_build.py
    assert gates <= names
    expected = {"kltransfer/validation/gates/" + expect_name(version) for version in VERSIONS}
    assert expected <= names
    assert {"kltransfer/schema/" + marshalled_name(version) for version in VERSIONS} <= names
    assert f"kltransfer-{__version__}.dist-info/licenses/LICENSE" in names
    assert f"kltransfer-{__version__}.dist-info/entry_points.txt" in names


def test_wheel_holds_nothing_else(dist: Dist) -> None:
    for name in wheel_names(dist):
        path = PurePosixPath(name)
        assert path.parts[0] in ("kltransfer", f"kltransfer-{__version__}.dist-info"), name
        assert "__pycache__" not in path.parts and path.suffix not in (".pyc", ".po", ".pot"), name
        assert not name.startswith(("kltransfer/tests", "kltransfer/templates/")), name


def test_wheel_catalog_is_the_compiled_german_po(dist: Dist) -> None:
    from babel.messages.mofile import read_mo

    with zipfile.ZipFile(dist.wheel) as archive, archive.open("kltransfer/locale/de/LC_MESSAGES/kltransfer.mo") as mo:
        catalog = read_mo(mo)
    assert catalog.get("Usage:").string == "Aufruf:"
    assert len(catalog) > 1000


def test_sdist_holds_what_builds_the_wheel_and_the_documents(dist: Dist) -> None:
    names = sdist_names(dist)
    expected = repository_files("kltransfer", "templates", "docs", "examples") | {
        "pyproject.toml",
        "hatch_build.py",
        "scripts/catalogs.py",
        "README.md",
        "CHANGELOG.md",
        "LICENSE",
    }
    assert expected <= names
    assert "kltransfer/locale/de/LC_MESSAGES/kltransfer.po" in names
    assert "kltransfer/locale/kltransfer.pot" in names


def test_sdist_holds_no_environment_caches_tests_or_generated_files(dist: Dist) -> None:
    names = sdist_names(dist)
    allowed = repository_files() | {"PKG-INFO"}
    assert names <= allowed, sorted(names - allowed)  # nothing git ignores: .venv, caches, .mo, artifacts
    for name in names:
        top = PurePosixPath(name).parts[0]
        assert top not in (".venv", "tests", "benchmarks", ".ci", ".github", "dist", "build"), name
        assert not name.endswith((".mo", ".pyc")), name


def test_twine_check_passes(dist: Dist) -> None:
    command = [sys.executable, "-m", "twine", "check", "--strict", str(dist.sdist), str(dist.wheel)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("PASSED") == 2


def test_a_second_build_gives_the_same_bytes(dist: Dist) -> None:
    release = release_script()
    assert release.reproducible(dist.sdist.parent) == []


def test_archive_time_stamps_are_the_last_commit(dist: Dist) -> None:
    epoch = release_script().source_date_epoch(ROOT)
    with tarfile.open(dist.sdist) as archive:
        assert {m.mtime for m in archive.getmembers()} == {epoch}
    with zipfile.ZipFile(dist.wheel) as archive:
        stamp = time.gmtime(epoch)[:6]
        stamp = (*stamp[:5], stamp[5] - stamp[5] % 2)  # a zip file keeps seconds in steps of two
        assert {info.date_time for info in archive.infolist()} == {stamp}
