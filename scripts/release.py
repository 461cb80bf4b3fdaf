"""Building and checking a release of kltransfer (see docs/releasing.md).

    python scripts/release.py build [DIST]          # sdist and wheel into DIST (default dist/), reproducibly
    python scripts/release.py reproducible [DIST]   # build again elsewhere; exit 1 unless the bytes are equal
    python scripts/release.py consistency [DIST] [--tag vX.Y.Z]   # version, tag, changelog, docs and archives agree
    python scripts/release.py notes [VERSION]       # the changelog section of VERSION (default: the package's)

``make dist`` and ``make release-check`` call these; the release workflow runs ``make
release-check``, and the release tests import :func:`build` to build the archives they install.

Reproducible means: every time stamp in both archives is ``SOURCE_DATE_EPOCH``, taken from the
last commit's time (else 1980-01-01, the earliest time a zip file can hold); hatchling orders
the files and normalises their owners and modes, so two builds of one commit are equal bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NAME = "kltransfer"
#: The repository releases are tagged in (``Source`` in pyproject.toml's ``[project.urls]``); also
#: the hook repository of the scaffolds' pre-commit set-up (``kltransfer.scaffold.api.REPOSITORY``).
REPOSITORY = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["urls"]["Source"]
#: 1980-01-01T00:00:00Z: the earliest time stamp a zip file (the wheel) can hold.
EARLIEST = 315532800
TAG = re.compile(r"^v(\d+\.\d+\.\d+)$")
VERSION_LINE = re.compile(r'^__version__ = "([^"]+)"$', re.MULTILINE)
SECTION = re.compile(r"^## \[(?P<version>[^\]]+)\](?: - (?P<date>\S+))?[ \t]*$", re.MULTILINE)
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: Version pins in documents: what users copy must name the version being released.
_VERSION = r"(\d+\.\d+\.\d+[0-9A-Za-z.+]*)"
PINS = (re.compile(r"\brev: v" + _VERSION), re.compile(r"\bkltransfer==" + _VERSION))
#: Documents whose version pins must be the package's version.
PINNED_DOCS = ("README.md", "docs/commands.md", "docs/ci.md", "docs/scaffold.md", "docs/releasing.md")


def package_version(root: Path = ROOT) -> str:
    """``__version__`` of the package: the one place the version is written (hatch reads it too)."""
    match = VERSION_LINE.search((root / NAME / "__init__.py").read_text(encoding="utf-8"))
    if match is None:
        raise SystemExit(f"no __version__ line in {root / NAME / '__init__.py'}")
    return match.group(1)


def source_date_epoch(root: Path = ROOT) -> int:
    """The time stamp of every file in the archives: the last commit's time."""
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return EARLIEST
    return max(int(out), EARLIEST) if out.isdigit() else EARLIEST


def build(dist: Path, root: Path = ROOT, *, quiet: bool = False) -> list[Path]:
    """Build the sdist, then the wheel from it, into the emptied folder ``dist``; return both paths.

    The build runs in the current environment (``--no-isolation``: hatchling and Babel are test
    dependencies), so it needs no network; the pre-commit test builds with isolation."""
    if dist.exists():
        shutil.rmtree(dist)
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(source_date_epoch(root))}
    command = [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(dist), str(root)]
    done = subprocess.run(command, cwd=root, env=env, capture_output=quiet, text=True)
    if done.returncode != 0:
        detail = (done.stdout or "") + (done.stderr or "") if quiet else ""
        raise SystemExit(f"the build failed (exit {done.returncode})\n{detail}")
    return archives(dist)


def archives(dist: Path) -> list[Path]:
    """The sdist and the wheel in ``dist``, in this order; exit when there are not exactly these two."""
    sdists = sorted(dist.glob(f"{NAME}-*.tar.gz"))
    wheels = sorted(dist.glob(f"{NAME}-*.whl"))
    others = sorted(p.name for p in dist.iterdir() if p not in (*sdists, *wheels)) if dist.is_dir() else []
    if len(sdists) != 1 or len(wheels) != 1 or others:
        found = ", ".join(sorted(p.name for p in dist.iterdir())) if dist.is_dir() else "nothing"
        raise SystemExit(f"{dist} must hold one sdist and one wheel of {NAME}; it holds: {found or 'nothing'}")
    return [sdists[0], wheels[0]]


def digests(paths: list[Path]) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}


def reproducible(dist: Path, root: Path = ROOT) -> list[str]:
    """Build again into a temporary folder; the problems (differing archives), empty when equal."""
    first = digests(archives(dist))
    with tempfile.TemporaryDirectory(prefix="kltransfer-rebuild-") as tmp:
        second = digests(build(Path(tmp) / "dist", root, quiet=True))
    names = sorted(first | second)
    return [f"{n}: sha256 {first.get(n)} != {second.get(n)}" for n in names if first.get(n) != second.get(n)]


@dataclass(frozen=True)
class Section:
    version: str
    date: str | None
    body: str


