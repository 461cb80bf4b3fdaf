"""YAML syntax errors explained in plain words, on the line that causes them, with the fix.

A parser reports where it got stuck, which is often not where the mistake is: a missing
space after a colon (``phase:P3``) is noticed on the *next* line, an unclosed quote at the
end of the file. :func:`explain` finds the line to blame, says what is wrong in the reader's
language (the parser's English is never shown) and, for the common mistakes, names the
line rewritten so that it works. Every rewritten line is tried: it is offered only when the
file then gets past that line.

The common mistakes of people who do not write YAML every day:

- a quote inside a quoted text: ``title: "Ein „offenes“ "Netz"``,
- a value with ``: `` in it: ``summary: Ziel: mehr Parkplätze``,
- no space after the colon: ``phase:P3``,
- a list entry without ``- ``,
- a comma or ``: `` inside ``{…}`` or ``[…]``,
- a quote or bracket that is never closed,
- a backslash in double quotes (``"C:\\Daten"``),
- a value that starts with ``@``, `````, ``%``, ``*`` or ``&``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import yaml

from kltransfer.findings import Finding
from kltransfer.i18n import tr
from kltransfer.loading.rewrite import KEY_VALUE, QUOTED, quote, split_comment, typographic
from kltransfer.loading.text import position, split_lines


@dataclass(slots=True)
class Explained:
    """What is wrong, and how the line to blame can be repaired for checking the rest."""

    findings: list[Finding]
    #: The line to blame (1-based); 0 when the problem is not on one line.
    line: int = 0
    #: The line rewritten so that it parses, when the fix is known (the hint names it).
    fixed: str | None = None
    #: Whether the rest of the file can be checked with the line repaired or left out.
    recoverable: bool = True


Compose = Callable[[str], object]


class _Context:
    """The text, its lines and a way to try a repaired line."""

    def __init__(self, exc: yaml.YAMLError, text: str, compose: Compose) -> None:
        self.text = text
        self.lines = split_lines(text)
        self.compose = compose
        self.problem = str(getattr(exc, "problem", None) or exc)
        self.context = str(getattr(exc, "context", None) or "")
        self.problem_mark = getattr(exc, "problem_mark", None)
        self.context_mark = getattr(exc, "context_mark", None)

    def line(self, number: int) -> str:
        return self.lines[number - 1] if 0 < number <= len(self.lines) else ""

    def mark(self, which: str = "problem") -> tuple[int, int]:
        mark = self.problem_mark if which == "problem" else self.context_mark
        if mark is None:
            mark = self.context_mark if which == "problem" else self.problem_mark
        return (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)

    def works(self, number: int, fixed: str) -> bool:
        """Whether the file, with line ``number`` replaced by ``fixed``, gets past that line."""
        lines = list(self.lines)
        lines[number - 1] = fixed
        try:
            self.compose("\n".join(lines))
        except yaml.YAMLError as exc:
            later = _Context(exc, "", self.compose)
            blamed = later.mark("context" if _blames_context(later) else "problem")[0]
            return blamed > number
        except (RecursionError, ValueError, UnicodeError):
            return False
        return True

    def previous_content(self, number: int) -> tuple[int, str]:
        """The nearest line above ``number`` that holds more than a comment."""
        for n in range(number - 1, 0, -1):
            text = self.line(n)
            if text.strip() and not text.lstrip().startswith("#"):
                return n, text
        return 0, ""


def _blames_context(ctx: _Context) -> bool:
    """Whether the mistake is where the parser started the construct, not where it got stuck."""
    return (
        "simple key" in ctx.context
        or ("quoted scalar" in ctx.context and "end of stream" in ctx.problem)
        or (("flow sequence" in ctx.context or "flow mapping" in ctx.context) and "stream end" in ctx.problem)
    )


def explain(exc: yaml.YAMLError, text: str, path: str, compose: Compose) -> Explained:
    """The finding for a syntax error (KT002), on the line to blame, with a repair where known."""
    ctx = _Context(exc, text, compose)
    for diagnose in _DIAGNOSES:
        found = diagnose(ctx)
        if found is not None:
            line, column, message, hint, fixed = found
            finding = Finding("KT002", message, path, line, column, hint=hint)
            # a second document is not part of the blueprint: reading on would check it as if it were
            return Explained([finding], line, fixed, recoverable=diagnose is not _documents)
    line, column = ctx.mark()
    message = tr("KT002", "the file is not valid YAML here")
    return Explained([Finding("KT002", message, path, line, column)], line)


Diagnosis = tuple[int, int, str, str | None, str | None]


def _quote_inside_quotes(ctx: _Context) -> Diagnosis | None:
    """``title: "Ein „offenes“ "Netz"``: a straight quote inside ends the quoted text early."""
    stuck = ("expected key", "expected <block end>", "expected '-' indicator", "expected ',' or")
    if not any(s in ctx.problem for s in stuck):
        return None
    number, column = ctx.mark()
    line = ctx.line(number)
    match = QUOTED.match(line)
    if not match or column <= len(match["lead"]) + 1:
        return None
    mark, rest = match["quote"], match["rest"].rstrip()
    if not rest.endswith(mark) or mark not in rest[:-1]:
        return None
    if line[column - 2 : column - 1] == mark:  # the parser stops after the quote that ends the text: point at it
        column -= 1
    body = rest[:-1]
    lead = match["lead"]
    if mark == '"':
        fixed = lead + "'" + body.replace("'", "''") + "'"
        german = typographic(body)
        if not ctx.works(number, fixed):
            return None
        message = tr(
            "KT002",
            'the text in double quotes ends early: the " before {word} closes it',
            word=_next_word(line, column),
        )
        if german is not None:
            hint = tr(
                "KT002",
                "put the text in single quotes: {fixed}  or use only typographic quotes inside it: {german}",
                fixed=fixed.strip(),
                german=(lead + '"' + german + '"').strip(),
            )
        else:
            hint = tr("KT002", "put the text in single quotes: {fixed}", fixed=fixed.strip())
        return number, column, message, hint, fixed
    fixed = lead + "'" + body.replace("'", "''") + "'"
    if not ctx.works(number, fixed):
        return None
    message = tr(
        "KT002", "the text in single quotes ends early: the ' before {word} closes it", word=_next_word(line, column)
    )
    hint = tr("KT002", "write an apostrophe inside single quotes twice: {fixed}", fixed=fixed.strip())
    return number, column, message, hint, fixed


