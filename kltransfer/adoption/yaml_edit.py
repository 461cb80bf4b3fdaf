"""Editing YAML text in place: change a value by key path and keep every other byte.

The loader's node tree tells where each value stands. A value on one line is replaced where
it stands (comments after it stay); a value spanning several lines is replaced line by line
together with its key, re-written in block style with the key's indentation. A key that does
not exist yet is added at the end of its mapping. Flow collections (``{a: 1}``) that hold the
edited key are re-written as a whole.
"""

from __future__ import annotations

import copy
import re
from typing import Any

import yaml

from kltransfer.errors import UsageError
from kltransfer.i18n import _
from kltransfer.loading.keypath import KeyPath, format_key_path
from kltransfer.loading.yaml_loader import Document, load_text

_ONE_LINE_LIMIT = 160


class _Dumper(yaml.SafeDumper):
    """Block style with sequences indented under their key, as people write them."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


_NUMBER_LIKE = re.compile(r"^[-+]?(\.?[0-9][0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)?|0x[0-9a-fA-F_]+|0o[0-7_]+)$")


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    """Quote text that another YAML reader could take for a number (``"09162000"``)."""
    style = "'" if _NUMBER_LIKE.match(value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def dump_block(value: Any) -> str:
    return yaml.dump(
        value, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100, indent=2
    )


def dump_flow(value: Any) -> str:
    text = yaml.dump(value, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=True, width=10**6)
    text = text.rstrip("\n")
    if text.endswith("\n..."):
        text = text[: -len("\n...")]
    return text.rstrip("\n")


def parse(text: str) -> Document:
    doc, findings = load_text(text, "<edit>")
    if doc is None or doc.root is None:
        problem = findings[0].message if findings else _("not a YAML mapping")
        raise UsageError(_("the blueprint cannot be edited: {reason}", reason=problem))
    return doc


def _child(node: yaml.Node, part: str | int) -> tuple[yaml.Node | None, yaml.Node | None]:
    """(key node, value node) of ``part`` in ``node``; key node is None for sequence items."""
    if isinstance(node, yaml.MappingNode) and isinstance(part, str):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == part:
                return key, value
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return None, node.value[part]
    return None, None


def _nodes(root: yaml.Node, path: KeyPath) -> list[tuple[yaml.Node | None, yaml.Node]]:
    """The (key, value) nodes along ``path`` as far as it exists; the first is (None, root)."""
    chain: list[tuple[yaml.Node | None, yaml.Node]] = [(None, root)]
    for part in path:
        key, value = _child(chain[-1][1], part)
        if value is None:
            break
        chain.append((key, value))
    return chain


def _content_end(node: yaml.Node, text: str) -> int:
    """Index just after the last character that belongs to ``node``."""
    if isinstance(node, yaml.ScalarNode):
        end = node.end_mark.index
        if node.style in ("|", ">"):
            while end > node.start_mark.index and text[end - 1] in " \t\r\n":
                end -= 1
        return max(end, node.start_mark.index)
    if getattr(node, "flow_style", False) or not node.value:
        return node.end_mark.index
    last = node.value[-1]
    if isinstance(node, yaml.MappingNode):
        return max(_content_end(last[0], text), _content_end(last[1], text))
    return _content_end(last, text)


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _line_end(text: str, index: int) -> int:
    """Index after the newline of the line holding ``index`` (or the end of the text)."""
    end = text.find("\n", index)
    return len(text) if end < 0 else end + 1


def _indent(block: str, spaces: int) -> str:
    pad = " " * spaces
    lines = block.splitlines(keepends=True)
    return "".join(lines[:1] + [pad + line if line.strip() else line for line in lines[1:]])


def _data_at(data: Any, path: KeyPath) -> Any:
    for part in path:
        data = data[part]
    return data


def _with_value(data: Any, path: KeyPath, value: Any) -> Any:
    """A copy of ``data`` with ``value`` at ``path``; missing mappings are created."""
    out = copy.deepcopy(data)
    target = out
    for i, part in enumerate(path[:-1]):
        nxt = path[i + 1]
        if isinstance(target, dict):
            if target.get(part) is None:
                target[part] = [] if isinstance(nxt, int) else {}
            elif not isinstance(target[part], dict | list):
                raise UsageError(
                    _(
                        "cannot set '{path}': '{parent}' holds a single value, not a mapping",
                        path=format_key_path(path),
                        parent=format_key_path(path[: i + 1]),
                    )
                )
            target = target[part]
        elif isinstance(target, list) and isinstance(part, int) and 0 <= part < len(target):
            target = target[part]
        else:
            raise UsageError(
                _(
                    "cannot set '{path}': '{parent}' is not a mapping or list with that entry",
                    path=format_key_path(path),
                    parent=format_key_path(path[: i + 1]),
                )
            )
    last = path[-1]
    if isinstance(target, dict) and isinstance(last, str):
        target[last] = value
    elif isinstance(target, list) and isinstance(last, int) and 0 <= last <= len(target):
        if last == len(target):
            target.append(value)
        else:
            target[last] = value
    else:
        raise UsageError(_("cannot set '{path}': no such entry", path=format_key_path(path)))
    return out


def _replace_entry(text: str, chain: list[tuple[yaml.Node | None, yaml.Node]], key_name: str, value: Any) -> str:
    """Replace the value of the mapping entry at the end of ``chain`` (its parent is block style)."""
    key, node = chain[-1]
    assert key is not None
    end_of_value = _content_end(node, text)
    simple_old = (isinstance(node, yaml.ScalarNode) and node.style not in ("|", ">")) or bool(
        getattr(node, "flow_style", False)
    )
    on_key_line = "\n" not in text[key.start_mark.index : end_of_value]
    if simple_old and on_key_line and end_of_value > node.start_mark.index:
        new = dump_flow(value)
        scalar = not isinstance(value, dict | list)
        if "\n" not in new and (scalar or len(new) <= _ONE_LINE_LIMIT):
            return text[: node.start_mark.index] + new + text[end_of_value:]
    start = _line_start(text, key.start_mark.index)
    end = _line_end(text, max(_content_end(node, text) - 1, key.end_mark.index))
    prefix = text[start : key.start_mark.index]
    column = key.start_mark.column
    block = dump_block({key_name: value})
    return text[:start] + prefix + _indent(block, column) + text[end:]


def _insert_entry(text: str, mapping: yaml.MappingNode, key_name: str, value: Any, *, top: bool) -> str:
    block = dump_block({key_name: value})
    if top:
        body = text if text.endswith("\n") or not text else text + "\n"
        return body + block
    first_key = mapping.value[0][0]
    column = first_key.start_mark.column
    end = _line_end(text, _content_end(mapping, text) - 1)
    return text[:end] + " " * column + _indent(block, column) + text[end:]


def set_value(text: str, path: KeyPath, value: Any) -> str:
    """``text`` with the value at ``path`` set to ``value`` (created when missing)."""
    if not path:
        raise UsageError(_("an empty key path cannot be set"))
    doc = parse(text)
    data = _with_value(doc.data, path, value)
    chain = _nodes(doc.root, path)  # type: ignore[arg-type]
    depth = len(chain) - 1  # how many parts of the path exist
    if depth < len(path):
        parent = chain[-1][1]
        if (
            isinstance(parent, yaml.MappingNode)
            and not parent.flow_style
            and isinstance(path[depth], str)
            and (depth == 0 or parent.value)
        ):
            new_key = path[depth]
            return _insert_entry(text, parent, str(new_key), _data_at(data, path[: depth + 1]), top=depth == 0)
    else:
        depth = len(path)
    # Replace the nearest enclosing entry of a block mapping.
    for level in range(min(depth, len(path)), 0, -1):
        parent = chain[level - 1][1]
        key_name = path[level - 1]
        if isinstance(key_name, str) and isinstance(parent, yaml.MappingNode) and not parent.flow_style:
            return _replace_entry(text, chain[: level + 1], key_name, _data_at(data, path[:level]))
    raise UsageError(
        _("cannot set '{path}' in this file's layout", path=format_key_path(path)), hint=_("edit the file by hand")
    )


def remove_top_level(text: str, key_name: str) -> tuple[str, int | None]:
    """``text`` without the top-level entry ``key_name`` (and the blank lines before it).

    Returns the new text and the index where the entry stood, or ``None`` if it was absent.
    """
    doc = parse(text)
    root = doc.root
    assert isinstance(root, yaml.MappingNode)
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value == key_name and key.start_mark.column == 0:
            start = _line_start(text, key.start_mark.index)
            end = _line_end(text, max(_content_end(value, text) - 1, key.end_mark.index))
            while start > 0 and text[:start].endswith("\n\n"):
                start -= 1
            if start > 0 and text[:start].endswith("\r\n\r\n"):
                start -= 1
            return text[:start] + text[end:], start
    return text, None


def insert_top_level(text: str, index: int | None, key_name: str, value: Any) -> str:
    """Insert ``key_name: value`` as a top-level entry at ``index`` (default: the end), after a blank line."""
    if text and not text.endswith("\n"):
        text += "\n"
    block = "\n" + dump_block({key_name: value})
    if index is None or index >= len(text):
        return text + block
    return text[:index] + block + text[index:]


def _own_lines(text: str, parent: yaml.Node, key: yaml.Node, node: yaml.Node) -> tuple[int, int] | None:
    """The lines an entry of a block mapping stands on alone (with comments on them), or ``None``."""
    start = _line_start(text, key.start_mark.index)
    end = _line_end(text, max(_content_end(node, text) - 1, key.end_mark.index))
    alone = (
        not getattr(parent, "flow_style", False)
        and not text[start : key.start_mark.index].strip()
        and not text[_content_end(node, text) : end].strip(" \t\r\n").split("#", 1)[0].strip()
    )
    return (start, end) if alone else None


def remove_value(text: str, path: KeyPath) -> str:
    """``text`` without the entry at ``path`` (a key of a mapping); unchanged when it is absent.

    A key of a block mapping goes with its lines (comments on them too); a mapping left
    empty goes with its own key. Where the key shares its line with other content (a flow
    mapping, the first key of a list item), the enclosing entry is written anew instead.
    """
    return remove_values(text, [path])


def remove_values(text: str, paths: list[KeyPath]) -> str:
    """``text`` without the entries at ``paths`` (see :func:`remove_value`), reading the text once where it can."""
    if not paths:
        return text
    for path in paths:
        if not path or not isinstance(path[-1], str):
            raise UsageError(_("cannot remove '{path}': it is not a key", path=format_key_path(path)))
    doc = parse(text)
    removing = set(paths)
    spans: list[tuple[int, int]] = []
    one_by_one: list[KeyPath] = []
    for path in paths:
        chain = _nodes(doc.root, path)  # type: ignore[arg-type]
        if len(chain) - 1 < len(path):
            continue
        parent = chain[-2][1]
        key, node = chain[-1]
        assert key is not None and isinstance(parent, yaml.MappingNode)
        siblings = [(*path[:-1], k.value) for k, _v in parent.value if isinstance(k, yaml.ScalarNode)]
        empties = len(path) > 1 and isinstance(path[-2], str) and all(s in removing for s in siblings)
        span = None if empties else _own_lines(text, parent, key, node)
        if span is None:
            one_by_one.append(path)
        else:
            spans.append(span)
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + text[end:]
    for path in one_by_one:
        text = _remove_one(text, path)
    return text


def _remove_one(text: str, path: KeyPath) -> str:
    doc = parse(text)
    chain = _nodes(doc.root, path)  # type: ignore[arg-type]
    if len(chain) - 1 < len(path):
        return text
    parent = chain[-2][1]
    key, node = chain[-1]
    assert key is not None and isinstance(parent, yaml.MappingNode)
    if len(parent.value) == 1 and len(path) > 1 and isinstance(path[-2], str):
        return _remove_one(text, path[:-1])
    span = _own_lines(text, parent, key, node)
    if span is not None:
        return text[: span[0]] + text[span[1] :]
    data = copy.deepcopy(_data_at(doc.data, path[:-1]))
    del data[path[-1]]
    return set_value(text, path[:-1], data)
