"""Build hook: compile the message catalogs (.po) into the .mo files the package reads at run time,
and generate the schema gates a wheel ships.

The .po files are the source and live in the repository; the .mo files are built here, for a
wheel into the build's temporary folder, for an editable install beside their .po (ignored by
git). Babel, a build requirement, compiles them; kltransfer itself never imports it.
A wheel also gets the yes/no validator of every schema version, generated with fastjsonschema
(a build requirement) into ``kltransfer/validation/gates/`` (see
:mod:`kltransfer.validation.gate`): pip compiles them at install, so no run generates one.
"""

from __future__ import annotations

import importlib.util
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


def _catalogs_module(root: Path) -> Any:
    spec = importlib.util.spec_from_file_location("kltransfer_catalogs", root / "scripts" / "catalogs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _generate_gates(root: Path, folder: Path) -> list[Path]:
    """The gate of every schema version, generated into ``folder`` from the sources in ``root``."""
    sys.path.insert(0, str(root))
    try:
        from kltransfer.schema import VERSIONS
        from kltransfer.validation.gate import generate, shipped_name
    finally:
        sys.path.remove(str(root))
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for version in VERSIONS:
        path = folder / shipped_name(version)
        path.write_text(generate(version), encoding="utf-8")
        written.append(path)
    return written


class CatalogBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "catalogs"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        root = Path(self.root)
        catalogs = _catalogs_module(root)
        if version == "editable":
            catalogs.compile_catalogs()
            return
        self._tmp = tempfile.TemporaryDirectory(prefix="kltransfer-mo-")
        for mo in catalogs.compile_catalogs(Path(self._tmp.name)):
            build_data["force_include"][str(mo)] = "kltransfer/" + mo.relative_to(self._tmp.name).as_posix()
        for gate in _generate_gates(root, Path(self._tmp.name) / "gates"):
            build_data["force_include"][str(gate)] = "kltransfer/validation/gates/" + gate.name

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        tmp = getattr(self, "_tmp", None)
        if tmp is not None:
            tmp.cleanup()
