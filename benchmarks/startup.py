"""Benchmark: how fast `kltransfer validate ONE_FILE` starts, against Python itself, in one run.

What an editor or a pre-commit hook runs on every save is one file through the CLI; its cost
is almost all start-up. This prints, as medians of interleaved runs (so that load from other
processes hits every command alike):

- `python -c pass` (the floor) and `python -c "import yaml"` (the parser kltransfer needs),
  with the interpreter of the measured install,
- `kltransfer validate ONE_FILE` through the installed console script, with a warm schema cache
  and with a cold one (``KLTRANSFER_CACHE_DIR`` pointed at a fresh, empty folder every run),
- the same for other installs (``--compare``, e.g. the baseline of an older commit), the n-th
  on the n-th ``--compare-file`` if given, else on the same file (an older kltransfer may not
  read the newest format: give it its own checkout's example),
- the throughput of validating many files in one process against parse-only (PyYAML's C
  loader on the same files), so that a start-up gain is not paid for in throughput (``-n``,
  default 2,000; 0 skips it), by the measured install (``benchmarks/validate.py`` generates the
  files from this checkout's examples).

What is measured is a regular (non-editable) install, as users have it: an editable install
looks its modules up through an import hook, which costs start-up of its own. Without
``--kltransfer``, the script builds one from this checkout into a temporary venv (``pip
install``, from the configured index; a minute) and removes it afterwards; ``--kltransfer
PATH`` takes the console script of an existing one instead (rebuild it after each change).

Ratios are against `python -c pass`; absolute figures are for orientation (shared machines:
compare ratios across runs, milliseconds only within one).

    python benchmarks/startup.py [--kltransfer PATH] [--runs 31] [-n 2000]
        [--compare /work/bench/base/.venv/bin/kltransfer --compare-file OLD/blueprint.yaml]
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
WARM_TARGET, COLD_TARGET = 0.080, 0.250
Command = tuple[list[str], bool]  # the command, and whether it gets a fresh cache every run


def wall(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    return time.perf_counter() - start


def interleaved(commands: dict[str, Command], env: dict[str, str], runs: int) -> dict[str, float]:
    """Median wall time of each command; cold commands get an empty cache folder every run."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for command, _ in commands.values():
        wall(command, env)  # warm the file system cache and the schema cache
    for _ in range(runs):
        for name, (command, cold) in commands.items():
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
import sys, tempfile
from pathlib import Path
from kltransfer.validation.validate import validate_paths  # the install's, before validate.py adds ROOT
sys.path.insert(0, {str(ROOT / "benchmarks")!r})
from validate import generate, timed, parse_only
with tempfile.TemporaryDirectory() as tmp:
    files = generate(Path(tmp) / "t", {count})
    t_parse = timed(lambda: parse_only(files))
    t_val = timed(lambda: validate_paths([Path(tmp) / "t"], jobs=1))
    print(len(files) / t_parse, len(files) / t_val)
"""
    out = subprocess.run([python, "-c", script], capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), float(out[1])


def build_install(folder: Path) -> Path:
    """A regular install of this checkout in a new venv under ``folder``; its console script."""
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
    pip = [str(folder / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, str(ROOT)], check=True, stdout=subprocess.DEVNULL)
    return folder / "bin" / "kltransfer"


def installed_at(python: Path) -> str:
    """Where ``python`` imports kltransfer from: refused when it is this checkout (an editable install)."""
    code = "import kltransfer; print(kltransfer.__file__)"
    where = subprocess.run([str(python), "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    if Path(where).resolve().is_relative_to(ROOT):
        sys.exit(f"{python} imports kltransfer from this checkout ({where}): give a regular install, not editable")
    return where


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kltransfer", type=Path, help="console script of a regular install (default: build one)")
    parser.add_argument("--file", type=Path, default=EXAMPLE, help="the one file to validate (default: an example)")
    parser.add_argument("--runs", type=int, default=31, help="runs of each command (default 31)")
    parser.add_argument("-n", type=int, default=2000, help="files for the throughput figure (0: skip)")
    parser.add_argument("--compare", type=Path, action="append", default=[], help="another install's console script")
    parser.add_argument(
        "--compare-file", type=Path, action="append", default=[], help="the file the n-th --compare validates"
    )
    args = parser.parse_args()

    built = None
    if args.kltransfer is None:
        built = Path(tempfile.mkdtemp(prefix="kltransfer-startup-"))
        print("building a regular install of this checkout ...", flush=True)
        args.kltransfer = build_install(built / "venv")
    try:
        return measure(args)
    finally:
        if built:
            shutil.rmtree(built, ignore_errors=True)


def measure(args: argparse.Namespace) -> int:
    exe = args.kltransfer.absolute()
    python = exe.with_name("python")
    print(f"measured: {exe} (kltransfer from {installed_at(python)})")
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    cache = tempfile.mkdtemp(prefix="kltransfer-warm-")
    env["KLTRANSFER_CACHE_DIR"] = cache
    installs = {"this": (exe, args.file)}
    for i, other in enumerate(args.compare):
        file = args.compare_file[i] if i < len(args.compare_file) else args.file
        installs[f"compare{i + 1}"] = (other.absolute(), file)
    commands: dict[str, Command] = {
        "python -c pass": ([str(python), "-c", "pass"], False),
        'python -c "import yaml"': ([str(python), "-c", "import yaml"], False),
    }
    for label, (script, file) in installs.items():
        validate = [str(script), "validate", str(file)]
        commands[f"validate ONE_FILE, warm cache ({label})"] = (validate, False)
        commands[f"validate ONE_FILE, cold cache ({label})"] = (validate, True)
    try:
        medians = interleaved(commands, env, args.runs)
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    floor = medians["python -c pass"]
    print(f"median of {args.runs} interleaved runs, {os.cpu_count()} CPUs; ratio = time / `python -c pass`")
    for label, (script, file) in installs.items():
        print(f"  {label}: {script} validate {file}")
    for name, seconds in medians.items():
        print(f"  {name:<45} {seconds * 1000:7.1f} ms   ratio {seconds / floor:5.2f}")
    warm = medians["validate ONE_FILE, warm cache (this)"]
    cold = medians["validate ONE_FILE, cold cache (this)"]
    for kind, seconds, target in (("warm", warm, WARM_TARGET), ("cold", cold, COLD_TARGET)):
        verdict = "met" if seconds < target else "NOT met"
        print(f"target: {kind} under {target * 1000:.0f} ms: {verdict} ({seconds * 1000:.1f} ms)")
    for label in installs:
        if label != "this":
            for kind in ("warm", "cold"):
                other = medians[f"validate ONE_FILE, {kind} cache ({label})"]
                this = medians[f"validate ONE_FILE, {kind} cache (this)"]
                print(f"  this / {label} ({kind}): {this / other:.3f}")
    if args.n:
        parse, validate = throughput(str(python), args.n)
        print(
            f"throughput, {args.n} files in one process: parse-only {parse:.0f} files/s, "
            f"validate {validate:.0f} files/s, validate / parse-only {validate / parse:.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
