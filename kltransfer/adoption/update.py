"""``update``: bring the upstream changes since the recorded commit into an adopted copy.

The three versions of ``blueprint.yaml`` given to ``git merge-file`` are all put through the
same local-context reset and stripped of their ``origin`` block:

- base:   the pristine upstream file as adopted (``.kltransfer/base``), reset;
- ours:   the local file without its ``origin`` block;
- theirs: the new upstream file, reset.

So base -> ours holds exactly the local edits and base -> theirs exactly the upstream changes
outside the reset fields; the ``origin`` block is put back afterwards where it stood. Without
conflicts the record and the base advance; with conflicts the file gets the markers, the
record stays, and the new upstream waits in ``.kltransfer/pending`` until the markers are
gone and ``update`` runs again.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kltransfer.adoption.conflicts import KeyChange, Settled, settle, with_changes
from kltransfer.adoption.context import reset_text
from kltransfer.adoption.language import document_text
from kltransfer.adoption.local import AdoptedCopy, copy_of, read_copy
from kltransfer.adoption.merge import conflict_lines, has_markers, merge_text
from kltransfer.adoption.own import upstream_facts
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
    read_pending,
    read_state_files,
    remove_file,
    replace_state_files,
    write_file,
)
from kltransfer.adoption.select import asset_paths
from kltransfer.adoption.upstream import find_blueprint, git_snapshot, locate, snapshot_changed
from kltransfer.adoption.yaml_edit import insert_top_level, remove_top_level
from kltransfer.destination.errors import OutputRefused
from kltransfer.destination.files import write_atomic
from kltransfer.destination.paths import edit_target, inside
from kltransfer.errors import InputError
from kltransfer.findings import Finding, Severity
from kltransfer.i18n import N_, _, get_language
from kltransfer.loading.keypath import KeyPath
from kltransfer.sources.paths import is_safe
from kltransfer.sources.snapshot import Snapshot


@dataclass(slots=True)
class Conflict:
    file: str
    first_line: int
    last_line: int
    #: What the conflict is about, by key path (blueprint.yaml only; ``None``: not known).
    changes: list[KeyChange] | None = None


@dataclass(slots=True)
class UpdateResult:
    path: str
    #: ``updated``, ``up-to-date``, ``conflicts`` or ``unresolved`` (markers from an earlier run).
    outcome: str
    from_ref: str | None = None
    to_ref: str | None = None
    to_commit: str | None = None
    to_version: str | None = None
    conflicts: list[Conflict] = field(default_factory=list)
    diff: str = ""
    dry_run: bool = False
    errors: int = 0
    warnings: int = 0
    #: The errors of the merged blueprint (it was written, but is not valid).
    findings: list[Finding] = field(default_factory=list)
    #: Key paths settled with ``--take``, and those given that no conflict was about.
    settled: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return self.outcome in ("conflicts", "unresolved") or self.errors > 0


def _label(origin: Origin, lang: str | None = None) -> str:
    """The state ``origin`` names (tag, version or commit) for people reading ``lang`` (default: the messages')."""
    return (
        origin.ref
        or origin.version
        or (origin.commit or "")[:12]
        or document_text(lang or get_language(), N_("adopted"))
    )


def _marker_labels(old: Origin, new: Origin, lang: str) -> tuple[str, str, str]:
    """The labels of the three sides of conflict markers, in the document language of the copy."""
    return (
        document_text(lang, N_("local")),
        document_text(lang, N_("adopted {state}"), state=_label(old, lang)),
        document_text(lang, N_("upstream {state}"), state=_label(new, lang)),
    )


def _text(data: bytes | None) -> str | None:
    if data is None:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _unified(rel: str, old: bytes | None, new: bytes | None) -> str:
    old_text, new_text = _text(old), _text(new)
    if (old_text is None and old is not None) or (new_text is None and new is not None):
        return _("Binary file {file} differs", file=rel) + "\n"
    return "".join(
        difflib.unified_diff(
            (old_text or "").splitlines(keepends=True),
            (new_text or "").splitlines(keepends=True),
            f"a/{rel}" if old is not None else "/dev/null",
            f"b/{rel}" if new is not None else "/dev/null",
        )
    )


def _origin_position(ours: str, position: int | None, merged: str) -> int | None:
    """Where the origin block goes in the merged text: before the top-level key that followed it."""
    if position is None or not ours[position:].strip():
        return None
    following = re.search(r"^([A-Za-z_][A-Za-z0-9_-]*):", ours[position:], re.M)
    if following is None:
        return None
    anchor = re.search(rf"^{re.escape(following.group(1))}:", merged, re.M)
    return anchor.start() if anchor else None


def _blueprint_conflicts(name: str, text: str) -> list[Conflict]:
    return [Conflict(name, r.first, r.last, r.changes) for r in with_changes(text)]


def update_file(
    file: Path,
    *,
    ref: str | None = None,
    dry_run: bool = False,
    offline: bool = False,
    today: dt.date | None = None,
    takes: Sequence[tuple[str, KeyPath]] = (),
) -> UpdateResult:
    copy = read_copy(file)
    settled = Settled(copy.text)
    if copy.conflicted and takes:  # conflicts of an earlier update, settled by key path
        settled = settle(copy.text, takes)
        if settled.settled:
            if not dry_run:
                write_atomic(edit_target(copy.file), settled.text.encode("utf-8"))  # never through a link
            on_disk = copy.text if dry_run else None
            copy = copy_of(file, settled.text)
            copy.on_disk = on_disk
    if copy.origin is None:
        raise InputError(
            _("'{path}' has no origin: it was not adopted", path=file), hint=_("adopt it with 'kltransfer adopt'")
        )
    if copy.state is None:
        raise InputError(
            _("'{path}' is missing; the copy cannot be updated", path=copy.folder / STATE_DIR / STATE_FILE),
            hint=_("adopt the blueprint again (with --force) to restore it"),
        )
    pending = read_pending(copy.folder)
    marked = _still_marked(copy, pending)
    if marked:
        return UpdateResult(
            str(file),
            "unresolved",
            _label(copy.origin),
            conflicts=marked,
            dry_run=dry_run,
            settled=settled.settled,
            unmatched=settled.unmatched if takes else [],
        )
    origin, base_files, state = copy.origin, copy.base, copy.state
    resolved = False
    if pending is not None:
        pending_origin = Origin.from_data(pending.get("origin"))
        pending_files = read_state_files(copy.folder, PENDING_DIR)
        if pending_origin is not None and BLUEPRINT in pending_files:
            origin, base_files, resolved = pending_origin, pending_files, True
            state.assets = [a for a in pending.get("assets") or [] if isinstance(a, str)]
    if BLUEPRINT not in base_files:
        raise InputError(
            _("the adopted base {path} is missing", path=copy.folder / STATE_DIR / BASE_DIR / BLUEPRINT),
            hint=_("adopt the blueprint again (with --force) to restore it"),
        )

    upstream, snapshot = locate(origin, ref=ref, offline=offline)
    if upstream.kind == "git":
        if not upstream.newer and not resolved:
            return UpdateResult(
                str(file), "up-to-date", _label(origin), upstream.ref, upstream.commit, origin.version, dry_run=dry_run
            )
        snapshot = git_snapshot(origin, upstream) if upstream.newer else None
        if snapshot is not None:
            snapshot.ref = upstream.ref
    elif snapshot is not None:
        changed = snapshot_changed(snapshot, origin, state)[0]
        if not changed and not resolved:
            return UpdateResult(str(file), "up-to-date", _label(origin), to_version=origin.version, dry_run=dry_run)
        if not changed:
            snapshot = None
    result = _merge(copy, origin, base_files, state, snapshot, resolved, dry_run, today or dt.date.today(), takes)
    if settled.settled:  # the conflicts settled before the merge was recorded
        result.settled = settled.settled + result.settled
        result.unmatched = [path for path in result.unmatched if path not in settled.settled]
    return result


def _merge(
    copy: AdoptedCopy,
    origin: Origin,
    base_files: dict[str, bytes],
    state: AdoptionState,
    snapshot: Snapshot | None,
    resolved: bool,
    dry_run: bool,
    today: dt.date,
    takes: Sequence[tuple[str, KeyPath]] = (),
) -> UpdateResult:
    if snapshot is None:  # conflicts were resolved and upstream has not moved since
        theirs_raw, theirs_assets, new_path = base_files[BLUEPRINT], dict(base_files), state.path_in_source
        theirs_assets.pop(BLUEPRINT)
        new_origin = Origin(**{**origin.to_dict(), "adopted": today.isoformat()})  # type: ignore[arg-type]
    else:
        candidate = find_blueprint(snapshot, origin, state)
        new_path = candidate.path
        theirs_raw = snapshot.read(candidate.path)
        prefix = candidate.path.rsplit("/", 1)[0] + "/" if "/" in candidate.path else ""
        theirs_assets = {
            rel: snapshot.read(prefix + rel) for rel in asset_paths(snapshot, candidate.path, candidate.data)
        }
        version = (candidate.data or {}).get("version")
        from_city, history = (
            upstream_facts(theirs_raw.decode("utf-8-sig")) if state.context.own else (origin.city, origin.upstream)
        )
        new_origin = Origin(
            source=origin.source,
            blueprint=candidate.id if candidate.id != "?" else origin.blueprint,
            adopted=today.isoformat(),
            ref=snapshot.ref,
            commit=snapshot.commit,
            version=version if isinstance(version, str) else None,
            checksum=checksum(theirs_raw),
            city=from_city,
            upstream=history or None,
        )
    context = state.context
    labels = _marker_labels(origin, new_origin, context.document_language)
    ours, position = remove_top_level(copy.text, "origin")
    merged = merge_text(
        ours,
        reset_text(base_files[BLUEPRINT].decode("utf-8-sig"), context),
        reset_text(theirs_raw.decode("utf-8-sig"), context),
        labels=labels,
    )
    taken = settle(merged.text, takes)
    writes: dict[str, bytes | None] = {}
    conflicts: list[Conflict] = []
    for rel in sorted(set(state.assets) | set(theirs_assets)):
        base, theirs = base_files.get(rel), theirs_assets.get(rel)
        target = copy.folder / rel
        local = target.read_bytes() if target.is_file() and not target.is_symlink() else None
        if theirs == base or local == theirs:
            continue
        if local == base:
            writes[rel] = theirs
            continue
        texts = [_text(v) for v in (local, base, theirs)]
        if all(t is not None for t in texts):
            result = merge_text(texts[0] or "", texts[1] or "", texts[2] or "", labels=labels)
            writes[rel] = result.text.encode("utf-8")
            conflicts += [Conflict(rel, a, b) for a, b in conflict_lines(result.text)]
        else:
            if theirs is not None:
                writes[rel + ".upstream"] = theirs
            conflicts.append(Conflict(rel, 0, 0))
    shown_origin = copy.origin if has_markers(taken.text) or conflicts else new_origin
    assert shown_origin is not None
    final = insert_top_level(taken.text, _origin_position(ours, position, taken.text), "origin", shown_origin.to_dict())
    conflicts = _blueprint_conflicts(copy.file.name, final) + conflicts
    shown = copy.on_disk if copy.on_disk is not None else copy.text
    diff = _unified(copy.file.name, shown.encode("utf-8"), final.encode("utf-8"))
    diff += "".join(
        _unified(rel, (copy.folder / rel).read_bytes() if (copy.folder / rel).is_file() else None, data)
        for rel, data in writes.items()
    )
    result = UpdateResult(
        str(copy.file),
        "conflicts" if conflicts else "updated",
        _label(copy.origin or origin),
        new_origin.ref,
        new_origin.commit,
        new_origin.version,
        conflicts,
        diff,
        dry_run,
        settled=taken.settled,
        unmatched=taken.unmatched,
    )
    if not conflicts:
        from kltransfer.validation.validate import validate_text

        report = validate_text(final, str(copy.file), base_dir=copy.folder)
        result.errors, result.warnings = report.errors, report.warnings
        result.findings = [f for f in report.findings if f.severity is Severity.ERROR]
    if dry_run:
        return result
    write_atomic(edit_target(copy.file), final.encode("utf-8"))  # never through a link leaving the folder
    for rel, data in writes.items():
        if data is None:
            remove_file(copy.folder, rel)
        else:
            write_file(copy.folder, rel, data)
    upstream_files = {BLUEPRINT: theirs_raw, **theirs_assets}
    if conflicts:
        replace_state_files(copy.folder, PENDING_DIR, upstream_files)
        listed = sorted({c.file for c in conflicts if c.first_line} - {copy.file.name})
        pending = {"origin": new_origin.to_dict(), "assets": sorted(theirs_assets), "conflicts": listed}
        write_file(
            copy.folder, f"{STATE_DIR}/{PENDING_FILE}", (json.dumps(pending, indent=2, allow_nan=False) + "\n").encode()
        )
        return result
    replace_state_files(copy.folder, BASE_DIR, upstream_files)
    new_state = AdoptionState(state.kind, new_path, context, sorted(theirs_assets))
    write_file(copy.folder, f"{STATE_DIR}/{STATE_FILE}", new_state.to_json().encode("utf-8"))
    if resolved or (copy.folder / STATE_DIR / PENDING_FILE).exists():
        replace_state_files(copy.folder, PENDING_DIR, {})
        remove_file(copy.folder, f"{STATE_DIR}/{PENDING_FILE}")
    return result


def _still_marked(copy: AdoptedCopy, pending: dict[str, object] | None) -> list[Conflict]:
    """Conflict regions still in the copy: in its blueprint and in every file listed as conflicted.

    The merge is recorded only when none is left. Files from an earlier version, whose record lists
    no conflicted files, are all checked.
    """
    marked = _blueprint_conflicts(copy.file.name, copy.text) if copy.conflicted else []
    if pending is None:
        return marked
    listed = pending.get("conflicts")
    if not isinstance(listed, list):
        assets = pending.get("assets")
        listed = [*(copy.state.assets if copy.state else []), *(assets if isinstance(assets, list) else [])]
    for rel in sorted({r for r in listed if isinstance(r, str) and is_safe(r)}):
        try:
            path = inside(copy.folder, rel)
        except OutputRefused:
            continue
        if not path.is_symlink() and path.is_file():
            text = _text(path.read_bytes())
            marked += [Conflict(rel, a, b) for a, b in conflict_lines(text or "")]
    return marked


def update_paths(
    paths: Sequence[str | os.PathLike[str]],
    *,
    ref: str | None = None,
    dry_run: bool = False,
    offline: bool = False,
    takes: Sequence[tuple[str, KeyPath]] = (),
) -> list[UpdateResult]:
    """Update every adopted blueprint under ``paths``; ``takes`` settle conflicts by key path (see
    :func:`kltransfer.adoption.conflicts.settle`): ``[("upstream", ("costs", "investment", "total"))]``."""
    from kltransfer.adoption.status import adopted_files

    return [update_file(file, ref=ref, dry_run=dry_run, offline=offline, takes=takes) for file in adopted_files(paths)]
