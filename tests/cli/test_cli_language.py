"""The command line speaks one language: German under a German locale or ``lang: de``, English otherwise.

Each check runs kltransfer in a subprocess: help texts are translated when the command modules
are imported, so only a fresh process shows what a person sees. Commands whose modules are
still being translated (``PENDING`` in tests/i18n/test_catalogs.py) are left out until they are done.
"""

from __future__ import annotations

import json
import os
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.i18n.test_catalogs import PENDING, catalogs

KLTRANSFER = Path(sys.executable).with_name("kltransfer")
#: Words of English sentences that German does not use (and the reverse).
ENGLISH = set(
    [
        "the",
        "and",
        "of",
        "to",
        "is",
        "are",
        "for",
        "with",
        "or",
        "not",
        "be",
        "this",
        "from",
        "when",
        "that",
        "which",
        "would",
        "your",
        "you",
        "were",
        "has",
        "have",
        "cannot",
        "into",
        "than",
        "only",
        "each",
        "every",
        "should",
        "must",
        "does",
    ]
)
GERMAN = set(
    [
        "der",
        "die",
        "das",
        "und",
        "oder",
        "nicht",
        "ist",
        "sind",
        "für",
        "mit",
        "eine",
        "einen",
        "ein",
        "wird",
        "werden",
        "sie",
        "den",
        "dem",
        "des",
        "zu",
        "auf",
        "bei",
        "aus",
        "wenn",
        "sich",
        "nach",
        "noch",
        "über",
        "vom",
        "zum",
        "zur",
    ]
)
#: What is not a sentence: quoted text, paths, options, codes, URLs, metavars, key paths, values.
_NOT_PROSE = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"|`[^`\n]*`|\S*[-./=_:@<>\[\]{}|0-9]\S*|\b[A-Z]{2,}\b")
_WORD = re.compile(r"[A-Za-zÄÖÜäöüß]+")

COMMANDS = {
    ("new",): "kltransfer/cli/new_cmd.py",
    ("validate",): "kltransfer/cli/validate_cmd.py",
    ("schema",): "kltransfer/cli/schema_cmd.py",
    ("check",): "kltransfer/cli/check_cmd.py",
    ("migrate",): "kltransfer/cli/migrate_cmd.py",
    ("export",): "kltransfer/cli/export_cmd.py",
    ("adopt",): "kltransfer/cli/adopt_cmd.py",
    ("status",): "kltransfer/cli/status_cmd.py",
    ("update",): "kltransfer/cli/update_cmd.py",
    ("diff",): "kltransfer/cli/diff_cmd.py",
    ("list",): "kltransfer/cli/list_cmd.py",
    ("catalog",): "kltransfer/cli/catalog_cmd.py",
    ("catalog", "build"): "kltransfer/cli/catalog_cmd.py",
}
READY = [c for c, module in COMMANDS.items() if module not in PENDING]
PENDING_NAMES = {c[0] for c, module in COMMANDS.items() if module in PENDING}

#: Happy paths and main error paths of `new`, `schema` and of command-line usage.
RUNS: list[list[str]] = [
    ["new", "bp", "--no-input", "--set", "title=Saubere Luft", "--set", "city.state=Bayern"],
    ["new", "dry", "--no-input", "--dry-run", "--kind", "open-data"],
    ["new", "bp", "--no-input"],  # the folder is no longer empty
    ["new"],
    ["new", "x", "--no-input", "--kind", "sensr-network"],
    ["new", "x", "--no-input", "--set", "city.nmae=Ulm"],
    ["new", "x", "--no-input", "--set", "phase=P9"],
    ["new", "x", "--no-input", "--set", "fields_of_action=Umwelt, Parken"],
    ["new", "x", "--no-input", "--set", "title"],
    ["new", "x", "--no-input", "--lang", "fr"],
    ["new", "x", "--no-input", "--ci", "gitlub"],
    ["new", "x", "--no-input", "--ci", "github", "--ci", "github-sarif"],
    ["new", "x", "--no-input", "--answers", "missing.yaml"],
    ["new", "--bogus"],
    ["schema", "--version", "0.9"],
    ["schema", "--lang", "fr"],
    ["valdate", "bp"],
    ["diff", "bp/blueprint.yaml"],
    ["check", "--min-score", "200"],
]

