"""The one reader of files a blueprint points to (kltransfer/references.py), tried as an attacker would.

Each hostile reference is refused with its code and reason, by the library and by `validate` (a
finding on the key's line, exit 1), and no file outside the folder is ever read. A FIFO must not
block: the tests that meet one run under an alarm.
"""

from __future__ import annotations

import os
import signal
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from kltransfer import references
from kltransfer.references import ReferenceRefused, inspect_reference, is_local, read_reference
from tests.samples import DEMO_BLUEPRINT


@pytest.fixture(autouse=True)
def no_hang() -> Iterator[None]:
    """A read that blocks (a FIFO opened without O_NONBLOCK) fails the test after 10 s instead of hanging."""

    def expired(signum: int, frame: object) -> None:
        raise TimeoutError("the reader blocked")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(10)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A blueprint folder with every kind of hostile entry beside a good file."""
    root = tmp_path / "project" / "city"
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "plan.txt").write_text("the plan\n", encoding="utf-8")
    (root / ".env").write_text("TOKEN=secret\n", encoding="utf-8")
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text("[core]\n", encoding="utf-8")
    (tmp_path / "project" / ".git").mkdir()
    (tmp_path / "project" / ".git" / "config").write_text("[remote]\n", encoding="utf-8")
    (root / "docs" / "passwd").symlink_to("/etc/passwd")
    (root / "docs" / "environ").symlink_to("/proc/self/environ")
    (root / "docs" / "gitconfig").symlink_to("../../.git/config")
    (root / "docs" / "inside.txt").symlink_to("plan.txt")
    (root / "linked").symlink_to("docs")
    os.mkfifo(root / "docs" / "pipe")
    with (root / "docs" / "huge.bin").open("wb") as fh:  # sparse: 21 MiB on paper, nothing on disk
        fh.truncate(references.DEFAULT_MAX_BYTES + 1024 * 1024)
    return root


CASES = {
    # written as in the blueprint: (code, reason, start of the message)
    "docs/passwd": ("KT212", "link", "'docs/passwd' is a symbolic link (passwd)"),
    "docs/environ": ("KT212", "link", "'docs/environ' is a symbolic link (environ)"),
    "docs/gitconfig": ("KT212", "link", "'docs/gitconfig' is a symbolic link (gitconfig)"),
    "docs/inside.txt": ("KT212", "link", "'docs/inside.txt' is a symbolic link (inside.txt)"),
    "linked/plan.txt": ("KT212", "link", "'linked/plan.txt' is a symbolic link (linked)"),
    "../../.git/config": ("KT210", "outside", "'../../.git/config' points outside the blueprint's folder ('..')"),
    "docs/../../x": ("KT210", "outside", "'docs/../../x' points outside the blueprint's folder ('..')"),
    "/etc/passwd": ("KT210", "outside", "'/etc/passwd' points outside the blueprint's folder (an absolute path)"),
    "C:/Daten/plan.pdf": ("KT210", "outside", "'C:/Daten/plan.pdf' points outside the blueprint's folder (a drive"),
    "docs\\plan.txt": ("KT210", "outside", "'docs\\plan.txt' points outside the blueprint's folder (a backslash)"),
    "docs/plan\x1b[2J.txt": ("KT210", "outside", "'docs/plan\\x1b[2J.txt' points outside"),
    ".env": ("KT211", "hidden", "'.env' is a hidden file or lies in a hidden folder (.env)"),
    ".git/config": ("KT211", "hidden", "'.git/config' is a hidden file or lies in a hidden folder (.git)"),
    "docs/pipe": ("KT213", "not-a-file", "'docs/pipe' is not a readable file: it is a named pipe (FIFO)"),
    "docs": ("KT213", "not-a-file", "'docs' is not a readable file: it is a folder"),
    "./": ("KT213", "not-a-file", "'./' is not a readable file: it is the blueprint's folder itself"),
    "docs/huge.bin": ("KT214", "too-large", "'docs/huge.bin' is larger than the limit of 20,971,520 bytes"),
    "docs/missing.pdf": ("KT208", "missing", "the file 'docs/missing.pdf' does not exist next to the blueprint"),
    "docs/plan.txt/more": ("KT208", "missing", "the file 'docs/plan.txt/more' does not exist"),
}


@pytest.mark.parametrize("written", list(CASES), ids=[repr(k) for k in CASES])
def test_every_hostile_reference_is_refused_with_its_reason(folder: Path, written: str) -> None:
    code, reason, message = CASES[written]
    with pytest.raises(ReferenceRefused) as refused:
        read_reference(folder, written)
    assert (refused.value.code, refused.value.reason, refused.value.written) == (code, reason, written)
    assert refused.value.message.startswith(message)
    assert refused.value.hint
    inspected = inspect_reference(folder, written)
    assert inspected is not None and (inspected.code, inspected.reason) == (code, reason)


def test_a_good_file_is_read_whole_and_spellings_of_the_same_path_agree(folder: Path) -> None:
    for written in ("docs/plan.txt", "./docs/plan.txt", "docs//plan.txt"):
        assert read_reference(folder, written) == b"the plan\n"
        assert inspect_reference(folder, written) is None


def test_a_device_is_not_a_file(tmp_path: Path) -> None:
    refused = inspect_reference("/dev", "null")
    assert refused is not None and (refused.code, refused.message) == (
        "KT213",
        "'null' is not a readable file: it is a device",
    )


def test_the_cap_can_be_lowered_and_is_checked_before_reading(folder: Path) -> None:
    with pytest.raises(ReferenceRefused) as refused:
        read_reference(folder, "docs/plan.txt", max_bytes=4)
    assert refused.value.message == "'docs/plan.txt' is larger than the limit of 4 bytes"


def test_a_fifo_swapped_in_after_the_check_is_caught_by_fstat_and_never_blocks(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """lstat sees a regular file, but a FIFO is what gets opened: O_NONBLOCK, then fstat refuses it."""
    regular = os.lstat(folder / "docs" / "plan.txt")
    real_lstat = os.lstat

    def lying_lstat(path: str, *, dir_fd: int | None = None) -> os.stat_result:
        return regular if path == "pipe" else real_lstat(path, dir_fd=dir_fd)

    monkeypatch.setattr(references.os, "lstat", lying_lstat)
    with pytest.raises(ReferenceRefused) as refused:
        read_reference(folder, "docs/pipe")
    assert refused.value.reason == "not-a-file"
    assert stat.S_ISFIFO(real_lstat(folder / "docs" / "pipe").st_mode)


def test_a_link_swapped_in_after_the_check_is_not_followed(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """lstat sees a regular file, but the entry is a link to /etc/passwd: O_NOFOLLOW refuses to open it."""
    regular = os.lstat(folder / "docs" / "plan.txt")
    real_lstat = os.lstat

    def lying_lstat(path: str, *, dir_fd: int | None = None) -> os.stat_result:
        return regular if path == "passwd" else real_lstat(path, dir_fd=dir_fd)

    monkeypatch.setattr(references.os, "lstat", lying_lstat)
    with pytest.raises(ReferenceRefused) as refused:
        read_reference(folder, "docs/passwd")
    assert (refused.value.code, refused.value.reason) == ("KT212", "link")


def test_a_file_that_grows_past_the_cap_while_read_is_refused(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(references, "_check_entry", lambda *a, **k: None)  # both size checks pass: it "grew" after
    with pytest.raises(ReferenceRefused) as refused:
        read_reference(folder, "docs/huge.bin", max_bytes=1024)
    assert refused.value.reason == "too-large"


@pytest.mark.parametrize(
    ("value", "local"),
    [("docs/plan.pdf", True), ("https://example.org/plan.pdf", False), ("TODO: Pfad", False), ("", False), (3, False)],
)
def test_is_local(value: object, local: bool) -> None:
    assert is_local(value) is local


# -- validate: a finding on the key's line, exit 1, nothing hangs -----------------------------------

DOCUMENTS = """\
documents:
  - title: Plan
    path: {0}
