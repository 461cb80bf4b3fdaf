"""One run at a time per destination: a lock file beside it, which also records the run.

``.<name>.kltransfer-lock`` lies beside the destination ``<name>``. A run takes an exclusive
lock on it (``fcntl.flock``; ``msvcrt.locking`` on Windows), waiting a bounded time
(:data:`WAIT_SECONDS`, or ``KLTRANSFER_LOCK_WAIT`` in seconds) for another run to finish, then
refuses (:class:`DestinationBusy`, exit 2). While it holds the lock it writes into the file
which staging folder it uses and how far it got (the *record*), so that the next run can
finish or undo the work of a run that was killed. The file is removed when a run ends
normally; a killed run leaves it behind with its record.
"""

from __future__ import annotations

import json
import os
import stat
import sys
import time
from pathlib import Path
from typing import Any

from kltransfer.destination.errors import DestinationBusy, OutputRefused
from kltransfer.i18n import _

#: How long a run waits for another run into the same destination.
WAIT_SECONDS = 60.0
_FLAGS = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


def wait_seconds() -> float:
    try:
        return max(0.0, float(os.environ.get("KLTRANSFER_LOCK_WAIT", WAIT_SECONDS)))
    except ValueError:
        return WAIT_SECONDS


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":  # pragma: no cover - Windows
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


class RunLock:
    """The lock of the destination ``parent/name``."""

    def __init__(self, parent: Path, name: str, destination: Path) -> None:
        self.path = parent / f".{name}.kltransfer-lock"
        self.destination = destination
        self.fd: int | None = None

    def acquire(self, wait: float | None = None) -> None:
        deadline = time.monotonic() + (wait_seconds() if wait is None else wait)
        while True:
            try:
                fd = os.open(self.path, _FLAGS, 0o666)
            except OSError as exc:
                from kltransfer.i18n.reasons import os_reason

                raise OutputRefused(
                    _("cannot create the lock file '{path}': {reason}", path=self.path, reason=os_reason(exc)),
                    hint=_("check that you may write to the folder that holds the output"),
                ) from None
            if _try_lock(fd):
                info = os.fstat(fd)
                try:
                    same = os.path.samestat(info, os.lstat(self.path))
                except FileNotFoundError:
                    same = False
                if same and stat.S_ISREG(info.st_mode):
                    self.fd = fd
                    return
                # the run before removed the file while we waited for it: lock the new one
            os.close(fd)
            if time.monotonic() >= deadline:
                raise DestinationBusy(
                    _("another kltransfer run is writing into '{path}'", path=self.destination),
                    hint=_(
                        "wait until it has finished and run again; if no other run is active, remove '{lock}'",
                        lock=self.path,
                    ),
                )
            time.sleep(0.1)

    def read_record(self) -> dict[str, Any] | None:
        """What a killed earlier run recorded, or ``None``."""
        assert self.fd is not None
        try:
            os.lseek(self.fd, 0, os.SEEK_SET)
            raw = os.read(self.fd, 65536)
            data = json.loads(raw.decode("utf-8")) if raw.strip() else None
        except (OSError, UnicodeDecodeError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def write_record(self, record: dict[str, Any] | None) -> None:
        """Replace the record (one small write while the lock is held)."""
        assert self.fd is not None
        raw = b"" if record is None else json.dumps(record, sort_keys=True, allow_nan=False).encode("utf-8")
        os.ftruncate(self.fd, 0)
        if raw:
            os.lseek(self.fd, 0, os.SEEK_SET)
            os.write(self.fd, raw)

    def release(self, *, remove: bool) -> None:
        """Give the lock up; ``remove``: delete the lock file first (a run that ended normally)."""
        if self.fd is None:
            return
        if remove and sys.platform != "win32":
            try:
                self.path.unlink()
            except OSError:
                pass
        os.close(self.fd)
        self.fd = None
