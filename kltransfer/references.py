"""The one reader of files a blueprint points to: ``documents[].path``, ``components[].publiccode``
and every later local reference.

A blueprint comes from strangers (pull requests to a catalog, folders of other cities), so a
path it names is read only when all of these hold; otherwise the reader refuses with a stable
code and a sentence for people:

========  ===============  ============================================================
code      reason           refused when
========  ===============  ============================================================
KT208     ``missing``      nothing exists at the path (or a folder on the way is missing)
KT210     ``outside``      the path leaves the folder: absolute (``/etc/passwd``), a drive
                           letter (``C:``), ``..``, a backslash, a control character
KT211     ``hidden``       a part of the path is hidden (``.env``, ``.git/config``,
                           ``docs/.secret``)
KT212     ``link``         the file, or a folder on the way, is a symbolic link
KT213     ``not-a-file``   it is a folder, a FIFO, a device or a socket, or cannot be opened
KT214     ``too-large``    it is larger than the cap (``max_bytes``)
========  ===============  ============================================================

**Links are refused, all of them**, also those whose target stays inside the folder: a link
that is harmless on the author's machine may point elsewhere on the next (a checkout, an
unpacked bundle), and refusing is simpler to prove than resolving. The folder itself may be
reached through a link (that is the caller's choice, not the blueprint's).

The checks cannot be raced: every part of the path is opened relative to the folder opened
before it (``openat`` with ``O_NOFOLLOW``), the file with ``O_NONBLOCK`` (a FIFO swapped in
never blocks) and checked again with ``fstat`` on the open descriptor before a byte is read.

API (everything a command needs; nothing here prints or imports typer)::

    from kltransfer.references import ReferenceRefused, inspect_reference, is_local, read_reference

    if is_local(value):                         # not a URL, not a TODO placeholder
        try:
            data = read_reference(folder, value)        # bytes, at most max_bytes
        except ReferenceRefused as refused:
            refused.code, refused.reason                # "KT212", "link"
            refused.message, refused.hint               # in the user's language
    problem = inspect_reference(folder, value)  # the same checks without reading: None or a ReferenceRefused

``ReferenceRefused`` is an :class:`~kltransfer.errors.InputError` (exit 2 when it reaches the
command line), so a command that must stop can let it through and one that reports (validate)
turns it into a finding on the key's line.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

from kltransfer.errors import InputError
from kltransfer.i18n import tr
from kltransfer.i18n.reasons import os_reason

TYPE_CHECKING = False  # typing is not imported at run time (docs/performance.md)
if TYPE_CHECKING:
    from typing import Any

#: The default cap: what ``adopt`` takes from a source file (``sources.limits.MAX_FILE_BYTES``,
#: not imported here: that package costs validate's start-up), so what validates can be adopted.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

CODES = {
    "missing": "KT208",
    "outside": "KT210",
    "hidden": "KT211",
    "link": "KT212",
    "not-a-file": "KT213",
    "too-large": "KT214",
}

_DRIVE = re.compile(r"^[A-Za-z]:")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_PLACEHOLDER = re.compile(r"^TODO\b")
_CHUNK = 1 << 20
_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_FILE_FLAGS = os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
_FILE_FLAGS |= getattr(os, "O_BINARY", 0)
_AT = os.open in os.supports_dir_fd and os.lstat in os.supports_dir_fd


class ReferenceRefused(InputError):
    """A local reference that is not read; ``reason`` is one of :data:`CODES`, ``code`` its code."""

    def __init__(self, reason: str, written: str, message: str, hint: str | None = None) -> None:
        super().__init__(message, hint=hint, code=CODES[reason])
        self.reason = reason
        self.written = written


def is_local(value: Any) -> bool:
    """Whether ``value`` names a local file: a non-empty text that is neither a URL nor a TODO."""
    return isinstance(value, str) and bool(value) and "://" not in value and not _PLACEHOLDER.match(value)


def _shown(written: str) -> str:
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", written)


def _refuse(reason: str, written: str, detail: str = "") -> ReferenceRefused:
    shown = _shown(written)
    if reason == "outside":
        return ReferenceRefused(
            reason,
            written,
            tr("KT210", "'{path}' points outside the blueprint's folder ({detail})", path=shown, detail=detail),
            tr(
                "KT210",
                "give a path relative to the folder of blueprint.yaml, with '/' between folders and "
                "without '..', e.g. docs/plan.pdf",
            ),
        )
    if reason == "hidden":
        return ReferenceRefused(
            reason,
            written,
            tr("KT211", "'{path}' is a hidden file or lies in a hidden folder ({part})", path=shown, part=detail),
            tr(
                "KT211",
                "hidden files (names starting with a dot, such as .env or .git) may hold secrets and are "
                "never published; move the file to a visible folder such as docs/",
            ),
        )
    if reason == "link":
        return ReferenceRefused(
            reason,
            written,
            tr("KT212", "'{path}' is a symbolic link ({part}); links are not followed", path=shown, part=detail),
            tr("KT212", "put the file itself into the blueprint's folder instead of a link to it"),
        )
    if reason == "not-a-file":
        return ReferenceRefused(
            reason,
            written,
            tr("KT213", "'{path}' is not a readable file: {detail}", path=shown, detail=detail),
            tr("KT213", "point to a regular file that you may read, such as docs/plan.pdf"),
        )
    if reason == "too-large":
        return ReferenceRefused(
            reason,
            written,
            tr("KT214", "'{path}' is larger than the limit of {limit} bytes", path=shown, limit=detail),
            tr("KT214", "link large files by their web address (url) instead of putting them beside the blueprint"),
        )
    return ReferenceRefused(
        "missing",
        written,
        tr("KT208", "the file '{path}' does not exist next to the blueprint", path=shown),
        tr("KT208", "add the file at {path} in the blueprint's folder or correct the path", path=shown),
    )


def parts_of(written: str) -> list[str]:
    """The parts of ``written`` below the folder; raises :class:`ReferenceRefused` for an unsafe path."""
    if _CONTROL.search(written):
        raise _refuse("outside", written, tr("KT210", "a control character"))
    if "\\" in written:
        raise _refuse("outside", written, tr("KT210", "a backslash"))
    if written.startswith("/"):
        raise _refuse("outside", written, tr("KT210", "an absolute path"))
    if _DRIVE.match(written):
        raise _refuse("outside", written, tr("KT210", "a drive letter"))
    parts = [part for part in written.split("/") if part not in ("", ".")]
    if ".." in parts:
        raise _refuse("outside", written, tr("KT210", "'..'"))
    if not parts:
        raise _refuse("not-a-file", written, tr("KT213", "it is the blueprint's folder itself"))
    hidden = next((part for part in parts if part.startswith(".")), None)
    if hidden is not None:
        raise _refuse("hidden", written, hidden)
    return parts


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return tr("KT213", "it is a folder")
    if stat.S_ISFIFO(mode):
        return tr("KT213", "it is a named pipe (FIFO)")
    if stat.S_ISSOCK(mode):
        return tr("KT213", "it is a socket")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return tr("KT213", "it is a device")
    return tr("KT213", "it is not a regular file")


def _failure(exc: OSError, written: str, part: str) -> ReferenceRefused:
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return _refuse("missing", written)
    if exc.errno == errno.ELOOP:
        return _refuse("link", written, part)
    return _refuse("not-a-file", written, os_reason(exc))


def _check_entry(info: os.stat_result, written: str, part: str, *, last: bool, max_bytes: int) -> None:
    if stat.S_ISLNK(info.st_mode):
        raise _refuse("link", written, part)
    if not last:
        if not stat.S_ISDIR(info.st_mode):
            raise _refuse("missing", written)
        return
    if not stat.S_ISREG(info.st_mode):
        raise _refuse("not-a-file", written, _kind(info.st_mode))
    if info.st_size > max_bytes:
        raise _refuse("too-large", written, f"{max_bytes:,}")


def _open(folder: Path, written: str, max_bytes: int) -> int:
    """A descriptor of the regular file ``written`` below ``folder``, after every check."""
    parts = parts_of(written)
    if not _AT:  # pragma: no cover - platforms without openat (Windows): the same checks by path
        return _open_by_path(folder, parts, written, max_bytes)
    try:
        dir_fd = os.open(folder, _DIR_FLAGS)
    except OSError as exc:
        raise _failure(exc, written, str(folder)) from exc
    try:
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            try:
                _check_entry(os.lstat(part, dir_fd=dir_fd), written, part, last=last, max_bytes=max_bytes)
                fd = os.open(part, _FILE_FLAGS if last else _DIR_FLAGS | _NOFOLLOW, dir_fd=dir_fd)
            except ReferenceRefused:
                raise
            except OSError as exc:
                raise _failure(exc, written, part) from exc
            if last:
                return _checked(fd, written, max_bytes)
            os.close(dir_fd)
            dir_fd = fd
    finally:
        os.close(dir_fd)
    raise AssertionError("unreachable")  # pragma: no cover


def _open_by_path(folder: Path, parts: list[str], written: str, max_bytes: int) -> int:  # pragma: no cover
    current = folder
    for i, part in enumerate(parts):
        current = current / part
        try:
            _check_entry(os.lstat(current), written, part, last=i == len(parts) - 1, max_bytes=max_bytes)
        except ReferenceRefused:
            raise
        except OSError as exc:
            raise _failure(exc, written, part) from exc
    try:
        fd = os.open(current, _FILE_FLAGS)
    except OSError as exc:
        raise _failure(exc, written, parts[-1]) from exc
    return _checked(fd, written, max_bytes)


def _checked(fd: int, written: str, max_bytes: int) -> int:
    """``fd`` when it is (still) a regular file within the cap; closed and refused otherwise."""
    info = os.fstat(fd)
    try:
        _check_entry(info, written, written, last=True, max_bytes=max_bytes)
    except ReferenceRefused:
        os.close(fd)
        raise
    return fd


def inspect_reference(
    folder: str | os.PathLike[str], written: str, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> ReferenceRefused | None:
    """Every check of :func:`read_reference`, without reading: ``None`` when the file would be read."""
    try:
        os.close(_open(Path(folder), written, max_bytes))
    except ReferenceRefused as refused:
        return refused
    return None


def read_reference(folder: str | os.PathLike[str], written: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of the file ``written`` (as the blueprint writes it) below ``folder``.

    Raises :class:`ReferenceRefused` when the path is unsafe, missing, a link, not a regular
    file or larger than ``max_bytes`` (also when it grows past the cap while being read).
    """
    fd = _open(Path(folder), written, max_bytes)
    chunks: list[bytes] = []
    total = 0
    try:
        while True:
            try:
                chunk = os.read(fd, _CHUNK)
            except BlockingIOError:  # pragma: no cover - regular files never block
                continue
            if not chunk:
                break
            total += len(chunk)
            if total > max_bytes:
                raise _refuse("too-large", written, f"{max_bytes:,}")
            chunks.append(chunk)
    except ReferenceRefused:
        raise
    except OSError as exc:
        raise _refuse("not-a-file", written, os_reason(exc)) from exc
    finally:
        os.close(fd)
    return b"".join(chunks)


