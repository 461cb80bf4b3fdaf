"""The corpus under tests/corpus: every case gives exactly the findings its expected.yaml lists."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from kltransfer.findings import Severity
from kltransfer.loading.text import split_lines
from kltransfer.reporters.source import render_line
from kltransfer.rules import RULES
from tests.conftest import Result
from tests.corpus_cases import INVALID, VALID, Case

ALL = INVALID + VALID

#: Codes no committed case can show, and where they are tested instead.
ELSEWHERE = {
    "KT214": "a file over the 20 MiB cap is not committed: tests/test_references.py makes one",
    "KT014": "a file of over 1,000 findings is not committed: tests/security/test_linear_cost.py makes one",
    **{
        f"KT24{n}": "findings on a publiccode.yml's own lines, and the export's KT249: tests/test_publiccode_*.py"
        for n in range(10)
    },
    **{f"KT26{n}": "reported by the DCAT-AP.de export, not by validate: tests/test_dcat.py" for n in range(10)},
}
#: The codes of the loader (KT0xx), the format (KT1xx) and the checks beyond it (KT2xx).
FOUNDATION_CODES = sorted(code for code in RULES if code[2] in "012" and code not in ELSEWHERE)


def _json_run(run: Callable[..., Result], case: Case, *extra: str) -> tuple[Result, dict]:
    result = run("validate", "--format", "json", *case.args, *extra, case.blueprint)
    assert "Traceback" not in result.stdout + result.stderr
    return result, json.loads(result.stdout)


@pytest.mark.parametrize("case", ALL, ids=lambda c: c.name)
def test_findings_are_exactly_the_expected_ones(run: Callable[..., Result], case: Case) -> None:
    result, report = _json_run(run, case)
    got = [(f["code"], f["line"], f["column"], f["key_path"], f["severity"]) for f in report["findings"]]
    assert got == [f.key() for f in case.findings]
    for finding, expected in zip(report["findings"], case.findings, strict=True):
        assert finding["message"].startswith(expected.message)
        assert finding["path"] == str(case.blueprint)
    assert result.exit_code == case.exit_code
    assert report["summary"]["files"] == 1
    assert report["summary"]["errors"] == sum(f.severity == "error" for f in case.findings)
    assert report["summary"]["warnings"] == sum(f.severity == "warning" for f in case.findings)


@pytest.mark.parametrize("case", ALL, ids=lambda c: c.name)
def test_strict_fails_on_warnings(run: Callable[..., Result], case: Case) -> None:
    result, _ = _json_run(run, case, "--strict")
    has_findings = bool(case.findings)
    assert result.exit_code == (1 if has_findings else 0)
    if case.strict_exit_code is not None:
        assert result.exit_code == case.strict_exit_code


@pytest.mark.parametrize("case", ALL, ids=lambda c: c.name)
def test_text_format_shows_the_same_findings(run: Callable[..., Result], case: Case) -> None:
    """One line per finding, each followed by the line of the file it points to (unless --no-source)."""
    result = run("validate", *case.args, case.blueprint)
    assert result.exit_code == case.exit_code
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stdout.splitlines()
    heads = [i for i, line in enumerate(lines) if not line.startswith("  ")]
    assert len(heads) == len(case.findings) + 1  # one line per finding, then the summary
    source = split_lines(case.blueprint.read_bytes().decode("utf-8", "backslashreplace").removeprefix("\ufeff"))
    for i, f in zip(heads, case.findings, strict=False):
        where = f"{case.blueprint}:{f.line}:{f.column}" if f.line else str(case.blueprint)
        key = f" {f.key_path}" if f.key_path else ""
        assert lines[i].startswith(f"{where}: {f.severity} {f.code}{key}: {f.message}")
        if f.line and source != [""]:  # an empty file has no line to show
            shown, caret = render_line(source[f.line - 1], f.column)
            assert lines[i + 1] == f"  {f.line} | {shown}".rstrip()
            assert lines[i + 2] == f"  {' ' * len(str(f.line))} | {' ' * caret}^"
        else:
            assert i + 1 in heads
    assert lines[-1].startswith("1 file checked: ")
    plain = run("validate", "--no-source", *case.args, case.blueprint)
    assert plain.stdout.splitlines() == [lines[i] for i in heads]


@pytest.mark.parametrize("case", INVALID, ids=lambda c: c.name)
def test_invalid_cases_fail(case: Case) -> None:
    """An error fails every run; a case with warnings only (KT220) fails with --strict."""
    if any(f.severity == "error" for f in case.findings):
        assert case.exit_code == 1
    else:
        assert case.findings
        assert (case.exit_code, case.strict_exit_code) == (0, 1)


@pytest.mark.parametrize("case", VALID, ids=lambda c: c.name)
def test_valid_cases_pass_with_warnings_at_most(case: Case) -> None:
    assert case.exit_code == 0
    assert all(f.severity == "warning" for f in case.findings)


@pytest.mark.parametrize("code", FOUNDATION_CODES)
def test_every_rule_has_a_case_named_after_it(code: str) -> None:
    named = [c for c in INVALID if c.name.startswith(code.lower() + "-")]
    assert named, f"no corpus case for {code} under tests/corpus/invalid/{code.lower()}-*/"
    assert all(any(f.code == code for f in c.findings) for c in named)


@pytest.mark.parametrize("case", ALL, ids=lambda c: c.name)
def test_severities_follow_the_rule_catalogue(case: Case) -> None:
    for f in case.findings:
        assert f.code in RULES
        assert Severity(f.severity) is RULES[f.code].severity, f.code


def test_python_tag_is_never_executed(
    run: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The case's tag would run ``touch pwned-by-blueprint`` in the current folder."""
    case = next(c for c in INVALID if c.name == "kt011-python-object-apply")
    assert b"touch pwned-by-blueprint" in case.blueprint.read_bytes()
    monkeypatch.chdir(tmp_path)
    result = run("validate", case.blueprint)
    assert result.exit_code == 1
    assert "not executed" in result.stdout
    assert not (tmp_path / "pwned-by-blueprint").exists()
    assert list(tmp_path.iterdir()) == []


