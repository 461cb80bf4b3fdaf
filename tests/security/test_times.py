"""Times from outside (``SOURCE_DATE_EPOCH``, the ``created`` of a bundle's manifest) that name no
date of four digits are refused or left out, never an internal error (exit 3)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from tests.export_helpers import EXAMPLES

KL = next(p for p in EXAMPLES if p.name == "kaiserslautern-participation-platform")
BUNDLE = "kaiserslautern-participation-platform-1.2.0.kltransfer.zip"


@pytest.mark.parametrize("value", ["253402300800", "99999999999999", "1" + "0" * 400])
@pytest.mark.parametrize("fmt", ["json", "pdf"])
def test_a_source_date_epoch_after_the_year_9999_is_a_usage_error(run, tmp_path: Path, value: str, fmt: str) -> None:
    result = run("export", KL, "-o", tmp_path / "out", "--bundle", "-f", fmt, env={"SOURCE_DATE_EPOCH": value})
    assert result.exit_code == 2, result.stderr
    assert f"error KT900: SOURCE_DATE_EPOCH {value} lies after the year 9999" in result.stderr
    assert not (tmp_path / "out").exists()
    german_env = {"SOURCE_DATE_EPOCH": value, "LANG": "de_DE.UTF-8"}
    german = run("export", KL, "-o", tmp_path / "out", "--bundle", env=german_env)
    assert german.exit_code == 2
    assert f"SOURCE_DATE_EPOCH {value} liegt nach dem Jahr 9999" in german.stderr


@pytest.mark.parametrize("value", ["²", "٣٣", "1²"])
def test_a_source_date_epoch_of_other_digits_than_0_to_9_is_a_usage_error(run, tmp_path: Path, value: str) -> None:
    result = run("export", KL, "-o", tmp_path / "out", "--bundle", "-f", "json", env={"SOURCE_DATE_EPOCH": value})
    assert result.exit_code == 2, result.stderr
    assert f"SOURCE_DATE_EPOCH must be a whole number of seconds, not '{value}'" in result.stderr


def test_the_last_second_of_9999_is_a_source_date_epoch(run, tmp_path: Path) -> None:
    last = {"SOURCE_DATE_EPOCH": "253402300799"}
    result = run("export", KL, "-o", tmp_path / "out", "--bundle", "-f", "json", env=last)
    assert result.exit_code == 0, result.stderr
    with zipfile.ZipFile(tmp_path / "out" / BUNDLE) as archive:
        assert json.loads(archive.read("manifest.json"))["created"] == "9999-12-31T23:59:59Z"


def _bundle_created(run, tmp_path: Path, created: str) -> Path:
    assert run("export", KL, "-o", tmp_path / "export", "--bundle", "-f", "json").exit_code == 0
    original = tmp_path / "export" / BUNDLE
    target = tmp_path / BUNDLE
    with zipfile.ZipFile(original) as source, zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "manifest.json":
                manifest = json.loads(data)
                manifest["created"] = created
                data = json.dumps(manifest).encode()
            out.writestr(info, data)
    return target


@pytest.mark.parametrize("created", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00"])
def test_a_bundle_created_outside_the_years_1_to_9999_in_utc_is_catalogued(run, tmp_path: Path, created: str) -> None:
    bundle = _bundle_created(run, tmp_path, created)
    result = run("catalog", "build", "-o", tmp_path / "site", bundle)
    assert result.exit_code == 0, result.stderr
    entry = json.loads((tmp_path / "site" / "catalog.json").read_text("utf-8"))["blueprints"][0]
    assert not entry["changed"].startswith(("0001", "9999"))  # the unusable time is left out


def test_a_bundle_created_at_a_usable_time_gives_the_date_changed(run, tmp_path: Path) -> None:
    bundle = _bundle_created(run, tmp_path, "2024-05-01T23:30:00-02:00")
    assert run("catalog", "build", "-o", tmp_path / "site", bundle).exit_code == 0
    entry = json.loads((tmp_path / "site" / "catalog.json").read_text("utf-8"))["blueprints"][0]
    assert entry["changed"] == "2024-05-02"
