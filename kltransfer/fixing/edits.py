"""Applying edits to a text: each at its exact place, only where the text still says what it said."""

from __future__ import annotations

from collections.abc import Iterable

from kltransfer.findings import Edit, Finding


def apply_edits(text: str, findings: Iterable[Finding]) -> tuple[str, list[Finding]]:
    """``text`` with the edits of ``findings`` applied, and the findings whose edit was applied.

    An edit is left out when the text at its place is not what it expects, or when it overlaps
    an edit before it (the next round of ``fix`` finds it again).
    """
    chosen: list[tuple[Edit, Finding]] = []
    end = -1
    for finding in sorted((f for f in findings if f.edit is not None), key=lambda f: f.edit.start):  # type: ignore[union-attr]
        edit = finding.edit
        assert edit is not None
        if edit.start < end or text[edit.start : edit.end] != edit.old:
            continue
        chosen.append((edit, finding))
        end = edit.end
    if not chosen:
        return text, []
    pieces, position = [], 0
    for edit, _ in chosen:
        pieces += [text[position : edit.start], edit.new]
        position = edit.end
    pieces.append(text[position:])
    return "".join(pieces), [finding for _, finding in chosen]
