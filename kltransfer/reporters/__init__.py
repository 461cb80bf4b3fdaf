"""Reporters turn a :class:`~kltransfer.findings.Report` into text for people or machines.

Each format is one class in its own module, registered in :data:`REPORTERS`; the names of
that registry are the choices of ``--format``. A reporter's module is imported only when
its format is used, so that a plain ``kltransfer validate`` does not pay for the others.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping

from kltransfer.reporters.base import Reporter


class _Registry(Mapping[str, type[Reporter]]):
    def __init__(self, where: dict[str, str]) -> None:
        self._where = where

    def __getitem__(self, name: str) -> type[Reporter]:
        module, _, cls = self._where[name].partition(":")
        reporter: type[Reporter] = getattr(importlib.import_module(f"kltransfer.reporters.{module}"), cls)
        return reporter

    def __iter__(self) -> Iterator[str]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)


REPORTERS: Mapping[str, type[Reporter]] = _Registry(
    {
        "text": "text:TextReporter",
        "json": "json_reporter:JsonReporter",
        "github": "github:GithubReporter",
        "sarif": "sarif:SarifReporter",
        "junit": "junit:JunitReporter",
        "gitlab": "gitlab:GitlabReporter",
    }
)


__all__ = ["REPORTERS", "Reporter"]
