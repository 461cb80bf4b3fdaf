"""One entry point for every kind of source."""

from __future__ import annotations

from kltransfer.errors import UsageError
from kltransfer.i18n import _
from kltransfer.sources.snapshot import Snapshot
from kltransfer.sources.spec import classify


def open_source(source: str, *, ref: str | None = None, offline: bool = False) -> Snapshot:
    """A snapshot of ``source`` (a git URL or path, a folder or a bundle) at ``ref``."""
    spec = classify(source)
    if spec.kind == "git":
        from kltransfer.sources.git_source import open_git

        return open_git(spec.location, ref, offline=offline)
    if ref:
        raise UsageError(
            _("--ref applies to git sources only; '{source}' is a bundle", source=source)
            if spec.kind == "bundle"
            else _("--ref applies to git sources only; '{source}' is a folder", source=source)
        )
    if spec.kind == "bundle":
        from kltransfer.sources.bundle import open_bundle

        return open_bundle(spec.location)[0]
    from kltransfer.sources.folder import open_folder

    return open_folder(spec.location)
