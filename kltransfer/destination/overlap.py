"""The source-overlap rule: an output never equals, contains or lies inside one of its sources.

Sources are the folders a run reads: folder sources, the folders of the blueprint files given,
the working tree of a local git repository, a bundle file. Paths are compared resolved (links
resolved for this comparison only). The check runs once per run, against a set: looking up the
output's own ancestors in the set and comparing each source once with the output, so its cost
grows with the number of sources, never with their pairs.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from kltransfer.destination.errors import OutputRefused
from kltransfer.i18n import _


def resolved(path: str | os.PathLike[str]) -> Path:
    """``path`` absolute, with every link and ``..`` resolved (as far as it exists)."""
    return Path(path).resolve()


class SourceRoots:
    """The resolved folders (and files) one run reads."""

    def __init__(self, paths: Iterable[str | os.PathLike[str]] = ()) -> None:
        self.roots: set[Path] = {resolved(p) for p in paths}

    def add(self, path: str | os.PathLike[str]) -> None:
        self.roots.add(resolved(path))

    def check(self, out: str | os.PathLike[str], *, option: str = "--out") -> None:
        """Raise :class:`OutputRefused` when ``out`` equals, contains or lies inside a source."""
        target = resolved(out)
        if target in self.roots:
            raise self._refused(_("'{out}' is the source '{source}' itself", out=out, source=target), option)
        for ancestor in target.parents:
            if ancestor in self.roots:
                raise self._refused(_("'{out}' lies inside the source '{source}'", out=out, source=ancestor), option)
        prefix = str(target).rstrip(os.sep) + os.sep
        for root in self.roots:
            if str(root).startswith(prefix):
                raise self._refused(_("'{out}' contains the source '{source}'", out=out, source=root), option)

    @staticmethod
    def _refused(reason: str, option: str) -> OutputRefused:
        return OutputRefused(
            _("refusing to write there: {reason}; nothing was written", reason=reason),
            hint=_("choose a folder for {option} outside every source, e.g. a new folder beside them", option=option),
        )
