"""Regressions from a sweep of bad and edge inputs: every one crashed, hung or misled before.

Each test runs the CLI like a user would and pins the exit code and the message.
"""

from __future__ import annotations

import concurrent.futures
import os
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLES

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes (POSIX)")
INTERNAL = "internal error"


@pytest.fixture
def gera(tmp_path: Path) -> Path:
    """A copy of one example blueprint folder, under a name with a space and an umlaut."""
    target = tmp_path / "mein Projekt ü" / "gera-open-data-portal"
    shutil.copytree(EXAMPLES / "gera-open-data-portal", target)
    return target


@pytest.fixture
def a_file(tmp_path: Path) -> Path:
    path = tmp_path / "a-file"
    path.write_text("just text\n", encoding="utf-8")
    return path


def _no_crash(result: Any) -> None:
    assert INTERNAL not in result.stderr
    assert "Traceback" not in result.stderr


# --- loader / validate ------------------------------------------------------------------


def test_an_integer_too_long_for_python_is_a_finding(run, tree) -> None:
    root = tree({"blueprint.yaml": 'kltransfer: "1.1"\nbudget: ' + "9" * 5000 + "\n"})
    result = run("validate", root / "blueprint.yaml")
    _no_crash(result)
    assert result.exit_code == 1
    assert "blueprint.yaml:2:9: error KT002 budget: the number has 5,000 characters, more than the 100" in result.stdout


def test_a_hex_integer_too_long_to_print_is_a_finding(run, tree) -> None:
    root = tree({"blueprint.yaml": 'kltransfer: "1.1"\nbudget: 0x' + "f" * 5000 + "\n"})
    result = run("validate", root / "blueprint.yaml")
    _no_crash(result)
    assert result.exit_code == 1
    assert "error KT002 budget: the number has 5,002 characters" in result.stdout


def test_a_huge_max_bytes_is_a_limit_not_an_allocation(run, gera: Path) -> None:
    result = run("validate", "--max-bytes", "99999999999999999999999", gera)
    _no_crash(result)
    assert result.exit_code == 0, result.stderr


