"""What every migration step does alike: set the format version, point the editor's schema comment."""

from __future__ import annotations

import re
from typing import Any

from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

from kltransfer.i18n import _
from kltransfer.migrate.registry import Change, MigrationError


def set_version(tree: Any, from_version: str, to_version: str) -> Change:
    """``kltransfer: "<to_version>"``, in the quotes the file used (double unless single)."""
    if not isinstance(tree, CommentedMap):
        raise MigrationError(_("the top level of the file is not a mapping"))
    old = tree.get("kltransfer")
    kind = SingleQuotedScalarString if isinstance(old, SingleQuotedScalarString) else DoubleQuotedScalarString
    tree["kltransfer"] = kind(to_version)
    return Change("kltransfer", _("changed"), f'"{from_version}" -> "{to_version}"')


def point_schema_comment(text: str, from_version: str, to_version: str) -> tuple[str, list[Change]]:
    """An editor's ``# yaml-language-server: $schema=...`` comment that names the old format's
    schema (``blueprint-1.1.schema.json`` or ``/blueprint/1.1/``) names the new one."""
    old = re.escape(from_version)
    pattern = re.compile(
        rf"^(#\s*yaml-language-server:\s*\$schema=\S*?)(blueprint-{old}\.schema\.json|/blueprint/{old}/)", re.MULTILINE
    )
    new, count = pattern.subn(lambda m: m.group(1) + m.group(2).replace(from_version, to_version), text, count=1)
    if not count:
        return text, []
    detail = _("$schema now points at format {version}", version=to_version)
    return new, [Change("# yaml-language-server", _("comment updated"), detail)]
