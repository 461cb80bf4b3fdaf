"""A fast yes/no check of a blueprint against the schema.

Most files in a CI run are valid; for them, a validator compiled to Python code by
fastjsonschema answers several times faster than ``jsonschema``, which is then used only
to explain what is wrong with the files that fail here. The gate only answers yes or no, so
the code is generated without the detailed exceptions (a copy of the schema in each) and
without messages (:func:`lean`), which makes it a third of the size.

A wheel ships the gates, generated when it is built (:data:`SHIPPED`, ``hatch_build.py``);
pip compiles them to byte code at install, so even the first run after an install or an update
only loads them. A checkout (or an editable install) has none: there the code is generated
once per schema and cached as a module in the user's cache folder, and its byte code beside it
with :mod:`marshal` (keyed by the interpreter), because Python does not write ``.pyc`` files
where ``PYTHONDONTWRITEBYTECODE`` is set, and compiling the generated source costs more than
the validation of a whole file. The cache's key is a CRC-32 and the length of the schema's
text with the versions of fastjsonschema and of the generation: :mod:`hashlib` loads OpenSSL,
which costs more at start-up than the check of a valid file, and the key only has to tell
schemas apart, not resist an attacker.
"""

from __future__ import annotations

import marshal
import os
import re
import sys
from binascii import crc32
from collections.abc import Callable
from functools import cache
from pathlib import Path

from kltransfer.schema import load_schema, schema_text

TYPE_CHECKING = False  # typing is not imported at run time (docs/performance.md)
if TYPE_CHECKING:
    from typing import Any

Gate = Callable[[object], bool]
#: Changes whenever the way the gate is generated changes, so that old caches are not reused.
GATE_FORMAT = "4"
#: The gates generated from the schemas when the wheel is built (``hatch_build.py``); pip
#: compiles them to byte code when it installs the wheel, so that even the first run after an
#: install or an update loads a gate instead of generating one. A checkout has none, and uses
#: the cache.
SHIPPED = Path(__file__).with_name("gates")


