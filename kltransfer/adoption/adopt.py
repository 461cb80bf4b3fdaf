"""``adopt``: copy a blueprint from a source into a folder of one's own, with its provenance."""

from __future__ import annotations

import dataclasses
import datetime as dt
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kltransfer.adoption.checklist import CHECKLIST_FILE, render_checklist
from kltransfer.adoption.context import LocalContext, origin_city, reset_text
from kltransfer.adoption.language import copy_language
from kltransfer.adoption.own import own_id, upstream_facts
from kltransfer.adoption.record import (
    BASE_DIR,
    BLUEPRINT,
    PENDING_DIR,
    PENDING_FILE,
    STATE_DIR,
    STATE_FILE,
    AdoptionState,
    Origin,
    checksum,
    prune_state_files,
    remove_file,
    replace_state_files,
)
from kltransfer.adoption.select import asset_paths, choose
from kltransfer.adoption.yaml_edit import insert_top_level
from kltransfer.destination.created import Creation
from kltransfer.destination.overlap import SourceRoots
from kltransfer.destination.paths import real_folder
from kltransfer.errors import FindingsError, InputError, OutputError, UsageError
from kltransfer.findings import Finding, Severity
from kltransfer.i18n import _
from kltransfer.loading.yaml_loader import load_text
from kltransfer.reporters.text import format_finding


@dataclass(slots=True)
class AdoptOptions:
    source: str
    into: Path
    ref: str | None = None
    blueprint: str | None = None
    city: str | None = None
    sets: list[str] = field(default_factory=list)
    offline: bool = False
    force: bool = False
    today: dt.date | None = None
    #: The language of what is written into the copy (``--lang``); ``None``: the blueprint's
    #: language, else the language of the messages (see :mod:`kltransfer.adoption.language`).
    lang: str | None = None
    #: The copy's own id (``--id``); ``None``: derived from the adopting city and the upstream id.
    id: str | None = None
    #: Asks a person (on a terminal) for what is missing: ``ask("city", "")`` and
    #: ``ask("id", proposed)`` return the answer; ``None``: nobody is asked.
    ask: Callable[[str, str], str] | None = None


@dataclass(slots=True)
class AdoptResult:
    path: Path
    origin: Origin
    assets: list[str]
    warnings: list[Finding]
    state_kept: str | None
    #: The language the placeholders and the checklist were written in.
    lang: str = "en"
    #: The copy's id, and whether it is still the upstream's (the adopting city is not known yet).
    id: str = ""
    id_kept: bool = False
    #: The entry the upstream city can add to its ``transfer.adopters`` (YAML, a list of one).
    adopter_entry: str = ""


def _check_destination(dest: Path, source: str, force: bool) -> None:
    """Refuse, before anything is fetched: a link, a file, a non-empty folder without ``force``, and a
    folder that equals, contains or lies inside a source on this machine (its working tree)."""
    from kltransfer.sources.spec import classify, local_path

    exists = real_folder(dest)
    local = local_path(classify(source))
    if local:
        SourceRoots([local]).check(dest, option="--into")
    if exists and any(dest.iterdir()) and not force:
        raise OutputError(
            _("'{path}' is not empty", path=dest),
            hint=_("choose an empty or new folder, or pass --force to overwrite"),
        )


def _decode(raw: bytes, path: str) -> str:
    doc, findings = load_text(raw, path)
    if doc is None:
        first = findings[0] if findings else None
        where = f"{path}:{first.line}:{first.column}: {first.message}" if first else path
        raise InputError(_("the upstream blueprint cannot be read: {where}", where=where))
    return raw.decode("utf-8-sig")


def check_id(value: str) -> str:
    """``value`` if it can be a blueprint's id, else a :class:`UsageError` saying how to write one."""
    from kltransfer.scaffold.questions import id_problem

    problem = id_problem(value, "musterstadt-open-data-portal")
    if problem:
        raise UsageError(problem)
    return value


def _adopter_entry(copy: str, origin: Origin) -> str:
    """The ``transfer.adopters`` entry for the upstream's blueprint, as YAML: city, since, version, status."""
    from kltransfer.adoption.yaml_edit import dump_block, parse

    city = parse(copy).data.get("city") or {}
    entry: dict[str, Any] = {
        "city": {key: city[key] for key in ("name", "state", "country") if isinstance(city.get(key), str)},
        "since": origin.adopted,
    }
    if origin.version:
        entry["version"] = origin.version
    if origin.commit:
        entry["commit"] = origin.commit
    entry["status"] = "planned"
    return dump_block([entry])


