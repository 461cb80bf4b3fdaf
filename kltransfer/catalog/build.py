"""``kltransfer catalog build``: a static, offline catalog site from many sources.

The output folder holds

- ``index.html`` (+ ``catalog.css``, ``catalog.js``): every blueprint with filters and a
  search box that work offline in the browser,
- ``blueprints/<id>/``: each blueprint's page, the export's HTML,
- ``catalog.json``: every entry, machine-readable; ``catalog.ttl`` and ``catalog.jsonld``: the
  blueprints in DCAT-AP.de, when a base URL and the dcat settings are given (:mod:`kltransfer.dcat.catalog`),
- ``.kltransfer-catalog.json``: the build state — per blueprint the content hash of its
  folder and its entry — so that a rebuild renders only what changed.

Blueprints are read one at a time; only their small entries stay in memory, never pages.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from kltransfer import __version__
from kltransfer.atomic import write_atomic
from kltransfer.catalog.entries import make_entry
from kltransfer.catalog.pages import write_listing_files
from kltransfer.errors import OutputError
from kltransfer.findings import FileReport, Finding
from kltransfer.folders import create_folder
from kltransfer.i18n import _, get_language, tr
from kltransfer.validation.discovery import discover

STATE_FILE = ".kltransfer-catalog.json"
STATE_FORMAT = "2"  # 2: entries keep their DCAT description ("dcat")
Progress = Callable[[int, int | None, str], None]


@dataclass(slots=True)
class BuildResult:
    out: Path
    entries: int = 0
    rendered: int = 0
    reused: int = 0
    removed: int = 0
    invalid: list[FileReport] = field(default_factory=list)
    #: What became of catalog.ttl and catalog.jsonld (:class:`kltransfer.dcat.catalog.RdfOutcome`).
    rdf: Any = None


@dataclass(frozen=True, slots=True)
class _Found:
    """One blueprint file found in a source: where it is and how to call it in messages."""

    path: Path
    shown: str
    key: str


def _folder_hash(blueprint: Path) -> str:
    """A hash of everything an export of this blueprint reads: its file and the files beside it."""
    digest = hashlib.sha256()
    folder = blueprint.parent
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and not _hidden(p, folder)):
        rel = path.relative_to(folder).as_posix()
        digest.update(rel.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _templates_hash() -> str:
    from kltransfer.resources import templates_dir

    digest = hashlib.sha256(__version__.encode())
    root = templates_dir()
    for sub in ("export/html", "export/labels.json", "catalog"):
        start = root / sub
        for path in sorted([start] if start.is_file() else start.rglob("*")):
            if path.is_file():
                digest.update(path.relative_to(root).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


def _sources(sources: Sequence[str], stack: ExitStack, offline: bool) -> Iterator[_Found]:
    """Every blueprint file of every source; git sources are unpacked into a temporary folder."""
    from kltransfer.sources.spec import classify

    for source in sources:
        spec = classify(source)
        if spec.kind == "folder":
            for path in discover([spec.location]):
                rel = Path(path).relative_to(spec.location).as_posix()
                yield _Found(Path(path), str(Path(source) / rel), f"{spec.location}::{rel}")
            continue
        from kltransfer.sources.open import open_source

        snapshot = open_source(source, offline=offline)
        root = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="kltransfer-catalog-")))
        label = f"{snapshot.source}@{(snapshot.commit or '')[:12]}" if snapshot.commit else snapshot.source
        blueprints = [p for p in snapshot.paths if p.rsplit("/", 1)[-1] in ("blueprint.yaml", "blueprint.yml")]
        folders = {p.rsplit("/", 1)[0] if "/" in p else "" for p in blueprints}
        for rel in snapshot.paths:
            parent = rel.rsplit("/", 1)[0] if "/" in rel else ""
            if any(parent == f or parent.startswith(f + "/") or f == "" for f in folders):
                target = root / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(snapshot.read(rel))
        for rel in sorted(blueprints):
            yield _Found(root / rel, f"{label}:{rel}", f"{snapshot.source}::{rel}")


def _load_state(out: Path, fingerprint: str) -> dict[str, Any]:
    try:
        state = json.loads((out / STATE_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(state, dict) or state.get("format") != STATE_FORMAT or state.get("fingerprint") != fingerprint:
        return {}
    blueprints = state.get("blueprints")
    return blueprints if isinstance(blueprints, dict) else {}


def _check_destination(out: Path, force: bool) -> None:
    if out.exists() and not out.is_dir():
        raise OutputError(_("'{path}' exists and is not a folder", path=out))
    if out.is_dir() and any(out.iterdir()) and not (out / STATE_FILE).exists() and not force:
        raise OutputError(
            _("'{path}' is not empty and does not hold an earlier catalog", path=out),
            hint=_("choose an empty or new folder, or pass --force to write into it anyway"),
        )


def _write_page(out: Path, blueprint_id: str, files: dict[str, bytes]) -> None:
    """Write one blueprint's pages into a temporary folder and move it into place."""
    pages = out / "blueprints"
    pages.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{blueprint_id}-", dir=pages))
    for rel, content in files.items():
        target = staging / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    final = pages / blueprint_id
    if final.exists():
        shutil.rmtree(final)
    staging.rename(final)


#: From this many blueprints to render on, rendering is spread over one process per CPU.
PARALLEL_THRESHOLD = 64


@cache
def _templates(lang: str) -> Any:
    from kltransfer.export.environment import Templates

    return Templates(lang)


