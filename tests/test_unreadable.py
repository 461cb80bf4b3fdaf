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
