"""Mistakes found in real publiccode.yml files of public administrations, and what kltransfer says.

Each case is the reference parser's minimal valid file (tests/data/publiccode) with the one
mistake a real file made: 'government' and 'healthcare' listed as categories (Aitema's
terminvergabe, CS78's PsyMemo), 'public-administration' as a scope, category words of no list
('text-processing', Amsterdam's alletaal-lint). The hint names the fix or the standard's list,
never a hundred words. A licence written as people say it ('AGPLV3') gets the SPDX
identifiers meant, in a publiccode.yml and in a blueprint alike.
"""

from __future__ import annotations

import pytest

from kltransfer.i18n import set_language
from kltransfer.publiccode.check import check_text
from tests.conftest import ROOT

MINIMAL = (ROOT / "tests" / "data" / "publiccode" / "v0" / "valid" / "valid.minimal.yml").read_text(encoding="utf-8")
CATEGORIES = "https://yml.publiccode.tools/categories-list.html"
SCOPES = "https://yml.publiccode.tools/scope-list.html"


def _with(old: str, new: str) -> str:
    assert old in MINIMAL
    return MINIMAL.replace(old, new, 1)


def _only(text: str):
    findings = check_text(text, "publiccode.yml").findings
    assert len(findings) == 1, findings
    return findings[0]


