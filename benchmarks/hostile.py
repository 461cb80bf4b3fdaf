"""Benchmark: hostile inputs under the size caps validate in linear time (issue 11, item 4).

Generates, in a temporary folder:

- ``unknown-60k``: a blueprint with 60,000 unknown keys (about 650 KB; each one a finding),
- ``languages-1mb``: a schema-valid blueprint whose title has 50,000 language keys, each
  still a placeholder (``TODO``: each one a warning),
- ``unknown-4mib``: 190,000 unknown keys, just under the 4 MiB file cap,
- ``languages-4mib``: 190,000 language keys with placeholders, just under the cap,
- ``links``: a folder with two links to ``.``, validated as ``'t/**/blueprint.yaml'``
  (an endless walk before links to folders were left alone),

and prints, for each file, the CPU time of ``kltransfer validate`` (in a fresh process
pinned to one core, start-up included) beside parsing the same file alone with PyYAML's C
loader, and the ratio. The target is under 5 s for every case; on a shared machine the
ratio to the parse is the steadier figure.

    python benchmarks/hostile.py [--root DIR] [--timeout 60] [--case NAME ...]

``--root``: another checkout of kltransfer to measure (to compare before and after a change).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIMIT = 5.0
HEAD = (ROOT / "examples" / "berlin-giess-den-kiez" / "blueprint.yaml").read_text(encoding="utf-8")
TITLE = "title:\n  de: Gieß den Kiez – Stadtbäume gemeinsam gießen\n"


def _tags(count: int) -> list[str]:
    """``count`` distinct BCP 47 tags of the form ``de-x`` + letters (valid language keys)."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    out = []
    for i in range(count):
        word = ""
        while True:
            word = letters[i % 26] + word
            i //= 26
            if not i:
                break
        out.append("de-x" + word.rjust(4, "a"))
    return out


def unknown_keys(count: int, name: str) -> str:
    return HEAD + "".join(f"{name}{i:06d}: 1\n" for i in range(count))


def language_keys(count: int, text: str) -> str:
    return HEAD.replace(TITLE, TITLE + "".join(f"  {tag}: {text}\n" for tag in _tags(count)), 1)


def cases(tmp: Path) -> dict[str, list[str]]:
    """Each case: the arguments of ``validate``."""
    files = {
        "unknown-60k": unknown_keys(60_000, "k"),
        "languages-1mb": language_keys(50_000, "TODO T"),
        "unknown-4mib": unknown_keys(190_000, "unknown_key_"),
        "languages-4mib": language_keys(190_000, "TODO Titl"),
    }
    out: dict[str, list[str]] = {}
    for name, text in files.items():
        folder = tmp / name
        folder.mkdir()
        (folder / "blueprint.yaml").write_text(text, encoding="utf-8")
        out[name] = [str(folder / "blueprint.yaml")]
    links = tmp / "links" / "t"
    (links / "a").mkdir(parents=True)
    (links / "a" / "blueprint.yaml").write_text(HEAD, encoding="utf-8")
    (links / "l1").symlink_to(".")
    (links / "l2").symlink_to(".")
    out["links"] = [str(links) + "/**/blueprint.yaml"]
    return out


#: The CPU time (user and system) of the run: steadier than the wall time on a shared machine.
_VALIDATE = """
import os, sys
sys.path.insert(0, sys.argv[1])
from kltransfer.cli.main import run
code = run(["validate", "--format", "json", *sys.argv[2:]])
t = os.times()
print(f"{t.user + t.system:.3f} {code}", file=sys.stderr)
"""
_PARSE = """
import os, sys, yaml
before = os.times()
yaml.load(open(sys.argv[1], "rb").read(), Loader=yaml.CSafeLoader)
after = os.times()
print(f"{after.user + after.system - before.user - before.system:.3f}")
"""


def timed(args: list[str], timeout: float) -> tuple[float | None, str]:
    """Seconds of one run in a fresh process on one core (``None`` after ``timeout``), and its exit code."""
    pin = ["taskset", "-c", "0"] if _has("taskset") else []
    try:
        done = subprocess.run(
            [*pin, sys.executable, *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            env={**os.environ, "LANG": "C.UTF-8", "LANGUAGE": "", "PYTHONDONTWRITEBYTECODE": "1"},
        )
    except subprocess.TimeoutExpired:
        return None, "timeout"
    last = (done.stderr.strip().splitlines() or ["? ?"])[-1].split()
    if args[0] == "-c" and args[1] == _PARSE:
        return float(done.stdout.strip()), "-"
    try:
        return float(last[0]), last[1]
    except (ValueError, IndexError):
        return None, "failed: " + done.stderr.strip()[-300:]


def _has(tool: str) -> bool:
    from shutil import which

    return which(tool) is not None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="the kltransfer checkout to measure")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before a case counts as endless")
    parser.add_argument("--case", action="append", help="only these cases")
    args = parser.parse_args()
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for name, paths in cases(Path(tmp)).items():
            if args.case and name not in args.case:
                continue
            first = Path(paths[0])
            size = first.stat().st_size if first.is_file() else 0
            seconds, code = timed(["-c", _VALIDATE, str(args.root.resolve()), *paths], args.timeout)
            parse = timed(["-c", _PARSE, str(first)], args.timeout)[0] if size else None
            shown = f">{args.timeout:.0f} s (stopped)" if seconds is None else f"{seconds:6.2f} s CPU"
            ratio = f"ratio {seconds / parse:5.2f} to parse-only {parse:5.2f} s" if seconds and parse else ""
            print(f"{name:15} {size / 1024:7.0f} KiB  validate {shown}  exit {code}  {ratio}")
            worst = max(worst, seconds if seconds is not None else float("inf"))
    print(f"target: every case under {LIMIT:.0f} s: {'met' if worst < LIMIT else 'NOT met'} (worst {worst:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