def test_the_whole_corpus_at_once(run: Callable[..., Result]) -> None:
    """One run over every case folder reports each file's findings, in a stable order."""
    plain = [c for c in ALL if not c.args]
    result = run("validate", "--format", "json", *(c.folder for c in plain))
    report = json.loads(result.stdout)
    assert result.exit_code == 1
    assert report["summary"]["files"] == len(plain)
    assert report["summary"]["invalid_files"] == sum(c.exit_code == 1 for c in plain)
    by_path: dict[str, list[tuple[str, int, int, str, str]]] = {}
    for f in report["findings"]:
        by_path.setdefault(os.path.normpath(f["path"]), []).append(
            (f["code"], f["line"], f["column"], f["key_path"], f["severity"])
        )
    for case in plain:
        assert by_path.get(os.path.normpath(case.blueprint), []) == [f.key() for f in case.findings], case.name


EXACT_LINES = {
    "kt101-misspelt-key": "10:1: error KT101 licnce: unknown key 'licnce' in the top level; did you mean 'licence'?",
    "kt101-misspelt-nested-key": "12:3: error KT101 city.nme: unknown key 'nme' in 'city'; did you mean 'name'?",
    "kt101-misspelt-key-in-list": (
        "42:5: error KT101 contacts[0].mail: unknown key 'mail' in 'contacts[0]'; did you mean 'email'?"
    ),
    "kt104-phase-p6": "16:8: error KT104 phase: 'P6' is not allowed; allowed values: P1, P2, P3, P4, P5",
    "kt104-state-misspelt": (
        "13:10: error KT104 city.state: 'DE-RLP' is not allowed; allowed values: DE-BW, DE-BY, "
        "DE-BE, DE-BB, DE-HB, DE-HH, DE-HE, DE-MV, DE-NI, DE-NW, DE-RP, DE-SL, DE-SN, DE-ST, DE-SH, DE-TH; "
        "did you mean 'DE-RP'?"
    ),
    "kt003-duplicate-key": (
        "18:1: error KT003 phase: the key 'phase' appears twice in this mapping (first on line 16); "
        "YAML would silently keep only the last one; remove one of them or merge their contents"
    ),
    "kt004-yes-no-on-off": (
        "6:20: error KT004 keywords[1]: 'on' is read as a boolean by some YAML tools and as text by others; "
        'write true for a yes/no value, or "on" in quotes if you meant the word'
    ),
    "kt012-number-with-exponent": (
        "28:12: error KT012 costs.investment.total: '3e5' is read as a number by some YAML tools and as text by "
        'others; write "3e5" in quotes if you mean text, or the number in plain decimals (such as 1500 or 0.5)'
    ),
    "kt100-version-as-number": (
        '2:13: error KT100 kltransfer: the format version must be written as text: kltransfer: "1.1"; '
        "put the version in quotes, so that 1.10 is not read as the number 1.1"
    ),
    "kt203-spdx-unknown": (
        "10:10: error KT203 licence: 'CC-BY-4' is not an SPDX licence identifier; did you mean 'CC-BY-4.0'?; "
        "see https://spdx.org/licenses/ for the identifiers"
    ),
}


@pytest.mark.parametrize(("name", "expected"), EXACT_LINES.items(), ids=list(EXACT_LINES))
def test_exact_diagnostic_lines(run: Callable[..., Result], name: str, expected: str) -> None:
    """What a project lead reads: where, what is wrong, what is allowed, and 'did you mean'."""
    case = next(c for c in INVALID if c.name == name)
    result = run("validate", "--no-source", case.blueprint)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == f"{case.blueprint}:{expected}"


def test_an_unknown_key_without_a_close_match_lists_the_allowed_keys(run: Callable[..., Result]) -> None:
    case = next(c for c in INVALID if c.name == "kt101-unknown-key")
    first = run("validate", "--no-source", case.blueprint).stdout.splitlines()[0]
    assert first.startswith(
        f"{case.blueprint}:17:1: error KT101 budget_owner: unknown key 'budget_owner' in the top level; "
        "allowed keys here: kltransfer, id, version, title, summary,"
    )
    assert "did you mean" not in first


def test_a_misspelt_required_key_is_reported_once(run: Callable[..., Result]) -> None:
    """'licnce' is reported as unknown with 'did you mean'; 'licence' is not reported missing as well."""
    case = next(c for c in INVALID if c.name == "kt101-misspelt-key")
    report = json.loads(run("validate", "--format", "json", case.blueprint).stdout)
    assert [f["code"] for f in report["findings"]] == ["KT101"]


def test_a_missing_format_version_is_reported_once(run: Callable[..., Result]) -> None:
    """KT100 says the version key is missing; the schema's 'required' does not say it again (KT102)."""
    case = next(c for c in INVALID if c.name == "kt100-missing-version")
    report = json.loads(run("validate", "--format", "json", case.blueprint).stdout)
    assert [(f["code"], f["key_path"]) for f in report["findings"]] == [("KT100", "kltransfer")]
