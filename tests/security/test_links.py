"""Promise 1: never through a link.

No command writes through a symbolic link inside its destination, or empties what a link points
to; a destination that is itself a link is refused; an in-place edit never changes a file outside
the folder through a ``blueprint.yaml`` link. Each case: the exit code, the exact message, and a
snapshot (links not followed) of everything around, unchanged.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.adoption_helpers import replace_once
from tests.security.helpers import GERA, copy_blueprint, snapshot

MIGRATE_FIXTURE = Path(__file__).parents[1] / "data" / "migrate" / "kaiserslautern-1.0"


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    folder = tmp_path / "src"
    copy_blueprint(GERA, folder / "gera")
    return folder


@pytest.fixture
def elsewhere(tmp_path: Path) -> Path:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "precious.txt").write_text("not kltransfer's\n", "utf-8")
    return folder


def _link_refused(out: Path, rel: str) -> str:
    return (
        f"kltransfer: error KT911: '{out / rel}' is a symbolic link where kltransfer writes its own file; "
        "it neither follows nor replaces it\n  hint: remove the link and run again; nothing was changed\n"
    )


def test_catalog_pages_folder_that_is_a_link_is_refused_not_emptied(run, tmp_path, sources, elsewhere) -> None:
    out = tmp_path / "site"
    assert run("catalog", "build", sources, "--out", out).exit_code == 0
    shutil.rmtree(out / "blueprints")
    (out / "blueprints").symlink_to("../elsewhere", target_is_directory=True)
    before = snapshot(tmp_path)

    result = run("catalog", "build", sources, "--out", out)

    assert result.exit_code == 2
    assert result.stderr == _link_refused(out, "blueprints")
    assert snapshot(tmp_path) == before  # the link, what it points to, the site: as they were; no staging left


def test_catalog_script_that_is_a_link_is_never_written_through(run, tmp_path, sources) -> None:
    out = tmp_path / "site"
    assert run("catalog", "build", sources, "--out", out).exit_code == 0
    (tmp_path / "notes.txt").write_text("my notes\n", "utf-8")
    (out / "catalog.js").unlink()
    (out / "catalog.js").symlink_to("../notes.txt")
    before = snapshot(tmp_path)

    result = run("catalog", "build", sources, "--out", out)

    assert result.exit_code == 2
    assert result.stderr == _link_refused(out, "catalog.js")
    assert snapshot(tmp_path) == before


def test_export_entry_that_is_a_link_is_refused(run, tmp_path, sources, elsewhere) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "gera-open-data-portal").symlink_to(elsewhere, target_is_directory=True)
    before = snapshot(tmp_path)

    result = run("export", sources, "--out", out, "--force")

    assert result.exit_code == 2
    assert result.stderr.endswith(_link_refused(out, "gera-open-data-portal"))
    assert snapshot(tmp_path) == before


def test_a_link_elsewhere_in_the_output_is_kept_as_a_link(run, tmp_path, sources, elsewhere) -> None:
    out = tmp_path / "out"
    assert run("export", sources, "--out", out).exit_code == 0
    (out / "docs").symlink_to(elsewhere, target_is_directory=True)

    result = run("export", sources, "--out", out)

    assert result.exit_code == 0, result.stderr
    assert (out / "docs").is_symlink() and (out / "docs").readlink() == elsewhere
    assert snapshot(elsewhere) == {"": "folder", "precious.txt": snapshot(elsewhere)["precious.txt"]}
    assert f"kept 1 file or folder in {out} that kltransfer did not write: docs\n" in result.stderr


@pytest.mark.parametrize("command", ["export", "catalog", "adopt", "new"])
def test_a_destination_that_is_a_link_is_refused(run, tmp_path, sources, elsewhere, command: str) -> None:
    link = tmp_path / "out"
    link.symlink_to(elsewhere, target_is_directory=True)
    args = {
        "export": ["export", sources, "--out", link, "--force"],
        "catalog": ["catalog", "build", sources, "--out", link, "--force"],
        "adopt": ["adopt", sources / "gera", "--into", link, "--force", "--set", "city.state=DE-BY"],
        "new": ["new", link, "--no-input", "--force"],
    }[command]
    before = snapshot(tmp_path)

    result = run(*args)

    assert result.exit_code == 2
    assert (
        f"kltransfer: error KT911: '{link}' is a symbolic link; kltransfer never writes through a link\n"
        "  hint: remove the link (or replace it by a real folder) and run again\n"
    ) in result.stderr
    assert snapshot(tmp_path) == before


def test_adopt_never_writes_through_a_linked_folder_in_its_destination(run, tmp_path, sources, elsewhere) -> None:
    dest = tmp_path / "copy"
    dest.mkdir()
    (dest / "notes.txt").write_text("ours\n", "utf-8")
    (dest / "docs").symlink_to(elsewhere, target_is_directory=True)
    before = snapshot(tmp_path)

    result = run("adopt", sources / "gera", "--into", dest, "--force", "--set", "city.state=DE-BY")

    assert result.exit_code == 2
    assert (
        f"kltransfer: error KT911: '{dest / 'docs'}' is a symbolic link; kltransfer never writes through a link\n"
    ) in result.stderr
    # what the run had already written (blueprint.yaml) is removed again; nothing else changed
    assert snapshot(tmp_path) == before


def _linked_blueprint(tmp_path: Path, fixture: Path) -> tuple[Path, Path]:
    """``project/blueprint.yaml``, a link to a copy of ``fixture`` outside the project folder."""
    outside = tmp_path / "outside"
    shutil.copytree(fixture, outside)
    project = tmp_path / "project"
    project.mkdir()
    (project / "blueprint.yaml").symlink_to(outside / "blueprint.yaml")
    return project, outside


def _edit_refused(link: Path, target: Path) -> str:
    return (
        f"kltransfer: error KT911: '{link}' is a symbolic link to '{target}', which is not a file in its folder; "
        "kltransfer does not change files through such a link\n"
        "  hint: run the command on the file the link points to, or replace the link by a copy of that file\n"
    )


def test_migrate_never_writes_through_a_link_to_outside_its_folder(run, tmp_path) -> None:
    project, outside = _linked_blueprint(tmp_path, MIGRATE_FIXTURE)
    before = snapshot(tmp_path)

    result = run("migrate", project / "blueprint.yaml")

    assert result.exit_code == 2
    assert result.stderr == _edit_refused(project / "blueprint.yaml", outside / "blueprint.yaml")
    assert snapshot(tmp_path) == before


def test_migrate_through_a_link_inside_its_folder_edits_that_file(run, tmp_path) -> None:
    project = tmp_path / "project"
    shutil.copytree(MIGRATE_FIXTURE, project)
    (project / "blueprint.yaml").rename(project / "real.yaml")
    (project / "blueprint.yaml").symlink_to("real.yaml")

    result = run("migrate", project / "blueprint.yaml")

    assert result.exit_code == 0, result.stderr
    assert (project / "blueprint.yaml").is_symlink()
    assert 'kltransfer: "1.2"' in (project / "real.yaml").read_text("utf-8")


def test_update_never_writes_through_a_link_to_outside_its_folder(run, upstream, tmp_path) -> None:
    copy = tmp_path / "copy"
    assert run("adopt", upstream.url, "--into", copy, "--set", "city.state=DE-BY").exit_code == 0
    outside = tmp_path / "outside.yaml"
    (copy / "blueprint.yaml").rename(outside)
    (copy / "blueprint.yaml").symlink_to(outside)
    upstream.edit("blueprint.yaml", replace_once("spatial_impact: city\n", "spatial_impact: region\n"))
    upstream.release("v1.1.0")
    before = snapshot(tmp_path / "copy"), outside.read_bytes()

    result = run("update", copy)

    assert result.exit_code == 2
    assert result.stderr.endswith(_edit_refused(copy / "blueprint.yaml", outside))
    assert (snapshot(tmp_path / "copy"), outside.read_bytes()) == before


def test_fix_never_writes_through_a_link_to_outside_its_folder(run, tmp_path) -> None:
    outside = tmp_path / "outside.yaml"
    text = (GERA / "blueprint.yaml").read_text("utf-8")
    outside.write_text(text.replace("  population: 93000", "  population: 93.000", 1), "utf-8")
    project = tmp_path / "project"
    project.mkdir()
    (project / "blueprint.yaml").symlink_to(outside)
    before = snapshot(tmp_path)

    result = run("fix", project)

    assert result.exit_code == 1
    assert f"{project / 'blueprint.yaml'}: not written: '{project / 'blueprint.yaml'}' is a symbolic link" in (
        result.stderr
    )
    assert snapshot(tmp_path) == before