def _next_word(line: str, column: int) -> str:
    word = line[column - 1 :].split(" ", 1)[0].strip("\"'")
    return "'" + (word[:30] or line[column - 1 : column + 9]) + "'"


def _simple_key(ctx: _Context) -> Diagnosis | None:
    """``could not find expected ':'``: a line that is neither ``key: value`` nor ``- entry``."""
    if "could not find expected ':'" not in ctx.problem:
        return None
    number, column = ctx.mark("context")
    line = ctx.line(number)
    match = KEY_VALUE.match(line)
    if match and not match["space"] and match["value"] and not match["value"].startswith(":"):
        fixed = f"{match['lead']}{match['key']}: {match['value']}"
        if ctx.works(number, fixed):
            message = tr("KT002", "a space is missing after the colon of '{key}'", key=match["key"])
            return number, column, message, tr("KT002", "write the line as: {fixed}", fixed=fixed.strip()), fixed
    indent = len(line) - len(line.lstrip(" "))
    above, text_above = ctx.previous_content(number)
    dash = re.match(r"^([ ]*)-[ ]", text_above)
    if above and dash and len(dash[1]) == indent:
        fixed = " " * indent + "- " + line.strip()
        if ctx.works(number, fixed):
            message = tr("KT002", "this line continues the list above but does not start with '- '")
            return number, column, message, tr("KT002", "write the line as: {fixed}", fixed=fixed.strip()), fixed
    message = tr("KT002", "this line is neither 'key: value' nor a list entry '- value'")
    hint = tr(
        "KT002",
        "write it as 'key: value' (with a space after the colon), or indent it further if it continues the text above",
    )
    return number, column, message, hint, None


