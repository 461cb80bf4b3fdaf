"""`kltransfer import publiccode PATH|GIT-URL`: a blueprint component entry from a publiccode.yml."""

from __future__ import annotations

import difflib
import hashlib
import os
import shutil
from pathlib import Path

import pytest
import yaml

from kltransfer.errors import KltransferError
from kltransfer.publiccode.importer import InvalidPublicCode, import_publiccode
from tests.adoption_helpers import Upstream
from tests.conftest import EXAMPLES, ROOT
from tests.test_publiccode_check import OFFLINE

DATA = ROOT / "tests" / "data" / "publiccode" / "v0"
KL = EXAMPLES / "kaiserslautern-participation-platform"
VALID = sorted([*(DATA / "valid").rglob("*.yml"), *(DATA / "valid_with_warnings").rglob("*.yml")])
INVALID = sorted(p for p in (DATA / "invalid").rglob("*.yml") if p.relative_to(DATA).as_posix() not in OFFLINE)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.relative_to(DATA).as_posix())
def test_every_valid_reference_file_imports(path: Path) -> None:
    imported = import_publiccode(str(path))
    source = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert imported.entry["name"] == source["name"]
    assert imported.entry["type"] == "software"
    assert imported.entry["licence"] == source["legal"]["license"]
    assert imported.entry["repository"] == source["url"]
    assert imported.entry["maintenance"] == source["maintenance"]["type"]
    primary_lower = {tag.split("-")[0].lower() + tag[len(tag.split("-")[0]) :] for tag in source["description"]}
    assert set(imported.entry["description"]) == primary_lower


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.relative_to(DATA).as_posix())
def test_every_invalid_reference_file_is_refused_with_its_findings(path: Path) -> None:
    with pytest.raises(InvalidPublicCode) as refused:
        import_publiccode(str(path))
    assert refused.value.findings
    assert refused.value.exit_code == 2


def test_the_entry_as_yaml_on_stdout(run) -> None:
    result = run("import", "publiccode", KL)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert yaml.safe_load(result.stdout) == [
        {
            "name": "consul-kl",
            "type": "software",
            "description": {
                "de": "Theme und Erweiterungen für CONSUL Democracy (Leichte Sprache, Servicekonto, Beteiligungsmobil)."
            },
            "licence": "AGPL-3.0-or-later",
            "open_source": True,
            "vendor": "KL.digital GmbH",
            "url": "https://www.kaiserslautern.de",
            "repository": "https://gitlab.opencode.de/kaiserslautern/consul-kl",
            "maintenance": "contract",
            "depends_on": {
                "open": [
                    {"name": "CONSUL Democracy", "version_min": "2.0"},
                    {"name": "PostgreSQL", "version_min": "13"},
                    {"name": "Keycloak", "optional": True},
                ]
            },
        }
    ]
    assert '        version_min: "13"\n' in result.stdout  # text, not a number, for every YAML reader


def test_dependencies_with_one_version_and_warnings_on_stderr(run) -> None:
    result = run("import", "publiccode", DATA / "valid_with_warnings" / "valid.minimal.v0.4.yml")
    assert result.exit_code == 0
    assert "warning KT241 publiccodeYmlVersion: the file follows the older version 0.4" in result.stderr
    entry = yaml.safe_load(run("import", "publiccode", DATA / "valid" / "valid.yml").stdout)[0]
    assert entry["depends_on"]["open"][1] == {
        "name": "PostgreSQL",
        "version_min": "3.2",
        "version_max": "3.2",
        "optional": True,
    }
    assert entry["vendor"] == "PCM"


def test_an_invalid_file_exits_2_with_its_findings_and_no_traceback(run) -> None:
    path = DATA / "invalid" / "developmentStatus_invalid.yml"
    result = run("import", "publiccode", path)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"{path}:16:20: error KT245 developmentStatus: 'foobar' is not an allowed value of developmentStatus; "
        "allowed: beta, concept, development, obsolete, stable\n"
        f"kltransfer: error KT901: '{path}' is not a valid publiccode.yml: 1 error\n"
        "  hint: correct the file (the findings above name each place), then import it again\n"
    )


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: os.mkfifo(p), "cannot read '{p}': not a regular file"),
        (lambda p: p.write_bytes(b"\x00\xff\xfe garbage"), "is not a valid publiccode.yml"),
        (lambda p: p.mkdir(), "holds no publiccode.yml"),
    ],
    ids=["fifo", "binary", "empty-folder"],
)
def test_unreadable_input_exits_2(run, tmp_path: Path, make, message: str) -> None:
    target = tmp_path / "publiccode.yml"
    make(target)
    result = run("import", "publiccode", target)
    assert result.exit_code == 2
    assert message.format(p=target) in result.stderr
    assert "Traceback" not in result.stderr


def test_a_folder_and_a_git_repository_are_read_too(run, tmp_path: Path) -> None:
    folder_result = run("import", "publiccode", KL)
    repo = Upstream(tmp_path / "repo")
    repo.write({"publiccode.yml": (KL / "publiccode.yml").read_text(encoding="utf-8"), "README.md": "x\n"})
    repo.release("v1.0.0")
    by_url = run("import", "publiccode", repo.url)
    assert by_url.exit_code == 0, by_url.stderr
    assert by_url.stdout == folder_result.stdout
    at_ref = run("import", "publiccode", repo.url, "--ref", "v1.0.0")
    assert at_ref.stdout == folder_result.stdout
    missing = run("import", "publiccode", repo.url, "--ref", "no-such-tag")
    assert missing.exit_code == 2
    assert "'no-such-tag' is neither a tag, a branch nor a commit" in missing.stderr


