"""Project configuration: ``[tool.kltransfer]`` in ``pyproject.toml`` or a ``.kltransfer.yaml``.

Where it is found: ``--config FILE`` names one file explicitly. Otherwise kltransfer looks in
the working folder, then in each parent folder up to the root of the file system, and takes
the first folder that has a configuration. In one folder ``.kltransfer.yaml`` wins over
``.kltransfer.yml``, which wins over ``pyproject.toml``; a ``pyproject.toml`` without a
``[tool.kltransfer]`` table does not count. Files are never merged: the first one found is
the whole configuration. Options given on the command line win over the file.

Settings (all optional)::

    select = ["KT1", "KT2"]           # codes or prefixes to report (default: all)
    ignore = ["KT220"]                # codes or prefixes not to report
    strict = true                     # warnings fail the run
    lang = "en"                       # default language of messages and exports (de, en)
    max-bytes = 1048576               # largest file read
    max-depth = 32                    # deepest nesting
    max-nodes = 100000                # most values, aliases expanded

    [tool.kltransfer.dcat]            # DCAT-AP.de output (see kltransfer.dcat.settings)
    base-url = "https://daten.example.de/blueprints"
    contributor-id = "http://dcat-ap.de/def/contributors/stadtBeispiel"
    publisher = "Stadt Beispiel"

    [tool.kltransfer.per-file-ignores]
    "examples/**" = ["KT220"]         # glob, relative to the configuration's folder -> codes

A wrong setting is a :class:`~kltransfer.errors.ConfigError` naming the file, the key and,
for YAML, the line and column.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from pathlib import Path

from kltransfer.errors import ConfigError
from kltransfer.i18n import N_, _, _n
from kltransfer.i18n.numbers import format_number
from kltransfer.loading.keypath import format_key_path
from kltransfer.loading.limits import DEFAULT_LIMITS, Limits
from kltransfer.record import FrozenRecord

TYPE_CHECKING = False  # typing is not imported at run time (docs/performance.md)
if TYPE_CHECKING:
    from tomllib import TOMLDecodeError
    from typing import Any

#: File names looked for in each folder, the first found wins.
CONFIG_NAMES = (".kltransfer.yaml", ".kltransfer.yml", "pyproject.toml")
LANGUAGES = ("de", "en")
#: The largest configuration file read.
MAX_CONFIG_BYTES = 256 * 1024

_Locate = Callable[[tuple[str | int, ...], bool], str]


class Config(FrozenRecord):
    """Settings from one configuration file (or the defaults, when ``path`` is ``None``)."""

    __slots__ = (
        "dcat",
        "ignore",
        "lang",
        "max_bytes",
        "max_depth",
        "max_nodes",
        "path",
        "per_file_ignores",
        "root",
        "select",
        "strict",
    )
    path: Path | None
    #: Folder that ``per-file-ignores`` globs are relative to (the working folder if not given).
    root: Path
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...]
    strict: bool | None
    lang: str | None
    max_bytes: int | None
    max_depth: int | None
    max_nodes: int | None
    #: ``dcat`` settings (:class:`kltransfer.dcat.settings.DcatSettings`), or ``None``.
    dcat: Any

    def __init__(
        self,
        path: Path | None = None,
        root: Path | None = None,
        select: tuple[str, ...] = (),
        ignore: tuple[str, ...] = (),
        per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = (),
        strict: bool | None = None,
        lang: str | None = None,
        max_bytes: int | None = None,
        max_depth: int | None = None,
        max_nodes: int | None = None,
        dcat: Any = None,
    ) -> None:
        self._set(
            path=path,
            root=Path.cwd() if root is None else root,
            select=select,
            ignore=ignore,
            per_file_ignores=per_file_ignores,
            strict=strict,
            lang=lang,
            max_bytes=max_bytes,
            max_depth=max_depth,
            max_nodes=max_nodes,
            dcat=dcat,
        )

    @property
    def filters(self) -> bool:
        """Whether the configuration removes any findings."""
        return bool(self.select or self.ignore or self.per_file_ignores)

    def limits(self, base: Limits = DEFAULT_LIMITS, *, max_bytes: int | None = None) -> Limits:
        """The loader's caps: ``base`` with this configuration's values (and ``max_bytes`` over both)."""
        changes = {
            name: value
            for name, value in (
                ("max_bytes", max_bytes or self.max_bytes),
                ("max_depth", self.max_depth),
                ("max_nodes", self.max_nodes),
            )
            if value
        }
        return base.replace(**changes) if changes else base


def display(path: Path) -> str:
    """``path`` as messages show it: relative to the working folder when it is inside it."""
    try:
        return str(path.absolute().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


# --- finding the file ----------------------------------------------------------------------------


def _has_tool_table(path: Path) -> bool:
    data = _read_toml(path)
    return isinstance(data.get("tool"), dict) and "kltransfer" in data["tool"]


def find_config(start: str | os.PathLike[str] | None = None) -> Path | None:
    """The configuration file that applies in ``start`` (default: the working folder), if any."""
    folder = Path(start) if start is not None else Path.cwd()
    folder = folder.absolute()
    for candidate_dir in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            candidate = candidate_dir / name
            if not candidate.is_file():
                continue
            if name == "pyproject.toml" and not _has_tool_table(candidate):
                continue
            return candidate
    return None


def load_config(
    path: str | os.PathLike[str] | None = None,
    *,
    start: str | os.PathLike[str] | None = None,
) -> Config:
    """The configuration named by ``path``, else the one found from ``start`` upward, else defaults."""
    if path is not None:
        chosen = Path(path)
        if not chosen.exists():
            raise ConfigError(
                _("the configuration file '{path}' does not exist", path=path),
                hint=_("check the path given to --config"),
            )
        if not chosen.is_file():
            raise ConfigError(
                _("the configuration '{path}' is not a file", path=path),
                hint=_("--config takes a pyproject.toml or a .kltransfer.yaml file"),
            )
        return read_config(chosen)
    found = find_config(start)
    return read_config(found) if found is not None else Config()


def read_config(path: Path) -> Config:
    """Read and check one configuration file."""
    label = display(path)
    if path.suffix == ".toml":
        data = _read_toml(path)
        tool = data.get("tool")
        if not isinstance(tool, dict) or "kltransfer" not in tool:
            raise ConfigError(
                _("{file}: there is no [tool.kltransfer] table in this file", file=label),
                hint=_("add a [tool.kltransfer] table, or name a .kltransfer.yaml file"),
            )
        settings = tool["kltransfer"]
        if not isinstance(settings, dict):
            raise ConfigError(_("{file}: tool.kltransfer must be a table of settings", file=label))
        return _parse(path, settings, _toml_locator(path))
    settings, locate = _read_yaml(path)
    return _parse(path, settings, locate)


# --- reading -------------------------------------------------------------------------------------


def _read_bytes(path: Path) -> bytes:
    label = display(path)
    try:
        if path.stat().st_size > MAX_CONFIG_BYTES:
            raise ConfigError(
                _(
                    "{file}: the configuration is larger than {limit} bytes",
                    file=label,
                    limit=format_number(MAX_CONFIG_BYTES),
                )
            )
        return path.read_bytes()
    except OSError as exc:
        from kltransfer.i18n.reasons import os_reason

        raise ConfigError(
            _("cannot read the configuration '{file}': {reason}", file=label, reason=os_reason(exc))
        ) from None


def _read_toml(path: Path) -> dict[str, Any]:
    label = display(path)
    import tomllib  # only where a pyproject.toml is read: it costs start-up

    raw = _read_bytes(path)
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(_("{file}: the file is not UTF-8 text", file=label)) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(_toml_error(label, exc)) from None


def _read_yaml(path: Path) -> tuple[dict[str, Any], _Locate]:
    label = display(path)
    from kltransfer.loading.yaml_loader import load_text

    doc, findings = load_text(_read_bytes(path), str(path), Limits(max_bytes=MAX_CONFIG_BYTES))
    if findings and findings[0].code == "KT010":  # empty or only comments: no settings
        return {}, lambda _key, _at_key: label
    if findings:
        first = findings[0]
        where = f"{label}:{first.line}:{first.column}" if first.line else label
        message = first.message
        if first.code == "KT009":
            message = _("the configuration must be a mapping of settings to values")
        raise ConfigError(
            _("{place}: {message}", place=where, message=message), hint=first.hint if first.code != "KT009" else None
        )
    assert doc is not None

    def locate(key_path: tuple[str | int, ...], at_key: bool) -> str:
        line, col = doc.locate(key_path, key=at_key)
        return f"{label}:{line}:{col}"

    return doc.data, locate


def _toml_locator(path: Path) -> _Locate:
    """Best effort: the line of a top-level key of the [tool.kltransfer] table."""
    label = display(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        lines = []

    def locate(key_path: tuple[str | int, ...], _at_key: bool) -> str:
        key, inside = str(key_path[0]), False
        for number, text in enumerate(lines, 1):
            stripped = text.strip()
            if stripped.startswith("["):
                header = stripped.strip("[] ").replace('"', "")
                if header == f"tool.kltransfer.{key}":
                    return f"{label}:{number}"
                inside = header == "tool.kltransfer"
                continue
            name = stripped.split("=", 1)[0].strip().strip("\"'")
            if inside and "=" in stripped and name == key:
                return f"{label}:{number}"
        return label

    return locate


# --- checking ------------------------------------------------------------------------------------


class _Problems:
    def __init__(self, locate: _Locate) -> None:
        self.locate = locate
        self.lines: list[str] = []

    def add(self, key_path: tuple[str | int, ...], message: str, *, at_key: bool = False) -> None:
        shown = format_key_path(key_path)
        self.lines.append(
            _("{place}: {setting}: {message}", place=self.locate(key_path, at_key), setting=shown, message=message)
        )


def unknown_code(item: str) -> str | None:
    """Why ``item`` is not a finding code or the start of one (``None`` when it is one)."""
    from kltransfer.rules import RULES
    from kltransfer.validation.suggest import closest

    code = item.strip().upper()
    if code and any(known.startswith(code) for known in RULES):
        return None
    guess = closest(item, RULES)
    if guess:
        return _(
            "'{item}' is neither a finding code nor the start of one; did you mean '{code}'?", item=item, code=guess
        )
    return _("'{item}' is neither a finding code nor the start of one", item=item)


def _codes(value: Any, key_path: tuple[str | int, ...], problems: _Problems) -> tuple[str, ...]:
    if isinstance(value, str):
        example = '["' + value + '"]'
        problems.add(key_path, _("must be a list of codes, e.g. {example}", example=example))
        return ()
    if not isinstance(value, list):
        problems.add(key_path, _('must be a list of codes or prefixes such as "KT2", not {kind}', kind=_kind(value)))
        return ()
    out = []
    for i, item in enumerate(value):
        if not isinstance(item, str):
            problems.add((*key_path, i), _('a code must be text such as "KT220", not {kind}', kind=_kind(item)))
            continue
        problem = unknown_code(item)
        if problem:
            problems.add((*key_path, i), problem)
            continue
        out.append(item.strip().upper())
    return tuple(out)


_KINDS = {
    bool: N_("true/false"),
    int: N_("a number"),
    float: N_("a number"),
    str: N_("text"),
    list: N_("a list"),
    dict: N_("a mapping"),
    type(None): N_("nothing"),
}


def _kind(value: Any) -> str:
    name = _KINDS.get(type(value))
    return _(name) if name else type(value).__name__


def _toml_error(label: str, exc: TOMLDecodeError) -> str:
    """A TOML syntax error: the parser's text is English, so the place is given in plain words."""
    line, column = getattr(exc, "lineno", None), getattr(exc, "colno", None)
    if not line:  # before Python 3.14 the place is only in the text: "... (at line 2, column 5)"
        found = re.search(r"at line (\d+), column (\d+)", str(exc))
        line, column = (int(found[1]), int(found[2])) if found else (None, None)
    if line:
        return _("{file}:{line}:{column}: not valid TOML here", file=label, line=line, column=column or 1)
    return _("{file}: not valid TOML", file=label)


