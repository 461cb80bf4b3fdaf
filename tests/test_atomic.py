"""The one atomic file writer (kltransfer.destination.files): scaffold, adoption, migrate, fix, the schema gate."""

from __future__ import annotations

from pathlib import Path

import pytest

from kltransfer.destination.files import write_atomic


def test_new_file_is_0644_and_existing_mode_is_kept(tmp_path: Path) -> None:
    new = tmp_path / "new.json"
    write_atomic(new, "{}\n")
    assert new.read_text("utf-8") == "{}\n"
    assert new.stat().st_mode & 0o777 == 0o644
    kept = tmp_path / "kept.yaml"
    kept.write_text("old", "utf-8")
    kept.chmod(0o600)
    write_atomic(kept, b"new")
    assert kept.read_bytes() == b"new"
    assert kept.stat().st_mode & 0o777 == 0o600


def test_text_in_pieces(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    write_atomic(target, iter(["ä", "b\n"]))
    assert target.read_bytes() == "äb\n".encode()


def test_a_link_is_replaced_never_followed(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("real", "utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_atomic(link, "itself")
    assert not link.is_symlink() and link.read_text("utf-8") == "itself"
    assert real.read_text("utf-8") == "real"


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "catalog.json"
    target.write_text("old", "utf-8")

    def pieces():
        yield "half"
        raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        write_atomic(target, pieces())
    assert target.read_text("utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["catalog.json"]