CASES = {
    "scope-as-category": (
        _with("  - cloud-management", "  - government"),
        (10, 5, "categories[0]"),
        "'government' is a scope, not a category",
        f"list it under intendedAudience.scope; the categories are at {CATEGORIES}",
    ),
    "category-as-scope": (
        _with("developmentStatus:", "intendedAudience:\n  scope:\n    - accounting\n\ndevelopmentStatus:"),
        (14, 7, "intendedAudience.scope[0]"),
        "'accounting' is a category, not a scope",
        f"list it under categories; the scopes are at {SCOPES}",
    ),
    "unknown-category": (
        _with("  - cloud-management", "  - text-processing"),
        (10, 5, "categories[0]"),
        "'text-processing' is not an allowed value of categories[0]",
        f"the standard lists the allowed values at {CATEGORIES}",
    ),
    "unknown-scope": (
        _with("developmentStatus:", "intendedAudience:\n  scope:\n    - public-administration\n\ndevelopmentStatus:"),
        (14, 7, "intendedAudience.scope[0]"),
        "'public-administration' is not an allowed value of intendedAudience.scope[0]",
        f"the standard lists the allowed values at {SCOPES}",
    ),
    "misspelt-category": (
        _with("  - cloud-management", "  - cloud-managment"),
        (10, 5, "categories[0]"),
        "'cloud-managment' is not an allowed value of categories[0]",
        "did you mean 'cloud-management'?",
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_a_word_outside_the_categories_or_scopes_gets_a_short_hint(name: str) -> None:
    text, (line, column, key), message, hint = CASES[name]
    finding = _only(text)
    assert (finding.code, finding.line, finding.column, finding.key_path) == ("KT245", line, column, key)
    assert (finding.message, finding.hint) == (message, hint)


def test_the_hints_are_in_german_too() -> None:
    set_language("de")
    try:
        scope = _only(CASES["scope-as-category"][0])
        category = _only(CASES["category-as-scope"][0])
        unknown = _only(CASES["unknown-category"][0])
    finally:
        set_language("en")
    assert scope.message == "'government' ist ein Einsatzbereich (scope), keine Kategorie"
    assert scope.hint == f"tragen Sie es unter intendedAudience.scope ein; die Kategorien stehen unter {CATEGORIES}"
    assert category.message == "'accounting' ist eine Kategorie, kein Einsatzbereich (scope)"
    assert category.hint == f"tragen Sie es unter categories ein; die Einsatzbereiche stehen unter {SCOPES}"
    assert unknown.hint == f"der Standard listet die erlaubten Werte unter {CATEGORIES}"


# A licence written as people say it (GlobaLeaks' first publiccode.yml: 'AGPLV3'): the SPDX
# identifiers meant, not the closest spelling ('NGPL').
LICENCES = {
    "AGPLV3": "did you mean 'AGPL-3.0-only' (this version only) or 'AGPL-3.0-or-later' (this or any later version)?",
    "GPLv2+": "did you mean 'GPL-2.0-or-later'?",
    "LGPLv2.1": "did you mean 'LGPL-2.1-only' (this version only) or 'LGPL-2.1-or-later' (this or any later version)?",
    "EUPL v1.2": "did you mean 'EUPL-1.2'?",
    "Apache2": "did you mean 'Apache-2.0'?",
    "BSD3": "did you mean 'BSD-3-Clause'?",
    "New_BSD": "did you mean 'BSD-3-Clause'?",
    "DL-DE BY 2.0": "did you mean 'DL-DE-BY-2.0'?",
    "MIT License": "did you mean 'MIT'?",
}


@pytest.mark.parametrize("written", LICENCES)
def test_an_informal_licence_name_gets_the_spdx_identifiers_meant(written: str) -> None:
    finding = _only(_with("license: AGPL-3.0-or-later", f"license: {written}"))
    assert (finding.code, finding.line, finding.column, finding.key_path) == ("KT246", 39, 12, "legal.license")
    assert finding.message == f"'{written}' is not an SPDX licence identifier; {LICENCES[written]}"


def test_a_blueprint_licence_gets_the_same_guess_in_both_languages() -> None:
    from kltransfer.validation.validate import validate_text

    blueprint = (ROOT / "examples" / "berlin-giess-den-kiez" / "blueprint.yaml").read_text(encoding="utf-8")
    assert "\nlicence: CC-BY-4.0\n" in blueprint
    text = blueprint.replace("\nlicence: CC-BY-4.0\n", "\nlicence: AGPLv3\n", 1)
    expected = (
        "'AGPLv3' is not an SPDX licence identifier; did you mean 'AGPL-3.0-only' (this version only) "
        "or 'AGPL-3.0-or-later' (this or any later version)?"
    )
    assert [f.message for f in validate_text(text, "blueprint.yaml").findings if f.code == "KT203"] == [expected]
    set_language("de")
    try:
        german = [f.message for f in validate_text(text, "blueprint.yaml").findings if f.code == "KT203"]
    finally:
        set_language("en")
    assert german == [
        "'AGPLv3' ist keine SPDX-Lizenzkennung; meinten Sie 'AGPL-3.0-only' (nur diese Version) "
        "oder 'AGPL-3.0-or-later' (diese oder jede spätere Version)?"
    ]


# YAML a publiccode.yml may hold but kltransfer does not read: said of a publiccode.yml, not of a blueprint.
MERGED = _with("    features:\n", "    features: &features\n").replace(
    "legal:\n", "  de:\n    <<: *features\n    shortDescription: Kurz\n\nlegal:\n", 1
)
TWO_DOCUMENTS = MINIMAL + "---\nname: Medusa 2\n"


def test_yaml_kltransfer_does_not_read_is_said_of_a_publiccode_yml() -> None:
    merged = _only(MERGED)
    assert (merged.code, merged.line, merged.column) == ("KT011", 39, 5)
    assert merged.message == "kltransfer does not read merge keys (<<) in a publiccode.yml"
    assert merged.hint == "write the keys out in this mapping"
    documents = _only(TWO_DOCUMENTS)
    assert (documents.code, documents.line, documents.column) == ("KT002", 51, 1)
    assert documents.message == "the file holds more than one YAML document; a publiccode.yml is exactly one"
    set_language("de")
    try:
        german = (_only(MERGED).message, _only(TWO_DOCUMENTS).message)
    finally:
        set_language("en")
    assert german == (
        "kltransfer liest keine Zusammenführungsfelder (<<) in einer publiccode.yml",
        "die Datei enthält mehr als ein YAML-Dokument; eine publiccode.yml ist genau eines",
    )
