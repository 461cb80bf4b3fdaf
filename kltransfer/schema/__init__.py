"""The blueprint format as JSON Schema (draft 2020-12), one file per format version."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

#: Format versions this release reads, oldest first; the last one is written by new files.
VERSIONS: tuple[str, ...] = ("1.0", "1.1", "1.2")
CURRENT = VERSIONS[-1]
VERSION_KEY = "kltransfer"


def schema_text(version: str = CURRENT) -> str:
    """The schema of ``version`` exactly as shipped."""
    if version not in VERSIONS:
        raise KeyError(version)
    return resources.files(__name__).joinpath(f"blueprint-{version}.schema.json").read_text("utf-8")


@cache
def load_schema(version: str = CURRENT) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(schema_text(version))
    return schema
