"""``kltransfer validate`` in German and English: exact texts, plurals, machine formats, workers, no mixing."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT, Result
from tests.corpus_cases import CORPUS, INVALID, VALID

Run = Callable[..., Result]
DE = {"LANG": "de_DE.UTF-8"}
MISSPELT = CORPUS / "invalid" / "kt101-misspelt-key" / "blueprint.yaml"
COST = CORPUS / "invalid" / "kt206-cost-sum" / "blueprint.yaml"
COLON = CORPUS / "invalid" / "kt002-value-with-colon" / "blueprint.yaml"
TODO = CORPUS / "valid" / "todo-placeholders" / "blueprint.yaml"
NBSP = "\u00a0"


# --- exact texts in both languages ----------------------------------------------------------------

EXACT = {
    MISSPELT: (
        "10:1: error KT101 licnce: unknown key 'licnce' in the top level; did you mean 'licence'?",
        "10:1: Fehler KT101 licnce: unbekanntes Feld 'licnce' auf der obersten Ebene; meinten Sie 'licence'?",
    ),
    COST: (
        "28:12: error KT206 costs.investment.total: the total is €350,000.00 but the breakdown adds up to "
        "€300,000.00; correct the total or the amounts of the breakdown",
        f"28:12: Fehler KT206 costs.investment.total: die Summe ist 350.000,00{NBSP}€, die Aufstellung ergibt aber "
        f"300.000,00{NBSP}€; korrigieren Sie die Summe oder die Beträge der Aufstellung",
    ),
    COLON: (
        "9:14: error KT002: the value of 'summary' contains ': ', which YAML reads as a new key; put the value in "
        'quotes: summary: "Ziel: Sensoren auf 400 Stellplätzen speisen eine Live-Karte und dynamische Anzeigetafeln."',
        "9:14: Fehler KT002: der Wert von 'summary' enthält ': ', was YAML als Beginn eines neuen Felds liest; "
        'setzen Sie den Wert in Anführungszeichen: summary: "Ziel: Sensoren auf 400 Stellplätzen speisen eine '
        'Live-Karte und dynamische Anzeigetafeln."',
    ),
    TODO: (
        "39:14: warning KT220 funding.own_share: 'funding.own_share' is still to be filled in; "
        "the placeholder says: Eigenanteil laut Haushalt",
        "39:14: Warnung KT220 funding.own_share: 'funding.own_share' ist noch auszufüllen; "
        "der Platzhalter sagt: Eigenanteil laut Haushalt",
    ),
}


@pytest.mark.parametrize("path", list(EXACT), ids=lambda p: p.parent.name)
def test_a_finding_reads_the_same_in_both_languages(run: Run, path: Path) -> None:
    english, german = EXACT[path]
    assert f"{path}:{english}" in run("validate", "--no-source", path).stdout.splitlines()
    assert f"{path}:{german}" in run("validate", "--no-source", path, env=DE).stdout.splitlines()


def test_the_german_summary_has_real_plurals(run: Run) -> None:
    one = run("validate", MISSPELT, env=DE).stdout.splitlines()[-1]
    assert one == "1 Datei geprüft: 1 fehlerhaft, 1 Fehler, 0 Warnungen"
    three = run("validate", MISSPELT, TODO, COST, env=DE).stdout.splitlines()[-1]
    assert three == "3 Dateien geprüft: 2 fehlerhaft, 2 Fehler, 2 Warnungen"
    strict = run("validate", "--strict", "-q", TODO, env=DE).stdout
    assert strict == (
        "1 Datei geprüft: 1 fehlerhaft, 0 Fehler, 2 Warnungen (nicht angezeigt) "
        "(--strict: Warnungen lassen den Lauf scheitern)\n"
    )


def test_german_json_keeps_codes_key_paths_and_field_names(run: Run) -> None:
    english = json.loads(run("validate", "-f", "json", MISSPELT, COST).stdout)
    german = json.loads(run("validate", "-f", "json", MISSPELT, COST, env=DE).stdout)
    assert german["summary"] == english["summary"]
    strip = ("message", "hint")
    assert [{k: v for k, v in f.items() if k not in strip} for f in german["findings"]] == [
        {k: v for k, v in f.items() if k not in strip} for f in english["findings"]
    ]
    assert [f["message"] for f in german["findings"]] == [
        "unbekanntes Feld 'licnce' auf der obersten Ebene",
        f"die Summe ist 350.000,00{NBSP}€, die Aufstellung ergibt aber 300.000,00{NBSP}€",
    ]


def test_german_sarif_keeps_rule_ids_and_translates_titles(run: Run) -> None:
    import jsonschema

    english = json.loads(run("validate", "-f", "sarif", MISSPELT).stdout)
    german = json.loads(run("validate", "-f", "sarif", MISSPELT, env=DE).stdout)
    schema = json.loads((ROOT / "tests" / "data" / "sarif-2.1.0-rtm.5.json").read_text(encoding="utf-8"))
    jsonschema.validate(german, schema)
    rules_en, rules_de = (log["runs"][0]["tool"]["driver"]["rules"] for log in (english, german))
    assert [(r["id"], r["name"], r["helpUri"]) for r in rules_de] == [
        (r["id"], r["name"], r["helpUri"]) for r in rules_en
    ]
    kt101 = next(r for r in rules_de if r["id"] == "KT101")
    assert kt101["shortDescription"]["text"] == "Ein Feld, das das Format nicht kennt"
    result = german["runs"][0]["results"][0]
    assert (result["ruleId"], result["properties"]["keyPath"]) == ("KT101", "licnce")
    assert (
        result["message"]["text"]
        == "licnce: unbekanntes Feld 'licnce' auf der obersten Ebene (Hinweis: meinten Sie 'licence'?)"
    )


def test_workers_speak_the_language_of_the_run(run: Run, tmp_path: Path) -> None:
    cases = [c for c in INVALID + VALID if not c.args]
    for i in range(70):
        shutil.copytree(cases[i % len(cases)].folder, tmp_path / f"{i:03d}")
    one = run("validate", "--jobs", "1", tmp_path, env=DE)
    two = run("validate", "--jobs", "2", tmp_path, env=DE)
    assert two.stdout == one.stdout
    assert "unbekanntes Feld 'licnce' auf der obersten Ebene" in two.stdout
    assert "unknown key" not in two.stdout


def test_an_unreadable_file_and_a_missing_path_in_german(run: Run, tmp_path: Path) -> None:
    fifo = tmp_path / "blueprint.yaml"
    os.mkfifo(fifo)
    result = run("validate", tmp_path, env=DE)
    assert result.exit_code == 2
    assert (
        result.stdout.splitlines()[0]
        == f"{fifo}: Fehler KT901: die Datei lässt sich nicht lesen: keine gewöhnliche Datei"
    )
    missing = run("validate", tmp_path / "fehlt", env=DE)
    assert missing.stderr == (
        f"kltransfer: Fehler KT901: '{tmp_path / 'fehlt'}' gibt es nicht\n"
        "  Hinweis: prüfen Sie den Pfad und den aktuellen Ordner\n"
    )


def test_a_wrong_configuration_in_german(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".kltransfer.yaml").write_text("selct: [KT1]\nstrict: 1\n", encoding="utf-8")
    result = run("validate", MISSPELT, env=DE)
    assert result.stderr == (
        "kltransfer: Fehler KT902: 2 Probleme in der Konfiguration:\n"
        "  .kltransfer.yaml:1:1: selct: unbekannte Einstellung; meinten Sie 'select'?\n"
        "  .kltransfer.yaml:2:9: strict: muss true oder false sein, nicht 1\n"
        "  Hinweis: die Einstellungen heißen: select, ignore, per-file-ignores, strict, lang, max-bytes, "
        "max-depth, max-nodes, dcat\n"
    )


# --- no sentence of the other language ------------------------------------------------------------

sys.path.insert(0, str(ROOT / "scripts"))


@cache
def _catalog() -> list[tuple[str, str]]:
    """(English, German) pairs of every entry of de.po, plural forms as pairs of their own."""
    import catalogs  # scripts/catalogs.py

    pairs = []
    for message in catalogs.read(catalogs.LOCALE / "de" / "LC_MESSAGES" / "kltransfer.po"):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        pairs += [(i, s) for i in ids for s in strings]
    return pairs


def _fragments(text: str) -> set[str]:
    """The pieces of a message between its placeholders that are sentences: two words or more."""
    out = set()
    for piece in re.split(r"\{[^{}]*\}|[;()]", text):
        piece = piece.strip(" :,.;'\"…-\n")
        # two words or more: a name such as "Rheinland-Pfalz" is one word, not a sentence
        if sum(1 for word in piece.split() if re.search(r"[A-Za-zÄÖÜäöüß]{2,}", word)) >= 2:
            out.add(piece)
    return out


@cache
def sentences(lang: str) -> frozenset[str]:
    """Sentences only the given language has: fragments of its side of the catalog not in the other side."""
    found = set()
    for english, german in _catalog():
        mine, other = (english, german) if lang == "en" else (german, english)
        found |= {f for f in _fragments(mine) if f not in other}
    return frozenset(found)


def _visible(output: str) -> str:
    """The output without the lines of the files that findings show (their text is the user's)."""
    return "\n".join(line for line in output.splitlines() if not re.match(r"^  (\d+| +) \|", line))


def _cases(tmp: Path) -> dict[str, list[str]]:
    invalid = [c.folder for c in INVALID if not c.args and c.name.startswith(("kt1", "kt2", "kt003", "kt004"))]
    syntax = [c.folder for c in INVALID if c.name.startswith(("kt001", "kt002", "kt005", "kt009", "kt010"))]
    broken = tmp / "broken"
    broken.mkdir()
    text = (CORPUS / "invalid" / "kt220-todo-placeholder" / "blueprint.yaml").read_text(encoding="utf-8")
    text = text.replace("phase: P3", "phase:P3").replace("  de: Parkleitsystem Musterstadt", '  de: "Ein "Netz"')
    (broken / "blueprint.yaml").write_text(text.replace("licence: CC-BY-4.0", "licence: CC-BY-4"), encoding="utf-8")
    unreadable = tmp / "unreadable"
    unreadable.mkdir()
    os.mkfifo(unreadable / "blueprint.yaml")
    config = tmp / "config"
    config.mkdir()
    (config / "pyproject.toml").write_text("[tool.kltransfer]\nignroe = 1\nlang = 'fr'\n", encoding="utf-8")
    return {
        "valid": ["validate", str(EXAMPLES)],
        "invalid": ["validate", *map(str, invalid)],
        "invalid-json": ["validate", "-f", "json", *map(str, invalid)],
        "invalid-sarif": ["validate", "-f", "sarif", str(MISSPELT), str(TODO)],
        "invalid-junit": ["validate", "-f", "junit", "--strict", str(MISSPELT), str(TODO)],
        "errors-only": ["validate", "-q", "--strict", str(TODO), str(MISSPELT)],
        "syntax": ["validate", str(broken), *map(str, syntax)],
        "unreadable": ["validate", str(unreadable)],
        "missing": ["validate", str(tmp / "nowhere")],
        "bad-option": ["validate", "--select", "KT9999", str(EXAMPLES)],
        "bad-format": ["validate", "--format", "xml", str(EXAMPLES)],
        "config": ["validate", "--config", str(config / "pyproject.toml"), str(EXAMPLES)],
    }


def _run(args: list[str], lang: str) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env["LANG"] = lang
    exe = str(Path(sys.executable).with_name("kltransfer"))
    done = subprocess.run([exe, *args], capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, timeout=300)
    assert "Traceback" not in done.stderr
    return done.stdout + done.stderr


@pytest.mark.parametrize(("lang", "other"), [("de_DE.UTF-8", "en"), ("en_US.UTF-8", "de")])
def test_no_sentence_of_the_other_language(tmp_path: Path, lang: str, other: str) -> None:
    """Every case of validate (valid, invalid, syntax errors, unreadable, wrong options and configuration,
    every format) prints nothing of the other language; codes, key paths, file names and values may stay."""
    leaks = {}
    for name, args in _cases(tmp_path).items():
        output = _visible(_run(args, lang))
        found = sorted(s for s in sentences(other) if s in output)
        if found:
            leaks[name] = found
    assert not leaks, leaks


def test_the_check_finds_a_leak() -> None:
    """The test above could not fail if its sentences were empty: an English message is caught."""
    assert "is still to be filled in" in sentences("en")
    assert "ist noch auszufüllen" in sentences("de")
    assert "did you mean" in sentences("en")
    assert not any(s in _visible("x.yaml:1:1: Fehler KT101: unbekanntes Feld 'a'") for s in sentences("en"))