#: Where a blueprint names local files: (list key, key of the path in each item).
PLACES = (("documents", "path"), ("components", "publiccode"))


def local_references(data: Any) -> list[tuple[tuple[str | int, ...], str]]:
    """Every local file ``data`` (a loaded blueprint) points to: (key path, the path as written)."""
    found: list[tuple[tuple[str | int, ...], str]] = []
    if not isinstance(data, dict):
        return found
    for section, key in PLACES:
        items = data.get(section)
        for i, item in enumerate(items if isinstance(items, list) else []):
            value = item.get(key) if isinstance(item, dict) else None
            if is_local(value):
                found.append(((section, i, key), value))
    return found


def read_linked(
    folder: str | os.PathLike[str], data: Any, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[dict[str, bytes], list[tuple[tuple[str | int, ...], ReferenceRefused]]]:
    """The files ``data`` points to, read below ``folder``: (path as written -> bytes, refusals by key path).

    What every command that copies a blueprint's files uses (export, catalog build, bundles):
    a refused file is never read, and the caller tells the user with the refusal's code.
    """
    files: dict[str, bytes] = {}
    refused: list[tuple[tuple[str | int, ...], ReferenceRefused]] = []
    for key_path, written in local_references(data):
        if written in files:
            continue
        try:
            files[written] = read_reference(folder, written, max_bytes=max_bytes)
        except ReferenceRefused as problem:
            refused.append((key_path, problem))
    return files, refused


def refusal_findings(refused: list[tuple[tuple[str | int, ...], ReferenceRefused]], doc: Any, shown: str) -> list[Any]:
    """The refusals of :func:`read_linked` as error findings on their keys' lines of ``doc`` (a loaded
    blueprint): a command that leaves a file out tells the user so, whatever the configuration ignores."""
    from kltransfer.findings import Finding
    from kltransfer.loading.keypath import format_key_path

    findings = []
    for key_path, problem in refused:
        line, column = doc.locate(key_path) if doc is not None else (0, 0)
        findings.append(
            Finding(problem.code, problem.message, shown, line, column, format_key_path(key_path), hint=problem.hint)
        )
    return findings


__all__ = [
    "CODES",
    "DEFAULT_MAX_BYTES",
    "PLACES",
    "ReferenceRefused",
    "inspect_reference",
    "is_local",
    "local_references",
    "parts_of",
    "read_linked",
    "read_reference",
    "refusal_findings",
]