components:
  - name: Portal
    type: software
    publiccode: {1}
"""


@pytest.mark.parametrize(
    ("document", "publiccode", "expected"),
    [
        ("docs/passwd", "docs/environ", [("KT212", 22, 11), ("KT212", 26, 17)]),
        ("../../.git/config", ".env", [("KT210", 22, 11), ("KT211", 26, 17)]),
        ("docs/pipe", "docs/huge.bin", [("KT213", 22, 11), ("KT214", 26, 17)]),
        ("docs/inside.txt", "docs", [("KT212", 22, 11), ("KT213", 26, 17)]),
        ("docs/plan.txt", "docs/plan.txt/x", [("KT208", 26, 17)]),
    ],
)
def test_validate_reports_each_refusal_on_the_keys_line(
    run, folder: Path, document: str, publiccode: str, expected: list[tuple[str, int, int]]
) -> None:
    blueprint = folder / "blueprint.yaml"
    blueprint.write_text(DEMO_BLUEPRINT + DOCUMENTS.format(document, publiccode), encoding="utf-8")
    before = {p: p.lstat().st_mtime_ns for p in folder.rglob("*")}
    result = run("validate", "--format", "json", blueprint)
    assert result.exit_code == 1, result.stdout + result.stderr
    import json

    found = json.loads(result.stdout)["findings"]
    assert [(f["code"], f["line"], f["column"]) for f in found] == expected
    assert {f["key_path"] for f in found} <= {"documents[0].path", "components[0].publiccode"}
    assert all(f["path"] == str(blueprint) for f in found)
    assert {p: p.lstat().st_mtime_ns for p in folder.rglob("*")} == before


def test_validate_in_german_names_the_reason(run, folder: Path) -> None:
    blueprint = folder / "blueprint.yaml"
    blueprint.write_text(DEMO_BLUEPRINT + DOCUMENTS.format(".env", "docs/passwd"), encoding="utf-8")
    result = run("validate", blueprint, env={"LANG": "de_DE.UTF-8"})
    assert result.exit_code == 1
    assert (
        "KT211 documents[0].path: '.env' ist eine versteckte Datei oder liegt in einem versteckten Ordner (.env)"
    ) in result.stdout
    assert "KT212 components[0].publiccode: 'docs/passwd' ist eine symbolische " in (result.stdout)


def test_the_cap_is_what_adopt_takes_from_a_source() -> None:
    from kltransfer.sources.limits import MAX_FILE_BYTES

    assert references.DEFAULT_MAX_BYTES == MAX_FILE_BYTES
