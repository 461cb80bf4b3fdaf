"""Round-trip YAML with ruamel.yaml: load a tree that remembers comments and layout, dump it back.

Only files that kltransfer's safe loader has already accepted get here, so size caps,
alias bombs and unsafe tags are dealt with before ruamel.yaml sees the text.
"""

from __future__ import annotations

import io
import itertools
import re
from typing import Any

from ruamel.yaml import YAML

_OPENER = re.compile(r"^( *)(?:- +)?[^\s#'\"][^:#]*:\s*(?:#.*)?$")


def guess_indent(text: str) -> tuple[int, int]:
    """The indentation of nested mappings and the offset of a list's dash, as the file writes them."""
    mapping: int | None = None
    dash: int | None = None
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    for line, following in itertools.pairwise(lines):
        opener = _OPENER.match(line)
        if not opener:
            continue
        own = len(line) - len(line.lstrip(" -"))  # the column of the key, after any "- "
        child = len(following) - len(following.lstrip(" "))
        if child <= own and not (following.lstrip().startswith("-") and child == own):
            continue
        if following.lstrip().startswith("-"):
            dash = child - own if dash is None else dash
        elif mapping is None:
            mapping = child - own
        if mapping is not None and dash is not None:
            break
    return mapping or 2, dash or 0


_EXPLICIT_START = re.compile(r"\A(?:[ \t]*(?:#[^\n]*)?\n)*---[ \t]*(?:#[^\n]*)?$", re.MULTILINE)


def _yaml(text: str) -> YAML:
    mapping, offset = guess_indent(text)
    yaml = YAML(typ="rt", pure=True)
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap long lines
    yaml.indent(mapping=mapping, sequence=offset + 2, offset=offset)
    yaml.explicit_start = bool(_EXPLICIT_START.match(text))
    return yaml


def _keep_anchors(node: Any) -> None:
    """Dump every anchor the file had, also those no alias refers to (ruamel.yaml drops them)."""
    anchor = getattr(node, "anchor", None)
    if anchor is not None and getattr(anchor, "value", None):
        anchor.always_dump = True
    if isinstance(node, dict):
        for value in node.values():
            _keep_anchors(value)
    elif isinstance(node, list):
        for value in node:
            _keep_anchors(value)


def load(text: str) -> tuple[Any, YAML]:
    """The round-trip tree of ``text`` and the YAML object (with its indentation) to dump it."""
    yaml = _yaml(text)
    tree = yaml.load(text)
    _keep_anchors(tree)
    return tree, yaml


def dump(tree: Any, yaml: YAML) -> str:
    out = io.StringIO()
    yaml.dump(tree, out)
    return out.getvalue()


def is_faithful(text: str) -> bool:
    """True when a load and dump without any edit gives back ``text`` byte for byte."""
    tree, yaml = load(text)
    return dump(tree, yaml) == text