def changelog_sections(text: str) -> list[Section]:
    """The ``## [version] - date`` sections of a Keep a Changelog file, in file order."""
    heads = list(SECTION.finditer(text))
    sections = []
    for number, head in enumerate(heads):
        end = heads[number + 1].start() if number + 1 < len(heads) else len(text)
        body = text[head.end() : end]
        body = body.split("\n[", 1)[0] if number + 1 == len(heads) else body  # link references at the end
        sections.append(Section(head.group("version"), head.group("date"), body.strip("\n")))
    return sections


def current_tag(root: Path = ROOT) -> str | None:
    """The version tag being released: the workflow's tag, else a ``v*`` tag on the checked-out commit."""
    if os.environ.get("GITHUB_REF_TYPE") == "tag":
        return os.environ.get("GITHUB_REF_NAME") or None
    try:
        out = subprocess.run(
            ["git", "tag", "--points-at", "HEAD", "--list", "v*"], cwd=root, capture_output=True, text=True, check=True
        ).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        return None
    return out[0] if len(out) == 1 else (", ".join(out) or None)


def wheel_version(wheel: Path) -> str | None:
    with zipfile.ZipFile(wheel) as archive:
        (metadata,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        for line in archive.read(metadata).decode("utf-8").splitlines():
            if line.startswith("Version: "):
                return line.removeprefix("Version: ")
    return None


def consistency(dist: Path | None, tag: str | None, root: Path = ROOT) -> tuple[list[str], list[str]]:
    """Problems (each fails the check) and notes (said, not failing) about the release's parts."""
    version = package_version(root)
    problems: list[str] = []
    notes: list[str] = []
    if not re.fullmatch(r"\d+\.\d+\.\d+", version):
        problems.append(f"__version__ {version!r} is not MAJOR.MINOR.PATCH (see docs/versioning.md)")
    if tag is not None:
        if TAG.match(tag) is None:
            problems.append(f"tag {tag!r} is not a version tag vMAJOR.MINOR.PATCH (see docs/releasing.md)")
        elif tag != f"v{version}":
            problems.append(f"tag {tag} does not match the package's version {version} (kltransfer/__init__.py)")
    changelog = (root / "CHANGELOG.md").read_text(encoding="utf-8")
    sections = {s.version: s for s in changelog_sections(changelog)}
    section = sections.get(version)
    if section is None:
        problems.append(f"CHANGELOG.md has no section '## [{version}] - YYYY-MM-DD'")
    else:
        if not section.body.strip():
            problems.append(f"CHANGELOG.md: the section of {version} is empty")
        if section.date is None or DATE.match(section.date) is None:
            message = f"CHANGELOG.md: the section of {version} has no release date (## [{version}] - YYYY-MM-DD)"
            (problems if tag is not None else notes).append(message + ("" if tag else "; a tag build needs one"))
        link = f"[{version}]: {REPOSITORY}/releases/tag/v{version}"
        if link not in changelog:
            problems.append(f"CHANGELOG.md lacks the link reference '{link}'")
    for rel in PINNED_DOCS:
        path = root / rel
        if not path.is_file():
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for pattern in PINS:
                for match in pattern.finditer(line):
                    if match.group(1) != version:
                        problems.append(f"{rel}:{number}: names {match.group(0)}, not version {version}")
    if dist is not None:
        sdist, wheel = archives(dist)
        if sdist.name != f"{NAME}-{version}.tar.gz":
            problems.append(f"{sdist.name}: not the sdist of version {version}")
        if wheel.name != f"{NAME}-{version}-py3-none-any.whl" or wheel_version(wheel) != version:
            problems.append(f"{wheel.name}: not the wheel of version {version}")
    return problems, notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="release.py", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    for name in ("build", "reproducible", "consistency"):
        command = commands.add_parser(name)
        command.add_argument("dist", nargs="?", type=Path, default=ROOT / "dist")
        if name == "consistency":
            command.add_argument("--tag", help="the tag to check (default: the workflow's, or one on HEAD)")
    notes_command = commands.add_parser("notes")
    notes_command.add_argument("version", nargs="?")
    args = parser.parse_args(argv)

    if args.command == "build":
        for path in build(args.dist):
            print(f"{path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}")
        return 0
    if args.command == "reproducible":
        problems = reproducible(args.dist)
        for problem in problems:
            print(f"not reproducible: {problem}", file=sys.stderr)
        if not problems:
            for name, digest in digests(archives(args.dist)).items():
                print(f"reproducible: {name} sha256 {digest}")
        return 1 if problems else 0
    if args.command == "consistency":
        tag = args.tag or current_tag()
        problems, notes = consistency(args.dist if args.dist.exists() else None, tag)
        for note in notes:
            print(f"note: {note}", file=sys.stderr)
        for problem in problems:
            print(f"error: {problem}", file=sys.stderr)
        if not problems:
            print(f"consistent: version {package_version()}" + (f", tag {tag}" if tag else ", no tag on HEAD"))
        return 1 if problems else 0
    version = args.version or package_version()
    sections = {s.version: s for s in changelog_sections((ROOT / "CHANGELOG.md").read_text(encoding="utf-8"))}
    if version not in sections:
        print(f"error: CHANGELOG.md has no section for {version}", file=sys.stderr)
        return 1
    print(sections[version].body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
