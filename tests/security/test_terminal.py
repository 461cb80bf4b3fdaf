"""Terminal and exit codes (issue 11, item 8).

Control characters in a blueprint's texts (ESC, BEL, BS, CR, DEL, CSI, an OSC 8 hyperlink,
the marks and overrides that turn text around) are findings (KT016); every value kltransfer
echoes (findings and the lines they show, the ``list`` table and its CSV, diff, check,
status, adopt and update output, error messages quoting what was typed) goes through one
function, :func:`kltransfer.terminal.printable`, so that no such character reaches a terminal;
a CSV cell never starts a spreadsheet formula. Inputs that ended in exit 3 (an internal error)
end in exit 2 with a message.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from kltransfer.terminal import printable, spreadsheet_cell, unsafe
from tests.conftest import EXAMPLES, ROOT
from tests.security.hostile import Sentinels, snapshot

BASE = ROOT / "tests" / "corpus" / "valid" / "language-maps" / "blueprint.yaml"
SUMMARY = "  de: Sensoren auf 400 Stellplätzen speisen eine Live-Karte.\n"
#: (as written in double quotes, the character it makes)
CONTROLS = [
    ("\\e[2J", "\x1b"),
    ("\\e]8;;https://evil.example\\a", "\x1b"),
    ("\\a", "\x07"),
    ("\\b\\b\\b", "\x08"),
    ("\\r", "\r"),
    ("\\x7f", "\x7f"),
    ("\\x9b31m", "\x9b"),
    ("\\N", "\x85"),
    ("\\u202e", "\u202e"),
    ("\\u2066", "\u2066"),
    ("\\u200f", "\u200f"),
    ("\\0", "\x00"),
]


def _clean(text: str) -> bool:
    """Whether ``text`` holds nothing a terminal acts on (line breaks apart)."""
    return not any(unsafe(ch) for ch in text.replace("\n", ""))


def _write(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "blueprint.yaml").write_text(text, encoding="utf-8")
    return folder / "blueprint.yaml"


@pytest.mark.parametrize(("written", "char"), CONTROLS, ids=[c[0] for c in CONTROLS])
def test_a_control_character_in_a_text_is_a_finding_and_printed_escaped(
    run, tmp_path: Path, written: str, char: str
) -> None:
    text = BASE.read_text(encoding="utf-8").replace(SUMMARY, f'  de: "Sensoren {written} auf 400"\n', 1)
    path = _write(tmp_path / "bp", text)
    before = snapshot(tmp_path)
    result = run("validate", "--format", "json", path)
    assert result.exit_code == 1
    finding = json.loads(result.stdout)["findings"][0]
    assert (finding["code"], finding["key_path"], finding["line"], finding["column"]) == ("KT016", "summary.de", 10, 7)
    assert finding["message"] == f"the text holds the control character U+{ord(char):04X}"
    shown = run("validate", path)
    assert shown.exit_code == 1
    assert _clean(shown.stdout) and _clean(shown.stderr)
    assert snapshot(tmp_path) == before


def test_a_control_character_in_a_key_is_a_finding(run, tmp_path: Path) -> None:
    path = _write(tmp_path / "bp", BASE.read_text(encoding="utf-8") + '"x\\e]8;;https://evil.example\\e\\\\y": 1\n')
    result = run("validate", "--format", "json", path)
    codes = [(f["code"], f["message"]) for f in json.loads(result.stdout)["findings"]]
    assert ("KT016", "the key holds the control character U+001B") in codes
    assert _clean(run("validate", path).stdout)


def _listed(tmp_path: Path, title: str) -> Path:
    """A valid blueprint whose title holds characters that are no finding but must not act on a terminal."""
    text = BASE.read_text(encoding="utf-8").replace("  de: Parkleitsystem Musterstadt\n", f"  de: '{title}'\n", 1)
    return _write(tmp_path / "bp", text)


def test_the_list_table_csv_and_json_show_no_hidden_character_and_no_markup(run, tmp_path: Path) -> None:
    title = "Park\u200bleit\U000e0041[link=https://evil.example]x[/link][bold]y"
    folder = _listed(tmp_path, title).parent
    table = run("list", folder, "--lang", "de")
    assert table.exit_code == 0, table.stderr
    assert _clean(table.stdout)
    # the invisible characters as escapes, rich's markup as the text it is (no hyperlink, no bold)
    assert "Park\\u200bleit\\U000e0041" in table.stdout
    assert "[link=https://evil.example]x[/link][bol" in table.stdout
    csv = run("list", "-f", "csv", folder, "--lang", "de")
    assert _clean(csv.stdout) and "\\u200b" in csv.stdout
    listed = run("list", "-f", "json", folder, "--lang", "de")
    assert json.loads(listed.stdout)[0]["title"] == title  # the data itself is unchanged
    assert _clean(listed.stdout)


@pytest.mark.parametrize(
    ("title", "cell"),
    [
        ('=HYPERLINK("https://evil.example","x")', '\'=HYPERLINK("https://evil.example","x")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-5", "-5"),
        ("Park", "Park"),
    ],
)
def test_a_csv_cell_never_starts_a_formula(run, tmp_path: Path, title: str, cell: str) -> None:
    import csv
    import io

    folder = _listed(tmp_path, title.replace("'", "''")).parent
    result = run("list", "-f", "csv", folder, "--lang", "de")
    assert result.exit_code == 0, result.stderr
    header, row = list(csv.reader(io.StringIO(result.stdout)))
    assert row[header.index("title")] == cell


def test_spreadsheet_cell_and_printable() -> None:
    assert spreadsheet_cell("=1+2") == "'=1+2"
    assert spreadsheet_cell("\t=1") == "'\\t=1"
    assert spreadsheet_cell("-12.5") == "-12.5"
    assert printable("a\x1b[2Jb\u202ec\nd") == "a\\x1b[2Jb\\u202ec\\nd"
    assert printable("a\x1b\nb", lines=True) == "a\\x1b\nb"
    assert printable("Gieß den Kiez – ok") == "Gieß den Kiez – ok"
    assert printable("\udcff") == "\\udcff"  # a name that is not UTF-8


def test_diff_check_and_errors_quote_values_escaped(run, tmp_path: Path) -> None:
    left = _write(tmp_path / "a", BASE.read_text(encoding="utf-8"))
    right = _write(
        tmp_path / "b",
        BASE.read_text(encoding="utf-8").replace(SUMMARY, '  de: "neu \\e[2J\\e]8;;https://evil.example\\a"\n', 1),
    )
    diff = run("diff", left, right)
    assert diff.exit_code in (0, 1), diff.stderr
    assert "summary.de" in diff.stdout and _clean(diff.stdout) and "\\u001b[2J" in diff.stdout
    check = run("check", right)
    assert _clean(check.stdout) and _clean(check.stderr)
    for args in (
        ("validate", "\x1b[2J\x1b]8;;https://evil.example\x07x"),
        ("export", left.parent, "--format", "\x1b[31mhtml", "--out", tmp_path / "out"),
        ("adopt", "\x1b[2Jsource", "--into", tmp_path / "copy"),
        ("list", "--where", "city.name=\x1b[2J", left.parent),
        ("validate", "--format", "\x9b31m"),
    ):
        result = run(*args)
        assert result.exit_code in (0, 1, 2), (args, result.stderr)
        assert _clean(result.stdout) and _clean(result.stderr), (args, result.stderr)
        if result.exit_code == 2:  # the value typed is quoted in the message, escaped
            assert "\\x1b" in result.stderr or "\\x9b" in result.stderr, (args, result.stderr)


def test_adopt_status_and_update_output_is_escaped(run, tmp_path: Path) -> None:
    source = tmp_path / "source"
    import shutil

    shutil.copytree(EXAMPLES / "gera-open-data-portal", source)
    copy = tmp_path / "copy"
    adopted = run("adopt", source, "--into", copy, "--city", "Muster\x1b[2Jstadt\u202e")
    assert adopted.exit_code in (0, 1, 2), adopted.stderr
    assert _clean(adopted.stdout) and _clean(adopted.stderr)
    if adopted.exit_code == 0:
        for args in (("status", copy), ("update", "--dry-run", copy)):
            result = run(*args)
            assert _clean(result.stdout) and _clean(result.stderr), args


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ssh://[-oProxyCommand={touch}]/y", "a host in brackets must be an IP address, such as [2001:db8::1]"),
        ("https://[::1/x.git", "a host in brackets must be an IP address, such as [2001:db8::1]"),
        ("https://example.org:99999/x.git", "the port must be a number from 1 to 65535"),
        ("https://example.org:port/x.git", "the port must be a number from 1 to 65535"),
        ("ssh://[-oProxyCommand={touch}]:22/y", "a host in brackets must be an IP address, such as [2001:db8::1]"),
    ],
)
def test_source_urls_python_cannot_split_are_refused_with_exit_2(run, tmp_path: Path, url: str, reason: str) -> None:
    sentinels = Sentinels(tmp_path / "sentinels")
    url = url.format(touch=sentinels.command("proxy").replace(" ", "%20"))
    targets = (tmp_path / "copy", tmp_path / "site")
    before = snapshot(tmp_path, skip=targets)
    for args in (("adopt", url, "--into", tmp_path / "copy"), ("catalog", "build", url, "--out", tmp_path / "site")):
        result = run(*args)
        assert result.exit_code == 2, result.stderr
        assert f"refusing the source '{url}': {reason}" in result.stderr
        assert "internal error" not in result.stderr
    assert snapshot(tmp_path, skip=targets) == before
    assert not (tmp_path / "copy").exists()
    assert sentinels.touched() == []


def _bundle(tmp_path: Path) -> Path:
    from kltransfer.cli.main import run as cli

    out = tmp_path / "made"
    assert cli(["export", str(EXAMPLES / "gera-open-data-portal"), "--out", str(out), "-f", "json", "--bundle"]) == 0
    return next(out.glob("*.kltransfer.zip"))


def _damaged(bundle: Path, target: Path, name: str, how: str) -> Path:
    data = bytearray(bundle.read_bytes())
    with zipfile.ZipFile(bundle) as archive:
        info = archive.getinfo(name)
        start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
        if how == "crc":  # a stored entry: change one byte, the checksum no longer matches
            data[start + 3] ^= 0x01
        else:
            data[start + 2] ^= 0xFF
    target.write_bytes(bytes(data))
    return target


@pytest.mark.parametrize("how", ["crc", "deflate"])
@pytest.mark.parametrize("name", ["manifest.json", "source/blueprint.yaml"])
def test_a_damaged_bundle_is_refused_with_exit_2(run, tmp_path: Path, how: str, name: str) -> None:
    bundle = _bundle(tmp_path)
    if how == "crc":  # rebuild with stored entries, so that one changed byte is a checksum error
        stored = tmp_path / "stored.zip"
        with zipfile.ZipFile(bundle) as src, zipfile.ZipFile(stored, "w", zipfile.ZIP_STORED) as dst:
            for info in src.infolist():
                dst.writestr(info.filename, src.read(info.filename))
        bundle = stored
    bad = _damaged(bundle, tmp_path / f"bad-{how}.kltransfer.zip", name, how)
    before = snapshot(tmp_path)
    result = run("adopt", bad, "--into", tmp_path / "copy")
    assert result.exit_code == 2, result.stderr
    expected = (
        f"'{name}' is damaged: its checksum (CRC) does not match its content"
        if how == "crc"
        else f"'{name}' is damaged and cannot be unpacked"
    )
    assert f"refusing the bundle '{bad}': {expected}" in result.stderr
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit"])
def test_a_stdout_that_cannot_write_umlauts_gets_escapes_not_a_traceback(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / "blueprint.yaml"
    target.write_text(
        BASE.read_text(encoding="utf-8").replace("  name: Musterstadt\n", "  name: München\n  größe: 1\n"),
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "LANG": "de_DE.UTF-8", "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "kltransfer", "validate", "--format", fmt, str(target)],
        capture_output=True,
        env=env,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    out = done.stdout.decode("ascii")  # nothing but ASCII was written
    assert "Traceback" not in done.stderr.decode("ascii")
    if fmt == "json":
        found = json.loads(out)["findings"]
        assert found[0]["message"] == "unbekanntes Feld 'größe' in 'city'" or "größe" in found[0]["message"]
    elif fmt == "text":
        assert "gr\\xf6\\xdfe" in out
