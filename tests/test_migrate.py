"""``kltransfer migrate`` and the migration registry: formats 1.0 -> 1.1 -> 1.2, comments kept."""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from kltransfer.migrate import MIGRATIONS, MigrationError, migrate_text, plan
from kltransfer.schema import CURRENT, VERSIONS

from .conftest import EXAMPLES

FIXTURE = Path(__file__).parent / "data" / "migrate" / "kaiserslautern-1.0"


@pytest.fixture
def old_blueprint(tmp_path: Path) -> Path:
    """A copy of a complete 1.0 example (with its documents) in a temporary folder."""
    target = tmp_path / "kaiserslautern"
    shutil.copytree(FIXTURE, target)
    return target / "blueprint.yaml"


def test_the_newest_format_is_1_2_and_the_registry_leads_there() -> None:
    assert VERSIONS == ("1.0", "1.1", "1.2")
    assert CURRENT == "1.2"
    assert [(m.from_version, m.to_version) for m in MIGRATIONS] == [("1.0", "1.1"), ("1.1", "1.2")]
    assert [m.to_version for m in plan("1.0", "1.1")] == ["1.1"]
    assert [m.to_version for m in plan("1.0", "1.2")] == ["1.1", "1.2"]
    assert plan("1.1", "1.1") == []
    with pytest.raises(MigrationError, match=r"no migration leads from format 1\.1 to 1\.0"):
        plan("1.1", "1.0")


def test_migrate_upgrades_an_example_that_then_validates(run, old_blueprint: Path) -> None:
    result = run("migrate", old_blueprint)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        f"{old_blueprint}: 1.0 -> 1.2 migrated\n"
        "  step 1.0 -> 1.1: funding and own_share joined in one mapping; "
        "privacy.dpia becomes privacy.impact_assessment\n"
        '    kltransfer: changed ("1.0" -> "1.1")\n'
        "    funding: moved (now funding.sources)\n"
        "    own_share: moved (now funding.own_share)\n"
        "    privacy.dpia: restructured (now privacy.impact_assessment.status)\n"
        "    # yaml-language-server: comment updated ($schema now points at format 1.1)\n"
        "  step 1.1 -> 1.2: format version set to 1.2; the new fields of 1.2 are optional and left for you to fill in\n"
        '    kltransfer: changed ("1.1" -> "1.2")\n'
        "    # yaml-language-server: comment updated ($schema now points at format 1.2)\n"
    )
    assert result.stderr == "1 file: 1 migrated, 0 already current, 0 failed\n"
    text = old_blueprint.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../kltransfer/schema/blueprint-1.2.schema.json\n")
    assert 'kltransfer: "1.2"                      # format version, always a quoted string\n' in text
    assert "funding:\n  sources:\n    - programme: Modellprojekte Smart Cities\n" in text
    assert "  own_share: 189000                     # 35 % municipal own share\n\npartners:\n" in text
    assert "  impact_assessment:\n    status: done\n  notes: >-\n" in text
    assert "\nown_share:" not in text and "dpia" not in text

    checked = run("validate", old_blueprint)
    assert checked.exit_code == 0
    assert checked.stdout == "1 file checked: 0 failing, 0 errors, 0 warnings\n"


def test_migrate_keeps_comments_and_untouched_lines(run, old_blueprint: Path) -> None:
    before = old_blueprint.read_text(encoding="utf-8").splitlines()
    assert run("migrate", old_blueprint).exit_code == 0
    after = old_blueprint.read_text(encoding="utf-8").splitlines()
    for line in (
        '# Example blueprint: online participation platform of the "herzlich digitale',
        "  population: 100000                    # rounded",
        '  ags: "07312000"                       # Amtlicher Gemeindeschlüssel, quoted (leading zero)',
        "phase: P5                               # running in Kaiserslautern, now offered to other cities",
        "contacts:                               # role addresses only, no personal names",
        "    licence: AGPL-3.0-or-later            # derivative work keeps the upstream licence",
        "    breakdown:                          # the amounts add up exactly to the total",
    ):
        assert line in before
        assert line in after
    # the comments of moved values move with them
    assert any(
        line.endswith("amount: 351000                    # 65 % of the investment; grants are paid out via KfW")
        for line in after
    )
    # every line that no step touched is still there, in the same order
    touched = {
        "kltransfer:",
        "funding:",
        "own_share:",
        "dpia:",
        "# yaml-language-server:",
        "- programme:",
        "funder:",
        "amount: 351000",
        "url: https://www.smart-city-dialog.de",
    }
    kept = [line for line in before if not any(line.lstrip().startswith(t) for t in touched)]
    remaining = iter(after)
    assert all(any(line == other for other in remaining) for line in kept)


