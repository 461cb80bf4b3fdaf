"""What `kltransfer export` says and writes around the documents: its phases (progress), the
index of several blueprints, mkdocs.yml in real UTF-8, and the language of the documents."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from tests.export_helpers import EXAMPLES, blueprint_id, read_page

ROOT = Path(__file__).resolve().parents[1]
KL = ROOT / "examples" / "kaiserslautern-participation-platform"
CUT = ROOT / "examples" / "connected-urban-twins"


# -- progress ------------------------------------------------------------------------------------


def test_the_core_reports_each_phase_with_its_totals(tmp_path: Path) -> None:
    from kltransfer.export import export

    calls: list[tuple[str, int, int | None]] = []
    export([KL, CUT], tmp_path / "out", formats=["json"], progress=lambda p, d, t, i: calls.append((p, d, t)))
    assert calls == [
        ("reading", 0, None),
        ("reading", 2, 2),
        ("rendering", 0, 2),
        ("rendering", 1, 2),
        ("rendering", 2, 2),
        ("moving", 0, 3),  # two blueprints and their index
        ("moving", 3, 3),
    ]


def test_a_quick_export_prints_no_progress_lines_when_not_on_a_terminal(run, tmp_path: Path) -> None:
    result = run("export", KL, CUT, "--out", tmp_path / "out", "-f", "json")
    assert result.exit_code == 0
    assert "rendering" not in result.stderr and "moving" not in result.stderr


def test_a_long_export_prints_a_line_every_few_seconds_when_not_on_a_terminal(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kltransfer.cli import export_cmd

    monkeypatch.setattr(export_cmd, "PROGRESS_EVERY", 0.0)  # every report is "a few seconds" later
    result = run("export", KL, CUT, "--out", tmp_path / "out", "-f", "json")
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    assert "reading: looking for blueprints" in lines
    assert "rendering: 1 of 2 blueprints done" in lines
    assert "rendering: 2 of 2 blueprints done" in lines
    assert "moving into place: 3 entries of the output folder" in lines
    german = run("export", KL, "--out", tmp_path / "de", "-f", "json", env={"LANG": "de_DE.UTF-8"})
    assert "Erzeugung: 1 von 1 Blueprint fertig" in german.stderr.splitlines()


# -- the index of several blueprints -------------------------------------------------------------


def test_several_blueprints_get_an_index_linking_each_format(run, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("export", *EXAMPLES, "--out", out, "-f", "html", "-f", "json", "--bundle", "--lang", "de")
    assert result.exit_code == 0
    assert f"Übersicht der exportierten Blueprints: {out / 'index.html'}" in result.stderr  # --lang de: messages too
    assert "index.html" in json.loads((out / ".kltransfer-export.json").read_text("utf-8"))["entries"]
    index = out / "index.html"
    page = read_page(index)
    assert page.lang == "de"
    assert page.fetched == []  # one file: nothing loaded
    assert [text for level, text in page.headings] == ["Exportierte Blueprints"]
    assert page.tables == page.captions == 1 and page.th_without_scope == 0
    for url in page.links:
        assert not urlsplit(url).scheme
        assert (out / unquote(urlsplit(url).path)).exists(), url
    for example in EXAMPLES:
        name = blueprint_id(example)
        assert f"{name}/html/index.html" in page.links and f"{name}/json/blueprint.json" in page.links
    html = index.read_text("utf-8")
    assert "Hamburg, Leipzig, München" in html and ">Webseite</a>" in html and ">Paket (ZIP)</a>" in html


def test_the_index_escapes_titles_and_marks_drafts(run, tmp_path: Path) -> None:
    folder = shutil.copytree(KL, tmp_path / "kl")
    text = (folder / "blueprint.yaml").read_text("utf-8")
    old = "  de: Digitale Beteiligungsplattform „KL mitgestalten“"
    assert old in text
    text = text.replace(old, '  de: "<script>alert(1)</script> & Co"', 1).replace(
        "licence: CC-BY-4.0", "licence: TODO", 1
    )
    (folder / "blueprint.yaml").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert run("export", folder, CUT, "--out", out, "--lang", "de").exit_code == 0
    html = (out / "index.html").read_text("utf-8")
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in html
    assert html.count('<span class="badge">Entwurf</span>') == 1


def test_one_blueprint_gets_no_index(run, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("export", KL, "--out", out).exit_code == 0
    assert not (out / "index.html").exists()


def test_an_index_html_of_someone_else_is_kept(run, tmp_path: Path) -> None:
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("<p>the city's own start page</p>", encoding="utf-8")
    result = run("export", KL, CUT, "--out", out, "--force")
    assert result.exit_code == 0
    assert (out / "index.html").read_text("utf-8") == "<p>the city's own start page</p>"
    assert f"{out / 'index.html'} was not written by kltransfer export and is kept" in result.stderr
    marker = json.loads((out / ".kltransfer-export.json").read_text("utf-8"))
    assert "index.html" not in marker["entries"]
    # an index an earlier export wrote is replaced as any of its entries
    again = tmp_path / "again"
    assert run("export", KL, CUT, "--out", again).exit_code == 0
    (again / "index.html").write_text("old", encoding="utf-8")
    assert run("export", KL, CUT, "--out", again).exit_code == 0
    assert (again / "index.html").read_text("utf-8") != "old"


# -- mkdocs.yml ------------------------------------------------------------------------------------


def test_mkdocs_yml_is_written_in_real_utf8(run, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("export", KL, "--out", out, "-f", "mkdocs", "--lang", "de").exit_code == 0
    text = (out / KL.name / "mkdocs" / "mkdocs.yml").read_text("utf-8")
    assert '  - "Leitfaden zur Übernahme": adoption.md' in text
    assert 'site_name: "Digitale Beteiligungsplattform „KL mitgestalten“"' in text
    assert "\\u" not in text
    assert yaml.safe_load(text)["site_name"] == "Digitale Beteiligungsplattform „KL mitgestalten“"


@pytest.mark.parametrize(
    "value",
    [
        'Ein "Titel" mit \\ und: Doppelpunkt # kein Kommentar',
        "Straße, Übernahme – „Zitat“ 😀",
        "control\x07bell\x1b[31m and tab\t",
        "line\nbreak\r\x85next\u2028line\u2029para",
        "\ufeffbom",
        "{{ jinja }} {% block %} *alias &anchor !tag ---",
    ],
)
def test_a_yaml_string_reads_back_as_written(value: str) -> None:
    from kltransfer.export.environment import yaml_string

    written = yaml_string(value)
    assert yaml.safe_load(f"key: {written}\n")["key"] == value
    assert "\n" not in written and "\x07" not in written


# -- the language of the documents -------------------------------------------------------------------


def _lang_of(out: Path) -> str | None:
    return read_page(out / KL.name / "html" / "index.html").lang


def test_the_documents_follow_the_language_of_the_messages(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("export", KL, "--out", tmp_path / "plain").exit_code == 0
    assert _lang_of(tmp_path / "plain") == "en"  # no --lang, no configuration, no German locale: English
    german = run("export", KL, "--out", tmp_path / "locale", env={"LANG": "de_DE.UTF-8"})
    assert _lang_of(tmp_path / "locale") == "de"
    assert "exportiert" in german.stderr
    work = tmp_path / "work"
    work.mkdir()
    (work / ".kltransfer.yaml").write_text("lang: de\n", encoding="utf-8")
    monkeypatch.chdir(work)  # the configuration is found from the working folder upward
    configured = run("export", KL, "--out", tmp_path / "config")
    assert configured.exit_code == 0, configured.stderr
    assert _lang_of(tmp_path / "config") == "de"
    chosen = run("export", KL, "--out", tmp_path / "option", "--lang", "en", env={"LANG": "de_DE.UTF-8"})
    assert chosen.exit_code == 0
    assert _lang_of(tmp_path / "option") == "en"
    short = run("export", KL, "--out", tmp_path / "short", "-l", "de")  # the short form: messages too
    assert _lang_of(tmp_path / "short") == "de"
    assert "exportiert" in short.stderr
