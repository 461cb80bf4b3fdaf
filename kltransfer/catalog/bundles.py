"""The ``.kltransfer.zip`` bundle the catalog offers beside each blueprint's page.

The same bundle as ``kltransfer export --bundle`` writes (:mod:`kltransfer.export.bundle`):
the source blueprint and the files beside it under ``source/``, the page under ``html/``, and
``manifest.json`` with every file's SHA-256. Its provenance is the catalog's source (the git
URL and commit, or the folder), so it is the same whichever machine builds the catalog.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from kltransfer.catalog.sources import Found


def provenance_of(found: Found) -> Any:
    from kltransfer.export.provenance import Provenance, strip_credentials

    given = found.source
    if given.kind == "git":
        git = {"remote": strip_credentials(given.location), "commit": given.commit, "dirty": False}
        return Provenance(found.rel, git, given.time)
    return Provenance(found.rel, None, given.time)


def build_bundle(found: Found, blueprint: dict[str, Any], page: dict[str, bytes]) -> tuple[str, bytes]:
    """The bundle's file name and bytes. ``blueprint``: the normalised blueprint; ``page``: its HTML files."""
    from kltransfer.export.assets import asset_paths
    from kltransfer.export.bundle import build_time, build_zip, bundle_name

    content = {f"html/{rel}": data for rel, data in page.items()}
    content["source/blueprint.yaml"] = found.path.read_bytes()
    for rel in asset_paths(found.path):
        content[f"source/{rel}"] = (found.path.parent / rel).read_bytes()
    provenance = provenance_of(found)
    name = bundle_name(str(blueprint["id"]), str(blueprint["version"]))
    return name, build_zip(blueprint, content, provenance, build_time(provenance))


def describe_bundle(name: str, data: bytes) -> dict[str, Any]:
    """What catalog.json says of a bundle: its file name, size and SHA-256."""
    return {"file": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def bundle_path(site: Path, blueprint_id: str, name: str) -> Path:
    return site / "blueprints" / blueprint_id / name
