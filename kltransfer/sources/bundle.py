"""Reading ``.kltransfer.zip`` bundles, as ``kltransfer export --bundle`` writes them.

A bundle is checked completely before anything is taken from it: every entry must have a
safe relative name (no absolute path, no ``..``, no backslash or drive letter), must not be
a link, the entries must fit the size and count caps, ``manifest.json`` must list every file
with its size and SHA-256, and every file must match. Only then is the snapshot returned.
"""

from __future__ import annotations

import hashlib
import json
import stat
import zipfile
import zlib
from pathlib import Path
from typing import Any

from kltransfer.errors import InputError
from kltransfer.i18n import _
from kltransfer.i18n.numbers import format_number
from kltransfer.sources.limits import MAX_ENTRIES, MAX_FILE_BYTES, MAX_TOTAL_BYTES
from kltransfer.sources.paths import unsafe_reason
from kltransfer.sources.snapshot import Snapshot

MANIFEST = "manifest.json"
SOURCE_DIR = "source/"
BUNDLE_FORMATS = ("1",)


class BundleError(InputError):
    """A bundle that is damaged or unsafe; nothing of it is used."""


def _refuse(bundle: Path, why: str) -> BundleError:
    return BundleError(
        _("refusing the bundle '{bundle}': {reason}", bundle=bundle, reason=why),
        hint=_("ask its publisher for a bundle written by 'kltransfer export --bundle'"),
    )


#: What reading a damaged or strange zip entry raises: a wrong checksum (BadZipFile), broken
#: compressed data (zlib.error), a cut-off file (EOFError), an unknown compression method
#: (NotImplementedError), an encrypted entry (RuntimeError), a header that lies (ValueError).
_DAMAGED = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError, OSError)


def _read_capped(bundle: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int) -> bytes:
    """Read an entry, stopping at ``cap`` bytes whatever its header claims (zip bombs); a damaged
    entry is a refusal that names it, never an internal error."""
    try:
        with archive.open(info) as fh:
            data = fh.read(cap + 1)
    except _DAMAGED as exc:
        if isinstance(exc, zipfile.BadZipFile) and "CRC" in str(exc):
            why = _("'{name}' is damaged: its checksum (CRC) does not match its content", name=info.filename)
        elif isinstance(exc, RuntimeError | NotImplementedError):
            why = _("'{name}' is encrypted or packed in a way kltransfer cannot read", name=info.filename)
        else:
            why = _("'{name}' is damaged and cannot be unpacked", name=info.filename)
        raise _refuse(bundle, why) from None
    if len(data) > cap:
        raise _refuse(bundle, _("'{name}' expands beyond {size} bytes", name=info.filename, size=format_number(cap)))
    return data


def _check_entries(bundle: Path, infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_ENTRIES:
        raise _refuse(
            bundle,
            _(
                "it has {count} entries, more than the limit of {limit}",
                count=format_number(len(infos)),
                limit=format_number(MAX_ENTRIES),
            ),
        )
    total, seen = 0, set()
    for info in infos:
        reason = unsafe_reason(info.filename)
        if reason:
            raise _refuse(bundle, _("the entry '{name}' has {reason}", name=info.filename, reason=reason))
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            raise _refuse(bundle, _("the entry '{name}' is a symbolic link", name=info.filename))
        if mode and not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)) and stat.S_IFMT(mode):
            raise _refuse(bundle, _("the entry '{name}' is not a regular file", name=info.filename))
        name = info.filename.rstrip("/")
        if name in seen:
            raise _refuse(bundle, _("the entry '{name}' appears twice", name=name))
        seen.add(name)
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise _refuse(bundle, _("it expands to more than {size} bytes", size=format_number(MAX_TOTAL_BYTES)))
    folders = {name[:i] for name in seen for i, ch in enumerate(name) if ch == "/"}
    files = {info.filename for info in infos if not info.is_dir()}
    both = sorted(files & folders)
    if both:  # docs and docs/plan.md: no folder can hold both, the copy would stop half-way
        raise _refuse(bundle, _("the entry '{name}' is a file and a folder at once", name=both[0]))


