"""A fast yes/no check of a blueprint against the schema.

Most files in a CI run are valid; for them, a validator compiled to Python code by
fastjsonschema answers several times faster than ``jsonschema``, which is then used only
to explain what is wrong with the files that fail here. The compiled code is cached as a
module in the user's cache folder (keyed by the schema's hash), so later runs import it
instead of compiling again.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import sys
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from kltransfer.schema import load_schema, schema_text

Gate = Callable[[Any], bool]


def cache_dir() -> Path:
    explicit = os.environ.get("KLTRANSFER_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kltransfer"


def _load_module(path: Path, name: str) -> Any:
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:  # pragma: no cover - only for a broken cache
        raise ImportError(name)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@cache
def gate(version: str) -> Gate:
    """A function that returns True when the data is valid for ``version``."""
    import fastjsonschema

    digest = hashlib.sha256(
        (schema_text(version) + fastjsonschema.VERSION).encode()).hexdigest()[:16]
    name = f"kltransfer_gate_{version.replace('.', '_')}_{digest}"
    validate: Callable[[Any], Any]
    try:
        folder = cache_dir() / "gates"
        target = folder / f"{name}.py"
        if not target.exists():
            folder.mkdir(parents=True, exist_ok=True)
            code = fastjsonschema.compile_to_code(load_schema(version))
            fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(code)
            os.replace(tmp, target)
        module = sys.modules.get(name) or _load_module(target, name)
        validate = next(getattr(module, n) for n in dir(module) if n.startswith("validate"))
    except (OSError, ImportError, StopIteration, SyntaxError):
        validate = fastjsonschema.compile(load_schema(version))
    error = fastjsonschema.JsonSchemaException

    def check(data: Any) -> bool:
        try:
            validate(data)
        except error:
            return False
        return True

    return check
