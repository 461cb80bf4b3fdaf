"""``kltransfer fix``: certain fixes applied at their exact places, everything else kept, idempotent."""

from __future__ import annotations

import difflib
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, Result
from tests.corpus_cases import INVALID, Case

FIXABLE = [c for c in INVALID if c.fixed.is_file()]
#: Cases of the notation checks whose findings have no certain fix: fix must leave them alone.
UNCERTAIN = [c for c in INVALID if c.name.startswith("kt23") and not c.fixed.is_file()]
COMMENT = "# A small, valid blueprint: each invalid case in this corpus breaks one thing of it.\n"


def _copy(case: Case, tmp_path: Path) -> Path:
    folder = tmp_path / case.name
    shutil.copytree(case.folder, folder)
    (folder / "fixed.yaml").unlink(missing_ok=True)
    return folder / "blueprint.yaml"


def _stamp(path: Path) -> tuple[int, bytes]:
    return path.stat().st_mtime_ns, path.read_bytes()


def test_every_notation_code_has_a_fixable_case() -> None:
    fixed = {f.code for c in FIXABLE for f in c.findings}
    assert {f"KT23{i}" for i in range(9)} <= fixed
    assert "KT002" in fixed  # a value with ': ' is put in quotes


@pytest.mark.parametrize("case", FIXABLE, ids=lambda c: c.name)
def test_fix_makes_the_stated_file_which_validates_and_a_second_fix_changes_nothing(
    run: Callable[..., Result], case: Case, tmp_path: Path
) -> None:
    blueprint = _copy(case, tmp_path)
    result = run("fix", blueprint)
    assert result.exit_code == 0, result.stderr
    assert blueprint.read_bytes() == case.fixed.read_bytes()
    assert result.stdout == ""
    assert f"{blueprint}: {len(case.findings)} fix" in result.stderr
    assert (
        result.stderr.splitlines()[-1]
        == f"1 file checked: {len(case.findings)} fix{'es' if len(case.findings) > 1 else ''} applied, 0 errors left"
    )
    assert COMMENT in blueprint.read_text(encoding="utf-8")  # comments stay
    assert run("validate", blueprint).exit_code == 0
    before = _stamp(blueprint)
    again = run("fix", blueprint)
    assert again.exit_code == 0
    assert _stamp(blueprint) == before  # byte-identical, and not even rewritten
    assert again.stderr.splitlines()[-1] == "1 file checked: 0 fixes applied, 0 errors left"


@pytest.mark.parametrize("case", UNCERTAIN, ids=lambda c: c.name)
def test_fix_never_changes_a_value_it_is_not_sure_about(run: Callable[..., Result], case: Case, tmp_path: Path) -> None:
    blueprint = _copy(case, tmp_path)
    before = _stamp(blueprint)
    result = run("fix", blueprint)
    assert result.exit_code == 1
    assert _stamp(blueprint) == before
    finding = next(f for f in case.findings if f.severity == "error")
    assert f"{blueprint}:{finding.line}:{finding.column}: error {finding.code}" in result.stderr


def test_dry_run_prints_the_diff_and_writes_nothing(run: Callable[..., Result], tmp_path: Path) -> None:
    case = next(c for c in FIXABLE if c.name == "kt238-names-for-codes")
    blueprint = _copy(case, tmp_path)
    before = _stamp(blueprint)
    result = run("fix", "--dry-run", blueprint)
    assert result.exit_code == 1  # the file still holds what would be fixed
    assert _stamp(blueprint) == before
    old = case.blueprint.read_text(encoding="utf-8").splitlines(keepends=True)
    new = case.fixed.read_text(encoding="utf-8").splitlines(keepends=True)
    assert result.stdout == "".join(difflib.unified_diff(old, new, str(blueprint), str(blueprint)))
    assert "-  state: Rheinland-Pfalz\n+  state: DE-RP\n" in result.stdout
    assert f"{blueprint}: 5 fixes to apply (KT238)" in result.stderr


