"""The click and typer texts kltransfer shows are marked for its catalog, spelt as the installed versions spell them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
import typer
from babel.messages.extract import extract_from_file

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import catalogs  # scripts/catalogs.py

#: Modules whose every text can reach a kltransfer user; the others are covered where they can.
WHOLE = ("click/exceptions.py", "click/formatting.py", "click/parser.py", "typer/rich_utils.py", "typer/core.py")


def _ids(path: Path, keywords: dict) -> set[str]:
    found = set()
    for _line, message, _comments, _context in extract_from_file("python", str(path), keywords=keywords):
        found.add(message if isinstance(message, str) else message[0])
    return found


def installed() -> dict[str, set[str]]:
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2)}
    out = {}
    for package in (click, typer):
        root = Path(package.__file__).parent
        for path in sorted(root.glob("*.py")):
            out[f"{package.__name__}/{path.name}"] = _ids(path, keywords)
    return out


def marked() -> set[str]:
    return _ids(ROOT / "kltransfer" / "i18n" / "thirdparty.py", catalogs.KEYWORDS)


def test_every_marked_text_is_spelt_as_click_or_typer_spell_it() -> None:
    known = set().union(*installed().values())
    assert sorted(marked() - known) == []


@pytest.mark.parametrize("module", WHOLE)
def test_every_text_of_the_modules_people_see_is_marked(module: str) -> None:
    assert sorted(installed()[module] - marked()) == []


def test_thirdparty_is_never_imported_at_run_time() -> None:
    code = (
        "import sys; from kltransfer.cli.main import run; run(['--help']); "
        "print('kltransfer.i18n.thirdparty' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=dict(os.environ, COLUMNS="100"), check=True
    )
    assert done.stdout.strip().endswith("False")
