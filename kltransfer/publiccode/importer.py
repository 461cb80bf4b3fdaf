"""``kltransfer import publiccode``: a blueprint component entry from an existing publiccode.yml.

Sources: a file, a folder holding ``publiccode.yml`` (or ``publiccode.yaml``), or a git
repository (URL or local repository without such a file at its top), read at its default
branch or ``ref`` through :mod:`kltransfer.sources.git_source`, the one hardened way kltransfer
runs git. The file is checked first (:mod:`kltransfer.publiccode.check`); one with errors is
refused (:class:`InvalidPublicCode`, exit 2) with its findings.

The entry takes what a blueprint component can hold:

==========================  =====================================================
publiccode.yml              component
==========================  =====================================================
``name``                    ``name`` (``type: software``)
``url``                     ``repository`` (when it is an http(s) address)
``landingURL``              ``url``
``legal.license``           ``licence``; ``open_source: true`` unless it names a
                            ``LicenseRef-`` (the standard is for open-source licences)
``maintenance.type``        ``maintenance``
``organisation.name``       ``vendor``
``description.<lang>``      ``description.<lang>`` (the ``shortDescription``)
``dependsOn``               ``depends_on`` (``version`` -> ``version_min`` and
                            ``version_max``)
==========================  =====================================================

:func:`append_component` adds the entry to a blueprint's ``components:`` with ruamel.yaml's
round trip (comments and layout kept, like ``kltransfer migrate``), only when every other line
stays as it was, and writes the file atomically.
"""

from __future__ import annotations

import difflib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kltransfer.errors import InputError, OutputError, UsageError
from kltransfer.findings import Finding, Severity
from kltransfer.i18n import _, _n
from kltransfer.i18n.reasons import os_reason
from kltransfer.loading.limits import DEFAULT_LIMITS
from kltransfer.loading.yaml_loader import load_text, read_bytes
from kltransfer.publiccode.check import check_text
from kltransfer.publiccode.values import is_http_url

NAMES = ("publiccode.yml", "publiccode.yaml")
#: A blueprint text key: a language tag as the blueprint format allows it.
_KINDS = ("open", "proprietary", "hardware")


