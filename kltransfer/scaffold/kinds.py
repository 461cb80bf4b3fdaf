"""Kinds of project: one folder each under ``templates/scaffold/``, described by ``kind.yaml``.

A kind folder holds ``kind.yaml`` (id, one-line description in de and en, default fields of
action, the kind's own questions) and ``blueprint.yaml.j2``. Files every kind shares (README,
CI set-up, the base of the blueprint) live in ``templates/scaffold/_common/``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from kltransfer.errors import KltransferError, UsageError
from kltransfer.i18n import _
from kltransfer.scaffold.questions import FIELDS_OF_ACTION, LANGS, Question, question_from_mapping
from kltransfer.validation.suggest import closest

KIND_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
#: Order of ``--list-kinds``: the general kind first, the others as the issue lists them.
ORDER = ("generic", "participation", "sensor-network", "open-data", "digital-service", "digital-twin")


class KindError(KltransferError, ValueError):
    """A kind folder that kltransfer cannot use (a defect of the templates, exit 2)."""

    code = "KT950"


@dataclass(frozen=True)
class Kind:
    id: str
    folder: Path
    description: Mapping[str, str]
    fields_of_action: tuple[str, ...]
    questions: tuple[Question, ...]

    def describe(self, lang: str) -> str:
        return self.description.get(lang) or self.description["en"]


def scaffold_root() -> Path:
    from kltransfer.resources import templates_dir

    return templates_dir() / "scaffold"


def common_dir(root: Path | None = None) -> Path:
    return (root or scaffold_root()) / "_common"


def _load_kind(folder: Path) -> Kind:
    where = str(folder / "kind.yaml")
    try:
        data: Any = yaml.safe_load((folder / "kind.yaml").read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise KindError(_("{where}: cannot be read: {reason}", where=where, reason=exc)) from exc
    if not isinstance(data, dict) or data.get("id") != folder.name:
        raise KindError(_("{where}: 'id' must equal the folder name '{name}'", where=where, name=folder.name))
    description = data.get("description")
    if not isinstance(description, dict) or not all(isinstance(description.get(x), str) for x in LANGS):
        raise KindError(_("{where}: 'description' needs a line in de and en", where=where))
    fields = tuple(data.get("fields_of_action") or ())
    if not fields or any(f not in FIELDS_OF_ACTION for f in fields):
        raise KindError(_("{where}: 'fields_of_action' must list values of the schema", where=where))
    try:
        questions = tuple(question_from_mapping(q, where) for q in data.get("questions") or ())
    except (ValueError, AttributeError) as exc:
        raise KindError(str(exc)) from exc
    if not (folder / "blueprint.yaml.j2").is_file():
        raise KindError(_("{folder}: blueprint.yaml.j2 is missing", folder=folder))
    return Kind(folder.name, folder, {x: " ".join(description[x].split()) for x in LANGS}, fields, questions)


@cache
def _kinds_in(root: Path) -> dict[str, Kind]:
    found: dict[str, Kind] = {}
    if root.is_dir():
        for folder in root.iterdir():
            if (
                KIND_ID.match(folder.name)
                and folder.is_dir()
                and not folder.is_symlink()
                and (folder / "kind.yaml").is_file()
            ):
                found[folder.name] = _load_kind(folder)
    rank = {k: i for i, k in enumerate(ORDER)}
    return dict(sorted(found.items(), key=lambda item: (rank.get(item[0], len(ORDER)), item[0])))


def load_kinds(root: Path | None = None) -> dict[str, Kind]:
    """Every kind shipped, in the order of ``--list-kinds``."""
    return _kinds_in((root or scaffold_root()).resolve())


def get_kind(kind_id: str, root: Path | None = None) -> Kind:
    """The kind with this id; a usage error (with a suggestion) for anything else.

    Only ids found by :func:`load_kinds` are accepted, so a kind name can never select a
    folder outside the templates (``../x``, absolute paths and the like are simply unknown).
    """
    kinds = load_kinds(root)
    if kind_id in kinds:
        return kinds[kind_id]
    guess = closest(kind_id, kinds)
    raise UsageError(
        _("unknown kind '{kind}'; did you mean '{guess}'?", kind=kind_id, guess=guess)
        if guess
        else _("unknown kind '{kind}'", kind=kind_id),
        hint=_("choose one of: {kinds} (see kltransfer new --list-kinds)", kinds=", ".join(kinds)),
    )
