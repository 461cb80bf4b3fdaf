"""Classifying the SOURCE a user typed, and refusing the transports git must not use.

Git can reach a repository through remote helpers such as ``ext::sh -c ...`` (which runs a
command) or ``fd::``; kltransfer allows only ``https``, ``ssh``, ``git`` and ``file``, and
checks that here, before git is ever called.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from kltransfer.errors import UsageError
from kltransfer.i18n import _

ALLOWED_SCHEMES = {"https": "https", "ssh": "ssh", "git": "git", "file": "file", "git+ssh": "ssh", "ssh+git": "ssh"}
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")
_SCP = re.compile(r"^(?:[A-Za-z0-9._~-]+@)?[A-Za-z0-9][A-Za-z0-9.-]*:(?!//)(?P<path>.+)$")
_HELPER = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*::")


@dataclass(frozen=True, slots=True)
class SourceSpec:
    """What kind of source the user named: ``git``, ``folder`` or ``bundle``."""

    kind: str
    #: The URL given to git, or the absolute path of a folder or bundle.
    location: str
    #: The transport git uses (``https``, ``ssh``, ``git``, ``file``); empty for folders and bundles.
    transport: str = ""


def _refuse(source: str, why: str) -> UsageError:
    return UsageError(
        _("refusing the source '{source}': {reason}", source=source, reason=why),
        hint=_("give an https://, ssh://, git:// or file:// URL, a local folder or a .kltransfer.zip bundle"),
    )


def _looks_like_repo(path: Path) -> bool:
    if (path / ".git").exists():
        return True
    return (path / "HEAD").is_file() and (path / "objects").is_dir() and (path / "refs").is_dir()


def classify(source: str) -> SourceSpec:
    """Decide what ``source`` is, refusing anything git must not be handed."""
    if not source or source != source.strip() or any(ord(ch) < 32 or ord(ch) == 127 for ch in source):
        raise _refuse(source, _("it is empty or contains spaces at its ends or control characters"))
    if source.startswith("-"):
        raise _refuse(source, _("it starts with '-' and would be read as an option"))
    if _HELPER.match(source):
        helper = source.split("::", 1)[0]
        raise _refuse(source, _("the transport '{name}::' is not allowed (it can run commands)", name=helper))
    scheme = _SCHEME.match(source)
    if scheme:
        name = scheme.group(1).lower()
        if name not in ALLOWED_SCHEMES:
            raise _refuse(
                source,
                _("the transport '{name}' is not allowed (use https)", name=name)
                if name == "http"
                else _("the transport '{name}' is not allowed", name=name),
            )
        try:  # Python refuses a bracketed host that is no IP address, and an unclosed bracket
            parts = urlsplit(source)
            parts.port  # noqa: B018 - refuses a port that is no number or out of range
        except ValueError:
            authority = source[scheme.end() :].split("/", 1)[0]
            raise _refuse(
                source,
                _("a host in brackets must be an IP address, such as [2001:db8::1]")
                if "[" in authority or "]" in authority
                else _("the port must be a number from 1 to 65535"),
            ) from None
        host = parts.netloc.rpartition("@")[2]
        if host.lstrip("[").startswith("-") or source[scheme.end() :].lstrip("[").startswith("-"):
            raise _refuse(source, _("the host starts with '-' and would be read as an option"))
        if name == "file":
            return SourceSpec("git", source, "file")
        return SourceSpec("git", source, ALLOWED_SCHEMES[name])
    local = Path(source)
    if local.exists():
        resolved = local.resolve()
        if resolved.is_dir():
            if _looks_like_repo(resolved):
                return SourceSpec("git", str(resolved), "file")
            return SourceSpec("folder", str(resolved))
        if resolved.is_file() and resolved.name.lower().endswith(".zip"):
            return SourceSpec("bundle", str(resolved))
        raise _refuse(source, _("it is a file but not a .kltransfer.zip bundle"))
    scp = _SCP.match(source)
    if scp and not scp.group("path").startswith("-") and len(source.split(":", 1)[0]) > 1:
        return SourceSpec("git", source, "ssh")
    raise UsageError(
        _("the source '{source}' is neither an existing folder or bundle nor a repository URL", source=source),
        hint=_("check the path, or give an https://, ssh://, git:// or file:// URL"),
    )


def local_path(spec: SourceSpec) -> str | None:
    """The path on this machine a source lies at (a folder, a bundle, a local repository), else ``None``.

    An output must never lie inside, contain or equal it (:mod:`kltransfer.destination.overlap`).
    """
    if spec.kind in ("folder", "bundle"):
        return spec.location
    if spec.transport != "file":
        return None
    if not spec.location.startswith("file:"):
        return spec.location
    from urllib.parse import unquote, urlsplit

    return unquote(urlsplit(spec.location).path) or None
