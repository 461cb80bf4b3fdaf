"""Help that reads well: paragraphs wrapped by the terminal, not by the source; real defaults shown.

Snapshots of some ``--help`` pages at 100 columns, in German and English, show the result; set
``KLTRANSFER_UPDATE_SNAPSHOTS=1`` to rewrite them after an intended change, and read the diff.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
import pytest

from tests.cli.test_cli_language import COMMANDS, environment
from tests.i18n.test_catalogs import PENDING

SNAPSHOTS = Path(__file__).parent / "snapshots"
KLTRANSFER = Path(sys.executable).with_name("kltransfer")


def _commands() -> dict[tuple[str, ...], click.Command]:
    import typer.main

    from kltransfer.cli.app import app

    root = typer.main.get_command(app)
    found: dict[tuple[str, ...], click.Command] = {(): root}
    for path in COMMANDS:
        command: click.Command = root
        for name in path:
            command = command.commands[name]  # type: ignore[attr-defined]
        found[path] = command
    return found


def _ready() -> list[tuple[str, ...]]:
    return [path for path in _commands() if not path or COMMANDS[path] not in PENDING]


@pytest.mark.parametrize("path", _ready(), ids=lambda p: " ".join(p) or "kltransfer")
def test_help_is_written_as_paragraphs_without_line_breaks(path: tuple[str, ...]) -> None:
    """A line break inside a paragraph would stay in the output and break a sentence mid-way."""
    command = _commands()[path]
    texts = {"": command.help or ""}
    texts.update({param.name or "": getattr(param, "help", None) or "" for param in command.params})
    for name, text in texts.items():
        assert text.strip(), f"{path} {name}: no help"
        for paragraph in text.split("\n\n"):
            assert "\n" not in paragraph, f"{path} {name}: {paragraph!r}"
        assert text == text.strip(), f"{path} {name}: leading or trailing white space"


@pytest.mark.parametrize("path", _ready(), ids=lambda p: " ".join(p) or "kltransfer")
def test_every_default_is_shown(path: tuple[str, ...]) -> None:
    """An option with a default either shows it ([default: …]) or says it in its help ("Default: …")."""
    for param in _commands()[path].params:
        if not isinstance(param, click.Option) or param.is_flag or param.default in (None, "", (), []):
            continue
        shown = param.show_default is not False or "Default:" in (param.help or "")
        assert shown, f"{path} {param.name}: default {param.default!r} not shown"


def _help(args: list[str], lang: str) -> str:
    done = subprocess.run(
        [str(KLTRANSFER), *args, "--help"],
        capture_output=True,
        text=True,
        env=environment(lang),
        timeout=120,
        check=True,
    )
    return "\n".join(line.rstrip() for line in done.stdout.splitlines()) + "\n"


@pytest.mark.parametrize("lang", ["de_DE.UTF-8", "en_US.UTF-8"])
@pytest.mark.parametrize("command", ["new", "schema", "catalog build"])
def test_help_snapshot_at_100_columns(command: str, lang: str) -> None:
    text = _help(command.split(), lang)
    snapshot = SNAPSHOTS / f"{command.replace(' ', '-')}-{lang[:2]}.txt"
    if os.environ.get("KLTRANSFER_UPDATE_SNAPSHOTS"):
        snapshot.parent.mkdir(exist_ok=True)
        snapshot.write_text(text, encoding="utf-8")
    assert text == snapshot.read_text(encoding="utf-8")
    assert max(len(line) for line in text.splitlines()) <= 100
