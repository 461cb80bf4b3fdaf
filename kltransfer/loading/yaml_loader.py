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
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kltransfer.findings import Finding, Severity
from kltransfer.loading.keypath import KeyPath, format_key_path
from kltransfer.loading.limits import DEFAULT_LIMITS, Limits
from kltransfer.schema import CURRENT, VERSION_KEY

try:  # libyaml's parser is many times faster; the pure-Python one behaves the same.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_T = "tag:yaml.org,2002:"
_STR, _NULL, _BOOL, _INT, _FLOAT = _T + "str", _T + "null", _T + "bool", _T + "int", _T + "float"
_TIMESTAMP, _MAP, _SEQ, _MERGE = _T + "timestamp", _T + "map", _T + "seq", _T + "merge"
_NUMBERS = yaml.constructor.SafeConstructor()
_MAX_NUMBER_CHARS = 100  # no sensible value is longer; Python cannot print integers of over 4,300 digits
#: Plain values that YAML 1.2 tools (check-jsonschema, editors) read as numbers, but PyYAML's
#: YAML 1.1 rules read as text: 1e3, -.5, 0o17, 08.
_YAML12_NUMBER = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?0o[0-7]+")

#: Loader errors after which the file is still checked against the format.
RECOVERABLE = frozenset({"KT003", "KT004", "KT012"})


