"""A git merge driver for message catalogs (.po, .pot): entries merge one by one, never as lines.

Two branches that each add texts to a catalog touch neighbouring lines of a sorted file, which a
line merge reports as conflicts. Here the result holds every entry of both sides; where both
changed one entry's translation, the side that differs from the common ancestor wins (ours when
both do). Run ``make catalogs`` after the merge: it re-extracts the template and drops entries
the merged sources no longer use.

    git config merge.kltransfer-catalog.driver "python3 scripts/merge_catalog.py %O %A %B"
    # .gitattributes: *.po merge=kltransfer-catalog
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import catalogs


def _entries(path: str) -> dict[tuple[Any, Any], Any]:
    try:
        catalog = catalogs.read(Path(path))
    except Exception:  # an empty ancestor (file added on both sides)
        return {}
    return {(m.context, m.id): m for m in catalog if m.id}


def merge(base: str, ours: str, theirs: str) -> int:
    ancestor, mine, other = _entries(base), _entries(ours), _entries(theirs)
    result = catalogs.read(Path(ours))
    for key, message in other.items():
        kept = mine.get(key)
        old = ancestor.get(key)
        if kept is None:
            if old is None or old.string != message.string:  # added or changed there, not deleted here
                result[message.id] = message  # the message carries its context
            continue
        changed_there = old is not None and kept.string == old.string and message.string != old.string
        if changed_there or (not kept.string and message.string):
            kept.string, kept.flags = message.string, message.flags
    for key in list(mine):
        if key in ancestor and key not in other and mine[key].string == ancestor[key].string:
            result.delete(key[1], context=key[0])  # removed there, unchanged here
    catalogs._write(Path(ours), result)
    return 0


if __name__ == "__main__":
    sys.exit(merge(*sys.argv[1:4]))