_RUNNER = """
import contextlib, io, json, sys
from kltransfer.cli.main import run
results = []
for argv in json.loads(sys.argv[1]):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = run(argv)
    results.append({"argv": argv, "code": code, "stdout": out.getvalue(), "stderr": err.getvalue()})
print(json.dumps(results))
"""


def environment(lang: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_")}
    env.update(LANG=lang, LANGUAGE="", COLUMNS="100", NO_COLOR="1", TERM="dumb")
    return env


def run_all(runs: list[list[str]], cwd: Path, lang: str) -> list[dict]:
    """Every run in one fresh process, through the same entry point as the ``kltransfer`` script."""
    done = subprocess.run(
        [sys.executable, "-c", _RUNNER, json.dumps(runs)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=environment(lang),
        stdin=subprocess.DEVNULL,
        timeout=300,
        check=True,
    )
    return json.loads(done.stdout)


def prose_words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(_NOT_PROSE.sub(" ", text))]


def english_sentences() -> list[str]:
    """Pieces of the catalog's English texts long enough to be a sentence (between placeholders)."""
    pieces = []
    for message in catalogs.read(catalogs.TEMPLATE):
        for msgid in message.id if isinstance(message.id, tuple) else (message.id,):
            for literal, *_ in string.Formatter().parse(msgid.replace("{{", "(").replace("}}", ")")):
                if len(prose_words(literal)) >= 4 and set(prose_words(literal)) & ENGLISH:
                    pieces.append(literal.strip())
    return pieces


def problems(text: str, lang: str) -> list[str]:
    found = []
    for line in text.splitlines():
        if lang == "de":
            strangers = [w for w in prose_words(line) if w in ENGLISH]
            strangers += [s for s in english_sentences_cached() if s in line]
        else:
            strangers = [w for w in prose_words(line) if w in GERMAN] + re.findall(
                r"[äöüßÄÖÜ]", _NOT_PROSE.sub("", line)
            )
        if strangers:
            found.append(f"{line!r}: {strangers}")
    return found


_SENTENCES: list[str] = []


def english_sentences_cached() -> list[str]:
    if not _SENTENCES:
        _SENTENCES.extend(english_sentences())
    return _SENTENCES


def without_pending(help_text: str) -> str:
    """The root help without the command list lines of commands still being translated."""
    return "\n".join(line for line in help_text.splitlines() if (line[2:].split() or [""])[0] not in PENDING_NAMES)


SETTINGS = [
    pytest.param("de_DE.UTF-8", None, "de", id="LANG=de_DE"),
    pytest.param("C.UTF-8", "lang: de\n", "de", id="lang-de-in-config"),
    pytest.param("en_US.UTF-8", None, "en", id="LANG=en_US"),
]


@pytest.mark.parametrize(("locale", "config", "lang"), SETTINGS)
def test_help_of_every_command_speaks_one_language(tmp_path: Path, locale: str, config: str | None, lang: str) -> None:
    if config:
        (tmp_path / ".kltransfer.yaml").write_text(config, encoding="utf-8")
    results = run_all([["--help"], *[[*c, "--help"] for c in READY]], tmp_path, locale)
    assert [r["code"] for r in results] == [0] * len(results)
    assert results[0]["stdout"].count("Aufruf:" if lang == "de" else "Usage:") == 1
    found = problems(without_pending(results[0]["stdout"]), lang)
    for result in results[1:]:
        found += [f"{' '.join(result['argv'])}: {p}" for p in problems(result["stdout"], lang)]
    assert found == []


@pytest.mark.parametrize(("locale", "config", "lang"), SETTINGS)
def test_new_schema_and_usage_errors_speak_one_language(
    tmp_path: Path, locale: str, config: str | None, lang: str
) -> None:
    if config:
        (tmp_path / ".kltransfer.yaml").write_text(config, encoding="utf-8")
    results = run_all(RUNS, tmp_path, locale)
    codes = {" ".join(r["argv"]): r["code"] for r in results}
    assert codes[" ".join(RUNS[0])] == 0
    assert codes[" ".join(RUNS[1])] == 0
    assert all(code == 2 for code in list(codes.values())[2:]), codes
    found = []
    for result in results:
        found += [f"{' '.join(result['argv'])}: {p}" for p in problems(result["stderr"] + result["stdout"], lang)]
    assert found == []
    schema = run_all([["schema"]], tmp_path, locale)[0]
    assert schema["code"] == 0 and schema["stderr"] == ""
    phase = json.loads(schema["stdout"])["properties"]["phase"]
    phase = phase.get("else", phase)  # format 1.2: TODO, else one of the phases
    assert phase["enumDescriptions"][2] == (
        "P3 Pilot: unter realen Bedingungen erprobt." if lang == "de" else "P3 pilot: tested under real conditions."
    )
    blueprint = (tmp_path / "bp" / "blueprint.yaml").read_text(encoding="utf-8")
    assert ("/1.2/de/blueprint.schema.json" in blueprint.splitlines()[0]) == (lang == "de")
    assert "DE-BY" in blueprint


@pytest.mark.parametrize(
    ("args", "code", "german"),
    [
        (
            ["--help"],
            0,
            ["Aufruf: kltransfer [OPTIONS] COMMAND [ARGS]...", "Optionen", "Befehle", "Diese Hilfe anzeigen"],
        ),
        (
            ["new", "--help"],
            0,
            ["Aufruf: kltransfer new [OPTIONS] [DIR]", "Argumente", "Einen Blueprint-Ordner anlegen"],
        ),
        (["new", "--bogus"], 2, ["Hilfe mit 'kltransfer new --help'.", "Fehler: Unbekannte Option '--bogus'."]),
        (["diff", "a"], 2, ["Aufruf: kltransfer diff [OPTIONS] OLD NEW", "Fehler: Fehlendes Argument 'NEW'."]),
        (["valdate"], 2, ["Fehler: Unbekannter Befehl 'valdate'. (Meinten Sie eines von: 'update', 'validate'?)"]),
    ],
)
def test_the_kltransfer_script_speaks_german_with_a_german_locale(
    tmp_path: Path, args: list[str], code: int, german: list[str]
) -> None:
    done = subprocess.run(
        [str(KLTRANSFER), *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=environment("de_DE.UTF-8"),
        check=False,
    )
    assert done.returncode == code
    text = done.stdout + done.stderr
    for expected in german:
        assert expected in text
    assert not any(word in text for word in ("Usage:", "Options", "Error:", "Show this message", "No such", "Missing"))


def test_a_mistyped_command_is_suggested_once(tmp_path: Path) -> None:
    done = subprocess.run(
        [str(KLTRANSFER), "valdate", "x"], capture_output=True, text=True, cwd=tmp_path, env=environment("C.UTF-8")
    )
    assert done.returncode == 2
    assert done.stderr.endswith("Error: No such command 'valdate'. (Did you mean one of: 'update', 'validate'?)\n")
    assert done.stderr.count("Did you mean") == 1
    exact = subprocess.run(
        [str(KLTRANSFER), "exprt"], capture_output=True, text=True, cwd=tmp_path, env=environment("C.UTF-8")
    )
    assert exact.stderr.endswith("Error: No such command 'exprt'. Did you mean 'export'?\n")
    sub = subprocess.run(
        [str(KLTRANSFER), "catalog", "biuld"], capture_output=True, text=True, cwd=tmp_path, env=environment("C.UTF-8")
    )
    assert sub.stderr.endswith("Error: No such command 'biuld'. Did you mean 'build'?\n")


def test_the_checker_finds_what_it_looks_for() -> None:
    """The language checks above are not blind: mixed-language lines are caught."""
    assert problems("Fehler: the folder is not empty", "de") == [
        "'Fehler: the folder is not empty': ['the', 'is', 'not']"
    ]
    assert problems("kltransfer: Fehler KT904: der Ordner bp ist nicht leer", "de") == []
    assert problems("  --out DIR  Folder for the catalog [default: de]", "en") == []
    assert problems("error: der Ordner ist nicht leer", "en") != []
    assert problems("Hinweis: geben Sie 'title: Bürger' an", "de") == []
    assert ROOT.is_dir()
