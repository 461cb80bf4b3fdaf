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
    sources = _ids(data, "sources", "KT253", emit)
    for path, value in _citing(data, ()):
        if isinstance(value, str) and value not in sources:
            _unknown_id("KT253", path, value, sources, emit)
    for i, citation in items(data, "citations"):
        where = citation.get("path")
        if isinstance(where, str) and not _exists(data, where):
            emit(
                "KT254",
                ("citations", i, "path"),
                tr("KT254", "'{path}' names no value in this file", path=where),
                tr("KT254", "write the key path as validate shows it, e.g. costs.investment.total or goals[0].kpis[1]"),
            )
    decisions = _ids(data, "decisions", "KT255", emit)
    places = [
        (("timeline", "milestones", i, "decision"), m.get("decision"))
        for i, m in items(mapping(data, "timeline"), "milestones")
    ]
    places += [(("transfer", "adopters", i, "decision"), a.get("decision")) for i, a in adopters(data)]
    for path, value in places:
        if isinstance(value, str) and value not in decisions:
            _unknown_id("KT255", path, value, decisions, emit)


def _ids(data: dict[str, Any], section: str, code: str, emit: Emit) -> set[str]:
    seen: dict[str, int] = {}
    for i, entry in items(data, section):
        value = entry.get("id")
        if not isinstance(value, str):
            continue
        if value in seen:
            emit(
                code,
                (section, i, "id"),
                tr(
                    code,
                    "the id '{id}' is given twice in {section} (also entry {n})",
                    id=value,
                    section=section,
                    n=seen[value] + 1,
                ),
                tr(code, "give each entry its own id"),
            )
        else:
            seen[value] = i
    return set(seen)


def _unknown_id(code: str, path: KeyPath, value: str, known: set[str], emit: Emit) -> None:
    section = "sources" if code == "KT253" else "decisions"
    guess = closest(value, known)
    hint = (
        tr(code, "did you mean '{id}'?", id=guess)
        if guess
        else tr(code, "add an entry with id: {id} to '{section}'", id=value, section=section)
    )
    emit(code, path, tr(code, "'{id}' is not the id of an entry in '{section}'", id=value, section=section), hint)


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
