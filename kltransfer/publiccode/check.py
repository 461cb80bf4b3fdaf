"""Checking a publiccode.yml offline, with every finding on the file's own lines (KT240-KT248).

The rules are those of the standard as its reference parser applies them (every 0.x file is
read by the rules of 0.7; older versions and deprecated keys are warnings; unknown keys are
errors), decided without the network: a URL must be well formed, not reachable; a logo or
screenshot given as a relative path must exist beside the file (read through
:mod:`kltransfer.references`), one given as a URL is not fetched.

Entry points: :func:`check_text` (bytes or text), :func:`check_reference` (a file a blueprint
points to) and :func:`check_blueprint` (every local publiccode.yml of a loaded blueprint, for
``kltransfer validate``). Each returns the findings and, for the importer and the export, the
data with numbers written where text belongs turned back into the text as written.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

import yaml

from kltransfer.findings import Finding, Severity
from kltransfer.i18n import N_, _, tr
from kltransfer.loading.keypath import KeyPath, format_key_path
from kltransfer.loading.limits import DEFAULT_LIMITS
from kltransfer.loading.yaml_loader import Document, load_text
from kltransfer.publiccode import standard
from kltransfer.publiccode.standard import Key
from kltransfer.publiccode.values import check_value, is_language, visible_length
from kltransfer.record import Record
from kltransfer.references import ReferenceRefused, inspect_reference, is_local, read_reference
from kltransfer.rules import RULES
from kltransfer.validation.suggest import closest

TYPE_CHECKING = False  # typing is not imported at run time (docs/performance.md)
if TYPE_CHECKING:
    from typing import Any

VERSION_KEY = "publiccodeYmlVersion"
#: Where people read what a key means.
STANDARD_URL = "https://yml.publiccode.tools/schema.core.html"
_PNG = b"\x89PNG\r\n\x1a\n"
#: Logos are read to check that a PNG is one; larger files are refused (KT248).
LOGO_MAX_BYTES = 4 * 1024 * 1024

_KINDS = {
    "text": N_("text"),
    "bool": N_("true or false"),
    "list": N_("a list"),
    "map": N_("a mapping of keys to values"),
    "languages": N_("a mapping of language tags (de, en, ...) to descriptions"),
    "text-or-list": N_("a text or a list of texts"),
}


class Checked(Record):
    """The result of checking one publiccode.yml."""

    __slots__ = ("data", "findings", "path")
    path: str
    #: The data as checked (``None`` when the file cannot be read or has an unknown version).
    data: dict[str, Any] | None
    findings: list[Finding]

    def __init__(self, path: str, data: dict[str, Any] | None, findings: list[Finding] | None = None) -> None:
        self.path = path
        self.data = data
        self.findings = [] if findings is None else findings

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]


class _Walk:
    def __init__(self, doc: Document, folder: Path | None) -> None:
        self.doc = doc
        self.folder = folder
        self.findings: list[Finding] = []

    def emit(self, code: str, path: KeyPath, message: str, hint: str | None = None, *, key: bool = False) -> None:
        if self.doc.is_reported(path):
            return
        line, col = self.doc.locate(path, key=key)
        severity = RULES[code].severity
        self.findings.append(Finding(code, message, self.doc.path, line, col, format_key_path(path), severity, hint))

    # -- structure -------------------------------------------------------------------------
    def value(self, value: Any, spec: Key, path: KeyPath) -> Any:
        if spec.deprecated:
            self.deprecated(spec, path, value)
        if value is None:
            if spec.required:
                self.emit(
                    "KT243",
                    path,
                    tr("KT243", "'{key}' is empty", key=format_key_path(path)),
                    tr("KT243", "fill it in; the standard describes it at {link}", link=STANDARD_URL),
                )
            return None
        if spec.kind == "text":
            return self.text(value, spec, path)
        if spec.kind == "bool":
            if isinstance(value, bool):
                return value
            return self.wrong_type(path, spec)
        if spec.kind == "text-or-list":
            single = Key("text", check=spec.check)
            if isinstance(value, list):
                return [self.text(item, single, (*path, i)) for i, item in enumerate(value)]
            return self.text(value, single, path)
        if spec.kind == "list":
            if not isinstance(value, list):
                return self.wrong_type(path, spec)
            if spec.nonempty and not value:
                self.emit(
                    "KT243",
                    path,
                    tr("KT243", "'{key}' needs at least one entry", key=format_key_path(path)),
                    tr("KT243", "add one entry per line, each starting with '- '"),
                )
            assert spec.item is not None
            return [self.value(item, spec.item, (*path, i)) for i, item in enumerate(value)]
        if spec.kind == "languages":
            return self.languages(value, spec, path)
        return self.mapping(value, spec, path)

    def wrong_type(self, path: KeyPath, spec: Key) -> None:
        self.emit(
            "KT244",
            path,
            tr("KT244", "'{key}' must be {kind}", key=format_key_path(path), kind=_(_KINDS[spec.kind])),
            tr("KT244", "see {link} for what the key holds", link=STANDARD_URL),
        )
        return None

    def mapping(self, value: Any, spec: Key, path: KeyPath) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            return self.wrong_type(path, spec)
        out: dict[str, Any] = {}
        for name, child in value.items():
            sub = spec.keys.get(name) if isinstance(name, str) else None
            if sub is None:
                self.unknown(path, str(name), spec.keys)
                continue
            out[name] = self.value(child, sub, (*path, name))
        for name, sub in spec.keys.items():
            if sub.required and name not in value:
                self.missing((*path, name), path)
        return out

    def languages(self, value: Any, spec: Key, path: KeyPath) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            return self.wrong_type(path, spec)
        if spec.nonempty and not value:
            self.emit(
                "KT243",
                path,
                tr("KT243", "'{key}' needs at least one language", key=format_key_path(path)),
                tr("KT243", "add a section per language, e.g. de: with shortDescription, longDescription and features"),
            )
        out: dict[str, Any] = {}
        assert spec.item is not None
        for tag, child in value.items():
            tag = str(tag)
            if not is_language(tag):
                fixed = tag.replace("_", "-")
                self.emit(
                    "KT245",
                    (*path, tag),
                    tr("KT245", "'{tag}' is not a BCP 47 language tag", tag=tag),
                    tr("KT245", "write '{fixed}': BCP 47 separates the parts with '-'", fixed=fixed)
                    if fixed != tag and is_language(fixed)
                    else tr("KT245", "use a BCP 47 language tag such as de, en or de-CH"),
                    key=True,
                )
            out[tag] = self.value(child, spec.item, (*path, tag))
        return out

    def unknown(self, path: KeyPath, name: str, known: Mapping[str, Key]) -> None:
        guess = closest(name, [k for k in known if k != "it"])
        self.emit(
            "KT242",
            (*path, name),
            tr("KT242", "unknown key '{key}'", key=format_key_path((*path, name))),
            tr("KT242", "did you mean '{guess}'?", guess=guess)
            if guess
            else tr("KT242", "remove it; the standard lists the keys at {link}", link=STANDARD_URL),
            key=True,
        )

    def missing(self, path: KeyPath, parent: KeyPath) -> None:
        if self.doc.is_reported(path):
            return
        line, col = self.doc.locate(parent) if parent else (1, 1)
        self.findings.append(
            Finding(
                "KT243",
                tr("KT243", "the required key '{key}' is missing", key=format_key_path(path)),
                self.doc.path,
                line,
                col,
                format_key_path(path),
                Severity.ERROR,
                tr("KT243", "add it; the standard describes it at {link}", link=STANDARD_URL),
            )
        )

    # -- values ----------------------------------------------------------------------------
    def text(self, value: Any, spec: Key, path: KeyPath) -> str | None:
        if isinstance(value, int | float) and not isinstance(value, bool):
            # a number where text belongs (versionMin: 13): the text as written, as the standard's parsers read it
            node = self.doc.nodes(path)[1]
            value = node.value if isinstance(node, yaml.ScalarNode) else str(value)
        if not isinstance(value, str):
            return self.wrong_type(path, spec)
        key = format_key_path(path)
        if spec.required and not value.strip():
            self.emit("KT243", path, tr("KT243", "'{key}' is empty", key=key), tr("KT243", "fill it in"))
            return value
        self.length(value, spec, path)
        if spec.check in ("logo", "screenshot", "file"):
            self.file(value, spec.check, path)
        elif spec.check:
            problem = check_value(spec.check, value, key, spec.choices)
            if problem is not None:
                self.emit(problem.code, path, problem.message, problem.hint)
        if spec.check == "country" and value == value.lower() and value.upper() in standard.COUNTRIES:
            self.emit(
                "KT241",
                path,
                tr("KT241", "lower-case country codes are deprecated: '{value}'", value=value),
                tr("KT241", "write '{fixed}'", fixed=value.upper()),
            )
        return value

    def length(self, value: str, spec: Key, path: KeyPath) -> None:
        if not (spec.min_len or spec.max_len):
            return
        size = visible_length(value)
        key = format_key_path(path)
        if spec.max_len and size > spec.max_len:
            self.emit(
                "KT247",
                path,
                tr("KT247", "'{key}' has {n} characters, more than {limit}", key=key, n=size, limit=spec.max_len),
                tr("KT247", "shorten it to at most {limit} characters", limit=spec.max_len),
            )
        elif spec.min_len and size < spec.min_len:
            self.emit(
                "KT247",
                path,
                tr("KT247", "'{key}' has {n} characters, fewer than {limit}", key=key, n=size, limit=spec.min_len),
                tr("KT247", "describe the software in at least {limit} characters", limit=spec.min_len),
            )

    def file(self, value: str, kind: str, path: KeyPath) -> None:
        """A logo, screenshot or authors file: a relative path inside the folder, or a URL."""
        if value.startswith("/") or value.lower().startswith("file:"):
            self.emit(
                "KT248",
                path,
                tr("KT248", "'{value}' is an absolute path or a file: URL", value=value),
                tr("KT248", "give a path relative to the publiccode.yml, or a web address"),
            )
            return
        allowed = {"logo": standard.LOGO_EXTENSIONS, "screenshot": standard.SCREENSHOT_EXTENSIONS}.get(kind, ())
        suffix = PurePosixPath(value.split("?", 1)[0].split("#", 1)[0]).suffix.lower()
        if allowed and suffix not in allowed:
            self.emit(
                "KT248",
                path,
                tr("KT248", "'{value}' is not a file of an accepted type", value=value),
                tr("KT248", "use one of: {types}", types=", ".join(allowed)),
            )
            return
        if "://" in value or self.folder is None:
            return  # a URL is not fetched; without a folder (a file from git) there is nothing to look at
        try:
            if kind == "logo" and suffix == ".png":
                content = read_reference(self.folder, value, max_bytes=LOGO_MAX_BYTES)
                if not _is_png(content):
                    self.emit(
                        "KT248",
                        path,
                        tr("KT248", "'{value}' is not a PNG image", value=value),
                        tr("KT248", "save the logo as PNG or, better, SVG"),
                    )
                return
            refused = inspect_reference(self.folder, value)
            if refused is not None:
                raise refused
        except ReferenceRefused as refused:
            if refused.reason == "missing":
                self.emit(
                    "KT248",
                    path,
                    tr("KT248", "'{value}' does not exist beside the publiccode.yml", value=value),
                    tr("KT248", "add the file or correct the path (relative to the publiccode.yml)"),
                )
            else:
                self.emit("KT248", path, refused.message, refused.hint)

    def deprecated(self, spec: Key, path: KeyPath, value: Any) -> None:
        key = format_key_path(path)
        if spec.deprecated == "logo":
            hint = tr("KT241", "use 'logo' instead")
        elif spec.deprecated == "organisation-name":
            hint = tr("KT241", "use 'organisation.name' instead")
        elif spec.deprecated == "organisation-uri":
            code = value if isinstance(value, str) else "..."
            hint = tr("KT241", "use 'organisation.uri: urn:x-italian-pa:{code}' instead", code=code)
        else:
            hint = tr("KT241", "it can simply be removed")
        self.emit("KT241", path, tr("KT241", "the key '{key}' is deprecated", key=key), hint, key=True)

    # -- rules across keys -----------------------------------------------------------------
    def rules(self, data: dict[str, Any], version: str) -> None:
        maintenance = data.get("maintenance")
        if isinstance(maintenance, dict):
            kind = maintenance.get("type")
            contractors = maintenance.get("contractors")
            if kind == "contract" and not contractors:
                self.emit(
                    "KT243",
                    ("maintenance", "contractors") if "contractors" in maintenance else ("maintenance",),
                    tr("KT243", "maintenance type 'contract' needs 'contractors' (who maintains it, until when)"),
                    tr("KT243", "add contractors: with - name: ... and until: YYYY-MM-DD"),
                )
            elif kind in ("internal", "community") and "contacts" not in maintenance:
                self.emit(
                    "KT243",
                    ("maintenance",),
                    tr("KT243", "maintenance type '{kind}' needs 'contacts' (who maintains it)", kind=kind),
                    tr("KT243", "add contacts: with - name: ... of a person who maintains the software"),
                )
            if kind in standard.MAINTENANCE_TYPES and kind != "contract" and contractors is not None:
                inside = "maintenance.contractors["  # not to be there at all: what they hold does not matter
                self.findings = [f for f in self.findings if not f.key_path.startswith(inside)]
                self.emit(
                    "KT245",
                    ("maintenance", "contractors"),
                    tr(
                        "KT245",
                        "'contractors' are only allowed with maintenance type 'contract', not '{kind}'",
                        kind=kind,
                    ),
                    tr("KT245", "remove the contractors or set type: contract"),
                    key=True,
                )
        if "it" in data:
            if "IT" in data:
                self.emit(
                    "KT245",
                    ("it",),
                    tr("KT245", "the section 'it' is given twice, as 'IT' and as 'it'"),
                    tr("KT245", "remove the 'it' section"),
                    key=True,
                )
            else:
                self.emit(
                    "KT241",
                    ("it",),
                    tr("KT241", "the lower-case section 'it' is deprecated"),
                    tr("KT241", "rename it to 'IT'"),
                    key=True,
                )
        if version not in standard.CURRENT_ALIASES:
            for name, since in standard.INTRODUCED.items():
                if name in data and _older(version, since):
                    self.emit(
                        "KT241",
                        (name,),
                        tr(
                            "KT241",
                            "'{key}' came with version {since}, but the file declares version {version}",
                            key=name,
                            since=since,
                            version=version,
                        ),
                        tr("KT241", 'declare publiccodeYmlVersion: "{current}"', current=standard.CURRENT),
                        key=True,
                    )


def _older(version: str, than: str) -> bool:
    def parts(v: str) -> tuple[int, ...]:
        return tuple(int(p) for p in v.split(".") if p.isdigit())

    return parts(version)[:2] < parts(than)[:2]


def _is_png(content: bytes) -> bool:
    """A PNG signature followed by a sane IHDR chunk (what an image reader needs to open it)."""
    if len(content) < 33 or not content.startswith(_PNG) or content[12:16] != b"IHDR":
        return False
    width, height = int.from_bytes(content[16:20], "big"), int.from_bytes(content[20:24], "big")
    depth, colour = content[24], content[25]
    allowed = {0: (1, 2, 4, 8, 16), 2: (8, 16), 3: (1, 2, 4, 8), 4: (8, 16), 6: (8, 16)}
    return width > 0 and height > 0 and depth in allowed.get(colour, ())


def _version(walk: _Walk, data: dict[str, Any]) -> str | None:
    """The declared version as text (``None``: unknown, stop checking); reports what is wrong with it."""
    value = data.get(VERSION_KEY)
    path = (VERSION_KEY,)
    current = standard.CURRENT
    if value is None:
        if VERSION_KEY in data:
            walk.emit(
                "KT240",
                path,
                tr("KT240", "'publiccodeYmlVersion' is empty"),
                tr("KT240", 'write publiccodeYmlVersion: "{current}"', current=current),
            )
        else:
            walk.findings.append(
                Finding(
                    "KT240",
                    tr("KT240", "the file does not say which publiccode.yml version it follows"),
                    walk.doc.path,
                    1,
                    1,
                    VERSION_KEY,
                    hint=tr("KT240", 'add publiccodeYmlVersion: "{current}" as the first line', current=current),
                )
            )
        return current
    if isinstance(value, int | float) and not isinstance(value, bool):
        node = walk.doc.nodes(path)[1]
        written = node.value if isinstance(node, yaml.ScalarNode) else str(value)
        walk.emit(
            "KT240",
            path,
            tr("KT240", "the version must be written as text: {value} is read as a number", value=written),
            tr("KT240", 'put it in quotes: publiccodeYmlVersion: "{value}"', value=written),
        )
        value = written
    elif not isinstance(value, str):
        walk.emit(
            "KT240",
            path,
            tr("KT240", "'publiccodeYmlVersion' must be a version number in quotes"),
            tr("KT240", 'write publiccodeYmlVersion: "{current}"', current=current),
        )
        return current
    if value not in standard.SUPPORTED:
        walk.emit(
            "KT240",
            path,
            tr(
                "KT240",
                "unknown publiccode.yml version '{value}'; kltransfer reads {versions}",
                value=value,
                versions=", ".join(standard.SUPPORTED),
            ),
            tr("KT240", 'write publiccodeYmlVersion: "{current}" and check the file against it', current=current),
        )
        return None
    if value not in standard.CURRENT_ALIASES:
        walk.emit(
            "KT241",
            path,
            tr(
                "KT241",
                "the file follows the older version {value}; the current one is {current}",
                value=value,
                current=current,
            ),
            tr(
                "KT241",
                'write publiccodeYmlVersion: "{current}"; the file is already checked by the rules of {current}',
                current=current,
            ),
        )
    return value


def check_document(doc: Document, folder: Path | None = None) -> Checked:
    """Every finding of a loaded publiccode.yml; ``folder`` is where relative logo paths are looked up."""
    walk = _Walk(doc, folder)
    version = _version(walk, doc.data)
    if version is None:
        return Checked(doc.path, None, walk.findings)
    rest = {k: v for k, v in doc.data.items() if k != VERSION_KEY}
    data = walk.mapping(rest, standard.TOP, ()) or {}
    walk.rules(data, version)
    data = {VERSION_KEY: version, **data}
    walk.findings.sort(key=lambda f: (f.line, f.column, f.code))
    return Checked(doc.path, data, walk.findings)


def check_text(raw: bytes | str, display: str, folder: Path | None = None) -> Checked:
    """Load and check a publiccode.yml given as bytes or text (``display`` names it in findings)."""
    doc, findings = load_text(raw, display, DEFAULT_LIMITS)
    findings = [_loader_finding(f) for f in findings]
    if doc is None:
        return Checked(display, None, findings)
    blocking = [f for f in findings if f.severity is Severity.ERROR and f.code not in ("KT003", "KT004", "KT012")]
    if blocking:
        return Checked(display, None, findings)
    checked = check_document(doc, folder)
    checked.findings = sorted([*findings, *checked.findings], key=lambda f: (f.line, f.column, f.code))
    return checked


def _loader_finding(finding: Finding) -> Finding:
    """The loader's findings, with those that speak of a blueprint said of a publiccode.yml."""
    if finding.code == "KT011" and finding.message == tr("KT011", "merge keys (<<) are not supported in blueprints"):
        return finding.replace(message=tr("KT011", "kltransfer does not read merge keys (<<) in a publiccode.yml"))
    if finding.code == "KT002" and finding.message == tr(
        "KT002", "the file holds more than one YAML document; a blueprint is exactly one"
    ):
        return finding.replace(
            message=tr("KT002", "the file holds more than one YAML document; a publiccode.yml is exactly one")
        )
    if finding.code not in ("KT009", "KT010"):
        return finding
    return Finding(
        "KT240",
        tr("KT240", "the file holds no publiccode.yml: it is empty or not a mapping of keys to values"),
        finding.path,
        finding.line,
        finding.column,
        hint=tr("KT240", 'start it with publiccodeYmlVersion: "{current}"', current=standard.CURRENT),
    )


