"""Reading an adopted copy: its blueprint text, origin, state, and whether it was edited locally."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kltransfer.adoption.context import reset_text
from kltransfer.adoption.merge import has_markers
from kltransfer.adoption.record import BASE_DIR, BLUEPRINT, AdoptionState, Origin, read_state_files
from kltransfer.adoption.yaml_edit import remove_top_level
from kltransfer.errors import InputError, KltransferError
from kltransfer.i18n import _
from kltransfer.i18n.reasons import os_reason
from kltransfer.loading.yaml_loader import load_text, read_bytes


@dataclass(slots=True)
class AdoptedCopy:
    file: Path
    folder: Path
    text: str
    origin: Origin | None
    state: AdoptionState | None
    conflicted: bool
    #: The text in the file when ``text`` is not written yet (conflicts settled in a dry run).
    on_disk: str | None = None

    @property
    def base(self) -> dict[str, bytes]:
        return read_state_files(self.folder, BASE_DIR)


def read_copy(file: Path) -> AdoptedCopy:
    try:
        raw = read_bytes(file)  # refuses a FIFO or a device, which would block or never end
    except OSError as exc:
        raise InputError(_("cannot read '{path}': {reason}", path=file, reason=os_reason(exc))) from None
    if not isinstance(raw, bytes):  # larger than the size limit
        raise InputError(_("cannot read '{path}': {reason}", path=file, reason=raw.message), hint=raw.hint)
    return copy_of(file, raw.decode("utf-8-sig", "replace"), raw)


def copy_of(file: Path, text: str, raw: bytes | None = None) -> AdoptedCopy:
    """The adopted copy at ``file`` with the blueprint ``text`` (as read from ``raw``, or about to be written)."""
    folder = file.parent
    state = AdoptionState.read(folder)
    if has_markers(text):
        return AdoptedCopy(file, folder, text, _origin_from_markers(text), state, True)
    doc, findings = load_text(raw if raw is not None else text, str(file))
    if doc is None:
        first = findings[0] if findings else None
        raise InputError(
            _(
                "cannot read '{path}':{line}:{column}: {reason}",
                path=file,
                line=first.line,
                column=first.column,
                reason=first.message,
            )
            if first
            else _("cannot read '{path}'", path=file)
        )
    return AdoptedCopy(file, folder, text, Origin.from_data(doc.data.get("origin")), state, False)


def _origin_from_markers(text: str) -> Origin | None:
    """The origin of a file with conflict markers: read from its origin block alone."""
    start = text.find("\norigin:")
    if start < 0:
        return None
    block = text[start + 1 :]
    end = next((i for i, line in enumerate(block.splitlines()) if i and line and not line.startswith(" ")), None)
    block = "\n".join(block.splitlines()[:end]) + "\n"
    doc = load_text(block)[0]
    return Origin.from_data(doc.data.get("origin")) if doc is not None else None


def local_edits(copy: AdoptedCopy) -> bool | None:
    """Whether the copy differs from what adopting the recorded base would give; None if unknown."""
    if copy.conflicted:
        return True
    base = copy.base
    if copy.state is None or BLUEPRINT not in base:
        return None
    try:
        expected = reset_text(base[BLUEPRINT].decode("utf-8-sig"), copy.state.context)
        ours = remove_top_level(copy.text, "origin")[0]
    except KltransferError:
        return None
    if ours != expected:
        return True
    for rel in copy.state.assets:
        target = copy.folder / rel
        if not target.is_file() or target.read_bytes() != base.get(rel):
            return True
    return False
