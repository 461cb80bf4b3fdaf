"""Updates a non-programmer can finish and CI can gate on: conflicts by key path, ``--take``, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from kltransfer.adoption.conflicts import ABSENT, KeyChange, settle, with_changes
from tests.adoption_helpers import Upstream, adopt_musterstadt, replace_once, snapshot_tree

CONFLICT = "<<<<<<< lokal\nspatial_impact: district\n=======\nspatial_impact: region\n>>>>>>> Ursprung v2.0.0\n"


@pytest.fixture
def copy(run, upstream: Upstream, tmp_path: Path) -> Path:
    return adopt_musterstadt(run, upstream.url, tmp_path / "musterstadt")


def _edit(path: Path, old: str, new: str) -> None:
    path.write_text(replace_once(old, new)(path.read_text(encoding="utf-8")), encoding="utf-8")


def _conflicting_release(upstream: Upstream, copy: Path) -> None:
    """Both change spatial_impact and the days of effort; upstream also its version."""
    _edit(copy / "blueprint.yaml", "spatial_impact: city\n", "spatial_impact: district\n")
    _edit(copy / "blueprint.yaml", "    person_days: 60\n", "    person_days: 80\n")
    upstream.edit("blueprint.yaml", replace_once("spatial_impact: city\n", "spatial_impact: region\n"))
    upstream.edit("blueprint.yaml", replace_once("    person_days: 60\n", "    person_days: 75\n"))
    upstream.edit("blueprint.yaml", replace_once("version: 1.0.0\n", "version: 2.0.0\n"))
    upstream.release("v2.0.0")


def test_conflicts_are_named_by_key_path_and_settled_one_by_one(run, upstream, copy):
    _conflicting_release(upstream, copy)

    result = run("update", copy)

    assert result.exit_code == 1
    assert "  spatial_impact changed on both sides: local district, upstream region\n" in result.stderr
    assert "  transfer.effort.person_days changed on both sides: local 80, upstream 75\n" in result.stderr
    assert "settle each with 'kltransfer update --take upstream KEYPATH' or '--take local KEYPATH'" in result.stderr
    status = run("status", copy)
    assert status.exit_code == 1
    assert "  conflicts: unresolved; run 'kltransfer update' to see them by key path" in status.stdout
    assert run("status", copy, "--exit-zero").exit_code == 0

    # a dry run shows what settling would do, markers and all, and writes nothing
    before = snapshot_tree(copy)
    dry = run("update", copy, "--dry-run", "--take", "local", "spatial_impact", "--take", "local", "transfer")
    assert dry.exit_code == 0, dry.stderr
    assert "\n-<<<<<<< lokal\n spatial_impact: district\n-=======\n-spatial_impact: region\n" in dry.stdout
    assert "\n+  ref: v2.0.0\n" in dry.stdout
    assert snapshot_tree(copy) == before

    # one of two: the file keeps the other conflict, the record stays
    first = run("update", copy, "--take", "local", "spatial_impact", "--take", "upstream", "costs")
    assert first.exit_code == 1
    assert ": settled with --take: spatial_impact\n" in first.stderr
    assert ": no conflict is about costs; nothing taken for it\n" in first.stderr
    assert "unresolved conflicts from an earlier update" in first.stderr
    text = (copy / "blueprint.yaml").read_text(encoding="utf-8")
    assert "\nspatial_impact: district\n" in text and CONFLICT not in text
    assert "    person_days: 80\n=======\n    person_days: 75\n" in text
    assert yaml.safe_load(text[text.index("\norigin:\n") :])["origin"]["ref"] == "v1.0.0"

    # the other: a key path settles everything below it; the merge is recorded
    second = run("update", copy, "--take", "upstream", "transfer")
    assert second.exit_code == 0, second.stderr
    data = yaml.safe_load((copy / "blueprint.yaml").read_text(encoding="utf-8"))
    assert (data["spatial_impact"], data["transfer"]["effort"]["person_days"]) == ("district", 75)
    assert data["origin"]["ref"] == "v2.0.0"
    assert not (copy / ".kltransfer" / "pending").exists()
    assert run("status", copy).exit_code == 0


def test_take_settles_in_the_same_run_that_merges(run, upstream, copy):
    _conflicting_release(upstream, copy)
    before = snapshot_tree(copy)

    dry = run("update", copy, "--dry-run", "--take", "upstream", "spatial_impact", "--take", "local", "transfer")
    assert dry.exit_code == 0, dry.stderr
    assert ": would be settled with --take: spatial_impact, transfer\n" in dry.stderr
    assert "\n-spatial_impact: district\n+spatial_impact: region\n" in dry.stdout
    assert snapshot_tree(copy) == before

    result = run("update", copy, "--take", "upstream", "spatial_impact", "--take", "local", "transfer")

    assert result.exit_code == 0, result.stderr
    data = yaml.safe_load((copy / "blueprint.yaml").read_text(encoding="utf-8"))
    assert (data["spatial_impact"], data["transfer"]["effort"]["person_days"]) == ("region", 80)
    assert (data["origin"]["ref"], data["version"]) == ("v2.0.0", "2.0.0")


def test_a_conflict_about_two_values_needs_both(run, upstream, copy):
    _edit(copy / "blueprint.yaml", "spatial_impact: city\nphase: P1\n", "spatial_impact: district\nphase: P2\n")
    upstream.edit("blueprint.yaml", replace_once("spatial_impact: city\n", "spatial_impact: region\n"))
    upstream.release("v1.1.0")

    partly = run("update", copy, "--take", "upstream", "spatial_impact")
    assert partly.exit_code == 1
    assert "  phase changed on both sides: local P2, upstream P1\n" in partly.stderr
    assert "settled with --take" not in partly.stderr

    both = run("update", copy, "--take", "upstream", "spatial_impact", "--take", "upstream", "phase")
    assert both.exit_code == 0, both.stderr
    data = yaml.safe_load((copy / "blueprint.yaml").read_text(encoding="utf-8"))
    assert (data["spatial_impact"], data["phase"]) == ("region", "P1")


def test_update_exits_1_when_the_merged_blueprint_is_invalid(run, upstream, copy):
    upstream.edit("blueprint.yaml", replace_once("spatial_impact: city\n", "spatial_impact: planet\n"))
    upstream.release("v1.1.0")

    result = run("update", copy)

    assert result.exit_code == 1
    assert ": the merged blueprint is not valid (1 error):\n" in result.stderr
    assert (
        "/blueprint.yaml:54:17: error KT104 spatial_impact: 'planet' is not allowed; allowed values: neighbourhood, "
        "district, city, region\n" in result.stderr
    )
    assert "correct the values named above in the file, then check it with 'kltransfer validate " in result.stderr
    assert run("validate", copy).exit_code == 1


def test_status_exit_codes_for_ci(run, upstream, copy):
    assert run("status", copy).exit_code == 0
    upstream.edit("blueprint.yaml", replace_once("spatial_impact: city\n", "spatial_impact: region\n"))
    upstream.release("v1.1.0")

    behind = run("status", copy, "--format", "json")
    assert behind.exit_code == 1
    assert json.loads(behind.stdout)["blueprints"][0]["newer"] == "v1.1.0"
    assert run("status", copy, "--format", "json", "--exit-zero").exit_code == 0
    assert run("update", copy).exit_code == 0
    assert run("status", copy).exit_code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--take", "theirs", "phase"], "--take needs upstream or local before the key path, got 'theirs'"),
        (["--take", "upstream", "costs..total"], "'costs..total' is not a key path"),
        (["--take", "upstream"], "Option '--take' requires 2 arguments."),
    ],
)
def test_take_needs_a_side_and_a_key_path(run, copy, args, message):
    result = run("update", copy, *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_conflict_regions_by_key_path():
    text = (
        "a: 1\n"
        "<<<<<<< local\nb: 2\nc: 3\n=======\nb: 4\n>>>>>>> upstream\n"
        "d: [x]\n"
        "<<<<<<< local\n=======\ne: new\n>>>>>>> upstream\n"
    )
    found = with_changes(text)
    assert [(r.first, r.last) for r in found] == [(2, 7), (9, 12)]
    assert found[0].changes == [KeyChange(("b",), 2, 4), KeyChange(("c",), 3, ABSENT)]
    assert found[1].changes == [KeyChange(("e",), ABSENT, "new")]
    settled = settle(text, [("upstream", ("e",)), ("local", ("b",))])
    assert settled.text == "a: 1\n<<<<<<< local\nb: 2\nc: 3\n=======\nb: 4\n>>>>>>> upstream\nd: [x]\ne: new\n"
    assert (settled.settled, settled.unmatched) == (["e"], [])
