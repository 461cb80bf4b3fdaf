"""Compare two blueprints value by value.

Mappings are compared key by key (in the order of the new file, then keys only the old file
has); lists item by item by position. Comments, quoting and layout do not count.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from kltransfer.errors import InputError
from kltransfer.i18n import N_, _
from kltransfer.i18n.reasons import os_reason
from kltransfer.loading.keypath import KeyPath, format_key_path
from kltransfer.loading.yaml_loader import load_file

ADDED, REMOVED, CHANGED = "added", "removed", "changed"
_SIGN = {ADDED: "+", REMOVED: "-", CHANGED: "~"}
TOP_LEVEL = N_("(top level)")


@dataclass(frozen=True, slots=True)
class Change:
    kind: str
    path: KeyPath
    old: Any = None
    new: Any = None

    @property
    def key_path(self) -> str:
        """The key path; ``(top level)`` (in every language: JSON keeps it stable) for the whole file."""
        return format_key_path(self.path) or TOP_LEVEL

    @property
    def shown_path(self) -> str:
        """The key path for people: the whole file is "(top level)" in their language."""
        return format_key_path(self.path) or _(TOP_LEVEL)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"change": self.kind, "path": self.key_path}
        if self.kind != ADDED:
            out["old"] = self.old
        if self.kind != REMOVED:
            out["new"] = self.new
        return out


def _same_kind(a: Any, b: Any) -> bool:
    return type(a) is type(b) or (
        isinstance(a, int | float)
        and isinstance(b, int | float)
        and not isinstance(a, bool)
        and not isinstance(b, bool)
    )


def diff_data(old: Any, new: Any, path: KeyPath = ()) -> list[Change]:
    """Every difference between ``old`` and ``new``, the deepest key path that differs."""
    if isinstance(old, dict) and isinstance(new, dict):
        changes: list[Change] = []
        for key in new:
            if key not in old:
                changes.append(Change(ADDED, (*path, key), new=new[key]))
            else:
                changes += diff_data(old[key], new[key], (*path, key))
        changes += [Change(REMOVED, (*path, key), old=old[key]) for key in old if key not in new]
        return changes
    if isinstance(old, list) and isinstance(new, list):
        changes = []
        for i in range(max(len(old), len(new))):
            if i >= len(old):
                changes.append(Change(ADDED, (*path, i), new=new[i]))
            elif i >= len(new):
                changes.append(Change(REMOVED, (*path, i), old=old[i]))
            else:
                changes += diff_data(old[i], new[i], (*path, i))
        return changes
    if _same_kind(old, new) and old == new:
        return []
    return [Change(CHANGED, path, old, new)]


def _load(path: str | os.PathLike[str]) -> dict[str, Any]:
    try:
        doc, findings = load_file(path)
    except OSError as exc:
        raise InputError(_("cannot read '{path}': {reason}", path=os.fspath(path), reason=os_reason(exc))) from None
    if doc is None:
        first = findings[0] if findings else None
        raise InputError(
            _(
                "cannot read '{path}':{line}:{column}: {reason}",
                path=os.fspath(path),
                line=first.line,
                column=first.column,
                reason=first.message,
            )
            if first
            else _("cannot read '{path}'", path=os.fspath(path))
        )
    return doc.data


def diff_files(old: str | os.PathLike[str], new: str | os.PathLike[str]) -> list[Change]:
    """Changes from the blueprint file ``old`` to ``new``; :class:`InputError` if one cannot be read."""
    return diff_data(_load(_blueprint_file(old)), _load(_blueprint_file(new)))


def _blueprint_file(path: str | os.PathLike[str]) -> str | os.PathLike[str]:
    """A blueprint folder stands for its blueprint.yaml, as in every other command."""
    if not Path(path).is_dir():
        return path
    if (Path(path) / "blueprint.yaml").is_file():
        return Path(path) / "blueprint.yaml"
    raise InputError(
        _("'{path}' is a folder without a blueprint.yaml", path=os.fspath(path)),
        hint=_("give two blueprint files or their folders"),
    )


def _show(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=False, allow_nan=False)


def write_text(changes: list[Change], out: TextIO) -> None:
    from kltransfer.terminal import printable

    for change in changes:
        if change.kind == ADDED:
            line = f"+ {change.shown_path}: {_show(change.new)}"
        elif change.kind == REMOVED:
            line = f"- {change.shown_path}: {_show(change.old)}"
        else:
            line = f"~ {change.shown_path}: {_show(change.old)} -> {_show(change.new)}"
        out.write(printable(line) + "\n")


def write_json(changes: list[Change], out: TextIO, *, old: str, new: str) -> None:
    summary = {kind: sum(1 for c in changes if c.kind == kind) for kind in (ADDED, REMOVED, CHANGED)}
    from kltransfer.jsonout import dump

    dump(
        {"old": old, "new": new, "equal": not changes, "changes": [c.to_dict() for c in changes], "summary": summary},
        out,
    )
    out.write("\n")
