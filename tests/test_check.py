"""``kltransfer check``: transfer-readiness rules, scores per area, labels and exit codes."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from kltransfer.readiness import AREAS, label_for
from kltransfer.readiness.licences import is_open
from kltransfer.readiness.rules import RULES
from kltransfer.rules import RULES as CATALOGUE
from kltransfer.rules import Severity

from .conftest import EXAMPLES, ROOT

FIXTURE = Path(__file__).parent / "data" / "migrate" / "kaiserslautern-1.0"
EXAMPLE_FILES = sorted(EXAMPLES.glob("*/blueprint.yaml"))

MINIMAL = """\
kltransfer: "1.1"
id: tiny
version: 0.1.0
title: {de: Kleines Vorhaben, en: Small project}
summary: Nur auf Deutsch.
licence: CC-BY-4.0
city: {name: Musterstadt, state: DE-BY}
fields_of_action: [mobility]
phase: P2
contacts:
  - role: Digitalisierung
    email: digital@musterstadt.de
"""


RICH_1_1 = """\
kltransfer: "1.1"
id: rich
version: 1.0.0
title: {de: Titel, en: Title}
summary: {de: Zusammenfassung, en: Summary}
description: {de: Beschreibung}
licence: CC-BY-NC-4.0
city: {name: Musterstadt, state: DE-BY}
fields_of_action: [mobility]
phase: P4
contacts:
  - {role: Digital, email: TODO}
costs:
  investment: {total: 1000}
  operation_per_year: {total: TODO}
funding:
  sources:
    - {funder: Land}
privacy:
  personal_data: true
  impact_assessment: {status: planned, date: 2024-02-28}
participation:
  description: Workshops
components:
  - name: Platform
    type: software
    open_source: true
    depends_on:
      proprietary:
        - {name: Maps API}
        - {name: Geo, vendor: GeoCorp}
  - name: Sensors
    type: hardware
