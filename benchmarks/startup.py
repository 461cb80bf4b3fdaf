"""Benchmark: how fast `kltransfer validate ONE_FILE` starts, against Python itself, in one run.

What an editor or a pre-commit hook runs on every save is one file through the CLI; its cost
is almost all start-up. This prints, as medians of interleaved runs (so that load from other
processes hits every command alike):

- `python -c pass` (the floor) and `python -c "import yaml"` (the parser kltransfer needs),
- `kltransfer validate ONE_FILE` with a warm schema cache and with a cold one (a fresh cache
  folder each run),
- optionally the same for other installs (``--other PYTHON``, e.g. an older checkout's venv),
- the throughput of validating many files in one process against parse-only, so that a
  start-up gain is not paid for in throughput (``-n``, default 2,000; 0 skips it).

Ratios are against `python -c pass`; absolute figures are for orientation (shared machines).

    python benchmarks/startup.py [--runs 31] [-n 2000] [--other /path/to/python ...]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "kaiserslautern-participation-platform" / "blueprint.yaml"


def wall(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    return time.perf_counter() - start


def interleaved(commands: dict[str, tuple[list[str], dict[str, str], bool]], runs: int) -> dict[str, float]:
    """Median wall time of each command; ``cold`` commands get an empty cache folder every run."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for command, env, _ in commands.values():
        wall(command, env)  # warm the file system cache and the schema cache
    for _ in range(runs):
        for name, (command, env, cold) in commands.items():
            if cold:
                cache = tempfile.mkdtemp(prefix="kltransfer-cold-")
                times[name].append(wall(command, {**env, "KLTRANSFER_CACHE_DIR": cache}))
                shutil.rmtree(cache, ignore_errors=True)
            else:
                times[name].append(wall(command, env))
    return {name: statistics.median(values) for name, values in times.items()}


def throughput(python: str, count: int) -> tuple[float, float]:
    """Files per second: parse-only and kltransfer validate in one process, on ``count`` files."""
    script = f"""
import sys, time, tempfile, shutil
from pathlib import Path
sys.path.insert(0, {str(ROOT / "benchmarks")!r})
import yaml
from validate import generate, timed, parse_only
from kltransfer.validation.validate import validate_paths
with tempfile.TemporaryDirectory() as tmp:
    files = generate(Path(tmp) / "t", {count})
    t_parse = timed(lambda: parse_only(files))
    t_val = timed(lambda: validate_paths([Path(tmp) / "t"], jobs=1))
    print(len(files) / t_parse, len(files) / t_val)
"""
    out = subprocess.run([python, "-c", script], capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), float(out[1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=31, help="runs of each command (default 31)")
    parser.add_argument("-n", type=int, default=2000, help="files for the throughput figure (0: skip)")
    parser.add_argument("--other", action="append", default=[], help="another install's python to compare")
    args = parser.parse_args()

    env = {**os.environ, "NO_COLOR": "1"}
    cache = tempfile.mkdtemp(prefix="kltransfer-warm-")
    env["KLTRANSFER_CACHE_DIR"] = cache
    python = sys.executable
    pythons = {"this": python, **{f"other{i + 1}": p for i, p in enumerate(args.other)}}
    commands: dict[str, tuple[list[str], dict[str, str], bool]] = {
        "python -c pass": ([python, "-c", "pass"], env, False),
        'python -c "import yaml"': ([python, "-c", "import yaml"], env, False),
    }
    for label, exe in pythons.items():
        validate = [exe, "-m", "kltransfer", "validate", str(EXAMPLE)]
        commands[f"validate ONE_FILE, warm cache ({label})"] = (validate, env, False)
        commands[f"validate ONE_FILE, cold cache ({label})"] = (validate, env, True)
    try:
        medians = interleaved(commands, args.runs)
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    floor = medians["python -c pass"]
    print(f"median of {args.runs} interleaved runs, {os.cpu_count()} CPUs; ratio = time / `python -c pass`")
    for name, seconds in medians.items():
        print(f"  {name:<45} {seconds * 1000:7.1f} ms   ratio {seconds / floor:5.2f}")
    warm = medians["validate ONE_FILE, warm cache (this)"]
    cold = medians["validate ONE_FILE, cold cache (this)"]
    print(f"target: warm under 80 ms: {'met' if warm < 0.080 else 'NOT met'} ({warm * 1000:.1f} ms)")
    print(f"target: cold under 250 ms: {'met' if cold < 0.250 else 'NOT met'} ({cold * 1000:.1f} ms)")
    for label in pythons:
        if label != "this":
            other = medians[f"validate ONE_FILE, warm cache ({label})"]
            print(f"  this / {label} (warm): {warm / other:.3f}")
    if args.n:
        for label, exe in pythons.items():
            parse, validate = throughput(exe, args.n)
            print(
                f"throughput ({label}), {args.n} files in one process: parse-only {parse:.0f} files/s, "
                f"validate {validate:.0f} files/s, ratio {validate / parse:.2f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
