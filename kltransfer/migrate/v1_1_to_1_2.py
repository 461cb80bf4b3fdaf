"""Format 1.1 -> 1.2.

Format 1.2 only adds: several owners (``cities[]``, ``owner``), ``transfer.adopters[]`` and
``transfer.support[]``, the ``unknown`` marker, dates as precise as known, ``decisions[]``,
``sources[]`` with ``cite`` and ``citations[]``, KPI ``measurements[]``, funding details,
``use_cases[]``, ``related_projects[]``, ``awards[]`` and component version, status and
governance. Every 1.1 file is a valid 1.2 file once its version says so, so this step

- sets ``kltransfer`` to ``"1.2"``, keeping the quotes the file used;
- points an editor's ``# yaml-language-server: $schema=...blueprint-1.1...`` comment at 1.2.

Nothing is invented: the new fields are the authors' to fill in (``kltransfer check`` asks).
"""

from __future__ import annotations

from typing import Any

from kltransfer.i18n import N_
from kltransfer.migrate.registry import Change
from kltransfer.migrate.steps import point_schema_comment, set_version

FROM_VERSION = "1.1"
TO_VERSION = "1.2"
DESCRIPTION = N_("format version set to 1.2; the new fields of 1.2 are optional and left for you to fill in")


def migrate(tree: Any) -> list[Change]:
    return [set_version(tree, FROM_VERSION, TO_VERSION)]


def migrate_text(text: str) -> tuple[str, list[Change]]:
    return point_schema_comment(text, FROM_VERSION, TO_VERSION)
