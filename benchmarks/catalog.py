"""Benchmark: `kltransfer catalog build` against `kltransfer validate` on the same blueprints.

Generates N blueprints (default 2,000) from the shipped examples and runs, one after the
other and each as a user runs it (a subprocess of the command line):

1. `kltransfer validate` on them (the baseline),
2. a full `kltransfer catalog build`,
3. a rebuild after one blueprint changed,

and prints the times, the ratios against the targets (full build <= 5x validate, rebuild
<= 0.2x full build) and the peak resident memory of each process. `--rss-n 10000` adds a
full build of 10,000 blueprints for the memory target (<= 300 MB).

    python benchmarks/catalog.py [-n 2000] [--rss-n 10000]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from validate import generate  # noqa: E402

CLI = [sys.executable, "-m", "kltransfer"]


def measure(args: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MB and exit code of one command."""
    start = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss / 1024, process.returncode


def run(n: int, workdir: Path) -> tuple[float, float, float, float]:
    tree = workdir / f"tree-{n}"
    files = generate(tree, n)
    site = workdir / f"site-{n}"
    t_validate, rss_validate, code = measure([*CLI, "validate", str(tree)])
    assert code == 0, "the generated blueprints must be valid"
    t_full, rss_full, code = measure([*CLI, "catalog", "build", str(tree), "--out", str(site)])
    assert code == 0, "the full build failed"
    changed = files[n // 2]
    changed.write_text(changed.read_text("utf-8").replace("\ntitle:", "\n# changed\ntitle:", 1), "utf-8")
    t_rebuild, _, code = measure([*CLI, "catalog", "build", str(tree), "--out", str(site)])
    assert code == 0, "the rebuild failed"
    print(f"{n} blueprints")
    print(
        f"  kltransfer validate   {t_validate:7.2f} s   {n / t_validate:7.0f} files/s   peak RSS {rss_validate:5.0f} MB"
    )
    print(f"  catalog build (full)  {t_full:7.2f} s   {n / t_full:7.0f} files/s   peak RSS {rss_full:5.0f} MB")
    print(f"  rebuild, one changed  {t_rebuild:7.2f} s")
    return t_validate, t_full, t_rebuild, rss_full


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=2000, help="blueprints for the time figures (default 2000)")
    parser.add_argument("--rss-n", type=int, default=0, help="also build this many for the memory figure (e.g. 10000)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        t_validate, t_full, t_rebuild, rss = run(args.n, Path(tmp))
        full_ratio, rebuild_ratio = t_full / t_validate, t_rebuild / t_full
        print(f"full build / validate = {full_ratio:.2f}   (target <= 5: {'met' if full_ratio <= 5 else 'NOT met'})")
        verdict = "met" if rebuild_ratio <= 0.2 else "NOT met"
        print(f"rebuild / full build  = {rebuild_ratio:.3f}  (target <= 0.2: {verdict})")
        if args.rss_n:
            _, _, _, rss = run(args.rss_n, Path(tmp))
            print(
                f"peak RSS of the full build of {args.rss_n}: {rss:.0f} MB "
                f"(target <= 300 MB: {'met' if rss <= 300 else 'NOT met'})"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
