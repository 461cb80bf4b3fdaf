"""Promise 2: never deletes what it did not create.

An output tree records every file it wrote with its SHA-256 (``.kltransfer-export.json``,
``.kltransfer-catalog.json``); the next run deletes a file only when it is listed there *and*
still has that content. So a forged manifest (made-up hashes, one copied from a real run into a
foreign folder, one with the right hashes behind a link) deletes nothing; a file a person
changed or added stays and is reported; ``new`` and ``adopt`` remove, when they fail, only what
they created.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from kltransfer.destination.created import Creation
from tests.security.helpers import GERA, KL, copy_blueprint, snapshot

EXPORT, CATALOG = ".kltransfer-export.json", ".kltransfer-catalog.json"


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    folder = tmp_path / "src"
    copy_blueprint(GERA, folder / "gera")
    copy_blueprint(KL, folder / "kl")
    return folder


def _precious(folder: Path) -> dict[str, str]:
    (folder / "precious" / "deep").mkdir(parents=True)
    (folder / "precious" / "a.txt").write_text("the council's minutes\n", "utf-8")
    (folder / "precious" / "deep" / "b.bin").write_bytes(b"\x00\x01budget")
    return snapshot(folder / "precious")


def _forge(folder: Path, name: str, command: str, files: dict[str, str], folders: list[str]) -> None:
    forged = {"kltransfer_output": 1, "command": command, "files": files, "folders": folders, "theirs": []}
    (folder / name).write_text(json.dumps(forged), "utf-8")


@pytest.mark.parametrize(("command", "manifest"), [("export", EXPORT), ("catalog build", CATALOG)])
def test_a_forged_manifest_with_made_up_hashes_deletes_nothing(run, tmp_path, sources, command, manifest) -> None:
    out = tmp_path / "out"
    out.mkdir()
    precious = _precious(out)
    listed = ["precious/a.txt", "precious/deep/b.bin", "../src/gera/blueprint.yaml", "/etc/hostname"]
    _forge(out, manifest, command, {rel: hashlib.sha256(rel.encode()).hexdigest() for rel in listed}, ["precious"])
    around = snapshot(sources)

    result = run(*command.split(), sources, "--out", out)

    assert result.exit_code == 0, result.stderr
    assert snapshot(out / "precious") == precious
    assert snapshot(sources) == around
    assert (
        f"kept 2 files or folders in {out} that kltransfer did not write: precious/a.txt, precious/deep\n"
    ) in result.stderr


@pytest.mark.parametrize(("command", "manifest"), [("export", EXPORT), ("catalog build", CATALOG)])
def test_a_manifest_copied_from_a_real_run_into_a_foreign_folder_deletes_nothing(
    run, tmp_path, sources, command, manifest
) -> None:
    real = tmp_path / "real"
    assert run(*command.split(), sources, "--out", real).exit_code == 0
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    precious = _precious(foreign)
    (foreign / "index.html").write_text("<p>my own start page</p>\n", "utf-8")
    shutil.copyfile(real / manifest, foreign / manifest)

    result = run(*command.split(), sources, "--out", foreign)

    assert result.exit_code == 0, result.stderr
    assert snapshot(foreign / "precious") == precious
    # both write their own index.html (the manifest lists one): the person's is kept beside it
    assert (foreign / "index.html.kept").read_text("utf-8") == "<p>my own start page</p>\n"
    assert (
        f"{foreign}/index.html was not written by kltransfer (or was changed since) and is in the way: "
        "kept as index.html.kept\n"
    ) in result.stderr


def test_right_hashes_behind_a_link_delete_nothing_it_points_to(run, tmp_path, sources) -> None:
    vault = tmp_path / "vault"
    vault.mkdir()
    (vault / "secret.txt").write_text("only mine\n", "utf-8")
    out = tmp_path / "out"
    (out / "blueprints").mkdir(parents=True)
    (out / "blueprints" / "old").symlink_to(vault, target_is_directory=True)
    digest = hashlib.sha256(b"only mine\n").hexdigest()  # the true hash of what the link leads to
    _forge(out, CATALOG, "catalog build", {"blueprints/old/secret.txt": digest}, ["blueprints", "blueprints/old"])
    before = snapshot(vault)

    result = run("catalog", "build", sources, "--out", out)

    assert result.exit_code == 0, result.stderr
    assert snapshot(vault) == before
    assert (out / "blueprints" / "old").is_symlink()


def test_changed_and_added_files_stay_and_are_reported_once(run, tmp_path, sources) -> None:
    out = tmp_path / "out"
    assert run("export", sources, "--out", out).exit_code == 0
    page = out / "gera-open-data-portal" / "html" / "index.html"
    page.write_text("<p>edited by hand</p>\n", "utf-8")
    (out / "notes.txt").write_text("mine\n", "utf-8")

    second = run("export", sources, "--out", out)

    assert second.exit_code == 0, second.stderr
    assert "edited by hand" not in page.read_text("utf-8")  # the export's page is back in place
    assert (page.parent / "index.html.kept").read_text("utf-8") == "<p>edited by hand</p>\n"
    assert (
        f"kltransfer: warning: {out}/gera-open-data-portal/html/index.html was not written by kltransfer "
        "(or was changed since) and is in the way: kept as gera-open-data-portal/html/index.html.kept\n"
    ) in second.stderr
    assert f"kept 1 file or folder in {out} that kltransfer did not write: notes.txt\n" in second.stderr
    third = run("export", sources, "--out", out)
    assert third.exit_code == 0
    assert "did not write" not in third.stderr and "in the way" not in third.stderr  # told once
    assert (out / "notes.txt").read_text("utf-8") == "mine\n"
    assert (page.parent / "index.html.kept").is_file()


def test_a_removed_blueprint_goes_but_what_a_person_put_into_its_folder_stays(run, tmp_path, sources) -> None:
    out = tmp_path / "out"
    assert run("export", sources, "--out", out, "--bundle").exit_code == 0
    (out / "gera-open-data-portal" / "html" / "notes.txt").write_text("mine\n", "utf-8")
    shutil.rmtree(sources / "gera")

    result = run("export", sources, "--out", out, "--bundle")

    assert result.exit_code == 0, result.stderr
    left = snapshot(out / "gera-open-data-portal")
    assert sorted(left) == ["", "html", "html/notes.txt"]
    assert not list(out.glob("gera-open-data-portal-*.kltransfer.zip"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "src"]  # no staging folder, no lock file


def test_a_failed_run_removes_only_what_it_created(tmp_path) -> None:
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine\n", "utf-8")
    (folder / "docs").mkdir()
    (folder / "docs" / "plan.txt").write_text("old plan\n", "utf-8")

    with pytest.raises(RuntimeError), Creation(folder) as created:
        created.write("blueprint.yaml", "id: x\n")
        created.write("docs/plan.txt", "new plan\n")  # existed: replaced, not removed on failure
        created.write("deep/er/file.txt", "x")
        raise RuntimeError("disk full")

    assert snapshot(folder) == {
        "": "folder",
        "docs": "folder",
        "docs/plan.txt": "sha256:" + hashlib.sha256(b"new plan\n").hexdigest(),
        "notes.txt": "sha256:" + hashlib.sha256(b"mine\n").hexdigest(),
    }


def test_a_failed_adopt_into_an_existing_folder_keeps_the_folder_and_its_files(run, tmp_path) -> None:
    dest = tmp_path / "copy"
    dest.mkdir()
    (dest / "notes.txt").write_text("mine\n", "utf-8")
    (dest / "docs").write_text("a file where the copy needs a folder\n", "utf-8")
    before = snapshot(tmp_path)

    result = run("adopt", GERA, "--into", dest, "--force", "--set", "city.state=DE-BY")

    assert result.exit_code == 2
    assert f"kltransfer: error KT911: '{dest / 'docs'}' is not a folder; cannot write below it\n" in result.stderr
    assert snapshot(tmp_path) == before  # blueprint.yaml, written first, was removed again; the folder stays
