"""Finding the blueprint in a source, choosing among several, and the files it brings along."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import Any

from kltransfer.adoption.language import text_in
from kltransfer.errors import InputError, UsageError
from kltransfer.i18n import _, _n, get_language
from kltransfer.loading.yaml_loader import load_text
from kltransfer.sources.snapshot import Snapshot

BLUEPRINT_NAMES = ("blueprint.yaml", "blueprint.yml")
RESERVED_CHECKLIST = "ADOPTION-CHECKLIST.md"


@dataclass(slots=True)
class Candidate:
    path: str
    id: str
    title: str
    data: dict[str, Any] | None


def candidates(snapshot: Snapshot) -> list[Candidate]:
    paths = snapshot.roots or [
        p
        for p in snapshot.paths
        if posixpath.basename(p) in BLUEPRINT_NAMES and not any(part.startswith(".") for part in p.split("/"))
    ]
    found = []
    for path in paths:
        doc = load_text(snapshot.read(path), path)[0]
        data = doc.data if doc is not None else None
        ident = data.get("id") if data and isinstance(data.get("id"), str) else "?"
        title = text_in(data.get("title"), get_language()) if data else _("(unreadable)")
        found.append(Candidate(path, ident, title, data))
    return found


def _listing(found: list[Candidate]) -> str:
    width = max(len(c.id) for c in found)
    pwidth = max(len(c.path) for c in found)
    return "\n".join(f"  {c.id:<{width}}  {c.path:<{pwidth}}  {c.title}" for c in found)


def choose(snapshot: Snapshot, wanted: str | None) -> Candidate:
    """The blueprint named by ``wanted`` (its id or folder), or the only one in the source."""
    found = candidates(snapshot)
    if not found:
        raise InputError(
            _("no blueprint.yaml found in '{source}' at {ref}", source=snapshot.source, ref=snapshot.ref)
            if snapshot.ref
            else _("no blueprint.yaml found in '{source}'", source=snapshot.source),
            hint=_("check the source and the --ref"),
        )
    if wanted:
        folder = wanted.strip("/")
        matches = [c for c in found if wanted in (c.id, c.path) or posixpath.dirname(c.path) == folder]
        if len(matches) == 1:
            return matches[0]
        raise UsageError(
            _(
                "no single blueprint '{wanted}' in the source; it holds:\n{listing}",
                wanted=wanted,
                listing=_listing(found),
            ),
            hint=_("give one of the ids above with --blueprint"),
        )
    if len(found) > 1:
        raise UsageError(
            _n(
                "the source holds {n} blueprint; choose one with --blueprint ID:\n{listing}",
                "the source holds {n} blueprints; choose one with --blueprint ID:\n{listing}",
                len(found),
                listing=_listing(found),
            ),
            hint=_("e.g. --blueprint {id}", id=found[0].id),
        )
    return found[0]


def _reserved(rel: str) -> bool:
    """Names kltransfer writes itself, and hidden files: never taken from a source."""
    return rel in (*BLUEPRINT_NAMES, RESERVED_CHECKLIST) or any(part.startswith(".") for part in rel.split("/"))


def asset_paths(snapshot: Snapshot, blueprint_path: str, data: dict[str, Any] | None) -> list[str]:
    """Files that come along, relative to the blueprint's folder.

    The local files the blueprint refers to (``documents[].path``, ``components[].publiccode``),
    each under the one rule of :mod:`kltransfer.references`: nothing hidden, nothing outside the
    folder, no link, no device; a folder source is read through that reader itself. A reference
    that breaks the rule stops the adoption (:class:`~kltransfer.references.ReferenceRefused`,
    exit 2): nothing is written. Bundles bring every other file of their ``source/`` folder too.
    """
    from kltransfer.references import ReferenceRefused, inspect_reference, local_references, parts_of

    folder = posixpath.dirname(blueprint_path)
    prefix = f"{folder}/" if folder else ""
    wanted: set[str] = set()
    for _key_path, written in local_references(data):
        rel = "/".join(parts_of(written))  # raises for a path outside the folder or a hidden one
        if snapshot.kind == "folder":
            refused = inspect_reference(posixpath.join(snapshot.source, folder), written)
            if refused is not None:
                raise refused
        if not snapshot.has(prefix + rel) or _reserved(rel):
            raise ReferenceRefused(
                "missing",
                written,
                _(
                    "the blueprint points to '{path}', which the source does not hold as a regular file "
                    "(links are not taken); nothing was adopted",
                    path=written,
                ),
                _("ask the upstream city to put the file itself into the blueprint's folder"),
            )
        wanted.add(rel)
    if snapshot.kind == "bundle":
        rels = (p[len(prefix) :] for p in snapshot.paths if p.startswith(prefix) and p != blueprint_path)
        wanted.update(r for r in rels if not _reserved(r))
    return sorted(wanted)
