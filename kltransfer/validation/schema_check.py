"""Check a document against the format's JSON Schema and explain each failure in plain words."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from functools import cache
from typing import Any

from kltransfer.findings import Finding
from kltransfer.loading.keypath import KeyPath, format_key_path
from kltransfer.loading.yaml_loader import Document
from kltransfer.schema import load_schema
from kltransfer.shape import MARKER_PATTERN
from kltransfer.validation.gate import gate
from kltransfer.validation.suggest import did_you_mean

PLACEHOLDER_PATTERN = "^TODO\\b"
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
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@cache
def _compiled_pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(re.sub(r"(?<!\\)\$", r"\\Z", pattern))


def one_line(text: str) -> str:
    """A message shows values from the file; a line break in one must not break the report's lines."""
    return text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")


def check_schema(doc: Document, version: str) -> list[Finding]:
    """All schema findings of ``doc``; empty when it is valid."""
    if gate(version)(doc.data):
        return []
    findings: list[Finding] = []
    seen: set[tuple[str, str, int, int]] = set()
    explained = False
    for error in _validator(version).iter_errors(doc.data):
        explained = True
        for finding in _explain(error, doc):
            key = (finding.code, finding.key_path, finding.line, finding.column)
            if key not in seen:
                seen.add(key)
                findings.append(finding)
    if not explained:  # never let the gate's "invalid" pass unexplained
        line, col = doc.locate(())
        findings.append(Finding("KT107", "the file does not match the format", doc.path, line, col))
    # "unknown key 'licnce'; did you mean 'licence'?" already says that 'licence' is missing.
    suggested = {
        f.key_path[: -len(f.key_path.rpartition(".")[2])] + f.hint[14:-2]
        for f in findings
        if f.code == "KT101" and f.hint and f.hint.startswith("did you mean")
    }
    findings = [f for f in findings if not (f.code == "KT102" and f.key_path in suggested)]
    findings.sort(key=lambda f: (f.line, f.column, f.code))
    return [replace(f, message=one_line(f.message)) for f in findings]


def _type_name(value: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, str):
        return f"the text '{_short(value)}'"
    if isinstance(value, list):
        return "a list"
    return "a mapping (keys and values)"


_EXPECTED = {
    "string": "text",
    "object": "a mapping of keys to values",
    "array": "a list",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
}


def _expected(types: Any) -> str:
    if isinstance(types, str):
        types = [types]
    return " or ".join(_EXPECTED.get(t, t) for t in types)


def _short(value: Any, width: int = 40) -> str:
    text = str(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def _is_reported(path: KeyPath, reported: set[KeyPath]) -> bool:
    return any(path[: len(r)] == r for r in reported)


def _explain(error: Any, doc: Document) -> Iterator[Finding]:
    path: KeyPath = tuple(error.absolute_path)
    if _is_reported(path, doc.reported):
        return
    kind, schema, value = error.validator, error.schema, error.instance
    dotted = format_key_path(path)
    where = f"'{dotted}'" if dotted else "the top level"
    # the key path is printed beside every message; name the place in the text only at the top level
    prefix = "" if path else f"{where}: "

    def at(code: str, message: str, hint: str | None = None, key_path: KeyPath = path, key: bool = False) -> Finding:
        line, col = doc.locate(key_path, key=key)
        return Finding(code, message, doc.path, line, col, format_key_path(key_path), hint=hint)

    if kind == "additionalProperties":
        known = schema.get("properties", {})
        for extra in sorted(set(value) - set(known)):
            child = (*path, extra)
            if _is_reported(child, doc.reported):
                continue
            hint = did_you_mean(extra, known) or f"allowed keys here: {', '.join(known)}"
            yield at("KT101", f"unknown key '{extra}' in {where}", hint, child, key=True)
    elif kind == "required":
        for name in error.validator_value:
            if isinstance(value, dict) and name not in value and not _is_reported((*path, name), doc.reported):
                doc_hint = schema.get("properties", {}).get(name, {}).get("description")
                line, col = doc.locate(path, key=bool(path))
                yield Finding(
                    "KT102",
                    f"the required key '{name}' is missing in {where}",
                    doc.path,
                    line,
                    col,
                    format_key_path((*path, name)),
                    hint=doc_hint,
                )
    elif kind == "type":
        yield at(
            "KT103",
            f"{where} must be {_expected(error.validator_value)}, not {_type_name(value)}",
            schema.get("description"),
        )
    elif kind in ("enum", "const"):
        allowed = error.validator_value if kind == "enum" else [error.validator_value]
        shown = ", ".join(str(a) for a in allowed)
        hint = did_you_mean(str(value), [str(a) for a in allowed]) if isinstance(value, str) else ""
        yield at("KT104", f"{prefix}'{_short(value)}' is not allowed; allowed values: {shown}", hint or None)
    elif kind == "pattern":
        if error.validator_value in MARKER_PATTERNS:
            types = [t for t in schema.get("type", []) if t != "string"]
            yield at(
                "KT103",
                f"{where} must be {_expected(types)} (or TODO while unknown), not {_type_name(value)}",
                schema.get("description"),
            )
        else:
            yield at(
                "KT105",
                f"{prefix}'{_short(value)}' does not have the expected form",
                schema.get("description") or f"expected the pattern {error.validator_value}",
            )
    elif kind == "propertyNames":
        yield at(
            "KT105",
            f"{prefix}'{_short(value)}' is not a language tag such as de, en or de-CH",
            "use a BCP 47 language tag as the key of a translated text",
            key=True,
        )
    elif kind in (
        "minLength",
        "maxLength",
        "minItems",
        "maxItems",
        "minimum",
        "maximum",
        "minProperties",
        "uniqueItems",
        "exclusiveMinimum",
    ):
        yield at("KT106", f"{prefix}{_range_message(kind, error.validator_value, value)}", schema.get("description"))
    elif kind == "oneOf" and "required" in str(schema.get("oneOf")):
        yield at(
            "KT107",
            f"{where} needs either 'url' or 'path', not both and not neither",
            "a document is either online (url) or a file beside blueprint.yaml (path)",
        )
    else:
        yield at("KT107", f"{prefix}{error.message}")


def _range_message(kind: str, limit: Any, value: Any) -> str:
    return {
        "minLength": "must not be empty" if limit == 1 else f"must be at least {limit} characters long",
        "maxLength": f"must be at most {limit} characters long (it has {len(str(value))})",
        "minItems": "the list must not be empty" if limit == 1 else f"the list needs at least {limit} entries",
        "maxItems": f"the list may have at most {limit} entries",
        "minimum": f"must be at least {limit}, not {value}",
        "exclusiveMinimum": f"must be more than {limit}, not {value}",
        "maximum": f"must be at most {limit}, not {value}",
        "minProperties": "must not be empty",
        "uniqueItems": "the list holds the same entry twice",
    }[kind]
