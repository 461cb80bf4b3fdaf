"""Check a document against the format's JSON Schema and explain each failure in plain words."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from kltransfer.findings import MAX_FINDINGS, Finding
from kltransfer.i18n import N_, _, tr
from kltransfer.i18n.numbers import format_number
from kltransfer.loading.keypath import KeyPath, format_key_path
from kltransfer.loading.yaml_loader import Document
from kltransfer.schema import load_schema
from kltransfer.shape import MARKER_PATTERN
from kltransfer.validation.gate import gate
from kltransfer.validation.suggest import closest

TYPE_CHECKING = False  # typing is not imported at run time (docs/performance.md)
if TYPE_CHECKING:
    from typing import Any

PLACEHOLDER_PATTERN = "^TODO\\b"
#: The most schema errors explained for one file (five times as many as a file lists): a file
#: with 190,000 wrong values would otherwise take a minute to explain.
MAX_SCHEMA_ERRORS = 5 * MAX_FINDINGS
#: Patterns of a value that may be a number (or a date, or true/false) or a marker instead.
MARKER_PATTERNS = frozenset({PLACEHOLDER_PATTERN, MARKER_PATTERN})


@cache
def _validator(version: str) -> Any:
    from jsonschema import Draft202012Validator, validators

    # JSON Schema patterns are ECMA-262 regular expressions, where '$' matches only at the very
    # end; Python's '$' also matches before a final line break, so that jsonschema would let
    # "abc\n" pass "^[a-z]+$" (which the fast gate, rightly, does not).
    return validators.extend(Draft202012Validator, {"pattern": _ecma_pattern})(load_schema(version))


def _ecma_pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[Any]:
    from jsonschema.exceptions import ValidationError

    if validator.is_type(instance, "string") and not _compiled_pattern(pattern).search(instance):
        yield ValidationError(_("{value} does not match {pattern}", value=repr(instance), pattern=repr(pattern)))


@cache
def _compiled_pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(re.sub(r"(?<!\\)\$", r"\\Z", pattern))


def one_line(text: str) -> str:
    """A message shows values from the file; a line break in one must not break the report's lines.

    ``text`` itself (the same object) when it has none.
    """
    if "\r" not in text and "\n" not in text and "\t" not in text:
        return text
    return text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")


def check_schema(doc: Document, version: str, *, complete: bool = False) -> list[Finding]:
    """The schema findings of ``doc``; empty when it is valid.

    All of them when ``complete``; else at most those of :data:`MAX_SCHEMA_ERRORS` errors, and
    ``doc.incomplete`` says when there were more.
    """
    if gate(version)(doc.data):
        return []
    findings: list[Finding] = []
    seen: set[tuple[str, str, int, int]] = set()
    #: key paths that a "did you mean" names: not reported missing as well
    suggested: set[str] = set()
    explained = False
    for count, error in enumerate(_validator(version).iter_errors(doc.data)):
        if (
            count == MAX_SCHEMA_ERRORS and not complete
        ):  # explaining one costs a quarter of a millisecond: enough is known
            doc.incomplete = True
            break
        explained = True
        for finding in _explain(error, doc, suggested):
            key = (finding.code, finding.key_path, finding.line, finding.column)
            if key not in seen:
                seen.add(key)
                findings.append(finding)
    if not explained:  # never let the gate's "invalid" pass unexplained
        line, col = doc.locate(())
        findings.append(Finding("KT107", tr("KT107", "the file does not match the format"), doc.path, line, col))
    # "unknown key 'licnce'; did you mean 'licence'?" already says that 'licence' is missing.
    findings = [f for f in findings if not (f.code == "KT102" and f.key_path in suggested)]
    findings.sort(key=lambda f: (f.line, f.column, f.code))
    return [f if one_line(f.message) is f.message else f.replace(message=one_line(f.message)) for f in findings]


def schema_text(text: str | None) -> str | None:
    """A description from the JSON Schema, in the language of the messages (context ``schema``)."""
    return tr("schema", text) if text else None


def _type_name(value: Any) -> str:
    if value is None:
        return _("nothing (an empty value)")
    if isinstance(value, bool):
        return _("true/false ({value})", value=str(value).lower())
    if isinstance(value, int | float):
        return _("a number ({value})", value=format_number(value))
    if isinstance(value, str):
        return _("the text '{value}'", value=_short(value))
    if isinstance(value, list):
        return _("a list")
    return _("a mapping (keys and values)")


_EXPECTED = {
    "string": N_("text"),
    "object": N_("a mapping of keys to values"),
    "array": N_("a list"),
    "number": N_("a number"),
    "integer": N_("a whole number"),
    "boolean": N_("true or false"),
}


def _expected(types: Any) -> str:
    if isinstance(types, str):
        types = [types]
    names = [_(_EXPECTED[t]) if t in _EXPECTED else str(t) for t in types]
    if len(names) < 2:
        return "".join(names)
    return _("{some} or {last}", some=", ".join(names[:-1]), last=names[-1])


def _short(value: Any, width: int = 40) -> str:
    text = str(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def _explain(error: Any, doc: Document, suggested: set[str]) -> Iterator[Finding]:
    path: KeyPath = tuple(error.absolute_path)
    if doc.is_reported(path):
        return
    kind, schema, value = error.validator, error.schema, error.instance
    dotted = format_key_path(path)
    where = dotted or _("the top level")

    def at(code: str, message: str, hint: str | None = None, key_path: KeyPath = path, key: bool = False) -> Finding:
        line, col = doc.locate(key_path, key=key)
        return Finding(code, message, doc.path, line, col, format_key_path(key_path), hint=hint)

    if kind == "additionalProperties":  # at most as many findings as a file lists, the last counting the rest
        known = schema.get("properties", {})
        allowed = None
        extras = [k for k in value if k not in known and not doc.is_reported((*path, k))]  # in file order
        for n, extra in enumerate(extras):
            child = (*path, extra)
            if n == MAX_FINDINGS - 1:  # thousands of unknown keys in one mapping: the rest are counted
                rest = format_number(len(extras) - n)
                if path:
                    message = tr("KT101", "and {count} more unknown keys in '{parent}'", count=rest, parent=dotted)
                else:
                    message = tr("KT101", "and {count} more unknown keys in the top level", count=rest)
                hint = tr(
                    "KT101",
                    "remove what does not belong to the format; the allowed keys: {keys}",
                    keys=", ".join(known),
                )
                line, col = doc.locate(child, key=True)  # at the first key not listed, on the mapping's path
                yield Finding("KT101", message, doc.path, line, col, dotted, hint=hint)
                break
            guess = closest(extra, known)
            if guess:
                suggested.add(format_key_path((*path, guess)))
                hint = tr("KT101", "did you mean '{key}'?", key=guess)
            else:
                allowed = allowed or tr("KT101", "allowed keys here: {keys}", keys=", ".join(known))
                hint = allowed
            if path:
                message = tr("KT101", "unknown key '{key}' in '{parent}'", key=extra, parent=dotted)
            else:
                message = tr("KT101", "unknown key '{key}' in the top level", key=extra)
            yield at("KT101", message, hint, child, key=True)
    elif kind == "required":
        for name in error.validator_value:
            if isinstance(value, dict) and name not in value and not doc.is_reported((*path, name)):
                doc_hint = schema.get("properties", {}).get(name, {}).get("description")
                line, col = doc.locate(path, key=bool(path))
                if path:
                    message = tr("KT102", "the required key '{key}' is missing in '{parent}'", key=name, parent=dotted)
                else:
                    message = tr("KT102", "the required key '{key}' is missing in the top level", key=name)
                yield Finding(
                    "KT102", message, doc.path, line, col, format_key_path((*path, name)), hint=schema_text(doc_hint)
                )
    elif kind == "type":
        message = tr(
            "KT103",
            "'{key_path}' must be {expected}, not {actual}",
            key_path=where,
            expected=_expected(error.validator_value),
            actual=_type_name(value),
        )
        yield at("KT103", message, schema_text(schema.get("description")))
    elif kind in ("enum", "const"):
        allowed = error.validator_value if kind == "enum" else [error.validator_value]
        shown = ", ".join(str(a) for a in allowed)
        guess = closest(value, [str(a) for a in allowed]) if isinstance(value, str) else None
        hint = tr("KT104", "did you mean '{value}'?", value=guess) if guess else None
        message = tr("KT104", "'{value}' is not allowed; allowed values: {allowed}", value=_short(value), allowed=shown)
        yield at("KT104", message, hint)
    elif kind == "pattern":
        if error.validator_value in MARKER_PATTERNS:
            types = [t for t in schema.get("type", []) if t != "string"]
            message = tr(
                "KT103",
                "'{key_path}' must be {expected} (or TODO while unknown), not {actual}",
                key_path=where,
                expected=_expected(types),
                actual=_type_name(value),
            )
            yield at("KT103", message, schema_text(schema.get("description")))
        else:
            hint = schema_text(schema.get("description")) or tr(
                "KT105", "expected the pattern {pattern}", pattern=error.validator_value
            )
            yield at("KT105", tr("KT105", "'{value}' does not have the expected form", value=_short(value)), hint)
    elif kind == "propertyNames":
        yield at(
            "KT105",
            tr("KT105", "'{value}' is not a language tag such as de, en or de-CH", value=_short(value)),
            tr("KT105", "use a BCP 47 language tag as the key of a translated text"),
            key=True,
        )
    elif kind in _RANGES:
        yield at("KT106", _range_message(kind, error.validator_value, value), schema_text(schema.get("description")))
    elif kind == "oneOf" and "required" in str(schema.get("oneOf")):
        yield at(
            "KT107",
            tr("KT107", "'{key_path}' needs either 'url' or 'path', not both and not neither", key_path=where),
            tr("KT107", "a document is either online (url) or a file beside blueprint.yaml (path)"),
        )
    else:
        yield at("KT107", tr("KT107", "the value does not match the format"), schema_text(schema.get("description")))


_RANGES = frozenset(
    {
        "minLength",
        "maxLength",
        "minItems",
        "maxItems",
        "minimum",
        "maximum",
        "minProperties",
        "uniqueItems",
        "exclusiveMinimum",
    }
)


def _range_message(kind: str, limit: Any, value: Any) -> str:
    if kind == "minLength":
        if limit == 1:
            return tr("KT106", "must not be empty")
        return tr("KT106", "must be at least {limit} characters long", limit=limit)
    if kind == "maxLength":
        return tr(
            "KT106", "must be at most {limit} characters long (it has {length})", limit=limit, length=len(str(value))
        )
    if kind == "minItems":
        if limit == 1:
            return tr("KT106", "the list must not be empty")
        return tr("KT106", "the list needs at least {limit} entries", limit=limit)
    if kind == "maxItems":
        return tr("KT106", "the list may have at most {limit} entries", limit=limit)
    if kind == "minimum":
        return tr(
            "KT106", "must be at least {limit}, not {value}", limit=format_number(limit), value=format_number(value)
        )
    if kind == "exclusiveMinimum":
        return tr(
            "KT106", "must be more than {limit}, not {value}", limit=format_number(limit), value=format_number(value)
        )
    if kind == "maximum":
        return tr(
            "KT106", "must be at most {limit}, not {value}", limit=format_number(limit), value=format_number(value)
        )
    if kind == "minProperties":
        return tr("KT106", "must not be empty")
    return tr("KT106", "the list holds the same entry twice")
