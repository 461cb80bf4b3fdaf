"""Promise 3: never touches its sources.

An output that equals, contains or lies inside a source — a folder source, the folder of a
blueprint file given, the working tree of a local git repository, a bundle — is refused with
exit 2 before anything is written. Paths are compared resolved (links resolved for this
comparison). Each case: the exact message and a snapshot of everything, unchanged.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.security.helpers import GERA, KL, copy_blueprint, snapshot

HINT = "  hint: choose a folder for {option} outside every source, e.g. a new folder beside them\n"


def _refused(relation: str, out: Path, source: Path, option: str = "--out") -> str:
    reasons = {
        "equal": f"'{out}' is the source '{source}' itself",
        "inside": f"'{out}' lies inside the source '{source}'",
        "contains": f"'{out}' contains the source '{source}'",
    }
    return (
        f"kltransfer: error KT911: refusing to write there: {reasons[relation]}; nothing was written\n"
        + HINT.format(option=option)
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A folder holding blueprints below ``blueprints/``, as a city's repository does."""
    root = tmp_path / "repo"
    copy_blueprint(GERA, root / "blueprints" / "gera")
    copy_blueprint(KL, root / "blueprints" / "kl")
    return root


def test_catalog_into_the_repository_around_its_source_with_force(run, tmp_path, repo) -> None:
    before = snapshot(tmp_path)
    result = run("catalog", "build", repo / "blueprints", "--out", repo, "--force")
    assert result.exit_code == 2
    assert result.stderr == _refused("contains", repo, (repo / "blueprints").resolve())
    assert snapshot(tmp_path) == before


def test_a_rebuild_never_deletes_sources_below_its_pages(run, tmp_path, repo) -> None:
    site = tmp_path / "site"
    assert run("catalog", "build", repo / "blueprints", "--out", site).exit_code == 0
    # someone keeps blueprints below the site's page folder and builds from there, without --force
    copy_blueprint(GERA, site / "blueprints" / "mine", "mine-portal")
    before = snapshot(tmp_path)
    result = run("catalog", "build", site / "blueprints", "--out", site)
    assert result.exit_code == 2
    assert result.stderr == _refused("contains", site, (site / "blueprints").resolve())
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("relation", ["equal", "inside", "contains"])
def test_export_refuses_an_output_overlapping_a_blueprint_folder(run, tmp_path, repo, relation: str) -> None:
    gera = repo / "blueprints" / "gera"
    out = {"equal": gera, "inside": gera / "site", "contains": repo}[relation]
    source = gera.resolve() if relation != "contains" else (repo / "blueprints" / "gera").resolve()
    before = snapshot(tmp_path)
    result = run("export", gera / "blueprint.yaml", "--out", out, "--force")
    assert result.exit_code == 2
    assert result.stderr == _refused(relation, out, source)
    assert snapshot(tmp_path) == before


def test_links_are_resolved_for_the_comparison(run, tmp_path, repo) -> None:
    alias = tmp_path / "alias"
    alias.symlink_to(repo / "blueprints", target_is_directory=True)
    before = snapshot(tmp_path)
    result = run("catalog", "build", repo / "blueprints", "--out", alias / "site")
    assert result.exit_code == 2
    assert result.stderr == _refused("inside", alias / "site", (repo / "blueprints").resolve())
    assert snapshot(tmp_path) == before


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_adopting_a_local_repository_into_itself_keeps_its_uncommitted_edits(run, tmp_path) -> None:
    work = tmp_path / "city"
    copy_blueprint(GERA, work)
    _git(work, "init", "-q", "-b", "main")
    _git(work, "add", "-A")
    _git(work, "commit", "-q", "-m", "v1")
    (work / "blueprint.yaml").write_text(
        (work / "blueprint.yaml").read_text("utf-8") + "# not yet committed\n", "utf-8"
    )
    before = snapshot(tmp_path)
    for source, into in ((work, work), (work.as_uri(), work), (work, work / "copy"), (work, tmp_path)):
        result = run("adopt", source, "--into", into, "--force", "--set", "city.state=DE-BY")
        relation = "equal" if into == work else "inside" if into == work / "copy" else "contains"
        assert result.exit_code == 2, (source, into)
        assert result.stderr == _refused(relation, into, work.resolve(), "--into")
        assert snapshot(tmp_path) == before


def test_adopting_a_folder_or_bundle_into_a_folder_around_it_is_refused(run, tmp_path) -> None:
    folder = copy_blueprint(GERA, tmp_path / "shared" / "gera")
    assert run("export", folder, "--out", tmp_path / "dist", "--bundle").exit_code == 0
    bundle = next((tmp_path / "dist").glob("*.kltransfer.zip"))
    before = snapshot(tmp_path)
    cases = [(folder, folder / "sub", "inside", folder), (bundle, tmp_path / "dist", "contains", bundle)]
    for source, into, relation, root in cases:
        result = run("adopt", source, "--into", into, "--force", "--set", "city.state=DE-BY")
        assert result.exit_code == 2
        assert result.stderr == _refused(relation, into, root.resolve(), "--into")
    assert snapshot(tmp_path) == before
