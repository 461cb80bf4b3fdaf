"""A safe, position-aware YAML loader for blueprints.

PyYAML composes the file into a node tree (with libyaml's C parser when it is installed);
this module builds plain Python values from those nodes itself, so that

- only standard tags are accepted: nothing is ever constructed from ``!!python/...``,
- a duplicate key, a YAML 1.1 boolean word (``yes``, ``no``, ``on``, ``off``) or an unknown
  tag becomes a finding with a line and a column instead of being silently accepted,
- alias expansion, nesting depth and file size are capped,
- dates stay the strings they were written as (the schema checks them),

and keeps the node tree so that any key path can be located in the file later, at no cost
while the file is valid.
"""

from __future__ import annotations

import errno
import math
import os
import re
import stat
from collections import namedtuple
from pathlib import Path

from kltransfer.findings import Finding, Severity
from kltransfer.i18n import _, tr
from kltransfer.i18n.numbers import format_number
from kltransfer.loading.keypath import KeyPath, format_key_path
from kltransfer.loading.limits import DEFAULT_LIMITS, Limits
from kltransfer.loading.pyyaml import yaml
from kltransfer.loading.text import position, split_lines
from kltransfer.record import Record
from kltransfer.schema import CURRENT, VERSION_KEY

TYPE_CHECKING = False  # typing is not imported at run time (docs/performance.md)
if TYPE_CHECKING:
    from typing import Any

    from kltransfer.loading.syntax import Explained

try:  # libyaml's parser is many times faster; the pure-Python one behaves the same.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_T = "tag:yaml.org,2002:"
_STR, _NULL, _BOOL, _INT, _FLOAT = _T + "str", _T + "null", _T + "bool", _T + "int", _T + "float"
_TIMESTAMP, _MAP, _SEQ, _MERGE = _T + "timestamp", _T + "map", _T + "seq", _T + "merge"
_NUMBERS = yaml.constructor.SafeConstructor()
#: How YAML writes null, and the words it reads as true or false: an explicit !!null or !!bool
#: tag on any other value does not fit it (KT011).
_NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOL_WORDS = frozenset({"true", "false", "yes", "no", "on", "off", "y", "n"})
_MAX_NUMBER_CHARS = 100  # no sensible value is longer; Python cannot print integers of over 4,300 digits
#: Characters that no text in a blueprint may hold: the C0 controls but tab and line feed, DEL, the
#: C1 controls (CSI, NEL, …) and the marks and overrides that reorder text (U+061C, U+200E/F,
#: U+202A-U+202E, U+2066-U+2069). YAML refuses most C0 and C1 characters written as they are
#: (KT002), but a double-quoted text writes them as \e, \x1b, \u202e. (Other invisible
#: characters are no finding; kltransfer prints them escaped all the same.)
CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
#: The largest number a value may be: sums of 200,000 of them stay finite (a float ends at about 1.8e308).
LARGEST_NUMBER = 1e300
#: Plain values that YAML 1.2 tools (check-jsonschema, editors) read as numbers, but PyYAML's
#: YAML 1.1 rules read as text: 1e3, -.5, 0o17, 08.
_YAML12_NUMBER = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?0o[0-7]+")

#: Loader errors after which the file is still checked against the format.
#: The first line of every blueprint.
FIRST_LINE = VERSION_KEY + ': "' + CURRENT + '"'
RECOVERABLE = frozenset({"KT003", "KT004", "KT012", "KT015", "KT016"})
#: Loader findings that mean the file could not be read (and so not checked): never filtered out.
UNCHECKED = frozenset({"KT001", "KT002", "KT005", "KT006", "KT007", "KT008", "KT009", "KT010", "KT011"})


