"""What format 1.2 refers to by id or path: sources (``cite``), citations, decisions (KT253-KT255)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from kltransfer.i18n import tr
from kltransfer.loading.keypath import KeyPath
from kltransfer.shape import adopters, items, mapping
from kltransfer.validation.suggest import closest

TYPE_CHECKING = False  # typing is not imported at run time (docs/performance.md)
if TYPE_CHECKING:
    from typing import Any

Emit = Callable[..., None]
_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
_KEY_PATH = re.compile(r"[^.\[\]]+(\.[^.\[\]]+|\[\d+\])*")


def _source_texts(kind: str, **values: Any) -> str:
    """KT253's texts (each a literal, so that it is extracted with its code)."""
    if kind == "twice":
        return tr("KT253", "the id '{id}' is given twice in {section} (also entry {n})", **values)
    if kind == "own-id":
        return tr("KT253", "give each entry its own id")
    if kind == "unknown":
        return tr("KT253", "'{id}' is not the id of an entry in 'sources'", **values)
    if kind == "guess":
        return tr("KT253", "did you mean '{id}'?", **values)
    return tr("KT253", "add an entry with id: {id} to 'sources', with its title and url", **values)


def _decision_texts(kind: str, **values: Any) -> str:
    """KT255's texts (each a literal, so that it is extracted with its code)."""
    if kind == "twice":
        return tr("KT255", "the id '{id}' is given twice in {section} (also entry {n})", **values)
    if kind == "own-id":
        return tr("KT255", "give each entry its own id")
    if kind == "unknown":
        return tr("KT255", "'{id}' is not the id of an entry in 'decisions'", **values)
    if kind == "guess":
        return tr("KT255", "did you mean '{id}'?", **values)
    return tr("KT255", "add an entry with id: {id} to 'decisions', with the body and the subject", **values)


def check_references(data: dict[str, Any], emit: Emit) -> None:
    _check_ids(data, "sources", "KT253", _source_texts, list(_citing(data, ())), emit)
    for i, citation in items(data, "citations"):
        where = citation.get("path")
        if isinstance(where, str) and not _exists(data, where):
            emit(
                "KT254",
                ("citations", i, "path"),
                tr("KT254", "'{path}' names no value in this file", path=where),
                tr("KT254", "write the key path as validate shows it, e.g. costs.investment.total or goals[0].kpis[1]"),
            )
    places = [
        (("timeline", "milestones", i, "decision"), m.get("decision"))
        for i, m in items(mapping(data, "timeline"), "milestones")
    ]
    places += [(("transfer", "adopters", i, "decision"), a.get("decision")) for i, a in adopters(data)]
    _check_ids(data, "decisions", "KT255", _decision_texts, places, emit)


def _check_ids(
    data: dict[str, Any],
    section: str,
    code: str,
    texts: Callable[..., str],
    references: list[tuple[KeyPath, Any]],
    emit: Emit,
) -> None:
    """The ids of ``section`` are unique, and every reference names one of them."""
    seen: dict[str, int] = {}
    for i, entry in items(data, section):
        value = entry.get("id")
        if not isinstance(value, str):
            continue
        if value in seen:
            message = texts("twice", id=value, section=section, n=seen[value] + 1)
            emit(code, (section, i, "id"), message, texts("own-id"))
        else:
            seen[value] = i
    for path, value in references:
        if isinstance(value, str) and value not in seen:
            guess = closest(value, seen)
            hint = texts("guess", id=guess) if guess else texts("add", id=value)
            emit(code, path, texts("unknown", id=value), hint)


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
