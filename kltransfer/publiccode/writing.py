"""YAML as people write publiccode.yml files and blueprints: block style, lists under their key,
texts of several lines as literal blocks, long texts folded, numbers-as-text in quotes."""

from __future__ import annotations

import re
from typing import Any

import yaml

_NUMBER_LIKE = re.compile(r"[-+]?[0-9][0-9._]*([eE][-+]?[0-9]+)?")


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    tag = "tag:yaml.org,2002:str"
    if "\n" in value.strip("\n"):
        return dumper.represent_scalar(tag, value, style="|")
    if len(value) > 100 and value == value.strip(" ") and "  " not in value:
        return dumper.represent_scalar(tag, value, style=">")
    if _NUMBER_LIKE.fullmatch(value):  # "0.7", "13": text, not numbers
        return dumper.represent_scalar(tag, value, style='"')
    return dumper.represent_scalar(tag, value)


_Dumper.add_representer(str, _represent_str)


def to_yaml(value: Any, header: str = "") -> str:
    """``value`` as YAML text, after ``header`` written as comment lines."""
    body = yaml.dump(value, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, indent=2)
    return "".join(f"# {line}\n" for line in header.splitlines()) + body
