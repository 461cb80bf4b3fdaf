"""Helpers shared by the machine-readable reporters: paths as CI tools expect them, finding texts."""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from kltransfer.findings import Finding
from kltransfer.i18n import _
from kltransfer.terminal import printable

#: Where the project and its documentation live; rule pages are anchors below ``DOCS_URL``.
PROJECT_URL = "https://kltransfer.de"
DOCS_URL = f"{PROJECT_URL}/docs"


def rule_help_uri(code: str) -> str:
    """The documentation of one finding code."""
    return f"{DOCS_URL}/rules/#{code.lower()}"


def relative_path(path: str, base: str | os.PathLike[str] | None = None) -> str:
    """``path`` relative to ``base`` (default: the working folder), with forward slashes.

    A path outside ``base`` stays absolute; ``./`` in front is dropped. CI tools resolve
    annotation paths against the checkout, so this is what they need.
    """
    if not path:
        return path
    root = Path(base) if base is not None else Path.cwd()
    target = Path(path)
    absolute = target if target.is_absolute() else Path.cwd() / target
    try:
        rel = os.path.relpath(absolute, root)
    except ValueError:  # another drive on Windows
        return absolute.as_posix()
    if rel == ".." or rel.startswith(".." + os.sep):
        return Path(os.path.normpath(absolute)).as_posix()
    return PurePosixPath(*Path(rel).parts).as_posix()


def relative_uri(path: str, base: str | os.PathLike[str] | None = None) -> str:
    """Like :func:`relative_path`, as a URI reference (spaces and the like percent-encoded)."""
    shown = relative_path(path, base)
    if shown.startswith("/"):
        return Path(shown).as_uri()
    return quote(shown, safe="/")


def finding_text(finding: Finding, *, with_code: bool = False, with_hint: bool = True) -> str:
    """One finding as a sentence: ``[CODE ]key.path: message (hint: ...)``."""
    text = f"{finding.key_path}: {finding.message}" if finding.key_path else finding.message
    if with_code:
        text = f"{finding.code} {text}"
    if with_hint and finding.hint:
        text = _("{text} (hint: {hint})", text=text, hint=finding.hint)
    return printable(text, lines=True)  # CI logs show it in a terminal-like view; line breaks are escaped there
