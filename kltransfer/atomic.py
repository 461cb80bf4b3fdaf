"""Writing a file atomically: a temporary file beside it, then one rename over it.

Readers (and an interrupted run) see either the old file or the new one, never half of it.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path


def write_atomic(path: Path, content: bytes | str | Iterable[str], *, follow_links: bool = False) -> None:
    """Replace ``path`` with ``content`` (bytes, text, or text in pieces written as they come).

    An existing regular file keeps its permissions; a new one gets 0644. A symbolic link at
    ``path`` is replaced by the file itself, unless ``follow_links``: then the file it points
    to is replaced. ``OSError`` escapes; the temporary file never stays behind.
    """
    target = path.resolve() if follow_links else path
    try:
        info = target.lstat()
        mode = stat.S_IMODE(info.st_mode) if stat.S_ISREG(info.st_mode) else 0o644
    except FileNotFoundError:
        mode = 0o644
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
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
        Path(tmp).replace(target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
