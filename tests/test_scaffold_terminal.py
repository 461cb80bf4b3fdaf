"""`kltransfer new` with a real stdin: no prompt without a terminal, prompts with one (pexpect)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pexpect
import yaml


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


def test_interactive_prompts_validate_and_ask_again(tmp_path: Path) -> None:
    target = tmp_path / "bp"
    env = dict(os.environ, TERM="dumb", COLUMNS="200", LANG="C.UTF-8", LC_ALL="")
    child = pexpect.spawn(
        sys.executable,
        ["-m", "kltransfer", "new", str(target), "--lang", "de", "--ci", "none"],
        cwd=str(tmp_path),
        env=env,
        encoding="utf-8",
        timeout=60,
        dimensions=(50, 200),
    )
    try:
        child.expect_exact("Art des Projekts:")
        child.expect_exact("sensor-network  Sensor- bzw. IoT-Netz")
        child.expect_exact("Art (generic):")
        child.sendline("3")
        child.expect_exact("Titel des Projekts")
        child.sendline('Sensoren: "Luft"')
        child.expect_exact("Stadt oder Gemeinde")
        child.sendline("Kaiserslautern")
        child.expect_exact("Bundesland (ISO 3166-2) (DE-RP):")
        child.sendline("Pfalz")
        child.expect_exact("'Pfalz' is not a choice for city.state")
        child.expect_exact("Bundesland (ISO 3166-2) (DE-RP):")
        child.sendline("de-rp")
        child.expect_exact("(environment,data-infrastructure):")
        child.sendline("environment, mobility")
        child.expect_exact("[P1/P2/P3/P4/P5] (P1):")
        child.sendline("P2")
        child.expect_exact("Rolle der Ansprechperson (Projektleitung):")
        child.sendline("")
        child.expect_exact("Lizenz des Blueprints (SPDX) (CC-BY-4.0):")
        child.sendline("CC-BY-5.0")
        child.expect_exact("is not an SPDX licence identifier")
        child.expect_exact("Lizenz des Blueprints (SPDX) (CC-BY-4.0):")
        child.sendline("")
        child.expect_exact("[lorawan/nb-iot/wlan/mixed] (lorawan):")
        child.sendline("")
        child.expect_exact("[ja/nein]:")  # no default: a scaffold does not assume "no personal data"
        child.sendline("ja")
        child.expect_exact("created")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0
    data = yaml.safe_load((target / "blueprint.yaml").read_text(encoding="utf-8"))
    assert data["kind"] == "sensor-network"
    assert data["title"] == 'Sensoren: "Luft"'
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
