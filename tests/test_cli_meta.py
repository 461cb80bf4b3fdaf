"""Every command has help text, is listed in the README and documented in docs/commands.md, and keeps
the core free of the CLI."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


def _commands() -> list[tuple[str, ...]]:
    import typer.main

    from kltransfer.cli.app import app

    group = typer.main.get_command(app)
    found: list[tuple[str, ...]] = []
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        subcommands = getattr(command, "commands", None)
        if subcommands:
            found += [(name, sub) for sub in subcommands]
        else:
            found.append((name,))
    return sorted(found)


COMMANDS = _commands()


def test_the_expected_commands_exist() -> None:
    names = {c[0] for c in COMMANDS}
    assert {
        "new",
        "validate",
        "schema",
        "check",
        "migrate",
        "export",
        "adopt",
        "status",
        "update",
        "diff",
        "list",
        "catalog",
    } <= names


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_help_and_readme(run, command: tuple[str, ...]) -> None:
    result = run(*command, "--help")
    assert result.exit_code == 0, result.stderr
    assert "Usage:" in result.stdout
    assert len(result.stdout.strip().splitlines()) > 3
    name = f"kltransfer {' '.join(command)}"
    readme = (ROOT / "README.md").read_text("utf-8")
    glance = readme.split("## Commands at a glance", 1)[1].split("\n## ", 1)[0]
    assert f"| `{name}" in glance, f"README's commands at a glance do not list '{name}'"
    details = (ROOT / "docs" / "commands.md").read_text("utf-8")
    assert name in details, f"docs/commands.md does not mention '{name}'"


def test_unknown_command_is_a_usage_error(run) -> None:
    result = run("valdate", "examples")
    assert result.exit_code == 2
    assert "No such command" in result.stderr
    assert result.stderr.count("Did you mean") == 1  # click's suggestion only, not typer's as well
    assert "'validate'" in result.stderr


def test_python_dash_m_runs_the_cli() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kltransfer", "--version"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    assert done.stdout.startswith("kltransfer ")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_the_core_never_imports_typer_or_rich() -> None:
    core = [p for p in (ROOT / "kltransfer").rglob("*.py") if "cli" not in p.relative_to(ROOT / "kltransfer").parts]
    offenders = {str(p.relative_to(ROOT)): _imports(p) & {"typer", "rich", "click"} for p in core}
    assert {k: v for k, v in offenders.items() if v} == {}
