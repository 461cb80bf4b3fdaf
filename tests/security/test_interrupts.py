"""Promise 4: all or nothing, also when killed.

Real subprocesses of ``kltransfer export`` and ``kltransfer catalog build`` over 520 generated
blueprints are killed with SIGKILL while rendering and at each step of the switch (reached
exactly through the test-only hook ``KLTRANSFER_TEST_PAUSE``, see
:mod:`kltransfer.destination.switch`). Afterwards the destination is compared, byte for byte
(links not followed), with the previous output or with the complete new one built elsewhere;
then the next run into it removes what the killed run left beside it. A full disk (a small
tmpfs) and two runs at once end the same way.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.security.helpers import generate, snapshot

pytestmark = pytest.mark.slow

COUNT = 520
TIMEOUT = 600.0

#: kind -> (the arguments of a run into ``out`` in ``lang``, the manifest, the command name)
COMMANDS: dict[str, tuple[Callable[[Path, Path, str], list[str]], str, str]] = {
    "export": (
        lambda src, out, lang: ["export", str(src), "--out", str(out), "-f", "html", "--lang", lang],
        ".kltransfer-export.json",
        "export",
    ),
    "catalog": (
        lambda src, out, lang: ["catalog", "build", str(src), "--out", str(out), "--lang", lang],
        ".kltransfer-catalog.json",
        "catalog build",
    ),
}


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KLTRANSFER_TEST_")}
    env.update({"LANG": "C.UTF-8", "NO_COLOR": "1"}, **extra)
    env.pop("LC_ALL", None)
    return env


def _start(args: list[str], **extra: str) -> subprocess.Popen[bytes]:
    """Start a run; its messages go to a file (``proc.log``), so no pipe is left open or fills up."""
    with tempfile.NamedTemporaryFile(prefix="kltransfer-run-", suffix=".log", delete=False) as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "kltransfer", *args],
            env=_env(**extra),
            stdout=subprocess.DEVNULL,
            stderr=log,
            start_new_session=True,  # its workers share its process group: the test can wait for them all
        )
    proc.log = Path(log.name)  # type: ignore[attr-defined]
    return proc


def _run(args: list[str], **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kltransfer", *args],
        env=_env(**extra),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


def _kill(proc: subprocess.Popen[bytes]) -> None:
    """SIGKILL the run itself (as the kernel's OOM killer or ``kill -9 PID`` would), then wait until
    its orphaned workers are gone too (killing them if they linger), so nothing writes any more."""
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    proc.log.unlink(missing_ok=True)  # type: ignore[attr-defined]
    deadline = time.monotonic() + 60
    while True:
        try:
            os.killpg(proc.pid, 0)
        except ProcessLookupError:
            return
        if time.monotonic() > deadline:
            os.killpg(proc.pid, signal.SIGKILL)
        time.sleep(0.1)


def _finish(proc: subprocess.Popen[bytes]) -> int:
    """Wait for a run to end by itself; its exit code."""
    code = proc.wait(timeout=TIMEOUT)
    proc.log.unlink(missing_ok=True)  # type: ignore[attr-defined]
    return code


def _staged(dest: Path) -> int:
    """How many pages the run has rendered into its staging folder so far."""
    count = 0
    for staging in dest.parent.glob(f".{dest.name}.kltransfer-*"):
        try:
            count += sum(1 for _ in staging.rglob("index.html"))
        except OSError:  # a folder renamed while looked at
            pass
    return count


def _wait(proc: subprocess.Popen[bytes], ready: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not ready():
        if proc.poll() is not None:
            pytest.fail(f"the run ended before {what}: {proc.log.read_text('utf-8')}")  # type: ignore[attr-defined]
        if time.monotonic() > deadline:
            _kill(proc)
            pytest.fail(f"{what} was never reached")
        time.sleep(0.05)


def _beside(dest: Path) -> list[str]:
    """What a run leaves beside the destination: staging folders, an old tree, the lock file."""
    return sorted(p.name for p in dest.parent.iterdir() if p.name.startswith(f".{dest.name}."))


def _recover(dest: Path, kind: str) -> str:
    """What the next run does first, alone: finish or undo the killed run (through the library)."""
    from kltransfer.destination.tree import OutputTree

    _args, manifest, command = COMMANDS[kind]
    stage = OutputTree(dest, command=command, manifest=manifest).begin()
    stage.close()
    return stage.written.recovered


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    generate(root / "src", COUNT)
    return root / "src"


@pytest.mark.parametrize("kind", list(COMMANDS))
def test_a_killed_run_leaves_the_previous_output_or_the_complete_new_one(corpus, tmp_path, kind) -> None:
    args = COMMANDS[kind][0]
    dest = tmp_path / "out"
    assert _run(args(corpus, dest, "de")).returncode == 0
    previous = snapshot(dest)
    pristine = tmp_path / "pristine"
    shutil.copytree(dest, pristine, symlinks=True)
    reference = tmp_path / "reference"
    assert _run(args(corpus, reference, "en")).returncode == 0
    new = snapshot(reference)
    assert new != previous and len(previous) > 3 * COUNT
    flag = tmp_path / "paused"
    kills = 0

    # killed before the switch: the previous output, byte for byte; the next run removes the rest
    for moment in ("rendering:40", "rendering:300", "before-carry", "before-switch"):
        flag.unlink(missing_ok=True)
        point, _sep, pages = moment.partition(":")
        if pages:
            proc = _start(args(corpus, dest, "en"))
            _wait(proc, lambda: _staged(dest) >= int(pages), moment)  # noqa: B023
        else:
            proc = _start(args(corpus, dest, "en"), KLTRANSFER_TEST_PAUSE=f"{point}:{flag}")
            _wait(proc, flag.exists, moment)
        _kill(proc)
        kills += 1
        assert snapshot(dest) == previous, moment
        assert _beside(dest), moment  # the killed run's staging folder and lock file are still there
        assert _recover(dest, kind) == "undone", moment
        assert _beside(dest) == [], moment
        assert snapshot(dest) == previous, moment

    # killed right after the switch: the complete new output; the next run cleans up the old tree
    flag.unlink(missing_ok=True)
    proc = _start(args(corpus, dest, "en"), KLTRANSFER_TEST_PAUSE=f"after-switch:{flag}")
    _wait(proc, flag.exists, "after-switch")
    _kill(proc)
    kills += 1
    assert snapshot(dest) == new
    assert _recover(dest, kind) == "finished"
    assert _beside(dest) == []
    assert snapshot(dest) == new

    # where the file system cannot exchange two folders: killed between the two renames, the
    # destination is briefly missing; the next run completes the switch
    shutil.rmtree(dest)
    shutil.copytree(pristine, dest, symlinks=True)
    flag.unlink(missing_ok=True)
    proc = _start(
        args(corpus, dest, "en"), KLTRANSFER_TEST_PAUSE=f"between-renames:{flag}", KLTRANSFER_TEST_NO_EXCHANGE="1"
    )
    _wait(proc, flag.exists, "between-renames")
    _kill(proc)
    kills += 1
    assert not os.path.lexists(dest)
    assert _recover(dest, kind) == "finished"
    assert _beside(dest) == []
    assert snapshot(dest) == new

    # and after all that, an ordinary run writes the previous output again, byte for byte
    assert _run(args(corpus, dest, "de")).returncode == 0
    assert snapshot(dest) == previous
    assert _beside(dest) == []
    assert kills == 6


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("small")
    generate(root / "src", 40)
    return root / "src"


def _catalog_and_reference(small: Path, tmp_path: Path) -> tuple[Callable[[Path, Path, str], list[str]], Path, Path]:
    """The catalog command, its destination, and the site it writes in English, built elsewhere."""
    args = COMMANDS["catalog"][0]
    reference = tmp_path / "reference"
    assert _run(args(small, reference, "en")).returncode == 0
    return args, tmp_path / "site", reference


def test_a_second_run_waits_a_bounded_time_then_refuses(small, tmp_path) -> None:
    args, dest, reference = _catalog_and_reference(small, tmp_path)
    flag = tmp_path / "paused"
    first = _start(
        args(small, dest, "en"), KLTRANSFER_TEST_PAUSE=f"before-switch:{flag}", KLTRANSFER_TEST_PAUSE_SECONDS="6"
    )
    _wait(first, flag.exists, "before-switch")

    started = time.monotonic()
    second = _run(args(small, dest, "en"), KLTRANSFER_LOCK_WAIT="1")

    assert second.returncode == 2
    assert time.monotonic() - started < 5
    assert second.stderr == (
        f"kltransfer: error KT915: another kltransfer run is writing into '{dest}'\n"
        f"  hint: wait until it has finished and run again; if no other run is active, remove "
        f"'{tmp_path / '.site.kltransfer-lock'}'\n"
    )
    assert _finish(first) == 0
    assert snapshot(dest) == snapshot(reference)  # one whole site: the first run's
    assert _beside(dest) == []


def test_a_second_run_waits_for_the_first_and_the_site_is_whole(small, tmp_path) -> None:
    args, dest, reference = _catalog_and_reference(small, tmp_path)
    lock = tmp_path / ".site.kltransfer-lock"
    first = _start(args(small, dest, "de"))
    _wait(first, lock.exists, "the first run's lock")
    second = _start(args(small, dest, "en"))

    assert _finish(first) == 0
    assert _finish(second) == 0
    assert snapshot(dest) == snapshot(reference)  # the second ran after the first, on a whole site
    assert _beside(dest) == []


@pytest.fixture
def tmpfs(tmp_path: Path):
    """A small file system of ``size`` bytes (``mount -t tmpfs``), unmounted afterwards."""
    mounted: list[Path] = []

    def mount(size: int) -> Path:
        point = tmp_path / f"disk{len(mounted)}"
        point.mkdir()
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(point)], capture_output=True, check=False
        )
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here (needs root): {done.stderr.decode().strip()}")
        mounted.append(point)
        return point

    yield mount
    for point in mounted:
        subprocess.run(["umount", str(point)], check=False)


def _used(path: Path) -> int:
    """Bytes the files below ``path`` occupy on disk."""
    return sum(p.lstat().st_blocks * 512 for p in path.rglob("*")) + 4096


@pytest.mark.parametrize("kind", list(COMMANDS))
def test_a_full_disk_leaves_the_previous_output_and_frees_its_space(small, tmp_path, tmpfs, kind) -> None:
    args = COMMANDS[kind][0]
    extra = ["--bundle"] if kind == "export" else []
    sizes = tmp_path / "sizes"
    assert _run(args(small, sizes / "old", "de")).returncode == 0
    assert _run([*args(small, sizes / "new", "en"), *extra]).returncode == 0
    disk = tmpfs(_used(sizes / "old") + _used(sizes / "new") // 2)
    dest = disk / "site"
    assert _run(args(small, dest, "de")).returncode == 0
    previous = snapshot(dest)
    free = os.statvfs(disk).f_bfree

    result = _run([*args(small, dest, "en"), *extra])

    assert result.returncode == 2
    assert "no space left on the disk" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(dest) == previous
    assert _beside(dest) == []
    assert os.statvfs(disk).f_bfree == free
