"""Item 11.1: every command reads the files a blueprint points to through kltransfer.references.

A blueprint whose ``documents[].path`` is a link to ``/proc/self/environ``, ``/etc/passwd`` or
a ``.git/config`` outside its folder, or a plain ``.env``, with the validator's finding silenced
by a comment, is never copied by ``catalog build``, ``export``, ``export --bundle`` or ``adopt``:
the file is not in the output, the user is told (the reference's code on the key's line), and
the exit code is the documented one (catalog build and export: 1, the blueprint left out or
exported without the file; adopt: 2, nothing adopted).
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from tests.security.helpers import GERA, copy_blueprint, snapshot

LINE = "    path: docs/freigabe-checkliste.md\n"
SECRET = b"SECRET-GIT-CONFIG-0815"

#: name -> (the path written in the blueprint, its code, what the finding says)
CASES = {
    "environ": ("docs/x.txt", "KT212", "'docs/x.txt' is a symbolic link (x.txt); links are not followed"),
    "passwd": ("docs/x.txt", "KT212", "'docs/x.txt' is a symbolic link (x.txt); links are not followed"),
    "git-config": ("docs/x.txt", "KT212", "'docs/x.txt' is a symbolic link (x.txt); links are not followed"),
    "dotenv": (".env", "KT211", "'.env' is a hidden file or lies in a hidden folder (.env)"),
}


def _hostile(tmp_path: Path, case: str) -> Path:
    """A valid copy of the Gera example (in ``tmp_path/a/b/src``) whose document is the hostile file."""
    folder = copy_blueprint(GERA, tmp_path / "a" / "b" / "src")
    written, code, _message = CASES[case]
    if case == "environ":
        (folder / "docs" / "x.txt").symlink_to("/proc/self/environ")
    elif case == "passwd":
        (folder / "docs" / "x.txt").symlink_to("/etc/passwd")
    elif case == "git-config":
        (tmp_path / ".git").mkdir()
        (tmp_path / ".git" / "config").write_bytes(b"[remote]\n\ttoken = " + SECRET + b"\n")
        (folder / "docs" / "x.txt").symlink_to("../../../../.git/config")
        assert (folder / "docs" / "x.txt").resolve() == tmp_path / ".git" / "config"
    else:
        (folder / ".env").write_bytes(b"API_TOKEN=" + SECRET + b"\n")
    path = folder / "blueprint.yaml"
    text = path.read_text("utf-8")
    assert text.count(LINE) == 1
    path.write_text(text.replace(LINE, f"    path: {written}  # kltransfer: ignore[{code}]\n"), "utf-8")
    return folder


def _secrets() -> list[bytes]:
    """What must not appear in any output: the secret, the first line of passwd, a variable of environ."""
    return [SECRET, Path("/etc/passwd").read_bytes().splitlines()[0], b"PATH=" + os.environ["PATH"].encode()]


def _assert_nothing_leaked(root: Path) -> None:
    for path in root.rglob("*"):
        if path.is_symlink() or not path.is_file():
            continue
        contents = [path.read_bytes()]
        if path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                contents += [archive.read(name) for name in archive.namelist()]
        for content in contents:
            for secret in _secrets():
                assert secret not in content, f"{secret!r} leaked into {path}"


def _finding(folder: Path, case: str) -> str:
    _written, code, message = CASES[case]
    return f"{folder / 'blueprint.yaml'}:365:11: error {code} documents[0].path: {message}"


@pytest.mark.parametrize("case", list(CASES))
def test_validate_accepts_it_only_because_the_finding_is_silenced(run, tmp_path, case: str) -> None:
    folder = _hostile(tmp_path, case)
    assert run("validate", folder).exit_code == 0  # the precondition of every test below


@pytest.mark.parametrize("case", list(CASES))
def test_catalog_build_leaves_the_blueprint_out_and_says_why(run, tmp_path, case: str) -> None:
    folder = _hostile(tmp_path, case)
    out = tmp_path / "site"

    result = run("catalog", "build", folder, "--out", out)

    assert result.exit_code == 1
    assert f"kltransfer: warning: {folder}/blueprint.yaml is invalid and left out of the catalog:\n" in result.stderr
    assert "  " + _finding(folder, case) in result.stderr
    assert not (out / "blueprints").exists()
    _assert_nothing_leaked(out)


@pytest.mark.parametrize("bundle", [False, True], ids=["html", "bundle"])
@pytest.mark.parametrize("case", list(CASES))
def test_export_never_copies_it_and_says_so(run, tmp_path, case: str, bundle: bool) -> None:
    folder = _hostile(tmp_path, case)
    out = tmp_path / "out"

    result = run("export", folder, "--out", out, *(["--bundle"] if bundle else []))

    assert result.exit_code == 1
    assert _finding(folder, case) in result.stderr
    assert (out / "gera-open-data-portal" / "html" / "index.html").is_file()
    assert not (out / "gera-open-data-portal" / "html" / "files" / CASES[case][0]).exists()
    _assert_nothing_leaked(out)
    if bundle:
        [archive] = out.glob("*.kltransfer.zip")
        names = zipfile.ZipFile(archive).namelist()
        assert not [n for n in names if n.endswith(("x.txt", ".env"))]


@pytest.mark.parametrize("case", list(CASES))
def test_adopt_takes_nothing_and_says_why(run, tmp_path, case: str) -> None:
    folder = _hostile(tmp_path, case)
    dest = tmp_path / "copy"
    before = snapshot(tmp_path)

    result = run("adopt", folder, "--into", dest, "--set", "city.state=DE-BY")

    _written, code, message = CASES[case]
    assert result.exit_code == 2
    assert result.stderr.startswith(f"kltransfer: error {code}: {message}\n")
    assert snapshot(tmp_path) == before
