"""kltransfer: describe a municipal digitalisation project once, replicate it in other cities.

The public Python API lives in the submodules and is re-exported lazily here so that
``import kltransfer`` stays cheap for the command line::

    from kltransfer import validate_paths
    report = validate_paths(["examples/"])
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing is not imported at run time (docs/performance.md)
if TYPE_CHECKING:
    from typing import Any

__version__ = "0.2.0"

_LAZY = {
    "validate_paths": "kltransfer.validation.validate",
    "validate_file": "kltransfer.validation.validate",
    "load_file": "kltransfer.loading.yaml_loader",
    "load_text": "kltransfer.loading.yaml_loader",
    "KltransferError": "kltransfer.errors",
}

__all__ = ["__version__", *_LAZY]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        from kltransfer.i18n import _

        raise AttributeError(_("module 'kltransfer' has no attribute '{name}'", name=name))
    import importlib

    return getattr(importlib.import_module(module), name)
