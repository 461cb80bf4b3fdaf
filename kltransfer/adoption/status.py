"""``status``: for each adopted blueprint, is there a newer upstream version, and was it edited here?"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from kltransfer.adoption.local import local_edits as find_local_edits
from kltransfer.adoption.local import read_copy
from kltransfer.adoption.record import read_pending
from kltransfer.adoption.upstream import locate, snapshot_changed
from kltransfer.errors import InputError, KltransferError
from kltransfer.i18n import _, _n


@dataclass(slots=True)
class AdoptionStatus:
    path: str
    source: str
    blueprint: str
    ref: str | None
    commit: str | None
    version: str | None
    #: The newer upstream state: a version tag, a branch with new commits, or "changed".
    newer: str | None = None
    newer_commit: str | None = None
    newer_version: str | None = None
    local_edits: bool | None = None
    conflicts: bool = False
    pending: bool = False
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def adopted_files(paths: Sequence[str | os.PathLike[str]]) -> list[Path]:
    """Blueprint files under ``paths`` (default: the current folder) that have an origin."""
    from kltransfer.validation.discovery import discover

    found = []
    unreadable: list[KltransferError] = []
    for name in discover(paths):
        file = Path(name)
        try:
            copy = read_copy(file)
        except KltransferError as exc:
            unreadable.append(exc)
            continue
        if copy.origin is not None:
            found.append(file)
    if not found:
        shown = ", ".join(os.fspath(p) for p in paths) or "."
        # an unreadable file may be the adopted copy the user means: say why it was skipped
        message = (
            _n(
                "no adopted blueprint (one with an origin) found in {paths}; {n} file skipped, because: {reason}",
                "no adopted blueprint (one with an origin) found in {paths}; {n} files skipped, the first because: "
                "{reason}",
                len(unreadable),
                paths=shown,
                reason=unreadable[0].message,
            )
            if unreadable
            else _("no adopted blueprint (one with an origin) found in {paths}", paths=shown)
        )
        raise InputError(
            message,
            hint=(unreadable[0].hint if unreadable else None)
            or _("adopt one with 'kltransfer adopt SOURCE --into DIR'"),
        )
    return found


def status_of(file: Path, *, offline: bool = False) -> AdoptionStatus:
    copy = read_copy(file)
    origin = copy.origin
    if origin is None:
        raise InputError(_("'{path}' has no origin: it was not adopted", path=file))
    result = AdoptionStatus(
        str(file),
        origin.source,
        origin.blueprint,
        origin.ref,
        origin.commit,
        origin.version,
        conflicts=copy.conflicted,
        pending=read_pending(copy.folder) is not None,
    )
    result.local_edits = find_local_edits(copy)
    try:
        upstream, snapshot = locate(origin, offline=offline)
        if snapshot is not None:
            changed, version = snapshot_changed(snapshot, origin, copy.state)
            if changed:
                result.newer, result.newer_version = "changed", version
        elif upstream.newer:
            result.newer, result.newer_commit = upstream.ref, upstream.commit
            if upstream.ref and upstream.ref in upstream.newer_tags:
                result.newer_version = upstream.ref.removeprefix("v")
    except KltransferError as exc:
        result.error = exc.message
    return result


def status_paths(paths: Sequence[str | os.PathLike[str]], *, offline: bool = False) -> list[AdoptionStatus]:
    return [status_of(file, offline=offline) for file in adopted_files(paths)]
