"""`kltransfer validate` pointed at a file that is no blueprint: one finding saying so, not dozens.

The inputs are shortened from real files (a publiccode.yml, a GitHub workflow of a city's
repository, DCAT-AP.de catalogs in Turtle and RDF/XML) that people pass by mistake.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kltransfer.cli.app import app
from kltransfer.i18n import set_language
from kltransfer.validation.validate import validate_text

PUBLICCODE = 'publiccodeYmlVersion: "0.4"\nname: MUCGPT\nurl: https://github.com/it-at-m/mucgpt\nplatforms:\n  - web\n'
WORKFLOW = (
    "name: Backend Tests\non:\n  push:\npermissions:\n  contents: read\njobs:\n  test:\n    runs-on: ubuntu-latest\n"
)
TURTLE = (
    "# (C) CC BY 4.0 GovData\n\n"
    "@prefix dcat: <http://www.w3.org/ns/dcat#> .\n"
    "@prefix dct: <http://purl.org/dc/terms/> .\n\n"
    '<https://example.org/catalog> a dcat:Catalog ;\n    dct:title "Offene Daten"@de .\n'
)
RDF_XML = (
    '<?xml version="1.0" encoding="utf-8" ?>\n'
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dcat="http://www.w3.org/ns/dcat#">\n'
    '  <dcat:Catalog rdf:about="http://example.org/catalog">\n'
    "    <dct:title>Open Data: Stadt</dct:title>\n"
    "  </dcat:Catalog>\n</rdf:RDF>\n"
)

CASES = {
    "publiccode": (
        PUBLICCODE,
        "KT100",
        "this file is a publiccode.yml, not a blueprint",
        "check it with  kltransfer import publiccode publiccode.yml  or name it in a blueprint's "
        "components[].publiccode, which kltransfer validate checks",
    ),
    "workflow": (
        WORKFLOW,
        "KT100",
        "this file is not a blueprint: it has no 'kltransfer' line, and its keys (name, on, permissions, ...) "
        "are not a blueprint's",
        "give kltransfer validate a blueprint.yaml or the folder holding one; kltransfer new creates one",
    ),
    "turtle": (
        TURTLE,
        "KT002",
        "this file is not YAML but RDF in Turtle (such as a DCAT-AP.de catalog); a blueprint is a YAML file; "
        "the file could not be checked further",
        "give kltransfer validate a blueprint.yaml or the folder holding one; kltransfer new creates one",
    ),
    "rdf-xml": (
        RDF_XML,
        "KT002",
        "this file is not YAML but XML (such as RDF/XML of a DCAT-AP.de catalog); a blueprint is a YAML file; "
        "the file could not be checked further",
        "give kltransfer validate a blueprint.yaml or the folder holding one; kltransfer new creates one",
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_a_file_that_is_no_blueprint_gets_one_finding_that_says_so(name: str) -> None:
    text, code, message, hint = CASES[name]
    report = validate_text(text, "publiccode.yml")
    first = report.findings[0]
    assert (first.code, first.line, first.column, first.message, first.hint) == (code, 1, 1, message, hint)
    assert [f.code for f in report.findings if f.code not in ("KT004",)] == [code]  # no KT101/KT102 flood


def test_the_messages_are_in_german_too() -> None:
    set_language("de")
    try:
        publiccode = validate_text(PUBLICCODE, "publiccode.yml").findings[0]
        workflow = validate_text(WORKFLOW, "ci.yml").findings[0]
        turtle = validate_text(TURTLE, "katalog.ttl").findings[0]
    finally:
        set_language("en")
    assert publiccode.message == "diese Datei ist eine publiccode.yml, kein Blueprint"
    assert publiccode.hint == (
        "prüfen Sie sie mit  kltransfer import publiccode publiccode.yml  oder nennen Sie sie in "
        "components[].publiccode eines Blueprints, das prüft kltransfer validate mit"
    )
    assert workflow.message == (
        "diese Datei ist kein Blueprint: ihr fehlt die Zeile 'kltransfer', und ihre Felder "
        "(name, on, permissions, ...) sind nicht die eines Blueprints"
    )
    assert workflow.hint == (
        "geben Sie kltransfer validate eine blueprint.yaml oder den Ordner, der sie enthält; "
        "kltransfer new legt eine an"
    )
    assert turtle.message == (
        "diese Datei ist kein YAML, sondern RDF in Turtle (etwa ein DCAT-AP.de-Katalog); ein Blueprint ist "
        "eine YAML-Datei; die Datei konnte nicht weiter geprüft werden"
    )


def test_a_blueprint_that_only_lacks_its_first_line_keeps_the_full_check() -> None:
    text = (Path(__file__).parents[1] / "examples" / "berlin-giess-den-kiez" / "blueprint.yaml").read_text(
        encoding="utf-8"
    )
    text = "".join(line for line in text.splitlines(keepends=True) if not line.startswith("kltransfer:"))
    codes = [f.code for f in validate_text(text, "blueprint.yaml").findings]
    assert codes[0] == "KT100" and "KT233" in codes  # the usual message, and the rest still checked
    draft = validate_text("title: Parkleitsystem\nsumary: x\n", "blueprint.yaml").findings
    assert draft[0].message == "the format version key 'kltransfer' is missing"
    german = validate_text("Titel: Parkleitsystem\nZusammenfassung: x\nZiele: []\n", "blueprint.yaml").findings
    assert german[0].message == "the format version key 'kltransfer' is missing"  # German names are a blueprint's
    assert "KT237" in [f.code for f in german]


def test_the_command_exits_1_with_the_one_finding(tmp_path: Path) -> None:
    (tmp_path / "publiccode.yml").write_text(PUBLICCODE, encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(tmp_path / "publiccode.yml"), "--no-source"])
    assert result.exit_code == 1
    assert f"{tmp_path / 'publiccode.yml'}:1:1: error KT100: this file is a publiccode.yml, not a blueprint" in (
        result.output
    )
    assert "1 file checked: 1 failing, 1 error, 0 warnings" in result.output
