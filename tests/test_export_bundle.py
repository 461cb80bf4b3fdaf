"""Bundles: layout, manifest, provenance from git, and byte-identical reproduction."""

from __future__ import annotations

import hashlib
import json
import subprocess
import zipfile
from pathlib import Path

import pytest

from kltransfer.schema import CURRENT
from tests.export_helpers import EXAMPLES, all_files, copy_example

KL = next(p for p in EXAMPLES if p.name == "kaiserslautern-participation-platform")
BUNDLE = "kaiserslautern-participation-platform-1.2.0.kltransfer.zip"


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout.strip()


def test_bundle_layout_and_manifest(run, tmp_path: Path) -> None:
    folder = copy_example(KL, tmp_path / "kl")
    (folder / ".secret").write_text("hidden", encoding="utf-8")
    (folder / ".git-like").mkdir()
    (folder / ".git-like" / "x").write_text("hidden", encoding="utf-8")
    out = tmp_path / "out"
    result = run(
        "export", folder, "--out", out, "-f", "html", "-f", "json", "--bundle", env={"SOURCE_DATE_EPOCH": "1700000000"}
    )
    assert result.exit_code == 0, result.stderr
    assert f"  bundle: {out / BUNDLE}\n" in result.stderr
    with zipfile.ZipFile(out / BUNDLE) as archive:
        names = archive.namelist()
        assert names == sorted(names)
        assert names == [
            "html/files/docs/transfer-guide.md",
            "html/files/publiccode.yml",
            "html/index.html",
            "html/style.css",
            "json/blueprint.json",
            "manifest.json",
            "source/blueprint.yaml",
            "source/docs/transfer-guide.md",
            "source/publiccode.yml",
        ]
        for info in archive.infolist():
            assert info.date_time == (2023, 11, 14, 22, 13, 20)
            assert info.external_attr >> 16 == 0o100644
        manifest = json.loads(archive.read("manifest.json"))
        assert archive.read("source/blueprint.yaml") == (folder / "blueprint.yaml").read_bytes()
        for entry in manifest["files"]:
            content = archive.read(entry["path"])
            assert entry["size"] == len(content)
            assert entry["sha256"] == hashlib.sha256(content).hexdigest()
        assert [e["path"] for e in manifest["files"]] == [n for n in names if n != "manifest.json"]
    assert manifest["bundle_format"] == "1"
    assert manifest["blueprint"] == {
        "id": "kaiserslautern-participation-platform",
        "version": "1.2.0",
        "format": CURRENT,
    }
    assert manifest["generator"]["name"] == "kltransfer"
    assert manifest["created"] == "2023-11-14T22:13:20Z"
    assert manifest["source"] == {"path": "kl/blueprint.yaml", "git": None}
    # the formats in the bundle are the ones written to the folder
    assert (out / KL.name / "json" / "blueprint.json").read_bytes() == zipfile.ZipFile(out / BUNDLE).read(
        "json/blueprint.json"
    )


def test_two_exports_are_byte_identical(run, tmp_path: Path) -> None:
    folder = copy_example(KL, tmp_path / "kl")
    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    args = ["-f", "html", "-f", "markdown", "-f", "mkdocs", "-f", "json", "--bundle"]
    assert run("export", folder, "--out", tmp_path / "one", *args, env=env).exit_code == 0
    (folder / "blueprint.yaml").touch()  # a newer mtime must not matter
    assert run("export", folder, "--out", tmp_path / "two", *args, env=env).exit_code == 0
    one, two = all_files(tmp_path / "one"), all_files(tmp_path / "two")
    assert one == two
    assert BUNDLE in one
    for content in one.values():
        assert str(tmp_path).encode() not in content, "no absolute path in any output"


def test_without_source_date_epoch_the_time_is_fixed(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert run("export", KL, "--out", tmp_path / "out", "--bundle", "-f", "json").exit_code == 0
    with zipfile.ZipFile(tmp_path / "out" / BUNDLE) as archive:
        created = json.loads(archive.read("manifest.json"))["created"]
    # the examples lie in this repository: the time of its HEAD commit, or 1980 without git
    assert created == "1980-01-01T00:00:00Z" or created.startswith("20")


def test_a_bad_source_date_epoch_is_a_usage_error(run, tmp_path: Path) -> None:
    result = run("export", KL, "--out", tmp_path / "out", "--bundle", env={"SOURCE_DATE_EPOCH": "yesterday"})
    assert result.exit_code == 2
    assert "SOURCE_DATE_EPOCH must be a whole number of seconds, not 'yesterday'" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.fixture
def cloned(tmp_path: Path) -> Path:
    """A blueprint in a clone of a bare repository (over file://), with a credentialed remote URL."""
    seed = tmp_path / "seed"
    seed.mkdir()
    copy_example(KL, seed / "blueprints" / "kl")
    git(seed, "init", "-q")
    git(seed, "add", "-A")
    git(seed, "commit", "-q", "-m", "blueprint")
    bare = tmp_path / "remote.git"
    git(tmp_path, "clone", "-q", "--bare", str(seed), str(bare))
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", bare.as_uri(), str(clone))
    return clone


def _manifest(out: Path) -> dict:
    with zipfile.ZipFile(out / BUNDLE) as archive:
        return json.loads(archive.read("manifest.json"))


def test_provenance_from_git(run, cloned: Path, tmp_path: Path) -> None:
    commit = git(cloned, "rev-parse", "HEAD")
    when = int(git(cloned, "log", "-1", "--format=%ct"))
    out = tmp_path / "out"
    assert run("export", cloned / "blueprints" / "kl", "--out", out, "--bundle", "-f", "json").exit_code == 0
    source = _manifest(out)["source"]
    assert source == {
        "path": "blueprints/kl/blueprint.yaml",
        "git": {"remote": (tmp_path / "remote.git").as_uri(), "commit": commit, "dirty": False},
    }
    import datetime as dt

    assert _manifest(out)["created"] == dt.datetime.fromtimestamp(when, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def test_provenance_marks_a_dirty_tree_and_strips_credentials(run, cloned: Path, tmp_path: Path) -> None:
    git(cloned, "remote", "set-url", "origin", "https://alice:s3cret-token@git.example.org:8443/city/kl.git")
    (cloned / "blueprints" / "kl" / "notes.md").write_text("draft\n", encoding="utf-8")
    out = tmp_path / "out"
    assert (
        run(
            "export",
            cloned / "blueprints" / "kl",
            "--out",
            out,
            "--bundle",
            "-f",
            "json",
            env={"SOURCE_DATE_EPOCH": "0"},
        ).exit_code
        == 0
    )
    manifest = _manifest(out)
    assert manifest["source"]["git"]["remote"] == "https://git.example.org:8443/city/kl.git"
    assert manifest["source"]["git"]["dirty"] is True
    assert manifest["created"] == "1970-01-01T00:00:00Z"
    raw = (out / BUNDLE).read_bytes()
    assert b"s3cret-token" not in raw and b"alice" not in raw
    with zipfile.ZipFile(out / BUNDLE) as archive:
        assert "source/notes.md" in archive.namelist()
        assert archive.getinfo("manifest.json").date_time == (1980, 1, 1, 0, 0, 0)


def test_scp_like_remotes_are_kept() -> None:
    from kltransfer.export.provenance import strip_credentials

    assert strip_credentials("git@gitlab.opencode.de:city/kl.git") == "git@gitlab.opencode.de:city/kl.git"
    assert strip_credentials("ssh://git@host/x.git") == "ssh://host/x.git"
    assert strip_credentials("https://host/x.git") == "https://host/x.git"
