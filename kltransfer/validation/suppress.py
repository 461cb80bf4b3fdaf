"""Per-line suppression comments: ``# kltransfer: ignore[KT220]`` on the line a finding names.

The comment stands at the end of the line the finding names, and names codes or
prefixes of codes, as the configuration's ``ignore`` does: ``ignore[KT220]``,
``ignore[KT220,KT205]``, ``ignore[KT2]``. It silences the findings of those codes on its own
line only. A code that does not exist, a comment that names none, and a code that cannot be
silenced (the file could not be read: ``KT001``, ``KT002``, …) are themselves findings
(``KT013``, a warning), so that a typing mistake does not silently suppress nothing.
"""

from __future__ import annotations

import re

from kltransfer.findings import UNREADABLE, Finding, Severity
from kltransfer.i18n import tr
from kltransfer.loading.text import Positions
from kltransfer.loading.yaml_loader import UNCHECKED
from kltransfer.rules import RULES

#: A suppression comment, ``# kltransfer: ignore…`` (a literal start: searching every file stays cheap).
SUPPRESSION = re.compile(r"#[ \t]*kltransfer[ \t]*:[ \t]*ignore\b(?P<rest>[^\r\n\x85\u2028\u2029]*)")
_CODES = re.compile(r"[ \t]*\[(?P<codes>[^\]]*)\]")
_EXAMPLE = "# kltransfer: ignore[KT220,KT205]"


#: Every code and every prefix of one (``KT2``, ``KT22``): what a comment may name.
_NAMEABLE = frozenset(code[:i] for code in RULES for i in range(1, len(code) + 1))


def _problem(where: Positions, offset: int, path: str, message: str, hint: str) -> Finding:
    line, column = where(offset)
    return Finding("KT013", message, path, line, column, severity=Severity.WARNING, hint=hint)


def suppressions(text: str, path: str) -> tuple[dict[int, tuple[str, ...]], list[Finding]]:
    """The codes silenced on each line, and the findings about comments that are wrong."""
    silenced: dict[int, tuple[str, ...]] = {}
    problems: list[Finding] = []
    where = Positions(text)
    example = tr("KT013", "name codes such as KT220, separated by commas: {example}", example=_EXAMPLE)
    for match in SUPPRESSION.finditer(text):
        if match.start() and text[match.start() - 1] not in " \t\n\r\x85\u2028\u2029":
            continue  # not a comment: YAML starts one only at the start of a line or after a space
        line = where(match.start())[0]
        codes = _CODES.match(match["rest"])
        if codes is None or not codes["codes"].strip():
            problems.append(
                _problem(where, match.start(), path, tr("KT013", "the suppression comment names no code"), example)
            )
            continue
        base = match.start("rest") + codes.start("codes")
        offset = 0
        kept: list[str] = []
        for raw in codes["codes"].split(","):
            at = base + offset + (len(raw) - len(raw.lstrip()))
            offset += len(raw) + 1
            code = raw.strip().upper()
            if not code:
                continue
            if code not in _NAMEABLE:
                from kltransfer.validation.suggest import closest

                guess = closest(code, RULES)
                hint = tr("KT013", "did you mean '{code}'?", code=guess) if guess else example
                message = tr("KT013", "'{code}' in the suppression comment is not a finding code", code=raw.strip())
                problems.append(_problem(where, at, path, message, hint))
            elif code in UNCHECKED or code == UNREADABLE:
                message = tr("KT013", "{code} cannot be ignored: it means that the file could not be read", code=code)
                hint = tr("KT013", "correct the file instead; until then nothing else in it is checked")
                problems.append(_problem(where, at, path, message, hint))
            else:
                kept.append(code)
        if kept:  # each code once: a line naming a code a thousand times costs no more
            silenced[line] = tuple(dict.fromkeys((*silenced.get(line, ()), *kept)))
    return silenced, problems


def apply_suppressions(findings: list[Finding], text: str, path: str) -> list[Finding]:
    """``findings`` without those silenced by a comment on their line, with the comments' own findings."""
    silenced, problems = suppressions(text, path)
    kept = [
        f
        for f in findings
        if not (
            f.path == path
            and f.code not in UNCHECKED
            and any(f.code.startswith(code) for code in silenced.get(f.line, ()))
        )
    ]
    return kept + problems
