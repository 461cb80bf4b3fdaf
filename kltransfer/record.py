"""Small value classes for the modules that ``kltransfer validate`` imports, without :mod:`dataclasses`.

Importing :mod:`dataclasses` imports :mod:`inspect` (and with it ``ast``, ``dis`` and
``tokenize``), and every ``@dataclass`` compiles its methods from source text when its module
is imported: together about a tenth of what a one-file ``validate`` takes, which an editor or a
pre-commit hook pays on every save (docs/performance.md). The classes on that way therefore
name their fields in ``__slots__``, write their ``__init__`` out (a keyword parameter for each
field) and take equality, ``repr``, copying with changes (:meth:`Record.replace`),
pickling (for ``--jobs``) and, for :class:`FrozenRecord`, hashing and immutability from here.
Everything else in kltransfer uses dataclasses.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing is not imported at run time (docs/performance.md)
if TYPE_CHECKING:
    from typing import Any, ClassVar, Self


class Record:
    """A value with named fields (``__slots__``), compared field by field; mutable and unhashable
    like a dataclass with ``eq``. Fields listed in ``_hidden`` are left out of comparison and ``repr``."""

    __slots__ = ()
    _hidden: ClassVar[frozenset[str]] = frozenset()

    def _fields(self) -> tuple[str, ...]:
        return self.__slots__  # type: ignore[return-value]

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self._fields())

    def _compared(self) -> tuple[Any, ...]:
        hidden = self._hidden
        return tuple(getattr(self, name) for name in self._fields() if name not in hidden)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._compared() == other._compared()  # type: ignore[attr-defined]

    __hash__: ClassVar[None] = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields() if name not in self._hidden)
        return f"{type(self).__qualname__}({shown})"

    def replace(self, **changes: Any) -> Self:
        """A copy with the fields in ``changes`` set to new values (an unknown name is a ``TypeError``)."""
        values = {name: getattr(self, name) for name in self._fields()}
        values.update(changes)
        return type(self)(**values)

    def __reduce__(self) -> tuple[Any, ...]:
        return _rebuild, (type(self), {name: getattr(self, name) for name in self._fields()})


class FrozenRecord(Record):
    """A :class:`Record` whose fields cannot be changed once set (its ``__init__`` sets them
    with :meth:`_set`), hashable by its values."""

    __slots__ = ()

    def _set(self, **values: Any) -> None:
        for name, value in values.items():
            object.__setattr__(self, name, value)

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(self._compared())

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"cannot assign to field '{name}' of a frozen {type(self).__name__}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field '{name}' of a frozen {type(self).__name__}")


def _rebuild(cls: type[Record], values: dict[str, Any]) -> Record:
    """The record that :meth:`Record.__reduce__` took apart (for pickling and copying)."""
    return cls(**values)
