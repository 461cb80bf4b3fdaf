"""Bundles: one zip per blueprint that another city's ``kltransfer adopt`` imports.

Layout (documented in docs/bundle-format.md)::

    manifest.json              bundle format, blueprint, generator, provenance, every file's sha256
    source/blueprint.yaml      the source blueprint, byte for byte
    source/<assets>            the files beside it (hidden files excluded)
    html/ markdown/ mkdocs/ json/   the formats asked for

The zip is reproducible: entries sorted by name, one timestamp for all (see :func:`build_time`),
permissions 0644, no directories, no absolute paths.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import zipfile
from collections.abc import Mapping
from typing import Any

from kltransfer import __version__
from kltransfer.errors import UsageError
from kltransfer.export.provenance import Provenance
from kltransfer.i18n import _

BUNDLE_FORMAT = "1"
MANIFEST = "manifest.json"
SUFFIX = ".kltransfer.zip"
#: 1980-01-01T00:00:00Z, the earliest time a zip entry can carry.
ZIP_EPOCH = 315532800
_ZIP_LATEST = 4354819199  # 2107-12-31T23:59:59Z
#: 9999-12-31T23:59:59Z, the last second a date of four digits can name.
LATEST_TIME = 253402300799


def build_time(provenance: Provenance | None = None, environ: Mapping[str, str] = os.environ) -> int:
    """Seconds since the epoch for every timestamp of an export.

    ``SOURCE_DATE_EPOCH`` when set; else the time of the git commit the blueprint lies in;
    else 1980-01-01T00:00:00Z. Never the clock or a file's mtime, so exports are reproducible.
    """
    raw = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if raw:
        if not (raw.isascii() and raw.isdigit()):  # '²' and '٣' are digits to str.isdigit
            raise UsageError(
                _("SOURCE_DATE_EPOCH must be a whole number of seconds, not '{value}'", value=raw),
                hint=_("e.g. SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)"),
            )
        if len(raw) > len(str(LATEST_TIME)) or int(raw) > LATEST_TIME:
            raise UsageError(
                _("SOURCE_DATE_EPOCH {value} lies after the year 9999", value=raw),
                hint=_("e.g. SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)"),
            )
        return int(raw)
    if provenance is not None and provenance.commit_time is not None:
        return provenance.commit_time
    return ZIP_EPOCH


def iso_time(seconds: int) -> str:
    return dt.datetime.fromtimestamp(seconds, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def bundle_name(blueprint_id: str, version: str) -> str:
    return f"{blueprint_id}-{version}{SUFFIX}"


def manifest(bp: dict[str, Any], files: Mapping[str, bytes], provenance: Provenance, created: int) -> dict[str, Any]:
    return {
        "bundle_format": BUNDLE_FORMAT,
        "blueprint": {"id": bp["id"], "version": bp["version"], "format": bp["kltransfer"]},
        "generator": {"name": "kltransfer", "version": __version__},
        "created": iso_time(created),
        "source": {"path": provenance.path, "git": provenance.git},
        "files": [
            {"path": path, "size": len(content), "sha256": hashlib.sha256(content).hexdigest()}
            for path, content in sorted(files.items())
        ],
    }


def _zip_time(seconds: int) -> tuple[int, int, int, int, int, int]:
    moment = dt.datetime.fromtimestamp(min(max(seconds, ZIP_EPOCH), _ZIP_LATEST), dt.UTC)
    return (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second - moment.second % 2)


def build_zip(bp: dict[str, Any], files: Mapping[str, bytes], provenance: Provenance, created: int) -> bytes:
    """The bundle as bytes: ``files`` (path inside the zip -> content) plus ``manifest.json``."""
    entries = dict(files)
    entries[MANIFEST] = (
        json.dumps(manifest(bp, files, provenance, created), ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    ).encode("utf-8")
    stamp = _zip_time(created)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(entries):
            info = zipfile.ZipInfo(path, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so that the permissions below are read
            info.external_attr = 0o100644 << 16
            archive.writestr(info, entries[path], compresslevel=9)
    return buffer.getvalue()