def test_jobs_never_start_more_workers_than_files(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[int] = []

    class InlinePool:
        def __init__(self, max_workers: int, **_: Any) -> None:
            started.append(max_workers)

        def __enter__(self) -> InlinePool:
            return self

        def __exit__(self, *_: object) -> None:
            return None

        def map(self, fn: Any, items: Iterable[Any], chunksize: int = 1) -> list[Any]:
            return [fn(item) for item in items]

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", InlinePool)
    root = tmp_path / "many"
    for i in range(3):
        shutil.copytree(EXAMPLES / "gera-open-data-portal", root / f"b{i}")
    result = run("validate", "-j", "5000", root)
    assert result.exit_code == 0, result.stderr
    assert started == [3]


# --- list ------------------------------------------------------------------------------


def test_list_refuses_an_unknown_language(run, gera: Path) -> None:
    result = run("list", "--lang", "fr", gera)
    assert result.exit_code == 2
    assert "error KT900: unknown language 'fr'" in result.stderr
    assert result.stdout == ""


def test_list_numeric_filter_needs_a_number(run, gera: Path) -> None:
    result = run("list", "--where", "costs.investment.total>abc", gera)
    assert result.exit_code == 2
    assert "'abc' in the filter 'costs.investment.total>abc' is not a number; > compares numbers" in result.stderr


def test_list_unknown_field_hint_names_each_field_once(run, gera: Path) -> None:
    result = run("list", "--where", "zzz.q=1", gera)
    assert result.exit_code == 2
    assert "fields: adopters, awards, citations, cities, city, city_size, components," in result.stderr
    hint = result.stderr.split("fields: ", 1)[1].strip().split(", ")
    assert len(hint) == len(set(hint))


# --- new -------------------------------------------------------------------------------


def test_new_below_a_file_is_an_output_error(run, a_file: Path) -> None:
    result = run("new", "--no-input", a_file / "sub")
    _no_crash(result)
    assert result.exit_code == 2
    reason = "a part of the path is not a folder"
    assert f"error KT904: cannot create the folder '{a_file / 'sub'}': {reason}" in result.stderr


@needs_fifo
def test_new_answers_from_a_fifo_do_not_hang(run, tmp_path: Path) -> None:
    fifo = tmp_path / "answers.yaml"
    os.mkfifo(fifo)
    result = run("new", "--no-input", "--answers", fifo, tmp_path / "bp")
    assert result.exit_code == 2
    assert f"error KT902: the answers file {fifo} is not a regular file" in result.stderr
    assert not (tmp_path / "bp").exists()


def test_new_answers_with_a_huge_integer(run, tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("title: " + "9" * 5000 + "\n", encoding="utf-8")
    result = run("new", "--no-input", "--answers", answers, tmp_path / "bp")
    _no_crash(result)
    assert result.exit_code == 2
    assert f"error KT902: the answers file {answers} is not valid YAML" in result.stderr


def test_new_next_step_quotes_a_path_with_spaces(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("new", "--no-input", "--ci", "none", "mein Projekt")
    assert result.exit_code == 0, result.stderr
    assert "then run: kltransfer validate --strict 'mein Projekt'" in result.stderr


# --- export ----------------------------------------------------------------------------


def test_export_out_below_a_file_is_refused(run, gera: Path, a_file: Path) -> None:
    result = run("export", "-o", a_file / "sub", gera)
    _no_crash(result)
    assert result.exit_code == 2
    reason = "a part of the path is not a folder"
    assert f"error KT904: cannot create the folder '{a_file / 'sub'}': {reason}: '{a_file}'" in result.stderr


def test_export_theme_that_is_a_file(run, gera: Path, a_file: Path, tmp_path: Path) -> None:
    result = run("export", "-o", tmp_path / "out", "--theme", a_file, gera)
    assert result.exit_code == 2
    assert f"error KT910: the theme folder '{a_file}' is not a folder" in result.stderr


# --- adopt / status / update -------------------------------------------------------------


def test_adopt_into_a_path_below_a_file(run, gera: Path, a_file: Path) -> None:
    result = run("adopt", gera, "--into", a_file / "sub")
    _no_crash(result)
    assert result.exit_code == 2
    reason = "a part of the path is not a folder"
    assert f"error KT904: cannot create the folder '{a_file / 'sub'}': {reason}" in result.stderr


def test_git_failure_names_the_cause_not_the_boilerplate(run, tmp_path: Path) -> None:
    missing = (tmp_path / "missing.git").as_uri()
    result = run("adopt", missing, "--into", tmp_path / "copy")
    assert result.exit_code == 2
    assert "git clone failed: fatal: " in result.stderr
    assert "does not appear to be a git repository" in result.stderr


@needs_fifo
@pytest.mark.parametrize("command", ["status", "update"])
def test_status_and_update_do_not_hang_on_a_fifo(run, tmp_path: Path, command: str) -> None:
    fifo = tmp_path / "blueprint.yaml"
    os.mkfifo(fifo)
    result = run(command, tmp_path)
    assert result.exit_code == 2
    assert "no adopted blueprint (one with an origin) found in" in result.stderr
    assert "not a regular file" in result.stderr


@pytest.mark.parametrize("command", ["status", "update"])
def test_a_broken_adoption_record_is_named(run, gera: Path, tmp_path: Path, command: str) -> None:
    copy = tmp_path / "copy"
    assert run("adopt", gera, "--into", copy).exit_code == 0
    (copy / ".kltransfer" / "adoption.json").write_text("{", encoding="utf-8")
    result = run(command, copy)
    assert result.exit_code == 2
    assert "1 file skipped, because: cannot read" in result.stderr
    assert "adoption.json" in result.stderr
    assert "hint: adopt the blueprint again with --force" in result.stderr


# --- diff ------------------------------------------------------------------------------


def test_diff_accepts_blueprint_folders(run, gera: Path) -> None:
    result = run("diff", gera, gera / "blueprint.yaml")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""


def test_diff_reports_the_first_argument_first(run, gera: Path, tmp_path: Path) -> None:
    result = run("diff", tmp_path / "nonexist", gera)
    assert result.exit_code == 2
    assert "cannot read" in result.stderr and "nonexist" in result.stderr


def test_diff_folder_without_a_blueprint(run, gera: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run("diff", empty, gera)
    assert result.exit_code == 2
    assert f"error KT901: '{empty}' is a folder without a blueprint.yaml" in result.stderr


# --- catalog ---------------------------------------------------------------------------


@needs_fifo
def test_catalog_leaves_out_an_unreadable_file(run, gera: Path, tmp_path: Path) -> None:
    os.mkfifo(gera.parent / "blueprint.yaml")  # a FIFO beside the blueprint folder
    result = run("catalog", "build", gera.parent, "--out", tmp_path / "site")
    _no_crash(result)
    assert result.exit_code == 2  # unreadable input, as in validate; the site is still built
    assert "error KT901: cannot read the file: not a regular file" in result.stderr
    assert (tmp_path / "site" / "index.html").is_file()


def test_catalog_out_below_a_file(run, gera: Path, a_file: Path) -> None:
    result = run("catalog", "build", gera, "--out", a_file / "sub")
    _no_crash(result)
    assert result.exit_code == 2
    reason = "a part of the path is not a folder"
    assert f"error KT904: cannot create the folder '{a_file / 'sub'}': {reason}" in result.stderr


def test_conflict_markers_are_named_not_a_yaml_puzzle(run, tree) -> None:
    text = (
        'kltransfer: "1.1"\nid: demo\n<<<<<<< local\ntitle: {de: Lokal}\n=======\ntitle: {de: Neu}\n>>>>>>> upstream\n'
    )
    root = tree({"blueprint.yaml": text})
    result = run("validate", root / "blueprint.yaml")
    assert result.exit_code == 1
    assert (
        "blueprint.yaml:3:1: error KT002: the file holds unresolved merge conflict markers (<<<<<<< ======= >>>>>>>); "
        "the file could not be checked further; keep the right lines and remove the marker lines" in result.stdout
    )


def test_adopt_refuses_to_overwrite_its_own_source(run, gera: Path) -> None:
    before = (gera / "blueprint.yaml").read_bytes()
    result = run("adopt", gera, "--into", gera, "--force")
    assert result.exit_code == 2
    assert (
        f"error KT911: refusing to write there: '{gera}' is the source '{gera.resolve()}' itself; nothing was written"
    ) in result.stderr
    assert (gera / "blueprint.yaml").read_bytes() == before
    assert not (gera / ".kltransfer").exists()


@pytest.mark.parametrize(
    "command",
    [
        ("adopt", "{src}", "--into", "{out}"),
        ("catalog", "build", "{src}", "--out", "{out}"),
        ("export", "--bundle", "-o", "{out}", "{src}"),
    ],
)
def test_a_non_utf8_folder_name_is_an_input_error(run, tmp_path: Path, command: tuple[str, ...]) -> None:
    raw = os.path.join(os.fsencode(tmp_path), b"lat\xe9n")  # a Latin-1 name, as on old file shares
    try:
        os.mkdir(raw)
    except OSError:
        pytest.skip("this file system accepts only UTF-8 names")
    src = Path(os.fsdecode(raw))
    shutil.copytree(EXAMPLES / "gera-open-data-portal", src, dirs_exist_ok=True)
    out = tmp_path / "out"
    result = run(*(part.format(src=src, out=out) for part in command))
    _no_crash(result)
    assert result.exit_code == 2
    assert "lat\\udce9n" in result.stderr
    assert "is not UTF-8 text and cannot be written into the output" in result.stderr
    assert "hint: rename it to UTF-8" in result.stderr


@pytest.mark.parametrize("args", [("schema", "--version", ""), ("migrate", "--to", "")])
def test_an_empty_format_version_is_refused_not_taken_as_the_default(run, gera: Path, args: tuple[str, ...]) -> None:
    result = run(*args, *([gera] if args[0] == "migrate" else []))
    assert result.exit_code == 2
    assert "error KT900: unknown format version ''" in result.stderr
    assert result.stdout == ""


def test_a_full_disk_on_stdout_is_not_an_internal_error(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    import errno
    import io

    from kltransfer.cli.main import run as cli_run

    class FullDisk(io.StringIO):
        def write(self, text: str) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("sys.stdout", FullDisk())
    code = cli_run(["schema"])
    err = capsys.readouterr().err
    assert code == 2
    assert "kltransfer: error: cannot read or write the output: no space left on the disk" in err
    assert INTERNAL not in err


@pytest.mark.parametrize(
    ("args", "what"),
    [
        (("export", "--out", "", "--force", "{src}"), "--out"),
        (("catalog", "build", "{src}", "--out", " ", "--force"), "--out"),
        (("adopt", "{src}", "--into", "", "--force"), "--into"),
        (("new", "--no-input", "--force", ""), "the folder name"),
    ],
)
def test_an_empty_destination_is_refused_not_the_current_folder(
    run, gera: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], what: str
) -> None:
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    (cwd / "keep.txt").write_text("mine\n", encoding="utf-8")
    monkeypatch.chdir(cwd)
    result = run(*(a.format(src=gera) for a in args))
    assert result.exit_code == 2
    assert f"error KT900: {what} is empty" in result.stderr
    assert "hint: give a folder name; an unset shell variable expands to nothing" in result.stderr
    assert sorted(p.name for p in cwd.iterdir()) == ["keep.txt"]


# --- a review of the merged branches ---------------------------------------------------------


def test_a_quoted_number_too_long_for_python_is_a_finding(run, gera: Path) -> None:
    """A German-notation check wrote the corrected value with int(), which refuses over 4,300 digits."""
    text = (gera / "blueprint.yaml").read_text(encoding="utf-8")
    start = text.index("population:")
    end = text.index("\n", start)
    (gera / "blueprint.yaml").write_text(f'{text[:start]}population: "{"9" * 5000}"{text[end:]}', encoding="utf-8")
    result = run("validate", gera)
    _no_crash(result)
    assert result.exit_code == 1
    assert "KT1" in result.stdout or "KT23" in result.stdout  # the value is refused as text where a number belongs


def test_a_population_beyond_the_largest_size_class_is_a_large_city(run, gera: Path, tmp_path: Path) -> None:
    text = (gera / "blueprint.yaml").read_text(encoding="utf-8")
    start = text.index("population:")
    end = text.index("\n", start)
    (gera / "blueprint.yaml").write_text(f"{text[:start]}population: 1000000000000{text[end:]}", encoding="utf-8")
    listed = run("list", gera.parent, "--format", "json")
    _no_crash(listed)
    assert listed.exit_code == 0, listed.stderr
    assert '"city_size": "large-city"' in listed.stdout
    built = run("catalog", "build", gera.parent, "--out", tmp_path / "site")
    _no_crash(built)
    assert built.exit_code == 0, built.stderr


def test_a_link_in_a_link_text_stays_text() -> None:
    """In CommonMark an inner link wins over the outer one: the city's address would be lost."""
    from kltransfer.export.mdsafe import markdown_link

    assert markdown_link("Stadtwerke [Projekt](https://evil.example)", "https://www.kaiserslautern.de") == (
        r"[Stadtwerke \[Projekt\](https://evil.example)](https://www.kaiserslautern.de)"
    )
    assert markdown_link("Stadt *KL* <b>", "https://kl.de") == r"[Stadt \*KL\* &lt;b&gt;](https://kl.de)"
    assert (
        markdown_link("Förderung 100.000\xa0€\n gesamt", "https://kl.de")
        == "[Förderung 100.000\xa0€ gesamt](https://kl.de)"
    )


def test_a_rebuild_in_another_language_counts_the_pages_it_removed(run, tmp_path: Path) -> None:
    src = tmp_path / "src"
    for name in ("gera-open-data-portal", "ulm-digital-twin"):
        shutil.copytree(EXAMPLES / name, src / name)
    site = tmp_path / "site"
    assert run("catalog", "build", src, "--out", site).exit_code == 0
    shutil.rmtree(src / "ulm-digital-twin")
    result = run("catalog", "build", src, "--out", site, "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert "1 removed" in result.stderr
    assert not (site / "blueprints" / "ulm-digital-twin").exists()


def test_an_unreadable_blueprint_is_reported_in_the_language_of_the_messages(run, tmp_path: Path) -> None:
    folder = tmp_path / "dl"
    folder.mkdir()
    (folder / "blueprint.yaml").symlink_to(tmp_path / "nonexistent")
    result = run("export", folder, "--out", tmp_path / "o", "--lang", "de")
    _no_crash(result)
    assert "No such file" not in result.stderr
    assert "die Datei kann nicht gelesen werden: " in result.stderr
