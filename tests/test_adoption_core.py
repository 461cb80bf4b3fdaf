"""Unit tests of the adoption core: text edits, the local-context reset, sources and versions."""

from __future__ import annotations

import pytest
import yaml

from kltransfer.adoption.context import LocalContext, parse_assignment, reset_text
from kltransfer.adoption.merge import conflict_lines, merge_text
from kltransfer.adoption.yaml_edit import insert_top_level, remove_top_level, set_value
from kltransfer.errors import UsageError
from kltransfer.sources import versions
from kltransfer.sources.paths import unsafe_reason
from kltransfer.sources.spec import classify

TEXT = """\
# a comment at the top
id: demo        # the id
phase: P4       # where we are
city:
  name: Gera
  state: DE-TH
title: {de: Alt, en: Old}
contacts:
  - role: lead
    email: a@b.de
costs:
  investment:
    total: 5
"""


def test_set_value_replaces_in_place_and_keeps_comments():
    out = set_value(TEXT, ("phase",), "P1")
    assert "phase: P1       # where we are\n" in out
    assert out.replace("phase: P1 ", "phase: P4 ") == TEXT


def test_set_value_inserts_missing_keys_in_their_mapping():
    out = set_value(TEXT, ("costs", "investment", "note"), "from Gera")
    assert "  investment:\n    total: 5\n    note: from Gera\n" in out
    top = set_value(TEXT, ("status",), "planned")
    assert top == TEXT + "status: planned\n"


def test_set_value_rewrites_flow_collections_and_blocks():
    out = set_value(TEXT, ("title", "de"), "Neu: mit Doppelpunkt")
    assert "title: {de: 'Neu: mit Doppelpunkt', en: Old}\n" in out
    contacts = set_value(TEXT, ("contacts",), [{"role": "TODO: role", "email": "TODO: mail"}])
    assert "contacts:\n  - role: 'TODO: role'\n    email: 'TODO: mail'\ncosts:\n" in contacts
    with pytest.raises(UsageError):
        set_value(TEXT, ("phase", "x"), 1)


def test_origin_block_is_removed_and_put_back_in_place():
    with_origin = insert_top_level(TEXT, None, "origin", {"source": "x", "blueprint": "demo"})
    assert with_origin == TEXT + "\norigin:\n  source: x\n  blueprint: demo\n"
    stripped, position = remove_top_level(with_origin, "origin")
    assert (stripped, position) == (TEXT, len(TEXT))
    assert remove_top_level(TEXT, "origin") == (TEXT, None)


def test_reset_is_deterministic_and_local():
    context = LocalContext("Musterstadt", ("city.state=DE-BY", "city.population=1200", 'city.ags="09000000"'))
    out = reset_text(TEXT, context)
    assert out == reset_text(TEXT, context)
    assert "city:\n  name: Musterstadt\n  state: DE-BY\n  population: 1200\n" in out
    assert "  ags: '09000000'\n" in out
    assert "phase: P1       # where we are\n" in out
    assert "\nstatus: planned\n" in out
    assert "    note: The figures are Gera's (from the adopted blueprint); replace them with your own.\n" in out


def test_assignments_are_read_as_yaml_values():
    assert parse_assignment("contacts[0].email=x@y.de") == (("contacts", 0, "email"), "x@y.de")
    assert parse_assignment("a.b=12") == (("a", "b"), 12)
    assert parse_assignment("a='12'") == (("a",), "12")
    assert parse_assignment("a=[x, y]") == (("a",), ["x", "y"])
    for bad in ("noequals", "=x", "a..b=1", "a=line\nbreak"):
        with pytest.raises(UsageError):
            parse_assignment(bad)


def test_names_of_codes_are_taken_as_new_takes_them():
    """--set city.state=Bayern means the code, as the same answer to 'kltransfer new' does."""
    assert parse_assignment("city.state=Bayern") == (("city", "state"), "DE-BY")
    assert parse_assignment("cities[1].state=nrw") == (("cities", 1, "state"), "DE-NW")
    assert parse_assignment("phase=Pilot") == (("phase",), "P3")
    assert parse_assignment("fields_of_action=[Umwelt, Mobilität]") == (
        ("fields_of_action",),
        ["environment", "mobility"],
    )
    assert parse_assignment("city.name=Bayern") == (("city", "name"), "Bayern")  # a name stays a name
    assert parse_assignment("city.state=Narnia") == (("city", "state"), "Narnia")  # validate says what is wrong


def test_adopt_with_a_state_by_name_writes_its_code(run, tmp_path):
    from tests.adoption_helpers import GERA

    result = run("adopt", GERA, "--into", tmp_path / "c", "--city", "Speyer", "--set", "city.state=Rheinland-Pfalz")
    assert result.exit_code == 0, result.stderr
    city = yaml.safe_load((tmp_path / "c" / "blueprint.yaml").read_text(encoding="utf-8"))["city"]
    assert (city["name"], city["state"]) == ("Speyer", "DE-RP")


def test_merge_file_reports_conflicts():
    clean = merge_text("a\nB\nc\nd\ne\n", "a\nb\nc\nd\ne\n", "a\nb\nc\nd\nE\n", labels=("local", "base", "upstream"))
    assert (clean.text, clean.conflicts) == ("a\nB\nc\nd\nE\n", 0)
    clash = merge_text("a\nX\nc\n", "a\nb\nc\n", "a\nY\nc\n", labels=("local", "base", "upstream v2"))
    assert clash.conflicts == 1
    assert clash.text == "a\n<<<<<<< local\nX\n=======\nY\n>>>>>>> upstream v2\nc\n"
    assert conflict_lines(clash.text) == [(2, 6)]


def test_version_tags_sort_like_semver():
    assert versions.newest(["v1.2.0", "v1.10.0", "1.9.9", "v2.0.0-rc.1", "latest"]) == "v1.10.0"
    assert versions.newer_than(["v1.0.0", "v1.0.1", "v2.0.0", "v0.9.0"], "v1.0.0") == ["v2.0.0", "v1.0.1"]
    assert versions.newer_than(["v2.0.0"], "main") == []
    assert versions.version_key("v1.0.0-rc.1") < versions.version_key("v1.0.0")


@pytest.mark.parametrize(
    ("source", "kind", "transport"),
    [
        ("https://example.org/repo.git", "git", "https"),
        ("ssh://git@example.org/repo.git", "git", "ssh"),
        ("git@example.org:city/repo.git", "git", "ssh"),
        ("git://example.org/repo.git", "git", "git"),
        ("file:///srv/repo.git", "git", "file"),
    ],
)
def test_allowed_sources(source, kind, transport):
    spec = classify(source)
    assert (spec.kind, spec.transport, spec.location) == (kind, transport, source)


@pytest.mark.parametrize(
    "source",
    [
        "ext::sh -c id",
        "fd::0",
        "http://example.org/r",
        "-oProxyCommand=x",
        "https://example.org/r\n",
        "nonexistent-folder",
    ],
)
def test_refused_sources(source):
    with pytest.raises(UsageError):
        classify(source)


def test_unsafe_paths():
    assert unsafe_reason("docs/a.md") is None
    assert unsafe_reason("../a") == "'..' in the path"
    assert unsafe_reason("/etc/passwd") == "an absolute path"
    assert unsafe_reason("C:/x") == "a drive letter"
    assert unsafe_reason("a\\b") == "a backslash in the path"
