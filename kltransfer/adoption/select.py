"""Finding the blueprint in a source, choosing among several, and the files it brings along."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import Any

from kltransfer.adoption.language import text_in
from kltransfer.errors import InputError, UsageError
from kltransfer.i18n import _, _n, get_language
from kltransfer.loading.yaml_loader import load_text
from kltransfer.sources.paths import is_safe
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

    Bundles: every file of the bundle's ``source/`` folder. Repositories and folders: the
    local files the blueprint refers to (``documents[].path``, ``components[].publiccode``).
    """
    folder = posixpath.dirname(blueprint_path)
    prefix = f"{folder}/" if folder else ""
    if snapshot.kind == "bundle":
        rels = (p[len(prefix) :] for p in snapshot.paths if p.startswith(prefix) and p != blueprint_path)
        return sorted(r for r in rels if not _reserved(r))
    wanted: set[str] = set()
    for section, key in (("documents", "path"), ("components", "publiccode")):
        items = data.get(section) if data else None
        for item in items if isinstance(items, list) else []:
            value = item.get(key) if isinstance(item, dict) else None
            if isinstance(value, str) and "://" not in value and is_safe(posixpath.normpath(value)):
                rel = posixpath.normpath(value)
                if snapshot.has(prefix + rel) and not _reserved(rel):
                    wanted.add(rel)
    return sorted(wanted)