def test_dry_run_prints_a_diff_and_writes_nothing(run, old_blueprint: Path) -> None:
    original = old_blueprint.read_bytes()
    result = run("migrate", "--dry-run", old_blueprint)
    assert result.exit_code == 0
    assert old_blueprint.read_bytes() == original
    assert {p.name for p in old_blueprint.parent.iterdir()} == {"blueprint.yaml", "docs", "publiccode.yml"}
    assert f"{old_blueprint}: 1.0 -> 1.2 would be migrated (dry run, nothing written)\n" in result.stdout
    assert f"--- {old_blueprint}\n+++ {old_blueprint}\n" in result.stdout
    assert '\n-kltransfer: "1.0"                      # format version, always a quoted string\n' in result.stdout
    assert '\n+kltransfer: "1.2"                      # format version, always a quoted string\n' in result.stdout
    assert "\n-  dpia: done\n+  impact_assessment:\n+    status: done\n" in result.stdout
    assert result.stderr == "1 file: 1 would be migrated, 0 already current, 0 failed\n"


def test_migrating_a_current_file_is_a_no_op(run, old_blueprint: Path) -> None:
    assert run("migrate", old_blueprint).exit_code == 0
    migrated = old_blueprint.read_bytes()
    again = run("migrate", old_blueprint)
    assert again.exit_code == 0
    assert again.stdout == f"{old_blueprint}: already at format 1.2, nothing to do\n"
    assert again.stderr == "1 file: 0 migrated, 1 already current, 0 failed\n"
    assert old_blueprint.read_bytes() == migrated


def test_validate_warns_kt300_on_an_older_format(run, old_blueprint: Path) -> None:
    result = run("validate", "--no-source", old_blueprint)
    assert result.exit_code == 0
    assert result.stdout == (
        f"{old_blueprint}:8:13: warning KT300 kltransfer: the file uses the older format 1.0; the newest is 1.2; "
        "run 'kltransfer migrate' on it to upgrade it (comments are kept)\n"
        "1 file checked: 0 failing, 0 errors, 1 warning\n"
    )
    assert run("validate", "--strict", old_blueprint).exit_code == 1


def test_migrate_to_the_same_version_changes_nothing(run, old_blueprint: Path) -> None:
    original = old_blueprint.read_bytes()
    result = run("migrate", "--to", "1.0", old_blueprint)
    assert result.exit_code == 0
    assert result.stdout == f"{old_blueprint}: already at format 1.0, nothing to do\n"
    assert old_blueprint.read_bytes() == original


def test_migrate_does_not_go_backwards(run, old_blueprint: Path) -> None:
    assert run("migrate", old_blueprint).exit_code == 0
    migrated = old_blueprint.read_bytes()
    result = run("migrate", "--to", "1.0", old_blueprint)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{old_blueprint}: error KT301: the file is already at format 1.2, newer than 1.0; "
        "migrations only go forward\n"
        "1 file: 0 migrated, 0 already current, 1 failed\n"
    )
    assert old_blueprint.read_bytes() == migrated


def test_unknown_target_version_is_a_usage_error(run, old_blueprint: Path) -> None:
    result = run("migrate", "--to", "9.9", old_blueprint)
    assert result.exit_code == 2
    assert (
        result.stderr
        == "kltransfer: error KT900: unknown format version '9.9'\n  hint: known versions: 1.0, 1.1, 1.2\n"
    )
    assert result.stdout == ""


