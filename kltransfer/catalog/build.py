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
- ``.kltransfer-catalog.json``: the manifest of the destination mechanism (every file the build
  wrote, with its SHA-256) and the build state — per blueprint the content hash of its folder
  and its entry — so that a rebuild renders only what changed.

Blueprints are read one at a time; only their small entries stay in memory, never pages. The
site is built whole in a staging folder beside ``--out`` and switched into place at once
(:mod:`kltransfer.destination.tree`); the pages of unchanged blueprints are taken over from the
previous site after their files are checked against the recorded hashes, so a damaged or
deleted page is rendered again.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from kltransfer import __version__
from kltransfer.catalog import box
from kltransfer.catalog.entries import make_entry
from kltransfer.catalog.links import link_entries
from kltransfer.catalog.pages import write_listing_files
from kltransfer.catalog.sources import Found, Source, iter_sources
from kltransfer.catalog.status import Status, write_status
from kltransfer.destination.manifest import Manifest
from kltransfer.destination.overlap import SourceRoots
from kltransfer.destination.paths import unsafe_reason
from kltransfer.destination.tree import OutputTree, Staging, Written
from kltransfer.findings import FileReport, Finding
from kltransfer.i18n import _, get_language, tr

STATE_FILE = ".kltransfer-catalog.json"
#: 2: entries keep their DCAT description; 3: the state lives in the manifest; 4: format 1.2's
#: cities and adopters; 5: readiness, bundle, source and the page's box "Adopt"
STATE_FORMAT = "5"
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
    #: What writing the site did (files kept, found, removed).
    written: Written | None = None


