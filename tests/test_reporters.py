"""The CI reporters: GitHub annotations, SARIF, JUnit XML and GitLab Code Quality."""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from kltransfer.findings import FileReport, Finding, Report, Severity
from kltransfer.reporters import REPORTERS
from kltransfer.reporters.github import GithubReporter, escape_data, escape_property
from kltransfer.reporters.gitlab import GitlabReporter
from kltransfer.reporters.junit import JunitReporter
from kltransfer.reporters.sarif import SarifReporter
from kltransfer.rules import RULES
from tests.samples import DEMO_BLUEPRINT

SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-2.1.0-rtm.5.json"

# A duplicate key at line 5, column 3; apart from that a valid blueprint.
INVALID = DEMO_BLUEPRINT.replace("  de: Demo\n", "  de: Demo\n  de: Noch einmal\n", 1)
VALID = DEMO_BLUEPRINT


def sample_report(strict: bool = False) -> Report:
    return Report(
        [
            FileReport(
                "city a/blueprint.yaml",
                [
                    Finding("KT102", "the required key 'phase' is missing", "city a/blueprint.yaml", 1, 1, "phase"),
                    Finding(
                        "KT220",
                        "'x' is still to be filled in",
                        "city a/blueprint.yaml",
                        7,
                        9,
                        "summary.en",
                        Severity.WARNING,
                        "write the text",
                    ),
                ],
            ),
            FileReport("b/blueprint.yaml", [Finding("KT901", "cannot read the file", "b/blueprint.yaml")]),
            FileReport(
                "c/blueprint.yaml",
                [
                    Finding(
                        "KT220", "'y' is still to be filled in", "c/blueprint.yaml", 3, 5, "title.en", Severity.WARNING
                    ),
                ],
            ),
            FileReport("d/blueprint.yaml", []),
        ],
        strict=strict,
    )


def render(reporter: type, report: Report) -> str:
    buffer = io.StringIO()
    reporter(buffer).report(report)
    return buffer.getvalue()


@pytest.fixture
def invalid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "blueprint.yaml").write_text(INVALID, encoding="utf-8")
    (tmp_path / "good").mkdir()
    (tmp_path / "good" / "blueprint.yaml").write_text(VALID, encoding="utf-8")
    return "bad/blueprint.yaml"


def test_the_test_blueprints_are_what_they_claim(run, invalid: str) -> None:
    assert run("validate", "good").exit_code == 0
    result = run("validate", invalid)
    assert result.exit_code == 1
    assert "bad/blueprint.yaml:6:3: error KT003 title.de: the key 'de' appears twice" in result.stdout


def test_every_format_is_registered_and_offered_by_validate(run) -> None:
    assert set(REPORTERS) == {"text", "json", "github", "sarif", "junit", "gitlab"}
    help_text = run("validate", "--help").stdout
    for name in REPORTERS:
        assert name in help_text
    bad = run("validate", "--format", "xml", ".")
    assert bad.exit_code == 2
    assert "unknown format 'xml'" in bad.stderr
    assert "text, json, github, sarif, junit, gitlab" in bad.stderr


# --- GitHub ------------------------------------------------------------------------------------


