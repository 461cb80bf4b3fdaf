"""Files that are not blueprints at all: one finding saying what the file seems to be.

``kltransfer validate FILE`` is easily pointed at the wrong file: the project's
publiccode.yml, a CI workflow, a DCAT-AP.de catalog in Turtle or RDF/XML. Checked as a
blueprint, such a file gives dozens of findings (every key unknown, every required key missing)
or a YAML syntax error on its first ``@prefix``, and none says what is wrong. These helpers
recognise it and give one finding instead, with what to do.
"""

from __future__ import annotations

from kltransfer.findings import Finding, Severity
from kltransfer.i18n import tr
from kltransfer.terminal import printable

TYPE_CHECKING = False  # typing is not imported at run time (docs/performance.md)
if TYPE_CHECKING:
    from kltransfer.loading.yaml_loader import Document

#: The keys by which a publiccode.yml names its version (the second one in files of 2018).
PUBLICCODE_KEYS = ("publiccodeYmlVersion", "publiccode-yaml-version")
_SHOWN_KEYS = 3


def _advice() -> str:
    return tr(
        "KT100", "give kltransfer validate a blueprint.yaml or the folder holding one; kltransfer new creates one"
    )


def not_a_blueprint(doc: Document, known: frozenset[str], required: frozenset[str]) -> Finding | None:
    """One finding when ``doc`` (a mapping without the format version key) is plainly no blueprint.

    ``known``: the blueprint's top-level keys; ``required``: those it must have. A blueprint
    that only lacks its first line keeps the full check: it has two or more of the required
    keys, or at least as many blueprint keys (or their German names, ``Titel`` for ``title``) as
    others.
    """
    keys = [k for k in doc.data if isinstance(k, str)]
    line, col = doc.locate(())
    if any(k in doc.data for k in PUBLICCODE_KEYS):
        return Finding(
            "KT100",
            tr("KT100", "this file is a publiccode.yml, not a blueprint"),
            doc.path,
            line,
            col,
            severity=Severity.ERROR,
            hint=tr(
                "KT100",
                "check it with  kltransfer import publiccode {path}  or name it in a blueprint's "
                "components[].publiccode, which kltransfer validate checks",
                path=printable(doc.path),
            ),
        )
    from kltransfer.i18n.synonyms import key_for

    ours = sum(1 for k in keys if k in known or key_for(k, known) is not None)  # Titel: for title: is ours too
    if not keys or ours >= len(keys) - ours or sum(1 for k in keys if k in required) >= 2:
        return None
    shown = ", ".join(printable(k) for k in keys[:_SHOWN_KEYS]) + (", ..." if len(keys) > _SHOWN_KEYS else "")
    return Finding(
        "KT100",
        tr(
            "KT100",
            "this file is not a blueprint: it has no '{key}' line, and its keys ({keys}) are not a blueprint's",
            key="kltransfer",
            keys=shown,
        ),
        doc.path,
        line,
        col,
        severity=Severity.ERROR,
        hint=_advice(),
    )


def _first_line(text: str) -> str:
    for raw in text.lstrip("\ufeff").splitlines():
        stripped = raw.strip()
        if stripped and not stripped.startswith("#"):
            return stripped
    return ""


def not_yaml(text: str, path: str) -> Finding | None:
    """One finding when ``text`` (which YAML could not read) is plainly RDF or XML."""
    first = _first_line(text)
    lowered = first.lower()
    if lowered.startswith(("@prefix", "@base", "prefix ", "base ")):
        kind = tr("KT002", "RDF in Turtle (such as a DCAT-AP.de catalog)")
    elif first.startswith("<"):
        kind = tr("KT002", "XML (such as RDF/XML of a DCAT-AP.de catalog)")
    else:
        return None
    return Finding(
        "KT002",
        tr("KT002", "this file is not YAML but {kind}; a blueprint is a YAML file", kind=kind),
        path,
        1,
        1,
        severity=Severity.ERROR,
        hint=_advice(),
    )
