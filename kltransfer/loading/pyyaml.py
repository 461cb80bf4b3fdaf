"""PyYAML, imported without compiling a pattern that kltransfer's loader never uses.

Importing ``yaml`` compiles ``yaml.reader.Reader.NON_PRINTABLE``, a character class over the
whole of Unicode that costs more milliseconds than the rest of the ``yaml`` import together,
at every start of ``kltransfer validate``. Only PyYAML's pure-Python reader uses it; the
loader here reads with libyaml (``CSafeLoader``), which checks the characters itself. While
``yaml`` is imported here, that one pattern is made a stand-in that compiles it the first time
it is used (the pure-Python loader, where libyaml is missing), so it behaves the same.
Import ``yaml`` through this module (``from kltransfer.loading.pyyaml import yaml``) where
``yaml`` is first imported on the way of ``validate``.
"""

from __future__ import annotations

import re
import sys

#: ``yaml.reader.Reader.NON_PRINTABLE`` as PyYAML writes it
_NON_PRINTABLE = "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"


class _Deferred:
    """A compiled pattern that is compiled when first used."""

    __slots__ = ("_args", "_pattern")

    def __init__(self, *args: Any) -> None:
        self._args = args
        self._pattern: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        if self._pattern is None:
            self._pattern = _compile(*self._args)
        return getattr(self._pattern, name)


_compile = re.compile


def _compile_deferring(pattern: Any, flags: Any = 0) -> Any:
    if pattern == _NON_PRINTABLE and not flags:
        return _Deferred(pattern, flags)
    return _compile(pattern, flags)


if "yaml" not in sys.modules:
    re.compile = _compile_deferring
    try:
        import yaml
    finally:
        re.compile = _compile

import yaml as yaml  # noqa: E402 - after the import above, which defers the pattern

TYPE_CHECKING = False  # typing is not imported at run time (docs/performance.md)
if TYPE_CHECKING:
    from typing import Any