def _prepare(job: tuple[_Found, str]) -> tuple[FileReport | None, dict[str, Any] | None, dict[str, bytes]]:
    """Check and render one blueprint: its findings when invalid, else its entry and page files.

    Runs in worker processes for large builds, so it only reads; the caller writes.
    """
    from kltransfer.export.drafts import draft_of
    from kltransfer.export.formats import Material, render_html
    from kltransfer.export.normalise import local_files, normalise
    from kltransfer.validation.validate import load_checked

    found, lang = job
    try:
        doc, report = load_checked(found.path, display=found.shown)
    except OSError as exc:  # a FIFO or an unreadable file: left out and reported, like an invalid one
        message = _("cannot read the file: {reason}", reason=exc.strerror or exc)
        return FileReport(found.shown, [Finding("KT901", message, found.shown)]), None, {}
    if doc is None or report.errors:
        return report, None, {}
    from kltransfer.dcat.catalog import describe

    entry = make_entry(doc.data, found.shown, lang)
    normalised = normalise(doc.data, lang)
    folder = found.path.parent
    assets = {rel: (folder / rel).read_bytes() for rel in local_files(normalised) if (folder / rel).is_file()}
    entry_data = {**entry.to_dict(with_search_text=True), "dcat": describe(doc.data, doc, found.shown)}
    page = render_html(_templates(lang), Material(normalised, assets, draft_of(report)))  # a draft is marked
    return None, entry_data, page


def _prepared(
    jobs: list[tuple[_Found, str]], workers: int
) -> Iterator[tuple[FileReport | None, dict[str, Any] | None, dict[str, bytes]]]:
    """``_prepare`` of every job, in order; in worker processes when there are many."""
    if workers <= 1 or len(jobs) < PARALLEL_THRESHOLD:
        yield from map(_prepare, jobs)
        return
    from concurrent.futures import ProcessPoolExecutor

    from kltransfer.i18n import set_language

    # the findings of invalid blueprints are written in the workers: in the language of the messages
    with ProcessPoolExecutor(
        max_workers=min(workers, len(jobs)), initializer=set_language, initargs=(get_language(),)
    ) as pool:
        yield from pool.map(_prepare, jobs, chunksize=max(1, len(jobs) // (workers * 16)))


def build_catalog(
    sources: Sequence[str],
    out: str | os.PathLike[str],
    *,
    lang: str = "de",
    force: bool = False,
    offline: bool = False,
    jobs: int = 0,
    progress: Progress | None = None,
    dcat: Any = None,
) -> BuildResult:
    """Build (or update) the catalog site in ``out`` from ``sources``.

    ``jobs``: processes for rendering; 0 picks one per CPU when many blueprints changed.
    ``dcat``: base URL, contributor ID and publisher for catalog.ttl and catalog.jsonld.
    """
    target = Path(out)
    _check_destination(target, force)
    create_folder(target, "--out")
    fingerprint = f"{_templates_hash()}:{lang}"
    previous = _load_state(target, fingerprint)
    state: dict[str, Any] = {}
    result = BuildResult(target)
    entries: list[dict[str, Any]] = []
    owners: dict[str, str] = {}
    with ExitStack() as stack:
        pending: list[tuple[_Found, str]] = []
        digests: dict[str, str] = {}
        for found in _sources(sources, stack, offline):
            digest = _folder_hash(found.path)
            old = previous.get(found.key)
            if old and old.get("hash") == digest and (target / "blueprints" / old["entry"]["id"]).is_dir():
                if _claim(owners, old["entry"]["id"], found, result):
                    state[found.key] = old
                    entries.append(old["entry"])
                    result.reused += 1
                continue
            digests[found.key] = digest
            pending.append((found, lang))
        workers = jobs if jobs > 0 else (os.cpu_count() or 1)
        for done, ((found, _lang), (report, entry_data, files)) in enumerate(
            zip(pending, _prepared(pending, workers), strict=True), 1
        ):
            if progress:
                progress(done, len(pending), found.shown)
            if report is not None or entry_data is None:
                result.invalid.append(report or FileReport(found.shown))
                continue
            if not _claim(owners, entry_data["id"], found, result):
                continue
            _write_page(target, entry_data["id"], files)
            state[found.key] = {"hash": digests[found.key], "entry": entry_data}
            entries.append(entry_data)
            result.rendered += 1
    result.removed = _remove_stale(target, {e["id"] for e in entries})
    entries.sort(key=lambda e: (e["title"].casefold(), e["id"]))
    write_listing_files(target, entries, lang)
    from kltransfer.dcat.catalog import write_rdf

    result.rdf = write_rdf(target, entries, dcat)
    _write_json(
        target / STATE_FILE,
        {"format": STATE_FORMAT, "fingerprint": fingerprint, "generator": __version__, "blueprints": state},
    )
    result.entries = len(entries)
    return result


def _claim(owners: dict[str, str], blueprint_id: str, found: _Found, result: BuildResult) -> bool:
    """One page per id: a second blueprint with the same id is reported and left out."""
    if blueprint_id in owners:
        result.invalid.append(
            FileReport(
                found.shown,
                [
                    Finding(
                        "KT209",
                        tr(
                            "KT209",
                            "the id '{id}' is already used by {other}; left out of the catalog",
                            id=blueprint_id,
                            other=owners[blueprint_id],
                        ),
                        found.shown,
                        key_path="id",
                        hint=tr("KT209", "give each blueprint its own id"),
                    )
                ],
            )
        )
        return False
    owners[blueprint_id] = found.shown
    return True


def _remove_stale(out: Path, keep: set[str]) -> int:
    pages = out / "blueprints"
    removed = 0
    if pages.is_dir():
        for child in pages.iterdir():
            if child.is_dir() and child.name not in keep:
                shutil.rmtree(child)
                removed += 1
    return removed


def _write_json(path: Path, data: Any) -> None:
    chunks = json.JSONEncoder(ensure_ascii=False, indent=1, sort_keys=True, allow_nan=False).iterencode(data)
    write_atomic(path, itertools.chain(chunks, ["\n"]))
