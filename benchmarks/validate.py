"""Benchmark: `kltransfer validate` against parsing alone, in one run.

Generates N blueprints (default 2,000) from the shipped examples, then measures, in this
process and on the same files:

- parse-only: reading each file and loading it with PyYAML's C loader (the floor),
- kltransfer validate through the library (one process, and the default worker count),
- kltransfer validate as a user runs it (a subprocess of the CLI, start-up included),
- one file through the CLI (median wall time of several runs) beside `python -c pass`,
- optionally check-jsonschema, the common JSON Schema CLI for YAML, on a sample.

Figures are printed as ratios against the parse-only baseline, because machines here are
shared and noisy; absolute numbers are for orientation only.

    python benchmarks/validate.py [-n 2000] [--peer]
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

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kltransfer.validation.validate import validate_paths  # noqa: E402


def generate(target: Path, count: int) -> list[Path]:
    examples = sorted((ROOT / "examples").glob("*/blueprint.yaml"))
    files = []
    for i in range(count):
        source = examples[i % len(examples)]
        text = source.read_text(encoding="utf-8")
        folder = target / f"bp-{i:05d}"
        folder.mkdir(parents=True)
        # every asset the example references, so that the file checks pass
        for asset in source.parent.rglob("*"):
            if asset.is_file() and asset.name != "blueprint.yaml":
                dest = folder / asset.relative_to(source.parent)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(asset, dest)
        out = folder / "blueprint.yaml"
        out.write_text(text.replace("\nid: ", f"\nid: bench-{i:05d}-", 1), encoding="utf-8")
        files.append(out)
    return files


def timed(fn, repeat: int = 3) -> float:
    """Best of ``repeat`` wall times (the least disturbed by other load)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def parse_only(files: list[Path]) -> None:
    for f in files:
        yaml.load(f.read_bytes(), Loader=yaml.CSafeLoader)


def cli_wall(args: list[str], runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=2000, help="number of blueprints (default 2000)")
    parser.add_argument("--peer", action="store_true", help="also time check-jsonschema on a sample of 200")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "tree"
        files = generate(tree, args.n)
        size = sum(f.stat().st_size for f in files) / len(files)
        print(f"{len(files)} blueprints, {size / 1024:.1f} KiB each on average, {os.cpu_count()} CPUs")

        report = validate_paths([tree], jobs=1)
        assert report.errors == 0, report.findings[:3]

        t_parse = timed(lambda: parse_only(files))
        t_one = timed(lambda: validate_paths([tree], jobs=1))
        t_auto = timed(lambda: validate_paths([tree], jobs=0))
        exe = [sys.executable, "-m", "kltransfer"]
        t_cli = cli_wall([*exe, "validate", str(tree)], runs=3)
        single = cli_wall([*exe, "validate", str(files[0])])
        python = cli_wall([sys.executable, "-c", "pass"])

        rate = lambda t: len(files) / t  # noqa: E731
        print(f"parse only (PyYAML C loader)      {rate(t_parse):8.0f} files/s   (baseline 1.00)")
        print(f"kltransfer validate, 1 process    {rate(t_one):8.0f} files/s   ratio {t_parse / t_one:.2f}")
        print(f"kltransfer validate, default jobs {rate(t_auto):8.0f} files/s   ratio {t_parse / t_auto:.2f}")
        print(f"kltransfer validate CLI (start-up included) {rate(t_cli):8.0f} files/s   ratio {t_parse / t_cli:.2f}")
        print(f"one file through the CLI: {single * 1000:.0f} ms wall (python -c pass: {python * 1000:.0f} ms)")
        if args.peer:
            peer = shutil.which("check-jsonschema") or str(Path(sys.executable).with_name("check-jsonschema"))
            schema = Path(tmp) / "schema.json"
            schema.write_text(
                subprocess.run([*exe, "schema"], capture_output=True, text=True, check=True).stdout, encoding="utf-8"
            )
            sample = [str(f) for f in files[:200]]
            t_peer = timed(
                lambda: subprocess.run([peer, "--schemafile", str(schema), *sample], capture_output=True, check=False),
                repeat=1,
            )
            print(
                f"check-jsonschema (200 files)      {len(sample) / t_peer:8.0f} files/s   "
                f"ratio {t_parse / (t_peer * len(files) / len(sample)):.2f}"
            )
        ok = t_parse / t_auto >= 0.75
        print(f"target: default-jobs ratio >= 0.75: {'met' if ok else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