standards:
  - {name: OGC SensorThings, url: https://www.ogc.org}
operator_model:
  operator: Stadtwerke
  type: municipal-company
  financing: Gebühren
goals:
  - goal: Weniger Staus
    kpis:
      - {name: Staustunden, baseline: 100, baseline_year: 2020}
      - {name: Pendlerzahl}
lessons_learned:
  - text: Früh anfangen.
transfer:
  prerequisites: [LoRaWAN]
  effort: {months: TODO}
"""


@pytest.fixture
def full(tmp_path: Path) -> Path:
    """A complete 1.0 blueprint (with its documents) in a temporary folder."""
    target = tmp_path / "full"
    shutil.copytree(FIXTURE, target)
    return target / "blueprint.yaml"


def _stripped(source: Path, tmp_path: Path) -> Path:
    """The same blueprint without costs and without an operator model."""
    target = tmp_path / "stripped"
    shutil.copytree(source.parent, target)
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    del data["costs"], data["operator_model"]
    (target / "blueprint.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target / "blueprint.yaml"


def _json(run, *args: str | Path) -> tuple[int, dict]:
    result = run("check", "--format", "json", *args)
    assert result.stderr == ""
    return result.exit_code, json.loads(result.stdout)


def test_the_areas_weigh_100_and_every_rule_is_catalogued_and_documented() -> None:
    assert sum(weight for _, weight in AREAS.values()) == 100
    docs = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    codes = [r.code for r in RULES]
    assert len(codes) == len(set(codes))
    for rule in RULES:
        assert re.fullmatch(r"KT4\d\d", rule.code)
        assert rule.area in AREAS
        assert rule.rationale and rule.fix and rule.points > 0
        assert CATALOGUE[rule.code].severity is Severity.WARNING
        assert f"### {rule.code} " in docs, rule.code
    assert {r.area for r in RULES} == set(AREAS)
    assert "### KT300 " in docs


@pytest.mark.skipif(not EXAMPLE_FILES, reason="no examples shipped")
def test_every_example_gets_a_score_and_findings(run) -> None:
    code, report = _json(run, *EXAMPLE_FILES)
    assert code == 0
    assert [b["path"] for b in report["blueprints"]] == [str(p) for p in EXAMPLE_FILES]
    for blueprint in report["blueprints"]:
        assert isinstance(blueprint["score"], int) and 0 <= blueprint["score"] <= 100
        assert blueprint["label"] in ("proven", "ready", "incomplete")
        assert set(blueprint["areas"]) == set(AREAS)
        assert round(sum(a["score"] for a in blueprint["areas"].values())) == pytest.approx(blueprint["score"], abs=1)
        assert isinstance(blueprint["findings"], list)
        for finding in blueprint["findings"]:
            assert finding["code"].startswith("KT4") and finding["severity"] == "warning"
            assert finding["line"] > 0 and finding["area"] in AREAS and finding["hint"]
    assert report["summary"]["blueprints"] == len(EXAMPLE_FILES)
    assert report["summary"]["invalid"] == 0 and report["summary"]["ok"] is True


@pytest.mark.parametrize("migrated", [False, True], ids=["format-1.0", "format-1.1"])
def test_a_blueprint_without_costs_and_operator_model_scores_lower_and_names_both(
    run, full: Path, tmp_path: Path, migrated: bool
) -> None:
    if migrated:
        assert run("migrate", full).exit_code == 0
    stripped = _stripped(full, tmp_path)
    assert run("validate", stripped).exit_code == 0
    _, before = _json(run, full)
    _, after = _json(run, stripped)
    whole, bare = before["blueprints"][0], after["blueprints"][0]
    assert bare["score"] < whole["score"]
    assert whole["areas"]["costs_funding"]["score"] == 15.0
    assert bare["areas"]["costs_funding"]["score"] == 3.0  # only the funding (1 of 5 points) is left
    assert whole["areas"]["operation"]["score"] > 0
    assert bare["areas"]["operation"]["score"] == 0.0
    assert whole["score"] - bare["score"] == pytest.approx(12 + whole["areas"]["operation"]["score"], abs=1)
    named = {(f["code"], f["key_path"], f["area"]) for f in bare["findings"]}
    assert ("KT410", "costs.investment.total", "costs_funding") in named
    assert ("KT411", "costs.operation_per_year.total", "costs_funding") in named
    assert ("KT420", "operator_model", "operation") in named
    assert any(code == "KT421" for code, _, _ in named)


def test_format_1_1_asks_for_after_funding(run, full: Path) -> None:
    _, old = _json(run, full)
    assert run("migrate", full).exit_code == 0
    _, new = _json(run, full)
    assert old["blueprints"][0]["format"] == "1.0" and new["blueprints"][0]["format"] == "1.1"
    assert old["blueprints"][0]["areas"]["operation"]["score"] == 10.0
    assert new["blueprints"][0]["areas"]["operation"]["score"] == 7.5
    assert [(f["code"], f["key_path"]) for f in new["blueprints"][0]["findings"]] == [
        ("KT421", "operator_model.after_funding")
    ]
    text = full.read_text(encoding="utf-8").replace(
        "  type: municipal-company\n",
        "  type: municipal-company\n  after_funding: Die Stadt trägt den Betrieb ab 2026 aus dem Haushalt.\n",
    )
    full.write_text(text, encoding="utf-8")
    code, fixed = _json(run, full)
    assert code == 0
    assert fixed["blueprints"][0]["score"] == 100 and fixed["blueprints"][0]["findings"] == []


def test_min_score_decides_the_exit_code(run, full: Path, tmp_path: Path) -> None:
    stripped = _stripped(full, tmp_path)
    _, report = _json(run, stripped)
    score = report["blueprints"][0]["score"]
    assert run("check", stripped).exit_code == 0
    assert run("check", "--min-score", str(score), stripped).exit_code == 0
    below = run("check", "--min-score", str(score + 1), stripped)
    assert below.exit_code == 1
    assert below.stdout.endswith(f"1 below --min-score {score + 1}\n")
    code, both = _json(run, "--min-score", str(score + 1), full, stripped)
    assert code == 1
    assert both["summary"]["below_min_score"] == 1 and both["summary"]["ok"] is False
    too_high = run("check", "--min-score", "101", full)
    assert too_high.exit_code == 2
    assert "--min-score" in too_high.stderr


def test_the_text_report_of_a_thin_blueprint(run, tree) -> None:
    root = tree({"tiny/blueprint.yaml": MINIMAL})
    path = root / "tiny" / "blueprint.yaml"
    result = run("check", path)
    assert result.exit_code == 0
    fixes = {r.code: r.fix for r in RULES}
    assert result.stdout == (
        f"{path} (tiny)\n"
        "  score 21/100, incomplete (phase P2, format 1.1)\n"
        "  openness                 ########..  11.2/15\n"
        "  costs & funding          ..........   0.0/15\n"
        "  operation                ..........   0.0/10\n"
        "  privacy & participation  ..........   0.0/10\n"
        "  contacts                 ##########   5.0/5\n"
        "  knowledge                ..........   0.0/10\n"
        "  adoption                 ..........   0.0/10\n"
        "  impact                   ..........   0.0/10\n"
        "  localisation             #####.....   2.5/5\n"
        "  maturity                 ##........   2.5/10\n"
        f"  {path}:1:1: warning KT404 standards: no open standards are listed\n      fix: {fixes['KT404']}\n"
        f"  {path}:1:1: warning KT410 costs.investment.total: the investment costs are not stated\n"
        f"      fix: {fixes['KT410']}\n"
        f"  {path}:1:1: warning KT411 costs.operation_per_year.total: the yearly operating costs are not stated\n"
        f"      fix: {fixes['KT411']}\n"
        f"  {path}:1:1: warning KT412 funding: the funding is not stated\n      fix: {fixes['KT412']}\n"
        f"  {path}:1:1: warning KT420 operator_model: there is no operator model\n      fix: {fixes['KT420']}\n"
        f"  {path}:1:1: warning KT421 operator_model: nothing says what happens after the funding ends\n"
        f"      fix: {fixes['KT421']}\n"
        f"  {path}:1:1: warning KT430 privacy: privacy is not described\n      fix: {fixes['KT430']}\n"
        f"  {path}:1:1: warning KT433 participation: participation is not described\n      fix: {fixes['KT433']}\n"
        f"  {path}:1:1: warning KT441 lessons_learned: no lessons learned are recorded\n"
        f"      fix: {fixes['KT441']}\n"
        f"  {path}:1:1: warning KT450 transfer.prerequisites: the prerequisites for adopters are not listed\n"
        f"      fix: {fixes['KT450']}\n"
        f"  {path}:1:1: warning KT451 transfer.effort: the effort for adopters is not estimated\n"
        f"      fix: {fixes['KT451']}\n"
        f"  {path}:1:1: warning KT460 goals: no KPIs are given\n      fix: {fixes['KT460']}\n"
        f"  {path}:5:10: warning KT470 summary: 'summary' is not given in de, en\n      fix: {fixes['KT470']}\n"
        f"  {path}:9:8: warning KT480 phase: the project is at phase P2 (a prototype), not yet a pilot (P3)\n"
        f"      fix: {fixes['KT480']}\n"
        "\n"
        "1 blueprint checked: average score 21, lowest 21; 1 incomplete\n"
    )


def test_an_invalid_blueprint_is_reported_with_its_validation_findings(run, tree) -> None:
    root = tree({"bad/blueprint.yaml": MINIMAL.replace("phase: P2", "phase: P9")})
    path = root / "bad" / "blueprint.yaml"
    code, report = _json(run, path)
    assert code == 1
    [blueprint] = report["blueprints"]
    assert blueprint["score"] is None and blueprint["label"] == "invalid"
    assert [(f["code"], f["key_path"], f["line"]) for f in blueprint["findings"]] == [("KT104", "phase", 9)]
    assert report["summary"]["invalid"] == 1
    text = run("check", path)
    assert text.exit_code == 1
    assert text.stdout == (
        f"{path} (tiny): is not a valid blueprint; fix these errors first\n"
        f"  {path}:9:8: error KT104 phase: 'P9' is not allowed; allowed values: P1, P2, P3, P4, P5\n"
        "\n1 blueprint checked; 1 invalid\n"
    )


def test_a_missing_path_or_an_unknown_format_exits_2(run, tmp_path: Path) -> None:
    missing = run("check", tmp_path / "nowhere")
    assert missing.exit_code == 2 and "does not exist" in missing.stderr
    wrong = run("check", "--format", "yaml", FIXTURE)
    assert wrong.exit_code == 2
    assert wrong.stderr.startswith("kltransfer: error KT900: unknown format 'yaml'\n")


def test_findings_formats_of_validate_work_for_check(run, tree) -> None:
    root = tree({"tiny/blueprint.yaml": MINIMAL})
    result = run("check", "--format", "github", root / "tiny")
    assert result.exit_code == 0
    assert "title=KT410::costs.investment.total: the investment costs are not stated" in result.stdout


def test_labels_need_a_high_score_and_a_proven_phase() -> None:
    assert label_for(95, "P3") == "proven"
    assert label_for(95, "P2") == "ready"
    assert label_for(79, "P5") == "ready"
    assert label_for(60, "P1") == "ready"
    assert label_for(59, "P5") == "incomplete"


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("CC-BY-4.0", True),
        ("MIT OR Apache-2.0", True),
        ("MIT OR LicenseRef-Proprietary", True),
        ("MIT AND LicenseRef-Proprietary", False),
        ("GPL-2.0-or-later WITH Classpath-exception-2.0", True),
        ("LicenseRef-Proprietary", False),
        ("CC-BY-NC-4.0", False),
        ("((", False),
    ],
)
def test_open_licences(expression: str, expected: bool) -> None:
    assert is_open(expression) is expected


def test_the_rules_on_a_format_1_1_blueprint_with_gaps_everywhere(run, tree) -> None:
    root = tree({"rich/blueprint.yaml": RICH_1_1})
    code, report = _json(run, root / "rich")
    assert code == 0
    [blueprint] = report["blueprints"]
    assert (blueprint["score"], blueprint["label"], blueprint["format"]) == (60, "ready", "1.1")
    assert [(f["code"], f["key_path"], f["line"]) for f in blueprint["findings"]] == [
        ("KT470", "description", 6),
        ("KT401", "licence", 7),
        ("KT440", "contacts", 12),
        ("KT411", "costs.operation_per_year.total", 15),
        ("KT412", "funding.sources", 18),
        ("KT431", "privacy.legal_basis", 20),
        ("KT432", "privacy.impact_assessment.status", 21),
        ("KT433", "participation", 23),
        ("KT402", "components[0].licence", 25),
        ("KT403", "components[0].depends_on.proprietary[0].vendor", 30),
        ("KT403", "components[1].vendor", 32),
        ("KT421", "operator_model.after_funding", 37),
        ("KT461", "goals[0].kpis[1].baseline", 44),
        ("KT451", "transfer.effort", 49),
    ]
    assert {area: value["score"] for area, value in blueprint["areas"].items()} == {
        "openness": 4.6,  # 15 * (0 + 0 + 2 * 1/3 + 3) / 12: licence and component not open, 1 of 3 vendors
        "costs_funding": 7.5,  # 15 * (2 + 0 + 1 * 0.5) / 5
        "operation": 7.5,  # 10 * (2 + 2 * 0.5) / 4
        "privacy_participation": 5.8,  # 10 * (2 + 0 + 1 * 0.5 + 2 * 0.5) / 6
        "contacts": 0.0,  # the only e-mail address is a TODO
        "knowledge": 10.0,
        "adoption": 5.0,
        "impact": 7.5,  # 10 * (1 + 0.5) / 2
        "localisation": 3.3,  # 5 * 2/3
        "maturity": 8.5,  # P4
    }


def test_rules_the_configuration_ignores_neither_report_nor_count(run, tree) -> None:
    root = tree(
        {
            "tiny/blueprint.yaml": MINIMAL,
            "kl.yaml": "ignore: [KT404, KT48]\nper-file-ignores:\n  tiny/*.yaml: [KT47]\n",
        }
    )
    _, plain = _json(run, root / "tiny")
    code, configured = _json(run, "--config", root / "kl.yaml", root / "tiny")
    assert code == 0
    before, after = plain["blueprints"][0], configured["blueprints"][0]
    assert {"KT404", "KT470", "KT480"} <= {f["code"] for f in before["findings"]}
    assert {f["code"] for f in after["findings"]} == {f["code"] for f in before["findings"]} - {
        "KT404",
        "KT470",
        "KT480",
    }
    # an ignored rule counts as not applicable: its area is scored on the remaining rules
    assert before["areas"]["openness"]["score"] == 11.2 and after["areas"]["openness"]["score"] == 15.0
    assert after["areas"]["localisation"]["score"] == 5.0 and after["areas"]["maturity"]["score"] == 10.0
    assert after["score"] == 35
    bad = tree({"bad.yaml": "ignore: KT404\n"})
    assert run("check", "--config", bad, root / "tiny").exit_code == 2
