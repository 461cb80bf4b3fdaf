"""Scaffolding new blueprints: the library behind ``kltransfer new``.

:func:`kltransfer.scaffold.api.new_blueprint` renders a kind's templates (``templates/scaffold``)
with the answers given and writes the folder; no command-line library is imported here.
"""

from __future__ import annotations

from typing import Any

__all__ = ["NewOptions", "NewResult", "load_kinds", "new_blueprint"]


def __getattr__(name: str) -> Any:
    if name in ("NewOptions", "NewResult", "new_blueprint"):
        from kltransfer.scaffold import api

        return getattr(api, name)
    if name == "load_kinds":
        from kltransfer.scaffold.kinds import load_kinds

        return load_kinds
    raise AttributeError(name)
