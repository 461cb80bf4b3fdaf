"""Adopting ``.kltransfer.zip`` bundles: verified completely before anything is written."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml

from kltransfer.adoption.yaml_edit import remove_top_level
from tests.adoption_helpers import GERA, gera_bundle_files, make_bundle, snapshot_tree


def _without_origin(path: Path) -> str:
    return remove_top_level(path.read_text(encoding="utf-8"), "origin")[0]


def test_a_bundle_gives_the_same_blueprint_as_its_source(run, tmp_path):
    bundle = make_bundle(tmp_path / "gera.kltransfer.zip", gera_bundle_files())

    from_bundle = run("adopt", bundle, "--into", tmp_path / "a", "--city", "Musterstadt", "--set", "city.state=DE-BY")
    from_folder = run("adopt", GERA, "--into", tmp_path / "b", "--city", "Musterstadt", "--set", "city.state=DE-BY")

    assert from_bundle.exit_code == 0, from_bundle.stderr
    assert from_folder.exit_code == 0, from_folder.stderr
    assert _without_origin(tmp_path / "a" / "blueprint.yaml") == _without_origin(tmp_path / "b" / "blueprint.yaml")
    origin = yaml.safe_load((tmp_path / "a" / "blueprint.yaml").read_text(encoding="utf-8"))["origin"]
    upstream = (GERA / "blueprint.yaml").read_bytes()
    assert origin["source"] == str(bundle.resolve())
    assert origin["checksum"] == "sha256:" + hashlib.sha256(upstream).hexdigest()
    assert (origin["blueprint"], origin["version"]) == ("gera-open-data-portal", "1.0.0")
    assert (tmp_path / "a" / "docs" / "freigabe-checkliste.md").is_file()
    assert not (tmp_path / "a" / "html").exists()  # rendered formats are not part of the copy
    assert run("validate", tmp_path / "a").exit_code == 0


def test_status_of_a_bundle_adoption_sees_a_changed_bundle(run, tmp_path):
    bundle = tmp_path / "gera.kltransfer.zip"
    make_bundle(bundle, gera_bundle_files())
    assert run("adopt", bundle, "--into", tmp_path / "copy", "--set", "city.state=DE-BY").exit_code == 0
    assert "  upstream: up to date\n" in run("status", tmp_path / "copy").stdout

    files = gera_bundle_files()
    files["source/blueprint.yaml"] = files["source/blueprint.yaml"].replace(b"version: 1.0.0", b"version: 1.2.0")
    make_bundle(bundle, files)
    status = run("status", tmp_path / "copy")
    assert "  upstream: changed (now version 1.2.0); run 'kltransfer update'\n" in status.stdout

    update = run("update", tmp_path / "copy")
    assert update.exit_code == 0, update.stderr
    assert "\nversion: 1.2.0\n" in (tmp_path / "copy" / "blueprint.yaml").read_text(encoding="utf-8")


def _bad_bundles(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    files = gera_bundle_files()
    evil = b"owned\n"
    wrong = [
        {"path": rel, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()} for rel, data in files.items()
    ]
    wrong[0]["sha256"] = "0" * 64
    return {
        "dotdot": (
            make_bundle(tmp_path / "dotdot.zip", {**files, "source/../../evil.txt": evil}),
            "the entry 'source/../../evil.txt' has '..' in the path",
        ),
        "absolute": (
            make_bundle(tmp_path / "absolute.zip", files, extra={"/tmp/evil.txt": evil}),
            "the entry '/tmp/evil.txt' has an absolute path",
        ),
        "backslash": (
            make_bundle(tmp_path / "backslash.zip", files, extra={"source\\..\\evil.txt": evil}),
            "has a backslash in the path",
        ),
        "symlink": (
            make_bundle(tmp_path / "symlink.zip", files, symlinks={"source/docs/link": "/etc/passwd"}),
            "the entry 'source/docs/link' is a symbolic link",
        ),
        "checksum": (
            make_bundle(tmp_path / "checksum.zip", files, manifest_files=wrong),
            "the checksum of 'source/blueprint.yaml' does not match the manifest",
        ),
        "unlisted": (
            make_bundle(tmp_path / "unlisted.zip", files, extra={"source/extra.md": evil}),
            "'source/extra.md' is in the bundle but not in the manifest",
        ),
        "file-and-folder": (  # the copy stopped half-way with a message about a temporary folder
            make_bundle(tmp_path / "both.zip", {**files, "source/docs": evil, "source/docs/a.md": evil}),
            "the entry 'source/docs' is a file and a folder at once",
        ),
        "blueprint-and-folder": (
            make_bundle(tmp_path / "bp.zip", {**files, "source/blueprint.yaml/x": evil}),
            "the entry 'source/blueprint.yaml' is a file and a folder at once",
        ),
    }


CASES = ["dotdot", "absolute", "backslash", "symlink", "checksum", "unlisted"]
CASES += ["file-and-folder", "blueprint-and-folder"]


@pytest.mark.parametrize("case", CASES)
def test_an_unsafe_or_damaged_bundle_is_refused_and_writes_nothing(run, tmp_path, case):
    bundle, message = _bad_bundles(tmp_path)[case]

    fresh = run("adopt", bundle, "--into", tmp_path / "new")
    assert fresh.exit_code == 2
    assert f"refusing the bundle '{bundle}'" in fresh.stderr
    assert message in fresh.stderr
    assert not (tmp_path / "new").exists()

    existing = tmp_path / "existing"
    existing.mkdir()
    (existing / "keep.txt").write_text("mine\n", encoding="utf-8")
    forced = run("adopt", bundle, "--into", existing, "--force")
    assert forced.exit_code == 2
    assert snapshot_tree(existing) == {"keep.txt": b"mine\n"}
    assert not (tmp_path / "evil.txt").exists()


def test_a_bundle_beyond_the_size_cap_is_refused(run, tmp_path, monkeypatch):
    monkeypatch.setattr("kltransfer.sources.bundle.MAX_TOTAL_BYTES", 10_000)
    bundle = make_bundle(tmp_path / "big.zip", gera_bundle_files())

    result = run("adopt", bundle, "--into", tmp_path / "copy")

    assert result.exit_code == 2
    assert "it expands to more than 10,000 bytes" in result.stderr
    assert not (tmp_path / "copy").exists()


def test_a_bundle_with_too_many_entries_is_refused(run, tmp_path, monkeypatch):
    monkeypatch.setattr("kltransfer.sources.bundle.MAX_ENTRIES", 3)
    bundle = make_bundle(tmp_path / "many.zip", gera_bundle_files())

    result = run("adopt", bundle, "--into", tmp_path / "copy")

    assert result.exit_code == 2
    assert "it has 4 entries, more than the limit of 3" in result.stderr


def test_a_file_that_is_not_a_zip_is_refused(run, tmp_path):
    fake = tmp_path / "fake.kltransfer.zip"
    fake.write_bytes(b"not a zip")
    result = run("adopt", fake, "--into", tmp_path / "copy")
    assert result.exit_code == 2
    assert f"refusing the bundle '{fake}': it is not a readable zip file" in result.stderr


def test_the_bundle_that_export_writes_adopts_to_the_same_blueprint(run, tmp_path):
    exported = run("export", GERA, "--bundle", "--out", tmp_path / "site")
    assert exported.exit_code == 0, exported.stderr
    (bundle,) = (tmp_path / "site").glob("*.kltransfer.zip")

    from_bundle = run("adopt", bundle, "--into", tmp_path / "a", "--city", "Musterstadt", "--set", "city.state=DE-BY")
    from_folder = run("adopt", GERA, "--into", tmp_path / "b", "--city", "Musterstadt", "--set", "city.state=DE-BY")

    assert from_bundle.exit_code == 0, from_bundle.stderr
    assert from_folder.exit_code == 0, from_folder.stderr
    assert _without_origin(tmp_path / "a" / "blueprint.yaml") == _without_origin(tmp_path / "b" / "blueprint.yaml")
    assert (tmp_path / "a" / ".kltransfer" / "base" / "blueprint.yaml").read_bytes() == (
        GERA / "blueprint.yaml"
    ).read_bytes()
    assert (tmp_path / "a" / "docs" / "freigabe-checkliste.md").read_bytes() == (
        GERA / "docs" / "freigabe-checkliste.md"
    ).read_bytes()


def test_a_file_and_a_folder_of_one_name_is_refused_in_german(run, tmp_path):
    files = {**gera_bundle_files(), "source/docs": b"x\n", "source/docs/a.md": b"y\n"}
    bundle = make_bundle(tmp_path / "both.zip", files)
    result = run("adopt", bundle, "--into", tmp_path / "new", env={"LANG": "de_DE.UTF-8"})
    assert result.exit_code == 2
    assert "der Eintrag 'source/docs' ist zugleich eine Datei und ein Ordner" in result.stderr
