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
from kltransfer.readiness.rules.base import PHASES, WORKSTREAMS
from kltransfer.rules import RULES as CATALOGUE
from kltransfer.rules import Severity

from .conftest import EXAMPLES, ROOT

FIXTURE = Path(__file__).parent / "data" / "migrate" / "kaiserslautern-1.0"
EXAMPLE_FILES = sorted(EXAMPLES.glob("*/blueprint.yaml"))

MINIMAL = """\
kltransfer: "1.2"
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


PROVEN = """\
kltransfer: "1.2"
id: proven
version: 1.0.0
title: {de: Baumbewässerung, en: Tree watering}
summary: {de: "Sensoren melden, wann Bäume Wasser brauchen.", en: Sensors report when trees need water.}
description: {de: Bodenfeuchtesensoren an Stadtbäumen., en: Soil moisture sensors at street trees.}
licence: CC-BY-4.0
city: {name: Musterstadt, state: DE-BY}
fields_of_action: [environment]
phase: P4
contacts:
  - {role: Grünflächenamt, email: gruen@musterstadt.example}
costs:
  investment: {total: 100000}
  operation_per_year: {total: 12000}
funding:
  sources:
    - {funder: Land, amount: 65000}
  own_share: 35000
privacy:
  personal_data: false
participation:
  description: Anwohnende wählten die Standorte mit aus.
  groups: [Anwohnende]
components:
  - {name: FROST-Server, type: software, licence: LGPL-3.0-or-later, open_source: true}
