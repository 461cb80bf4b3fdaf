"""``kltransfer diff``: a semantic diff of two blueprints by key path."""

from __future__ import annotations

import json

from kltransfer.diff import Change, diff_data

OLD = """\
kltransfer: "1.0"
id: demo
version: 1.0.0   # first
title: {de: Alt, en: Old}
keywords: [a, b]
costs:
  investment:
    total: 100
phase: P2
"""

NEW = """\
# reformatted, with comments
kltransfer: "1.0"
id: demo
version: "1.1.0"
title:
  de: Neu
  en: Old
keywords:
  - a
  - b
  - c
costs:
  investment:
    total: 100.0
status: planned
"""


def test_diff_data_reports_the_deepest_key_paths():
    assert diff_data({"a": {"b": 1, "c": [1, 2]}}, {"a": {"b": 2, "c": [1]}, "d": True}) == [
        Change("changed", ("a", "b"), 1, 2),
        Change("removed", ("a", "c", 1), old=2),
        Change("added", ("d",), new=True),
    ]
    assert diff_data({"x": 1}, {"x": True}) == [Change("changed", ("x",), 1, True)]
    assert diff_data({"x": 1}, {"x": 1.0}) == []


def test_diff_text_and_exit_code_1_when_different(run, tree):
    root = tree({"old.yaml": OLD, "new.yaml": NEW})

    result = run("diff", root / "old.yaml", root / "new.yaml")

    assert result.exit_code == 1
    assert result.stdout == (
        '~ version: "1.0.0" -> "1.1.0"\n'
        '~ title.de: "Alt" -> "Neu"\n'
        '+ keywords[2]: "c"\n'
        '+ status: "planned"\n'
        '- phase: "P2"\n'
    )
    assert result.stderr == ""


def test_diff_json(run, tree):
    root = tree({"old.yaml": OLD, "new.yaml": NEW})

    result = run("diff", root / "old.yaml", root / "new.yaml", "--format", "json")

    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["equal"] is False
    assert data["summary"] == {"added": 2, "removed": 1, "changed": 2}
    assert data["changes"][0] == {"change": "changed", "path": "version", "old": "1.0.0", "new": "1.1.0"}
    assert data["changes"][2] == {"change": "added", "path": "keywords[2]", "new": "c"}
    assert data["changes"][4] == {"change": "removed", "path": "phase", "old": "P2"}


def test_equal_blueprints_exit_0_whatever_the_layout(run, tree):
    root = tree({"a.yaml": "id: x\nlist: [1, 2]\n", "b.yaml": "# comment\nlist:\n  - 1\n  - 2\nid: 'x'\n"})

    text = run("diff", root / "a.yaml", root / "b.yaml")
    assert (text.exit_code, text.stdout) == (0, "")
    data = json.loads(run("diff", root / "a.yaml", root / "b.yaml", "-f", "json").stdout)
    assert (data["equal"], data["changes"]) == (True, [])


def test_unreadable_input_exits_2(run, tree):
    root = tree({"a.yaml": "id: x\n", "bad.yaml": "id: [unclosed\n"})

    missing = run("diff", root / "a.yaml", root / "missing.yaml")
    assert missing.exit_code == 2
    assert f"cannot read '{root / 'missing.yaml'}': no such file or folder" in missing.stderr

    broken = run("diff", root / "a.yaml", root / "bad.yaml")
    assert broken.exit_code == 2
    assert f"cannot read '{root / 'bad.yaml'}':1:5: the '[' on this line is never closed" in broken.stderr

    fmt = run("diff", root / "a.yaml", root / "a.yaml", "--format", "xml")
    assert fmt.exit_code == 2
    assert "unknown format 'xml'" in fmt.stderr
