"""Untrusted texts, themes and output folders: what export refuses and what it escapes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.export_helpers import EXAMPLES, all_files, copy_example

KL = next(p for p in EXAMPLES if p.name == "kaiserslautern-participation-platform")
MARKER = ".kltransfer-export.json"


def _with_text(tmp_path: Path, old: str, new: str, name: str = "bp") -> Path:
    folder = copy_example(KL, tmp_path / name)
    path = folder / "blueprint.yaml"
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def test_script_in_a_text_appears_escaped_in_every_format(run, tmp_path: Path) -> None:
    folder = _with_text(
        tmp_path, "  - title: Upstream statt Fork\n", '  - title: "<script>alert(1)</script> Upstream"\n'
    )
    text = (folder / "blueprint.yaml").read_text("utf-8")
    text = text.replace(
        "    text: Die Antworten der Fachbereiche",
        "    text: <script>alert(2)</script> <img src=x onerror=alert(3)> Die Antworten der Fachbereiche",
        1,
    )
    text = text.replace(
        "    description: Cookielose Reichweitenmessung", '    description: "</script><script>alert(4)</script>"', 1
    )
    (folder / "blueprint.yaml").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = run("export", folder, "--out", out, "-f", "html", "-f", "markdown", "-f", "mkdocs", "-f", "json")
    assert result.exit_code == 0, result.stderr
    html = (out / KL.name / "html" / "index.html").read_text("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Upstream" in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt; &lt;img src=x onerror=alert(3)&gt;" in html
    assert "&lt;/script&gt;&lt;script&gt;alert(4)&lt;/script&gt;" in html
    assert "<script>alert" not in html and "<img" not in html
    assert html.count("<script") == 1  # the JSON-LD block only
    readme = (out / KL.name / "markdown" / "README.md").read_text("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Upstream" in readme
    assert "<script" not in readme
    mkdocs_page = (out / KL.name / "mkdocs" / "docs" / "index.md").read_text("utf-8")
    assert "<script" not in mkdocs_page and "<img" not in mkdocs_page


def test_json_ld_cannot_be_closed_by_a_text(run, tmp_path: Path) -> None:
    folder = _with_text(
        tmp_path,
        "  de: Digitale Beteiligungsplattform „KL mitgestalten“",
        '  de: "Plattform </script><script>alert(1)</script> <!--"',
    )
    out = tmp_path / "out"
    assert run("export", folder, "--out", out, "--lang", "de").exit_code == 0
    html = (out / KL.name / "html" / "index.html").read_text("utf-8")
    block = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "\\u003c/script\\u003e\\u003cscript\\u003ealert(1)" in block
    assert json.loads(block)["name"] == "Plattform </script><script>alert(1)</script> <!--"
    assert html.count("</script>") == 1


def test_markdown_images_and_javascript_links_are_not_rendered(run, tmp_path: Path) -> None:
    folder = _with_text(
        tmp_path,
        "    text: Die Antworten der Fachbereiche",
        '    text: "![tracker](https://evil.example/p.png) [x](javascript:alert(1)) **fett** Die Antworten'
        " der Fachbereiche",
    )
    path = folder / "blueprint.yaml"
    path.write_text(
        path.read_text("utf-8").replace("muss eingeplant werden.\n", 'muss eingeplant werden."\n', 1), encoding="utf-8"
    )
    out = tmp_path / "out"
    result = run("export", folder, "--out", out)
    assert result.exit_code == 0, result.stderr
    html = (out / KL.name / "html" / "index.html").read_text("utf-8")
    assert "evil.example/p.png" in html and "<img" not in html
    assert 'href="javascript:' not in html
    assert "<strong>fett</strong>" in html


def test_refuses_a_non_empty_folder_that_is_not_an_export(run, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    result = run("export", KL, "--out", out)
    assert result.exit_code == 2
    assert result.stderr == (
        f"kltransfer: error KT911: the folder '{out}' is not empty and was not written by kltransfer export\n"
        "  hint: choose a new or empty folder, or pass --force to write into it "
        "(kltransfer keeps every file in it that it did not write)\n"
    )
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_force_writes_into_it_and_keeps_other_files(run, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    result = run("export", KL, "--out", out, "--force")
    assert result.exit_code == 0, result.stderr
    assert (out / "notes.txt").read_text("utf-8") == "mine"
    assert (out / KL.name / "html" / "index.html").is_file()
    # now an earlier export: a second run needs no --force and still keeps the foreign file
    assert run("export", KL, "--out", out, "-f", "json").exit_code == 0
    assert (out / "notes.txt").read_text("utf-8") == "mine"
    assert sorted(p.name for p in (out / KL.name).iterdir()) == ["json"]


def test_an_earlier_export_is_replaced_and_stale_entries_removed(run, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = copy_example(EXAMPLES[0], tmp_path / "a")
    assert run("export", first, KL, "--out", out, "--bundle").exit_code == 0
    before = json.loads((out / MARKER).read_text("utf-8"))["entries"]
    assert len(before) == 5 and "index.html" in before  # two blueprints, two bundles, their index
    assert run("export", KL, "--out", out).exit_code == 0  # one blueprint: no index, the old one goes
    assert sorted(p.name for p in out.iterdir()) == sorted([MARKER, KL.name])
    assert json.loads((out / MARKER).read_text("utf-8"))["entries"] == [KL.name]


def test_a_marker_cannot_make_export_delete_outside_the_folder(run, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "a.txt").write_text("a", encoding="utf-8")
    (out / "keep").mkdir()
    listed = ["../victim/a.txt", "/etc/passwd", "..", "keep/..", "keep"]
    (out / MARKER).write_text(
        json.dumps(
            {"kltransfer_output": 1, "command": "export", "files": dict.fromkeys(listed, "0" * 64), "folders": listed}
        ),
        encoding="utf-8",
    )
    assert run("export", KL, "--out", out).exit_code == 0
    assert (victim / "a.txt").read_text("utf-8") == "a" and (out / "keep").is_dir()


def test_refuses_to_replace_the_blueprint_it_exports(run, tmp_path: Path) -> None:
    folder = copy_example(KL, tmp_path / KL.name)
    result = run("export", folder, "--out", tmp_path, "--force")
    assert result.exit_code == 2
    assert f"refusing to write there: '{tmp_path}' contains the source '{folder}'; nothing was written" in result.stderr
    assert (folder / "blueprint.yaml").is_file()
    assert not (tmp_path / MARKER).exists()


def test_an_out_path_that_is_a_file_is_refused(run, tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x", encoding="utf-8")
    result = run("export", KL, "--out", target, "--force")
    assert result.exit_code == 2
    assert f"'{target}' exists and is not a folder" in result.stderr


def test_a_failing_export_leaves_the_previous_output_whole(run, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("export", KL, "--out", out, "-f", "html", "-f", "json").exit_code == 0
    before = all_files(out)
    theme = tmp_path / "theme" / "html"
    theme.mkdir(parents=True)
    (theme / "page.html.j2").write_text("{{ bp.no_such_key }}", encoding="utf-8")
    result = run("export", KL, "--out", out, "-f", "json", "-f", "html", "--theme", tmp_path / "theme")
    assert result.exit_code == 2
    assert "KT910" in result.stderr and "no_such_key" in result.stderr
    assert all_files(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "theme"]


def test_an_invalid_blueprint_is_reported_and_not_written(run, tmp_path: Path) -> None:
    bad = _with_text(tmp_path, "licence: CC-BY-4.0", "licence: 42", name="bad")
    (bad / "blueprint.yaml").write_text(
        (bad / "blueprint.yaml")
        .read_text("utf-8")
        .replace("id: kaiserslautern-participation-platform", "id: broken", 1),
        encoding="utf-8",
    )
    good = copy_example(KL, tmp_path / "good")
    out = tmp_path / "out"
    result = run("export", bad, good, "--out", out)
    assert result.exit_code == 1
    path = bad / "blueprint.yaml"
    line = next(i for i, text in enumerate(path.read_text("utf-8").splitlines(), 1) if text.startswith("licence:"))
    assert f"{path}:{line}:10: error KT103 licence: " in result.stderr
    assert result.stderr.endswith(
        "kltransfer: error KT903: 1 blueprint not exported because of errors (1 exported)\n"
        "  hint: run 'kltransfer validate' on them and fix the errors\n"
    )
    assert not (out / "broken").exists()
    assert (out / KL.name / "html" / "index.html").is_file()


def test_only_invalid_blueprints_write_nothing(run, tmp_path: Path) -> None:
    bad = _with_text(tmp_path, "licence: CC-BY-4.0", "licence: 42")
    out = tmp_path / "out"
    assert run("export", bad, "--out", out).exit_code == 1
    assert not out.exists()


def test_two_blueprints_with_one_id_are_refused(run, tmp_path: Path) -> None:
    one, two = copy_example(KL, tmp_path / "one"), copy_example(KL, tmp_path / "two")
    out = tmp_path / "out"
    result = run("export", one, two, "--out", out)
    assert result.exit_code == 1
    assert "KT912" in result.stderr and "have the same id 'kaiserslautern-participation-platform'" in result.stderr
    assert not out.exists()


def test_unknown_format_and_language_are_usage_errors(run, tmp_path: Path) -> None:
    result = run("export", KL, "--out", tmp_path / "o", "--format", "docx")
    assert (result.exit_code, result.stderr) == (
        2,
        "kltransfer: error KT900: unknown format 'docx'\n"
        "  hint: choose from: html, markdown, mkdocs, json, pdf, dcat, publiccode\n",
    )
    result = run("export", KL, "--out", tmp_path / "o", "--lang", "fr")
    assert (result.exit_code, result.stderr) == (
        2,
        "kltransfer: error KT900: unknown language 'fr'\n  hint: choose from: de, en\n",
    )
    assert not (tmp_path / "o").exists()


def test_a_missing_path_is_an_input_error(run, tmp_path: Path) -> None:
    result = run("export", tmp_path / "nope", "--out", tmp_path / "o")
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


# -- themes --------------------------------------------------------------------------------------


def test_a_theme_overrides_a_default_template(run, tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    (theme / "html").mkdir(parents=True)
    (theme / "html" / "style.css").write_text("body { color: #000; }\n", encoding="utf-8")
    (theme / "html" / "sections").mkdir()
    (theme / "html" / "sections" / "contacts.html.j2").write_text(
        "<p>Schreiben Sie an {{ bp.contacts[0].email }}</p>\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    assert run("export", KL, "--out", out, "--theme", theme, "--lang", "de").exit_code == 0
    assert (out / KL.name / "html" / "style.css").read_text("utf-8") == "body { color: #000; }\n"
    html = (out / KL.name / "html" / "index.html").read_text("utf-8")
    assert "<p>Schreiben Sie an beteiligung@kaiserslautern.de</p>" in html
    assert '<h2 id="adoption-heading">Leitfaden zur Übernahme</h2>' in html  # the rest is the default


@pytest.mark.parametrize("how", ["include-dotdot", "symlink-file", "symlink-dir", "absolute"])
def test_a_theme_cannot_read_files_outside_its_folder(run, tmp_path: Path, how: str) -> None:
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "token.txt").write_text("TOPSECRET", encoding="utf-8")
    theme = tmp_path / "theme"
    (theme / "html" / "sections").mkdir(parents=True)
    page = theme / "html" / "sections" / "contacts.html.j2"
    if how == "include-dotdot":
        page.write_text('{% include "../../secret/token.txt" %}', encoding="utf-8")
    elif how == "absolute":
        page.write_text(f'{{% include "{secret / "token.txt"}" %}}', encoding="utf-8")
    elif how == "symlink-file":
        os.symlink(secret / "token.txt", theme / "html" / "style.css")
    else:
        os.symlink(secret, theme / "html" / "leak")
        page.write_text('{% include "html/leak/token.txt" %}', encoding="utf-8")
    out = tmp_path / "out"
    result = run("export", KL, "--out", out, "--theme", theme)
    assert result.exit_code == 2
    assert "error KT910" in result.stderr
    assert "TOPSECRET" not in result.stderr
    assert not out.exists()


def test_a_theme_runs_in_the_sandbox(run, tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    (theme / "html").mkdir(parents=True)
    (theme / "html" / "page.html.j2").write_text("{{ bp.__class__.__mro__[1].__subclasses__() }}", encoding="utf-8")
    result = run("export", KL, "--out", tmp_path / "out", "--theme", theme)
    assert result.exit_code == 2
    assert "error KT910: the template" in result.stderr and "unsafe" in result.stderr


def test_a_missing_theme_folder_is_refused(run, tmp_path: Path) -> None:
    result = run("export", KL, "--out", tmp_path / "out", "--theme", tmp_path / "nope")
    assert result.exit_code == 2
    assert f"error KT910: the theme folder '{tmp_path / 'nope'}' does not exist" in result.stderr


def test_an_interrupted_export_leaves_the_previous_output_whole(tmp_path: Path) -> None:
    from kltransfer.export import export

    out = tmp_path / "out"
    export(EXAMPLES, out, formats=["html"])
    before = all_files(out)

    def interrupt(phase: str, done: int, total: int | None, path: str) -> None:
        if phase == "rendering" and done == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        export(EXAMPLES, out, formats=["json"], progress=interrupt)
    assert all_files(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_worker_processes_write_the_same_bytes(tmp_path: Path) -> None:
    from kltransfer.export import export

    one = export(EXAMPLES, tmp_path / "one", formats=["html", "json"], bundle=True, jobs=1)
    two = export(EXAMPLES, tmp_path / "two", formats=["html", "json"], bundle=True, jobs=2)
    assert [i.id for i in one.exported] == [i.id for i in two.exported]
    assert all_files(tmp_path / "one") == all_files(tmp_path / "two")


def test_a_theme_may_change_a_few_labels(run, tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "labels.json").write_text(
        json.dumps(
            {"de": {"ui": {"adoption": "So übernehmen Sie das Projekt"}, "enums": {"phase": {"P5": "Transferphase"}}}}
        ),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert run("export", KL, "--out", out, "--theme", theme, "--lang", "de").exit_code == 0
    html = (out / KL.name / "html" / "index.html").read_text("utf-8")
    assert '<h2 id="adoption-heading">So übernehmen Sie das Projekt</h2>' in html
    assert "Kaiserslautern · Transferphase · im Betrieb" in html
    assert '<h2 id="goals-heading">Ziele und Kennzahlen</h2>' in html


def test_broken_theme_labels_are_reported(run, tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "labels.json").write_text("{not json", encoding="utf-8")
    result = run("export", KL, "--out", tmp_path / "out", "--theme", theme)
    assert result.exit_code == 2
    assert "error KT910: labels.json in the theme folder is not usable" in result.stderr
