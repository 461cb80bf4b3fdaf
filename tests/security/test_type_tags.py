"""An explicit type tag on a value of another type (``!!int bar``, ``!!float 1e``, ``!!null Berlin``)
is a finding (KT011) with its place, in every command that reads a blueprint: never an internal
error (exit 3), and never a value changed without a word (``!!null Berlin`` read as nothing)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import EXAMPLES

BASE = (EXAMPLES / "berlin-giess-den-kiez" / "blueprint.yaml").read_text(encoding="utf-8")
LINE = BASE[: BASE.index("\ncity:\n")].count("\n") + 3  # 'name:' is the first key of city

#: tag and value → the tag as the message names it
MISMATCHES = {
    "!!int bar": "!!int",
    "!!float bar": "!!float",
    '!!int ""': "!!int",
    "!!float .": "!!float",
    "!!float 1e": "!!float",
    "!!int 0x": "!!int",
    "!!int 0o9": "!!int",
    "!!int :1": "!!int",
    "!!float 1:x": "!!float",
    "!<tag:yaml.org,2002:int> bar": "!!int",
    "!!bool maybe": "!!bool",
    "!!null Berlin": "!!null",
}


def _blueprint(tmp_path: Path, tagged: str) -> Path:
    folder = tmp_path / "bp"
    folder.mkdir()
    (folder / "blueprint.yaml").write_text(
        BASE.replace("city:\n  name: Berlin\n", f"city:\n  name: {tagged}\n", 1), encoding="utf-8"
    )
    return folder


@pytest.mark.parametrize(("tagged", "tag"), list(MISMATCHES.items()), ids=list(MISMATCHES))
def test_a_tag_that_does_not_fit_its_value_is_kt011(run, tmp_path: Path, tagged: str, tag: str) -> None:
    folder = _blueprint(tmp_path, tagged)
    value = tagged.split(" ", 1)[1].strip('"')
    result = run("validate", "--no-source", folder)
    assert result.exit_code == 1, result.stderr
    expected = f"the value '{value}' is not of the type its tag '{tag}' says"
    assert f"blueprint.yaml:{LINE}:9: error KT011 city.name: {expected}" in result.stdout
    result = run("validate", "--no-source", folder, env={"LANG": "de_DE.UTF-8"})
    assert result.exit_code == 1
    assert f"der Wert '{value}' ist nicht vom Typ, den sein Tag '{tag}' angibt" in result.stdout


@pytest.mark.parametrize("command", [["check"], ["list"], ["fix", "-n"], ["migrate", "-n"], ["export", "-o", "out"]])
def test_no_command_fails_inside_on_a_tag_that_does_not_fit(run, tmp_path: Path, command: list[str]) -> None:
    folder = _blueprint(tmp_path, "!!float bar")
    result = run(*command, folder)
    assert result.exit_code in (1, 2), result.stderr
    assert "internal error" not in result.stderr


@pytest.mark.parametrize("tagged", ["!!int 12", "!!float 1.5", "!!bool yes", "!!null ~", "!!int 0x1F", "!!str 12"])
def test_a_tag_that_fits_is_no_kt011(run, tmp_path: Path, tagged: str) -> None:
    result = run("validate", "-f", "json", _blueprint(tmp_path, tagged))
    assert "KT011" not in result.stdout
