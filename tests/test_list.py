"""`kltransfer list`: rows, filters, search and formats."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

from tests.conftest import EXAMPLES

EXAMPLE_IDS = sorted(p.parent.name for p in EXAMPLES.glob("*/blueprint.yaml"))
FIELDS = {
    "id",
    "title",
    "city",
    "state",
    "fields_of_action",
    "phase",
    "licence",
    "investment",
    "operation_per_year",
    "currency",
}


def _ids(stdout: str) -> list[str]:
    return sorted(e["id"] for e in json.loads(stdout))


def test_json_lists_every_example_with_the_fields(run) -> None:
    result = run("list", EXAMPLES, "--format", "json")
    assert result.exit_code == 0, result.stderr
    entries = json.loads(result.stdout)
    assert sorted(e["id"] for e in entries) == EXAMPLE_IDS
    for entry in entries:
        assert set(entry) >= FIELDS
        assert entry["title"] and entry["city"] and entry["state"].startswith("DE-")
        assert entry["fields_of_action"] and entry["phase"] in {"P1", "P2", "P3", "P4", "P5"}


def test_where_filters_by_key_path(run) -> None:
    result = run("list", EXAMPLES, "--format", "json", "--where", "city.state=DE-RP")
    assert result.exit_code == 0
    assert _ids(result.stdout) == ["kaiserslautern-participation-platform"]


def test_where_matches_any_list_element_and_combines_with_and(run) -> None:
    mobility = _ids(run("list", EXAMPLES, "--format", "json", "--where", "fields_of_action=mobility").stdout)
    assert mobility == ["bamberg-lorawan-sensor-network"]
    both = run(
        "list",
        EXAMPLES,
        "--format",
        "json",
        "--where",
        "fields_of_action=participation",
        "--where",
        "city.state!=DE-RP",
    )
    assert "kaiserslautern-participation-platform" not in _ids(both.stdout)
    assert _ids(both.stdout)


def test_where_numeric_comparison_and_computed_fields(run) -> None:
    small = _ids(run("list", EXAMPLES, "--format", "json", "--where", "city.population<100000").stdout)
    large = _ids(run("list", EXAMPLES, "--format", "json", "--where", "city_size=large-city").stdout)
    assert small and large
    assert set(small).isdisjoint(large)
    assert sorted(small + large) == EXAMPLE_IDS


def test_search_looks_in_every_language_ignoring_case_and_accents(run) -> None:
    german = _ids(run("list", EXAMPLES, "--format", "json", "--search", "BÜRGERBETEILIGUNG").stdout)
    english = _ids(run("list", EXAMPLES, "--format", "json", "--search", "digital twin", "--lang", "en").stdout)
    german_twin = _ids(run("list", EXAMPLES, "--format", "json", "--search", "digitaler zwilling").stdout)
    assert "kaiserslautern-participation-platform" in german
    assert english == german_twin == ["connected-urban-twins", "ulm-digital-twin"]
    assert _ids(run("list", EXAMPLES, "--format", "json", "--search", "lorawan").stdout) == [
        "bamberg-lorawan-sensor-network"
    ]
    assert _ids(run("list", EXAMPLES, "--format", "json", "--search", "zzzz-nothing").stdout) == []


def test_csv_has_a_header_and_one_row_per_blueprint(run) -> None:
    result = run("list", EXAMPLES, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert sorted(r["id"] for r in rows) == EXAMPLE_IDS
    assert all(";" in r["fields_of_action"] or r["fields_of_action"] for r in rows)


def test_table_is_plain_text_when_not_a_terminal(run) -> None:
    result = run("list", EXAMPLES)
    assert result.exit_code == 0
    assert "\x1b[" not in result.stdout
    for blueprint_id in EXAMPLE_IDS:
        assert blueprint_id in result.stdout
    assert result.stdout.rstrip().endswith(f"{len(EXAMPLE_IDS)} blueprints")


def test_unknown_field_is_a_usage_error_with_a_suggestion(run) -> None:
    result = run("list", EXAMPLES, "--where", "cty.state=DE-RP")
    assert result.exit_code == 2
    assert "unknown field 'cty.state'" in result.stderr
    assert "did you mean 'city'?" in result.stderr


def test_unreadable_filter_and_format_are_usage_errors(run) -> None:
    assert run("list", EXAMPLES, "--where", "state").exit_code == 2
    assert run("list", EXAMPLES, "--format", "xml").exit_code == 2


def test_invalid_blueprint_is_left_out_and_reported(run, tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES / "gera-open-data-portal", tmp_path / "good")
    bad = tmp_path / "bad" / "blueprint.yaml"
    bad.parent.mkdir()
    bad.write_text('kltransfer: "1.0"\nid: Bad Id\n', encoding="utf-8")
    result = run("list", tmp_path, "--format", "json")
    assert result.exit_code == 1
    assert _ids(result.stdout) == ["gera-open-data-portal"]
    assert "bad/blueprint.yaml is invalid and left out" in result.stderr
    assert "KT105" in result.stderr and "KT102" in result.stderr


def test_format_1_2_fields_of_the_entries(run) -> None:
    """Several cities, an owner body and adopters are fields of the entry (catalog.json, list)."""
    entries = {e["id"]: e for e in json.loads(run("list", EXAMPLES, "--format", "json").stdout)}
    cut, gdk, kl = (
        entries["connected-urban-twins"],
        entries["berlin-giess-den-kiez"],
        entries["kaiserslautern-participation-platform"],
    )
    assert (cut["cities"], cut["several_cities"], cut["city"]) == (["Hamburg", "Leipzig", "München"], True, "Hamburg")
    assert (cut["adopters"], cut["has_adopters"], cut["owner_type"]) == (0, False, None)
    assert (gdk["cities"], gdk["several_cities"], gdk["adopters"], gdk["has_adopters"]) == (["Berlin"], False, 1, True)
    assert cut["open_source"] is None  # DIPAS: open source "unknown", which is not "no"
    assert kl["open_source"] is True


def test_where_filters_by_format_1_2_fields(run, tmp_path: Path) -> None:
    def ids(*where: str) -> list[str]:
        args = [arg for w in where for arg in ("--where", w)]
        result = run("list", EXAMPLES, tmp_path, "--format", "json", *args)
        assert result.exit_code == 0, result.stderr
        return _ids(result.stdout)

    every_field = Path(__file__).parent / "data" / "export" / "every-field-1.2"
    shutil.copytree(every_field, tmp_path / "every-field")
    assert ids("has_adopters=true") == ["berlin-giess-den-kiez", "musterkreis-every-field"]
    assert ids("several_cities=true") == ["connected-urban-twins", "musterkreis-every-field"]
    assert ids("cities=Leipzig") == ["connected-urban-twins"]  # Leipzig carries CUT; it adopted Gieß den Kiez
    assert ids("transfer.adopters.city.name=Leipzig") == ["berlin-giess-den-kiez"]
    assert ids("owner_type=district") == ["musterkreis-every-field"]
    assert ids("adopters>=1", "several_cities=false") == ["berlin-giess-den-kiez"]


def test_csv_has_the_format_1_2_columns(run) -> None:
    rows = list(csv.DictReader(io.StringIO(run("list", EXAMPLES, "--format", "csv").stdout)))
    cut = next(r for r in rows if r["id"] == "connected-urban-twins")
    assert (cut["cities"], cut["several_cities"], cut["adopters"], cut["has_adopters"]) == (
        "Hamburg;Leipzig;München",
        "True",
        "0",
        "False",
    )