standards:
  - {name: OGC SensorThings API, url: https://www.ogc.org}
operator_model:
  operator: Grünflächenamt
  type: municipality
  after_funding: Das Grünflächenamt trägt den Betrieb ab 2026 aus seinem Haushalt.
goals:
  - goal: Bäume bedarfsgerecht gießen
    kpis:
      - {name: Gießwasser je Baum, unit: Liter, baseline: 1400, baseline_year: 2021, target: 1000,
         achieved: 1050, measured: 2025-10}
lessons_learned:
  - text: Sensoren zuerst an jungen Bäumen einsetzen.
transfer:
  prerequisites: [Ein LoRaWAN-Netz]
  effort: {person_days: 40}
"""


def _checked(run, tree, text: str, name: str = "bp") -> dict:
    """The readiness of one blueprint text (it must be valid)."""
    root = tree({f"{name}/blueprint.yaml": text})
    assert run("validate", root / name).exit_code == 0, run("validate", root / name).stdout
    code, report = _json(run, root / name)
    assert code == 0
    return report["blueprints"][0]


def _codes(blueprint: dict) -> list[str]:
    return [f["code"] for f in blueprint["findings"]]


def test_the_areas_weigh_100_and_every_rule_is_catalogued_and_documented() -> None:
    assert sum(weight for _, weight in AREAS.values()) == 100
    docs = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    codes = [r.code for r in RULES]
    assert len(codes) == len(set(codes))
    for rule in RULES:
        assert re.fullmatch(r"KT4\d\d", rule.code)
        assert rule.area in AREAS
        assert rule.phase in PHASES and rule.workstream in WORKSTREAMS
        assert rule.rationale and rule.fix and rule.points > 0
        assert CATALOGUE[rule.code].severity is Severity.WARNING
        assert f"### {rule.code} " in docs, rule.code
        assert f"from {rule.phase}, " in docs.split(f"### {rule.code} ", 1)[1].split("###", 1)[0], rule.code
    assert {r.area for r in RULES} == set(AREAS)
    assert {r.workstream for r in RULES} == set(WORKSTREAMS)
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
            assert finding["workstream"] in WORKSTREAMS and finding["gain"] > 0
        assert [f["gain"] for f in blueprint["first"]] == sorted((f["gain"] for f in blueprint["first"]), reverse=True)
    assert report["summary"]["blueprints"] == len(EXAMPLE_FILES)
    assert report["summary"]["invalid"] == 0 and report["summary"]["ok"] is True


@pytest.mark.parametrize("migrated", [False, True], ids=["format-1.0", "format-1.2"])
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
    named = {(f["code"], f["key_path"], f["area"], f["workstream"]) for f in bare["findings"]}
    assert ("KT410", "costs.investment.total", "costs_funding", "financial") in named
    assert ("KT411", "costs.operation_per_year.total", "costs_funding", "financial") in named
    assert ("KT420", "operator_model", "operation", "organisational") in named
    assert any(code == "KT421" for code, _, _, _ in named)
    assert "operation_costs" in bare["proven_missing"] and "after_funding" in bare["proven_missing"]


def test_format_1_1_and_later_ask_for_after_funding(run, full: Path) -> None:
    _, old = _json(run, full)
    assert run("migrate", full).exit_code == 0
    _, new = _json(run, full)
    assert old["blueprints"][0]["format"] == "1.0" and new["blueprints"][0]["format"] == "1.2"
    assert old["blueprints"][0]["areas"]["operation"]["score"] == 10.0
    assert new["blueprints"][0]["areas"]["operation"]["score"] == 7.5
    assert ("KT421", "operator_model.after_funding") in [
        (f["code"], f["key_path"]) for f in new["blueprints"][0]["findings"]
    ]
    text = full.read_text(encoding="utf-8").replace(
        "  type: municipal-company\n",
        "  type: municipal-company\n  after_funding: Die Stadt trägt den Betrieb ab 2026 aus dem Haushalt.\n",
    )
    full.write_text(text, encoding="utf-8")
    code, fixed = _json(run, full)
    assert code == 0
    assert fixed["blueprints"][0]["areas"]["operation"]["score"] == 10.0
    assert "KT421" not in _codes(fixed["blueprints"][0])


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
    """Areas, then the three pieces of advice that gain most, then all advice by workstream."""
    root = tree({"tiny/blueprint.yaml": MINIMAL})
    path = root / "tiny" / "blueprint.yaml"
    result = run("check", path)
    assert result.exit_code == 0
    fixes = {r.code: r.fix_for("1.2") for r in RULES}
    assert result.stdout == (
        f"{path} (tiny)\n"
        "  score 27/100, incomplete (phase P2, format 1.2)\n"
        "  openness                 ########..  11.2/15\n"
        "  costs & funding          ..........   0.0/15\n"
        "  operation                ..........   0.0/10\n"
        "  privacy & participation  ..........   0.0/10\n"
        "  contacts                 ##########   5.0/5\n"
        "  knowledge                            not asked in this phase\n"
        "  adoption                             not asked in this phase\n"
        "  impact                   ..........   0.0/10\n"
        "  localisation             #####.....   2.5/5\n"
        "  maturity                 ##........   2.5/10\n"
        "  do these 3 first:\n"
        "    1. +12.5  KT410 costs.investment.total: the investment costs are not stated\n"
        "    2. +12.5  KT420 operator_model: there is no operator model\n"
        "    3. +12.5  KT460 goals: no KPIs are given\n"
        "  economic workstream\n"
        f"    {path}:1:1: warning KT460 goals: no KPIs are given (+12.5)\n"
        f"        fix: {fixes['KT460']}\n"
        "  organisational workstream\n"
        f"    {path}:1:1: warning KT420 operator_model: there is no operator model (+12.5)\n"
        f"        fix: {fixes['KT420']}\n"
        f"    {path}:1:1: warning KT433 participation: participation is not described (+6.2)\n"
        f"        fix: {fixes['KT433']}\n"
        "  financial workstream\n"
        f"    {path}:1:1: warning KT410 costs.investment.total: the investment costs are not stated (+12.5)\n"
        f"        fix: {fixes['KT410']}\n"
        f"    {path}:1:1: warning KT412 funding: the funding is not stated (+6.2)\n"
        f"        fix: {fixes['KT412']}\n"
        "  technical workstream\n"
        f"    {path}:1:1: warning KT404 standards: no open standards are listed (+4.7)\n"
        f"        fix: {fixes['KT404']}\n"
        "  all workstreams\n"
        f"    {path}:9:8: warning KT480 phase: the project is at phase P2 (a prototype), not yet a pilot (P3) (+9.4)\n"
        f"        fix: {fixes['KT480']}\n"
        f"    {path}:1:1: warning KT430 privacy: privacy is not described (+6.2)\n"
        f"        fix: {fixes['KT430']}\n"
        f"    {path}:5:10: warning KT470 summary: 'summary' is not given in de, en (+3.1)\n"
        f"        fix: {fixes['KT470']}\n"
        "\n"
        "1 blueprint checked: average score 27, lowest 27; 1 incomplete\n"
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


def test_labels_need_a_high_score_and_nothing_missing_for_proven() -> None:
    assert label_for(95, []) == "proven"
    assert label_for(95, ["phase"]) == "ready"
    assert label_for(79, []) == "ready"
    assert label_for(60, ["measured_kpi"]) == "ready"
    assert label_for(59, []) == "incomplete"


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
    assert (blueprint["score"], blueprint["label"], blueprint["format"]) == (56, "incomplete", "1.1")
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
        ("KT463", "goals", 41),
        ("KT462", "goals[0].kpis[0].target", 43),
        ("KT461", "goals[0].kpis[1].baseline", 44),
        ("KT462", "goals[0].kpis[1].target", 44),
        ("KT451", "transfer.effort", 49),
    ]
    assert {area: value["score"] for area, value in blueprint["areas"].items()} == {
        "openness": 4.6,  # 15 * (0 + 0 + 2 * 1/3 + 3) / 12: licence and component not open, 1 of 3 vendors
        "costs_funding": 7.5,  # 15 * (2 + 0 + 1 * 0.5) / 5
        "operation": 7.5,  # 10 * (2 + 2 * 0.5) / 4
        "privacy_participation": 5.8,  # 10 * (2 + 0 + 1 * 0.5 + 2 * 0.5) / 6
        "contacts": 0.0,  # the only e-mail address is a TODO
        "knowledge": 10.0,
        "adoption": 5.0,  # prerequisites yes, effort no (KT452, KT453 ask only from P5)
        "impact": 3.8,  # 10 * (1 + 0.5 + 0 + 0) / 4: KPIs, 1 of 2 baselines, no target, nothing measured
        "localisation": 3.3,  # 5 * 2/3
        "maturity": 8.5,  # P4
    }
    assert blueprint["proven_missing"] == ["operation_costs", "after_funding", "impact_assessment", "measured_kpi"]


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
    assert {"KT404", "KT470", "KT480"} <= set(_codes(before))
    assert set(_codes(after)) == set(_codes(before)) - {"KT404", "KT470", "KT480"}
    # an ignored rule counts as not applicable: its area is scored on the remaining rules, and an
    # area whose every rule is ignored is left out of the score
    assert before["areas"]["openness"]["score"] == 11.2 and after["areas"]["openness"]["score"] == 15.0
    assert not after["areas"]["localisation"]["applies"] and not after["areas"]["maturity"]["applies"]
    asked = [a for a in after["areas"].values() if a["applies"]]
    assert after["score"] == round(100 * sum(a["score"] for a in asked) / sum(a["weight"] for a in asked))
    bad = tree({"bad.yaml": "ignore: KT404\n"})
    assert run("check", "--config", bad, root / "tiny").exit_code == 2


# --- a fair check ---------------------------------------------------------------------------


def test_a_complete_blueprint_in_long_term_operation_is_proven(run, tree) -> None:
    blueprint = _checked(run, tree, PROVEN)
    assert (blueprint["score"], blueprint["label"], blueprint["proven_missing"]) == (98, "proven", [])
    assert blueprint["findings"] == [] and blueprint["first"] == []


@pytest.mark.parametrize(
    ("old", "new", "condition"),
    [
        ("phase: P4", "phase: P3", "phase"),
        ("  operation_per_year: {total: 12000}\n", "", "operation_costs"),
        ("  operation_per_year: {total: 12000}\n", "  operation_per_year: {total: unknown}\n", "operation_costs"),
        ("  after_funding: Das Grünflächenamt trägt den Betrieb ab 2026 aus seinem Haushalt.\n", "", "after_funding"),
        ("  after_funding: Das Grünflächenamt", "  after_funding: x\n  financing: Das Grünflächenamt", "after_funding"),
        ("  personal_data: false", "  personal_data: unknown", "personal_data"),
        (
            "  personal_data: false",
            "  personal_data: true\n  legal_basis: Art. 6 Abs. 1 lit. e DSGVO\n  impact_assessment: {status: planned}",
            "impact_assessment",
        ),
        ("\n         achieved: 1050, measured: 2025-10}", "}", "measured_kpi"),
    ],
    ids=[
        "phase-P3",
        "no-operating-costs",
        "operating-costs-unknown",
        "no-after-funding",
        "after-funding-says-nothing",
        "personal-data-unknown",
        "assessment-only-planned",
        "no-measured-kpi",
    ],
)
def test_proven_needs_what_an_adopter_needs_to_trust_it(run, tree, old: str, new: str, condition: str) -> None:
    assert PROVEN.count(old) == 1
    blueprint = _checked(run, tree, PROVEN.replace(old, new))
    assert blueprint["proven_missing"] == [condition]
    assert blueprint["label"] == "ready"
    text = run("check", tree({"t/blueprint.yaml": PROVEN.replace(old, new)}) / "t").stdout
    assert "for 'proven' this is still missing: " in text


def test_a_measurement_series_counts_as_a_measured_kpi(run, tree) -> None:
    series = PROVEN.replace(
        "achieved: 1050, measured: 2025-10}",
        "measurements: [{date: 2024, value: 1180}, {date: 2025-09, value: 1050}]}",
    )
    assert _checked(run, tree, series)["proven_missing"] == []


@pytest.mark.parametrize(
    "says_nothing",
    [
        "x",
        "X.",
        "Keine Angaben",
        "keine Angabe",
        "k. A.",
        "n/a",
        "N/A",
        "-",
        "–",
        "...",
        "siehe oben",
        "s. o.",
        "see above",
        "tbd",
        "noch offen",
        "Betrieb",
    ],
)
def test_a_text_that_says_nothing_is_no_answer(run, tree, says_nothing: str) -> None:
    text = PROVEN.replace(
        "  after_funding: Das Grünflächenamt trägt den Betrieb ab 2026 aus seinem Haushalt.\n",
        f"  after_funding: {json.dumps(says_nothing, ensure_ascii=False)}\n",
    )
    blueprint = _checked(run, tree, text)
    [finding] = [f for f in blueprint["findings"] if f["code"] == "KT421"]
    assert finding["key_path"] == "operator_model.after_funding"
    assert finding["message"] == "'after_funding' does not say who operates and pays after the funding ends"
    assert blueprint["areas"]["operation"]["score"] == 5.0  # 2 of 4 points: no credit at all for it
    assert "after_funding" in blueprint["proven_missing"]


def test_a_placeholder_is_missing_and_unknown_is_honest(run, tree) -> None:
    old = "  after_funding: Das Grünflächenamt trägt den Betrieb ab 2026 aus seinem Haushalt.\n"
    todo = _checked(run, tree, PROVEN.replace(old, '  after_funding: "TODO: mit Kämmerei klären"\n'), "todo")
    unknown = _checked(run, tree, PROVEN.replace(old, "  after_funding: unknown\n"), "unknown")
    german = _checked(run, tree, PROVEN.replace(old, "  after_funding: noch nicht bekannt\n"), "german")
    assert todo["areas"]["operation"]["score"] == 5.0
    assert unknown["areas"]["operation"]["score"] == german["areas"]["operation"]["score"] == 7.5
    assert [f["message"] for f in unknown["findings"]] == ["what happens after the funding ends is given as unknown"]
    # a figure not published: partial credit, never scored as 0
    figures = _checked(run, tree, PROVEN.replace("{total: 100000}", "{total: unknown}"), "figures")
    assert figures["areas"]["costs_funding"]["score"] == 12.0  # 15 * (2 * 0.5 + 2 + 1) / 5
    assert [f["message"] for f in figures["findings"]] == ["the investment costs are not published"]


def test_honesty_is_never_penalised(run, tree) -> None:
    """Personal data declared with its legal basis and a finished assessment scores at least as
    well as the same blueprint declaring none; declaring none against its own data sets does not pay."""
    declared = PROVEN.replace(
        "  personal_data: false",
        "  personal_data: true\n  categories: [E-Mail-Adressen der Gießpatenschaften]\n"
        "  legal_basis: Art. 6 Abs. 1 lit. a DSGVO (Einwilligung)\n"
        "  impact_assessment: {status: done, date: 2024-03}",
    )
    honest = _checked(run, tree, declared, "honest")
    claim = _checked(run, tree, PROVEN, "claim")
    assert honest["score"] >= claim["score"]
    assert honest["label"] == claim["label"] == "proven"
    assert honest["areas"]["privacy_participation"] == claim["areas"]["privacy_participation"]
    contradicted = PROVEN + "data:\n  - {name: Gießpatenschaften, personal_data: true}\n"
    denied = _checked(run, tree, contradicted, "denied")
    assert denied["score"] < honest["score"]
    assert [f["code"] for f in denied["findings"]] == ["KT430"]


def test_an_unknown_licence_is_not_closed_source(run, tree) -> None:
    component = "  - {name: FROST-Server, type: software, licence: LGPL-3.0-or-later, open_source: true}\n"
    unknown = _checked(
        run, tree, PROVEN.replace(component, "  - {name: Gießkarte, type: software, licence: unknown}\n"), "u"
    )
    closed = _checked(
        run,
        tree,
        PROVEN.replace(component, "  - {name: Gießkarte, type: software, open_source: false, vendor: Firma GmbH}\n"),
        "c",
    )
    [finding] = unknown["findings"]
    assert (finding["code"], finding["key_path"]) == ("KT402", "components[0].licence")
    assert finding["message"] == "the licence of the component 'Gießkarte' is not published"
    assert "not open source" not in finding["message"]
    assert unknown["areas"]["openness"]["score"] > closed["areas"]["openness"]["score"]
    assert [f["message"] for f in closed["findings"]] == ["the software component 'Gießkarte' is not open source"]
    # an unknown licence asks for no vendor (KT403): it is not declared proprietary
    both = _checked(
        run, tree, PROVEN.replace(component, "  - {name: Gießkarte, type: software, open_source: unknown}\n"), "b"
    )
    assert _codes(both) == ["KT402"]


#: One rule per workstream: (workstream, code, the phase it applies from, a change that breaks it).
PHASED = [
    ("economic", "KT462", "P3", ("target: 1000,\n", "\n")),
    ("organisational", "KT420", "P2", ("  type: municipality\n", "  type: TODO\n")),
    ("financial", "KT411", "P3", ("  operation_per_year: {total: 12000}\n", "")),
    ("technical", "KT402", "P2", ("open_source: true}", "open_source: false, vendor: Firma}")),
    ("throughout", "KT441", "P3", ("  - text: Sensoren zuerst an jungen Bäumen einsetzen.", "  - text: siehe oben")),
]


@pytest.mark.parametrize(("workstream", "code", "phase", "change"), PHASED, ids=[p[0] for p in PHASED])
def test_each_rule_applies_from_its_phase(run, tree, workstream: str, code: str, phase: str, change) -> None:
    rule = next(r for r in RULES if r.code == code)
    assert (rule.workstream, rule.phase) == (workstream, phase)
    broken = PROVEN.replace(*change)
    assert broken != PROVEN
    before = f"P{int(phase[1]) - 1}"
    early = _checked(run, tree, broken.replace("phase: P4", f"phase: {before}"), "early")
    due = _checked(run, tree, broken.replace("phase: P4", f"phase: {phase}"), "due")
    assert code not in _codes(early)  # not asked before its phase, and not counted
    assert next((f["code"], f["workstream"], f["phase"]) for f in due["findings"] if f["code"] == code) == (
        code,
        workstream,
        phase,
    )
    area = rule.area
    # before its phase the rule neither costs points nor counts: its area scores higher, or is not asked at all
    assert due["areas"][area]["applies"]
    assert not early["areas"][area]["applies"] or early["areas"][area]["score"] > due["areas"][area]["score"]


def test_transfer_asks_for_adaptations_and_adopters(run, tree) -> None:
    p5 = PROVEN.replace("phase: P4", "phase: P5")
    blueprint = _checked(run, tree, p5)
    assert {(f["code"], f["key_path"]) for f in blueprint["findings"]} == {
        ("KT452", "transfer.adaptations"),
        ("KT453", "transfer.adopters"),
    }
    adopted = p5.replace(
        "  effort: {person_days: 40}\n",
        "  effort: {person_days: 40}\n"
        "  adaptations: {technical: [Eigene Baumdaten], financial: [Budget], legal: [Nutzungsbedingungen],"
        " organisational: [Zuständigkeit Grünflächenamt]}\n"
        "  adopters:\n    - {city: {name: Nachbarstadt, state: DE-BY}, status: operating, since: 2024}\n",
    )
    assert _checked(run, tree, adopted, "adopted")["findings"] == []


def test_advice_is_grouped_by_workstream_and_sorted_by_what_it_gains(run, tree) -> None:
    thin = PROVEN.replace("  operation_per_year: {total: 12000}\n", "").replace(
        "  personal_data: false", "  personal_data: unknown"
    )
    blueprint = _checked(
        run, tree, thin.replace("  - {name: OGC SensorThings API, url: https://www.ogc.org}\n", "  - {name: x}\n")
    )
    gains = [(f["code"], f["gain"]) for f in blueprint["findings"]]
    assert sorted(gains, key=lambda g: -g[1])[:3] == [(f["code"], f["gain"]) for f in blueprint["first"]]
    text = run("check", tree({"t/blueprint.yaml": thin}) / "t").stdout.splitlines()
    first = text.index("  do these 2 first:")
    assert text[first + 1].startswith("    1. +6.0  KT411 costs.operation_per_year.total")
    assert text[first + 2].startswith("    2. +2.5  KT430 privacy.personal_data")
    assert text.index("  financial workstream") < text.index("  all workstreams")


@pytest.mark.parametrize(
    ("version", "shown", "not_shown"), [("1.0", "'own_share'", "funding.sources"), ("1.2", "'funding.sources'", "1.0")]
)
def test_fixes_speak_of_the_files_own_format_version(run, tree, version: str, shown: str, not_shown: str) -> None:
    root = tree({"b/blueprint.yaml": MINIMAL.replace('kltransfer: "1.2"', f'kltransfer: "{version}"')})
    _, report = _json(run, root / "b")
    [funding] = [f for f in report["blueprints"][0]["findings"] if f["code"] == "KT412"]
    assert shown in funding["hint"] and not_shown not in funding["hint"]
    assert "format" not in funding["hint"]
    for rule in RULES:
        for v in ("1.0", "1.1", "1.2"):
            assert "format 1." not in rule.fix_for(v), (rule.code, v)


def test_the_check_speaks_german(run, tree) -> None:
    root = tree({"tiny/blueprint.yaml": MINIMAL})
    result = run("check", root / "tiny", env={"LANG": "de_DE.UTF-8"})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[1] == "  Punktzahl 27/100, unvollständig (Phase P2, Format 1.2)"
    assert lines[2].startswith("  Offenheit ")
    assert "  Zuerst diese 3:" in lines
    assert "  wirtschaftlicher Arbeitsstrang" in lines and "  alle Arbeitsstränge" in lines
    assert any(line.endswith("KT460 goals: es sind keine Kennzahlen (KPIs) angegeben (+12,5)") for line in lines)
    assert any(": Warnung KT460 " in line for line in lines)  # the severity word is German too
    assert any(line.endswith("in dieser Phase noch nicht gefragt") for line in lines)
    assert lines[-1] == "1 Blueprint geprüft: durchschnittliche Punktzahl 27, niedrigste 27; 1 unvollständig"
