"""Writing an export safely: everything is rendered into a staging folder beside ``--out`` and
moved into place at the end, so an interrupted export leaves the previous output whole.

A folder written by ``kltransfer export`` carries a marker file (:data:`MARKER`) naming the
entries it holds. Such a folder is updated without asking: its entries are replaced and
entries of the previous run that this run did not produce are removed. Any other non-empty
folder is refused unless ``force`` is given; then only the entries this run writes are put
into it and nothing else in it is touched.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kltransfer import __version__
from kltransfer.export.assets import MARKER
from kltransfer.export.errors import OutputRefused
from kltransfer.i18n import _

MARKER_FORMAT = "1"


def _plain_name(name: Any) -> bool:
    return (
        isinstance(name, str)
        and name not in ("", ".", "..")
        and "/" not in name
        and "\\" not in name
        and "\0" not in name
        and not name.startswith(".")
    )


def read_marker(folder: Path) -> dict[str, Any] | None:
    """The marker of an earlier export in ``folder``, or ``None`` when there is none (or it is unusable)."""
    path = folder / MARKER
    if path.is_symlink() or not path.is_file():
        return None
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("generator", {}).get("name") != "kltransfer":
        return None
    return data


def marker_content(entries: Iterable[str], blueprints: list[dict[str, Any]]) -> bytes:
    data = {
        "marker_format": MARKER_FORMAT,
        "generator": {"name": "kltransfer", "version": __version__},
        "entries": sorted(entries),
        "blueprints": blueprints,
    }
    return (json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n").encode("utf-8")


class Destination:
    """The ``--out`` folder of one export run."""

    def __init__(self, out: Path, *, force: bool = False, sources: Iterable[Path] = ()) -> None:
        self.out = out
        self.force = force
        self.sources = [s.resolve() for s in sources]
        self.previous: dict[str, Any] | None = None

    def check(self) -> None:
        """Refuse a destination that must not be written, before any work is done."""
        out = self.out
        if out.exists() and not out.is_dir():
            raise OutputRefused(_("'{path}' exists and is not a folder", path=out), hint=_("give a folder for --out"))
        if not out.is_dir():
            return
        self.previous = read_marker(out)
        if self.previous is None and any(out.iterdir()) and not self.force:
            raise OutputRefused(
                _("the folder '{path}' is not empty and was not written by kltransfer export", path=out),
                hint=_(
                    "choose a new or empty folder, or pass --force to write into it "
                    "(files the export does not produce are kept)"
                ),
            )

    def stage(self) -> Path:
        """A new, empty staging folder beside the destination."""
        parent = self.out.absolute().parent
        try:
            parent.mkdir(parents=True, exist_ok=True)
            return Path(tempfile.mkdtemp(prefix=f".{self.out.name}.", suffix=".kltransfer-tmp", dir=parent))
        except OSError as exc:  # a file where a parent folder should be, no permission, a full disk
            raise OutputRefused(
                _("cannot write '{path}': {reason}: '{file}'", path=self.out, reason=exc.strerror, file=exc.filename),
                hint=_("check that every part of the --out path is a folder you may write to"),
            ) from None

    def _guard(self, name: str) -> None:
        target = (self.out / name).resolve()
        for source in self.sources:
            if source == target or source.is_relative_to(target):
                raise OutputRefused(
                    _("writing '{path}' would replace the blueprint {source}", path=self.out / name, source=source),
                    hint=_("choose an --out folder outside the blueprints' folders"),
                )

    def _stale(self, entries: set[str]) -> list[str]:
        if self.previous is None:
            return []
        listed = self.previous.get("entries")
        if not isinstance(listed, list):
            return []
        return sorted(
            n
            for n in listed
            if _plain_name(n) and n not in entries and ((self.out / n).exists() or (self.out / n).is_symlink())
        )

    def commit(self, staging: Path, entries: list[str], marker: bytes) -> None:
        """Move the staged ``entries`` and the marker into place; on any error, undo the moves."""
        out = self.out
        for name in entries:
            self._guard(name)
        stale = self._stale(set(entries))
        for name in stale:
            self._guard(name)
        (staging / MARKER).write_bytes(marker)
        trash = staging / ".replaced"
        trash.mkdir()
        out.mkdir(parents=True, exist_ok=True)
        done: list[tuple[str, bool, bool]] = []  # (name, old one moved aside, new one moved in)
        try:
            for name in [*entries, MARKER]:
                target = out / name
                had_old = target.exists() or target.is_symlink()
                if had_old:
                    target.rename(trash / name)
                done.append((name, had_old, False))
                (staging / name).rename(target)
                done[-1] = (name, had_old, True)
            for name in stale:
                (out / name).rename(trash / name)
                done.append((name, True, False))
        except BaseException:
            for name, had_old, moved_in in reversed(done):
                if moved_in:
                    (out / name).rename(staging / name)
                if had_old:
                    (trash / name).rename(out / name)
            raise
        finally:
            shutil.rmtree(staging, ignore_errors=True)

    @staticmethod
    def discard(staging: Path) -> None:
        shutil.rmtree(staging, ignore_errors=True)
