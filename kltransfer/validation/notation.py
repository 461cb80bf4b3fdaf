"""German notation, caught with the exact fix: ``100.000``, ``1,5 Mio. Euro``, ``0,5``,
``31.12.2025``, ``ags: 07312000``, ``ja``, ``Umwelt, Mobilität``, ``Förderung:``, ``Rheinland-Pfalz``.

One walk over the data, guided by what the format expects at each place
(:mod:`kltransfer.validation.expectations`); the YAML nodes are looked up only for a value
that is reported. Each finding (KT230-KT238) stands on the value or key as written, says
which value to write instead, and carries that as an :class:`Edit` where it is certain
(``kltransfer fix`` applies it). It replaces the schema check's vaguer findings on the same
value (:func:`check_notation` takes them and drops those), its key paths join
``doc.reported`` for the checks after it, and :func:`supersede` drops the loader's
KT004/KT012 where a finding here is more precise.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from itertools import islice

import yaml

from kltransfer.findings import MAX_FINDINGS, Edit, Finding
from kltransfer.i18n import tr
from kltransfer.loading.keypath import KeyPath, format_key_path
from kltransfer.loading.yaml_loader import Document
from kltransfer.validation.expectations import Expect, Kind, expectations

TYPE_CHECKING = False  # typing is not imported at run time (docs/performance.md)
if TYPE_CHECKING:
    from typing import Any

_PLACEHOLDER = re.compile(r"TODO\b")
_LIST_SEPARATOR = re.compile(r"\s*[,;]\s*")
#: Loader findings that a notation finding on the same value replaces.
SUPERSEDED = frozenset({"KT004", "KT012"})
CODES = frozenset(f"KT23{i}" for i in range(10))
_NUMBERS = (Kind.AMOUNT, Kind.COUNT, Kind.NUMBER)
_MISSING = object()


def check_notation(doc: Document, version: str, schema_findings: list[Finding]) -> list[Finding]:
    """The notation findings of ``doc`` (format ``version``) and the schema's findings on other values.

    A notation finding replaces what the schema check says about the same value (and, for a
    German key, about the key it stands for); its key paths join ``doc.reported``, so that the
    checks after it leave those values alone too. When the schema found nothing, only a German
    thousands dot that YAML read as a decimal point (``150.000``) can be wrong: then only the
    places of counts and amounts are looked at.
    """
    walk = _Walk(doc)
    root = expectations(version)
    if not schema_findings and not doc.reported:
        walk.floats(doc.data, root, ())
    else:
        walk.mapping(doc.data, root, ())
        for path in list(doc.reported):  # the loader's KT012 on digits (ags: 09162000): the walk took them as fine
            walk.digits_reported(root, path)
    if not walk.findings:
        return schema_findings
    doc.reported.update(walk.reported)
    mine = {format_key_path(p) for p in walk.reported}
    lengths = sorted({len(p) for p in mine})
    kept = [f for f in schema_findings if not _under(f.key_path, mine, lengths)]
    return kept + walk.findings


def _under(key_path: str, paths: set[str], lengths: list[int]) -> bool:
    """Whether ``key_path`` is one of ``paths`` or below one: a look-up for each length that
    ``paths`` has, never a scan of ``paths`` for each finding."""
    if key_path in paths:
        return True
    size = len(key_path)
    for n in lengths:
        if n >= size:
            break
        if key_path[n] in ".[" and key_path[:n] in paths:
            return True
    return False


def supersede(findings: list[Finding]) -> list[Finding]:
    """Without the loader's KT004/KT012 on a value that a notation finding names more precisely."""
    mine = {f.key_path for f in findings if f.code in CODES}
    if not mine:
        return findings
    return [f for f in findings if not (f.code in SUPERSEDED and f.key_path in mine)]


@cache
def vocabulary(codes: frozenset[str]) -> str | None:
    """The synonym vocabulary that names most of ``codes`` (an enum), when it names at least half of them."""
    from kltransfer.i18n.synonyms import VALUES

    best, overlap = None, 0
    for name, table in VALUES.items():
        shared = len(codes & table.keys())
        if shared > overlap:
            best, overlap = name, shared
    return best if overlap and overlap * 2 >= len(codes) else None


