"""Format 1.0 -> 1.1.

- ``kltransfer`` becomes ``"1.1"``.
- ``funding`` (a list) and the top-level ``own_share`` become one mapping:
  ``funding: {sources: [...], own_share: ...}``, so that the whole financing stands in one place.
- ``privacy.dpia`` (a bare status word) becomes ``privacy.impact_assessment: {status: ...}``,
  which 1.1 lets carry the date and the address of the assessment too.
- An editor's ``# yaml-language-server: $schema=...blueprint-1.0...`` comment points at 1.1.

Format 1.1 also adds optional fields (``operator_model.after_funding``, ``kpis[].baseline_year``,
``components[].depends_on``); they are not invented here, ``kltransfer check`` asks for them.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml.comments import CommentedMap

from kltransfer.i18n import N_, _
from kltransfer.migrate.registry import Change, MigrationError
from kltransfer.migrate.steps import point_schema_comment, set_version

FROM_VERSION = "1.0"
TO_VERSION = "1.1"
DESCRIPTION = N_("funding and own_share joined in one mapping; privacy.dpia becomes privacy.impact_assessment")


def migrate(tree: Any) -> list[Change]:
    changes = [set_version(tree, FROM_VERSION, TO_VERSION)]
    changes += _join_funding(tree)
    changes += _structure_dpia(tree)
    return changes


def migrate_text(text: str) -> tuple[str, list[Change]]:
    return point_schema_comment(text, FROM_VERSION, TO_VERSION)


def _move_comment(source: Any, old_key: Any, target: Any, new_key: Any) -> None:
    token = source.ca.items.pop(old_key, None)
    if token is not None:
        target.ca.items[new_key] = token


def _join_funding(tree: CommentedMap) -> list[Change]:
    has_funding, has_share = "funding" in tree, "own_share" in tree
    if not has_funding and not has_share:
        return []
    funding = tree.get("funding")
    if has_funding and not isinstance(funding, list):
        raise MigrationError(
            _("'funding' is not a list as format 1.0 requires; correct it first"),
            hint=_("run 'kltransfer validate' on the file"),
        )
    keys = list(tree)
    position = keys.index("funding" if has_funding else "own_share")
    if has_funding and has_share and keys.index("own_share") < position:
        position -= 1
    joined = CommentedMap()
    changes: list[Change] = []
    if has_funding:
        joined["sources"] = funding
        _move_comment(tree, "funding", joined, "sources")
        changes.append(Change("funding", _("moved"), _("now {path}", path="funding.sources")))
    if has_share:
        joined["own_share"] = tree["own_share"]
        _move_comment(tree, "own_share", joined, "own_share")
        changes.append(Change("own_share", _("moved"), _("now {path}", path="funding.own_share")))
    for key in ("funding", "own_share"):
        if key in tree:
            del tree[key]
    tree.insert(position, "funding", joined)
    return changes


def _structure_dpia(tree: CommentedMap) -> list[Change]:
    privacy = tree.get("privacy")
    if not isinstance(privacy, CommentedMap) or "dpia" not in privacy:
        return []
    if "impact_assessment" in privacy:
        raise MigrationError(_("'privacy' holds both 'dpia' and 'impact_assessment'; keep one of them"))
    position = list(privacy).index("dpia")
    assessment = CommentedMap()
    assessment["status"] = privacy["dpia"]
    _move_comment(privacy, "dpia", assessment, "status")
    del privacy["dpia"]
    privacy.insert(position, "impact_assessment", assessment)
    return [Change("privacy.dpia", _("restructured"), _("now {path}", path="privacy.impact_assessment.status"))]
