"""docs/de/leitfaden.md runs as shown: every command of the guide, in order, with the output it shows.

The guide marks what this test reads:

- a ```console block holds commands after ``$ `` and, below each, the output the guide shows
  (stdout and stderr together, as a terminal shows them). Each command runs as a real
  subprocess of the installed ``kltransfer`` in one temporary working folder that holds a
  copy of the repository's ``examples/``; ``cd DIR`` changes that folder for the commands
  after it. ```sh blocks (installation) are shown to the reader and not run.
- ``<!-- leitfaden: exit N -->`` before a console block: its commands exit with N (else 0).
- ``<!-- leitfaden: pdf -->`` before a console block: it needs WeasyPrint and Pango; without
  them the block is skipped (and the test fails where KLTRANSFER_REQUIRE_PDF is set).
- ``<!-- leitfaden: einsetzen in FILE -->`` before a ```yaml block: the reader's edit. Each
  line ``<indent>key: value`` replaces the first line of FILE with the same indentation and
  key whose value is still a ``"TODO: …"`` placeholder.

The comparison is exact after this normalisation, on both sides where it says so:
trailing spaces of each line are dropped; the temporary working folder in the real output
reads ``…``; today's date in the real output reads ``JJJJ-MM-TT``; ``kltransfer X.Y.Z``
reads ``kltransfer VERSION`` on both sides (the guide shows a real version that may be
older); a line ``[…]`` in the guide stands for any number of lines (long lists of TODO
warnings); the progress lines an export writes into a log when it runs longer than five
seconds (``Erzeugung: 1 von 1 Blueprint fertig``: they come only on a slow or busy machine,
so the guide shows none) are dropped from the real output. The commands run with
LANG=de_DE.UTF-8, NO_COLOR, without CI variables (which would change the report format) and
unbuffered, so stdout and stderr interleave as on a terminal.
"""

from __future__ import annotations

import datetime
import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import ROOT

GUIDE = ROOT / "docs" / "de" / "leitfaden.md"
KLTRANSFER = Path(sys.executable).parent / "kltransfer"
MARK = re.compile(r"^<!-- leitfaden: (?P<what>.+?) -->$")
FENCE = re.compile(r"^```(?P<lang>\w*)$")
VERSION = re.compile(r"\bkltransfer \d+\.\d+\.\d+\S*")
ELLIPSIS = "[…]"


@dataclass
class Step:
    kind: str  # "console" or "edit"
    line: int  # of the block's first line in the guide
    marks: list[str] = field(default_factory=list)
    commands: list[tuple[str, list[str]]] = field(default_factory=list)  # (command, expected lines)
    target: str = ""
    lines: list[str] = field(default_factory=list)


def parse(text: str) -> list[Step]:
    steps: list[Step] = []
    marks: list[str] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        mark, fence = MARK.match(lines[i]), FENCE.match(lines[i])
        if mark:
            marks.append(mark.group("what"))
        elif fence and fence.group("lang"):
            end = lines.index("```", i + 1)
            body = lines[i + 1 : end]
            edit = next((m for m in marks if m.startswith("einsetzen in ")), None)
            if fence.group("lang") == "console":
                step = Step("console", i + 1, marks)
                for row in body:
                    if row.startswith("$ "):
                        step.commands.append((row[2:], []))
                    else:
                        assert step.commands, f"leitfaden.md:{i + 1}: output before the first '$ ' command"
                        step.commands[-1][1].append(row)
                steps.append(step)
            elif edit is not None:
                steps.append(Step("edit", i + 1, marks, target=edit.removeprefix("einsetzen in "), lines=body))
            marks = []
            i = end
        elif lines[i].strip():
            marks = []
        i += 1
    return steps


#: the progress lines of kltransfer/cli/export_cmd.py in a log, in German (see the module's text)
PROGRESS = re.compile(r"(Einlesen|Erzeugung|Ablegen im Ausgabeordner): ")


def normalise(text: str, *, workdir: Path | None = None) -> list[str]:
    if workdir is not None:
        for form in {str(workdir), str(workdir.resolve())}:
            text = text.replace(form, "…")
        text = text.replace(datetime.date.today().isoformat(), "JJJJ-MM-TT")
    text = VERSION.sub("kltransfer VERSION", text)
    lines = [line.rstrip() for line in text.splitlines()]
    return lines if workdir is None else [line for line in lines if not PROGRESS.match(line)]


