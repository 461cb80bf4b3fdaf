"""Build hook: compile the message catalogs (.po) into the .mo files the package reads at run time,
and generate the schema gates a wheel ships.

The .po files are the source and live in the repository; the .mo files are built here, for a
wheel into the build's temporary folder, for an editable install beside their .po (ignored by
git). Babel, a build requirement, compiles them; kltransfer itself never imports it.
A wheel also gets the yes/no validator of every schema version, generated with fastjsonschema
(a build requirement) into ``kltransfer/validation/gates/`` (see
:mod:`kltransfer.validation.gate`): pip compiles them at install, so no run generates one;
and every schema in :mod:`marshal`'s form beside its JSON (see :func:`kltransfer.schema.load_schema`).
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


def _generate(root: Path, folder: Path) -> dict[str, str]:
    """What a wheel ships made from the schemas, generated into ``folder`` from the sources in
    ``root``: for every schema version its gate and the notation checks' expectations
    (``kltransfer/validation/gates/``) and the schema in marshal's form (beside its JSON).
    Returns each file written with its path in the wheel."""
    sys.path.insert(0, str(root))
    try:
        from kltransfer.schema import VERSIONS, marshal_schema, marshalled_name
        from kltransfer.validation.expectations import shipped_form
        from kltransfer.validation.expectations import shipped_name as expect_name
        from kltransfer.validation.gate import generate, shipped_name
    finally:
        sys.path.remove(str(root))
    made: dict[str, str] = {}
    for version in VERSIONS:
        for target, content in (
            (f"kltransfer/validation/gates/{shipped_name(version)}", generate(version).encode("utf-8")),
            (f"kltransfer/validation/gates/{expect_name(version)}", shipped_form(version)),
            (f"kltransfer/schema/{marshalled_name(version)}", marshal_schema(version)),
        ):
            path = folder / target
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
            made[str(path)] = target
    return made


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
        build_data["force_include"].update(_generate(root, Path(self._tmp.name) / "generated"))

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        tmp = getattr(self, "_tmp", None)
        if tmp is not None:
            tmp.cleanup()