def test_github_escapes_as_documented() -> None:
    assert escape_data("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext: a, b"
    assert escape_property("a,b: c%\n") == "a%2Cb%3A c%25%0A"


def test_github_annotations_from_validate(run, invalid: str) -> None:
    result = run("validate", "--format", "github", invalid)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert (
        "::error file=bad/blueprint.yaml,line=6,col=3,title=KT003::title.de: the key 'de' appears twice in this "
        "mapping (first on line 5); YAML would silently keep only the last one "
        "(hint: remove one of them or merge their contents)"
    ) in lines
    commands = [line for line in lines if line.startswith("::")]
    assert commands and all(
        re.match(r"::(error|warning) file=[^,]+,line=\d+,col=\d+,title=KT\d{3}::", c) for c in commands
    )
    assert lines[-1] == "kltransfer: 1 file checked: 1 failing, 1 error, 0 warnings"


def test_github_is_chosen_inside_github_actions(run, invalid: str) -> None:
    auto = run("validate", invalid, env={"GITHUB_ACTIONS": "true"})
    assert auto.exit_code == 1
    assert auto.stdout.startswith("::error file=bad/blueprint.yaml,line=6,col=3,title=KT003::")
    chosen = run("validate", "--format", "text", invalid, env={"GITHUB_ACTIONS": "true"})
    assert chosen.stdout.startswith("bad/blueprint.yaml:6:3: error KT003")
    elsewhere = run("validate", invalid, env={"GITHUB_ACTIONS": "false"})
    assert elsewhere.stdout.startswith("bad/blueprint.yaml:6:3: error KT003")


def test_github_paths_relative_to_the_workspace(run, invalid: str, tmp_path: Path) -> None:
    result = run(
        "validate", "--format", "github", str(tmp_path / invalid), env={"GITHUB_WORKSPACE": str(tmp_path / "bad")}
    )
    assert result.stdout.startswith("::error file=blueprint.yaml,line=6,col=3,")


def test_github_on_any_report_escapes_paths_and_leaves_out_unknown_positions() -> None:
    out = render(GithubReporter, sample_report()).splitlines()
    assert (
        out[0] == "::error file=city a/blueprint.yaml,line=1,col=1,title=KT102::phase: the required key "
        "'phase' is missing"
    )
    assert (
        out[1] == "::warning file=city a/blueprint.yaml,line=7,col=9,title=KT220::summary.en: 'x' is still "
        "to be filled in (hint: write the text)"
    )
    assert out[2] == "::error file=b/blueprint.yaml,title=KT901::cannot read the file"
    tricky = Report([FileReport("a,b:c.yaml", [Finding("KT002", "bad\nline", "a,b:c.yaml", 2, 4)])])
    assert (
        render(GithubReporter, tricky).splitlines()[0]
        == "::error file=a%2Cb%3Ac.yaml,line=2,col=4,title=KT002::bad%0Aline"
    )


# --- SARIF -------------------------------------------------------------------------------------


def sarif_validator() -> jsonschema.Draft4Validator:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema)


def test_sarif_from_validate_is_valid_sarif_with_line_and_column(run, invalid: str) -> None:
    result = run("validate", "--format", "sarif", invalid)
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    errors = sorted(sarif_validator().iter_errors(log), key=str)
    assert errors == []
    assert log["version"] == "2.1.0"
    run_ = log["runs"][0]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "kltransfer"
    (dup,) = [r for r in run_["results"] if r["ruleId"] == "KT003"]
    assert dup["level"] == "error"
    assert dup["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "bad/blueprint.yaml"},
        "region": {"startLine": 6, "startColumn": 3},
    }
    assert dup["message"]["text"].startswith("title.de: the key 'de' appears twice")
    assert driver["rules"][dup["ruleIndex"]]["id"] == "KT003"


def test_sarif_rules_come_from_the_catalogue() -> None:
    log = json.loads(render(SarifReporter, Report([])))
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(RULES)
    by_id = {r["id"]: r for r in rules}
    assert by_id["KT220"] == {
        "id": "KT220",
        "name": "placeholder",
        "shortDescription": {"text": RULES["KT220"].title},
        "defaultConfiguration": {"level": "warning"},
        "helpUri": "https://kltransfer.de/docs/rules/#kt220",
    }
    assert by_id["KT003"]["defaultConfiguration"] == {"level": "error"}
    assert log["runs"][0]["results"] == []
    assert sorted(sarif_validator().iter_errors(log), key=str) == []


def test_the_vendored_schema_rejects_what_sarif_forbids() -> None:
    log = json.loads(render(SarifReporter, sample_report()))
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    log["runs"][0]["results"][1]["level"] = "fatal"
    messages = [e.message for e in sarif_validator().iter_errors(log)]
    assert any("0 is less than the minimum of 1" in m for m in messages)
    assert any("'fatal' is not one of" in m for m in messages)


