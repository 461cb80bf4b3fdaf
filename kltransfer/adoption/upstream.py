"""Looking up the newest upstream state of an adopted blueprint's source."""

from __future__ import annotations

from dataclasses import dataclass

from kltransfer.adoption.record import AdoptionState, Origin, checksum
from kltransfer.adoption.select import Candidate, candidates
from kltransfer.errors import InputError
from kltransfer.i18n import _
from kltransfer.sources import versions
from kltransfer.sources.snapshot import Snapshot
from kltransfer.sources.spec import classify


@dataclass(slots=True)
class Upstream:
    """Where the source stands now, and whether that is newer than the record."""

    kind: str
    ref: str | None
    commit: str | None
    newer: bool
    #: Version tags newer than the recorded one, highest first (git sources with a version tag).
    newer_tags: list[str]


def _git_target(mirror: object, origin: Origin) -> tuple[str, list[str]]:
    from kltransfer.sources.git_source import GitMirror

    assert isinstance(mirror, GitMirror)
    tags = mirror.tags()
    recorded = origin.ref or ""
    if recorded and versions.is_version_tag(recorded):
        newer = versions.newer_than(tags, recorded)
        return (newer[0] if newer else recorded if recorded in tags else origin.commit or recorded), newer
    if recorded and recorded in mirror.branches():
        return recorded, []
    newest = versions.newest(tags)
    if (
        newest
        and tags[newest] != origin.commit
        and (not origin.commit or mirror.is_ancestor(origin.commit, tags[newest]))
    ):
        return newest, [newest]
    return origin.commit or mirror.default_ref(), []


def locate(origin: Origin, *, ref: str | None = None, offline: bool = False) -> tuple[Upstream, Snapshot | None]:
    """The upstream state to compare with or update to; the snapshot only for folders and bundles."""
    spec = classify(origin.source)
    if spec.kind == "git":
        from kltransfer.sources.git_source import GitMirror

        mirror = GitMirror(spec.location)
        mirror.ensure(offline=offline)
        target, newer_tags = (ref, []) if ref else _git_target(mirror, origin)
        commit = mirror.resolve(target)
        return Upstream("git", target, commit, commit != origin.commit, newer_tags), None
    from kltransfer.sources.open import open_source

    snapshot = open_source(spec.location, ref=ref)
    return Upstream(spec.kind, None, None, False, []), snapshot


def git_snapshot(origin: Origin, upstream: Upstream) -> Snapshot:
    from kltransfer.sources.git_source import open_git

    return open_git(classify(origin.source).location, upstream.commit, offline=True)


def find_blueprint(snapshot: Snapshot, origin: Origin, state: AdoptionState | None) -> Candidate:
    """The adopted blueprint in a (newer) snapshot: at the recorded path, else by its id."""
    found = candidates(snapshot)
    if state is not None:
        for candidate in found:
            if candidate.path == state.path_in_source:
                return candidate
    for candidate in found:
        if candidate.id == origin.blueprint:
            return candidate
    raise InputError(
        _(
            "the blueprint '{id}' is no longer in '{source}' at {ref}",
            id=origin.blueprint,
            source=origin.source,
            ref=snapshot.ref,
        )
        if snapshot.ref
        else _("the blueprint '{id}' is no longer in '{source}'", id=origin.blueprint, source=origin.source),
        hint=_("it may have been moved or renamed upstream; adopt it again"),
    )


def snapshot_changed(snapshot: Snapshot, origin: Origin, state: AdoptionState | None) -> tuple[bool, str | None]:
    """Whether a folder or bundle now holds a different blueprint than recorded, and its version."""
    candidate = find_blueprint(snapshot, origin, state)
    version = candidate.data.get("version") if candidate.data else None
    return checksum(snapshot.read(candidate.path)) != origin.checksum, version if isinstance(version, str) else None
