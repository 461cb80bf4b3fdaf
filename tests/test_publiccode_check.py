"""publiccode.yml checked offline against the reference parser's own test files (tests/data/publiccode).

- every file under ``valid/`` gives no finding at all;
- every file under ``valid_with_warnings/`` gives exactly the warnings the parser's own tests expect
  for it (same key paths and lines), and no error;
- every file under ``invalid/`` gives at least one error, except those in :data:`OFFLINE`, which are
  invalid for a reason that cannot be decided without the network or a register kltransfer does not
  ship: for each, the test asserts exactly what kltransfer reports instead (they are not skipped).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from kltransfer.findings import Severity
from kltransfer.publiccode.check import check_text
from tests.conftest import EXAMPLES, ROOT

DATA = ROOT / "tests" / "data" / "publiccode" / "v0"


def _files(kind: str) -> list[Path]:
    return sorted((DATA / kind).rglob("*.yml"))


def _id(path: Path) -> str:
    return path.relative_to(DATA).as_posix()


def _check(path: Path):
    return check_text(path.read_bytes(), _id(path), path.parent)


#: valid_with_warnings: (key path, line) of each warning, as in the parser's tests (v0_test.go).
PARSER_WARNINGS = {
    "no-network/authorsFile.yml": [("legal.authorsFile", 71)],
    "unicode_grapheme_clusters.yml": [("description.en.genericName", 23)],
    "valid.minimal.v0.2.yml": [("publiccodeYmlVersion", 1)],
    "valid.minimal.v0.3.yml": [("publiccodeYmlVersion", 1)],
    "valid.minimal.v0.4.yml": [("publiccodeYmlVersion", 1)],
    "valid.mime_types.yml": [("inputTypes", 48), ("outputTypes", 50)],
    "valid_with_it_conforme.yml": [("IT.conforme", 119)],
    "valid_with_country_specific_section_downcase.yml": [("it", 107)],
    "valid_with_lowercase_countries.yml": [
        ("intendedAudience.countries[0]", 31),
        ("intendedAudience.countries[1]", 32),
        ("intendedAudience.unsupportedCountries[0]", 34),
    ],
    "valid_with_legal_repoOwner.yml": [("legal.repoOwner", 70)],
    "valid_with_IT_riuso_codiceIPA.yml": [("IT.riuso.codiceIPA", 119)],
}

_IPA = (
    "the URN is well formed; that '{}' is no code of the Italian public administrations' register (iPA, "
    "23,735 codes) needs that register, which kltransfer (made for German administrations) does not ship"
)
#: Invalid files whose defect cannot be told offline: why, and what kltransfer reports instead.
OFFLINE = {
    "invalid/logo_missing_url.yml": (
        "the logo is a well-formed https URL of a .png; that it answers 404 needs the network",
        [],
    ),
    "invalid/description_en_videos_invalid_oembed.yml": (
        "https://google.com is a well-formed web address; that it is no oEmbed video provider needs the "
        "oEmbed providers list (oembed.com), which kltransfer does not ship",
        [],
    ),
    "invalid/organisation_uri_wrong_italian_pa2.yml": (_IPA.format("no_such_pa"), []),
    "invalid/fundedBy_uri_wrong_italian_pa2.yml": (_IPA.format("no_such_pa"), []),
    "invalid/it_riuso_codiceIPA_invalid.yml": (
        _IPA.format("NO_SUCH_IPA_CODE") + "; the key itself is deprecated, which is reported",
        [("KT241", "IT.riuso.codiceIPA", 55)],
    ),
}


@pytest.mark.parametrize("path", _files("valid"), ids=_id)
def test_valid_files_give_no_finding(path: Path) -> None:
    checked = _check(path)
    assert checked.findings == []
    assert checked.data is not None and checked.data["name"]


@pytest.mark.parametrize("path", _files("valid_with_warnings"), ids=_id)
def test_valid_files_with_warnings_give_the_parsers_warnings(path: Path) -> None:
    checked = _check(path)
    name = path.relative_to(DATA / "valid_with_warnings").as_posix()
    assert [(f.key_path, f.line) for f in checked.findings] == PARSER_WARNINGS[name]
    assert {(f.code, f.severity) for f in checked.findings} == {("KT241", Severity.WARNING)}


def test_every_file_with_warnings_has_its_expectation() -> None:
    names = {p.relative_to(DATA / "valid_with_warnings").as_posix() for p in _files("valid_with_warnings")}
    assert names == set(PARSER_WARNINGS)


@pytest.mark.parametrize("path", _files("invalid"), ids=_id)
def test_invalid_files_give_an_error(path: Path) -> None:
    checked = _check(path)
    if _id(path) in OFFLINE:
        reason, instead = OFFLINE[_id(path)]
        assert reason
        assert [(f.code, f.key_path, f.line) for f in checked.findings] == instead
        return
    assert checked.errors, [f.message for f in checked.findings]
    assert all(f.path == _id(path) for f in checked.findings)
    assert all(f.line >= 1 for f in checked.errors)


def test_the_offline_exceptions_are_few_and_exist() -> None:
    assert all((DATA / name).is_file() for name in OFFLINE)
    assert len(OFFLINE) <= 5 < len(_files("invalid")) // 20


#: Exact diagnostics: (file, code, line, column, key path, message).
EXACT = [
    (
        "invalid/publiccodeYmlVersion_invalid.yml",
        "KT240",
        2,
        23,
        "publiccodeYmlVersion",
        "unknown publiccode.yml version '1'; kltransfer reads 0, 0.2, 0.2.0, 0.2.1, 0.2.2, 0.3, 0.3.0, 0.4, 0.4.0, "
        "0.5, 0.5.0, 0.7, 0.7.0",
    ),
    ("invalid/unknown_field.yml", "KT242", 10, 1, "foobar", "unknown key 'foobar'"),
    ("invalid/it_wrong_case.yml", "KT242", 107, 1, "It", "unknown key 'It'"),
    ("invalid/url_missing.yml", "KT243", 1, 1, "url", "the required key 'url' is missing"),
    ("invalid/name_nil.yml", "KT243", 4, 6, "name", "'name' is empty"),
    (
        "invalid/description_en_features_empty.yml",
        "KT243",
        39,
        15,
        "description.en.features",
        "'description.en.features' needs at least one entry",
    ),
    (
        "invalid/maintenance_contacts_missing_with_type_internal.yml",
        "KT243",
        44,
        3,
        "maintenance",
        "maintenance type 'internal' needs 'contacts' (who maintains it)",
    ),
    ("invalid/platforms_wrong_type.yml", "KT244", 9, 12, "platforms", "'platforms' must be a list"),
    (
        "invalid/dependsOn_open_optional_wrong_type.yml",
        "KT244",
        57,
        17,
        "dependsOn.open[0].optional",
        "'dependsOn.open[0].optional' must be true or false",
    ),
    ("invalid/developmentStatus_invalid.yml", "KT245", 16, 20, "developmentStatus", "'foobar' is not an allowed value"),
    ("invalid/description_en_gb_invalid_bcp47.yml", "KT245", 21, 3, "description.en_GB", "'en_GB' is not a BCP 47"),
    ("invalid/description_invalid_language.yml", "KT245", 20, 3, "description.xxx", "'xxx' is not a BCP 47"),
    (
        "invalid/intendedAudience_countries_invalid_iso_3166_1_alpha_2.yml",
        "KT245",
        22,
        7,
        "intendedAudience.countries[2]",
        "'Fr' is not an ISO 3166-1 country code",
    ),
    (
        "invalid/maintenance_contractors_when_type_is_none.yml",
        "KT245",
        46,
        3,
        "maintenance.contractors",
        "'contractors' are only allowed with maintenance type 'contract', not 'none'",
    ),
    (
        "invalid/no-network/supports_unknown_alias.yml",
        "KT245",
        17,
        9,
        "supports[0].id",
        "'alias:nonexistent' is not a known alias of the standard",
    ),
    ("invalid/url_invalid.yml", "KT246", 6, 6, "url", "'foobar' is not a URL"),
    ("invalid/releaseDate_datetime.yml", "KT246", 8, 14, "releaseDate", "'2011-01-01 20:04:05' is not a date"),
    (
        "invalid/maintenance_contractors_email_invalid.yml",
        "KT246",
        50,
        15,
        "maintenance.contractors[0].email",
        "'not_an_email' is not an e-mail address",
    ),
    (
        "invalid/legal_license_invalid.yml",
        "KT246",
        42,
        12,
        "legal.license",
        "'Invalid License' is not an SPDX licence identifier",
    ),
    ("invalid/organisation_uri_wrong_italian_pa.yml", "KT246", 20, 8, "organisation.uri", "'pcm' is not a URI"),
    (
        "invalid/description_en_longDescription_too_short_grapheme_clusters.yml",
        "KT247",
        28,
        22,
        "description.en.longDescription",
        "'description.en.longDescription' has 135 characters, fewer than 150",
    ),
    (
        "invalid/description_en_longDescription_too_long.yml",
        "KT247",
        27,
        22,
        "description.en.longDescription",
        "'description.en.longDescription' has 12122 characters, more than 10000",
    ),
    ("invalid/no-network/logo_invalid_png.yml", "KT248", 18, 7, "logo", "'assets/img/not-an-image.png' is not a PNG"),
    ("invalid/logo_unsupported_extension.yml", "KT248", 18, 7, "logo", "'logo.mpg' is not a file of an accepted type"),
    ("invalid/logo_absolute_path.yml", "KT248", 18, 7, "logo", "'/logo.png' is an absolute path or a file: URL"),
    (
        "invalid/description_en_screenshots_missing_file.yml",
        "KT248",
        42,
        9,
        "description.en.screenshots[0]",
        "'no_such_file.png' does not exist beside the publiccode.yml",
    ),
    ("invalid/file_encoding.yml", "KT001", 1, 27, "", "the file is not UTF-8 text"),
    (
        "invalid/no-network/localisation_localisationReady_yaml11_yes.yml",
        "KT004",
        51,
        22,
        "localisation.localisationReady",
        "'yes' is read as a boolean by some YAML tools",
    ),
]


@pytest.mark.parametrize(("name", "code", "line", "column", "key", "message"), EXACT, ids=[e[0] for e in EXACT])
def test_exact_diagnostics(name: str, code: str, line: int, column: int, key: str, message: str) -> None:
    checked = _check(DATA / name)
    assert [(f.code, f.line, f.column, f.key_path) for f in checked.findings] == [(code, line, column, key)]
    assert checked.findings[0].message.startswith(message)
    assert checked.findings[0].hint


def test_messages_and_hints_in_german() -> None:
    from kltransfer.i18n import set_language

    set_language("de")
    try:
        checked = _check(DATA / "invalid/description_en_gb_invalid_bcp47.yml")
        older = _check(DATA / "valid_with_warnings/valid.minimal.v0.4.yml")
    finally:
        set_language("en")
    (finding,) = checked.findings
    assert finding.message == "'en_GB' ist kein Sprachkürzel nach BCP 47"
    assert finding.hint == "schreiben Sie 'en-GB': BCP 47 trennt die Teile mit '-'"
    assert older.findings[0].message == "die Datei folgt der älteren Version 0.4; aktuell ist 0.7"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("publiccodeYmlVersion: 0.7\nname: x\n", ("KT240", 1, 23, "the version must be written as text")),
        ("name: x\n", ("KT240", 1, 1, "the file does not say which publiccode.yml version it follows")),
        ("", ("KT240", 1, 1, "the file holds no publiccode.yml")),
        ("- a\n- b\n", ("KT240", 1, 1, "the file holds no publiccode.yml")),
    ],
)
def test_the_version_is_checked_first(text: str, expected: tuple[str, int, int, str]) -> None:
    first = next(f for f in check_text(text, "publiccode.yml").findings if f.code == "KT240")
    assert (first.code, first.line, first.column) == expected[:3]
    assert first.message.startswith(expected[3])


def test_keys_newer_than_the_declared_version_are_pointed_out() -> None:
    assert _check(DATA / "valid/valid_with_fundedBy.yml").findings == []
    text = (DATA / "valid/valid_with_fundedBy.yml").read_text(encoding="utf-8").replace('"0"', '"0.4"', 1)
    codes = [(f.code, f.key_path) for f in check_text(text, "p.yml").findings]
    assert codes == [("KT241", "publiccodeYmlVersion"), ("KT241", "fundedBy")]


# -- validate: the publiccode.yml a blueprint points to, on the publiccode.yml's own lines ------------


def _kaiserslautern(tmp_path: Path) -> Path:
    target = tmp_path / "kl"
    shutil.copytree(EXAMPLES / "kaiserslautern-participation-platform", target)
    return target


def test_validate_reports_the_publiccode_files_findings_on_its_own_lines(run, tmp_path: Path) -> None:
    folder = _kaiserslautern(tmp_path)
    publiccode = folder / "publiccode.yml"
    text = publiccode.read_text(encoding="utf-8")
    text = text.replace("developmentStatus: stable", "developmentStatus: stabil").replace("  license:", "  licence:")
    publiccode.write_text(text, encoding="utf-8")
    result = run("validate", "--format", "json", folder)
    assert result.exit_code == 1
    found = [
        (f["path"], f["line"], f["column"], f["code"], f["key_path"]) for f in json.loads(result.stdout)["findings"]
    ]
    shown = str(folder / "publiccode.yml")
    assert found == [
        (shown, 22, 20, "KT245", "developmentStatus"),
        (shown, 54, 3, "KT242", "legal.licence"),
        (shown, 54, 3, "KT243", "legal.license"),
    ]
    text_run = run("validate", folder)
    assert f"{shown}:54:3: error KT242 legal.licence: unknown key 'legal.licence'; did you mean 'license'?" in (
        text_run.stdout
    )


def test_the_example_publiccode_yml_is_a_clean_0_7_file() -> None:
    path = EXAMPLES / "kaiserslautern-participation-platform" / "publiccode.yml"
    checked = check_text(path.read_bytes(), str(path), path.parent)
    assert checked.findings == []
    assert checked.data is not None and checked.data["publiccodeYmlVersion"] == "0.7"


def test_a_publiccode_reference_that_is_a_link_is_refused_not_read(run, tmp_path: Path) -> None:
    folder = _kaiserslautern(tmp_path)
    outside = tmp_path / "elsewhere.yml"
    outside.write_text("name: not a publiccode.yml\n", encoding="utf-8")
    (folder / "publiccode.yml").unlink()
    (folder / "publiccode.yml").symlink_to(outside)
    result = run("validate", "--format", "json", folder)
    found = json.loads(result.stdout)["findings"]
    text = (folder / "blueprint.yaml").read_text(encoding="utf-8").splitlines()
    lines = [i + 1 for i, line in enumerate(text) if re.match(r"\s*(publiccode|path): publiccode\.yml\b", line)]
    assert [(f["code"], f["line"], f["key_path"]) for f in found] == [
        ("KT212", lines[0], "components[1].publiccode"),
        ("KT212", lines[1], "documents[1].path"),
    ]
    assert result.exit_code == 1


def test_a_publiccode_yml_over_the_loaders_cap_is_reported_not_skipped(run, tmp_path: Path) -> None:
    folder = _kaiserslautern(tmp_path)
    with (folder / "publiccode.yml").open("a", encoding="utf-8") as fh:
        fh.write(("# " + "x" * 98 + "\n") * 50_000)  # 5 MB of comments: over 4 MiB, under the reader's 20 MiB
    result = run("validate", "--format", "json", folder)
    found = json.loads(result.stdout)["findings"]
    assert [(f["path"], f["code"]) for f in found] == [(str(folder / "publiccode.yml"), "KT007")]
    assert result.exit_code == 1
