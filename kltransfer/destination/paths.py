"""The link rules: nothing is written through a symbolic link, nothing lands outside its folder.

- :func:`plain_parts` refuses a relative path that could leave its folder (absolute, ``..``,
  a backslash, a control character, an empty part).
- :func:`inside` and :func:`make_folders` walk the path part by part with ``lstat`` and refuse
  a link (or a file) where a folder should be; the last part may be a link, which the atomic
  writer then replaces by the file itself.
- :func:`real_folder` refuses a destination folder that is itself a link.
- :func:`edit_target` decides what an in-place edit (migrate, fix, update, import --into)
  replaces: the file itself, or the file a link points to when that stays in the link's own
  folder; a link leading anywhere else is refused.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from kltransfer.destination.errors import OutputRefused
from kltransfer.i18n import _

_DRIVE = re.compile(r"^[A-Za-z]:")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def unsafe_reason(rel: str) -> str | None:
    """Why ``rel`` cannot name a place inside a folder, or ``None`` when it can."""
    if not rel:
        return _("an empty path")
    if _CONTROL.search(rel):
        return _("a control character in the path")
    if "\\" in rel:
        return _("a backslash in the path")
    if rel.startswith("/"):
        return _("an absolute path")
    if _DRIVE.match(rel):
        return _("a drive letter")
    if any(part in ("", ".", "..") for part in rel.split("/")):
        return _("an empty, '.' or '..' part in the path")
    return None


def plain_parts(rel: str) -> tuple[str, ...]:
    """The parts of the relative POSIX path ``rel``; :class:`OutputRefused` when it could leave its folder."""
    reason = unsafe_reason(rel)
    if reason is not None:
        raise OutputRefused(
            _("refusing to write '{path}': {reason}", path=_CONTROL.sub("?", rel), reason=reason),
            hint=_("this is a defect of the input or of kltransfer; nothing was written"),
        )
    return tuple(rel.split("/"))


def _refuse_link(path: Path) -> OutputRefused:
    return OutputRefused(
        _("'{path}' is a symbolic link; kltransfer never writes through a link", path=path),
        hint=_("remove the link (or replace it by a real folder) and run again"),
    )


def _refuse_not_folder(path: Path) -> OutputRefused:
    return OutputRefused(
        _("'{path}' is not a folder; cannot write below it", path=path),
        hint=_("remove or rename it and run again"),
    )


def real_folder(path: Path) -> bool:
    """Whether ``path`` is an existing folder (``False`` when it does not exist).

    Raises :class:`OutputRefused` when it is a symbolic link or something other than a folder.
    """
    try:
        info = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):  # below a file: creating it says why it cannot be
        return False
    if stat.S_ISLNK(info.st_mode):
        raise _refuse_link(path)
    if not stat.S_ISDIR(info.st_mode):
        raise OutputRefused(_("'{path}' exists and is not a folder", path=path), hint=_("give a folder, or a new name"))
    return True


def folder_inside(folder: Path, rel: str) -> Path:
    """``folder/rel``, a folder, after checking that none of its parts that exist is a link or a file."""
    current = folder
    for part in plain_parts(rel):
        current = current / part
        try:
            info = os.lstat(current)
        except (FileNotFoundError, NotADirectoryError):
            break
        if stat.S_ISLNK(info.st_mode):
            raise _refuse_link(current)
        if not stat.S_ISDIR(info.st_mode):
            raise _refuse_not_folder(current)
    return folder / rel


def inside(folder: Path, rel: str) -> Path:
    """``folder/rel``, after checking that no existing folder on the way is a link or a file."""
    parts = plain_parts(rel)
    if len(parts) > 1:
        folder_inside(folder, "/".join(parts[:-1]))
    target = folder.joinpath(*parts)
    try:
        if stat.S_ISDIR(os.lstat(target).st_mode):
            raise OutputRefused(
                _("'{path}' is a folder; cannot write a file there", path=target),
                hint=_("remove or rename it and run again"),
            )
    except (FileNotFoundError, NotADirectoryError):
        pass
    return target


def make_folders(folder: Path, parts: tuple[str, ...], created: list[Path] | None = None) -> Path:
    """Create the folders ``parts`` below ``folder`` one by one (never through a link); the new ones
    are appended to ``created``. Returns the deepest folder."""
    current = folder
    for part in parts:
        current = current / part
        try:
            current.mkdir(0o777)  # the umask gives ordinary permissions (0755)
        except FileExistsError:
            info = os.lstat(current)
            if stat.S_ISLNK(info.st_mode):
                raise _refuse_link(current) from None
            if not stat.S_ISDIR(info.st_mode):
                raise _refuse_not_folder(current) from None
            continue
        if created is not None:
            created.append(current)
    return current


def edit_target(path: Path) -> Path:
    """The file an in-place edit of ``path`` replaces.

    ``path`` itself when it is not a link; when it is a symbolic link to a regular file inside
    the link's own folder (after resolving every link), that file, so the link stays a link.
    Any other link is refused (:class:`OutputRefused`, exit 2): kltransfer never changes a file
    outside the folder through a link.
    """
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return path
    if not stat.S_ISLNK(info.st_mode):
        return path
    folder = path.parent.resolve()
    real = path.resolve()
    if real.is_relative_to(folder) and real.is_file():
        return real
    raise OutputRefused(
        _(
            "'{path}' is a symbolic link to '{target}', which is not a file in its folder; "
            "kltransfer does not change files through such a link",
            path=path,
            target=path.readlink(),
        ),
        hint=_("run the command on the file the link points to, or replace the link by a copy of that file"),
    )


def _cannot_create(path: Path, exc: OSError, option: str) -> Exception:
    from kltransfer.errors import OutputError
    from kltransfer.i18n.reasons import os_reason

    return OutputError(
        _("cannot create the folder '{path}': {reason}: '{name}'", path=path, reason=os_reason(exc), name=exc.filename),
        hint=_("check that every part of the {option} path is a folder you may write to", option=option)
        if option
        else _("check that every part of the path is a folder you may write to"),
    )


def _missing_parts(path: Path) -> tuple[list[Path], Path]:
    """The folders of ``path`` that do not exist (innermost first), and the deepest one that does."""
    missing: list[Path] = []
    probe = Path(os.path.normpath(Path(path).absolute()))
    while not os.path.lexists(probe) and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    return missing, probe


def check_creatable(path: Path, option: str = "") -> None:
    """Raise the error :func:`create_folder` would raise for a folder below a file, creating nothing."""
    missing, existing = _missing_parts(path)
    if missing and not existing.is_dir():
        raise _cannot_create(path, NotADirectoryError(20, os.strerror(20), str(existing)), option)


def create_folder(path: Path, option: str = "") -> list[Path]:
    """Create ``path`` and its missing parents; an :class:`~kltransfer.errors.OutputError` (exit 2)
    a user can act on when that is impossible. Returns the folders it created, outermost first.

    ``option`` names the command-line option the path came from, for the hint.
    """
    missing, _existing = _missing_parts(path)
    created: list[Path] = []
    try:
        for folder in reversed(missing):
            folder.mkdir(0o777)
            created.append(folder)
        if not missing and not Path(path).is_dir():
            raise NotADirectoryError(20, os.strerror(20), str(path))
    except OSError as exc:  # a file where a parent folder should be, no permission, a full disk
        raise _cannot_create(path, exc, option) from None
    return created
