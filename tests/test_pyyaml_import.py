"""kltransfer.loading.pyyaml: PyYAML imported with its unused pattern compiled only when used."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CODE = """
import re
import kltransfer.loading.yaml_loader
import yaml

pattern = yaml.reader.Reader.NON_PRINTABLE
print(isinstance(pattern, re.Pattern), re.compile is re.__dict__['compile'])
try:  # the pure-Python reader, which uses the pattern, still refuses a control character
    yaml.load("a: b\\x01", Loader=yaml.SafeLoader)
except yaml.reader.ReaderError as exc:
    print(exc.character == 1, exc.position)
print(pattern.search("ok\\x7f").start(), pattern.search("ok") is None)
"""


def test_yaml_loader_defers_the_readers_pattern_and_it_still_works(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-c", CODE], cwd=tmp_path, env=env, capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["False True", "True 4", "2 True"]