def test_sarif_on_any_report_encodes_uris_and_omits_unknown_regions() -> None:
    log = json.loads(render(SarifReporter, sample_report()))
    assert sorted(sarif_validator().iter_errors(log), key=str) == []
    results = log["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["KT102", "KT220", "KT901", "KT220"]
    assert results[0]["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "city%20a/blueprint.yaml"},
        "region": {"startLine": 1, "startColumn": 1},
    }
    assert results[1]["level"] == "warning"
    assert results[2]["locations"][0]["physicalLocation"] == {"artifactLocation": {"uri": "b/blueprint.yaml"}}
    assert results[2]["ruleIndex"] == list(RULES).index("KT901")  # a file that cannot be read: a rule too


def test_sarif_uri_for_a_file_outside_the_working_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    outside = str(tmp_path / "other" / "blueprint.yaml")
    log = json.loads(render(SarifReporter, Report([FileReport(outside, [Finding("KT010", "empty", outside, 1, 1)])])))
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == (tmp_path / "other" / "blueprint.yaml").as_uri()


# --- JUnit -------------------------------------------------------------------------------------


def test_junit_from_validate_is_well_formed_with_one_case_per_file(run, invalid: str) -> None:
    result = run("validate", "--format", "junit", "good", invalid)
    assert result.exit_code == 1
    root = ET.fromstring(result.stdout)
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("2", "1", "0")
    cases = {case.get("name"): case for case in suite.findall("testcase")}
    assert set(cases) == {"good/blueprint.yaml", "bad/blueprint.yaml"}
    assert cases["good/blueprint.yaml"].find("failure") is None
    failure = cases["bad/blueprint.yaml"].find("failure")
    assert failure is not None
    assert failure.get("type") == "KT003"
    assert failure.get("message") == "1 error, 0 warnings"
    assert "bad/blueprint.yaml:6:3: error KT003 title.de: the key 'de' appears twice" in (failure.text or "")


def test_junit_warnings_fail_only_when_strict() -> None:
    lenient = ET.fromstring(render(JunitReporter, sample_report(strict=False)))
    strict = ET.fromstring(render(JunitReporter, sample_report(strict=True)))
    assert lenient.get("failures") == "2" and strict.get("failures") == "3"
    assert lenient.get("tests") == strict.get("tests") == "4"

    def case(root: ET.Element, name: str) -> ET.Element:
        (found,) = [c for c in root.iter("testcase") if c.get("name") == name]
        return found

    assert case(lenient, "c/blueprint.yaml").find("failure") is None
    assert "warning KT220 title.en" in (case(lenient, "c/blueprint.yaml").findtext("system-out") or "")
    assert case(strict, "c/blueprint.yaml").find("failure").get("type") == "KT220"  # type: ignore[union-attr]
    assert case(strict, "d/blueprint.yaml").find("failure") is None


def test_junit_survives_characters_xml_cannot_hold() -> None:
    report = Report([FileReport("x.yaml", [Finding("KT002", "odd \x01 byte & <tag>", "x.yaml", 1, 2)])])
    root = ET.fromstring(render(JunitReporter, report))
    assert "odd \\x01 byte & <tag>" in (root.find("testsuite/testcase/failure").text or "")  # type: ignore[union-attr]


# --- GitLab ------------------------------------------------------------------------------------


def test_gitlab_code_quality_from_validate(run, invalid: str) -> None:
    result = run("validate", "--format", "gitlab", invalid)
    assert result.exit_code == 1
    issues = json.loads(result.stdout)
    assert isinstance(issues, list) and issues
    for issue in issues:
        assert {"description", "check_name", "fingerprint", "severity", "location"} <= set(issue)
        assert issue["severity"] in ("major", "minor")
        assert re.fullmatch(r"[0-9a-f]{64}", issue["fingerprint"])
        assert issue["location"]["path"] == "bad/blueprint.yaml"
        assert issue["location"]["lines"]["begin"] >= 1
    (dup,) = [i for i in issues if i["check_name"] == "KT003"]
    assert dup["severity"] == "major"
    assert dup["location"]["lines"] == {"begin": 6}
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    again = json.loads(run("validate", "--format", "gitlab", invalid).stdout)
    assert [i["fingerprint"] for i in again] == [i["fingerprint"] for i in issues]


def test_gitlab_fingerprint_follows_path_code_key_and_message() -> None:
    base = Finding("KT220", "still to be filled in", "a/blueprint.yaml", 3, 1, "title.en", Severity.WARNING)
    moved = Finding("KT220", "still to be filled in", "a/blueprint.yaml", 9, 4, "title.en", Severity.WARNING)
    other = Finding("KT220", "still to be filled in", "a/blueprint.yaml", 3, 1, "title.de", Severity.WARNING)

    def issues(*findings: Finding) -> list[dict]:
        return json.loads(render(GitlabReporter, Report([FileReport("a/blueprint.yaml", list(findings))])))

    first, second, third = issues(base, moved, other)
    assert first["fingerprint"] == second["fingerprint"] != third["fingerprint"]
    assert first["severity"] == "minor"
    unplaced = issues(Finding("KT901", "cannot read", "a/blueprint.yaml"))[0]
    assert unplaced["location"] == {"path": "a/blueprint.yaml", "lines": {"begin": 1}}
