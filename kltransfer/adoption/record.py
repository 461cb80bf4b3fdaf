"""The provenance record and the adoption state kept beside an adopted copy.

- In the blueprint: the ``origin`` mapping (source, ref, commit, blueprint, version, adopted,
  checksum), which the format defines and ``validate`` checks.
- In ``.kltransfer/`` beside it, written by kltransfer and not meant for editing:
  ``adoption.json`` (where the blueprint sits in the source, its assets, the local context
  given at adoption), ``base/`` (the upstream files exactly as adopted: the common ancestor
  of the three-way update) and, while conflicts are open, ``pending/`` with ``pending.json``
  (the upstream state the conflicts came from).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from kltransfer.adoption.context import LocalContext
from kltransfer.destination.files import write_atomic
from kltransfer.destination.paths import folder_inside, inside, make_folders, plain_parts
from kltransfer.errors import InputError
from kltransfer.i18n import _
from kltransfer.sources.paths import is_safe

STATE_DIR = ".kltransfer"
STATE_FILE = "adoption.json"
BASE_DIR = "base"
PENDING_DIR = "pending"
PENDING_FILE = "pending.json"
BLUEPRINT = "blueprint.yaml"
STATE_FORMAT = 1
ORIGIN_KEYS = ("source", "ref", "commit", "blueprint", "version", "adopted", "checksum", "city", "upstream")


def checksum(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


@dataclass(slots=True)
class Origin:
    """The ``origin`` mapping of an adopted blueprint."""

    source: str
    blueprint: str
    adopted: str
    ref: str | None = None
    commit: str | None = None
    version: str | None = None
    checksum: str | None = None
    #: Who published the original (its owner body or lead city).
    city: str | None = None
    #: What the original says happened in its city (see :mod:`kltransfer.adoption.own`).
    upstream: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        values = asdict(self)
        return {key: values[key] for key in ORIGIN_KEYS if values.get(key) not in (None, {})}

    @classmethod
    def from_data(cls, data: Any) -> Origin | None:
        if not isinstance(data, dict) or not all(isinstance(data.get(k), str) for k in ("source", "blueprint")):
            return None
        values: dict[str, Any] = {k: data[k] if isinstance(data.get(k), str) else None for k in ORIGIN_KEYS}
        values["adopted"] = values["adopted"] or ""
        values["upstream"] = data["upstream"] if isinstance(data.get("upstream"), dict) else None
        return cls(**values)


@dataclass(slots=True)
class AdoptionState:
    """``.kltransfer/adoption.json``."""

    kind: str
    path_in_source: str
    context: LocalContext
    assets: list[str] = field(default_factory=list)

    def to_json(self) -> str:
        return (
            json.dumps(
                {
                    "format": STATE_FORMAT,
                    "kind": self.kind,
                    "path_in_source": self.path_in_source,
                    "assets": self.assets,
                    "context": self.context.to_dict(),
                },
                indent=2,
                allow_nan=False,
            )
            + "\n"
        )

    @classmethod
    def read(cls, folder: Path) -> AdoptionState | None:
        path = folder / STATE_DIR / STATE_FILE
        if not path.is_file():
            return None
        try:
            data = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError) as exc:
            raise InputError(
                _("cannot read '{path}': {reason}", path=path, reason=exc),
                hint=_("adopt the blueprint again with --force"),
            ) from None
        if not isinstance(data, dict):
            raise InputError(_("'{path}' is not a JSON object", path=path))
        assets = [a for a in data.get("assets") or [] if isinstance(a, str) and is_safe(a)]
        return cls(
            str(data.get("kind", "git")),
            str(data.get("path_in_source", BLUEPRINT)),
            LocalContext.from_dict(data.get("context")),
            assets,
        )


def read_state_files(folder: Path, sub: str) -> dict[str, bytes]:
    """Files below ``.kltransfer/<sub>`` (``base`` or ``pending``) by their relative path."""
    root = folder / STATE_DIR / sub
    files: dict[str, bytes] = {}
    if not root.is_dir():
        return files
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            files[path.relative_to(root).as_posix()] = path.read_bytes()
    return files


def read_pending(folder: Path) -> dict[str, Any] | None:
    path = folder / STATE_DIR / PENDING_FILE
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def write_file(folder: Path, rel: str, data: bytes) -> None:
    """Write ``folder/rel`` through a temporary file and a rename, never through a link."""
    target = inside(folder, rel)
    make_folders(folder, plain_parts(rel)[:-1])
    write_atomic(target, data)


def remove_file(folder: Path, rel: str) -> None:
    """Remove the file (or link) ``folder/rel``; nothing is followed, a folder is never removed."""
    target = inside(folder, rel)
    if os.path.lexists(target):
        target.unlink()


def replace_state_files(folder: Path, sub: str, files: dict[str, bytes]) -> None:
    """Make ``.kltransfer/<sub>`` (kltransfer's own record, see the module docstring) hold exactly ``files``."""
    for rel, data in files.items():
        write_file(folder, f"{STATE_DIR}/{sub}/{rel}", data)
    prune_state_files(folder, sub, set(files))


def prune_state_files(folder: Path, sub: str, files: set[str]) -> None:
    """Remove from ``.kltransfer/<sub>`` every file not in ``files``, links as links, then its empty folders."""
    root = folder_inside(folder, f"{STATE_DIR}/{sub}")
    if not root.is_dir():
        return
    for current, dirs, names in os.walk(root, topdown=False):  # never into a linked folder
        here = Path(current)
        for name in names + [d for d in dirs if (here / d).is_symlink()]:
            if (here / name).relative_to(root).as_posix() not in files:
                (here / name).unlink()
        for name in dirs:
            if not (here / name).is_symlink() and not any((here / name).iterdir()):
                (here / name).rmdir()
    if not any(root.iterdir()):
        root.rmdir()
