"""Run every command of kltransfer against hostile inputs for a bounded time; report each exit 3.

Exit 3 means a bug (an internal error); every input, however hostile, must end in 0, 1 or 2
with a message. Each round takes a shipped example, replaces values (and keys) at random
places with hostile ones (control characters, NaN, huge numbers, wrong types, bracketed
URLs, paths out of the folder, Markdown and HTML payloads, format strings), writes it, and
runs validate, fix, check, migrate, list, diff, export (all formats, a bundle), adopt,
status, catalog build and import on it, in this process, with random hostile option values
now and then. Also runs with a stdout that cannot encode the text.

    python scripts/fuzz_cli.py [--seconds 300] [--seed N]

Prints each distinct failure (command, exit code, the last lines of stderr) and the input
that caused it (kept under the printed folder); exit 1 if there was one.
"""

from __future__ import annotations

import argparse
import copy
import io
import os
import random
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

#: Seconds after which one command counts as a failure (a hang, or cost that grows with the input).
SLOW = 30
HOSTILE: list[Any] = [
    None,
    True,
    0,
    -1,
    1.5,
    10**30,
    1e300,
    float("nan"),
    float("inf"),
    "",
    " ",
    "TODO",
    "TODO: {key} {0} %s",
    "unknown",
    "x" * 5000,
    "\x1b[2J\x1b]8;;https://evil.example\x07link\x1b]8;;\x07",
    "a\u202eb",
    "\x9b31m",
    "<script>document.title='pwned'</script>",
    "<img src=x onerror=\"document.title='pwned'\">",
    "[a](javascript:document.title='pwned')",
    "![t](https://evil.example/t.png)",
    "https://[::1/x",
    "https://x.example:99999/a",
    "https://[-x]/a",
    "ssh://[-oProxyCommand=x]/y",
    "../../etc/passwd",
    "/etc/passwd",
    "docs/../../x",
    "2024-02-30",
    "0000-01-01",
    "9999-12-31",
    "2024-13",
    "1.2.3.4.5",
    "DE-XX",
    "P9",
    [],
    {},
    [None],
    [[1]],
    {"a": 1},
    {"de": None},
    {"xx-invalid-tag-": "y"},
    {"de": "x", "en": "<b>y</b>"},
    "€ 1.000,50",
    "1,5 Mio",
    "ja",
    '=HYPERLINK("https://evil.example")',
    "'\"`",
    "{{ 7*7 }}",
    "{% raw %}",
    "\\",
    "a\nb\n# c",
    "---\nx: 1",
    "\ufeff",
]
HOSTILE_ARGS = [
    "",
    "-",
    "--",
    "\x1b[2J",
    "https://[::1/x",
    "ssh://[-oProxyCommand=x]/y",
    "x=y=z",
    "=",
    "city.state=",
    "a.b.c.d=1",
    "[0]=1",
    "de",
    "xx",
    "-1",
    "99999999999999999999",
]


