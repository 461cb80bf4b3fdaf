"""The safe, position-aware YAML loader (kltransfer.loading.yaml_loader).

Hostile inputs are checked with libyaml's C parser (the default) and with PyYAML's
pure-Python parser (the fallback when PyYAML is built without libyaml): both must turn every
input into findings with a line and a column, never into an exception.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path

import pytest

from kltransfer.findings import Finding, Severity
from kltransfer.loading import yaml_loader
from kltransfer.loading.limits import Limits
from kltransfer.loading.yaml_loader import Document, load_file, load_text
from tests.conftest import Result
from tests.corpus_cases import CORPUS

pytest_plugins = ("tests.loaders",)  # the fixture "loader": both YAML parsers

BASE = (CORPUS / "valid" / "language-maps" / "blueprint.yaml").read_text(encoding="utf-8")


def where(findings: list[Finding]) -> list[tuple[str, int, int, str]]:
    return [(f.code, f.line, f.column, f.key_path) for f in findings]


# --- what a valid file becomes ---------------------------------------------------------------


def test_values_are_plain_python_and_dates_stay_text(loader: type) -> None:
    doc, findings = load_text(
        "a: text\nb: 12\nc: 1.5\nd: true\ne: false\nf: ~\ng: 2024-02-29\nh: [1, x]\ni: {j: k}\n"
        'k: "1.0"\nl: 0x1F\nm: 1_000\n'
    )
    assert findings == []
    assert doc is not None
    assert doc.data == {
        "a": "text",
        "b": 12,
        "c": 1.5,
        "d": True,
        "e": False,
        "f": None,
        "g": "2024-02-29",
        "h": [1, "x"],
        "i": {"j": "k"},
        "k": "1.0",
        "l": 31,
        "m": 1000,
    }


def test_every_value_and_key_can_be_located(loader: type) -> None:
    doc, _ = load_text("kltransfer: '1.1'\ncity:\n  name: Ulm\ncontacts:\n  - role: Leitung\n    email: a@ulm.de\n")
    assert doc is not None
    assert doc.locate(("city", "name")) == (3, 9)
    assert doc.locate(("city", "name"), key=True) == (3, 3)
    assert doc.locate(("contacts", 0, "email")) == (6, 12)
    assert doc.locate(("contacts", 0, "email"), key=True) == (6, 5)
    assert doc.locate(("contacts", 0)) == (5, 5)
    # a path that does not exist: the deepest part that does
    assert doc.locate(("contacts", 0, "phone")) == (5, 5)
    assert doc.locate(("contacts", 3)) == (5, 3)
    assert doc.locate(("nothing",)) == (1, 1)
    assert doc.locate(()) == (1, 1)


def test_located_positions_are_one_based_after_a_bom_and_with_crlf(loader: type) -> None:
    raw = b"\xef\xbb\xbf" + b"kltransfer: '1.1'\r\ncity:\r\n  name: Ulm\r\n"
    doc, findings = load_text(raw)
    assert findings == []
    assert doc is not None
    assert doc.data == {"kltransfer": "1.1", "city": {"name": "Ulm"}}
    assert doc.locate(("city", "name")) == (3, 9)


def test_a_bom_in_text_input_is_fine_too() -> None:
    doc, findings = load_text("\ufeffa: 1\n")
    assert findings == []
    assert doc is not None and doc.data == {"a": 1}


def test_aliases_within_the_limit_are_fine(loader: type) -> None:
    doc, findings = load_text("a: &x [1, 2]\nb: *x\n")
    assert findings == []
    assert doc is not None and doc.data == {"a": [1, 2], "b": [1, 2]}


def test_explicit_document_markers_are_fine(loader: type) -> None:
    doc, findings = load_text("---\na: 1\n...\n")
    assert findings == []
    assert doc is not None and doc.data == {"a": 1}


def test_load_file_shows_the_display_name(tmp_path: Path) -> None:
    target = tmp_path / "blueprint.yaml"
    target.write_text("- a\n", encoding="utf-8")
    _, findings = load_file(target, display="shown/blueprint.yaml")
    assert [(f.code, f.path) for f in findings] == [("KT009", "shown/blueprint.yaml")]


def test_load_file_lets_a_missing_file_raise(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        load_file(tmp_path / "missing.yaml")


# --- findings the loader reports while it keeps going -----------------------------------------


def test_duplicate_key_is_reported_at_the_second_one_and_the_first_value_kept(loader: type) -> None:
    doc, findings = load_text("city:\n  name: Ulm\n  state: DE-BW\n  name: Neu-Ulm\n")
    assert where(findings) == [("KT003", 4, 3, "city.name")]
    assert "first on line 2" in findings[0].message
    assert doc is not None
    assert doc.data == {"city": {"name": "Ulm", "state": "DE-BW"}}
    assert ("city", "name") in doc.reported


@pytest.mark.parametrize(
    ("word", "meant"),
    [("yes", "true"), ("no", "false"), ("on", "true"), ("off", "false"), ("Yes", "true"), ("OFF", "false")],
)
def test_yaml11_booleans_are_reported_with_what_was_probably_meant(loader: type, word: str, meant: str) -> None:
    doc, findings = load_text(f"privacy:\n  personal_data: {word}\n")
    assert where(findings) == [("KT004", 2, 18, "privacy.personal_data")]
    assert findings[0].message == f"'{word}' is read as a boolean by some YAML tools and as text by others"
    assert findings[0].hint == f'write {meant} for a yes/no value, or "{word}" in quotes if you meant the word'
    assert doc is not None and doc.data == {"privacy": {"personal_data": word}}


@pytest.mark.parametrize("word", ["true", "false", "True", "FALSE"])
def test_true_and_false_are_booleans(loader: type, word: str) -> None:
    doc, findings = load_text(f"a: {word}\n")
    assert findings == []
    assert doc is not None and doc.data == {"a": word.lower() == "true"}


@pytest.mark.parametrize("word", ['"yes"', "'off'", "y", "n", "Ja", "nein"])
def test_quoted_yes_and_other_words_are_text(loader: type, word: str) -> None:
    doc, findings = load_text(f"a: {word}\n")
    assert findings == []
    assert doc is not None and doc.data == {"a": word.strip("\"'")}


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1e3", "'1e3' is read as a number by some YAML tools and as text by others"),
        ("1.5e6", "'1.5e6' is read as a number by some YAML tools and as text by others"),
        ("-.5", "'-.5' is read as a number by some YAML tools and as text by others"),
        ("0o17", "'0o17' is read as a number by some YAML tools and as text by others"),
        ("08", "'08' is read as a number by some YAML tools and as text by others"),
        ("1:20", "'1:20' is read as the number 80 by some YAML tools and as text by others"),
        ("1:20.5", "'1:20.5' is read as the number 80.5 by some YAML tools and as text by others"),
        ("-190:20:30.15", "'-190:20:30.15' is read as the number -685230.15 by some YAML tools and as text by others"),
    ],
)
def test_values_that_yaml_1_1_and_1_2_read_differently_are_reported(loader: type, value: str, message: str) -> None:
    doc, findings = load_text(f"costs:\n  investment:\n    total: {value}\n")
    assert where(findings) == [("KT012", 3, 12, "costs.investment.total")]
    assert findings[0].message == message
    assert doc is not None and doc.data == {"costs": {"investment": {"total": value}}}
    assert ("costs", "investment", "total") in doc.reported


@pytest.mark.parametrize("value", ["1" + ":59" * 40, "1" + ":59" * 3000, "1" + ":59" * 40 + ".5"])
def test_a_base_60_number_longer_than_a_value_may_be_is_kt002(loader: type, value: str) -> None:
    """Its number is never computed: 1:59:59:… of 3,000 parts has more digits than Python prints."""
    _doc, findings = load_text(f"costs:\n  investment:\n    total: {value}\n")
    assert where(findings) == [("KT002", 3, 12, "costs.investment.total")]
    assert findings[0].message == f"the number has {len(value):,} characters, more than the 100 a value may have"


@pytest.mark.parametrize("value", ['"1e3"', "'1:20'", "1500000", "0.5", "1.0", "0777", "P3", "1e3x"])
def test_quoted_or_unambiguous_values_are_not_reported(loader: type, value: str) -> None:
    _, findings = load_text(f"a: {value}\n")
    assert findings == []


def test_ambiguous_looking_keys_are_not_reported(loader: type) -> None:
    doc, findings = load_text("1e3: a\n1:20: b\n")
    assert findings == []
    assert doc is not None and doc.data == {"1e3": "a", "1:20": "b"}


# --- hostile and broken inputs: findings, never exceptions ------------------------------------


def bomb(levels: int = 9) -> str:
    lines = ['kltransfer: "1.1"', "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


HOSTILE: dict[str, tuple[str | bytes, str, int, int]] = {
    # name: (input, code, line, column)
    # an unclosed bracket or quote is reported where it opens, not where the parser gave up
    "syntax-unclosed-flow": ("a: [1, 2\nb: c\n", "KT002", 1, 4),
    "syntax-unclosed-quote": ('a: "open\n', "KT002", 1, 4),
    "syntax-bad-indentation": ("a:\n  b: 1\n c: 2\n", "KT002", 3, 2),
    "syntax-undefined-alias": ("a: *nowhere\n", "KT002", 1, 4),
    "syntax-complex-key": ("? [a, b]\n: c\n", "KT002", 1, 3),
    "multiple-documents": ("a: 1\n---\nb: 2\n", "KT002", 2, 1),
    "control-character": ("a: x\nb: y\x01z\n", "KT002", 2, 5),
    "nul-byte": (b"a: x\nb: y\x00z\n", "KT002", 2, 5),
    "duplicate-key": ("a: 1\na: 2\n", "KT003", 2, 1),
    "tab-indentation": ("a:\n\tb: 1\n", "KT005", 2, 1),
    "tab-after-spaces": ("a:\n  b: 1\n  \tc: 2\n", "KT005", 3, 3),
    "latin-1": ("a: Stra\u00dfe\n".encode("latin-1"), "KT001", 1, 8),
    "latin-1-second-line": ("a: ok\nb: \u00e4\n".encode("latin-1"), "KT001", 2, 4),
    "utf-16": ("a: 1\n".encode("utf-16"), "KT001", 1, 1),
    "alias-bomb": (bomb(), "KT006", 2, 45),
    "top-level-list": ("- a\n- b\n", "KT009", 1, 1),
    "top-level-scalar": ("just text\n", "KT009", 1, 1),
    "top-level-number": ("42\n", "KT009", 1, 1),
    "empty": ("", "KT010", 1, 1),
    "whitespace-only": ("  \n\n\t\n", "KT010", 1, 1),
    "comments-only": ("# nothing\n# here\n", "KT010", 1, 1),
    "python-apply": ("a: !!python/object/apply:os.system ['true']\n", "KT011", 1, 4),
    "python-name": ("a: !!python/name:os.system\n", "KT011", 1, 4),
    "python-new": ("a: !!python/object/new:os.system [ls]\n", "KT011", 1, 4),
    "python-on-mapping": ("a: !!python/object:os.Foo {b: 1}\n", "KT011", 1, 4),
    "tag-on-sequence": ("a: !!omap [b: 1]\n", "KT011", 1, 4),
    "binary-tag": ("a: !!binary aGVsbG8=\n", "KT011", 1, 4),
    "set-tag": ("a: !!set {x, y}\n", "KT011", 1, 4),
    "local-tag": ("a: !include other.yaml\n", "KT011", 1, 4),
    "merge-key": ("a: &x {b: 1}\nc:\n  <<: *x\n", "KT011", 3, 3),
}


@pytest.mark.parametrize(("text", "code", "line", "column"), list(HOSTILE.values()), ids=list(HOSTILE))
def test_hostile_input_becomes_a_finding_with_a_position(
    loader: type, text: str | bytes, code: str, line: int, column: int
) -> None:
    doc, findings = load_text(text)
    assert (findings[-1].code, findings[-1].line, findings[-1].column) == (code, line, column)
    assert all(f.severity is Severity.ERROR for f in findings)
    if code not in yaml_loader.RECOVERABLE:
        assert doc is None


def test_a_control_character_is_named(loader: type) -> None:
    _, findings = load_text("a: Muster\x00stadt\n")
    assert findings[0].message.startswith("the file contains a character that YAML does not allow: U+0000")


def test_the_position_of_a_control_character_counts_characters_not_bytes(loader: type) -> None:
    _, findings = load_text("stadt: Würzburg\nplätze: ä\x07\n")
    assert where(findings) == [("KT002", 2, 10, "")]


def test_a_lone_surrogate_in_text_input(loader: type) -> None:
    """Only possible from Python (files are decoded strictly): libyaml cannot encode it, the
    pure-Python reader refuses the character."""
    doc, findings = load_text("a: ok\nb: \ud800\n")
    assert doc is None
    assert [(f.code, f.line, f.column) for f in findings] in ([("KT001", 2, 4)], [("KT002", 2, 4)])


def test_the_non_utf8_byte_is_named(loader: type) -> None:
    _, findings = load_text("title: Stra\u00dfe\n".encode("latin-1"))
    assert findings[0].message == "the file is not UTF-8 text: byte 0xdf cannot be read"


@pytest.mark.parametrize("seed", range(8))
def test_binary_garbage_is_a_finding(loader: type, seed: int) -> None:
    garbage = random.Random(seed).randbytes(4096)
    doc, findings = load_text(garbage)
    assert doc is None
    assert findings and findings[0].code in {"KT001", "KT002"}
    assert findings[0].line >= 1 and findings[0].column >= 1


def test_python_tags_are_never_executed(loader: type, tmp_path: Path) -> None:
    marker = tmp_path / "executed"
    text = f"a: !!python/object/apply:os.system ['touch {marker}']\nb: !!python/object/apply:builtins.exec ['1']\n"
    doc, findings = load_text(text)
    assert doc is None
    assert where(findings) == [("KT011", 1, 4, "a")]
    assert "it was not executed" in findings[0].message
    assert not marker.exists()


@pytest.mark.parametrize("style", ["flow-lists", "flow-mappings", "block-lists"])
def test_ten_thousand_levels_of_nesting(loader: type, style: str) -> None:
    text = {
        "flow-lists": "a: " + "[" * 10_000 + "]" * 10_000 + "\n",
        "flow-mappings": "a: " + "{b: " * 10_000 + "1" + "}" * 10_000 + "\n",
        "block-lists": "a:\n  " + "- " * 10_000 + "x\n",
    }[style]
    doc, findings = load_text(text)
    assert doc is None
    assert [f.code for f in findings] == ["KT008"]
    assert findings[0].line >= 1 and findings[0].column >= 1


def test_nesting_deeper_than_the_limit(loader: type) -> None:
    text = "a:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, 70)) + " " * 70 + "end: 1\n"
    doc, findings = load_text(text)
    assert doc is None
    assert [(f.code, f.line, f.column) for f in findings] == [("KT008", 66, 66)]
    assert findings[0].key_path == "a." + ".".join(f"k{i}" for i in range(1, 65))
    assert findings[0].message == "the values are nested more than 64 levels deep"


def test_the_depth_limit_can_be_raised(loader: type) -> None:
    text = "a:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, 70)) + " " * 70 + "end: 1\n"
    doc, findings = load_text(text, limits=Limits(max_depth=100))
    assert findings == []
    assert doc is not None


def test_alias_expansion_limit_is_configurable(loader: type) -> None:
    text = "a: &x [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\nb: [*x, *x, *x]\n"
    doc, findings = load_text(text, limits=Limits(max_nodes=30))
    assert doc is None
    assert [f.code for f in findings] == ["KT006"]
    assert findings[0].message.startswith("the file expands to more than 30 values")


def test_size_limit_on_text_and_on_files(tmp_path: Path) -> None:
    limits = Limits(max_bytes=100)
    _, findings = load_text("a: " + "x" * 200 + "\n", limits=limits)
    assert [(f.code, f.line, f.column) for f in findings] == [("KT007", 0, 0)]
    target = tmp_path / "blueprint.yaml"
    target.write_bytes(b"a: " + b"x" * 200 + b"\n")
    _, findings = load_file(target, limits)
    assert [f.code for f in findings] == ["KT007"]
    assert findings[0].message == "the file has 204 bytes, more than the limit of 100"
    target.write_bytes(b"a: " + b"x" * 90 + b"\n")
    doc, findings = load_file(target, limits)
    assert findings == [] and doc is not None


def test_findings_already_reported_by_the_loader_silence_later_checks() -> None:
    from kltransfer.validation.validate import validate_text

    text = BASE.replace("    open_source: false", "    open_source: no")
    report = validate_text(text, "b.yaml")
    # in a yes/no field the notation check (KT235, with the fix) replaces KT004; still no KT103
    assert [(f.code, f.key_path) for f in report.findings] == [("KT235", "components[0].open_source")]


def test_the_loader_never_constructs_python_objects() -> None:
    """Only the standard scalar tags are turned into values; everything else is refused."""
    assert isinstance(load_text("a: 2001-12-14t21:59:43.10-05:00\n")[0], Document)
    doc, _ = load_text("a: 2001-12-14t21:59:43.10-05:00\n")
    assert doc is not None and doc.data == {"a": "2001-12-14t21:59:43.10-05:00"}
    assert json.loads(json.dumps(doc.data)) == doc.data


# --- the same through the command line, end to end --------------------------------------------


def test_a_50_megabyte_file_is_refused_without_reading_it(run: Callable[..., Result], tmp_path: Path) -> None:
    target = tmp_path / "blueprint.yaml"
    with target.open("wb") as fh:
        fh.write(b'kltransfer: "1.1"\ndescription: "')
        fh.write(b"x" * (50 * 1024 * 1024))
        fh.write(b'"\n')
    size = target.stat().st_size
    result = run("validate", "--format", "json", target)
    assert result.exit_code == 1
    assert "Traceback" not in result.stdout + result.stderr
    findings = json.loads(result.stdout)["findings"]
    assert [(f["code"], f["line"], f["column"]) for f in findings] == [("KT007", 0, 0)]
    assert findings[0]["message"] == f"the file has {size:,} bytes, more than the limit of 4,194,304"
    # a limit of one byte above the file's size lets it through to the schema check
    result = run("validate", "--format", "json", "--max-bytes", str(size + 1), target)
    codes = [f["code"] for f in json.loads(result.stdout)["findings"]]
    assert result.exit_code == 1
    assert "KT007" not in codes
    assert "KT102" in codes


def test_ten_thousand_levels_of_block_mappings(run: Callable[..., Result], tmp_path: Path) -> None:
    """10,000 block levels need 50 MB of indentation: beyond the default size limit, and
    still refused as too deep when the limit is raised."""
    target = tmp_path / "blueprint.yaml"
    with target.open("w", encoding="utf-8") as fh:
        fh.write("a:\n")
        for i in range(1, 10_000):
            fh.write(" " * i + "k:\n")
        fh.write(" " * 10_000 + "end: 1\n")
    result = run("validate", "--format", "json", target)
    assert result.exit_code == 1
    assert [f["code"] for f in json.loads(result.stdout)["findings"]] == ["KT007"]
    result = run("validate", "--format", "json", "--max-bytes", "100000000", target)
    assert result.exit_code == 1
    assert "Traceback" not in result.stdout + result.stderr
    findings = json.loads(result.stdout)["findings"]
    assert [f["code"] for f in findings] == ["KT008"]
    assert findings[0]["line"] > 64 and findings[0]["column"] > 64
