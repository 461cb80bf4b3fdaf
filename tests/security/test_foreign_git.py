"""No code from a blueprint's own repository (issue 11, item 6).

A folder from another city may carry a ``.git`` whose configuration names commands: an
fsmonitor, hooks, aliases, an ssh command, an external diff, a pager, a gpg program for signed
commits, and clean/smudge/process filters and a textconv driver that ``.gitattributes`` applies
to every file. Every command that runs git on such a folder (``export --bundle`` reading
provenance, ``adopt`` from it, ``status`` and ``update`` of a copy in it and from it,
``new --git`` into it) must run none of them: each payload only touches a sentinel file.
"""

from __future__ import annotations

import json
import os
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.adoption_helpers import GERA, Upstream, git, replace_once
from tests.security.hostile import Sentinels, snapshot

HOOKS = (
    "pre-commit",
    "commit-msg",
    "post-commit",
    "post-checkout",
    "pre-auto-gc",
    "reference-transaction",
    "post-index-change",
)


def poison(repo: Path, sentinels: Sentinels, tag: str) -> None:
    """Give ``repo`` (a working clone) a configuration and hooks that run commands, and make it dirty."""
    s = lambda name: sentinels.command(f"{tag}-{name}")  # noqa: E731
    (repo / ".gitattributes").write_text("* filter=evil diff=evil merge=evil\n", encoding="utf-8")
    config = repo / ".git" / "config"
    config.write_text(
        config.read_text(encoding="utf-8") + "[core]\n"
        f"\tfsmonitor = {s('fsmonitor')}\n"
        f"\tpager = {s('pager')}\n"
        f"\tsshCommand = {s('ssh')}\n"
        f"\taskPass = {s('askpass')}\n"
        f"\teditor = {s('editor')}\n"
        "[alias]\n"
        f"\tstatus = !{s('alias-status')}\n"
        f"\tlog = !{s('alias-log')}\n"
        f"\tcommit = !{s('alias-commit')}\n"
        f"\tst = !{s('alias-st')}\n"
        "[diff]\n"
        f"\texternal = {s('diff-external')}\n"
        '[diff "evil"]\n'
        f"\ttextconv = {s('textconv')}; cat\n"
        f"\tcommand = {s('diff-command')}\n"
        '[filter "evil"]\n'
        f"\tclean = {s('filter-clean')}; cat\n"
        f"\tsmudge = {s('filter-smudge')}; cat\n"
        f"\tprocess = {s('filter-process')}\n"
        '[merge "evil"]\n'
        f"\tdriver = {s('merge-driver')}\n"
        "[log]\n\tshowSignature = true\n"
        f"[gpg]\n\tprogram = {s('gpg')}\n"
        "[commit]\n\tgpgSign = true\n"
        f'[credential]\n\thelper = "!{s("credential")}"\n',
        encoding="utf-8",
    )
    hooks = repo / ".git" / "hooks"
    hooks.mkdir(exist_ok=True)
    for name in HOOKS:
        hook = hooks / name
        hook.write_text(f"#!/bin/sh\n{s('hook-' + name)}\n", encoding="utf-8")
        hook.chmod(0o755)
    # a tracked file with another time than the index knows: git must read it (through the filter)
    tracked = git(repo, "-c", "core.fsmonitor=false", "ls-files").splitlines()
    os.utime(repo / sorted(tracked)[0], (946684800, 946684800))  # same content: only reading it tells
    (repo / "untracked-note.txt").write_text("local note\n", encoding="utf-8")


def poisoned_repository(folder: Path, sentinels: Sentinels, tag: str) -> Path:
    """A new repository with one commit (notes.txt), then poisoned."""
    folder.mkdir()
    git(folder, "init", "--quiet")
    (folder / "notes.txt").write_text("notes\n", encoding="utf-8")
    git(folder, "add", "notes.txt")
    git(folder, "commit", "--quiet", "-m", "notes")
    poison(folder, sentinels, tag)
    return folder


