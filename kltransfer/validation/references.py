"""What format 1.2 refers to by id or path: sources (``cite``), citations, decisions (KT253-KT255)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from kltransfer.i18n import tr
from kltransfer.loading.keypath import KeyPath
from kltransfer.shape import adopters, items, mapping
from kltransfer.validation.suggest import closest

Emit = Callable[..., None]
_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
_KEY_PATH = re.compile(r"[^.\[\]]+(\.[^.\[\]]+|\[\d+\])*")


def check_references(data: dict[str, Any], emit: Emit) -> None:
    sources = _ids(data, "sources")
    for path, section, i, other in _repeated(data, "sources"):
        emit(
            "KT253",
            path,
            tr(
                "KT253",
                "the id '{id}' is given twice in {section} (also entry {n})",
                id=other,
                section=section,
                n=i + 1,
            ),
            tr("KT253", "give each entry its own id"),
        )
    for path, value in _citing(data, ()):
        if isinstance(value, str) and value not in sources:
            guess = closest(value, sources)
            emit(
                "KT253",
                path,
                tr("KT253", "'{id}' is not the id of an entry in 'sources'", id=value),
                tr("KT253", "did you mean '{id}'?", id=guess)
                if guess
                else tr("KT253", "add an entry with id: {id} to 'sources', with its title and url", id=value),
            )
    for i, citation in items(data, "citations"):
        where = citation.get("path")
        if isinstance(where, str) and not _exists(data, where):
            emit(
                "KT254",
                ("citations", i, "path"),
                tr("KT254", "'{path}' names no value in this file", path=where),
                tr("KT254", "write the key path as validate shows it, e.g. costs.investment.total or goals[0].kpis[1]"),
            )
    decisions = _ids(data, "decisions")
    for path, section, i, other in _repeated(data, "decisions"):
        emit(
            "KT255",
            path,
            tr(
                "KT255",
                "the id '{id}' is given twice in {section} (also entry {n})",
                id=other,
                section=section,
                n=i + 1,
            ),
            tr("KT255", "give each entry its own id"),
        )
    places = [
        (("timeline", "milestones", i, "decision"), m.get("decision"))
        for i, m in items(mapping(data, "timeline"), "milestones")
    ]
    places += [(("transfer", "adopters", i, "decision"), a.get("decision")) for i, a in adopters(data)]
    for path, value in places:
        if isinstance(value, str) and value not in decisions:
            guess = closest(value, decisions)
            emit(
                "KT255",
                path,
                tr("KT255", "'{id}' is not the id of an entry in 'decisions'", id=value),
                tr("KT255", "did you mean '{id}'?", id=guess)
                if guess
                else tr("KT255", "add an entry with id: {id} to 'decisions', with the body and the subject", id=value),
            )


def _ids(data: dict[str, Any], section: str) -> set[str]:
    return {entry["id"] for _, entry in items(data, section) if isinstance(entry.get("id"), str)}


def _repeated(data: dict[str, Any], section: str) -> Iterator[tuple[KeyPath, str, int, str]]:
    """Where an id of ``section`` is given again: its key path, the section, the first entry, the id."""
    seen: dict[str, int] = {}
    for i, entry in items(data, section):
        value = entry.get("id")
        if isinstance(value, str):
            if value in seen:
                yield (section, i, "id"), section, seen[value], value
            else:
                seen[value] = i


def _citing(value: Any, path: KeyPath) -> Iterator[tuple[KeyPath, Any]]:
    """Every id in a ``cite`` list, anywhere in the file, with its key path."""
    if isinstance(value, dict):
        for key, child in value.items():
            if key == "cite" and isinstance(child, list):
                yield from (((*path, key, j), item) for j, item in enumerate(child))
            else:
                yield from _citing(child, (*path, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from _citing(child, (*path, i))


def parse_key_path(text: str) -> KeyPath | None:
    """``costs.investment.total`` or ``goals[0].kpis[1]`` as a key path; None when it is not one."""
    if not _KEY_PATH.fullmatch(text):
        return None
    return tuple(int(index) if index else key for key, index in _PART.findall(text))


def _exists(data: Any, text: str) -> bool:
    path = parse_key_path(text)
    if path is None:
        return False
    node = data
    for part in path:
        found = isinstance(part, int) and isinstance(node, list) and 0 <= part < len(node)
        found = found or (isinstance(part, str) and isinstance(node, dict) and part in node)
        if not found:
            return False
        node = node[part]
    return True
