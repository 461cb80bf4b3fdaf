"""Input that exists but cannot be read is exit 2, never a hang or a traceback."""

from __future__ import annotations

import os
from pathlib import Path

from tests.conftest import EXAMPLES


def test_a_fifo_named_blueprint_yaml_is_reported_not_read(run, tmp_path: Path) -> None:
    fifo = tmp_path / "city" / "blueprint.yaml"
    fifo.parent.mkdir()
    os.mkfifo(fifo)
    result = run("validate", tmp_path)
    assert result.exit_code == 2
    assert result.stdout.splitlines()[0] == f"{fifo}: error KT901: cannot read the file: not a regular file"


def test_unreadable_file_beside_valid_ones_still_exits_2(run, tmp_path: Path) -> None:
    fifo = tmp_path / "odd.yaml"
    os.mkfifo(fifo)
    result = run("validate", EXAMPLES, fifo, "--format", "json")
    assert result.exit_code == 2
    assert '"code": "KT901"' in result.stdout


def test_a_broken_link_is_a_missing_path(run, tmp_path: Path) -> None:
    link = tmp_path / "blueprint.yaml"
    link.symlink_to(tmp_path / "gone.yaml")
    result = run("validate", link)
    assert result.exit_code == 2
    assert "does not exist" in result.stderr
    assert "Traceback" not in result.stderr


def test_list_and_export_exit_2_for_an_unreadable_file_too(run, tmp_path: Path) -> None:
    import shutil

    shutil.copytree(EXAMPLES / "gera-open-data-portal", tmp_path / "good")
    os.mkfifo(tmp_path / "blueprint.yaml")
    listed = run("list", tmp_path, "--format", "json")
    assert listed.exit_code == 2
    assert '"id": "gera-open-data-portal"' in listed.stdout
    exported = run("export", tmp_path, "--out", tmp_path.parent / f"{tmp_path.name}-out")
    assert exported.exit_code == 2
    assert "a file could not be read" in exported.stderr


def test_an_empty_path_is_a_usage_error_not_the_current_folder(run) -> None:
    result = run("validate", "")
    assert result.exit_code == 2
    assert "error KT901: an empty path was given" in result.stderr
