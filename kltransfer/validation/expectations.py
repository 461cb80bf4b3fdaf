"""What the format expects at each place of a blueprint, read from its JSON Schema.

The notation checks (:mod:`kltransfer.validation.notation`) need to know where a count, an
amount of money, a date, true/false, a code from a list or a list of values belongs. That is
read from the schema of the file's format version (``$defs`` ``amount``, ``count`` and
``date``, ``type``, ``enum``, digit patterns), never from a list of key names, so that the
fields of a newer format version are covered without changes here.
"""

from __future__ import annotations

import marshal
import re
from functools import cache
from pathlib import Path

from kltransfer.schema import load_schema, schema_key

TYPE_CHECKING = False  # typing is not imported at run time (docs/performance.md)
if TYPE_CHECKING:
    from typing import Any

#: Changes whenever :class:`Expect` or its shipped form (:func:`freeze`) changes, so that a form
#: shipped by another version of kltransfer is not read.
EXPECT_FORMAT = 1
#: Where a wheel ships the expectations of every format version, made when it was built
#: (``hatch_build.py``, beside the gates); a checkout has none and compiles them from the schema.
SHIPPED = Path(__file__).with_name("gates")


class Kind:
    """The kinds of places (plain numbers: this module is imported by every ``validate``)."""

    OTHER = 0  # free text or anything these checks leave alone
    OBJECT = 1
    ARRAY = 2
    AMOUNT = 3  # money: a number >= 0 (or TODO)
    COUNT = 4  # a whole number (or TODO)
    NUMBER = 5  # a number and nothing else
    DATE = 6
    BOOLEAN = 7
    CODE = 8  # one text of a fixed list (enum)
    DIGITS = 9  # digits as text: an AGS, a postcode


#: The type of value that needs no closer look at a place of a kind.
_FINE: dict[int, type] = {Kind.AMOUNT: int, Kind.COUNT: int, Kind.BOOLEAN: bool}
#: The definitions whose meaning the checks know by name.
_NAMED = {
    "amount": Kind.AMOUNT,
    "count": Kind.COUNT,
    "date": Kind.DATE,
    "yes_no": Kind.BOOLEAN,  # format 1.2: true, false, unknown or TODO
    "quantity": Kind.NUMBER,  # format 1.2: a number >= 0, unknown or TODO
}
#: A pattern that allows digits only, such as ``^[0-9]{8}$`` (AGS) or ``^[0-9]{5}$`` (postcode).
_DIGIT_PATTERN = re.compile(r"\^(?:\[0-9\]|\\d)(?:\{\d+(?:,\d*)?\}|\+)\$")


class Expect:
    """The expectation at one place: its kind and, for mappings and lists, those of the places below.

    ``text``: free text is allowed here (a list of such values may be written as one text by
    mistake). ``closed``: a mapping that allows no keys besides ``properties``. ``checked``:
    whether anything at this place or below it is checked.
    """

    __slots__ = (
        "checked",
        "closed",
        "codes",
        "fine",
        "items",
        "kind",
        "numeric",
        "pattern",
        "properties",
        "text",
        "watched",
    )

    def __init__(
        self,
        kind: int = Kind.OTHER,
        properties: dict[str, Expect] | None = None,
        items: Expect | None = None,
        *,
        codes: frozenset[str] = frozenset(),
        pattern: re.Pattern[str] | None = None,
        text: bool = False,
        closed: bool = False,
        checked: bool = True,
    ) -> None:
        self.kind = kind
        self.properties = properties or {}
        self.items = items
        self.codes = codes
        self.pattern = pattern
        self.text = text
        self.closed = closed
        self.checked = checked
        #: The type of value that is right here without a closer look (the walk's fast path).
        self.fine: type | None = _FINE.get(kind)
        #: The properties whose places are checked (set once the whole tree is compiled).
        self.watched: tuple[tuple[str, Expect], ...] = ()
        #: The properties with a count or an amount at or below them.
        self.numeric: tuple[tuple[str, Expect], ...] = ()


def _types(schema: dict[str, Any]) -> set[str]:
    types = schema.get("type", [])
    return {types} if isinstance(types, str) else set(types)