def test_dry_run_with_relative_paths_makes_a_patch_for_git_apply(
    run: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = next(c for c in FIXABLE if c.name == "kt230-thousands-population")
    _copy(case, tmp_path)
    monkeypatch.chdir(tmp_path)
    result = run("fix", "-n", case.name)
    assert result.stdout.startswith(f"--- a/{case.name}/blueprint.yaml\n+++ b/{case.name}/blueprint.yaml\n")


def test_windows_line_endings_stay(run: Callable[..., Result], tmp_path: Path) -> None:
    case = next(c for c in FIXABLE if c.name == "kt231-money-as-text")
    blueprint = tmp_path / "blueprint.yaml"
    blueprint.write_bytes(case.blueprint.read_bytes().replace(b"\n", b"\r\n"))
    assert run("fix", blueprint).exit_code == 0
    data = blueprint.read_bytes()
    assert data == case.fixed.read_bytes().replace(b"\n", b"\r\n")
    assert data.count(b"\n") == data.count(b"\r\n")
    before = _stamp(blueprint)
    assert run("fix", blueprint).exit_code == 0
    assert _stamp(blueprint) == before


def test_a_byte_order_mark_stays(run: Callable[..., Result], tmp_path: Path) -> None:
    case = next(c for c in FIXABLE if c.name == "kt233-german-dates")
    blueprint = tmp_path / "blueprint.yaml"
    blueprint.write_bytes(b"\xef\xbb\xbf" + case.blueprint.read_bytes())
    assert run("fix", blueprint).exit_code == 0
    assert blueprint.read_bytes() == b"\xef\xbb\xbf" + case.fixed.read_bytes()


def test_all_fixes_of_a_file_in_one_run(run: Callable[..., Result], tmp_path: Path) -> None:
    """A syntax error first (': ' in a value), then the notation behind it, in one run."""
    case = next(c for c in FIXABLE if c.name == "kt002-value-with-colon")
    blueprint = tmp_path / "blueprint.yaml"
    text = case.blueprint.read_text(encoding="utf-8")
    blueprint.write_text(text.replace("  population: 99000", "  population: 99.000  # gerundet"), encoding="utf-8")
    result = run("fix", blueprint)
    assert result.exit_code == 0, result.stderr
    assert f"{blueprint}: 2 fixes applied (KT002, KT230)" in result.stderr
    expected = case.fixed.read_text(encoding="utf-8").replace("  population: 99000", "  population: 99000  # gerundet")
    assert blueprint.read_text(encoding="utf-8") == expected


def test_findings_without_a_fix_are_reported_and_exit_1(run: Callable[..., Result], tmp_path: Path) -> None:
    case = next(c for c in INVALID if c.name == "kt104-phase-p6")
    blueprint = _copy(case, tmp_path)
    text = blueprint.read_text(encoding="utf-8").replace("  population: 99000", "  population: 99.000")
    blueprint.write_text(text, encoding="utf-8")
    result = run("fix", blueprint)
    assert result.exit_code == 1
    assert "  population: 99000\n" in blueprint.read_text(encoding="utf-8")
    assert "phase: P6" in blueprint.read_text(encoding="utf-8")
    assert f"{blueprint}:16:8: error KT104 phase:" in result.stderr
    assert result.stderr.splitlines()[-1] == "1 file checked: 1 fix applied, 1 error left"


def test_valid_files_are_not_touched(run: Callable[..., Result], tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    files = sorted((tmp_path / "examples").rglob("blueprint.yaml"))
    before = [_stamp(f) for f in files]
    result = run("fix", tmp_path / "examples")
    assert result.exit_code == 0
    assert [_stamp(f) for f in files] == before
    assert result.stderr.splitlines()[-1] == f"{len(files)} files checked: 0 fixes applied, 0 errors left"


def test_a_syntax_error_without_a_certain_fix_stays(run: Callable[..., Result], tmp_path: Path) -> None:
    case = next(c for c in INVALID if c.name == "kt002-unclosed-bracket")
    blueprint = _copy(case, tmp_path)
    before = _stamp(blueprint)
    assert run("fix", blueprint).exit_code == 1
    assert _stamp(blueprint) == before


def test_never_through_a_link_to_outside_the_folder(run: Callable[..., Result], tmp_path: Path) -> None:
    case = next(c for c in FIXABLE if c.name == "kt230-thousands-population")
    outside = tmp_path / "elsewhere.yaml"
    shutil.copyfile(case.blueprint, outside)
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / "blueprint.yaml").symlink_to(outside)
    before = _stamp(outside)
    result = run("fix", folder)
    assert result.exit_code == 1
    assert _stamp(outside) == before
    assert (folder / "blueprint.yaml").is_symlink()
    assert (
        f"not written: '{folder / 'blueprint.yaml'}' is a symbolic link to '{outside}', which is not a file "
        "in its folder; kltransfer does not change files through such a link"
    ) in result.stderr


def test_through_a_link_inside_the_folder_the_file_is_fixed_and_the_link_stays(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    case = next(c for c in FIXABLE if c.name == "kt230-thousands-population")
    folder = tmp_path / "project"
    folder.mkdir()
    shutil.copyfile(case.blueprint, folder / "real.yaml")
    (folder / "blueprint.yaml").symlink_to("real.yaml")
    assert run("fix", folder).exit_code == 0
    assert (folder / "blueprint.yaml").is_symlink()
    assert (folder / "real.yaml").read_bytes() == case.fixed.read_bytes()


def test_the_configuration_decides_what_is_fixed(run: Callable[..., Result], tmp_path: Path) -> None:
    """An ignored code is neither reported nor fixed (as in validate, the value is then left unreported)."""
    case = next(c for c in FIXABLE if c.name == "kt230-thousands-population")
    blueprint = _copy(case, tmp_path)
    config = tmp_path / ".kltransfer.yaml"
    config.write_text("ignore: [KT230]\n", encoding="utf-8")
    before = _stamp(blueprint)
    result = run("fix", "--config", config, blueprint)
    assert _stamp(blueprint) == before
    assert result.exit_code == 0
    assert result.stderr == "1 file checked: 0 fixes applied, 0 errors left\n"


def test_missing_paths_exit_2(run: Callable[..., Result], tmp_path: Path) -> None:
    result = run("fix", tmp_path / "nothing-here")
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def test_a_file_that_cannot_be_read_exits_2(run: Callable[..., Result], tmp_path: Path) -> None:
    fifo = tmp_path / "blueprint.yaml"
    os.mkfifo(fifo)  # not a regular file: never opened, never blocks
    result = run("fix", fifo)
    assert result.exit_code == 2
    assert f"{fifo}: error KT901: cannot read the file: not a regular file" in result.stderr


def test_fix_speaks_german(run: Callable[..., Result], tmp_path: Path) -> None:
    case = next(c for c in FIXABLE if c.name == "kt235-yes-no-words")
    blueprint = _copy(case, tmp_path)
    result = run("fix", blueprint, env={"LANG": "de_DE.UTF-8"})
    assert result.exit_code == 0
    assert f"{blueprint}: 4 Korrekturen angewendet (KT235)" in result.stderr
    assert result.stderr.splitlines()[-1] == "1 Datei geprüft: 4 Korrekturen angewendet, 0 Fehler bleiben"


def test_fix_help_in_both_languages() -> None:
    """Help texts are translated when the command modules are imported: a fresh process per language."""
    import subprocess
    import sys

    def helped(lang: str) -> str:
        env = {**os.environ, "LANG": lang, "LANGUAGE": "", "COLUMNS": "200"}
        out = subprocess.run(
            [sys.executable, "-m", "kltransfer", "fix", "--help"], capture_output=True, text=True, env=env, check=True
        )
        return out.stdout

    assert "Wendet die sicheren Korrekturen von Meldungen auf Blueprints an" in helped("de_DE.UTF-8")
    assert "Apply the certain fixes of findings to blueprints, in place." in helped("C.UTF-8")
