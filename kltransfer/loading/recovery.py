"""Reading on after a YAML syntax error, so that one mistake does not hide all the others.

A file with a syntax error cannot be read as it stands. To report the findings of its other
lines all the same, the line to blame is repaired — with the fix its finding names (``phase:P3``
becomes ``phase: P3``), or, where no fix is sure, with its value left out (``title:``) or the
line turned into a comment — and the text is read again, up to :data:`MAX_REPAIRS` times.
When that succeeds, every syntax error has its own finding and the document read from the
repaired text is checked like any other; the checks' findings on repaired lines are dropped
(they would be about the repair, not about the file). When it does not, the last finding
says that the file was not checked further.

The repaired document is only ever used for findings: commands that go on to use a
blueprint's data (export, adopt, …) get no document from a file with a syntax error.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from kltransfer.findings import Finding
from kltransfer.loading import yaml_loader
from kltransfer.loading.limits import Limits
from kltransfer.loading.rewrite import key_of, repairs
from kltransfer.loading.text import split_lines

#: The most syntax errors of one file that are repaired to read on.
MAX_REPAIRS = 8


@dataclass(slots=True)
class Recovered:
    """What reading on found: the syntax findings, and the document of the repaired text if any."""

    findings: list[Finding]
    doc: yaml_loader.Document | None = None
    #: Lines that were repaired (1-based): findings of later checks on them are dropped.
    repaired: set[int] = field(default_factory=set)
    #: Keys of lines that had to be left out entirely: "missing" findings about them are dropped.
    removed_keys: set[str] = field(default_factory=set)


def recover(text: str, path: str, limits: Limits) -> Recovered | None:
    """Read ``text`` with its broken lines repaired, one after another.

    ``None`` when there is nothing to repair: the text is YAML, or its first problem is not on
    one line that can be repaired (tabs, conflict markers); its findings stand as they are.
    Each broken line gets the repairs of :func:`~kltransfer.loading.rewrite.repairs` in turn,
    until the text gets past it.
    """
    original = split_lines(text)
    lines = list(original)
    found: list[Finding] = []
    left: dict[int, list[str]] = {}  # line -> the repairs not yet tried
    removed: set[str] = set()
    for _ in range(6 * MAX_REPAIRS):
        current = "\n".join(lines)  # one line break per line: lines and columns stay as in the file
        try:
            root = yaml_loader.compose(current)
        except yaml.YAMLError as exc:
            explained = yaml_loader.syntax_problem(exc, current, path)
            line = explained.line
            if line in left:  # the last repair was not enough: the next one
                if not left[line]:
                    return Recovered(found, None, set(left))
                lines[line - 1] = left[line].pop(0)
                continue
            if not explained.recoverable or not 0 < line <= len(lines):
                return Recovered(found + explained.findings, None, set(left)) if left else None
            found += explained.findings
            if len(left) == MAX_REPAIRS:
                return Recovered(found, None, set(left))
            left[line] = repairs(original[line - 1], explained.fixed)
            lines[line - 1] = left[line].pop(0)
            continue
        except (RecursionError, UnicodeError):
            return Recovered(found, None, set(left)) if left else None
        if not left:
            return None
        removed = {key for n in left if lines[n - 1].startswith("#") and (key := key_of(original[n - 1]))}
        doc, built = yaml_loader.build_document(root, path, limits)
        found += [f for f in built if f.line not in left and f.code != "KT010"]
        return Recovered(found, doc, set(left), removed)
    return Recovered(found, None, set(left), removed)