def matches(expected: list[str], actual: list[str]) -> bool:
    """Exact line by line, where a line ``[…]`` stands for any number of lines."""
    if not expected:
        return not actual
    if expected[0] == ELLIPSIS:
        return any(matches(expected[1:], actual[k:]) for k in range(len(actual) + 1))
    return bool(actual) and expected[0] == actual[0] and matches(expected[1:], actual[1:])


def environment(home: Path) -> dict[str, str]:
    drop = ("LC_", "LANGUAGE", "KLTRANSFER_", "GITHUB_", "GITLAB_", "CI", "FORCE_COLOR", "COLUMNS")
    env = {k: v for k, v in os.environ.items() if not k.startswith(drop)}
    env.update(
        LANG="de_DE.UTF-8", NO_COLOR="1", PYTHONUNBUFFERED="1", HOME=str(home), XDG_CACHE_HOME=str(home / "cache")
    )
    return env


def apply_edit(path: Path, lines: list[str], where: str) -> None:
    text = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for new in lines:
        key = re.match(r"^(\s*(?:- )?[\w.]+:)", new)
        assert key, f"{where}: '{new}' is not a line 'key: value'"
        for number, old in enumerate(text):
            if old.startswith(key.group(1) + ' "TODO'):
                text[number] = new + "\n"
                break
        else:
            raise AssertionError(f"{where}: {path.name} has no TODO line for '{key.group(1)}'")
    path.write_text("".join(text), encoding="utf-8")


def pdf_available() -> bool:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


def test_the_guide_marks_what_it_shows() -> None:
    steps = parse(GUIDE.read_text(encoding="utf-8"))
    commands = [c for s in steps if s.kind == "console" for c, _ in s.commands]
    for name in ("new", "validate", "fix", "check", "export", "adopt", "status", "update"):
        assert any(c.startswith(f"kltransfer {name} ") for c in commands), f"the guide never runs 'kltransfer {name}'"
    assert any(s.kind == "edit" for s in steps)


def test_matching_allows_only_the_documented_gaps() -> None:
    assert matches(["a", ELLIPSIS, "z"], ["a", "b", "c", "z"])
    assert matches(["a", ELLIPSIS, "z"], ["a", "z"])
    assert not matches(["a", ELLIPSIS, "z"], ["a", "b", "y"])
    assert not matches(["a", "b"], ["a", "b", "c"])
    assert normalise("kltransfer 9.8.7\n") == normalise("kltransfer 0.2.0  \n")
    slow = "Erzeugung: 1 von 1 Blueprint fertig\nx exportiert: …/a.pdf\nErzeugung fertig\n"
    assert normalise(slow, workdir=Path("/nirgends")) == ["x exportiert: …/a.pdf", "Erzeugung fertig"]


def test_every_command_of_the_guide_runs_as_shown(tmp_path: Path) -> None:
    work = tmp_path / "arbeit"
    shutil.copytree(ROOT / "examples", work / "examples")
    env = environment(tmp_path)
    cwd = work
    ran = 0
    for step in parse(GUIDE.read_text(encoding="utf-8")):
        where = f"docs/de/leitfaden.md:{step.line}"
        if step.kind == "edit":
            apply_edit(cwd / step.target, step.lines, where)
            continue
        if "pdf" in step.marks and not pdf_available():
            if os.environ.get("KLTRANSFER_REQUIRE_PDF"):
                pytest.fail(f"{where}: the PDF export needs WeasyPrint and Pango")
            continue
        exit_code = next((int(m.split()[1]) for m in step.marks if m.startswith("exit ")), 0)
        for command, expected in step.commands:
            argv = shlex.split(command)
            if argv[0] == "cd":
                cwd = (cwd / argv[1]).resolve()
                continue
            assert argv[0] == "kltransfer", f"{where}: only kltransfer and cd run here, not {argv[0]}"
            done = subprocess.run(
                [str(KLTRANSFER), *argv[1:]],
                cwd=cwd,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                encoding="utf-8",
                check=False,
            )
            actual = normalise(done.stdout, workdir=work)
            shown = normalise("\n".join(expected))
            assert matches(shown, actual), (
                f"{where}: '$ {command}' printed something else than the guide shows:\n" + "\n".join(actual)
            )
            assert done.returncode == exit_code, f"{where}: '$ {command}' exited {done.returncode}, not {exit_code}"
            ran += 1
    assert ran >= 10
