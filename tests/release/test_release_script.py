"""scripts/release.py: version, tag, changelog and documents agree, or the release stops."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kltransfer import __version__
from tests.release.helpers import ROOT, release_script

release = release_script()

CHANGELOG = """# Changelog

## [Unreleased]

- something new

## [1.4.0] - {date}

### Added

- the thing

## [1.3.2] - 2026-01-05

### Fixed

- a bug

[1.4.0]: https://github.com/kltransfer/kltransfer/releases/tag/v1.4.0
[1.3.2]: https://github.com/kltransfer/kltransfer/releases/tag/v1.3.2
"""


def project(tmp_path: Path, version: str = "1.4.0", date: str = "2026-02-01", ci_doc: str = "") -> Path:
    (tmp_path / "kltransfer").mkdir()
    (tmp_path / "kltransfer" / "__init__.py").write_text(f'"""x"""\n\n__version__ = "{version}"\n', encoding="utf-8")
    (tmp_path / "CHANGELOG.md").write_text(CHANGELOG.format(date=date), encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "ci.md").write_text(ci_doc or "    rev: v1.4.0\n- pip install kltransfer==1.4.0\n", "utf-8")
    return tmp_path


def test_this_repository_is_consistent() -> None:
    problems, notes = release.consistency(None, None, ROOT)
    assert problems == []
    assert release.package_version(ROOT) == __version__
    assert all("no release date" in note for note in notes)


def test_a_consistent_release(tmp_path: Path) -> None:
    assert release.consistency(None, "v1.4.0", project(tmp_path)) == ([], [])


@pytest.mark.parametrize(
    "tag, message",
    [
        ("v1.4.1", "tag v1.4.1 does not match the package's version 1.4.0"),
        ("1.4.0", "tag '1.4.0' is not a version tag vMAJOR.MINOR.PATCH"),
        ("v1.4", "tag 'v1.4' is not a version tag"),
    ],
)
def test_a_tag_that_is_not_the_version_stops_the_release(tmp_path: Path, tag: str, message: str) -> None:
    problems, _ = release.consistency(None, tag, project(tmp_path))
    assert [p for p in problems if message in p]


def test_an_undated_section_is_a_note_without_a_tag_and_a_problem_with_one(tmp_path: Path) -> None:
    root = project(tmp_path, date="unreleased")
    problems, notes = release.consistency(None, None, root)
    assert problems == []
    assert notes == [
        "CHANGELOG.md: the section of 1.4.0 has no release date (## [1.4.0] - YYYY-MM-DD); a tag build needs one"
    ]
    problems, _ = release.consistency(None, "v1.4.0", root)
    assert problems == ["CHANGELOG.md: the section of 1.4.0 has no release date (## [1.4.0] - YYYY-MM-DD)"]


def test_a_version_without_a_changelog_section(tmp_path: Path) -> None:
    problems, _ = release.consistency(None, None, project(tmp_path, version="1.5.0", ci_doc="rev: v1.5.0\n"))
    assert problems == ["CHANGELOG.md has no section '## [1.5.0] - YYYY-MM-DD'"]


def test_a_document_naming_another_version(tmp_path: Path) -> None:
    root = project(tmp_path, ci_doc="one\n    rev: v1.3.2\n        additional_dependencies: ['kltransfer==1.3.2']\n")
    problems, _ = release.consistency(None, None, root)
    assert problems == [
        "docs/ci.md:2: names rev: v1.3.2, not version 1.4.0",
        "docs/ci.md:3: names kltransfer==1.3.2, not version 1.4.0",
    ]


def test_archives_must_be_one_sdist_and_one_wheel_of_the_version(tmp_path: Path) -> None:
    root = project(tmp_path)
    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / "kltransfer-1.4.0.tar.gz").write_bytes(b"")
    with pytest.raises(SystemExit, match="must hold one sdist and one wheel"):
        release.consistency(dist, None, root)
    (dist / "kltransfer-1.3.0-py3-none-any.whl").write_bytes(b"")
    (dist / "notes.txt").write_text("x", encoding="utf-8")
    held = "it holds: kltransfer-1.3.0-py3-none-any.whl, kltransfer-1.4.0.tar.gz, notes.txt"
    with pytest.raises(SystemExit, match=re.escape(held)):
        release.consistency(dist, None, root)


def test_release_notes_are_the_section_without_the_link_references(tmp_path: Path) -> None:
    sections = release.changelog_sections(CHANGELOG.format(date="2026-02-01"))
    assert [(s.version, s.date) for s in sections] == [
        ("Unreleased", None),
        ("1.4.0", "2026-02-01"),
        ("1.3.2", "2026-01-05"),
    ]
    assert sections[1].body == "### Added\n\n- the thing"
    assert sections[2].body == "### Fixed\n\n- a bug"


def test_the_time_stamp_is_the_last_commit_or_1980(tmp_path: Path) -> None:
    assert release.source_date_epoch(tmp_path) == 315532800  # not a git repository
    assert release.source_date_epoch(ROOT) > 315532800


def test_one_repository_address() -> None:
    from kltransfer.scaffold.api import REPOSITORY

    assert release.REPOSITORY == REPOSITORY == "https://github.com/kltransfer/kltransfer"
    assert f"- repo: {REPOSITORY}\n" in (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