def _positive(value: Any, key: str, problems: _Problems) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        problems.add((key,), _("must be a whole number of at least 1, not {value}", value=repr(value)))
        return None
    return value


def _parse(path: Path, settings: Mapping[str, Any], locate: _Locate) -> Config:
    from kltransfer.validation.suggest import closest

    problems = _Problems(locate)
    values: dict[str, Any] = {}
    for key, value in settings.items():
        if key in ("select", "ignore"):
            values[key] = _codes(value, (key,), problems)
        elif key == "per-file-ignores":
            values["per_file_ignores"] = _per_file(value, problems)
        elif key == "strict":
            if isinstance(value, bool):
                values["strict"] = value
            else:
                problems.add((key,), _("must be true or false, not {value}", value=repr(value)))
        elif key == "lang":
            if value in LANGUAGES:
                values["lang"] = value
            else:
                guess = closest(value, LANGUAGES) if isinstance(value, str) else None
                allowed = ", ".join(LANGUAGES)
                if guess:
                    problems.add(
                        (key,),
                        _(
                            "must be one of {allowed}, not {value}; did you mean '{guess}'?",
                            allowed=allowed,
                            value=repr(value),
                            guess=guess,
                        ),
                    )
                else:
                    problems.add((key,), _("must be one of {allowed}, not {value}", allowed=allowed, value=repr(value)))
        elif key == "dcat":
            from kltransfer.dcat.settings import parse as parse_dcat

            values["dcat"] = parse_dcat(value, lambda path, message: problems.add(path, message))
        elif key in ("max-bytes", "max-depth", "max-nodes"):
            number = _positive(value, key, problems)
            if number is not None:
                values[key.replace("-", "_")] = number
        else:
            guess = closest(str(key), SETTINGS)
            if guess:
                problems.add((str(key),), _("unknown setting; did you mean '{setting}'?", setting=guess), at_key=True)
            else:
                problems.add((str(key),), _("unknown setting"), at_key=True)
    if problems.lines:
        count = len(problems.lines)
        head = (
            problems.lines[0]
            if count == 1
            else _n(
                "{n} problem in the configuration:\n  {problems}",
                "{n} problems in the configuration:\n  {problems}",
                count,
                problems="\n  ".join(problems.lines),
            )
        )
        raise ConfigError(head, hint=_("the settings are: {settings}", settings=", ".join(SETTINGS)))
    return Config(path=path, root=path.parent.absolute(), **values)


def _per_file(value: Any, problems: _Problems) -> tuple[tuple[str, tuple[str, ...]], ...]:
    key = "per-file-ignores"
    if not isinstance(value, dict):
        problems.add((key,), _("must be a mapping of file patterns to lists of codes, not {kind}", kind=_kind(value)))
        return ()
    out = []
    for pattern, codes in value.items():
        if not isinstance(pattern, str) or not pattern.strip():
            problems.add((key,), _("a file pattern must be text, not {value}", value=repr(pattern)))
            continue
        out.append((pattern, _codes(codes, (key, pattern), problems)))
    return tuple(out)


SETTINGS = ("select", "ignore", "per-file-ignores", "strict", "lang", "max-bytes", "max-depth", "max-nodes", "dcat")