def _manifest(bundle: Path, archive: zipfile.ZipFile) -> dict[str, Any]:
    try:
        info = archive.getinfo(MANIFEST)
    except KeyError:
        raise _refuse(bundle, _("it has no {file}", file=MANIFEST)) from None
    raw = _read_capped(bundle, archive, info, 1024 * 1024)
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise _refuse(bundle, _("{file} is not UTF-8 text", file=MANIFEST)) from None
    except json.JSONDecodeError as exc:
        raise _refuse(
            bundle,
            _(
                "{file} is not valid JSON (line {line}, column {column})",
                file=MANIFEST,
                line=exc.lineno,
                column=exc.colno,
            ),
        ) from None
    except ValueError:  # a number too long to read, and the like
        raise _refuse(bundle, _("{file} is not valid JSON", file=MANIFEST)) from None
    if not isinstance(data, dict):
        raise _refuse(bundle, _("{file} is not a JSON object", file=MANIFEST))
    if str(data.get("bundle_format")) not in BUNDLE_FORMATS:
        raise _refuse(
            bundle,
            _(
                "unknown bundle_format {value}; this kltransfer reads {known}",
                value=repr(data.get("bundle_format")),
                known=", ".join(BUNDLE_FORMATS),
            ),
        )
    if not isinstance(data.get("files"), list):
        raise _refuse(bundle, _("{file} has no list of files", file=MANIFEST))
    return data


def open_bundle(path: str) -> tuple[Snapshot, dict[str, Any]]:
    """A verified snapshot of the bundle at ``path`` and its manifest."""
    bundle = Path(path)
    try:
        archive = zipfile.ZipFile(bundle)
    except OSError as exc:
        from kltransfer.i18n.reasons import os_reason

        raise _refuse(bundle, _("it cannot be read: {reason}", reason=os_reason(exc))) from None
    except _DAMAGED:
        raise _refuse(bundle, _("it is not a readable zip file")) from None
    with archive:
        infos = archive.infolist()
        _check_entries(bundle, infos)
        manifest = _manifest(bundle, archive)
        files: dict[str, bytes] = {}
        listed: set[str] = set()
        for item in manifest["files"]:
            if not isinstance(item, dict) or not isinstance(item.get("path"), str):
                raise _refuse(
                    bundle, _("an entry of the manifest's files is not {{path, size, sha256}}: {item}", item=repr(item))
                )
            name = item["path"]
            reason = unsafe_reason(name)
            if reason:
                raise _refuse(bundle, _("the manifest lists '{name}', which has {reason}", name=name, reason=reason))
            listed.add(name)
            try:
                info = archive.getinfo(name)
            except KeyError:
                raise _refuse(bundle, _("the manifest lists '{name}', which is not in the bundle", name=name)) from None
            data = _read_capped(bundle, archive, info, MAX_FILE_BYTES)
            if item.get("size") is not None and item.get("size") != len(data):
                raise _refuse(
                    bundle,
                    _(
                        "'{name}' has {size} bytes, the manifest says {listed}",
                        name=name,
                        size=len(data),
                        listed=item.get("size"),
                    ),
                )
            digest = hashlib.sha256(data).hexdigest()
            if str(item.get("sha256", "")).lower().removeprefix("sha256:") != digest:
                raise _refuse(bundle, _("the checksum of '{name}' does not match the manifest", name=name))
            files[name] = data
        unlisted = [i.filename for i in infos if not i.is_dir() and i.filename != MANIFEST and i.filename not in listed]
        if unlisted:
            raise _refuse(bundle, _("'{name}' is in the bundle but not in the manifest", name=unlisted[0]))
    if SOURCE_DIR + "blueprint.yaml" not in files:
        raise _refuse(bundle, _("it has no {file}", file=SOURCE_DIR + "blueprint.yaml"))
    paths = sorted(p for p in files if p.startswith(SOURCE_DIR))
    snapshot = Snapshot(
        "bundle", str(bundle.resolve()), paths, files.__getitem__, roots=[SOURCE_DIR + "blueprint.yaml"]
    )
    return snapshot, manifest