def test_a_git_repository_without_publiccode_yml(run, tmp_path: Path) -> None:
    repo = Upstream(tmp_path / "repo")
    repo.write({"README.md": "x\n"})
    repo.release(None)
    result = run("import", "publiccode", repo.url)
    assert result.exit_code == 2
    assert f"the repository '{repo.url}' has no publiccode.yml at its top" in result.stderr


def test_hostile_sources_are_refused_before_git_runs(run, tmp_path: Path) -> None:
    sentinel = tmp_path / "pwned"
    result = run("import", "publiccode", f"ext::sh -c touch% {sentinel}")
    assert result.exit_code == 2
    assert "the transport 'ext::' is not allowed" in result.stderr
    assert not sentinel.exists()


# -- --into: appended to components, keeping every line the user wrote ------------------------------


@pytest.fixture
def blueprint(tmp_path: Path) -> Path:
    folder = tmp_path / "kl"
    shutil.copytree(KL, folder)
    shutil.copy(DATA / "valid" / "valid.minimal.yml", folder / "medusa.yml")
    return folder / "blueprint.yaml"


def test_into_appends_the_entry_and_changes_no_other_line(run, blueprint: Path) -> None:
    before = blueprint.read_text(encoding="utf-8")
    result = run("import", "publiccode", blueprint.parent / "medusa.yml", "--into", blueprint)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr == f"added the component 'Medusa' to {blueprint} (components[6])\n"
    after = blueprint.read_text(encoding="utf-8")
    matcher = difflib.SequenceMatcher(a=before.splitlines(), b=after.splitlines(), autojunk=False)
    changes = [(tag, after.splitlines()[j1:j2]) for tag, _i1, _i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]
    assert [tag for tag, _ in changes] == ["insert"]  # nothing the user wrote is changed or moved
    added = changes[0][1]
    assert added == [
        "  - name: Medusa",
        "    type: software",
        "    description:",
        "      en-GB: A rather short description which is probably useless",
        "    licence: AGPL-3.0-or-later",
        "    open_source: true",
        "    repository: https://github.com/italia/developers.italia.it.git",
        "    maintenance: community",
        "    publiccode: medusa.yml",
    ]
    checked = run("validate", "--strict", blueprint)
    assert checked.exit_code == 0, checked.stdout


def test_into_refuses_a_name_already_listed_and_leaves_the_file_alone(run, blueprint: Path) -> None:
    digest = _digest(blueprint)
    result = run("import", "publiccode", KL, "--into", blueprint)  # "consul-kl" is new ...
    assert result.exit_code == 0
    digest = _digest(blueprint)
    again = run("import", "publiccode", KL, "--into", blueprint)  # ... the second time it is listed
    assert again.exit_code == 2
    assert "the blueprint already lists a component named 'consul-kl'; nothing was changed" in again.stderr
    assert _digest(blueprint) == digest
    german = run("import", "publiccode", KL, "--into", blueprint, env={"LANG": "de_DE.UTF-8"})
    assert "der Blueprint führt bereits eine Komponente namens 'consul-kl'; nichts wurde geändert" in german.stderr


def test_into_refuses_a_link_and_an_invalid_source_without_touching_anything(run, blueprint: Path) -> None:
    elsewhere = blueprint.parent / "elsewhere"
    elsewhere.mkdir()
    link = elsewhere / "blueprint.yaml"
    link.symlink_to(blueprint)  # a link to a file outside its own folder: never written through
    digest = _digest(blueprint)
    result = run("import", "publiccode", blueprint.parent / "medusa.yml", "--into", link)
    assert result.exit_code == 2
    assert (
        f"error KT911: '{link}' is a symbolic link to '{blueprint}', which is not a file in its folder; "
        "kltransfer does not change files through such a link"
    ) in result.stderr
    invalid = run("import", "publiccode", DATA / "invalid" / "name_missing.yml", "--into", blueprint)
    assert invalid.exit_code == 2
    assert _digest(blueprint) == digest and link.is_symlink()


def test_into_a_blueprint_without_components(run, tmp_path: Path) -> None:
    from tests.samples import DEMO_BLUEPRINT

    blueprint = tmp_path / "blueprint.yaml"
    blueprint.write_text("# Demo\n" + DEMO_BLUEPRINT, encoding="utf-8")
    result = run("import", "publiccode", KL, "--into", blueprint)
    assert result.exit_code == 0, result.stderr
    text = blueprint.read_text(encoding="utf-8")
    assert text.startswith("# Demo\n" + DEMO_BLUEPRINT)
    assert text[len("# Demo\n" + DEMO_BLUEPRINT) :].startswith("components:\n  - name: consul-kl\n")
    assert run("validate", blueprint).exit_code == 0


def test_the_library_raises_errors_with_exit_2_for_missing_sources(tmp_path: Path) -> None:
    with pytest.raises(KltransferError) as refused:
        import_publiccode(str(tmp_path / "nothing-here"))
    assert refused.value.exit_code == 2
