"""Benchmark: `kltransfer export` to HTML against `mkdocs build` of the same blueprints, in one run.

Generates N blueprints (default 500: copies of the shipped examples with new ids), then, in
this process and on the same files:

1. times the export of all of them to HTML through the library (validation included; worker
   processes as the CLI picks them, i.e. one per CPU for 64 blueprints and more),
2. exports their mkdocs sources (not timed) and times `mkdocs build` of them two ways:
   - per blueprint, as the export is meant to be built: `mkdocs build` in each blueprint's
     `mkdocs/` folder (on a sample of --sample projects, default 60, to keep the run short;
     pages/s is a rate, so the sample measures it as well as all N would),
   - all N gathered into one mkdocs project (one shared mkdocs.yml, start-up paid once):
     mkdocs at its very best, for orientation,

and prints pages per second of each and the ratios (target: kltransfer >= 5x mkdocs). Pages are
the HTML pages each tool writes per blueprint: 1 for kltransfer (one page with every section),
2 for mkdocs (overview and adoption guide).

    python benchmarks/export_mkdocs.py [-n 500] [--sample 60] [--jobs 0]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kltransfer.export import export  # noqa: E402

TARGET_RATIO = 5.0


def generate(target: Path, count: int) -> list[Path]:
    examples = sorted((ROOT / "examples").glob("*/blueprint.yaml"))
    if not examples:
        sys.exit("no examples found under examples/")
    files = []
    for i in range(count):
        source = examples[i % len(examples)]
        folder = target / f"bp-{i:05d}"
        shutil.copytree(source.parent, folder, ignore=shutil.ignore_patterns(".*"))
        out = folder / "blueprint.yaml"
        text = source.read_text(encoding="utf-8")
        out.write_text(text.replace("\nid: ", f"\nid: bench-{i:05d}-", 1), encoding="utf-8")
        files.append(out)
    return files


def combined_mkdocs(export_dir: Path, project: Path) -> int:
    """One mkdocs project holding every blueprint's mkdocs pages; returns the number of pages."""
    docs = project / "docs"
    docs.mkdir(parents=True)
    nav = []
    pages = 0
    for blueprint in sorted(p for p in export_dir.iterdir() if (p / "mkdocs" / "docs").is_dir()):
        shutil.copytree(blueprint / "mkdocs" / "docs", docs / blueprint.name)
        nav.append(f"  - {blueprint.name}:\n      - {blueprint.name}/index.md\n      - {blueprint.name}/adoption.md\n")
        pages += sum(1 for _ in (docs / blueprint.name).rglob("*.md"))
    (docs / "index.md").write_text("# Blueprints\n\nAll benchmark blueprints.\n", encoding="utf-8")
    pages += 1
    (project / "mkdocs.yml").write_text(
        "site_name: kltransfer benchmark\nuse_directory_urls: false\ntheme:\n  name: mkdocs\nnav:\n"
        "  - index.md\n" + "".join(nav),
        encoding="utf-8",
    )
    return pages


def per_project_builds(mkdocs: Path, export_dir: Path, sample: int) -> tuple[int, float]:
    """Build the first ``sample`` blueprints' mkdocs projects one by one: (pages, seconds)."""
    projects = sorted(p / "mkdocs" for p in export_dir.iterdir() if (p / "mkdocs" / "mkdocs.yml").is_file())
    projects = projects[:sample] if sample > 0 else projects
    pages = 0
    start = time.perf_counter()
    for project in projects:
        done = subprocess.run(
            [str(mkdocs), "build", "--quiet"], cwd=project, capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            sys.exit(f"mkdocs build failed in {project}:\n{done.stderr}")
        pages += sum(1 for _ in (project / "docs").glob("*.md"))
    return pages, time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=500, help="number of blueprints (default 500)")
    parser.add_argument(
        "--sample", type=int, default=60, help="mkdocs projects built one by one (default 60; 0 = all N)"
    )
    parser.add_argument("--jobs", type=int, default=0, help="export worker processes (default 0 = automatic)")
    parser.add_argument("--keep", type=Path, help="keep the generated files in this folder")
    args = parser.parse_args()
    mkdocs = Path(sys.executable).parent / "mkdocs"
    if not mkdocs.exists():
        sys.exit("mkdocs is not installed in this environment (pip install -e '.[test]')")

    work = Path(tempfile.mkdtemp(prefix="kltransfer-bench-export-"))
    try:
        generate(work / "blueprints", args.n)

        start = time.perf_counter()
        result = export([work / "blueprints"], work / "html", formats=["html"], jobs=args.jobs)
        ours = time.perf_counter() - start
        if result.invalid or len(result.exported) != args.n:
            sys.exit(f"export failed: {len(result.invalid)} invalid, {len(result.exported)} exported")
        our_pages = sum(1 for _ in (work / "html").glob("*/html/index.html"))

        export([work / "blueprints"], work / "mkdocs-sources", formats=["mkdocs"], jobs=args.jobs)
        single_pages, single_time = per_project_builds(mkdocs, work / "mkdocs-sources", args.sample)
        pages = combined_mkdocs(work / "mkdocs-sources", work / "mkdocs-project")
        start = time.perf_counter()
        done = subprocess.run(
            [str(mkdocs), "build", "--quiet"], cwd=work / "mkdocs-project", capture_output=True, text=True, check=False
        )
        theirs = time.perf_counter() - start
        if done.returncode != 0:
            sys.exit(f"mkdocs build failed:\n{done.stderr}")

        our_rate = our_pages / ours
        single_rate, combined_rate = single_pages / single_time, pages / theirs
        ratio = our_rate / single_rate
        print(f"blueprints: {args.n}, CPUs: {os.cpu_count()}")
        print(
            f"kltransfer export --format html:        {our_pages:5d} pages in {ours:6.2f} s = "
            f"{our_rate:7,.1f} pages/s (validation included)"
        )
        print(
            f"mkdocs build, per blueprint ({args.sample or args.n} built): {single_pages:5d} pages in "
            f"{single_time:6.2f} s = {single_rate:7,.1f} pages/s"
        )
        print(
            f"mkdocs build, all in one project:       {pages:5d} pages in {theirs:6.2f} s = "
            f"{combined_rate:7,.1f} pages/s"
        )
        verdict = "meets" if ratio >= TARGET_RATIO else "MISSES"
        print(f"ratio vs mkdocs per blueprint:  {ratio:5.1f}x ({verdict} the target of {TARGET_RATIO:.0f}x)")
        print(f"ratio vs one combined project:  {our_rate / combined_rate:5.1f}x pages/s (for orientation)")
        print(
            f"the same {args.n} blueprints, one combined mkdocs project: {args.n / ours:,.1f} vs "
            f"{args.n / theirs:,.1f} blueprints/s = {theirs / ours:4.1f}x (mkdocs writes 2 pages a blueprint)"
        )
        if args.keep:
            shutil.copytree(work, args.keep, dirs_exist_ok=True)
        return 0 if ratio >= TARGET_RATIO else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
