"""The cached schema gate: its generated code stands in for decimal without changing a verdict."""

from __future__ import annotations

import copy
import os
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from kltransfer.loading.yaml_loader import load_file
from kltransfer.validation import gate as gate_module

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "kaiserslautern-participation-platform" / "blueprint.yaml"


@pytest.fixture
def fresh_gate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[gate_module.Gate]:
    monkeypatch.setenv("KLTRANSFER_CACHE_DIR", str(tmp_path))
    gate_module.gate.cache_clear()
    gate_module.gate("1.2")  # generated and cached
    gate_module.gate.cache_clear()
    try:
        yield gate_module.gate("1.2")  # loaded from the cache
    finally:
        gate_module.gate.cache_clear()


def test_generated_gate_does_not_import_decimal(fresh_gate: gate_module.Gate, tmp_path: Path) -> None:
    (source,) = (tmp_path / "gates").glob("*.py")
    text = source.read_text(encoding="utf-8")
    assert "from decimal import" not in text and "class Decimal(metaclass=_DecimalType)" in text
    code = f"import sys; exec(open({str(source)!r}).read(), {{}}); print('decimal' in sys.modules)"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "False"


def test_a_decimal_is_still_a_number_to_the_gate(fresh_gate: gate_module.Gate) -> None:
    doc, findings = load_file(EXAMPLE)
    assert doc is not None and not findings
    assert fresh_gate(doc.data)
    data = copy.deepcopy(doc.data)
    data["city"]["area"] = Decimal("217.5")  # a number (the format's "quantity")
    assert fresh_gate(data)
    data["city"]["area"] = Decimal("-1")  # below the minimum: still checked as a number
    assert not fresh_gate(data)
    data["city"]["area"] = -1.0
    assert not fresh_gate(data)
    data = copy.deepcopy(doc.data)
    data["id"] = Decimal("1")  # not a text
    assert not fresh_gate(data)


SHIPPED_RUN = """
import sys
from pathlib import Path
from kltransfer.loading.yaml_loader import load_file
from kltransfer.validation import gate
gate.SHIPPED = Path(sys.argv[1])
doc, _ = load_file(sys.argv[2])
verdict = gate.gate("1.2")(doc.data)
doc.data["id"] = "Not An Id"
print(verdict, gate.gate("1.2")(doc.data), "fastjsonschema" in sys.modules)
"""


def test_a_shipped_gate_is_loaded_without_generating_or_caching(tmp_path: Path) -> None:
    """A wheel ships the gates (hatch_build.py): the first run after an install generates none."""
    shipped = tmp_path / "shipped"
    shipped.mkdir()
    (shipped / gate_module.shipped_name("1.2")).write_text(gate_module.generate("1.2"), encoding="utf-8")
    cache = tmp_path / "cache"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "KLTRANSFER_CACHE_DIR": str(cache)}
    proc = subprocess.run(
        [sys.executable, "-c", SHIPPED_RUN, str(shipped), str(EXAMPLE)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "True False False"
    assert not cache.exists()
