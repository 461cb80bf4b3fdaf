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
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from kltransfer.adoption.context import LocalContext
from kltransfer.atomic import write_atomic
from kltransfer.errors import InputError, OutputError
from kltransfer.i18n import _
from kltransfer.sources.paths import is_safe

STATE_DIR = ".kltransfer"
STATE_FILE = "adoption.json"
BASE_DIR = "base"
PENDING_DIR = "pending"
PENDING_FILE = "pending.json"
BLUEPRINT = "blueprint.yaml"
STATE_FORMAT = 1
ORIGIN_KEYS = ("source", "ref", "commit", "blueprint", "version", "adopted", "checksum")


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

    def to_dict(self) -> dict[str, str]:
        values = asdict(self)
        return {key: values[key] for key in ORIGIN_KEYS if values.get(key) is not None}

    @classmethod
    def from_data(cls, data: Any) -> Origin | None:
        if not isinstance(data, dict) or not all(isinstance(data.get(k), str) for k in ("source", "blueprint")):
            return None
        values = {k: data[k] if isinstance(data.get(k), str) else None for k in ORIGIN_KEYS}
        values["adopted"] = values["adopted"] or ""
        return cls(**values)  # type: ignore[arg-type]


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


def _inside(folder: Path, rel: str) -> Path:
    leaves = _("refusing to write '{file}': it would leave {folder}", file=rel, folder=folder)
    if not is_safe(rel):
        raise OutputError(leaves)
    target = folder / rel
    root = folder.resolve()
    probe = target.parent
    while probe != folder and probe != probe.parent:
        if probe.is_symlink():
            raise OutputError(_("refusing to write '{file}': '{link}' is a symbolic link", file=rel, link=probe))
        probe = probe.parent
    if not target.parent.resolve().is_relative_to(root):
        raise OutputError(leaves)
    return target


def write_file(folder: Path, rel: str, data: bytes) -> None:
    """Write ``folder/rel`` through a temporary file and a rename, never through a link."""
    target = _inside(folder, rel)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, data)


def remove_file(folder: Path, rel: str) -> None:
    target = _inside(folder, rel)
    if target.is_file() or target.is_symlink():
        target.unlink()


def replace_state_files(folder: Path, sub: str, files: dict[str, bytes]) -> None:
    """Make ``.kltransfer/<sub>`` hold exactly ``files``."""
    import shutil

    root = folder / STATE_DIR / sub
    for rel, data in files.items():
        write_file(folder, f"{STATE_DIR}/{sub}/{rel}", data)
    if root.is_dir():
        for path in sorted(root.rglob("*"), reverse=True):
            rel = path.relative_to(root).as_posix()
            if path.is_file() and rel not in files:
                path.unlink()
            elif path.is_dir() and not path.is_symlink() and not any(path.iterdir()):
                path.rmdir()
    if not files and root.is_dir():
        shutil.rmtree(root)
