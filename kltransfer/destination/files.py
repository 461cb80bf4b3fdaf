"""Single files: the permissions new files and folders get, their content hash, and the atomic
replacement of one file (a temporary file beside it, then one rename over it).

Readers (and an interrupted run) see either the old file or the new one, never half of it. A
symbolic link at the path is replaced by the file itself: nothing is ever written through a link.
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
_CHUNK = 1 << 20


def umask() -> int:
    """The process's umask (read without changing it where the system says it: Linux)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    current = os.umask(0o022)
    os.umask(current)
    return current


def file_mode() -> int:
    """The mode of a new file, as ordinary tools give it: 0666 less the umask (0644 with umask 022)."""
    return 0o666 & ~umask()


def folder_mode() -> int:
    """The mode of a new folder: 0777 less the umask (0755 with umask 022)."""
    return 0o777 & ~umask()


def sha256_file(path: str | os.PathLike[str]) -> str | None:
    """The SHA-256 (hex) of the regular file at ``path``; ``None`` when it is not one (a link is never followed)."""
    try:
        fd = os.open(path, _READ_FLAGS)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        digest = hashlib.sha256()
        while chunk := os.read(fd, _CHUNK):
            digest.update(chunk)
        return digest.hexdigest()
    except OSError:
        return None
    finally:
        os.close(fd)


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_atomic(path: Path, content: bytes | str | Iterable[str]) -> None:
    """Replace ``path`` with ``content`` (bytes, text, or text in pieces written as they come).

    An existing regular file keeps its permissions; a new one gets :func:`file_mode`. A
    symbolic link at ``path`` is replaced by the file itself, never written through (to change
    the file a link points to, see :func:`kltransfer.destination.paths.edit_target`).
    ``OSError`` escapes; the temporary file never stays behind.
    """
    try:
        info = path.lstat()
        mode = stat.S_IMODE(info.st_mode) if stat.S_ISREG(info.st_mode) else file_mode()
    except FileNotFoundError:
        mode = file_mode()
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            if isinstance(content, bytes):
                fh.write(content)
            elif isinstance(content, str):
                fh.write(content.encode("utf-8"))
            else:
                for chunk in content:
                    fh.write(chunk.encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())
        Path(tmp).chmod(mode)
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
