"""What makes an adopted copy the adopting city's own blueprint, not a second copy of the upstream's.

An adopted copy is the start of the adopting city's own project. It gets its own ``id``, and
what belonged to the upstream city is taken out of its own fields: the timeline with the
milestones reached there, the values its KPIs reached, its partners, council decisions,
lessons, awards, the cities that adopted it and the support it offers. Those are kept in the
``origin`` record, under ``origin.upstream`` (with the upstream's name in ``origin.city``):
the history of the original, readable beside the copy, never counted as the adopting city's
own achievements by ``kltransfer check``. Links into the upstream city's own web domain (its
data sets, its running instance) are left out of the copy.

Everything here is deterministic, because ``update`` applies it to the adopted base and to
the new upstream alike (see :func:`kltransfer.adoption.context.reset_text`). The copy is
written in the newest format (older upstream files are migrated first), since only that
format has a place for the upstream's history.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from kltransfer.adoption.yaml_edit import parse, remove_top_level, remove_value, remove_values, set_value
from kltransfer.errors import InputError
from kltransfer.i18n import _
from kltransfer.loading.keypath import KeyPath
from kltransfer.shape import items, lead, mapping

#: Fields that tell what happened in the upstream city: moved to ``origin.upstream`` (by the
#: name there), taken out of the copy.
MOVED: tuple[tuple[str, KeyPath], ...] = (
    ("timeline", ("timeline",)),
    ("partners", ("partners",)),
    ("decisions", ("decisions",)),
    ("lessons_learned", ("lessons_learned",)),
    ("awards", ("awards",)),
    ("adopters", ("transfer", "adopters")),
    ("support", ("transfer", "support")),
)
#: What a KPI reached in the upstream city.
KPI_RESULTS = ("achieved", "measured", "measurements")
#: Fields the local context resets: a citation of them cites a fact about the upstream city.
_RESET = (("city",), ("cities",), ("owner",), ("contacts",), ("phase",), ("status",))
#: Where links to the upstream city's own instance may stand.
_LINKED = ("data", "use_cases", "components")
_SCHEMA_COMMENT = re.compile(r"^#\s*yaml-language-server:\s*\$schema=\S*[^\n]*")
_PATH = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*)|\[([0-9]+)\]")


def upstream_city(data: Any) -> str | None:
    """The name of who published the upstream blueprint: its ``owner`` body, else its lead city."""
    name = lead(data).get("name") if isinstance(data, dict) else None
    return name if isinstance(name, str) and name.strip() else None


def _slug(text: str) -> str:
    from kltransfer.scaffold.questions import slugify

    return slugify(text)


def own_id(city: str | None, upstream_id: str, from_city: str | None) -> str | None:
    """The copy's id: the adopting city's and the upstream's id without the upstream city's name.

    ``Musterstadt`` adopting ``gera-open-data-portal`` of Gera gives ``musterstadt-open-data-portal``.
    ``None`` when the adopting city is not known yet (the copy keeps the upstream id until then).
    """
    mine = _slug(city) if city and not city.startswith("TODO") else ""
    if not mine:
        return None
    theirs = _slug(from_city) if from_city else ""
    rest = upstream_id
    if theirs and rest.startswith(theirs + "-"):
        rest = rest[len(theirs) + 1 :]
    if rest == mine or rest.startswith(mine + "-"):
        return rest[:80].rstrip("-")
    return f"{mine}-{rest}"[:80].rstrip("-")


def retitled(title: Any, from_city: str | None, city: str | None) -> Any:
    """``title`` with the upstream city's name replaced by the adopting city's, or ``None`` if nothing changes.

    ``Open-Data-Portal der Stadt Gera`` becomes ``Open-Data-Portal der Stadt Musterstadt``; a
    title in several languages is changed in each.
    """
    if not from_city or not city or city.startswith("TODO") or from_city == city:
        return None
    name = re.compile(rf"(?<!\w){re.escape(from_city)}(?!\w)")
    if isinstance(title, str):
        new: Any = name.sub(city, title)
    elif isinstance(title, dict):
        new = {tag: name.sub(city, text) if isinstance(text, str) else text for tag, text in title.items()}
    else:
        return None
    return new if new != title else None


def _key_path(text: str) -> KeyPath | None:
    parts: list[str | int] = []
    for match in _PATH.finditer(text):
        parts.append(match.group(1) if match.group(1) else int(match.group(2)))
    return tuple(parts) or None


def _kpi_paths(data: dict[str, Any]) -> list[KeyPath]:
    return [
        ("goals", g, "kpis", k, key)
        for g, goal in items(data, "goals")
        for k, kpi in items(goal, "kpis")
        for key in KPI_RESULTS
        if key in kpi
    ]


def _upstream_domain(data: dict[str, Any]) -> str | None:
    url = lead(data).get("url")
    host = urlsplit(url).hostname if isinstance(url, str) else None
    if not host:
        return None
    parts = host.lower().removeprefix("www.").split(".")
    return ".".join(parts[-2:]) if len(parts) >= 2 else None


def _instance_links(data: dict[str, Any]) -> list[KeyPath]:
    """``url`` fields of data sets, use cases and components that point into the upstream city's domain."""
    domain = _upstream_domain(data)
    if not domain:
        return []
    found = []
    for section in _LINKED:
        for i, entry in items(data, section):
            host = urlsplit(entry["url"]).hostname if isinstance(entry.get("url"), str) else None
            if host and (host.lower() == domain or host.lower().endswith("." + domain)):
                found.append((section, i, "url"))
    return found