class _Compiler:
    def __init__(self, schema: dict[str, Any]) -> None:
        self.defs: dict[str, Any] = schema.get("$defs", {})
        self.cache: dict[str, Expect] = {}

    def compile(self, schema: Any) -> Expect:
        if not isinstance(schema, dict):
            return Expect(checked=False)
        ref = schema.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            name = ref[len("#/$defs/") :]
            if name not in self.cache:
                self.cache[name] = self._definition(name)
            return self.cache[name]
        types = _types(schema)
        if "object" in types and "properties" in schema:
            props = {k: self.compile(v) for k, v in schema["properties"].items()}
            return Expect(Kind.OBJECT, props, closed=schema.get("additionalProperties") is False)
        if types == {"array"}:
            items = self.compile(schema.get("items"))
            return Expect(Kind.ARRAY, items=items)
        if types == {"boolean"}:
            return Expect(Kind.BOOLEAN)
        if types == {"integer"}:
            return Expect(Kind.COUNT)
        if types == {"number"}:
            return Expect(Kind.NUMBER)
        # a code from a list; format 1.2 writes it as "if TODO then anything, else one of the list"
        enum = schema.get(
            "enum", (schema.get("else") or {}).get("enum") if isinstance(schema.get("else"), dict) else None
        )
        if types == {"string"} and isinstance(enum, list):
            return Expect(Kind.CODE, codes=frozenset(str(v) for v in enum))
        pattern = schema.get("pattern")
        if types == {"string"} and isinstance(pattern, str) and _DIGIT_PATTERN.fullmatch(pattern):
            return Expect(Kind.DIGITS, pattern=re.compile(pattern.replace("$", r"\Z")))
        return Expect(checked=False, text="string" in types and not pattern)

    def _definition(self, name: str) -> Expect:
        definition = self.defs.get(name, {})
        kind = _NAMED.get(name)
        if kind == Kind.DATE:
            pattern = definition.get("pattern", r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
            return Expect(kind, pattern=re.compile(pattern.replace("$", r"\Z")))
        if kind is not None:
            return Expect(kind)
        return self.compile(definition)


def _mark(expect: Expect, seen: dict[int, tuple[bool, bool]]) -> tuple[bool, bool]:
    """Whether anything is checked at or below ``expect``, and whether a count or an amount is."""
    if id(expect) in seen:
        return seen[id(expect)]
    seen[id(expect)] = (expect.checked, True)  # the schema is not recursive; this only ends a cycle
    below = {key: _mark(sub, seen) for key, sub in expect.properties.items()}
    items = _mark(expect.items, seen) if expect.items is not None else (False, False)
    expect.checked = expect.kind != Kind.OTHER or items[0] or any(c for c, _ in below.values())
    numeric = expect.kind in (Kind.AMOUNT, Kind.COUNT) or items[1] or any(n for _, n in below.values())
    expect.watched = tuple((key, sub) for key, sub in expect.properties.items() if below[key][0])
    expect.numeric = tuple((key, sub) for key, sub in expect.properties.items() if below[key][1])
    seen[id(expect)] = (expect.checked, numeric)
    return expect.checked, numeric


def compile_expectations(version: str) -> Expect:
    """The expectation at the top of a blueprint of format ``version``, compiled from its schema."""
    root = _Compiler(load_schema(version)).compile(load_schema(version))
    _mark(root, {})
    return root


@cache
def expectations(version: str) -> Expect:
    """The expectation at the top of a blueprint of format ``version`` (once per process): the one
    a wheel ships where it was made from this very schema, else compiled from the schema (which
    takes about as long as the rest of the notation checks of a file)."""
    return _shipped(version) or compile_expectations(version)


# --- the form a wheel ships -----------------------------------------------------------------------

#: One place in :func:`freeze`'s form: kind, properties as (key, index), index of items (-1: none),
#: codes, pattern, text, closed, checked, keys of ``watched``, keys of ``numeric``.
Frozen = tuple[
    int,
    tuple[tuple[str, int], ...],
    int,
    tuple[str, ...],
    str | None,
    bool,
    bool,
    bool,
    tuple[str, ...],
    tuple[str, ...],
]


def freeze(root: Expect) -> list[Frozen]:
    """The tree below ``root`` as plain data :mod:`marshal` can write: one entry per place, the
    root first, each place that several share (a ``$defs`` definition) once, referred to by index."""
    index: dict[int, int] = {}
    places: list[Expect] = []
    stack = [root]
    while stack:
        expect = stack.pop()
        if id(expect) in index:
            continue
        index[id(expect)] = len(places)
        places.append(expect)
        stack.extend(reversed([*expect.properties.values(), *([expect.items] if expect.items is not None else [])]))
    return [
        (
            e.kind,
            tuple((key, index[id(sub)]) for key, sub in e.properties.items()),
            -1 if e.items is None else index[id(e.items)],
            tuple(sorted(e.codes)),
            None if e.pattern is None else e.pattern.pattern,
            e.text,
            e.closed,
            e.checked,
            tuple(key for key, _ in e.watched),
            tuple(key for key, _ in e.numeric),
        )
        for e in places
    ]


def thaw(frozen: list[Frozen]) -> Expect:
    """The tree :func:`freeze` wrote, its root returned."""
    places = [
        Expect(kind, codes=frozenset(codes), pattern=None if p is None else re.compile(p), text=t, closed=c, checked=k)
        for kind, _, _, codes, p, t, c, k, _, _ in frozen
    ]
    for place, (_, properties, items, *_, watched, numeric) in zip(places, frozen, strict=True):
        place.properties = {key: places[i] for key, i in properties}
        place.items = None if items < 0 else places[items]
        place.watched = tuple((key, place.properties[key]) for key in watched)
        place.numeric = tuple((key, place.properties[key]) for key in numeric)
    return places[0]


def shipped_name(version: str) -> str:
    """The file name of the expectations of ``version`` in :data:`SHIPPED`."""
    return f"expect_{version.replace('.', '_')}.marshal"


def shipped_form(version: str) -> bytes:
    """What a wheel ships for ``version``: the format, the schema's key and :func:`freeze`'s form."""
    return marshal.dumps((EXPECT_FORMAT, schema_key(version), freeze(compile_expectations(version))))


def _shipped(version: str) -> Expect | None:
    """The expectations the wheel ships for ``version``, if they were made from this schema."""
    try:
        form, key, frozen = marshal.loads((SHIPPED / shipped_name(version)).read_bytes())
        if form == EXPECT_FORMAT and tuple(key) == schema_key(version):
            return thaw(frozen)
    except (OSError, ValueError, EOFError, TypeError, IndexError, KeyError):
        pass
    return None
