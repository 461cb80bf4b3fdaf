"""The registry of migrations: one step per module, chained from version to version."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from kltransfer.errors import KltransferError
from kltransfer.i18n import _


class MigrationError(KltransferError, ValueError):
    """A file that a migration step cannot upgrade as it stands (the file is left alone)."""

    code = "KT301"
    exit_code = 1


@dataclass(frozen=True, slots=True)
class Change:
    """One edit a step made: where (a key path) and what."""

    key_path: str
    action: str
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.key_path}: {self.action}" + (f" ({self.detail})" if self.detail else "")


TreeEdit = Callable[[Any], list[Change]]
TextEdit = Callable[[str], tuple[str, list[Change]]]


@dataclass(frozen=True, slots=True)
class Migration:
    """One step: edits a round-trip tree (``migrate``) and, optionally, the dumped text (comments)."""

    from_version: str
    to_version: str
    #: What the step does, in English (the message id); :attr:`description` is it in the reader's language.
    summary: str
    migrate: TreeEdit
    migrate_text: TextEdit | None = None

    @property
    def description(self) -> str:
        return _(self.summary)

    @classmethod
    def from_module(cls, module: ModuleType) -> Migration:
        return cls(
            module.FROM_VERSION,
            module.TO_VERSION,
            module.DESCRIPTION,
            module.migrate,
            getattr(module, "migrate_text", None),
        )


def _load() -> tuple[Migration, ...]:
    from kltransfer.migrate import v1_0_to_1_1, v1_1_to_1_2

    return tuple(Migration.from_module(m) for m in (v1_0_to_1_1, v1_1_to_1_2))


MIGRATIONS: tuple[Migration, ...] = _load()


def plan(from_version: str, to_version: str, migrations: tuple[Migration, ...] = MIGRATIONS) -> list[Migration]:
    """The steps that lead from ``from_version`` to ``to_version`` (empty when they are equal)."""
    steps: list[Migration] = []
    current = from_version
    while current != to_version:
        step = next((m for m in migrations if m.from_version == current), None)
        if step is None:
            raise MigrationError(
                _("no migration leads from format {current} to {target}", current=from_version, target=to_version),
                hint=_("migrations only go forward, one version at a time"),
            )
        steps.append(step)
        current = step.to_version
        if len(steps) > len(migrations):  # pragma: no cover - a cycle in the registry
            raise MigrationError(_("the migrations from {version} loop", version=from_version))
    return steps
