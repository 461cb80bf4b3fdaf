"""The three-way merge of ``update``: with ``git merge-file``, and the same result in pure Python without git.

One table of cases, merged three ways: by git directly, by ``merge_text`` with git on PATH, and
by ``merge_text`` with a PATH that holds no git (the pure-Python merge). All three must give
the same text, byte for byte, and the same number of conflicts.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from kltransfer.adoption.diff3 import merge3
from kltransfer.adoption.merge import merge_text
from tests.adoption_helpers import GERA, replace_once

LABELS = ("lokal", "adopted v1.0.0", "Ursprung v2.0.0")
GERA_TEXT = (GERA / "blueprint.yaml").read_text(encoding="utf-8")


def _edit(text: str, *pairs: tuple[str, str]) -> str:
    for old, new in pairs:
        text = replace_once(old, new)(text)
    return text


MILESTONE = "    - date: 2026-03-01\n      title: Zweiter Open Data Day\n      done: false\n"
CASES = {
    # (base, ours, theirs)
    "only upstream changed": (
        GERA_TEXT,
        GERA_TEXT,
        _edit(GERA_TEXT, ("spatial_impact: city\n", "spatial_impact: region\n")),
    ),
    "only local changed": (GERA_TEXT, _edit(GERA_TEXT, ("phase: P4\n", "phase: P1\n")), GERA_TEXT),
    "both, far apart": (
        GERA_TEXT,
        _edit(GERA_TEXT, ("phase: P4\n", "phase: P1\n")),
        _edit(GERA_TEXT, ("    person_days: 60\n", "    person_days: 75\n")),
    ),
    "the same change on both sides": (
        GERA_TEXT,
        _edit(GERA_TEXT, ("version: 1.0.0\n", "version: 1.1.0\n")),
        _edit(GERA_TEXT, ("version: 1.0.0\n", "version: 1.1.0\n")),
    ),
    "one value changed differently": (
        GERA_TEXT,
        _edit(GERA_TEXT, ("    total: 298000\n", "    total: 120000\n")),
        _edit(GERA_TEXT, ("    total: 298000\n", "    total: 310000\n")),
    ),
    "adjacent lines changed": (
        GERA_TEXT,
        _edit(GERA_TEXT, ("spatial_impact: city\n", "spatial_impact: district\n")),
        _edit(GERA_TEXT, ("phase: P4\n", "phase: P5\n")),
    ),
    "two conflicts close together are one": (
        GERA_TEXT,
        _edit(
            GERA_TEXT,
            ("kind: open-data\n", "kind: data-platform\n"),
            ("  de: Open-Data-Portal der Stadt Gera\n", "  de: Portal\n"),
        ),
        _edit(
            GERA_TEXT,
            ("kind: open-data\n", "kind: portal\n"),
            ("  de: Open-Data-Portal der Stadt Gera\n", "  de: Datenportal\n"),
        ),
    ),
    "both added the same milestone, upstream one more": (
        GERA_TEXT,
        _edit(GERA_TEXT, ("\ncosts:\n", "\n" + MILESTONE.rstrip("\n") + "\n\ncosts:\n")),
        _edit(
            GERA_TEXT,
            ("\ncosts:\n", "\n" + MILESTONE + "    - date: 2026-09-30\n      title: 250 Datensätze\n\ncosts:\n"),
        ),
    ),
    "list items inserted at the same place": (
        GERA_TEXT,
        _edit(GERA_TEXT, ("  - name: Apache Solr\n", "  - name: Redis\n    type: software\n  - name: Apache Solr\n")),
        _edit(
            GERA_TEXT, ("  - name: Apache Solr\n", "  - name: PostgreSQL\n    type: software\n  - name: Apache Solr\n")
        ),
    ),
    "local deleted what upstream changed": (
        GERA_TEXT,
        _edit(
            GERA_TEXT,
            ("    note: Ohne Arbeitszeit der Datenlotsen in den Fachämtern (ca. 2 Tage pro Amt und Jahr).\n", ""),
        ),
        _edit(GERA_TEXT, ("(ca. 2 Tage pro Amt und Jahr)", "(ca. 3 Tage pro Amt und Jahr)")),
    ),
    "a comment added locally beside an upstream change": (
        GERA_TEXT,
        _edit(GERA_TEXT, ("\ncity:\n", "\n# Musterstadt: geprüft\ncity:\n")),
        _edit(GERA_TEXT, ("  population: 93000 ", "  population: 94000 ")),
    ),
    "no line break at the end": ("a: 1\nb: 2\nc: 3", "a: 1\nb: 20\nc: 3", "a: 1\nb: 2\nc: 30"),
    "no line break at the end, in conflict": ("a: 1\nb: 2", "a: 1\nb: 20", "a: 1\nb: 21"),
    "Windows line ends": ("a: 1\r\nb: 2\r\nc: 3\r\n", "a: 1\r\nb: 20\r\nc: 3\r\n", "a: 1\r\nb: 21\r\nc: 3\r\n"),
    "repeated lines": (
        "- x\n- x\n- y\n- x\n- x\n",
        "- x\n- x\n- z\n- y\n- x\n- x\n",
        "- x\n- x\n- y\n- x\n- w\n- x\n",
    ),
    "empty base": ("", "a: 1\n", "a: 2\n"),
}


def _git_merge(tmp_path: Path, base: str, ours: str, theirs: str) -> tuple[str, int]:
    for name, text in (("ours", ours), ("base", base), ("theirs", theirs)):
        (tmp_path / name).write_bytes(text.encode("utf-8"))
    done = subprocess.run(
        ["git", "merge-file", "-p", "-L", LABELS[0], "-L", LABELS[1], "-L", LABELS[2], "ours", "base", "theirs"],
        cwd=tmp_path,
        capture_output=True,
        check=False,
    )
    assert 0 <= done.returncode < 128, done.stderr
    return done.stdout.decode("utf-8"), done.returncode


@pytest.fixture
def no_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A PATH without git (a folder holding only python3)."""
    bin_dir = tmp_path / "bin-without-git"
    bin_dir.mkdir()
    python = shutil.which("python3")
    assert python
    (bin_dir / "python3").symlink_to(python)
    monkeypatch.setenv("PATH", str(bin_dir))
    assert shutil.which("git") is None