def _colon_in_value(ctx: _Context) -> Diagnosis | None:
    """``summary: Ziel: mehr Parkplätze``: a second ``: `` on the line."""
    if "mapping values are not allowed" not in ctx.problem:
        return None
    number, column = ctx.mark()
    line = ctx.line(number)
    match = KEY_VALUE.match(line)
    if match and column > len(match["lead"]) + len(match["key"]) + 1:
        value, comment = split_comment(match["value"])
        if value and value[0] not in "\"'[{|>":
            fixed = f"{match['lead']}{match['key']}: {quote(value)}{comment}"
            if ctx.works(number, fixed):
                message = tr(
                    "KT002", "the value of '{key}' contains ': ', which YAML reads as a new key", key=match["key"]
                )
                hint = tr("KT002", "put the value in quotes: {fixed}", fixed=fixed.strip())
                return number, column, message, hint, fixed
        message = tr("KT002", "the value of '{key}' contains ': ', which YAML reads as a new key", key=match["key"])
        return number, column, message, tr("KT002", "put the value in quotes"), None
    above, text_above = ctx.previous_content(number)
    if match and above:
        indent = len(text_above) - len(text_above.lstrip(" "))
        fixed = " " * indent + line.strip()
        if ctx.works(number, fixed):
            message = tr("KT002", "this line is indented further than the key above it, which already has a value")
            hint = tr("KT002", "start it in the same column as the line above: {fixed}", fixed=fixed.strip())
            return number, column, message, hint, fixed
    message = tr("KT002", "a ': ' stands where YAML does not expect a new key")
    return number, column, message, tr("KT002", "put a text with ': ' in quotes, or check the indentation"), None


def _flow_entries(inner: str) -> list[str] | None:
    """The entries of ``{…}`` or ``[…]`` as meant: a piece without ``:`` continues the one before."""
    if any(ch in inner for ch in "\"'[]{}#"):
        return None
    entries: list[str] = []
    for piece in inner.split(","):
        if ":" not in piece and entries and ":" in entries[-1]:
            entries[-1] += "," + piece
        else:
            entries.append(piece)
    out = []
    for entry in entries:
        key, sep, value = entry.partition(":")
        key, value = key.strip(), value.strip()
        if not sep:
            out.append(key)
        elif "," in value or ":" in value:
            out.append(f"{key}: {quote(value)}")
        else:
            out.append(f"{key}: {value}" if value else f"{key}:")
    return out


def _flow(ctx: _Context) -> Diagnosis | None:
    """``{name: Müller, Hans, role: Leitung: IT}`` and ``[a, b`` (never closed)."""
    if "flow mapping" in ctx.context:
        opening, closing = "{", "}"
    elif "flow sequence" in ctx.context:
        opening, closing = "[", "]"
    else:
        return None
    number, column = ctx.mark("context")
    line = ctx.line(number)
    start = column - 1
    if line[start : start + 1] != opening:
        return None
    end = line.rfind(closing)
    if end < start:
        code, comment = split_comment(line)
        fixed = code.rstrip() + closing + comment
        if ctx.works(number, fixed):
            message = tr(
                "KT002",
                "the '{opening}' on this line is never closed with '{closing}'",
                opening=opening,
                closing=closing,
            )
            return number, column, message, tr("KT002", "write the line as: {fixed}", fixed=fixed.strip()), fixed
        message = tr(
            "KT002", "the '{opening}' on this line is never closed with '{closing}'", opening=opening, closing=closing
        )
        return number, column, message, tr("KT002", "close it at the end of its last entry"), None
    entries = _flow_entries(line[start + 1 : end])
    fixed = None
    if entries is not None:
        candidate = line[:start] + opening + ", ".join(entries) + closing + line[end + 1 :]
        if candidate != line and ctx.works(number, candidate):
            fixed = candidate
    message = tr(
        "KT002",
        "inside '{opening}…{closing}' a comma separates the entries and ': ' a key from its value; a text with a "
        "comma or ': ' must be in quotes",
        opening=opening,
        closing=closing,
    )
    if fixed is not None:
        return number, ctx.mark()[1], message, tr("KT002", "write the line as: {fixed}", fixed=fixed.strip()), fixed
    hint = tr("KT002", "put such a text in quotes, or write the entries on lines of their own")
    return number, ctx.mark()[1] if ctx.mark()[0] == number else column, message, hint, None