def test_missing_path_exits_2(run, tmp_path: Path) -> None:
    result = run("migrate", tmp_path / "nowhere")
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def test_a_file_that_cannot_be_read_safely_is_left_alone(run, tree) -> None:
    root = tree({"b/blueprint.yaml": 'kltransfer: "1.0"\nid: [unclosed\n'})
    target = root / "b" / "blueprint.yaml"
    original = target.read_bytes()
    result = run("migrate", target)
    assert result.exit_code == 1
    assert f"{target}: error KT301: the file cannot be read safely; fix the errors first\n" in result.stderr
    assert f"{target}:2:5: error KT002: the '[' on this line is never closed with ']'" in result.stderr
    assert target.read_bytes() == original


def test_conflicting_keys_stop_the_migration(run, tree) -> None:
    root = tree(
        {
            "blueprint.yaml": 'kltransfer: "1.0"\nprivacy:\n  personal_data: false\n  dpia: open\n'
            "  impact_assessment: {status: open}\n"
        }
    )
    target = root / "blueprint.yaml"
    result = run("migrate", target)
    assert result.exit_code == 1
    assert "error KT301: 'privacy' holds both 'dpia' and 'impact_assessment'; keep one of them" in result.stderr


def test_other_layouts_keep_their_indentation_and_order() -> None:
    source = (
        "# a blueprint written with 4 spaces and unindented lists\n"
        "kltransfer: '1.0'\n"
        "own_share: 1000  # paid by the city\n"
        "funding:\n"
        "- funder: State\n"
        "  amount: 9000\n"
        "privacy:\n"
        "    personal_data: true\n"
        "    dpia: planned   # due in spring\n"
        "    legal_basis: consent\n"
    )
    result = migrate_text(source, "x.yaml", "1.1")
    assert result.status == "migrated"
    assert result.faithful
    assert result.new_text == (
        "# a blueprint written with 4 spaces and unindented lists\n"
        "kltransfer: '1.1'\n"
        "funding:\n"
        "    sources:\n"
        "    - funder: State\n"
        "      amount: 9000\n"
        "    own_share: 1000 # paid by the city\n"
        "privacy:\n"
        "    personal_data: true\n"
        "    impact_assessment:\n"
        "        status: planned # due in spring\n"
        "    legal_basis: consent\n"
    )


@pytest.mark.parametrize(
    ("prefix", "newline"),
    [("", "\r\n"), ("\ufeff", "\n"), ("---\n", "\n")],
    ids=["windows-line-ends", "byte-order-mark", "document-start"],
)
def test_line_ends_byte_order_mark_document_start_and_anchors_are_kept(prefix: str, newline: str) -> None:
    lines = ['kltransfer: "1.0"', "contacts:", "  - &lead {role: r, email: a@example.de}", "own_share: 5  # own"]
    source = prefix + newline.join(lines) + newline
    result = migrate_text(source, "x.yaml")
    assert result.status == "migrated" and result.faithful
    expected = ['kltransfer: "1.2"', *lines[1:3], "funding:", "  own_share: 5 # own"]
    assert result.new_text == prefix + newline.join(expected) + newline


def test_schema_prints_the_newest_format_by_default(run) -> None:
    newest = run("schema")
    assert newest.exit_code == 0
    assert json.loads(newest.stdout)["$id"] == "https://schema.kltransfer.de/blueprint/1.2/blueprint.schema.json"
    old = run("schema", "--version", "1.0")
    assert json.loads(old.stdout)["$id"] == "https://schema.kltransfer.de/blueprint/1.0/blueprint.schema.json"
    previous = run("schema", "--version", "1.1")
    assert json.loads(previous.stdout)["$id"] == "https://schema.kltransfer.de/blueprint/1.1/blueprint.schema.json"
    schema = json.loads(newest.stdout)
    assert {"cities", "owner", "decisions", "sources", "citations", "use_cases", "related_projects", "awards"} <= set(
        schema["properties"]
    )
    assert {"adopters", "support"} <= set(schema["properties"]["transfer"]["properties"])
    assert "own_share" not in schema["properties"]
    assert {"sources", "own_share", "note"} <= set(schema["properties"]["funding"]["properties"])
    assert "impact_assessment" in schema["properties"]["privacy"]["properties"]
    assert "dpia" not in schema["properties"]["privacy"]["properties"]