def disarmed_git(cwd: Path, *args: str) -> None:
    """git in a poisoned repository with every payload of :func:`poison` switched off (for the set-up)."""
    off = [
        "core.fsmonitor=false",
        "core.hooksPath=/dev/null",
        "core.sshCommand=ssh",
        "commit.gpgSign=false",
        "filter.evil.clean=",
        "filter.evil.smudge=",
        "filter.evil.process=",
        "credential.helper=",
    ]
    subprocess.run(["git", *(x for o in off for x in ("-c", o)), *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture
def sentinels(tmp_path: Path) -> Sentinels:
    return Sentinels(tmp_path / "sentinels")


@pytest.fixture
def hostile_upstream(tmp_path: Path, sentinels: Sentinels) -> Upstream:
    """A city's repository (released as v1.0.0) whose working clone runs commands when git is run in it."""
    repo = Upstream(tmp_path / "upstream")
    repo.copy_example(GERA)
    repo.release("v1.0.0", "first release")
    poison(repo.work, sentinels, "upstream")
    assert sentinels.touched() == []
    return repo


def test_the_payloads_run_under_plain_git(tmp_path: Path, sentinels: Sentinels, hostile_upstream: Upstream) -> None:
    """The poisoned repository is real: plain git runs its fsmonitor, its filter and its hooks."""
    subprocess.run(["git", "status"], cwd=hostile_upstream.work, capture_output=True, check=False)
    assert {"upstream-fsmonitor", "upstream-filter-process"} <= set(sentinels.touched())


def test_export_bundle_reads_provenance_without_running_the_folders_git_config(
    run, tmp_path: Path, sentinels: Sentinels, hostile_upstream: Upstream
) -> None:
    work = hostile_upstream.work
    out = tmp_path / "out"
    before = snapshot(tmp_path, skip=(out,))
    result = run("export", work, "--out", out, "--format", "json", "--bundle")
    assert result.exit_code == 0, result.stderr
    assert sentinels.touched() == []
    assert snapshot(tmp_path, skip=(out,)) == before  # not even the index of the repository was written
    bundle = next(out.rglob("*.kltransfer.zip"))
    with zipfile.ZipFile(bundle) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    provenance = manifest["source"]["git"]
    assert provenance["commit"] == git(work, "-c", "core.fsmonitor=false", "rev-parse", "HEAD")
    assert provenance["dirty"] is True  # the untracked note and the touched file
    assert provenance["remote"] == hostile_upstream.url
    assert sentinels.touched() == []


def test_adopt_status_and_update_from_and_into_poisoned_repositories(
    run, tmp_path: Path, sentinels: Sentinels, hostile_upstream: Upstream
) -> None:
    # the adopting city's own folder is a repository with the same kind of configuration
    home = poisoned_repository(tmp_path / "musterstadt", sentinels, "adopter")
    copy = home / "blueprints" / "gera"

    # the source given as a path to the poisoned working clone itself
    result = run("adopt", hostile_upstream.work, "--into", copy, "--city", "Musterstadt")
    assert result.exit_code == 0, result.stderr
    assert sentinels.touched() == []
    # and as the URL of its remote
    second = home / "blueprints" / "gera-2"
    assert run("adopt", hostile_upstream.url, "--into", second, "--city", "Musterstadt").exit_code == 0

    hostile_upstream.edit("blueprint.yaml", replace_once("version: 1.0.0\n", "version: 2.0.0\n"))
    for args in (
        ("add", "-A"),
        ("commit", "--quiet", "-m", "v2"),
        ("tag", "v2.0.0"),
        ("push", "--quiet", "origin", "HEAD", "--tags"),
    ):
        disarmed_git(hostile_upstream.work, *args)
    assert sentinels.touched() == []

    status = run("status", second)
    assert status.exit_code == 1, status.stderr  # behind its source
    assert "newer version v2.0.0" in status.stdout
    update = run("update", second)
    assert update.exit_code == 0, update.stderr
    assert "version: 2.0.0" in (second / "blueprint.yaml").read_text(encoding="utf-8")
    assert run("status", copy).exit_code == 1  # the first copy is still behind v2.0.0
    assert sentinels.touched() == []


def test_new_git_into_a_poisoned_folder_runs_none_of_its_commands(run, tmp_path: Path, sentinels: Sentinels) -> None:
    target = poisoned_repository(tmp_path / "neu", sentinels, "new")
    # the walk for the changed file found none in a fresh folder: make one that a filter would read
    (target / "blueprint-draft.yaml").write_text("a: 1\n", encoding="utf-8")
    outside = snapshot(tmp_path, skip=(target,))
    result = run("new", target, "--no-input", "--git", "--force", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert sentinels.touched() == []
    assert snapshot(tmp_path, skip=(target,)) == outside
    log = subprocess.run(
        ["git", "-c", "core.fsmonitor=false", "-c", "log.showSignature=false", "log", "--format=%an|%s"],
        cwd=target,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert log.startswith("Test Author|")
    assert sentinels.touched() == []
