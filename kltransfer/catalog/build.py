"""``kltransfer catalog build``: a static, offline catalog site from many sources.

The output folder holds

- ``index.html`` (+ ``catalog.css``, ``catalog.js``, ``words.js`` and ``data/``): search,
  filters with counts, sorting and pages that work offline in the browser, fast at 10,000
  blueprints (:mod:`.pages`, :mod:`.pagedata`),
- ``blueprints/<id>/``: each blueprint's page (the export's HTML, with a link back to the
  catalog and the box "Adopt": :mod:`.box`) and its ``.kltransfer.zip`` bundle (:mod:`.bundles`),
- ``catalog.json``: every entry, machine-readable, with adopters in both directions
  (:mod:`.links`); ``catalog.ttl`` and ``catalog.jsonld``: the blueprints in DCAT-AP.de, when
  a base URL and the dcat settings are given (:mod:`kltransfer.dcat.catalog`),
- ``status.html`` and ``status.json``: every source and every blueprint left out, with its
  findings (:mod:`.status`),
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
from kltransfer.catalog import box
from kltransfer.catalog.entries import make_entry
from kltransfer.catalog.links import link_entries
from kltransfer.catalog.pages import write_listing_files
from kltransfer.catalog.sources import Found, Source, iter_sources
from kltransfer.catalog.status import Status, write_status
from kltransfer.catalog.writer import FolderWriter
from kltransfer.errors import OutputError
from kltransfer.findings import FileReport, Finding
from kltransfer.folders import create_folder
from kltransfer.i18n import _, get_language, tr

STATE_FILE = ".kltransfer-catalog.json"
# 2: entries keep their DCAT description ("dcat"); 3: readiness, bundle, source, the page's box
STATE_FORMAT = "3"
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


@dataclass(frozen=True, slots=True)
class _Job:
    found: Found
    lang: str
    bundles: bool


def _prepare(job: _Job) -> tuple[FileReport | None, dict[str, Any] | None, dict[str, bytes]]:
    """Check and render one blueprint: its findings when invalid, else its entry and page files
    (the page, the files it links to and, with bundles, its ``.kltransfer.zip``).

    Runs in worker processes for large builds, so it only reads; the caller writes.
    """
    from kltransfer.export.drafts import draft_of
    from kltransfer.export.formats import Material, render_html
    from kltransfer.export.normalise import local_files, normalise
    from kltransfer.i18n.reasons import os_reason
    from kltransfer.readiness import check_document
    from kltransfer.validation.validate import load_checked

    found, lang = job.found, job.lang
    try:
        doc, report = load_checked(found.path, display=found.shown)
    except OSError as exc:  # a FIFO or an unreadable file: left out and reported, like an invalid one
        message = _("cannot read the file: {reason}", reason=os_reason(exc))
        return FileReport(found.shown, [Finding("KT901", message, found.shown)]), None, {}
    if doc is None or report.errors:
        return report, None, {}
    from kltransfer.dcat.catalog import describe

    entry = make_entry(doc.data, found.shown, lang)
    normalised = normalise(doc.data, lang)
    folder = found.path.parent
    assets = {rel: (folder / rel).read_bytes() for rel in local_files(normalised) if (folder / rel).is_file()}
    readiness = check_document(doc)
    entry_data = {
        **entry.to_dict(with_search_text=True),
        "readiness": {"score": readiness.score, "label": readiness.label},
        "dcat": describe(doc.data, doc, found.shown),
    }
    page = render_html(_templates(lang), Material(normalised, assets, draft_of(report)))  # a draft is marked
    if job.bundles:
        from kltransfer.catalog.bundles import build_bundle, describe_bundle

        name, data = build_bundle(found, normalised, page)
        entry_data["bundle"] = describe_bundle(name, data)
        page = {**page, name: data}
    return None, entry_data, page


def _source_fields(found: Found) -> dict[str, Any]:
    """What an entry says of where its blueprint came from; new at every build (a git source moves on)."""
    from kltransfer.export.provenance import strip_credentials

    given = found.source
    if given.kind == "git":
        source = {
            "kind": "git",
            "url": strip_credentials(given.location),
            "ref": given.ref,
            "commit": given.commit,
            "path": found.rel,
        }
    elif given.kind == "bundle":
        source = {"kind": "bundle", "file": Path(given.location).name, "path": found.rel}
    else:
        source = {"kind": "folder", "path": found.rel}
    return {"source": {k: v for k, v in source.items() if v}, "changed": found.changed}


def _prepared(
    jobs: list[_Job], workers: int
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
    bundles: bool = True,
) -> BuildResult:
    """Build (or update) the catalog site in ``out`` from ``sources``.

    ``jobs``: processes for rendering; 0 picks one per CPU when many blueprints changed.
    ``dcat``: base URL (also for every link and bundle address), contributor ID and publisher
    for catalog.ttl and catalog.jsonld. ``bundles``: a ``.kltransfer.zip`` beside each page.
    """
    target = Path(out)
    _check_destination(target, force)
    create_folder(target, "--out")
    base = getattr(dcat, "base_url", None)
    fingerprint = f"{_templates_hash()}:{lang}:{'bundles' if bundles else 'pages'}"
    previous = _load_state(target, fingerprint)
    state: dict[str, Any] = {}
    result = BuildResult(target)
    status = Status(lang)
    entries: list[dict[str, Any]] = []
    keys: dict[str, str] = {}  # blueprint id -> its key in the state
    owners: dict[str, str] = {}
    with ExitStack() as stack:
        pending: list[_Job] = []
        digests: dict[str, str] = {}
        for found in iter_sources(sources, stack, offline):
            if isinstance(found, Source):
                status.add_source(found)
                continue
            status.seen(found)
            digest = _folder_hash(found.path)
            old = previous.get(found.key)
            if old and old.get("hash") == digest and (target / "blueprints" / old["entry"]["id"]).is_dir():
                if _claim(owners, old["entry"]["id"], found, result, status):
                    state[found.key] = old
                    entries.append({**old["entry"], **_source_fields(found)})
                    keys[old["entry"]["id"]] = found.key
                    status.included(found)
                    result.reused += 1
                continue
            digests[found.key] = digest
            pending.append(_Job(found, lang, bundles))
        workers = jobs if jobs > 0 else (os.cpu_count() or 1)
        for done, (job, (report, entry_data, files)) in enumerate(
            zip(pending, _prepared(pending, workers), strict=True), 1
        ):
            found = job.found
            if progress:
                progress(done, len(pending), found.shown)
            if report is not None or entry_data is None:
                result.invalid.append(report or FileReport(found.shown))
                status.leave_out(found, result.invalid[-1])
                continue
            if not _claim(owners, entry_data["id"], found, result, status):
                continue
            entry_data.update(_source_fields(found))
            linked = link_entries([entry_data], base, depth=2)[0]  # what is known of it alone; see _update_boxes
            html = box.apply(files["index.html"].decode("utf-8"), box.parts(linked, lang, base))
            _write_page(target, entry_data["id"], {**files, "index.html": html.encode("utf-8")})
            state[found.key] = {
                "hash": digests[found.key],
                "entry": entry_data,
                "box": box.fingerprint(linked, lang, base),
            }
            entries.append(entry_data)
            keys[entry_data["id"]] = found.key
            status.included(found)
            result.rendered += 1
        status_data = status.to_dict()  # while the sources' files are there: it may check them again
    result.removed = _remove_stale(target, {e["id"] for e in entries})
    entries.sort(key=lambda e: (e["title"].casefold(), e["id"]))
    _update_boxes(target, entries, state, keys, lang, base)
    from kltransfer.dcat.catalog import JSONLD, write_rdf

    result.rdf = write_rdf(target, entries, dcat)
    site = FolderWriter(target)
    jsonld = JSONLD in result.rdf.written
    write_listing_files(site, link_entries(entries, base), lang, base=base, jsonld=jsonld)
    write_status(site, status_data, lang)
    site.prune("data")  # the start page's data of the previous build
    _write_json(
        target / STATE_FILE,
        {"format": STATE_FORMAT, "fingerprint": fingerprint, "generator": __version__, "blueprints": state},
    )
    result.entries = len(entries)
    return result


def _update_boxes(
    out: Path, entries: list[dict[str, Any]], state: dict[str, Any], keys: dict[str, str], lang: str, base: str | None
) -> None:
    """Bring the box of every page up to date where it changed: another blueprint of the
    catalog adopted it (or no longer does), or the base URL changed. The page is not rendered again."""
    for entry in link_entries(entries, base, depth=2):
        record = state[keys[entry["id"]]]
        mark = box.fingerprint(entry, lang, base)
        if record.get("box") == mark:
            continue
        page = out / "blueprints" / entry["id"] / "index.html"
        write_atomic(page, box.apply(page.read_text("utf-8"), box.parts(entry, lang, base)).encode("utf-8"))
        record["box"] = mark


def _duplicate(found: Found, blueprint_id: str, other: str) -> Finding:
    return Finding(
        "KT209",
        tr("KT209", "the id '{id}' is already used by {other}; left out of the catalog", id=blueprint_id, other=other),
        found.shown,
        key_path="id",
        hint=tr("KT209", "give each blueprint its own id"),
    )


def _claim(owners: dict[str, str], blueprint_id: str, found: Found, result: BuildResult, status: Status) -> bool:
    """One page per id: a second blueprint with the same id is reported and left out."""
    if blueprint_id in owners:
        other = owners[blueprint_id]
        result.invalid.append(FileReport(found.shown, [_duplicate(found, blueprint_id, other)]))
        status.leave_out(found, result.invalid[-1], lambda: [_duplicate(found, blueprint_id, other)])
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
    chunks = json.JSONEncoder(ensure_ascii=False, indent=1, sort_keys=True).iterencode(data)
    write_atomic(path, itertools.chain(chunks, ["\n"]))
