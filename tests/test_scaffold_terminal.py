"""`kltransfer new` with a real stdin: no prompt without a terminal, prompts with one (pexpect)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest
import yaml

from tests.scaffold_helpers import snapshot


def test_stdin_not_a_terminal_never_prompts(tmp_path: Path) -> None:
    target = tmp_path / "bp"
    done = subprocess.run(
        [sys.executable, "-m", "kltransfer", "new", str(target), "--kind", "generic"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert (target / "blueprint.yaml").is_file()
    assert "?" not in done.stderr


def _spawn(tmp_path: Path, *args: str, lang: str = "C.UTF-8") -> pexpect.spawn:
    env = dict(os.environ, TERM="dumb", COLUMNS="200", LANG=lang, LC_ALL="", LANGUAGE="", NO_COLOR="1")
    return pexpect.spawn(
        sys.executable,
        ["-m", "kltransfer", "new", *args],
        cwd=str(tmp_path),
        env=env,
        encoding="utf-8",
        timeout=60,
        dimensions=(50, 200),
    )


def test_interactive_prompts_validate_and_ask_again(tmp_path: Path) -> None:
    target = tmp_path / "bp"
    child = _spawn(tmp_path, str(target), "--lang", "de", "--ci", "none")
    try:
        child.expect_exact("Art des Projekts:")
        child.expect_exact("sensor-network  Sensor- bzw. IoT-Netz")
        child.expect_exact("Art (generic):")
        child.sendline("3")
        child.expect_exact("Titel des Projekts (leer lassen: später ausfüllen):")
        child.sendline('Sensoren: "Luft"')
        child.expect_exact("Kennung des Blueprints (bp):")
        child.sendline("Luft Messung")
        child.expect_exact("'Luft Messung' ist keine gültige Kennung")
        child.expect_exact("(bp):")
        child.sendline("luft-messung")
        child.expect_exact("Kurzbeschreibung (leer lassen: später ausfüllen):")
        child.sendline("")
        child.expect_exact("Stadt oder Gemeinde")
        child.sendline("Kaiserslautern")
        child.expect_exact("11. Rheinland-Pfalz (DE-RP)")
        child.expect_exact("16. Thüringen (DE-TH)")
        child.expect_exact("(DE-RP):")
        child.sendline("Pfalz")
        child.expect_exact("'Pfalz' ist keine Auswahl für city.state")
        child.expect_exact("(DE-RP):")
        child.sendline("rlp")
        child.expect_exact("4. Umwelt (environment)")
        child.expect_exact("(environment,data-infrastructure):")
        child.sendline("environment, 2")
        child.expect_exact("3. Pilot (P3)")
        child.expect_exact("(P1):")
        child.sendline("Prototyp")
        child.expect_exact("Rolle der Ansprechperson (Projektleitung):")
        child.sendline("")
        child.expect_exact("E-Mail-Adresse der Ansprechperson (leer lassen: später ausfüllen):")
        child.sendline("smartcity at example.org")
        child.expect_exact("ist keine E-Mail-Adresse")
        child.expect_exact("(leer lassen: später ausfüllen):")
        child.sendline("")
        child.expect_exact("SPDX ist die übliche Kurzschreibweise für Lizenzen")
        child.expect_exact("Lizenz des Blueprints (SPDX) (CC-BY-4.0):")
        child.sendline("CC-BY-5.0")
        child.expect_exact("ist keine SPDX-Lizenzkennung")  # the prompts are German: so is the answer to a mistake
        child.expect_exact("Lizenz des Blueprints (SPDX) (CC-BY-4.0):")
        child.sendline("")
        child.expect_exact("[lorawan/nb-iot/wlan/mixed] (lorawan):")
        child.sendline("")
        child.expect_exact("[ja/nein]:")  # no default: a scaffold does not assume "no personal data"
        child.sendline("ja")
        child.expect_exact("angelegt")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0
    data = yaml.safe_load((target / "blueprint.yaml").read_text(encoding="utf-8"))
    assert data["kind"] == "sensor-network"
    assert data["title"] == 'Sensoren: "Luft"'
    assert data["id"] == "luft-messung"
    assert data["city"] == {
        "name": "Kaiserslautern",
        "state": "DE-RP",
        "country": "DE",
        "population": "TODO: Einwohnerzahl als ganze Zahl",
        "organisation": "TODO: Name der Verwaltung oder Organisation",
        "url": "TODO: Website der Stadt (https://…)",
    }
    assert data["fields_of_action"] == ["environment", "mobility"]
    assert (data["phase"], data["licence"]) == ("P2", "CC-BY-4.0")
    assert data["privacy"]["personal_data"] is True
    answers = yaml.safe_load((target / ".kltransfer-answers.yaml").read_text(encoding="utf-8"))
    assert answers["city.state"] == "DE-RP"
    assert answers["sensor.personal_data"] is True
    assert answers["id"] == "luft-messung"


def test_prompts_accept_german_names_for_codes(tmp_path: Path) -> None:
    """The acceptance of issue 10: names as people type them become the codes of the format."""
    child = _spawn(tmp_path, "luftqualitaet", "--kind", "generic", "--ci", "none", lang="de_DE.UTF-8")
    try:
        for prompt, answer in [
            ("Titel des Projekts", "Saubere Luft"),
            ("Kennung des Blueprints (luftqualitaet)", ""),
            ("Kurzbeschreibung", "Ein Messnetz für die Luftqualität."),
            ("Stadt oder Gemeinde", "Kaiserslautern"),
            ("Bundesland", "Rheinland-Pfalz"),
            ("Handlungsfelder", "Umwelt, Mobilität"),
            ("Phase", "Pilot"),
            ("Rolle der Ansprechperson", ""),
            ("E-Mail-Adresse der Ansprechperson", "smartcity@example.org"),
            ("Lizenz des Blueprints", ""),
            ("personenbezogene Daten", ""),
            ("Software", ""),
        ]:
            child.expect_exact(prompt)
            child.expect(r": $")
            child.sendline(answer)
        child.expect_exact("luftqualitaet angelegt (generic, de): 4 Dateien")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0
    text = (tmp_path / "luftqualitaet" / "blueprint.yaml").read_text(encoding="utf-8")
    assert 'state: "DE-RP"' in text
    assert 'fields_of_action: ["environment", "mobility"]' in text
    assert 'phase: "P3"' in text
    data = yaml.safe_load(text)
    assert (data["city"]["state"], data["fields_of_action"], data["phase"]) == (
        "DE-RP",
        ["environment", "mobility"],
        "P3",
    )
    assert (data["id"], data["summary"]) == ("luftqualitaet", "Ein Messnetz für die Luftqualität.")
    assert data["contacts"][0]["email"] == "smartcity@example.org"


@pytest.mark.parametrize(
    ("lang", "message"),
    [("de_DE.UTF-8", "Abgebrochen, nichts geschrieben."), ("en_US.UTF-8", "Cancelled; nothing was written.")],
)
def test_ctrl_c_at_a_question_writes_nothing_and_exits_130(tmp_path: Path, lang: str, message: str) -> None:
    (tmp_path / "keep.txt").write_text("untouched\n", encoding="utf-8")
    before = snapshot(tmp_path)
    child = _spawn(tmp_path, "bp", "--kind", "generic", lang=lang)
    try:
        child.expect(r"\(leer lassen: später ausfüllen\): $|\(leave empty: fill in later\): $")
        child.sendline("Ein Titel")
        child.expect(r"\(bp\): $")
        child.sendintr()
        child.expect(r"\A(\^C)?\r?\n" + re.escape(message))  # a new line ends the open question line
        child.expect(pexpect.EOF)
        output = child.before
    finally:
        child.close()
    assert child.exitstatus == 130
    assert output.strip() == ""  # the message, after a new line, is the last thing printed
    assert snapshot(tmp_path) == before
    assert not (tmp_path / "bp").exists()


def test_no_input_on_a_terminal_does_not_prompt(tmp_path: Path) -> None:
    target = tmp_path / "bp"
    child = pexpect.spawn(
        sys.executable,
        ["-m", "kltransfer", "new", str(target), "--no-input"],
        cwd=str(tmp_path),
        env=dict(os.environ, TERM="dumb"),
        encoding="utf-8",
        timeout=60,
    )
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert (target / "blueprint.yaml").is_file()
