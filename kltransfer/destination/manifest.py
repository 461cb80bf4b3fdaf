"""The manifest: what one run wrote into its output tree, every file with its SHA-256.

It lies at the top of the tree (``.kltransfer-export.json``, ``.kltransfer-catalog.json``) and
also marks the folder as an earlier output of that command. The next run deletes a file only
when the manifest lists it *and* its content still has the recorded hash, so a file a person
changed or added is never deleted, and a forged manifest (made-up hashes, or one copied from
another folder) cannot make a run delete anything that is not byte for byte what kltransfer wrote.
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kltransfer import __version__
from kltransfer.destination.paths import unsafe_reason

FORMAT = 1
#: Keys of the manifest itself; the command's own data takes the other top-level keys.
RESERVED = frozenset({"kltransfer_output", "generator", "command", "files", "folders", "theirs"})
#: A manifest larger than this is not read (and the folder counts as foreign).
MAX_BYTES = 256 * 1024 * 1024
_HASH = re.compile(r"^[0-9a-f]{64}$")
_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


@dataclass(slots=True)
class Manifest:
    command: str
    #: Relative POSIX path -> SHA-256 (hex) of every file the run wrote.
    files: dict[str, str] = field(default_factory=dict)
    #: The folders the run created.
    folders: set[str] = field(default_factory=set)
    #: Files and folders in the tree that kltransfer did not write (already reported once).
    theirs: set[str] = field(default_factory=set)
    #: The command's own data (export: the blueprints; catalog: the build state).
    data: dict[str, Any] = field(default_factory=dict)

    def chunks(self) -> Iterator[str]:
        """The manifest as JSON, in pieces (a catalog of thousands of files is never one string)."""
        head = {
            "kltransfer_output": FORMAT,
            "generator": f"kltransfer {__version__}",
            "command": self.command,
            "folders": sorted(self.folders),
            "theirs": sorted(self.theirs),
        }
        head.update({k: v for k, v in self.data.items() if k not in RESERVED})
        encoder = json.JSONEncoder(ensure_ascii=False, indent=1, sort_keys=True, allow_nan=False)
        yield "{\n"
        for key, value in sorted(head.items()):
            yield f" {json.dumps(key, allow_nan=False)}: "
            yield from encoder.iterencode(value)
            yield ",\n"
        yield ' "files": {'
        separator = "\n  "
        for rel in sorted(self.files):
            name = json.dumps(rel, ensure_ascii=False, allow_nan=False)
            digest = json.dumps(self.files[rel], allow_nan=False)
            yield f"{separator}{name}: {digest}"
            separator = ",\n  "
        yield "\n }\n}\n"

    @classmethod
    def read(cls, path: Path, command: str) -> Manifest | None:
        """The manifest at ``path`` written by ``command``; ``None`` when there is none, or it is a
        link, unreadable, too large, of another command or not a manifest at all."""
        try:
            fd = os.open(path, _FLAGS)
        except OSError:
            return None
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
                return None
            with os.fdopen(os.dup(fd), "rb") as fh:
                raw = fh.read(MAX_BYTES + 1)
        except OSError:
            return None
        finally:
            os.close(fd)
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            return None
        if not isinstance(data, dict) or data.get("kltransfer_output") != FORMAT or data.get("command") != command:
            return None
        files = data.get("files")
        if not isinstance(files, dict):
            return None
        return cls(
            command,
            {
                rel: digest
                for rel, digest in files.items()
                if isinstance(digest, str) and _HASH.match(digest) and unsafe_reason(rel) is None
            },
            _plain(data.get("folders")),
            _plain(data.get("theirs")),
            {k: v for k, v in data.items() if k not in RESERVED},
        )


def _plain(value: Any) -> set[str]:
    if not isinstance(value, list):
        return set()
    return {rel for rel in value if isinstance(rel, str) and unsafe_reason(rel) is None}