def _unclosed_quote(ctx: _Context) -> Diagnosis | None:
    if "quoted scalar" not in ctx.context or "end of stream" not in ctx.problem:
        return None
    number, column = ctx.mark("context")
    line = ctx.line(number)
    mark = line[column - 1 : column] or '"'
    fixed = line.rstrip() + mark
    message = tr("KT002", "the quote {quote} opened here is never closed", quote=mark)
    if ctx.works(number, fixed):
        return number, column, message, tr("KT002", "write the line as: {fixed}", fixed=fixed.strip()), fixed
    return number, column, message, tr("KT002", "close the quote at the end of the text"), None


def _backslash(ctx: _Context) -> Diagnosis | None:
    """``path: "C:\\Daten"``: in double quotes a backslash starts an escape."""
    if "quoted scalar" not in ctx.context or not any(w in ctx.problem for w in ("escape", "hexdecimal", "hexadecimal")):
        return None
    number, start = ctx.mark("context")
    line = ctx.line(number)
    column = _bad_escape(line, start) if ctx.mark()[0] == number else ctx.mark()[1]
    match = QUOTED.match(line)
    message = tr("KT002", "in double quotes a backslash starts a special character such as \\n")
    if match and match["quote"] == '"':
        rest = match["rest"].rstrip()
        if rest.endswith('"'):
            fixed = match["lead"] + "'" + rest[:-1].replace("'", "''") + "'"
            if ctx.works(number, fixed):
                hint = tr("KT002", "put a text with backslashes in single quotes: {fixed}", fixed=fixed.strip())
                return number, column, message, hint, fixed
    return number, column, message, tr("KT002", "put a text with backslashes in single quotes"), None


_ESCAPES = {"x": 2, "u": 4, "U": 8}


def _bad_escape(line: str, start: int) -> int:
    """The column of the first backslash that does not start a YAML escape, after column ``start``."""
    i = start
    while (i := line.find("\\", i)) >= 0:
        follows = line[i + 1 : i + 2]
        digits = _ESCAPES.get(follows)
        if digits is not None:
            code = line[i + 2 : i + 2 + digits]
            if len(code) != digits or any(c not in "0123456789abcdefABCDEF" for c in code):
                return i + 1
            i += 2 + digits
        elif follows and follows in '0abt\tnvfre "/\\N_LP':
            i += 2
        else:
            return i + 1
    return start


def _bad_start(ctx: _Context) -> Diagnosis | None:
    """A value that starts with a character YAML reserves (``@ ` % * & !``)."""
    reserved = "cannot start any token" in ctx.problem or (
        ("alias" in ctx.context or "anchor" in ctx.context) and "alphabetic or numeric" in ctx.problem
    )
    if not reserved:
        return None
    start_line, start_column = ctx.mark("context" if "alias" in ctx.context or "anchor" in ctx.context else "problem")
    line = ctx.line(start_line)
    char = line[start_column - 1 : start_column] or "?"
    message = tr("KT002", "a value that starts with {char} must be in quotes", char=char)
    match = KEY_VALUE.match(line)
    if match and match["value"]:
        value, comment = split_comment(match["value"])
        fixed = f"{match['lead']}{match['key']}: {quote(value)}{comment}"
        if ctx.works(start_line, fixed):
            return (
                start_line,
                start_column,
                message,
                tr("KT002", "write the line as: {fixed}", fixed=fixed.strip()),
                fixed,
            )
    return start_line, start_column, message, None, None


def _undefined_alias(ctx: _Context) -> Diagnosis | None:
    if "undefined alias" not in ctx.problem:
        return None
    number, column = ctx.mark()
    line = ctx.line(number)
    name = re.match(r"\*?([^\s,\]}]*)", line[column - 1 :])
    shown = name[1] if name else ""
    message = tr("KT002", "'*{name}' refers to an anchor '&{name}' that is not defined above it", name=shown)
    match = KEY_VALUE.match(line)
    if match and match["value"].startswith("*"):
        value, comment = split_comment(match["value"])
        fixed = f"{match['lead']}{match['key']}: {quote(value)}{comment}"
        if ctx.works(number, fixed):
            hint = tr("KT002", "if you meant the text, put it in quotes: {fixed}", fixed=fixed.strip())
            return number, column, message, hint, fixed
    return number, column, message, None, None


