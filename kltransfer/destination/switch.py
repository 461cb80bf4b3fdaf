"""Switching a finished tree into place in one step.

- Linux: ``renameat2(..., RENAME_EXCHANGE)`` swaps the staging folder and the destination
  atomically (glibc's wrapper, else the system call).
- macOS: ``renamex_np(..., RENAME_SWAP)``.
- Elsewhere (Windows, or a file system that cannot exchange, such as some network file
  systems): :func:`exchange` returns ``False`` and the caller falls back to two renames
  (destination aside, staging in), recording the step so that the next run completes it.

Test-only hooks (documented in docs/export.md, used by tests/security/test_interrupts.py):
``KLTRANSFER_TEST_PAUSE=<point>:<file>`` makes a run create ``<file>`` when it reaches
``<point>`` (``before-carry``, ``before-switch``, ``between-renames``, ``after-switch``)
and then sleep, so that a test can kill it exactly there; ``KLTRANSFER_TEST_NO_EXCHANGE=1``
forces the two-rename fallback.
"""

from __future__ import annotations

import ctypes
import errno
import os
import platform
import sys
import time
from functools import cache
from typing import Any

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_RENAME_SWAP = 0x2
#: renameat2 system call numbers, for a libc without the wrapper (glibc < 2.28, musl < 1.2.4).
_SYSCALLS = {"x86_64": 316, "aarch64": 276, "armv7l": 382, "i686": 353, "ppc64le": 357, "s390x": 347, "riscv64": 276}
_UNSUPPORTED = {errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP}


@cache
def _libc() -> Any:
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:  # pragma: no cover - no C library to load (Windows)
        return None


def _call(fn: Any, *args: Any) -> bool:
    if fn(*args) == 0:
        return True
    code = ctypes.get_errno()
    if code in _UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code))


def exchange(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Swap the folders ``a`` and ``b`` atomically; ``False`` when this system or file system cannot."""
    if os.environ.get("KLTRANSFER_TEST_NO_EXCHANGE"):
        return False
    libc = _libc()
    if libc is None:  # pragma: no cover - Windows
        return False
    first, second = os.fsencode(a), os.fsencode(b)
    if sys.platform.startswith("linux"):
        wrapper = getattr(libc, "renameat2", None)
        if wrapper is not None:
            wrapper.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
            return _call(wrapper, _AT_FDCWD, first, _AT_FDCWD, second, _RENAME_EXCHANGE)
        number = _SYSCALLS.get(platform.machine())
        if number is None:  # pragma: no cover - an unknown architecture
            return False
        syscall = libc.syscall
        syscall.restype = ctypes.c_long
        return _call(
            syscall, ctypes.c_long(number), _AT_FDCWD, first, _AT_FDCWD, second, ctypes.c_uint(_RENAME_EXCHANGE)
        )
    if sys.platform == "darwin":  # pragma: no cover - macOS
        swap = getattr(libc, "renamex_np", None)
        if swap is None:
            return False
        swap.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_uint]
        return _call(swap, first, second, _RENAME_SWAP)
    return False  # pragma: no cover - other systems


def pause(point: str) -> None:
    """The test-only hook (see the module docstring): nothing unless ``KLTRANSFER_TEST_PAUSE`` names ``point``."""
    wanted = os.environ.get("KLTRANSFER_TEST_PAUSE", "")
    name, _sep, flag = wanted.partition(":")
    if name != point or not flag:
        return
    with open(flag, "w", encoding="utf-8") as fh:
        fh.write(str(os.getpid()))
    time.sleep(float(os.environ.get("KLTRANSFER_TEST_PAUSE_SECONDS", "120")))