def _folder_hash(blueprint: Path) -> str:
    """A hash of everything an export of this blueprint may read: its file and the regular files
    beside it (never through a link, never hidden ones, as :mod:`kltransfer.references` reads)."""
    digest = hashlib.sha256()
    folder = blueprint.parent
    found: list[tuple[str, Path]] = []
    for root, dirs, names in os.walk(folder):  # os.walk does not follow links into folders
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            path = Path(root) / name
            if not name.startswith(".") and stat.S_ISREG(os.lstat(path).st_mode):
                found.append((path.relative_to(folder).as_posix(), path))
    for rel, path in sorted(found):
        digest.update(rel.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


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


def _load_state(previous: Manifest | None, fingerprint: str) -> dict[str, Any]:
    """The build state of the previous site, when it was built by this version with these templates."""
    state = previous.data if previous is not None else {}
    if state.get("format") != STATE_FORMAT or state.get("fingerprint") != fingerprint:
        return {}
    blueprints = state.get("blueprints")
    if not isinstance(blueprints, dict):
        return {}
    return {key: old for key, old in blueprints.items() if isinstance(old, dict)}


def _local_roots(sources: Sequence[str]) -> SourceRoots:
    """The sources on this machine (folders, local repositories, bundles): the site must lie apart from each."""
    from kltransfer.sources.spec import classify, local_path

    return SourceRoots(path for path in (local_path(classify(source)) for source in sources) if path)


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
    from kltransfer.export.normalise import normalise
    from kltransfer.i18n.reasons import os_reason
    from kltransfer.readiness import check_document
    from kltransfer.references import read_linked, refusal_findings
    from kltransfer.validation.validate import load_checked

    found, lang = job.found, job.lang
    try:
        doc, report = load_checked(found.path, display=found.shown)
    except OSError as exc:  # a FIFO or an unreadable file: left out and reported, like an invalid one
        message = _("cannot read the file: {reason}", reason=os_reason(exc))
        return FileReport(found.shown, [Finding("KT901", message, found.shown)]), None, {}
    if doc is None or report.errors:
        return report, None, {}
    assets, refused = read_linked(found.path.parent, doc.data)  # the one reader of the files it points to
    if refused:  # never published, whatever the configuration or a comment silences: left out, reported
        return FileReport(found.shown, refusal_findings(refused, doc, found.shown)), None, {}
    from kltransfer.dcat.catalog import describe

    entry = make_entry(doc.data, found.shown, lang)
    normalised = normalise(doc.data, lang)
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
    tree = OutputTree(target, command="catalog build", manifest=STATE_FILE, force=force, sources=_local_roots(sources))
    tree.check()
    base = getattr(dcat, "base_url", None)
    fingerprint = f"{_templates_hash()}:{lang}:{'bundles' if bundles else 'pages'}"
    state: dict[str, Any] = {}
    result = BuildResult(target)
    status = Status(lang)
    entries: list[dict[str, Any]] = []
    keys: dict[str, str] = {}  # blueprint id -> its key in the state
    owners: dict[str, str] = {}
    with ExitStack() as stack:
        stage = stack.enter_context(tree.staged())
        previous = _load_state(tree.previous, fingerprint)
        pending: list[_Job] = []
        digests: dict[str, str] = {}
        # in the order of the sources: which blueprint wins an id must not depend on which were
        # rendered again (the same as a full build); a page is reused in its turn, not before
        order: dict[str, int] = {}
        unchanged_ones: deque[tuple[Found, str, dict[str, Any]]] = deque()
        for found in iter_sources(sources, stack, offline):
            if isinstance(found, Source):
                status.add_source(found)
                continue
            status.seen(found)
            order[found.key] = len(order)
            digest = _folder_hash(found.path)
            digests[found.key] = digest
            old = previous.get(found.key)
            unchanged = _unchanged(old, digest)
            if unchanged is not None:
                assert old is not None
                unchanged_ones.append((found, unchanged, old))
            else:
                pending.append(_Job(found, lang, bundles))

        def take(found: Found, prepared: tuple[FileReport | None, dict[str, Any] | None, dict[str, bytes]]) -> None:
            """A blueprint checked and rendered now: its page, or its findings."""
            report, entry_data, files = prepared
            if report is not None or entry_data is None:
                result.invalid.append(report or FileReport(found.shown))
                status.leave_out(found, result.invalid[-1])
                return
            if not _claim(owners, entry_data["id"], found, result, status):
                return
            entry_data.update(_source_fields(found))
            linked = link_entries([entry_data], base, depth=2)[0]  # what is known of it alone; see _update_boxes
            html = box.apply(files["index.html"].decode("utf-8"), box.parts(linked, lang, base))
            for rel, content in {**files, "index.html": html.encode("utf-8")}.items():
                stage.write(f"blueprints/{entry_data['id']}/{rel}", content)
            boxed = box.fingerprint(linked, lang, base)
            state[found.key] = {"hash": digests[found.key], "entry": entry_data, "box": boxed}
            entries.append(entry_data)
            keys[entry_data["id"]] = found.key
            status.included(found)
            result.rendered += 1

        def take_unchanged_before(position: int) -> None:
            """The unchanged blueprints that come before ``position`` in the sources: their pages
            reused (their files are checked too), or rendered again where that fails."""
            while unchanged_ones and order[unchanged_ones[0][0].key] < position:
                found, unchanged, old = unchanged_ones.popleft()
                if unchanged in owners:
                    _claim(owners, unchanged, found, result, status)  # a second blueprint with this id: left out
                elif stage.reuse(f"blueprints/{unchanged}"):
                    _claim(owners, unchanged, found, result, status)
                    state[found.key] = old
                    entries.append({**old["entry"], **_source_fields(found)})
                    keys[unchanged] = found.key
                    status.included(found)
                    result.reused += 1
                else:
                    take(found, _prepare(_Job(found, lang, bundles)))

        workers = jobs if jobs > 0 else (os.cpu_count() or 1)
        for done, (job, prepared) in enumerate(zip(pending, _prepared(pending, workers), strict=True), 1):
            if progress:
                progress(done, len(pending), job.found.shown)
            take_unchanged_before(order[job.found.key])
            take(job.found, prepared)
        take_unchanged_before(len(order))
        status_data = status.to_dict()  # while the sources' files are there: it may check them again
        before = _previous_ids(tree.previous)  # also when the state is of another language or version
        result.removed = len(before - {e["id"] for e in entries})  # pages of the previous site not built again
        entries.sort(key=lambda e: (e["title"].casefold(), e["id"]))
        _update_boxes(stage, entries, state, keys, lang, base)
        from kltransfer.dcat.catalog import JSONLD, write_rdf

        result.rdf = write_rdf(stage, entries, dcat)
        jsonld = JSONLD in result.rdf.written
        write_listing_files(stage, link_entries(entries, base), lang, base=base, jsonld=jsonld)
        write_status(stage, status_data, lang)
        result.written = stage.commit(
            {"format": STATE_FORMAT, "fingerprint": fingerprint, "generator": __version__, "blueprints": state}
        )
    result.entries = len(entries)
    return result


def _previous_ids(previous: Manifest | None) -> set[Any]:
    """The ids of the blueprints the previous site held, whatever its state's format or fingerprint."""
    blueprints = previous.data.get("blueprints") if previous is not None else None
    if not isinstance(blueprints, dict):
        return set()
    entries = (old.get("entry") for old in blueprints.values() if isinstance(old, dict))
    return {entry.get("id") for entry in entries if isinstance(entry, dict)}


def _unchanged(old: Any, digest: str) -> str | None:
    """The id of a blueprint whose folder is unchanged since the previous build, else ``None``."""
    if not isinstance(old, dict) or old.get("hash") != digest or not isinstance(old.get("entry"), dict):
        return None
    blueprint_id = old["entry"].get("id")
    if not isinstance(blueprint_id, str) or "/" in blueprint_id or unsafe_reason(blueprint_id) is not None:
        return None
    return blueprint_id


def _update_boxes(
    stage: Staging,
    entries: list[dict[str, Any]],
    state: dict[str, Any],
    keys: dict[str, str],
    lang: str,
    base: str | None,
) -> None:
    """Bring the box of every page up to date where it changed: another blueprint of the
    catalog adopted it (or no longer does), or the base URL changed. The page is not rendered again;
    a page taken over from the previous site is replaced in the new tree, never written through."""
    for entry in link_entries(entries, base, depth=2):
        record = state[keys[entry["id"]]]
        mark = box.fingerprint(entry, lang, base)
        if record.get("box") == mark:
            continue
        rel = f"blueprints/{entry['id']}/index.html"
        page = stage.path(rel).read_text("utf-8")
        stage.write(rel, box.apply(page, box.parts(entry, lang, base)))
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
