"""Find texts meant for people that do not go through the message catalog (an AST scan of kltransfer/).

A text is *unmarked* when a string literal or f-string with words in it is handed straight to
a place where people read it: a finding's message or hint, an error's message or hint, the
console, ``typer.echo``/``print``, a prompt, or the ``help`` of a command or option. It is
*unextractable* when ``_()``/``_n()``/``tr()`` gets an f-string or a concatenation (extraction
sees only a literal), or when it is called inside an f-string (extraction does not look there).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "kltransfer"

TRANSLATE = {"_", "_n", "tr"}
#: call name -> positions and keywords of its arguments that people read
SINKS: dict[str, tuple[tuple[int, ...], tuple[str, ...]]] = {
    "Finding": ((1, 7), ("message", "hint")),
    "emit": ((2, 3), ("message", "hint")),
    "at": ((1, 2), ("message", "hint")),
    "finding": ((2, 4), ("message", "hint")),
    "error": ((0,), ("hint",)),
    "warn": ((0,), ()),
    "info": ((0,), ()),
    "echo": ((0,), ()),
    "secho": ((0,), ()),
    "print": ((0,), ()),
    "ask": ((0,), ()),
    "Option": ((), ("help",)),
    "Argument": ((), ("help",)),
    "command": ((), ("help", "short_help", "epilog")),
    "Typer": ((), ("help", "epilog")),
    "callback": ((), ("help",)),
    "add_column": ((0,), ("header",)),
    "TextColumn": ((0,), ()),
    "add_task": ((0,), ("description",)),
    "_refuse": ((1,), ()),
    "refuse": ((0, 1), ()),
    "_refused": ((0, 1), ()),
}
#: variables that hold a text for people before it is passed on
MESSAGE_NAMES = {"message", "hint", "why", "reason"}
_MARKUP = re.compile(r"\{[^{}]*\}|\[/?[a-z ]*\]")
_WORDS = re.compile(r"[A-Za-zÄÖÜäöüß]{2,}\W+[A-Za-zÄÖÜäöüß]{2,}")


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    what: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.what}"


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _has_words(node: ast.expr) -> bool:
    """Whether ``node`` builds a text with words in it from literals (not through a translation)."""
    if isinstance(node, ast.Constant):
        # placeholders ({task.description}) and rich markup ([dim], [/]) are not words for people
        return isinstance(node.value, str) and bool(_WORDS.search(_MARKUP.sub(" ", node.value)))
    if isinstance(node, ast.JoinedStr):
        literal = " ".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
        return bool(_WORDS.search(literal)) or bool(re.search(r"[A-Za-zÄÖÜäöüß]{3,}", literal))
    if isinstance(node, ast.BinOp):
        return _has_words(node.left) or _has_words(node.right)
    if isinstance(node, ast.Call) and _name(node.func) in TRANSLATE:
        return False
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return _has_words(node.func.value)
    if isinstance(node, ast.IfExp):
        return _has_words(node.body) or _has_words(node.orelse)
    return False


_BUILTIN_ERRORS = {"OSError", "ValueError", "TypeError", "KeyError", "RuntimeError", "AssertionError"}


def error_classes() -> set[str]:
    """Every exception class kltransfer defines (by any name), found through their bases."""
    bases: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                bases.setdefault(node.name, set()).update(_name(b) for b in node.bases)
    found = {name for name in bases if name.endswith(("Error", "Exception"))} - _BUILTIN_ERRORS
    changed = True
    while changed:
        more = {name for name, parents in bases.items() if parents & found} - found
        found |= more
        changed = bool(more)
    return found


def _rebinds_underscore(function: ast.AST) -> int:
    """The line where ``function`` assigns to ``_`` although it calls ``_()``, else 0."""
    calls = any(
        isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "_" for n in ast.walk(function)
    )
    if not calls:
        return 0
    for node in ast.walk(function):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.For | ast.comprehension):
            targets = [node.target]
        elif isinstance(node, ast.withitem) and node.optional_vars is not None:
            targets = [node.optional_vars]
        for target in targets:
            if any(isinstance(n, ast.Name) and n.id == "_" for n in ast.walk(target)):
                return getattr(node, "lineno", getattr(target, "lineno", 0))
    return 0


def problems_in(path: Path, errors: set[str] | None = None) -> Iterator[Problem]:
    rel = path.relative_to(ROOT).as_posix()
    tree = ast.parse(path.read_text(encoding="utf-8"), rel)
    errors = error_classes() if errors is None else errors
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            line = _rebinds_underscore(node)
            if line:
                yield Problem(rel, line, "assigns to _ in a function that calls _(): the translation breaks")
        if isinstance(node, ast.Assign) and _has_words(node.value):
            names = {t.id for t in node.targets if isinstance(t, ast.Name)}
            if names & MESSAGE_NAMES:
                yield Problem(rel, node.lineno, f"unmarked text assigned to {', '.join(sorted(names))}")
        if isinstance(node, ast.JoinedStr):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Call) and _name(inner.func) in TRANSLATE:
                    yield Problem(rel, inner.lineno, "a translation inside an f-string cannot be extracted")
        if not isinstance(node, ast.Call):
            continue
        name = _name(node.func)
        if name in TRANSLATE:
            first = node.args[0] if node.args else None
            index = 1 if name == "tr" else 0
            first = node.args[index] if len(node.args) > index else None
            if isinstance(first, ast.JoinedStr | ast.BinOp):
                yield Problem(rel, node.lineno, f"{name}() needs a plain literal, not an f-string or a concatenation")
            if name == "_n" and len(node.args) > 1 and isinstance(node.args[1], ast.JoinedStr | ast.BinOp):
                yield Problem(rel, node.lineno, "_n() needs plain literals")
            continue
        positions, keywords = SINKS.get(name, ((0,), ("hint",)) if name in errors else ((), ()))
        for i in positions:
            if i < len(node.args) and _has_words(node.args[i]):
                yield Problem(rel, node.args[i].lineno, f"unmarked text passed to {name}()")
        for keyword in node.keywords:
            if keyword.arg in keywords and _has_words(keyword.value):
                yield Problem(rel, keyword.value.lineno, f"unmarked text in {name}({keyword.arg}=...)")


def all_problems() -> list[Problem]:
    found: list[Problem] = []
    errors = error_classes()
    for path in sorted(PACKAGE.rglob("*.py")):
        if "__pycache__" not in path.parts:
            found.extend(problems_in(path, errors))
    return found