class InvalidPublicCode(InputError):
    """The publiccode.yml has errors; ``findings`` says which, on its own lines."""

    def __init__(self, message: str, findings: list[Finding], hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.findings = findings


@dataclass(slots=True)
class Imported:
    """A component entry and where it came from."""

    #: The source as shown in messages (a path or ``URL:publiccode.yml``).
    source: str
    entry: dict[str, Any]
    #: The check's warnings (errors refuse the import).
    findings: list[Finding] = field(default_factory=list)
    #: The file on disk, when the source was local.
    file: Path | None = None


def _read_local(path: Path) -> bytes:
    try:
        raw = read_bytes(path, DEFAULT_LIMITS)
    except OSError as exc:
        raise InputError(
            _("cannot read '{path}': {reason}", path=path, reason=os_reason(exc)),
            hint=_("give a readable publiccode.yml file, a folder holding one, or a git repository URL"),
        ) from exc
    if isinstance(raw, Finding):
        raise InputError(raw.message, hint=raw.hint)
    return raw


def read_source(source: str, *, ref: str | None = None, offline: bool = False) -> tuple[str, bytes, Path | None]:
    """(shown name, bytes, local file or ``None``) of the publiccode.yml that ``source`` names."""
    local = Path(source)
    if ref is None and local.is_dir():
        for name in NAMES:
            if (local / name).exists():
                return str(local / name), _read_local(local / name), local / name
    elif ref is None and (local.exists() or local.is_symlink()):
        return source, _read_local(local), local
    from kltransfer.sources.spec import classify

    spec = classify(source)
    if spec.kind != "git":
        raise InputError(
            _("'{source}' holds no publiccode.yml", source=source),
            hint=_("give the file itself, a folder holding publiccode.yml, or a git repository URL"),
        )
    from kltransfer.sources.git_source import open_git

    snapshot = open_git(spec.location, ref, offline=offline)
    for name in NAMES:
        if snapshot.has(name):
            return f"{source}:{name}", snapshot.read(name), None
    raise InputError(
        _("the repository '{source}' has no publiccode.yml at its top", source=source),
        hint=_("check the URL, or give --ref for the branch or tag that has one"),
    )


def _language(tag: str) -> str:
    head, _sep, rest = tag.partition("-")
    return head.lower() + (f"-{rest}" if rest else "")


def component_entry(data: dict[str, Any]) -> dict[str, Any]:
    """The blueprint component entry for the checked publiccode.yml ``data``."""
    entry: dict[str, Any] = {"name": data["name"], "type": "software"}
    descriptions = data.get("description") or {}
    texts = {
        _language(tag): d["shortDescription"].strip()
        for tag, d in descriptions.items()
        if isinstance(d, dict) and isinstance(d.get("shortDescription"), str) and d["shortDescription"].strip()
    }
    if texts:
        entry["description"] = texts
    legal = data.get("legal") or {}
    licence = legal.get("license")
    if isinstance(licence, str):
        entry["licence"] = licence
        if "LicenseRef-" not in licence:
            entry["open_source"] = True
    organisation = data.get("organisation") or {}
    if isinstance(organisation.get("name"), str) and organisation["name"].strip():
        entry["vendor"] = organisation["name"]
    if isinstance(data.get("landingURL"), str) and is_http_url(data["landingURL"]):
        entry["url"] = data["landingURL"]
    if isinstance(data.get("url"), str) and is_http_url(data["url"]):
        entry["repository"] = data["url"]
    maintenance = (data.get("maintenance") or {}).get("type")
    if isinstance(maintenance, str):
        entry["maintenance"] = maintenance
    depends = data.get("dependsOn") or {}
    groups: dict[str, list[dict[str, Any]]] = {}
    for kind in _KINDS:
        items = []
        for dep in depends.get(kind) or []:
            if not isinstance(dep, dict) or not isinstance(dep.get("name"), str):
                continue
            item: dict[str, Any] = {"name": dep["name"]}
            low = dep.get("versionMin") or dep.get("version")
            high = dep.get("versionMax") or dep.get("version")
            if low:
                item["version_min"] = str(low)
            if high:
                item["version_max"] = str(high)
            if isinstance(dep.get("optional"), bool):
                item["optional"] = dep["optional"]
            items.append(item)
        if items:
            groups[kind] = items
    if groups:
        entry["depends_on"] = groups
    return entry


def import_publiccode(source: str, *, ref: str | None = None, offline: bool = False) -> Imported:
    """Read, check and turn a publiccode.yml into a component entry.

    Raises :class:`~kltransfer.errors.InputError` when the source cannot be read and
    :class:`InvalidPublicCode` (with the findings) when the file has errors.
    """
    shown, raw, file = read_source(source, ref=ref, offline=offline)
    checked = check_text(raw, shown, file.parent if file is not None else None)
    errors = checked.errors
    if errors or checked.data is None:
        raise InvalidPublicCode(
            _n(
                "'{source}' is not a valid publiccode.yml: {n} error",
                "'{source}' is not a valid publiccode.yml: {n} errors",
                len(errors),
                source=shown,
            ),
            checked.findings,
            hint=_("correct the file (the findings above name each place), then import it again"),
        )
    warnings = [f for f in checked.findings if f.severity is Severity.WARNING]
    return Imported(shown, component_entry(checked.data), warnings, file)


def _only_added(old: str, new: str) -> bool:
    """Whether ``new`` is ``old`` with lines added and none changed or removed."""
    matcher = difflib.SequenceMatcher(a=old.splitlines(), b=new.splitlines(), autojunk=False)
    return all(tag in ("equal", "insert") for tag, *_ in matcher.get_opcodes())


def _reference(blueprint: Path, file: Path | None) -> str | None:
    """The path of ``file`` as the blueprint would write it, when the reader accepts it there."""
    if file is None:
        return None
    from kltransfer.references import inspect_reference

    try:
        relative = file.resolve().relative_to(blueprint.parent.resolve()).as_posix()
    except ValueError:
        return None
    return relative if inspect_reference(blueprint.parent, relative) is None else None


def append_component(blueprint: Path, imported: Imported) -> int:
    """Add the imported entry to ``blueprint``'s components; returns its index there.

    Refuses (exit 2, the file untouched) a blueprint that is a link to a file outside its folder,
    not a regular file or unreadable, a component
    name that is already listed, and an edit that would change any line besides the new ones.
    """
    from kltransfer.destination.files import write_atomic
    from kltransfer.destination.paths import edit_target
    from kltransfer.migrate import roundtrip
    from kltransfer.validation.validate import validate_text

    blueprint = edit_target(blueprint)  # a link is followed only to a file in its own folder
    try:
        info = os.lstat(blueprint)
    except OSError as exc:
        raise InputError(_("cannot read '{path}': {reason}", path=blueprint, reason=os_reason(exc))) from exc
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISREG(info.st_mode):
        raise InputError(
            _("'{path}' is not a regular file (a link or something else); nothing was changed", path=blueprint),
            hint=_("give the blueprint file itself"),
        )
    raw = _read_local(blueprint)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(_("'{path}' is not UTF-8 text", path=blueprint)) from exc
    doc, problems = load_text(text, str(blueprint))
    if doc is None or any(p.severity is Severity.ERROR for p in problems):
        raise InputError(
            _("'{path}' cannot be read as a blueprint; nothing was changed", path=blueprint),
            hint=_("run 'kltransfer validate {path}' and correct the errors first", path=blueprint),
        )
    entry = dict(imported.entry)
    components = doc.data.get("components")
    listed = components if isinstance(components, list) else []
    name = str(entry["name"])
    if any(isinstance(c, dict) and str(c.get("name", "")).casefold() == name.casefold() for c in listed):
        raise UsageError(
            _("the blueprint already lists a component named '{name}'; nothing was changed", name=name),
            hint=_("edit that entry by hand, or rename one of the two"),
        )
    reference = _reference(blueprint, imported.file)
    if reference is not None:
        entry["publiccode"] = reference
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text[len(bom) :]
    crlf = "\r\n" in body
    if crlf:
        body = body.replace("\r\n", "\n")
    tree, yaml = roundtrip.load(body)
    if not listed:
        tree["components"] = [entry]
    else:
        tree["components"].append(entry)
    new_body = roundtrip.dump(tree, yaml)
    if not _only_added(body, new_body):
        raise OutputError(
            _("'{path}' cannot be extended without changing lines you wrote; nothing was changed", path=blueprint),
            hint=_("add the entry printed by 'kltransfer import publiccode SOURCE' under components: by hand"),
        )
    new_text = bom + (new_body.replace("\n", "\r\n") if crlf else new_body)
    index = len(listed)
    prefix = f"components[{index}]"
    report = validate_text(new_text, str(blueprint), base_dir=blueprint.parent)
    wrong = [
        f
        for f in report.findings
        if f.severity is Severity.ERROR and f.key_path.startswith(prefix) and f.path == str(blueprint)
    ]
    if wrong:
        raise InvalidPublicCode(
            _("the entry does not fit this blueprint's format; nothing was changed"),
            wrong,
            hint=_("run 'kltransfer migrate' on the blueprint first, or add the entry by hand"),
        )
    try:
        write_atomic(blueprint, new_text.encode("utf-8"))
    except OSError as exc:
        raise OutputError(_("cannot write '{path}': {reason}", path=blueprint, reason=os_reason(exc))) from exc
    return index