def _code(codes: frozenset[str], word: str) -> str | None:
    """The code of ``codes`` that ``word`` names (the code itself, or a German or English name for it)."""
    if word in codes:
        return word
    from kltransfer.i18n.synonyms import value_code

    name = vocabulary(codes)
    found = value_code(name, word) if name else None
    return found if found in codes else None


def _shown(text: str) -> str:
    return text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")


def _flow(value: Any) -> str:
    """``value`` as YAML writes it on one line: plain where that reads back the same, else quoted."""
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=1 << 30)
    return text.removesuffix("\n").removesuffix("\n...").strip()


def _source(node: yaml.Node) -> str | None:
    """The text of a one-line scalar exactly as it stands in the file, where that is certain."""
    if not isinstance(node, yaml.ScalarNode) or node.start_mark.line != node.end_mark.line:
        return None
    value, style = node.value, node.style
    if not style:
        return value
    if style in ("'", '"') and not any(ch in value for ch in "'\"\\"):
        return f"{style}{value}{style}"
    return None


def _fine(value: Any, expect: Expect) -> bool:
    """Whether ``value`` is plainly right for ``expect``, without a closer look (most values are)."""
    kind_of = type(value)
    if kind_of is expect.fine:
        return True
    if kind_of is str:
        return value in expect.codes or (expect.pattern is not None and expect.pattern.match(value) is not None)
    return False