class Document(Record):
    """A loaded blueprint file: its data and where each value stands in the text."""

    __slots__ = ("_keys", "_parents", "data", "incomplete", "path", "reported", "root")
    _hidden = frozenset({"_keys", "_parents"})
    path: str
    data: dict[str, Any]
    root: yaml.Node | None
    #: Key paths that the loader already reported; later checks stay quiet about them.
    reported: set[KeyPath]
    #: Set by a check that stopped early because the file has more findings than are ever
    #: listed: the count of the findings not listed is then a lower bound.
    incomplete: bool
    #: The keys of each mapping node looked up so far (by ``id``): built on the first lookup in
    #: a mapping, so that locating many findings costs one pass over its keys, not one each.
    _keys: dict[int, dict[str, tuple[yaml.Node, yaml.Node]]]
    _parents: dict[KeyPath, tuple[yaml.Node, yaml.Node | None, int]]

    def __init__(
        self,
        path: str,
        data: dict[str, Any],
        root: yaml.Node | None = None,
        reported: set[KeyPath] | None = None,
        incomplete: bool = False,
        _keys: dict[int, dict[str, tuple[yaml.Node, yaml.Node]]] | None = None,
        _parents: dict[KeyPath, tuple[yaml.Node, yaml.Node | None, int]] | None = None,
    ) -> None:
        self.path = path
        self.data = data
        self.root = root
        self.reported = set() if reported is None else reported
        self.incomplete = incomplete
        self._keys = {} if _keys is None else _keys
        self._parents = {} if _parents is None else _parents

    def is_reported(self, key_path: KeyPath) -> bool:
        """Whether ``key_path`` or a path above it was already reported (a look-up per level)."""
        reported = self.reported
        return bool(reported) and any(key_path[:i] in reported for i in range(len(key_path) + 1))

    def child(self, node: yaml.Node, part: str | int) -> tuple[yaml.Node | None, yaml.Node] | None:
        """The key node (``None`` in a list) and the value node of ``part`` below ``node``, if it is there."""
        kind = node.id  # "mapping", "sequence" or "scalar": cheaper than isinstance on a hot path
        if kind == "mapping" and type(part) is str:
            keys = self._keys.get(id(node))
            if keys is None:
                keys = {}
                for k, v in node.value:
                    if k.id == "scalar":
                        keys.setdefault(k.value, (k, v))  # the first of a duplicate key, as the loader keeps it
                self._keys[id(node)] = keys
            return keys.get(part)
        if kind == "sequence" and type(part) is int and 0 <= part < len(node.value):
            return None, node.value[part]
        return None

    def _parent(self, key_path: KeyPath) -> tuple[yaml.Node, yaml.Node | None, int]:
        """The deepest node on the way to ``key_path[:-1]``, its key node, and how many parts it took.

        Remembered per parent path: the findings of one mapping (a thousand unknown keys, a
        thousand placeholders) walk to it once.
        """
        parent = key_path[:-1]
        known = self._parents.get(parent)
        if known is not None:
            return known
        assert self.root is not None
        node: yaml.Node = self.root
        key_node: yaml.Node | None = None
        depth = 0
        for part in parent:
            found = self.child(node, part)
            if found is None:
                break
            key_node, node = found
            depth += 1
        if len(self._parents) < 100_000:  # a bound on the memory; past it, each walk is done again
            self._parents[parent] = (node, key_node, depth)
        return node, key_node, depth

    def nodes(self, key_path: KeyPath) -> tuple[yaml.Node | None, yaml.Node | None]:
        """The key node (``None`` for list items) and the value node at ``key_path`` (``None, None`` if absent)."""
        if self.root is None:
            return None, None
        if not key_path:
            return None, self.root
        node, _key, depth = self._parent(key_path)
        found = self.child(node, key_path[-1]) if depth == len(key_path) - 1 else None
        return found if found is not None else (None, None)

    def locate(self, key_path: KeyPath, *, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the value at ``key_path``, or of its key.

        Where the path does not exist, the position of its deepest existing parent.
        """
        if self.root is None:
            return (0, 0)
        if not key_path:
            mark = self.root.start_mark
            return (mark.line + 1, mark.column + 1)
        node, key_node, depth = self._parent(key_path)
        found = self.child(node, key_path[-1]) if depth == len(key_path) - 1 else None
        if found is not None:
            key_node, node = found
        elif not key:
            mark = node.start_mark
            return (mark.line + 1, mark.column + 1)
        mark = key_node.start_mark if key and key_node is not None else node.start_mark
        return (mark.line + 1, mark.column + 1)


class _Abort(Exception):
    def __init__(self, finding: Finding) -> None:
        self.finding = finding


class _Builder:
    """Turns a node tree into Python values, collecting findings on the way."""

    def __init__(self, path: str, limits: Limits) -> None:
        self.path = path
        self.limits = limits
        self.count = 0
        self.findings: list[Finding] = []
        self.reported: set[KeyPath] = set()

    def finding(
        self,
        code: str,
        node: yaml.Node,
        message: str,
        key_path: KeyPath,
        hint: str | None = None,
        severity: Severity = Severity.ERROR,
    ) -> Finding:
        mark = node.start_mark
        return Finding(
            code, message, self.path, mark.line + 1, mark.column + 1, format_key_path(key_path), severity, hint
        )

    def build(self, node: yaml.Node, key_path: KeyPath, depth: int) -> Any:
        self.count += 1
        if self.count > self.limits.max_nodes:
            raise _Abort(
                self.finding(
                    "KT006",
                    node,
                    tr(
                        "KT006",
                        "the file expands to more than {count} values, "
                        "most likely through aliases (*name) that repeat anchors (&name)",
                        count=format_number(self.limits.max_nodes),
                    ),
                    key_path,
                    tr("KT006", "write the values out instead of nesting aliases"),
                )
            )
        if depth > self.limits.max_depth:
            raise _Abort(
                self.finding(
                    "KT008",
                    node,
                    tr(
                        "KT008",
                        "the values are nested more than {depth} levels deep",
                        depth=format_number(self.limits.max_depth),
                    ),
                    key_path,
                    tr("KT008", "a blueprint needs only a few levels; flatten the structure"),
                )
            )
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, key_path)
        if isinstance(node, yaml.MappingNode):
            if node.tag != _MAP:
                return self.bad_tag(node, key_path)
            return self.mapping(node, key_path, depth)
        if node.tag != _SEQ:
            return self.bad_tag(node, key_path)
        return [self.build(item, (*key_path, i), depth + 1) for i, item in enumerate(node.value)]

    def mapping(self, node: yaml.MappingNode, key_path: KeyPath, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        first_seen: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                raise _Abort(
                    self.finding(
                        "KT011",
                        key_node,
                        tr("KT011", "merge keys (<<) are not supported in blueprints"),
                        key_path,
                        tr("KT011", "write the keys out in this mapping"),
                    )
                )
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Abort(
                    self.finding(
                        "KT002",
                        key_node,
                        tr("KT002", "a key must be plain text, not a list or a mapping"),
                        key_path,
                        tr("KT002", "check the indentation and the use of '?' and brackets"),
                    )
                )
            key = self.scalar(key_node, key_path, is_key=True)
            if not isinstance(key, str):
                key = key_node.value  # numbers, dates and booleans as keys keep their spelling
            child = (*key_path, key)
            if key in first_seen:
                first = first_seen[key].start_mark
                self.findings.append(
                    self.finding(
                        "KT003",
                        key_node,
                        tr(
                            "KT003",
                            "the key '{key}' appears twice in this mapping (first on line {line}); "
                            "YAML would silently keep only the last one",
                            key=key,
                            line=first.line + 1,
                        ),
                        child,
                        tr("KT003", "remove one of them or merge their contents"),
                    )
                )
                self.reported.add(child)
                continue
            first_seen[key] = key_node
            out[key] = self.build(value_node, child, depth + 1)
        return out

    def scalar(self, node: yaml.ScalarNode, key_path: KeyPath, *, is_key: bool = False) -> Any:
        tag, value = node.tag, node.value
        if (
            not is_key
            and not node.style
            and ((tag == _STR and _YAML12_NUMBER.fullmatch(value)) or (tag in (_INT, _FLOAT) and ":" in value))
        ):
            return self.ambiguous_number(node, key_path)
        if tag in (_STR, _TIMESTAMP):
            if CONTROL_CHARACTER.search(value):
                self.control_character(node, key_path, value, is_key=is_key)
            return value
        if tag == _NULL:
            return None if value in _NULL_WORDS else self.tag_mismatch(node, key_path)
        if tag == _BOOL:
            lowered = value.lower()
            if lowered in ("true", "false"):
                return lowered == "true"
            if lowered not in _BOOL_WORDS:
                return self.tag_mismatch(node, key_path)
            meant = "true" if lowered in ("yes", "on", "y") else "false"
            self.findings.append(
                self.finding(
                    "KT004",
                    node,
                    tr("KT004", "'{value}' is read as a boolean by some YAML tools and as text by others", value=value),
                    key_path,
                    tr(
                        "KT004",
                        'write {meant} for a yes/no value, or "{value}" in quotes if you meant the word',
                        meant=meant,
                        value=value,
                    ),
                )
            )
            self.reported.add(key_path)
            return value
        if tag == _INT:
            if len(value) > _MAX_NUMBER_CHARS:
                return self.huge_number(node, key_path)
            return int(value) if value.isdigit() else self.number(node, key_path)
        if tag == _FLOAT:
            if len(value) > _MAX_NUMBER_CHARS:
                return self.huge_number(node, key_path)
            number = self.number(node, key_path)
            if is_key or (math.isfinite(number) and abs(number) <= LARGEST_NUMBER):
                return number
            return self.not_finite(node, key_path, number)
        return self.bad_tag(node, key_path)

    def control_character(self, node: yaml.ScalarNode, key_path: KeyPath, value: str, *, is_key: bool) -> None:
        """A control character (ESC, BEL, a bidi override, …) in a text: it can rewrite what a terminal shows."""
        found = CONTROL_CHARACTER.search(value)
        assert found is not None
        char = "U+" + format(ord(found.group()), "04X")
        if is_key:
            message = tr("KT016", "the key holds the control character {char}", char=char)
        else:
            message = tr("KT016", "the text holds the control character {char}", char=char)
        self.findings.append(
            self.finding(
                "KT016",
                node,
                message,
                (*key_path, value) if is_key else key_path,
                tr(
                    "KT016",
                    "delete it (in double quotes it may be written as \\e, \\x.. or \\u..): such characters can "
                    "erase lines, plant links or turn text around in a terminal or a web page",
                ),
            )
        )
        if not is_key:
            self.reported.add(key_path)

    def not_finite(self, node: yaml.ScalarNode, key_path: KeyPath, number: float) -> str:
        """``.nan``, ``.inf`` or a number too large to compute with: never a value, kept as the text written."""
        if math.isnan(number):
            message = tr("KT015", "'{value}' is not a number (NaN)", value=node.value)
        elif math.isinf(number) and node.value.lstrip("+-").lower() == ".inf":
            message = tr("KT015", "'{value}' is infinity, not a number a blueprint can hold", value=node.value)
        else:
            message = tr(
                "KT015",
                "'{value}' is too large to calculate with (more than {limit})",
                value=_short(node.value),
                limit="1e300",
            )
        self.findings.append(
            self.finding(
                "KT015",
                node,
                message,
                key_path,
                tr("KT015", "write a plain number such as 1500 or 0.5, or unknown if the value is not known"),
            )
        )
        self.reported.add(key_path)
        return node.value

    def huge_number(self, node: yaml.ScalarNode, key_path: KeyPath) -> str:
        """An integer too long to be meant (and too long for Python to print): kept as text, reported."""
        self.findings.append(
            self.finding(
                "KT002",
                node,
                tr(
                    "KT002",
                    "the number has {count} characters, more than the {limit} a value may have",
                    count=format_number(len(node.value)),
                    limit=_MAX_NUMBER_CHARS,
                ),
                key_path,
                tr("KT002", "write a shorter number, or put it in quotes if it is an identifier"),
            )
        )
        self.reported.add(key_path)
        return node.value

    def ambiguous_number(self, node: yaml.ScalarNode, key_path: KeyPath) -> str:
        """A plain value that YAML 1.1 and YAML 1.2 tools read differently (text or number)."""
        value = node.value
        if len(value) > _MAX_NUMBER_CHARS:  # 1:59:59:…, its number too long to be meant (or printed)
            return self.huge_number(node, key_path)
        if node.tag in (_INT, _FLOAT):  # 1:20 is the number 80 in YAML 1.1 (base 60), 1:20.5 is 80.5; text in 1.2
            message = tr(
                "KT012",
                "'{value}' is read as the number {number} by some YAML tools and as text by others",
                value=value,
                number=self.number(node, key_path),
            )
        else:
            message = tr("KT012", "'{value}' is read as a number by some YAML tools and as text by others", value=value)
        self.findings.append(
            self.finding(
                "KT012",
                node,
                message,
                key_path,
                tr(
                    "KT012",
                    'write "{value}" in quotes if you mean text, or the number in plain decimals (such as 1500 or 0.5)',
                    value=value,
                ),
            )
        )
        self.reported.add(key_path)
        return value

    def number(self, node: yaml.ScalarNode, key_path: KeyPath) -> Any:
        """The number an !!int or !!float node holds; a value that is none (``!!int bar``, ``!!float 1e``)
        stops the file with KT011, as only an explicit tag can put it there."""
        try:
            if node.tag == _INT:
                return _NUMBERS.construct_yaml_int(node)
            return _NUMBERS.construct_yaml_float(node)
        except (ValueError, IndexError):  # int("bar"), float("1e"), the sign of an empty value
            return self.tag_mismatch(node, key_path)

    def tag_mismatch(self, node: yaml.ScalarNode, key_path: KeyPath) -> Any:
        """An explicit type tag on a value that is not of that type: ``!!int bar``, ``!!null Berlin``."""
        raise _Abort(
            self.finding(
                "KT011",
                node,
                tr(
                    "KT011",
                    "the value '{value}' is not of the type its tag '{tag}' says",
                    value=_short(node.value),
                    tag=node.tag.replace(_T, "!!"),
                ),
                key_path,
                tr("KT011", "remove the tag: blueprints hold only text, numbers, true/false, lists and mappings"),
            )
        )

    def bad_tag(self, node: yaml.Node, key_path: KeyPath) -> Any:
        tag = node.tag.replace(_T, "!!")
        raise _Abort(
            self.finding(
                "KT011",
                node,
                tr("KT011", "the tag '{tag}' is not allowed in a blueprint; it was not executed", tag=tag),
                key_path,
                tr("KT011", "remove the tag: blueprints hold only text, numbers, true/false, lists and mappings"),
            )
        )


def _short(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _decode(raw: bytes, path: str) -> tuple[str | None, Finding | None]:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        good = raw[: exc.start].decode("utf-8")
        line, col = position(good, len(good))
        byte = raw[exc.start]
        return None, Finding(
            "KT001",
            tr("KT001", "the file is not UTF-8 text: byte {byte} cannot be read", byte="0x" + format(byte, "02x")),
            path,
            line,
            col,
            hint=tr("KT001", "save the file as UTF-8 (in most editors: 'Save with encoding' > UTF-8)"),
        )


def _tab_findings(text: str, path: str) -> list[Finding]:
    found = []
    for number, line in enumerate(split_lines(text), 1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            found.append(
                Finding(
                    "KT005",
                    tr("KT005", "a tab is used for indentation; YAML allows only spaces there"),
                    path,
                    number,
                    indent.index("\t") + 1,
                    hint=tr("KT005", "replace the tab with spaces (2 per level is usual)"),
                )
            )
    return found


def compose(text: str) -> yaml.Node | None:
    """The node tree of ``text`` (``None`` when it holds no value); ``yaml.YAMLError`` when it is not YAML.

    A text is one YAML document. Empty documents after it (a closing ``---``, as front matter and
    some templates end, with nothing but comments below) hold nothing and are let be; any other
    second document is the error PyYAML raises for it.
    """
    try:
        return _single_document(text)
    except yaml.composer.ComposerError as exc:
        mark = exc.problem_mark
        if exc.problem != "but found another document" or mark is None or not _only_empty(text[mark.index :]):
            raise
        return _single_document(text[: mark.index])


def _single_document(text: str) -> yaml.Node | None:
    loader = _Loader(text)  # the pure-Python reader already checks the characters here
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _only_empty(text: str) -> bool:
    """Whether every document of ``text`` holds nothing (a plain empty value)."""
    loader = _Loader(text)
    try:
        while loader.check_node():
            node = loader.get_node()
            if not (isinstance(node, yaml.ScalarNode) and node.value == "" and not node.style):  # plain
                return False
        return True
    except yaml.YAMLError:
        return False
    finally:
        loader.dispose()


def syntax_problem(exc: yaml.YAMLError, text: str, path: str) -> Explained:
    """The findings of a text that is not YAML, and the line to blame (see :mod:`.syntax`)."""
    from kltransfer.loading.syntax import Explained, explain, reader_finding

    problem = getattr(exc, "problem", None) or str(exc)
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    tabs = _tab_findings(text, path)
    if tabs and (
        "\t" in problem or "'\\t'" in problem or (mark is not None and any(t.line == mark.line + 1 for t in tabs))
    ):
        return Explained(tabs, recoverable=False)
    if isinstance(exc, yaml.reader.ReaderError):
        finding = reader_finding(exc, text, path)
        return Explained([finding], finding.line)
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
    if "maximum nesting depth" in problem:
        return Explained([_too_deep(path, line, col)], recoverable=False)
    marker = next((i for i, row in enumerate(split_lines(text), 1) if row.startswith("<<<<<<< ")), 0)
    if marker:  # the text of an update that left conflicts (or a git merge) cannot be valid YAML
        finding = Finding(
            "KT002",
            tr("KT002", "the file holds unresolved merge conflict markers (<<<<<<< ======= >>>>>>>)"),
            path,
            marker,
            1,
            hint=tr(
                "KT002",
                "keep the right lines and remove the marker lines, then run 'kltransfer update' again "
                "if this is an adopted copy",
            ),
        )
        return Explained([finding], recoverable=False)
    return explain(exc, text, path, compose)


def _too_deep(path: str, line: int = 1, col: int = 1) -> Finding:
    return Finding(
        "KT008",
        tr("KT008", "the values are nested too deeply to read"),
        path,
        line,
        col,
        hint=tr("KT008", "a blueprint needs only a few levels; check for unclosed brackets"),
    )


class Loaded(namedtuple("Loaded", ["doc", "findings", "text"])):
    """A loaded text: the document (``None`` when it cannot be used), the loader's findings and the
    text as read (``None`` when it was not read; undecodable bytes with escapes)."""

    __slots__ = ()
    doc: Document | None
    findings: list[Finding]
    text: str | None


def load_source(text: str | bytes, path: str = "<text>", limits: Limits = DEFAULT_LIMITS) -> Loaded:
    """Like :func:`load_text`, and the text itself, so that findings can show their lines."""
    if isinstance(text, bytes):
        if len(text) > limits.max_bytes:
            return Loaded(None, [_too_large(path, len(text), limits)], None)
        decoded, problem = _decode(text, path)
        if decoded is None:
            shown = text.removeprefix(b"\xef\xbb\xbf").decode("utf-8", "backslashreplace")
            return Loaded(None, [problem] if problem else [], shown)
        text = decoded
    elif text.startswith("\ufeff"):
        text = text[1:]
    if len(text) > limits.max_bytes:
        return Loaded(None, [_too_large(path, len(text.encode("utf-8")), limits)], None)
    if not text.strip():
        empty = Finding(
            "KT010",
            tr("KT010", "the file is empty"),
            path,
            1,
            1,
            hint=tr("KT010", "run 'kltransfer new' to start a blueprint"),
        )
        return Loaded(None, [empty], text)
    try:
        root = compose(text)
    except yaml.YAMLError as exc:
        return Loaded(None, syntax_problem(exc, text, path).findings, text)
    except RecursionError:
        return Loaded(None, [_too_deep(path)], text)
    except UnicodeEncodeError as exc:  # only from str input: a lone surrogate cannot be UTF-8
        line, col = position(text, exc.start)
        message = tr("KT001", "the text holds a character that is not valid Unicode")
        return Loaded(None, [Finding("KT001", message, path, line, col)], text)
    doc, findings = build_document(root, path, limits)
    return Loaded(doc, findings, text)


def build_document(root: yaml.Node | None, path: str, limits: Limits) -> tuple[Document | None, list[Finding]]:
    """The document from a node tree, with the findings of building it (``None`` when unusable)."""
    if root is None:
        message = tr("KT010", "the file holds only comments, no values")
        hint = tr("KT010", "run 'kltransfer new' to start a blueprint")
        return None, [Finding("KT010", message, path, 1, 1, hint=hint)]
    builder = _Builder(path, limits)
    try:
        data = builder.build(root, (), 0)
    except _Abort as abort:
        return None, [*builder.findings, abort.finding]
    except RecursionError:
        return None, [_too_deep(path)]
    if not isinstance(data, dict):
        if isinstance(data, list):
            message = tr("KT009", "the top level of a blueprint must be a mapping of keys to values, not a list")
        else:
            message = tr(
                "KT009", "the top level of a blueprint must be a mapping of keys to values, not a single value"
            )
        hint = tr(
            "KT009",
            "start the file with '{line}' followed by the other keys",
            line=FIRST_LINE,
        )
        finding = Finding("KT009", message, path, root.start_mark.line + 1, root.start_mark.column + 1, hint=hint)
        return None, [*builder.findings, finding]
    return Document(path, data, root, builder.reported), builder.findings


def load_text(
    text: str | bytes,
    path: str = "<text>",
    limits: Limits = DEFAULT_LIMITS,
) -> tuple[Document | None, list[Finding]]:
    """Load a blueprint from text. Returns the document (``None`` when it cannot be used) and the loader's findings."""
    doc, findings, _text = load_source(text, path, limits)
    return doc, findings


def _too_large(path: str, size: int, limits: Limits) -> Finding:
    return Finding(
        "KT007",
        tr(
            "KT007",
            "the file has {size} bytes, more than the limit of {limit}",
            size=format_number(size),
            limit=format_number(limits.max_bytes),
        ),
        path,
        hint=tr(
            "KT007",
            "a blueprint is a few kilobytes; put large material in separate files beside it "
            "(or raise max-bytes in the configuration)",
        ),
    )


def read_bytes(path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS) -> bytes | Finding:
    """Read a file unless it is larger than the cap (then a KT007 finding, without reading it)."""
    p = Path(path)
    info = p.stat()
    if not stat.S_ISREG(info.st_mode):  # a FIFO or a device would block or never end
        raise OSError(errno.EINVAL, _("not a regular file"), str(path))
    size = info.st_size
    if size > limits.max_bytes:
        return _too_large(str(path), size, limits)
    chunks: list[bytes] = []
    total = 0
    with p.open("rb") as fh:  # in chunks: a huge limit must not become a huge allocation
        while chunk := fh.read(1 << 20):
            chunks.append(chunk)
            total += len(chunk)
            if total > limits.max_bytes:  # the file grew while we looked
                return _too_large(str(path), total, limits)
    return b"".join(chunks)


def read_source(path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS, display: str | None = None) -> Loaded:
    """Like :func:`load_file`, and the text itself (see :func:`load_source`)."""
    raw = read_bytes(path, limits)
    shown = display or str(path)
    if isinstance(raw, Finding):
        return Loaded(None, [raw], None)
    return load_source(raw, shown, limits)


def load_file(
    path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS, display: str | None = None
) -> tuple[Document | None, list[Finding]]:
    """Load a blueprint file. ``OSError`` escapes: a file that cannot be opened is the caller's matter."""
    doc, findings, _text = read_source(path, limits, display)
    return doc, findings