@dataclass(slots=True)
class Document:
    """A loaded blueprint file: its data and where each value stands in the text."""

    path: str
    data: dict[str, Any]
    root: yaml.Node | None = None
    #: Key paths that the loader already reported; later checks stay quiet about them.
    reported: set[KeyPath] = field(default_factory=set)

    def locate(self, key_path: KeyPath, *, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the value at ``key_path``, or of its key.

        Where the path does not exist, the position of its deepest existing parent.
        """
        node = self.root
        if node is None:
            return (0, 0)
        mark = node.start_mark
        for part in key_path:
            found = None
            if isinstance(node, yaml.MappingNode) and isinstance(part, str):
                for k, v in node.value:
                    if isinstance(k, yaml.ScalarNode) and k.value == part:
                        found, mark = v, k.start_mark
                        break
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                found = node.value[part]
                mark = found.start_mark
            if found is None:
                return (mark.line + 1, mark.column + 1)
            node = found
            if not key:
                mark = node.start_mark
        if not key:
            mark = node.start_mark
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
                    f"the file expands to more than {self.limits.max_nodes:,} values, "
                    "most likely through aliases (*name) that repeat anchors (&name)",
                    key_path,
                    "write the values out instead of nesting aliases",
                )
            )
        if depth > self.limits.max_depth:
            raise _Abort(
                self.finding(
                    "KT008",
                    node,
                    f"the values are nested more than {self.limits.max_depth} levels deep",
                    key_path,
                    "a blueprint needs only a few levels; flatten the structure",
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
                        "merge keys (<<) are not supported in blueprints",
                        key_path,
                        "write the keys out in this mapping",
                    )
                )
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Abort(
                    self.finding(
                        "KT002",
                        key_node,
                        "a key must be plain text, not a list or a mapping",
                        key_path,
                        "check the indentation and the use of '?' and brackets",
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
                        f"the key '{key}' appears twice in this mapping (first on line {first.line + 1}); "
                        "YAML would silently keep only the last one",
                        child,
                        "remove one of them or merge their contents",
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
            and ((tag == _STR and _YAML12_NUMBER.fullmatch(value)) or (tag == _INT and ":" in value))
        ):
            return self.ambiguous_number(node, key_path)
        if tag in (_STR, _TIMESTAMP):
            return value
        if tag == _NULL:
            return None
        if tag == _BOOL:
            lowered = value.lower()
            if lowered in ("true", "false"):
                return lowered == "true"
            meant = "true" if lowered in ("yes", "on", "y") else "false"
            self.findings.append(
                self.finding(
                    "KT004",
                    node,
                    f"'{value}' is read as a boolean by some YAML tools and as text by others",
                    key_path,
                    f'write {meant} for a yes/no value, or "{value}" in quotes if you meant the word',
                )
            )
            self.reported.add(key_path)
            return value
        if tag == _INT:
            if len(value) > _MAX_NUMBER_CHARS:
                return self.huge_number(node, key_path)
            return int(value) if value.isdigit() else _NUMBERS.construct_yaml_int(node)
        if tag == _FLOAT:
            return _NUMBERS.construct_yaml_float(node)
        return self.bad_tag(node, key_path)

    def huge_number(self, node: yaml.ScalarNode, key_path: KeyPath) -> str:
        """An integer too long to be meant (and too long for Python to print): kept as text, reported."""
        self.findings.append(
            self.finding(
                "KT002",
                node,
                f"the number has {len(node.value):,} characters, more than the {_MAX_NUMBER_CHARS} a value may have",
                key_path,
                "write a shorter number, or put it in quotes if it is an identifier",
            )
        )
        self.reported.add(key_path)
        return node.value

    def ambiguous_number(self, node: yaml.ScalarNode, key_path: KeyPath) -> str:
        """A plain value that YAML 1.1 and YAML 1.2 tools read differently (text or number)."""
        value = node.value
        if node.tag == _INT:  # 1:20 is the number 80 in YAML 1.1 (base 60), text in YAML 1.2
            message = f"'{value}' is read as the number {_NUMBERS.construct_yaml_int(node)} by some YAML tools"
        else:
            message = f"'{value}' is read as a number by some YAML tools"
        self.findings.append(
            self.finding(
                "KT012",
                node,
                message + " and as text by others",
                key_path,
                f'write "{value}" in quotes if you mean text, or the number in plain decimals (such as 1500 or 0.5)',
            )
        )
        self.reported.add(key_path)
        return value

    def bad_tag(self, node: yaml.Node, key_path: KeyPath) -> Any:
        tag = node.tag.replace(_T, "!!")
        raise _Abort(
            self.finding(
                "KT011",
                node,
                f"the tag '{tag}' is not allowed in a blueprint; it was not executed",
                key_path,
                "remove the tag: blueprints hold only text, numbers, true/false, lists and mappings",
            )
        )


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _decode(raw: bytes, path: str) -> tuple[str | None, Finding | None]:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        good = raw[: exc.start].decode("utf-8")
        line, col = _position(good, len(good))
        byte = raw[exc.start]
        return None, Finding(
            "KT001",
            f"the file is not UTF-8 text: byte 0x{byte:02x} cannot be read",
            path,
            line,
            col,
            hint="save the file as UTF-8 (in most editors: 'Save with encoding' > UTF-8)",
        )


def _tab_findings(text: str, path: str) -> list[Finding]:
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            found.append(
                Finding(
                    "KT005",
                    "a tab is used for indentation; YAML allows only spaces there",
                    path,
                    number,
                    indent.index("\t") + 1,
                    hint="replace the tab with spaces (2 per level is usual)",
                )
            )
    return found


_SYNTAX_HINTS = {
    "mapping values are not allowed": "a value that contains ': ' must be put in quotes",
    "could not find expected ':'": "each line of a mapping needs 'key: value'; check the line above too",
    "found undefined alias": "an alias (*name) needs an anchor (&name) before it",
    "expected a single document": "a blueprint file holds one document; remove the '---' separators",
    "did not find expected key": "check the indentation: keys of one mapping must start in the same column",
    "found unexpected end of stream": "a quote or bracket is not closed",
    "while scanning a quoted scalar": "a quote is not closed",
}


def _syntax_finding(exc: yaml.YAMLError, text: str, path: str) -> list[Finding]:
    problem = getattr(exc, "problem", None) or str(exc)
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if "\t" in problem or "'\\t'" in problem:
        tabs = _tab_findings(text, path)
        if tabs:
            return tabs
    tabs = _tab_findings(text, path)
    if tabs and mark is not None and any(t.line == mark.line + 1 for t in tabs):
        return tabs
    if isinstance(exc, yaml.reader.ReaderError):
        return [_reader_finding(exc, text, path)]
    context = getattr(exc, "context", None)
    message = f"YAML syntax error: {problem}" + (f" ({context})" if context else "")
    haystack = f"{problem} {context or ''}"
    hint = next((h for k, h in _SYNTAX_HINTS.items() if k in haystack), None)
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
    if "maximum nesting depth" in problem:
        return [
            Finding(
                "KT008",
                "the values are nested too deeply to read",
                path,
                line,
                col,
                hint="a blueprint needs only a few levels; check for unclosed brackets",
            )
        ]
    marker = next((i for i, row in enumerate(text.splitlines(), 1) if row.startswith("<<<<<<< ")), 0)
    if marker:  # the text of an update that left conflicts (or a git merge) cannot be valid YAML
        return [
            Finding(
                "KT002",
                "the file holds unresolved merge conflict markers (<<<<<<< ======= >>>>>>>)",
                path,
                marker,
                1,
                hint="keep the right lines and remove the marker lines, then run 'kltransfer update' again "
                "if this is an adopted copy",
            )
        ]
    if "special characters are not allowed" in problem or "control characters" in problem:
        message = f"the file contains a character that YAML does not allow: {problem}"
        hint = "is this really a text file? save it as UTF-8 text"
    return [Finding("KT002", message, path, line, col, hint=hint)]


def _reader_finding(exc: yaml.reader.ReaderError, text: str, path: str) -> Finding:
    """A character YAML does not allow (control characters): where it is, as line and column."""
    offset = exc.position
    if not (0 <= offset < len(text) and ord(text[offset]) == exc.character):
        # libyaml counts UTF-8 bytes, the pure-Python reader counts characters
        offset = len(text.encode("utf-8")[:offset].decode("utf-8", "ignore"))
    line, col = _position(text, offset)
    return Finding(
        "KT002",
        f"the file contains a character that YAML does not allow: U+{exc.character:04X} ({exc.reason})",
        path,
        line,
        col,
        hint="is this really a text file? save it as UTF-8 text",
    )


def load_text(
    text: str | bytes,
    path: str = "<text>",
    limits: Limits = DEFAULT_LIMITS,
) -> tuple[Document | None, list[Finding]]:
    """Load a blueprint from text. Returns the document (``None`` when it cannot be used) and the loader's findings."""
    if isinstance(text, bytes):
        if len(text) > limits.max_bytes:
            return None, [_too_large(path, len(text), limits)]
        decoded, problem = _decode(text, path)
        if decoded is None:
            return None, [problem] if problem else []
        text = decoded
    elif text.startswith("\ufeff"):
        text = text[1:]
    if len(text) > limits.max_bytes:
        return None, [_too_large(path, len(text.encode("utf-8")), limits)]
    if not text.strip():
        return None, [
            Finding("KT010", "the file is empty", path, 1, 1, hint="run 'kltransfer new' to start a blueprint")
        ]
    loader = None
    try:
        loader = _Loader(text)  # the pure-Python reader already checks the characters here
        root = loader.get_single_node()
    except yaml.YAMLError as exc:
        return None, _syntax_finding(exc, text, path)
    except RecursionError:
        return None, [Finding("KT008", "the values are nested too deeply to read", path, 1, 1)]
    except UnicodeEncodeError as exc:  # only from str input: a lone surrogate cannot be UTF-8
        line, col = _position(text, exc.start)
        return None, [Finding("KT001", "the text holds a character that is not valid Unicode", path, line, col)]
    finally:
        if loader is not None:
            loader.dispose()
    if root is None:
        return None, [
            Finding(
                "KT010",
                "the file holds only comments, no values",
                path,
                1,
                1,
                hint="run 'kltransfer new' to start a blueprint",
            )
        ]
    builder = _Builder(path, limits)
    try:
        data = builder.build(root, (), 0)
    except _Abort as abort:
        return None, [*builder.findings, abort.finding]
    except RecursionError:
        return None, [Finding("KT008", "the values are nested too deeply to read", path, 1, 1)]
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        return None, [
            *builder.findings,
            Finding(
                "KT009",
                f"the top level of a blueprint must be a mapping of keys to values, not {kind}",
                path,
                root.start_mark.line + 1,
                root.start_mark.column + 1,
                hint=f"start the file with '{VERSION_KEY}: \"{CURRENT}\"' followed by the other keys",
            ),
        ]
    return Document(path, data, root, builder.reported), builder.findings


def _too_large(path: str, size: int, limits: Limits) -> Finding:
    return Finding(
        "KT007",
        f"the file has {size:,} bytes, more than the limit of {limits.max_bytes:,}",
        path,
        hint="a blueprint is a few kilobytes; put large material in separate files beside it "
        "(or raise max_bytes in the configuration)",
    )


def read_bytes(path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS) -> bytes | Finding:
    """Read a file unless it is larger than the cap (then a KT007 finding, without reading it)."""
    p = Path(path)
    info = p.stat()
    if not stat.S_ISREG(info.st_mode):  # a FIFO or a device would block or never end
        raise OSError(errno.EINVAL, "not a regular file", str(path))
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


def load_file(
    path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS, display: str | None = None
) -> tuple[Document | None, list[Finding]]:
    """Load a blueprint file. ``OSError`` escapes: a file that cannot be opened is the caller's matter."""
    raw = read_bytes(path, limits)
    shown = display or str(path)
    if isinstance(raw, Finding):
        return None, [raw]
    return load_text(raw, shown, limits)