def _moved_prefixes(data: dict[str, Any]) -> list[KeyPath]:
    return [path for _name, path in MOVED] + list(_RESET) + _kpi_paths(data) + _instance_links(data)


def _moved_citations(data: dict[str, Any]) -> list[int]:
    """Indexes of ``citations`` that cite a fact about the upstream city (a field the copy leaves out or resets)."""
    prefixes = _moved_prefixes(data)
    moved = []
    for i, citation in items(data, "citations"):
        path = _key_path(citation["path"]) if isinstance(citation.get("path"), str) else None
        if path and any(path[: len(prefix)] == prefix for prefix in prefixes):
            moved.append(i)
    return moved


def upstream_record(data: dict[str, Any]) -> dict[str, Any]:
    """What the upstream blueprint says happened in its city: ``origin.upstream`` of the copy."""
    record: dict[str, Any] = {}
    for name, path in MOVED:
        value = mapping(data, *path[:-1]).get(path[-1])
        if value not in (None, [], {}):
            record[name] = value
    goals = []
    for _g, goal in items(data, "goals"):
        reached = [kpi for _k, kpi in items(goal, "kpis") if any(key in kpi for key in KPI_RESULTS)]
        if reached and "goal" in goal:
            goals.append({"goal": goal["goal"], "kpis": reached})
    if goals:
        record["goals"] = goals
    citations = _moved_citations(data)
    if citations:
        record["citations"] = [data["citations"][i] for i in citations]
    return record


def current_format(text: str) -> str:
    """``text`` in the newest format (the copy needs it for ``origin.upstream``)."""
    from kltransfer.migrate import migrate_text

    result = migrate_text(text)
    if result.status == "failed":
        reason = result.findings[0].message if result.findings else ""
        raise InputError(
            _("the upstream blueprint cannot be brought to the newest format: {reason}", reason=reason),
            hint=_("ask its publisher to run 'kltransfer migrate' on it"),
        )
    return result.new_text


def schema_comment(text: str, version: str, lang: str) -> str:
    """The editor's schema comment on the first line, pointed at the published schema in ``lang``."""
    from kltransfer.schema import VERSIONS, schema_url

    match = _SCHEMA_COMMENT.match(text)
    if not match or version not in VERSIONS:
        return text
    line = f"# yaml-language-server: $schema={schema_url(version, lang)}"
    return line + text[match.end() :]


def strip_upstream(text: str, data: dict[str, Any]) -> tuple[str, int | None]:
    """``text`` without what belonged to the upstream city (see :data:`MOVED`).

    Also drops ``cities`` and ``owner`` (the copy has one ``city``: the adopting one) and
    returns where they stood, for the ``city`` to take their place; ``None`` when the file
    has a ``city`` or neither.
    """
    text = remove_values(text, [p for _name, p in MOVED] + _kpi_paths(data) + _instance_links(data))
    moved = set(_moved_citations(data))
    if moved:
        kept = [c for i, c in enumerate(data["citations"]) if i not in moved]
        text = set_value(text, ("citations",), kept) if kept else remove_value(text, ("citations",))
    position = None
    starts = {key: re.search(rf"^{key}:", text, re.M) for key in ("cities", "owner")}
    for key in sorted(starts, key=lambda k: -(starts[k].start() if starts[k] else -1)):  # the later one first
        text, where = remove_top_level(text, key)
        if where is not None and "city" not in data:
            position = where
    return text, position


def upstream_facts(text: str) -> tuple[str | None, dict[str, Any]]:
    """The upstream's name and ``origin.upstream`` from the upstream blueprint ``text``."""
    text = current_format(remove_top_level(text.removeprefix("\ufeff"), "origin")[0])
    data = parse(text).data
    return upstream_city(data), upstream_record(data)
