"""Benchmark: the output checks of `kltransfer export` grow linearly with the blueprints.

Generates N blueprints for each N given (default 500 and 2,000; copies of the shipped examples
with new ids, as benchmarks/validate.py makes them) and exports them to HTML twice into one
folder: a first export, then one that replaces it (the manifest checked, nothing of the
person's lost, the old tree swapped out). It times, inside the same runs,

- the source guard (:meth:`kltransfer.destination.overlap.SourceRoots.check` and the roots it
  is built from): once per run against a set, where the export before compared every output
  entry with every blueprint folder (1,002,247 ``Path.is_relative_to`` calls for 1,000),
- the commit (:meth:`kltransfer.destination.tree.Staging.commit`: hashing, carrying over,
  the manifest, the switch and the clean-up of the old tree),

and prints each as time per blueprint and as a share of the whole export. Linear means: the
time per blueprint, and the share, stay flat from the smallest N to the largest. For scale it
also times the old pairwise guard on the same paths (without running it in an export).

    python benchmarks/destination.py [-n 500 -n 2000] [--jobs 0]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.export import generate  # noqa: E402
from kltransfer.destination import overlap, tree  # noqa: E402
from kltransfer.export import export  # noqa: E402
from kltransfer.export import run as export_run  # noqa: E402


class Timer:
    """Accumulates the time spent in the wrapped functions."""

    def __init__(self) -> None:
        self.seconds = 0.0

    def wrap(self, owner: Any, name: str) -> None:
        original: Callable[..., Any] = getattr(owner, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - start

        setattr(owner, name, timed)


def pairwise_guard(out: Path, entries: list[str], sources: list[Path]) -> float:
    """The guard the export had before: every output entry against every blueprint folder."""
    start = time.perf_counter()
    for name in entries:
        target = (out / name).resolve()
        for source in sources:
            if source == target or source.is_relative_to(target):
                raise AssertionError("unexpected overlap")
    return time.perf_counter() - start


GUARD, COMMIT = Timer(), Timer()
GUARD.wrap(overlap.SourceRoots, "check")
GUARD.wrap(export_run, "source_roots")
COMMIT.wrap(tree.Staging, "commit")


def measure(count: int, jobs: int) -> dict[str, float]:
    guard, commit = GUARD, COMMIT
    work = Path(tempfile.mkdtemp(prefix="kltransfer-bench-destination-"))
    try:
        generate(work / "blueprints", count)
        figures: dict[str, float] = {}
        for run in ("first", "replace"):
            guard.seconds = commit.seconds = 0.0
            start = time.perf_counter()
            result = export([work / "blueprints"], work / "out", formats=["html"], jobs=jobs)
            total = time.perf_counter() - start
            if len(result.exported) != count:
                sys.exit(f"export failed: {len(result.invalid)} invalid")
            figures[f"{run}_total"] = total
            figures[f"{run}_guard"] = guard.seconds
            figures[f"{run}_commit"] = commit.seconds
        files = sorted(str(p) for p in (work / "blueprints").glob("*/blueprint.yaml"))
        best = float("inf")
        for _ in range(5):  # alone, best of five: the least disturbed by other load on the machine
            start = time.perf_counter()
            roots = export_run.source_roots([work / "blueprints"], files)
            roots.check(work / "out")
            best = min(best, time.perf_counter() - start)
        figures["alone"] = best
        out = overlap.resolved(work / "out")
        figures["comparisons"] = len(out.parents) + 1 + len(roots.roots)  # set look-ups and prefix tests
        entries = sorted(p.name for p in (work / "out").iterdir())
        folders = [p.parent.resolve() for p in (work / "blueprints").glob("*/blueprint.yaml")]
        figures["pairwise"] = pairwise_guard(work / "out", entries, folders)
        figures["pairwise_comparisons"] = len(entries) * len(folders)
        return figures
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, action="append", help="numbers of blueprints (default: 500 and 2000)")
    parser.add_argument("--jobs", type=int, default=0, help="export worker processes (default 0 = automatic)")
    args = parser.parse_args()
    counts = args.n or [500, 2000]
    print(f"CPUs: {os.cpu_count()}")
    rows = []
    for count in counts:
        f = measure(count, args.jobs)
        rows.append((count, f))
        for run in ("first", "replace"):
            total, guard, commit = f[f"{run}_total"], f[f"{run}_guard"], f[f"{run}_commit"]
            print(
                f"{count:6d} blueprints, {run:7s} export: {total:7.2f} s | guard {guard * 1e6 / count:7.2f} µs "
                f"per blueprint ({guard / total:6.3%}) | commit {commit * 1e3 / count:6.2f} ms per blueprint "
                f"({commit / total:6.1%})"
            )
        print(
            f"{count:6d} blueprints, the guard alone: {f['alone'] * 1e3:7.2f} ms = {f['alone'] * 1e6 / count:6.2f} µs "
            f"per blueprint, {f['comparisons']:,.0f} comparisons | the old pairwise guard: {f['pairwise']:7.2f} s, "
            f"{f['pairwise_comparisons']:,.0f} comparisons"
        )
    (small, a), (large, b) = rows[0], rows[-1]
    if large > small:
        for run in ("first", "replace"):
            per_guard = (b[f"{run}_guard"] / large) / (a[f"{run}_guard"] / small)
            per_commit = (b[f"{run}_commit"] / large) / (a[f"{run}_commit"] / small)
            print(
                f"{run}: time per blueprint at {large} vs {small}: guard {per_guard:4.2f}x, commit {per_commit:4.2f}x "
                "(1.0 = linear)"
            )
        alone = (b["alone"] / large) / (a["alone"] / small)
        print(f"the guard alone, time per blueprint at {large} vs {small}: {alone:4.2f}x (1.0 = linear)")
        pairwise = (b["pairwise"] / large) / (a["pairwise"] / small)
        print(f"old pairwise guard, per blueprint at {large} vs {small}: {pairwise:4.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