def check_reference(base_dir: str | os.PathLike[str], written: str, display: str) -> Checked:
    """Check the publiccode.yml a blueprint in ``base_dir`` points to with ``written``.

    Read through :func:`~kltransfer.references.read_reference` (raises ``ReferenceRefused``);
    logos and screenshots are looked up beside it.
    """
    raw = read_reference(base_dir, written)  # the loader reports a file over its own cap (KT007)
    folder = Path(base_dir).joinpath(*PurePosixPath(written).parts[:-1])
    return check_text(raw, display, folder)


def check_blueprint(doc: Document, base_dir: Path) -> list[Finding]:
    """The findings of every local publiccode.yml the blueprint's components point to (each once).

    A reference the reader refuses is left to the blueprint's own check (KT208, KT210-KT214).
    """
    components = doc.data.get("components")
    if not isinstance(components, list):
        return []
    seen: set[str] = set()
    findings: list[Finding] = []
    for component in components:
        written = component.get("publiccode") if isinstance(component, dict) else None
        if not is_local(written) or written in seen:
            continue
        seen.add(written)
        display = str(PurePosixPath(Path(doc.path).parent.as_posix()) / written) if doc.path else written
        try:
            findings += check_reference(base_dir, written, display).findings
        except ReferenceRefused:
            continue
    return findings