def _documents(ctx: _Context) -> Diagnosis | None:
    if "another document" in ctx.problem or "single document" in ctx.context:
        number, column = ctx.mark()
        message = tr("KT002", "the file holds more than one YAML document; a blueprint is exactly one")
        hint = tr(
            "KT002", "remove the line '---' (line {line}) or put the second part in a file of its own", line=number
        )
        return number, column, message, hint, None
    if "document start" in ctx.problem or "document indicator" in ctx.problem:
        number, column = ctx.mark()
        message = tr("KT002", "a line '---' or '...' ends the document; what follows cannot be read")
        hint = tr("KT002", "remove that line, or indent it if it belongs to a text")
        return number, column, message, hint, None
    return None


def _structure(ctx: _Context) -> Diagnosis | None:
    """Indentation: a line that fits neither the mapping nor the list around it."""
    number, column = ctx.mark()
    start_line, start_column = ctx.mark("context")
    if "sequence entries are not allowed" in ctx.problem:
        message = tr("KT002", "a list entry '- ' cannot follow 'key:' on the same line")
        hint = tr("KT002", "put each entry on a line of its own below the key, indented, starting with '- '")
        return number, column, message, hint, None
    if "block collection" in ctx.context:
        message = tr(
            "KT002",
            "this line breaks the list that begins on line {line}: its entries start with '- ' in column {column}",
            line=start_line,
            column=start_column,
        )
        hint = tr("KT002", "start the line with '- ' in that column, or indent it if it belongs to the entry above")
        return number, column, message, hint, None
    if "block mapping" in ctx.context and ("expected key" in ctx.problem or "block end" in ctx.problem):
        message = tr("KT002", "this line does not fit the indentation of the lines above")
        hint = tr(
            "KT002",
            "keys of one mapping start in the same column: the mapping that begins on line {line} starts in column "
            "{column}",
            line=start_line,
            column=start_column,
        )
        return number, column, message, hint, None
    if "block scalar" in ctx.context:
        message = tr("KT002", "after '|' or '>' the text starts on the next line")
        return number, column, message, tr("KT002", "move what follows '|' or '>' to the next line, indented"), None
    if "node content" in ctx.problem or "expected the node content" in ctx.problem:
        return number, column, tr("KT002", "a value is missing here"), None, None
    if "unexpected ':'" in ctx.problem or "mapping keys are not allowed" in ctx.problem:
        message = tr("KT002", "a ':' stands where YAML does not expect one")
        return number, column, message, tr("KT002", "put a text with ':' in quotes"), None
    if "tag" in ctx.context or "directive" in ctx.context:
        message = tr("KT002", "'!' and '%' at the start of a value have a special meaning in YAML")
        return number, column, message, tr("KT002", "put the value in quotes"), None
    return None


_DIAGNOSES: tuple[Callable[[_Context], Diagnosis | None], ...] = (
    _unclosed_quote,
    _backslash,
    _quote_inside_quotes,
    _simple_key,
    _colon_in_value,
    _flow,
    _bad_start,
    _undefined_alias,
    _documents,
    _structure,
)


def reader_finding(exc: yaml.reader.ReaderError, text: str, path: str) -> Finding:
    """A character YAML does not allow (control characters): where it is, as line and column."""
    offset = exc.position
    if not (0 <= offset < len(text) and ord(text[offset]) == exc.character):
        # libyaml counts UTF-8 bytes, the pure-Python reader counts characters
        offset = len(text.encode("utf-8")[:offset].decode("utf-8", "ignore"))
    line, col = position(text, offset)
    return Finding(
        "KT002",
        tr(
            "KT002",
            "the file contains a character that YAML does not allow: U+{code}",
            code=format(exc.character, "04X"),
        ),
        path,
        line,
        col,
        hint=tr("KT002", "is this really a text file? Save it as UTF-8 text, or delete the character"),
    )
