"""Benchmark: `kltransfer export` at 500, 2,000 and 5,000 blueprints against `catalog build` of them.

Generates the largest number of blueprints (copies of the shipped examples with new ids) in
groups, so that each size is the previous one plus a group, and runs each command as a user
runs it (a subprocess of the command line; worker processes as the CLI picks them):

1. `kltransfer export … -f html` of each size, into a new folder (validation included),
2. `kltransfer catalog build` of the largest size into a new folder: the baseline, which
   checks the same blueprints and renders the same pages,

and prints the seconds per blueprint of each export (linear: about the same at every size)
and the ratio of the largest export to the catalog build (target: at most 1.3x).
`--profile N` exports N blueprints in this process, in one process, under cProfile, and prints
where the time goes.

    python benchmarks/export.py [--sizes 500 2000 5000] [--profile 500]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from validate import generate  # noqa: E402

CLI = [sys.executable, "-m", "kltransfer"]
TARGET_RATIO = 1.3


def groups(target: Path, sizes: list[int]) -> list[Path]:
    """Folders of blueprints such that the first k hold sizes[k-1] blueprints."""
    folders, made = [], 0
    for i, size in enumerate(sizes):
        folder = target / f"group-{i}"
        files = generate(folder, size - made)
        for file in files:  # ids unique across groups
            text = file.read_text(encoding="utf-8")
            file.write_text(text.replace("\nid: bench-", f"\nid: bench-g{i}-", 1), encoding="utf-8")
        folders.append(folder)
        made = size
    return folders


def timed(args: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(args[2:4])} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return elapsed


def profile(folders: list[Path], work: Path, top: int = 25) -> None:
    from kltransfer.export import export

    profiler = cProfile.Profile()
    profiler.enable()
    export(folders, work / "profiled", formats=["html"], jobs=1)
    profiler.disable()
    for order in ("cumulative", "tottime"):
        text = io.StringIO()
        pstats.Stats(profiler, stream=text).strip_dirs().sort_stats(order).print_stats(top)
        print(f"--- profile, by {order} ---")
        print(text.getvalue().split("\n", 4)[-1].rstrip())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 5000], help="numbers of blueprints")
    parser.add_argument("--profile", type=int, metavar="N", help="also profile an export of N blueprints (one process)")
    args = parser.parse_args()
    sizes = sorted(set(args.sizes))
    work = Path(tempfile.mkdtemp(prefix="kltransfer-bench-export-"))
    try:
        folders = groups(work / "blueprints", sizes)
        print(f"CPUs: {os.cpu_count()}")
        seconds = {}
        for k, size in enumerate(sizes, start=1):
            seconds[size] = timed([*CLI, "export", *map(str, folders[:k]), "--out", str(work / f"out-{size}")])
            shutil.rmtree(work / f"out-{size}", ignore_errors=True)
            print(
                f"kltransfer export -f html   {size:6,d} blueprints {seconds[size]:8.2f} s "
                f"= {1000 * seconds[size] / size:6.2f} ms per blueprint"
            )
        largest = sizes[-1]
        catalog = timed([*CLI, "catalog", "build", *map(str, folders), "--out", str(work / "catalog")])
        print(
            f"kltransfer catalog build    {largest:6,d} blueprints {catalog:8.2f} s "
            f"= {1000 * catalog / largest:6.2f} ms per blueprint"
        )
        ratio = seconds[largest] / catalog
        verdict = "meets" if ratio <= TARGET_RATIO else "MISSES"
        print(f"export / catalog build at {largest:,d}: {ratio:4.2f}x ({verdict} the target of {TARGET_RATIO}x)")
        growth = (seconds[largest] / largest) / (seconds[sizes[0]] / sizes[0])
        print(f"time per blueprint at {largest:,d} / at {sizes[0]:,d}: {growth:4.2f}x (1.0 is linear)")
        if args.profile:
            profile(folders[: next(k for k, s in enumerate(sizes, start=1) if s >= args.profile)], work)
        return 0 if ratio <= TARGET_RATIO else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