class _Walk:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.findings: list[Finding] = []
        self.reported: set[KeyPath] = set()

    # -- the walk ---------------------------------------------------------------------------

    def mapping(self, data: Any, expect: Expect, path: KeyPath) -> None:
        if type(data) is not dict:
            return
        props = expect.properties
        if expect.closed and not data.keys() <= props.keys():
            # the first unknown keys, as many as a file lists (the schema check counts the rest)
            unknown = (key for key in data if key not in props and isinstance(key, str))
            for key in islice(unknown, MAX_FINDINGS):
                self.german_key(data, key, props, path)
        for key, sub in expect.watched:  # the fast path of _fine() written out: this loop is the hot one
            value = data.get(key, _MISSING)
            kind_of = type(value)
            if value is _MISSING or kind_of is sub.fine:
                continue
            if kind_of is str and (value in sub.codes or (sub.pattern is not None and sub.pattern.match(value))):
                continue
            if sub.kind == Kind.OBJECT:
                self.mapping(value, sub, (*path, key))
            elif sub.kind == Kind.ARRAY and kind_of is list:
                self.sequence(value, sub, (*path, key))
            else:
                self.value(value, sub, (*path, key))

    def floats(self, data: Any, expect: Expect, path: KeyPath) -> None:
        """Only the counts and amounts below ``data``: a float there may be a German thousands dot."""
        kind = expect.kind
        if kind == Kind.OBJECT:
            if type(data) is dict:
                for key, sub in expect.numeric:
                    value = data.get(key)
                    if value is not None and type(value) is not int:
                        self.floats(value, sub, (*path, key))
        elif kind == Kind.ARRAY:
            if type(data) is list and expect.items is not None:
                for i, item in enumerate(data):
                    self.floats(item, expect.items, (*path, i))
        elif type(data) is float and (kind == Kind.AMOUNT or kind == Kind.COUNT):
            self.float_thousands(data, path)

    def sequence(self, data: list[Any], expect: Expect, path: KeyPath) -> None:
        items = expect.items
        if items is None or not items.checked:
            return
        if items.kind == Kind.OBJECT and not items.watched:  # only the keys to look at
            keys = items.properties.keys()
            for i, item in enumerate(data):
                if type(item) is dict and not item.keys() <= keys:
                    self.mapping(item, items, (*path, i))
            return
        for i, item in enumerate(data):
            if not _fine(item, items):
                self.value(item, items, (*path, i))

    def value(self, value: Any, expect: Expect, path: KeyPath) -> None:
        kind, kind_of = expect.kind, type(value)
        if kind == Kind.OBJECT:
            self.mapping(value, expect, path)
        elif kind == Kind.ARRAY:
            if kind_of is list:
                self.sequence(value, expect, path)
            elif kind_of is str and not _PLACEHOLDER.match(value):
                self.text_as_list(value, expect, path)
        elif kind_of is str:
            if kind == Kind.CODE:
                if value not in expect.codes:
                    self.name_for_code(value, expect, path)
            elif kind == Kind.DATE:
                if not expect.pattern or not expect.pattern.match(value):
                    self.german_date(value, expect, path)
            elif kind in _NUMBERS:
                if not _PLACEHOLDER.match(value):
                    self.text_number(value, kind, path)
            elif kind == Kind.BOOLEAN:
                self.boolean_word(value, path)
        elif kind_of is float:
            if kind == Kind.AMOUNT or kind == Kind.COUNT:
                self.float_thousands(value, path)
            elif kind == Kind.DIGITS:
                self.unquoted_digits(value, expect, path)
        elif kind_of is int:
            if kind == Kind.DIGITS:
                self.unquoted_digits(value, expect, path)
            elif kind == Kind.DATE:
                self.year_number(value, expect, path)
            elif kind == Kind.CODE and vocabulary(expect.codes) == "phase":
                self.name_for_code(str(value), expect, path)

    def digits_reported(self, root: Expect, path: KeyPath) -> None:
        """``ags: 09162000``: text to kltransfer, a number to YAML 1.2 tools (the loader's KT012)."""
        expect: Expect | None = root
        value: Any = self.doc.data
        for part in path:
            if expect is None:
                return
            if isinstance(part, int) and type(value) is list and 0 <= part < len(value):
                expect, value = expect.items, value[part]
            elif isinstance(part, str) and type(value) is dict and part in value:
                expect, value = expect.properties.get(part), value[part]
            else:
                return
        if expect is not None and expect.kind == Kind.DIGITS and type(value) is str and value.isdigit():
            self.unquoted_digits(value, expect, path)

    # -- where the values stand ---------------------------------------------------------------

    def nodes(self, path: KeyPath) -> tuple[yaml.Node | None, yaml.Node | None]:
        """The key node (``None`` for list items) and the value node at ``path``."""
        return self.doc.nodes(path)

    def report(
        self,
        code: str,
        path: KeyPath,
        message: str,
        hint: str,
        node: yaml.Node | None,
        new: str | None = None,
        extra: Iterable[KeyPath] = (),
    ) -> None:
        if node is None:
            return
        mark = node.start_mark
        edit = None
        old = _source(node) if new is not None else None
        if old is not None and new is not None and old != new:
            edit = Edit(mark.index, node.end_mark.index, old, new)
        self.findings.append(
            Finding(
                code,
                message,
                self.doc.path,
                mark.line + 1,
                mark.column + 1,
                format_key_path(path),
                hint=hint,
                edit=edit,
            )
        )
        self.reported.add(path)
        self.reported.update(extra)

    @staticmethod
    def fixed(path: KeyPath, new: str) -> str:
        """The corrected line as a person writes it: ``population: 100000``, or the value of a list item."""
        key = path[-1] if path else ""
        return f"{key}: {new}" if isinstance(key, str) and key else new

    @staticmethod
    def key_name(path: KeyPath) -> str:
        return next((str(p) for p in reversed(path) if isinstance(p, str)), "")

    # -- the checks ---------------------------------------------------------------------------

    def float_thousands(self, value: float, path: KeyPath) -> None:
        """``population: 100.000`` is the float 100.0: never silently."""
        from kltransfer.i18n.numbers import format_number
        from kltransfer.validation.german import read_number

        _, node = self.nodes(path)
        if node is None or node.style:
            return
        reading = read_number(node.value)
        if reading is None or not reading.thousands:
            return
        self.report(
            "KT230",
            path,
            tr(
                "KT230",
                "'{value}' is read as the number {read}: in YAML a dot is a decimal point, not a thousands separator",
                value=node.value,
                read=format_number(value, decimals=0 if value.is_integer() else len(repr(value).partition(".")[2])),
            ),
            tr(
                "KT230",
                "did you mean {number}? Write: {fixed}",
                number=reading.value,
                fixed=self.fixed(path, reading.value),
            ),
            node,
            reading.value,
        )

    def text_number(self, value: str, kind: int, path: KeyPath) -> None:
        from kltransfer.validation.german import read_number

        reading = read_number(value)
        if reading is None or (reading.money and kind == Kind.COUNT):
            return
        _, node = self.nodes(path)
        shown = _shown(value)
        if reading.other is not None:
            self.report(
                "KT232",
                path,
                tr("KT232", "'{value}' has a decimal comma; numbers in YAML have a decimal point", value=shown),
                tr(
                    "KT232",
                    "write {decimal} if the comma is a decimal comma, or {thousands} if it separates thousands",
                    decimal=self.fixed(path, reading.value),
                    thousands=self.fixed(path, reading.other),
                ),
                node,
            )
            return
        number, fixed = reading.value, self.fixed(path, reading.value)
        if reading.money:
            code = "KT231"
            message = tr(
                "KT231",
                "'{value}' is written as text: an amount is a plain number, without currency or words such as Mio.",
                value=shown,
            )
            hint = tr("KT231", "write the number alone: {fixed}", fixed=fixed)
        elif reading.thousands:
            code = "KT230"
            message = tr(
                "KT230", "'{value}' is not a number: numbers in YAML have no thousands separators", value=shown
            )
            hint = tr("KT230", "did you mean {number}? Write: {fixed}", number=number, fixed=fixed)
        elif reading.decimal_comma:
            code = "KT232"
            message = tr("KT232", "'{value}' has a decimal comma; numbers in YAML have a decimal point", value=shown)
            hint = tr("KT232", "write: {fixed}", fixed=fixed)
        else:
            code = "KT231"
            message = tr("KT231", "'{value}' is text in quotes, not a number", value=shown)
            hint = tr("KT231", "write the number alone: {fixed}", fixed=fixed)
        self.report(code, path, message, hint, node, number)

    def german_date(self, value: str, expect: Expect, path: KeyPath) -> None:
        from kltransfer.validation.german import read_date

        reading = read_date(value)
        if reading is None:
            return
        _, node = self.nodes(path)
        message = tr("KT233", "'{value}' is not a date in the form YYYY-MM-DD", value=_shown(value))
        partial = expect.pattern is not None and expect.pattern.match(reading.month) is not None
        if reading.day is not None and not reading.exists:
            hint = tr(
                "KT233",
                "that day does not exist ({date}); write a real date in the form YYYY-MM-DD",
                date=reading.day,
            )
            self.report("KT233", path, message, hint, node)
        elif reading.day is not None or partial:
            new = reading.day or reading.month
            self.report("KT233", path, message, tr("KT233", "write: {fixed}", fixed=self.fixed(path, new)), node, new)
        else:
            example = self.fixed(path, reading.month + "-01")
            hint = tr(
                "KT233",
                "this format version has no dates of a month alone: write a whole date with the day, such as {fixed}",
                fixed=example,
            )
            self.report("KT233", path, message, hint, node)

    def year_number(self, value: int, expect: Expect, path: KeyPath) -> None:
        """``start: 2025`` where a year alone is a date (format 1.2): it must be text."""
        text = str(value)
        if expect.pattern is None or not expect.pattern.match(text) or not 1000 <= value <= 9999:
            return
        _, node = self.nodes(path)
        new = f'"{text}"'
        self.report(
            "KT233",
            path,
            tr("KT233", "'{value}' is read as a number, not as a year", value=text),
            tr("KT233", "write the year in quotes: {fixed}", fixed=self.fixed(path, new)),
            node,
            new,
        )

    def unquoted_digits(self, value: Any, expect: Expect, path: KeyPath) -> None:
        """``ags: 07312000`` is an octal number to YAML 1.1: quote the text as written."""
        _, node = self.nodes(path)
        if node is None or node.style or not node.value.isdigit():
            return
        text = node.value
        if expect.pattern is None or not expect.pattern.match(text):
            return
        new = f'"{text}"'
        if isinstance(value, str):  # kltransfer reads text, other YAML tools a number (KT012)
            message = tr(
                "KT234",
                "'{value}' is read as the number {read} by some YAML tools, but '{key}' is a code of digits "
                "that must stay text (leading zeros count)",
                value=text,
                read=str(int(text)),
                key=self.key_name(path),
            )
        else:
            message = tr(
                "KT234",
                "'{value}' is read as the number {read}, but '{key}' is a code of digits that must stay text "
                "(leading zeros count)",
                value=text,
                read=str(value),
                key=self.key_name(path),
            )
        self.report(
            "KT234",
            path,
            message,
            tr("KT234", "put it in quotes, exactly as written: {fixed}", fixed=self.fixed(path, new)),
            node,
            new,
        )

    def boolean_word(self, value: str, path: KeyPath) -> None:
        from kltransfer.i18n.synonyms import value_code

        meant = value_code("boolean", value)
        if meant is None:
            return
        _, node = self.nodes(path)
        self.report(
            "KT235",
            path,
            tr(
                "KT235",
                "'{value}' is not true or false: '{key}' is a yes/no field",
                value=_shown(value),
                key=self.key_name(path),
            ),
            tr("KT235", "write: {fixed}", fixed=self.fixed(path, meant)),
            node,
            meant,
        )

    def name_for_code(self, value: str, expect: Expect, path: KeyPath) -> None:
        code = _code(expect.codes, value)
        if code is None:
            return
        _, node = self.nodes(path)
        new = _flow(code)
        self.report(
            "KT238",
            path,
            tr(
                "KT238",
                "'{value}' is a name, not a code: '{key}' takes a code",
                value=_shown(value),
                key=self.key_name(path),
            ),
            tr("KT238", "did you mean {code}? Write: {fixed}", code=code, fixed=self.fixed(path, new)),
            node,
            new,
        )

    def text_as_list(self, value: str, expect: Expect, path: KeyPath) -> None:
        """``fields_of_action: Umwelt, Mobilität``: a list written as one text."""
        items = expect.items
        if items is None or not (items.kind == Kind.CODE or items.text):
            return
        words = [w for w in _LIST_SEPARATOR.split(value.strip()) if w]
        if len(words) < 2:
            return  # one text: the schema says that a list belongs here (KT103)
        certain = True
        if items.kind == Kind.CODE:
            codes = []
            for word in words:
                code = _code(items.codes, word)
                certain = certain and code is not None
                codes.append(code or word)
            words = codes
        new = _flow(words)
        _, node = self.nodes(path)
        message = tr("KT236", "'{key}' takes a list, not a single text", key=self.key_name(path))
        if certain:
            hint = tr("KT236", "write the list: {fixed}", fixed=self.fixed(path, new))
        else:
            hint = tr("KT236", "write a list, such as {fixed}", fixed=self.fixed(path, new))
        self.report("KT236", path, message, hint, node, new if certain else None)

    def german_key(self, data: dict[str, Any], word: str, props: dict[str, Expect], path: KeyPath) -> None:
        """``Förderung:`` where ``funding:`` is allowed."""
        from kltransfer.i18n.synonyms import key_for

        meant = key_for(word, props)
        if meant is None:
            return
        key_node, _ = self.nodes((*path, word))
        if key_node is None:
            return
        child = (*path, word)
        message = tr("KT237", "'{word}' is not a key of the format here", word=_shown(word))
        if meant in data:
            hint = tr(
                "KT237",
                "did you mean '{key}'? That key is there already: move what stands under '{word}' to it",
                key=meant,
                word=_shown(word),
            )
            self.report("KT237", child, message, hint, key_node)
            return
        hint = tr("KT237", "did you mean '{key}'? Write {key}: instead of {word}:", key=meant, word=_shown(word))
        self.report("KT237", child, message, hint, key_node, meant, extra=[(*path, meant)])
        sub = props[meant]
        if sub.checked:
            self.value(data[word], sub, child)