def adopt(options: AdoptOptions) -> AdoptResult:
    """Adopt a blueprint. Writes only inside ``options.into``; raises a KltransferError on failure."""
    dest = Path(options.into)
    _check_destination(dest, options.source, options.force)
    context = LocalContext(options.city, tuple(options.sets))
    context.assignments()  # usage errors before anything is fetched
    if options.id is not None:
        check_id(options.id)

    from kltransfer.sources import open_source

    snapshot = open_source(options.source, ref=options.ref, offline=options.offline)
    candidate = choose(snapshot, options.blueprint)
    upstream = snapshot.read(candidate.path)
    text = _decode(upstream, candidate.path)
    data = candidate.data or {}
    if candidate.id == "?":
        raise InputError(
            _("the blueprint {path} has no valid id", path=candidate.path), hint=_("the upstream file must have an id")
        )
    folder = candidate.path.rsplit("/", 1)[0] + "/" if "/" in candidate.path else ""
    assets = asset_paths(snapshot, candidate.path, data)
    asset_data = {rel: snapshot.read(folder + rel) for rel in assets}

    version = data.get("version") if isinstance(data.get("version"), str) else None
    from_city, history = upstream_facts(text)
    origin = Origin(
        source=snapshot.source,
        blueprint=candidate.id,
        adopted=(options.today or dt.date.today()).isoformat(),
        ref=snapshot.ref,
        commit=snapshot.commit,
        version=version,
        checksum=checksum(upstream),
        city=from_city,
        upstream=history or None,
    )
    lang = copy_language(options.lang, data)
    if context.city_name is None and options.ask is not None:
        answer = options.ask("city", "").strip()
        context = dataclasses.replace(context, city=answer or None)
    ident = options.id or own_id(context.city_name, candidate.id, from_city) or candidate.id
    if options.id is None and options.ask is not None:
        ident = check_id(options.ask("id", ident).strip() or ident)
    context = dataclasses.replace(context, lang=lang, id=ident if ident != candidate.id else None, scheme=2)
    reset = reset_text(text, context)
    local = insert_top_level(reset, None, "origin", origin.to_dict())
    city = data.get("city") if isinstance(data.get("city"), dict) else {}
    state_kept = city.get("state") if isinstance(city.get("state"), str) and not context.sets_state else None
    state = AdoptionState(snapshot.kind, candidate.path, context, assets)

    files: dict[str, bytes] = {BLUEPRINT: local.encode("utf-8")}
    files.update(asset_data)
    entry = _adopter_entry(reset, origin)
    checklist = render_checklist(
        data,
        origin,
        origin_city=origin_city(data, lang),
        state_kept=state_kept,
        lang=lang,
        id_kept=context.id is None,
        adopter_entry=entry,
    )
    files[CHECKLIST_FILE] = checklist.encode("utf-8")
    files[f"{STATE_DIR}/{STATE_FILE}"] = state.to_json().encode("utf-8")
    files[f"{STATE_DIR}/{BASE_DIR}/{BLUEPRINT}"] = upstream
    for rel, content in asset_data.items():
        files[f"{STATE_DIR}/{BASE_DIR}/{rel}"] = content
    warnings = _write(dest, files, options.force)
    return AdoptResult(dest / BLUEPRINT, origin, assets, warnings, state_kept, lang, ident, context.id is None, entry)


def _write(dest: Path, files: dict[str, bytes], force: bool) -> list[Finding]:
    """Validate the copy in a temporary folder elsewhere, then write the files into ``dest``.

    A failure removes exactly the files and folders this run created (never ``dest`` itself when it
    existed); with ``force`` the adoption record in ``.kltransfer/`` is replaced by the new one.
    """
    from kltransfer.validation.validate import validate_file

    with tempfile.TemporaryDirectory(prefix="kltransfer-adopt-") as tmp:
        staging = Path(tmp)
        with Creation(staging) as trial:
            for rel, content in files.items():
                trial.write(rel, content)
        report = validate_file(staging / BLUEPRINT, display=str(dest / BLUEPRINT))
    errors = [f for f in report.findings if f.severity is Severity.ERROR]
    if errors:
        listing = "\n".join(f"  {format_finding(f)}" for f in errors[:10])
        raise FindingsError(
            _("the adopted copy would not be valid, nothing was written:\n{findings}", findings=listing),
            hint=_("check the --set values; the upstream blueprint must be valid too"),
        )
    base_prefix = f"{STATE_DIR}/{BASE_DIR}/"
    with Creation(dest, "--into") as created:
        for rel, content in files.items():
            if not rel.startswith(base_prefix):
                created.write(rel, content)
        if force:  # the record of an earlier adoption into this folder gives way to the new one
            replace_state_files(dest, PENDING_DIR, {})
            remove_file(dest, f"{STATE_DIR}/{PENDING_FILE}")
        base = {rel[len(base_prefix) :]: content for rel, content in files.items() if rel.startswith(base_prefix)}
        for rel, content in base.items():
            created.write(base_prefix + rel, content)
        prune_state_files(dest, BASE_DIR, set(base))
    return [f for f in report.findings if f.severity is not Severity.ERROR]