def test_the_file_is_replaced_atomically_with_its_permissions(run, old_blueprint: Path) -> None:
    old_blueprint.chmod(0o640)
    assert run("migrate", old_blueprint).exit_code == 0
    assert old_blueprint.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in old_blueprint.parent.iterdir()) == ["blueprint.yaml", "docs", "publiccode.yml"]


def test_migrate_and_check_do_not_load_templates_or_git(old_blueprint: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from kltransfer.cli.main import run\n"
        f"assert run(['migrate', '--dry-run', {str(old_blueprint)!r}]) == 0\n"
        f"assert run(['check', {str(old_blueprint)!r}]) == 0\n"
        "print(sorted(m for m in ('jinja2', 'git') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "[]"


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*/blueprint.yaml")), ids=lambda p: p.parent.name)
def test_every_example_is_at_or_migrates_to_the_newest_format(run, example: Path, tmp_path: Path) -> None:
    target = tmp_path / example.parent.name
    shutil.copytree(example.parent, target)
    copy = target / "blueprint.yaml"
    assert run("migrate", copy).exit_code == 0
    assert f'kltransfer: "{CURRENT}"' in copy.read_text(encoding="utf-8")
    checked = run("validate", copy)
    assert checked.exit_code == 0
    assert checked.stdout.endswith("1 file checked: 0 failing, 0 errors, 0 warnings\n")
    again = run("migrate", copy)
    assert again.stdout == f"{copy}: already at format {CURRENT}, nothing to do\n"


DATA = Path(__file__).parent / "data" / "migrate"
#: Every older blueprint the tests keep: the 1.0 example, the corpus and the examples as they were
#: at 1.1, and a 1.1 file with comments in every place YAML allows them.
OLDER = sorted(DATA.glob("**/blueprint.yaml"))
_COMMENT = re.compile(r"(?:^|\s)(#.*)$")


def _comments(text: str) -> Counter[str]:
    """Every comment of a YAML text (full-line and after a value), outside quoted text."""
    found: Counter[str] = Counter()
    for line in text.splitlines():
        quote = ""
        for i, char in enumerate(line):
            if quote:
                quote = "" if char == quote else quote
            elif char in "'\"" and (i == 0 or line[i - 1] in " :[{,-"):
                quote = char
            elif char == "#" and (i == 0 or line[i - 1] in " \t"):
                found[line[i:].rstrip()] += 1
                break
    return found


def test_the_comment_reader_of_these_tests() -> None:
    text = "a: 1  # one\n# two\nb: 'x # no'\nc: \"#no\" # three\nd: x#y\n"
    assert _comments(text) == Counter({"# one": 1, "# two": 1, "# three": 1})


@pytest.mark.parametrize("source", OLDER, ids=lambda p: str(p.parent.relative_to(DATA)))
def test_every_older_file_migrates_keeping_every_comment_line_and_validates(run, source: Path, tmp_path: Path) -> None:
    target = tmp_path / source.parent.name
    shutil.copytree(source.parent, target)
    copy = target / "blueprint.yaml"
    before = copy.read_text(encoding="utf-8")
    version = re.search(r"^\ufeff?kltransfer: ['\"](1\.[01])['\"]", before, re.MULTILINE)
    assert version, "an older format"
    result = run("migrate", copy)
    assert result.exit_code == 0, result.stdout + result.stderr
    after = copy.read_text(encoding="utf-8")
    expected = _comments(re.sub(r"blueprint([-/])1\.[01]([./])", rf"blueprint\g<1>{CURRENT}\g<2>", before))
    assert _comments(after) == expected
    assert re.search(rf"^\ufeff?kltransfer: ['\"]{re.escape(CURRENT)}['\"]", after, re.MULTILINE)
    checked = run("validate", "--format", "json", copy)
    assert checked.exit_code == 0, checked.stdout
    findings = json.loads(checked.stdout)["findings"]
    assert [f["code"] for f in findings if f["severity"] == "error" or f["code"] == "KT300"] == []
    # the 1.1 -> 1.2 step changes the version line and the schema comment, nothing else
    if version.group(1) == "1.1":
        changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b]
        assert all("kltransfer:" in a or "yaml-language-server" in a for a, _ in changed), changed
