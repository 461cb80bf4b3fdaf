"""``kltransfer adopt`` from real git repositories: a bare remote and a clone pushing over file://."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
import yaml

from tests.adoption_helpers import GERA, Upstream, git, replace_once, snapshot_tree
from tests.conftest import EXAMPLES


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_adopting_a_tag_records_its_commit_and_the_copy_validates(run, upstream, tmp_path):
    v1 = git(upstream.work, "rev-parse", "v1.0.0")
    upstream.edit("blueprint.yaml", lambda t: t.replace("version: 1.0.0", "version: 1.1.0"))
    upstream.release(None, "unreleased work on the default branch")
    dest = tmp_path / "musterstadt"
    before = dt.date.today().isoformat()

    result = run(
        "adopt", upstream.url, "--into", dest, "--ref", "v1.0.0", "--city", "Musterstadt", "--set", "city.state=DE-BY"
    )

    assert result.exit_code == 0, result.stderr
    data = _load(dest / "blueprint.yaml")
    # stdout: the entry Gera can add to its transfer.adopters (data), the messages on stderr
    assert result.stdout == (
        "- city:\n    name: Musterstadt\n    state: DE-BY\n    country: DE\n"
        f"  since: '{data['origin']['adopted']}'\n  version: 1.0.0\n  commit: {v1}\n  status: planned\n"
    )
    assert f"adopted gera-open-data-portal 1.0.0 from {upstream.url} at v1.0.0 ({v1[:12]})" in result.stderr
    assert "the copy's id: musterstadt-open-data-portal (the original's: gera-open-data-portal)" in result.stderr
    upstream_bytes = upstream.show("v1.0.0", "blueprint.yaml")
    assert data["id"] == "musterstadt-open-data-portal"
    assert {k: v for k, v in data["origin"].items() if k != "upstream"} == {
        "source": upstream.url,
        "ref": "v1.0.0",
        "commit": v1,
        "blueprint": "gera-open-data-portal",
        "version": "1.0.0",
        "adopted": data["origin"]["adopted"],
        "checksum": "sha256:" + hashlib.sha256(upstream_bytes).hexdigest(),
        "city": "Gera",
    }
    assert sorted(data["origin"]["upstream"]) == ["goals", "lessons_learned", "partners", "timeline"]
    assert data["origin"]["adopted"] in {before, dt.date.today().isoformat()}
    # the pristine upstream file is kept as the base of later updates, byte for byte
    assert (dest / ".kltransfer" / "base" / "blueprint.yaml").read_bytes() == upstream_bytes
    # the local context is reset, in the language of the blueprint (Gera's is German first)
    assert data["city"] == {
        "name": "Musterstadt",
        "state": "DE-BY",
        "country": "DE",
        "population": "TODO: Zahl der Einwohnerinnen und Einwohner",
        "organisation": "TODO: Name der Verwaltung, die das Projekt umsetzt",
        "url": "TODO: Website der Kommune",
    }
    assert data["contacts"] == [{"role": "TODO: Rolle, z. B. Projektleitung", "email": "TODO: E-Mail-Adresse"}]
    assert (data["phase"], data["status"]) == ("P1", "planned")
    marker = "Die Zahlen stammen aus Gera (aus dem nachgenutzten Blueprint); ersetzen Sie sie durch Ihre eigenen."
    assert data["costs"]["investment"]["note"] == marker
    assert data["costs"]["operation_per_year"]["note"] == (
        marker + " Ohne Arbeitszeit der Datenlotsen in den Fachämtern (ca. 2 Tage pro Amt und Jahr)."
    )
    assert data["costs"]["investment"]["total"] == 298000
    # comments of the upstream file survive in the copy
    assert "licence: CC0-1.0                        # this blueprint text is public domain" in (
        dest / "blueprint.yaml"
    ).read_text(encoding="utf-8")
    # the referenced document comes along
    assert (dest / "docs" / "freigabe-checkliste.md").read_bytes() == (
        GERA / "docs" / "freigabe-checkliste.md"
    ).read_bytes()
    checklist = (dest / "ADOPTION-CHECKLIST.md").read_text(encoding="utf-8")
    assert "## Voraussetzungen\n\n- [ ] Beschluss oder Dienstanweisung „open by default“\n" in checklist
    assert "- [ ] Daten veralten nach der Erstveröffentlichung — Gegenmaßnahme: " in checklist
    assert "- [ ] Harvesting bei GovData angemeldet\n" in checklist

    validated = run("validate", dest)
    assert validated.exit_code == 0, validated.stdout
    assert "KT220" in validated.stdout  # the placeholders are reported, as warnings


def test_default_ref_is_the_newest_version_tag_in_semver_order(run, upstream, tmp_path):
    for tag in ("v1.9.0", "v1.10.0", "v2.0.0-rc.1"):  # a pre-release is adopted only when asked for
        upstream.edit("blueprint.yaml", lambda t, tag=tag: t.replace("kind: open-data", f"kind: open-data  # {tag}"))
        upstream.release(tag)
    upstream.edit("blueprint.yaml", lambda t: t + "# work in progress\n")
    upstream.release("not-a-version")

    result = run("adopt", upstream.url, "--into", tmp_path / "copy", "--set", "city.state=DE-BY")

    assert result.exit_code == 0, result.stderr
    origin = _load(tmp_path / "copy" / "blueprint.yaml")["origin"]
    assert origin["ref"] == "v1.10.0"
    assert origin["commit"] == git(upstream.work, "rev-parse", "v1.10.0")


def test_without_version_tags_the_default_branch_is_adopted(run, tmp_path):
    repo = Upstream(tmp_path / "upstream")
    repo.copy_example()
    head = repo.release(None)

    result = run("adopt", repo.url, "--into", tmp_path / "copy", "--set", "city.state=DE-BY")

    assert result.exit_code == 0, result.stderr
    origin = _load(tmp_path / "copy" / "blueprint.yaml")["origin"]
    assert (origin["ref"], origin["commit"]) == ("main", head)


def test_without_a_state_the_origins_state_is_kept_and_flagged(run, upstream, tmp_path):
    result = run("adopt", upstream.url, "--into", tmp_path / "copy")

    assert result.exit_code == 0, result.stderr
    assert "warning: city.state was kept from the origin (DE-TH)" in result.stderr
    data = _load(tmp_path / "copy" / "blueprint.yaml")
    assert data["city"]["name"] == "TODO: Name der nachnutzenden Kommune"
    assert data["city"]["state"] == "DE-TH"
    assert "- [ ] `city.state` prüfen: der Wert (DE-TH) wurde aus der Ursprungsfassung übernommen" in (
        tmp_path / "copy" / "ADOPTION-CHECKLIST.md"
    ).read_text(encoding="utf-8")


def test_a_local_repository_path_is_a_git_source(run, upstream, tmp_path):
    result = run("adopt", upstream.work, "--into", tmp_path / "copy", "--set", "city.state=DE-BY")

    assert result.exit_code == 0, result.stderr
    origin = _load(tmp_path / "copy" / "blueprint.yaml")["origin"]
    assert origin["source"] == str(upstream.work.resolve())
    assert origin["commit"] == git(upstream.work, "rev-parse", "v1.0.0")


def test_offline_uses_only_the_cache(run, upstream, tmp_path):
    missing = run("adopt", upstream.url, "--into", tmp_path / "a", "--offline")
    assert missing.exit_code == 2
    assert f"'{upstream.url}' is not in the cache, and --offline forbids fetching it" in missing.stderr
    assert not (tmp_path / "a").exists()

    assert run("adopt", upstream.url, "--into", tmp_path / "b", "--set", "city.state=DE-BY").exit_code == 0
    upstream.remote.rename(tmp_path / "gone.git")  # the network is down
    offline = run("adopt", upstream.url, "--into", tmp_path / "c", "--offline", "--set", "city.state=DE-BY")
    assert offline.exit_code == 0, offline.stderr
    assert (tmp_path / "c" / "blueprint.yaml").read_bytes() == (tmp_path / "b" / "blueprint.yaml").read_bytes()


@pytest.mark.parametrize(
    "source",
    [
        "ext::sh -c touch% /tmp/kltransfer-pwned",
        "fd::3",
        "EXT::sh -c id",
        "foo::https://example.org/repo.git",
        "http://example.org/repo.git",
        "ftp://example.org/repo.git",
        "--upload-pack=touch /tmp/kltransfer-pwned",
    ],
)
def test_unsafe_transports_are_refused_before_git_runs(run, tmp_path, source):
    result = run("adopt", "--into", tmp_path / "copy", "--", source)

    assert result.exit_code == 2
    assert f"refusing the source '{source}'" in result.stderr
    assert not (tmp_path / "copy").exists()
    assert not Path("/tmp/kltransfer-pwned").exists()


def test_a_source_with_several_blueprints_needs_blueprint(run, tmp_path):
    repo = Upstream(tmp_path / "upstream")
    repo.copy_example(GERA, "open-data")
    repo.copy_example(EXAMPLES / "ulm-digital-twin", "twin")
    repo.release("v1.0.0")

    listing = run("adopt", repo.url, "--into", tmp_path / "copy")

    assert listing.exit_code == 2
    assert "the source holds 2 blueprints; choose one with --blueprint ID:" in listing.stderr
    # the titles in the language of the messages
    assert "gera-open-data-portal  open-data/blueprint.yaml  Open data portal of the City of Gera" in listing.stderr
    assert "twin/blueprint.yaml" in listing.stderr
    assert not (tmp_path / "copy").exists()

    chosen = run(
        "adopt",
        repo.url,
        "--into",
        tmp_path / "copy",
        "--blueprint",
        "gera-open-data-portal",
        "--set",
        "city.state=DE-BY",
    )
    assert chosen.exit_code == 0, chosen.stderr
    assert _load(tmp_path / "copy" / "blueprint.yaml")["id"] == "gera-open-data-portal"
    assert (tmp_path / "copy" / "docs" / "freigabe-checkliste.md").is_file()


def test_a_non_empty_folder_is_refused_without_force(run, upstream, tmp_path):
    dest = tmp_path / "copy"
    dest.mkdir()
    (dest / "notes.txt").write_text("mine\n", encoding="utf-8")

    refused = run("adopt", upstream.url, "--into", dest)
    assert refused.exit_code == 2
    assert f"'{dest}' is not empty" in refused.stderr
    assert snapshot_tree(dest) == {"notes.txt": b"mine\n"}

    forced = run("adopt", upstream.url, "--into", dest, "--force", "--set", "city.state=DE-BY")
    assert forced.exit_code == 0, forced.stderr
    assert (dest / "notes.txt").read_text(encoding="utf-8") == "mine\n"
    assert (dest / "blueprint.yaml").is_file()


def test_a_set_that_makes_the_copy_invalid_writes_nothing(run, upstream, tmp_path):
    result = run("adopt", upstream.url, "--into", tmp_path / "copy", "--set", "phase=P9")

    assert result.exit_code == 1
    assert "the adopted copy would not be valid, nothing was written" in result.stderr
    assert "phase" in result.stderr
    assert not (tmp_path / "copy").exists()


def test_set_rejects_malformed_assignments(run, upstream, tmp_path):
    result = run("adopt", upstream.url, "--into", tmp_path / "copy", "--set", "city.state")
    assert result.exit_code == 2
    assert "--set needs KEY=VALUE, got 'city.state'" in result.stderr
    origin = run("adopt", upstream.url, "--into", tmp_path / "copy", "--set", "origin.ref=x")
    assert origin.exit_code == 2
    assert "origin is written by kltransfer and cannot be set" in origin.stderr
    assert not (tmp_path / "copy").exists()


def test_an_unknown_ref_is_an_input_error(run, upstream, tmp_path):
    result = run("adopt", upstream.url, "--into", tmp_path / "copy", "--ref", "v9.9.9")
    assert result.exit_code == 2
    assert f"'v9.9.9' is neither a tag, a branch nor a commit of '{upstream.url}'" in result.stderr
    option = run("adopt", upstream.url, "--into", tmp_path / "copy", "--ref", "--output=/tmp/x")
    assert option.exit_code == 2
    assert not (tmp_path / "copy").exists()


def test_a_plain_folder_is_adopted_as_it_is(run, tmp_path):
    result = run("adopt", GERA, "--into", tmp_path / "copy", "--set", "city.state=DE-SN")

    assert result.exit_code == 0, result.stderr
    origin = _load(tmp_path / "copy" / "blueprint.yaml")["origin"]
    assert origin["source"] == str(GERA.resolve())
    assert "commit" not in origin and "ref" not in origin
    assert run("validate", tmp_path / "copy").exit_code == 0


def test_no_hook_runs_while_fetching(run, upstream, tmp_path):
    marker = tmp_path / "hook-ran"
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    for name in ("reference-transaction", "post-checkout", "post-merge"):
        hook = hooks / name
        hook.write_text(f"#!/bin/sh\necho {name} >> '{marker}'\n", encoding="utf-8")
        hook.chmod(0o755)
    gitconfig = Path.home() / ".gitconfig"
    gitconfig.write_text(gitconfig.read_text(encoding="utf-8") + f"[core]\n\thooksPath = {hooks}\n", encoding="utf-8")
    git(tmp_path, "clone", "--quiet", upstream.url, str(tmp_path / "plain-clone"))
    assert marker.is_file(), "the hook set-up must work for plain git, or this test proves nothing"
    marker.unlink()

    result = run("adopt", upstream.url, "--into", tmp_path / "copy", "--set", "city.state=DE-BY")

    assert result.exit_code == 0, result.stderr
    assert not marker.exists()


def test_submodules_and_links_are_left_out(run, upstream, tmp_path):
    sha = git(upstream.work, "rev-parse", "HEAD")
    git(upstream.work, "update-index", "--add", "--cacheinfo", f"160000,{sha},docs/vendored")
    (upstream.work / ".gitmodules").write_text(
        '[submodule "docs/vendored"]\n\tpath = docs/vendored\n\turl = ext::sh -c touch% /tmp/kltransfer-pwned\n',
        encoding="utf-8",
    )
    (upstream.work / "docs" / "link.md").symlink_to("/etc/passwd")
    upstream.edit(
        "blueprint.yaml",
        replace_once(
            "    path: docs/freigabe-checkliste.md\n",
            "    path: docs/freigabe-checkliste.md\n  - title: Link\n    path: docs/link.md\n",
        ),
    )
    upstream.release("v1.1.0")

    result = run("adopt", upstream.url, "--into", tmp_path / "copy", "--set", "city.state=DE-BY")

    # the blueprint names a file that only exists as a link upstream: nothing is adopted, the user is told
    assert result.exit_code == 2
    assert (
        "error KT208: the blueprint points to 'docs/link.md', which the source does not hold as a regular file "
        "(links are not taken); nothing was adopted"
    ) in result.stderr
    assert not (tmp_path / "copy").exists()
    assert not Path("/tmp/kltransfer-pwned").exists()
    ok = run("adopt", upstream.url, "--ref", "v1.0.0", "--into", tmp_path / "copy", "--set", "city.state=DE-BY")
    assert ok.exit_code == 0, ok.stderr
    assert sorted(p.name for p in (tmp_path / "copy" / "docs").iterdir()) == ["freigabe-checkliste.md"]


def test_an_adopted_copy_can_be_adopted_again(run, upstream, tmp_path):
    assert run("adopt", upstream.url, "--into", tmp_path / "first", "--set", "city.state=DE-BY").exit_code == 0

    result = run("adopt", tmp_path / "first", "--into", tmp_path / "second", "--city", "Nachbarstadt")

    assert result.exit_code == 0, result.stderr
    text = (tmp_path / "second" / "blueprint.yaml").read_text(encoding="utf-8")
    assert text.count("\norigin:\n") == 1
    origin = _load(tmp_path / "second" / "blueprint.yaml")["origin"]
    assert origin["source"] == str((tmp_path / "first").resolve())
    assert _load(tmp_path / "second" / "blueprint.yaml")["city"]["name"] == "Nachbarstadt"