def cache_dir() -> Path:
    explicit = os.environ.get("KLTRANSFER_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kltransfer"


def inline_refs(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema with every local ``$ref`` replaced by the definition it names.

    fastjsonschema turns each ``$ref`` into a function call whose error-path argument is
    formatted on every call, even when nothing fails; inlining the (non-recursive)
    definitions makes the valid path several times cheaper. The meaning is unchanged.
    """
    definitions = schema.get("$defs", {})

    def expand(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                merged = {**definitions[ref[len("#/$defs/") :]], **{k: v for k, v in node.items() if k != "$ref"}}
                return expand(merged)
            return {k: expand(v) for k, v in node.items() if k != "$defs"}
        if isinstance(node, list):
            return [expand(v) for v in node]
        return node

    inlined: dict[str, Any] = expand(schema)
    return inlined


#: the generated code's import of fastjsonschema, and what :func:`lean` puts in its place
_IMPORT = "from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException\n"
_OWN = (
    "class JsonSchemaValueException(ValueError):\n    pass\n\n\nJsonSchemaValuesException = JsonSchemaValueException\n"
)

#: the generated code's import of Decimal (for ``isinstance`` only, without ``multipleOf``), and
#: a stand-in that answers the same without importing :mod:`decimal` (a Decimal exists only
#: where that module has been imported)
_DECIMAL = "from decimal import Decimal\n"
_OWN_DECIMAL = """import sys as _sys


class _DecimalType(type):
    def __instancecheck__(cls, obj):
        decimal = _sys.modules.get("decimal")
        return decimal is not None and isinstance(obj, decimal.Decimal)


class Decimal(metaclass=_DecimalType):
    pass
"""


def lean(source: str) -> str:
    """The generated code with every exception raised without its message, and its exception
    defined in itself: the gate only answers yes or no, the messages make a third of the code
    Python compiles on a first run, and importing fastjsonschema (or :mod:`decimal`) costs
    every run."""
    if _IMPORT not in source:
        raise ImportError("fastjsonschema generated code this version of kltransfer does not know")
    source = source.replace(_IMPORT, _OWN, 1)
    if "Decimal(" not in source:
        source = source.replace(_DECIMAL, _OWN_DECIMAL, 1)
    return re.sub(r"(?m)^(\s*)raise JsonSchemaValueException\(.*\)$", r'\1raise JsonSchemaValueException("")', source)


def generate(version: str) -> str:
    """The source of the gate of ``version``, as fastjsonschema writes it, made :func:`lean`."""
    import fastjsonschema

    return lean(fastjsonschema.compile_to_code(inline_refs(load_schema(version)), detailed_exceptions=False))


def shipped_name(version: str) -> str:
    """The file name of the gate of ``version`` in :data:`SHIPPED`."""
    return f"gate_{version.replace('.', '_')}.py"


def _shipped(version: str) -> Any:
    """The code object of the gate generated when the wheel was built, or None (a checkout)."""
    source = SHIPPED / shipped_name(version)
    if not source.is_file():
        return None
    from importlib.machinery import SourceFileLoader  # reads the byte code pip wrote at install

    return SourceFileLoader(source.stem, str(source)).get_code(source.stem)


def _compiled(folder: Path, name: str, version: str) -> Any:
    """The code object of the generated validator, from the cache or made now and cached."""
    code_file = folder / f"{name}.{sys.implementation.cache_tag}.marshal"
    try:
        return marshal.loads(code_file.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        pass
    from kltransfer.destination.files import write_atomic  # tempfile: only where something is written

    source_file = folder / f"{name}.py"
    try:
        source = source_file.read_text(encoding="utf-8")
    except OSError:
        source = generate(version)
    code = compile(source, str(source_file), "exec")
    folder.mkdir(parents=True, exist_ok=True)
    if not source_file.exists():
        write_atomic(source_file, source.encode("utf-8"))
    write_atomic(code_file, marshal.dumps(code))
    return code


def fastjsonschema_version() -> str:
    """The version of fastjsonschema (part of the cache's key), read without importing it: with
    a warm cache, the generated code is all that runs, and the import costs start-up."""
    from importlib.util import find_spec

    try:
        spec = find_spec("fastjsonschema")
        text = Path(spec.origin).with_name("version.py").read_text(encoding="utf-8")  # type: ignore[union-attr,arg-type]
        found = re.search(r"""^VERSION = ['"]([^'"]+)['"]""", text, re.MULTILINE)
        if found:
            return found.group(1)
    except (AttributeError, TypeError, ValueError, OSError, ImportError):
        pass
    import fastjsonschema

    return str(fastjsonschema.VERSION)


@cache
def gate(version: str) -> Gate:
    """A function that returns True when the data is valid for ``version``."""
    validate: Callable[[Any], Any]
    error: type[Exception]
    try:
        code = _shipped(version)
        if code is None:
            key = (schema_text(version) + "\0" + fastjsonschema_version() + "\0" + GATE_FORMAT).encode()
            code = _compiled(
                cache_dir() / "gates",
                f"kltransfer_gate_{version.replace('.', '_')}_{len(key)}_{crc32(key):08x}",
                version,
            )
        namespace: dict[str, Any] = {"__name__": "kltransfer_gate"}
        exec(code, namespace)
        # the generated module names its entry point after the schema's $id
        root = "validate_" + "".join(c if c.isalnum() else "_" for c in load_schema(version)["$id"])
        validate = namespace[root]
        error = namespace["JsonSchemaValueException"]
    except (OSError, ImportError, KeyError, SyntaxError):
        import fastjsonschema

        validate = fastjsonschema.compile(inline_refs(load_schema(version)), detailed_exceptions=False)
        error = fastjsonschema.JsonSchemaException

    def check(data: Any) -> bool:
        try:
            validate(data)
        except error:
            return False
        return True

    return check