def _leaves(value: Any, path: tuple = ()) -> list[tuple]:
    out = [path]
    if isinstance(value, dict):
        for k, v in value.items():
            out += _leaves(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _leaves(v, (*path, i))
    return out


def _set(data: Any, path: tuple, value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def mutate(data: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    data = copy.deepcopy(data)
    for _ in range(rng.randint(1, 6)):
        paths = [p for p in _leaves(data) if p]
        path = rng.choice(paths)
        roll = rng.random()
        try:
            if roll < 0.8:
                _set(data, path, copy.deepcopy(rng.choice(HOSTILE)))
            elif roll < 0.9:
                parent = data
                for part in path[:-1]:
                    parent = parent[part]
                if isinstance(parent, dict):
                    parent[rng.choice(["Förderung", "licnce", "x\x1b", "<b>", "titel"])] = rng.choice(HOSTILE)
            else:
                _set(data, path, [copy.deepcopy(rng.choice(HOSTILE)) for _ in range(rng.randint(0, 3))])
        except (KeyError, IndexError, TypeError):
            pass
    return data


def dump(data: Any) -> str:
    class Dumper(yaml.SafeDumper):
        pass

    Dumper.add_representer(float, _float)
    return yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=1 << 20)


def _float(dumper: yaml.SafeDumper, value: float) -> yaml.Node:
    return yaml.SafeDumper.represent_float(dumper, value)


def run_cli(args: list[str], *, encoding: str | None = None) -> tuple[int, str]:
    from kltransfer.cli.main import run

    raw_out = io.BytesIO()
    out = io.TextIOWrapper(raw_out, encoding=encoding or "utf-8", errors="strict", write_through=True)
    err = io.StringIO()
    old = sys.stdout, sys.stderr, sys.stdin
    sys.stdout, sys.stderr, sys.stdin = out, err, io.StringIO("")
    try:
        code = run(args)
    except SystemExit as exc:  # never expected: run() returns the code
        code = 99 if exc.code not in (0, 1, 2) else int(exc.code)
    except BaseException as exc:
        code, err_text = 98, f"{type(exc).__name__}: {exc}"
        sys.stdout, sys.stderr, sys.stdin = old
        return code, err_text
    finally:
        sys.stdout, sys.stderr, sys.stdin = old
    return code, err.getvalue()


def commands(folder: Path, other: Path, work: Path, rng: random.Random) -> list[list[str]]:
    bp = str(folder / "blueprint.yaml")
    arg = rng.choice(HOSTILE_ARGS)
    fresh = lambda name: str(work / f"{name}-{rng.randrange(10**9)}")  # noqa: E731
    return [
        ["validate", bp],
        ["validate", "--format", rng.choice(["json", "sarif", "junit", "gitlab", "github"]), bp],
        ["fix", "--dry-run", bp],
        ["check", bp],
        ["check", "--format", "json", bp],
        ["migrate", "--dry-run", bp],
        ["list", str(folder)],
        ["list", "-f", "csv", str(folder)],
        ["list", "-f", "json", "--where", arg, str(folder)],
        ["diff", bp, str(other / "blueprint.yaml")],
        ["diff", "--format", "json", bp, str(other / "blueprint.yaml")],
        [
            "export",
            str(folder),
            "--out",
            fresh("out"),
            "-f",
            "html",
            "-f",
            "markdown",
            "-f",
            "mkdocs",
            "-f",
            "json",
            "-f",
            "dcat",
            "-f",
            "publiccode",
            "--base-url",
            rng.choice(["https://x.example/", arg]),
            "--bundle",
        ],
        ["adopt", str(folder), "--into", fresh("copy"), "--city", arg, "--set", arg],
        ["catalog", "build", str(folder), str(other), "--out", fresh("catalog"), "--base-url", "https://x.example/"],
        ["import", "publiccode", str(folder)],
        ["status", str(folder)],
        [rng.choice(["validate", "export", "adopt", "list", "check"]), arg],
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(10**6)
    rng = random.Random(seed)
    examples = sorted((ROOT / "examples").glob("*/blueprint.yaml"))
    keep = Path(tempfile.mkdtemp(prefix="kltransfer-fuzz-"))
    os.environ.setdefault("KLTRANSFER_CACHE_DIR", str(keep / "cache"))
    os.environ["NO_COLOR"] = "1"
    failures: dict[tuple[str, str], str] = {}
    deadline = time.monotonic() + args.seconds
    rounds = runs = 0
    while time.monotonic() < deadline:
        rounds += 1
        work = keep / f"round-{rounds}"
        source = rng.choice(examples)
        folder = work / "bp"
        shutil.copytree(source.parent, folder)
        other = work / "other"
        shutil.copytree(rng.choice(examples).parent, other)
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
        (folder / "blueprint.yaml").write_text(dump(mutate(data, rng)), encoding="utf-8")
        found_here = False
        for command in commands(folder, other, work, rng):
            if time.monotonic() > deadline:
                break
            runs += 1
            encoding = "ascii" if rng.random() < 0.1 else None
            started = time.monotonic()
            code, err = run_cli(command, encoding=encoding)
            took = time.monotonic() - started
            if took > SLOW:
                code, err = code if code not in (0, 1, 2) else 97, f"{err}\ntook {took:.0f} s"
            if code not in (0, 1, 2):
                last = [line for line in err.strip().splitlines() if line.strip()][-2:]
                key = (command[0], re.sub(r"[0-9]+", "N", " | ".join(last))[:160])
                if key not in failures:
                    failures[key] = f"{' '.join(command)} (stdout {encoding or 'utf-8'}) -> {code}"
                    found_here = True
        if not found_here:
            shutil.rmtree(work, ignore_errors=True)
    print(f"seed {seed}: {rounds} inputs, {runs} runs, {len(failures)} distinct failures; inputs kept in {keep}")
    for (name, last), where in failures.items():
        print(f"- {name}: {last}\n    {where}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
