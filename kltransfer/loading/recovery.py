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
from kltransfer.loading.syntax import neutralise
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


def recover(text: str, path: str, limits: Limits) -> Recovered | None:
    """Read ``text`` with its broken lines repaired, one after another.

    ``None`` when there is nothing to repair: the text is YAML, or its first problem is not on
    one line that can be repaired (tabs, conflict markers); its findings stand as they are.
    """
    lines = split_lines(text)
    found: list[Finding] = []
    repaired: set[int] = set()
    for _ in range(MAX_REPAIRS + 1):
        current = "\n".join(lines)  # one line break per line: lines and columns stay as in the file
        try:
            root = yaml_loader.compose(current)
        except yaml.YAMLError as exc:
            explained = yaml_loader.syntax_problem(exc, current, path)
            found += explained.findings
            line = explained.line
            if not explained.recoverable or not 0 < line <= len(lines) or line in repaired:
                return Recovered(found, None, repaired) if repaired else None
            lines[line - 1] = explained.fixed if explained.fixed is not None else neutralise(lines[line - 1])
            repaired.add(line)
            continue
        except (RecursionError, UnicodeError):
            return Recovered(found, None, repaired) if repaired else None
        if not repaired:
            return None
        doc, built = yaml_loader.build_document(root, path, limits)
        found += [f for f in built if f.line not in repaired and f.code != "KT010"]
        return Recovered(found, doc, repaired)
    return Recovered(found, None, repaired)
