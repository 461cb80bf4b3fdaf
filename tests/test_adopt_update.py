"""``kltransfer status`` and ``update``: three-way merges of upstream releases into adopted copies."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tests.adoption_helpers import Upstream, adopt_musterstadt, git, replace_once, snapshot_tree

TITLE = "  de: Open-Data-Portal der Stadt Musterstadt\n"  # adopt put the adopting city into the title
LOCAL_TITLE = "  de: Offene Daten für Musterstadt\n"
COMMENT = "# Musterstadt: reviewed by the digital office\n"


@pytest.fixture
def copy(run, upstream: Upstream, tmp_path: Path) -> Path:
    return adopt_musterstadt(run, upstream.url, tmp_path / "musterstadt")


def _origin(copy: Path) -> dict:
    """The origin block (the last block of the file: readable even while conflict markers are in the file)."""
    text = (copy / "blueprint.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text[text.index("\norigin:\n") :])["origin"]


def _local_edit(copy: Path) -> None:
    path = copy / "blueprint.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(TITLE) == 1
    text = text.replace(TITLE, LOCAL_TITLE).replace("\ncity:\n", "\n" + COMMENT + "city:\n")
    path.write_text(text, encoding="utf-8")


def _release_v2(upstream: Upstream) -> str:
    upstream.edit("blueprint.yaml", replace_once("spatial_impact: city\n", "spatial_impact: region\n"))
    upstream.edit("blueprint.yaml", replace_once("version: 1.0.0\n", "version: 2.0.0\n"))
    return upstream.release("v2.0.0", "second release")


def test_update_keeps_local_edits_and_comments_and_applies_upstream_changes(run, upstream, copy):
    v1 = git(upstream.work, "rev-parse", "v1.0.0")
    assert _origin(copy)["commit"] == v1
    _local_edit(copy)
    v2 = _release_v2(upstream)

    before = run("status", copy)
    assert before.exit_code == 1, before.stderr  # an update is available: CI can gate on it
    assert before.stdout == (
        f"{copy / 'blueprint.yaml'}: gera-open-data-portal v1.0.0 ({v1[:12]}) from {upstream.url}\n"
        f"  upstream: newer version v2.0.0 ({v2[:12]}) available; run 'kltransfer update'\n"
        "  local edits: yes\n"
    )

    result = run("update", copy)

    assert result.exit_code == 0, result.stderr
    assert f"updated from v1.0.0 to v2.0.0 ({v2[:12]})" in result.stderr
    text = (copy / "blueprint.yaml").read_text(encoding="utf-8")
    assert LOCAL_TITLE in text
    assert COMMENT in text
    assert "\nspatial_impact: region\n" in text
    assert "\nversion: 2.0.0\n" in text
    assert "  name: Musterstadt\n" in text  # the reset fields stay local
    assert "<<<<<<<" not in text
    origin = _origin(copy)
    assert (origin["ref"], origin["commit"], origin["version"]) == ("v2.0.0", v2, "2.0.0")
    assert (copy / ".kltransfer" / "base" / "blueprint.yaml").read_bytes() == upstream.show("v2.0.0", "blueprint.yaml")
    assert run("validate", copy).exit_code == 0

    after = run("status", copy, "--format", "json")
    assert after.exit_code == 0
    status = json.loads(after.stdout)["blueprints"][0]
    assert (status["newer"], status["newer_commit"], status["commit"]) == (None, None, v2)
    assert status["local_edits"] is True
    again = run("update", copy)
    assert again.exit_code == 0
    assert "up to date (v2.0.0)" in again.stderr


def test_status_reports_the_newer_tag_and_then_nothing(run, upstream, copy):
    clean = json.loads(run("status", copy, "--format", "json").stdout)["blueprints"][0]
    assert (clean["newer"], clean["local_edits"]) == (None, False)
    v2 = _release_v2(upstream)

    newer = json.loads(run("status", copy, "--format", "json").stdout)["blueprints"][0]
    assert (newer["newer"], newer["newer_commit"], newer["newer_version"]) == ("v2.0.0", v2, "2.0.0")
    assert newer["local_edits"] is False

    assert run("update", copy).exit_code == 0
    text = run("status", copy)
    assert "  upstream: up to date\n  local edits: no\n" in text.stdout
    assert "newer version" not in text.stdout


def test_both_sides_changing_the_same_field_conflicts_and_keeps_the_record(run, upstream, copy):
    v1 = git(upstream.work, "rev-parse", "v1.0.0")
    path = copy / "blueprint.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("spatial_impact: city\n", "spatial_impact: district\n"),
        encoding="utf-8",
    )
    v2 = _release_v2(upstream)

    result = run("update", copy)

    assert result.exit_code == 1
    text = path.read_text(encoding="utf-8")
    # the markers are labelled in the language of the copy (Gera's blueprint is German)
    assert "<<<<<<< lokal\nspatial_impact: district\n=======\nspatial_impact: region\n>>>>>>> Ursprung v2.0.0\n" in text
    lines = text.splitlines()
    first = lines.index("<<<<<<< lokal") + 1
    last = lines.index(">>>>>>> Ursprung v2.0.0") + 1
    assert (f"1 conflict with upstream v2.0.0: blueprint.yaml lines {first}-{last}") in result.stderr
    assert "\nversion: 2.0.0\n" in text  # the rest of the upstream change is merged
    origin = _origin(copy)
    assert (origin["ref"], origin["commit"]) == ("v1.0.0", v1)
    assert (copy / ".kltransfer" / "base" / "blueprint.yaml").read_bytes() == upstream.show("v1.0.0", "blueprint.yaml")

    unresolved = run("update", copy)
    assert unresolved.exit_code == 1
    assert "unresolved conflicts from an earlier update" in unresolved.stderr

    # the city resolves the conflict; the next update records the merge
    path.write_text(
        replace_once(
            "<<<<<<< lokal\nspatial_impact: district\n=======\nspatial_impact: region\n>>>>>>> Ursprung v2.0.0\n",
            "spatial_impact: district\n",
        )(text),
        encoding="utf-8",
    )
    resolved = run("update", copy)
    assert resolved.exit_code == 0, resolved.stderr
    final = path.read_text(encoding="utf-8")
    assert "\nspatial_impact: district\n" in final
    assert (_origin(copy)["ref"], _origin(copy)["commit"]) == ("v2.0.0", v2)
    assert not (copy / ".kltransfer" / "pending").exists()
    assert run("update", copy).exit_code == 0


def test_dry_run_prints_the_diff_and_writes_nothing(run, upstream, copy):
    _local_edit(copy)
    _release_v2(upstream)
    before = snapshot_tree(copy)

    result = run("update", copy, "--dry-run")

    assert result.exit_code == 0, result.stderr
    assert snapshot_tree(copy) == before
    assert result.stdout.startswith("--- a/blueprint.yaml\n+++ b/blueprint.yaml\n")
    assert "\n-spatial_impact: city\n+spatial_impact: region\n" in result.stdout
    assert "\n-  ref: v1.0.0\n" in result.stdout
    assert "\n+  ref: v2.0.0\n" in result.stdout
    assert "would be updated from v1.0.0 to v2.0.0" in result.stderr


def test_dry_run_of_a_conflict_exits_1_and_writes_nothing(run, upstream, copy):
    path = copy / "blueprint.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("spatial_impact: city\n", "spatial_impact: district\n"),
        encoding="utf-8",
    )
    _release_v2(upstream)
    before = snapshot_tree(copy)

    result = run("update", copy, "--dry-run")

    assert result.exit_code == 1
    assert "+<<<<<<< lokal\n" in result.stdout
    assert snapshot_tree(copy) == before


def test_update_to_an_explicit_ref_and_changed_assets(run, upstream, copy):
    upstream.edit("docs/freigabe-checkliste.md", lambda t: t + "\nNeu: Prüfung durch den Datenschutz.\n")
    upstream.release("v1.1.0")
    _release_v2(upstream)
    v11 = git(upstream.work, "rev-parse", "v1.1.0")

    result = run("update", copy, "--ref", "v1.1.0")

    assert result.exit_code == 0, result.stderr
    assert (_origin(copy)["ref"], _origin(copy)["commit"]) == ("v1.1.0", v11)
    assert (
        (copy / "docs" / "freigabe-checkliste.md")
        .read_text(encoding="utf-8")
        .endswith("Neu: Prüfung durch den Datenschutz.\n")
    )
    assert "\nspatial_impact: city\n" in (copy / "blueprint.yaml").read_text(encoding="utf-8")


def test_upstream_changes_to_reset_fields_do_not_conflict(run, upstream, copy):
    path = copy / "blueprint.yaml"
    path.write_text(
        replace_once("  population: 'TODO: Zahl der Einwohnerinnen und Einwohner'\n", "  population: 48000\n")(
            path.read_text(encoding="utf-8")
        ),
        encoding="utf-8",
    )
    upstream.edit("blueprint.yaml", replace_once("  population: 93000 ", "  population: 94000 "))
    upstream.edit("blueprint.yaml", replace_once("phase: P4\n", "phase: P5\n"))
    upstream.release("v1.0.1")

    result = run("update", copy)

    assert result.exit_code == 0, result.stderr
    text = path.read_text(encoding="utf-8")
    assert "  population: 48000\n" in text
    assert "\nphase: P1\n" in text
    assert _origin(copy)["ref"] == "v1.0.1"


def test_status_and_update_need_an_adopted_blueprint(run, tmp_path):
    (tmp_path / "plain").mkdir()
    (tmp_path / "plain" / "blueprint.yaml").write_text("kltransfer: '1.0'\nid: x\n", encoding="utf-8")
    for command in ("status", "update"):
        result = run(command, tmp_path / "plain")
        assert result.exit_code == 2
        assert "no adopted blueprint (one with an origin) found" in result.stderr


def test_a_branch_adoption_follows_the_branch(run, tmp_path):
    repo = Upstream(tmp_path / "upstream")
    repo.copy_example()
    repo.release(None)
    dest = tmp_path / "copy"
    assert run("adopt", repo.url, "--into", dest, "--set", "city.state=DE-BY").exit_code == 0
    assert _origin(dest)["ref"] == "main"
    repo.edit("blueprint.yaml", replace_once("spatial_impact: city\n", "spatial_impact: district\n"))
    head = repo.release(None)

    status = run("status", dest)
    assert f"  upstream: new commits on main ({head[:12]}) available; run 'kltransfer update'\n" in status.stdout
    assert run("update", dest).exit_code == 0
    assert (_origin(dest)["ref"], _origin(dest)["commit"]) == ("main", head)
    assert "\nspatial_impact: district\n" in (dest / "blueprint.yaml").read_text(encoding="utf-8")


def test_locally_edited_files_beside_the_blueprint_are_merged_too(run, upstream, copy):
    doc = copy / "docs" / "freigabe-checkliste.md"
    original = doc.read_text(encoding="utf-8")
    doc.write_text("Musterstadt: angepasst\n\n" + original, encoding="utf-8")
    upstream.edit("docs/freigabe-checkliste.md", lambda t: t + "\nNeu: Prüfung durch den Datenschutz.\n")
    upstream.release("v1.1.0")

    result = run("update", copy)

    assert result.exit_code == 0, result.stderr
    merged = doc.read_text(encoding="utf-8")
    assert merged.startswith("Musterstadt: angepasst\n\n")
    assert merged.endswith("Neu: Prüfung durch den Datenschutz.\n")
    assert (copy / ".kltransfer" / "base" / "docs" / "freigabe-checkliste.md").read_bytes() == upstream.show(
        "v1.1.0", "docs/freigabe-checkliste.md"
    )


def test_status_offline_without_a_cache_says_so(run, upstream, copy, monkeypatch, tmp_path):
    monkeypatch.setenv("KLTRANSFER_CACHE_DIR", str(tmp_path / "empty-cache"))

    result = run("status", copy, "--offline")

    assert result.exit_code == 0
    assert f"  upstream: unknown ('{upstream.url}' is not in the cache, and --offline forbids fetching it)\n" in (
        result.stdout
    )
    assert "  local edits: no\n" in result.stdout