@pytest.mark.parametrize("case", list(CASES))
def test_python_merge_writes_what_git_writes(tmp_path, monkeypatch, case):
    base, ours, theirs = CASES[case]
    expected = _git_merge(tmp_path, base, ours, theirs)

    with_git = merge_text(ours, base, theirs, labels=LABELS)
    assert (with_git.text, with_git.conflicts) == expected

    monkeypatch.setenv("PATH", str(tmp_path / "nothing-here"))
    without_git = merge_text(ours, base, theirs, labels=LABELS)
    assert (without_git.text, without_git.conflicts) == expected
    assert merge3(ours, base, theirs, LABELS) == expected


def test_the_table_has_conflicts_and_clean_merges(tmp_path):
    counts = {case: _git_merge(tmp_path, *CASES[case])[1] for case in CASES}
    assert counts["one value changed differently"] == 1
    assert counts["two conflicts close together are one"] == 1
    assert counts["both, far apart"] == 0
    assert sum(1 for n in counts.values() if n) >= 6


def test_a_folder_copy_updates_without_git(run, tmp_path, no_git):
    upstream = tmp_path / "gera"
    shutil.copytree(GERA, upstream)
    copy = tmp_path / "musterstadt"
    adopted = run("adopt", upstream, "--into", copy, "--city", "Musterstadt", "--set", "city.state=DE-BY")
    assert adopted.exit_code == 0, adopted.stderr
    path = copy / "blueprint.yaml"
    path.write_text(
        replace_once("spatial_impact: city\n", "spatial_impact: district\n")(path.read_text("utf-8")), "utf-8"
    )
    blueprint = upstream / "blueprint.yaml"
    blueprint.write_text(
        _edit(
            blueprint.read_text("utf-8"),
            ("spatial_impact: city\n", "spatial_impact: region\n"),
            ("    person_days: 60\n", "    person_days: 75\n"),
            ("version: 1.0.0\n", "version: 1.1.0\n"),
        ),
        "utf-8",
    )

    status = run("status", copy)
    assert status.exit_code == 1
    assert "  upstream: changed (now version 1.1.0); run 'kltransfer update'\n" in status.stdout

    conflict = run("update", copy)
    assert conflict.exit_code == 1
    text = path.read_text("utf-8")
    assert "<<<<<<< lokal\nspatial_impact: district\n=======\nspatial_impact: region\n>>>>>>> Ursprung 1.1.0\n" in text
    assert "    person_days: 75\n" in text
    assert "  spatial_impact changed on both sides: local district, upstream region\n" in conflict.stderr

    settled = run("update", copy, "--take", "local", "spatial_impact")
    assert settled.exit_code == 0, settled.stderr
    data = yaml.safe_load(path.read_text("utf-8"))
    assert (data["spatial_impact"], data["transfer"]["effort"]["person_days"]) == ("district", 75)
    assert data["origin"]["version"] == "1.1.0"
    assert run("status", copy).exit_code == 0
