"""``export -f pdf``: an A4 PDF/A-3b for a council, the source blueprint attached, reproducible.

The PDFs are read back with pypdf (page sizes, text, attachment, metadata). The tests skip
when WeasyPrint or the Pango libraries are missing, unless ``KLTRANSFER_REQUIRE_PDF=1`` (as
in CI): then they fail.
"""

from __future__ import annotations

import json
import logging
import logging.handlers
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.export_helpers import all_files, copy_example

ROOT = Path(__file__).resolve().parents[1]
KL = ROOT / "examples" / "kaiserslautern-participation-platform"
KL_PDF = "kaiserslautern-participation-platform/pdf/kaiserslautern-participation-platform.pdf"
EPOCH = "1711843200"  # 2024-03-31T00:00:00Z
A4 = (595.28, 841.89)  # points
#: The section headings of the German PDF, as the labels give them.
SECTION_LABELS = ("overview", "goals", "costs", "timeline", "components_data", "privacy_participation")
SECTION_LABELS += ("operator_model", "lessons", "documents", "contacts", "adoption")


def require_weasyprint() -> None:
    """Skip without WeasyPrint and its libraries; fail instead under ``KLTRANSFER_REQUIRE_PDF=1``."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as exc:
        if os.environ.get("KLTRANSFER_REQUIRE_PDF") == "1":
            pytest.fail(f"WeasyPrint is required (KLTRANSFER_REQUIRE_PDF=1) but cannot be imported: {exc}")
        pytest.skip(f"WeasyPrint cannot be imported: {exc}")


def export_pdf(sources: list[Path], out: Path, *args: str, epoch: str | None = EPOCH) -> tuple[int, list[str]]:
    """Export in this process; the exit code and every warning WeasyPrint (or a library it uses) logged."""
    from kltransfer.cli.main import run

    messages = logging.handlers.BufferingHandler(capacity=100_000)
    messages.setLevel(logging.WARNING)
    loggers = [logging.getLogger(), logging.getLogger("weasyprint"), logging.getLogger("fontTools")]
    with pytest.MonkeyPatch.context() as patch:
        if epoch is None:
            patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        else:
            patch.setenv("SOURCE_DATE_EPOCH", epoch)
        for logger in loggers:
            logger.addHandler(messages)
        try:
            code = run(["export", *map(str, sources), "--out", str(out), "-f", "pdf", *args])
        finally:
            for logger in loggers:
                logger.removeHandler(messages)
    return code, [f"{r.name}: {r.getMessage()}" for r in messages.buffer]


def reader(path: Path) -> Any:
    from pypdf import PdfReader

    return PdfReader(path)


def page_texts(path: Path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in reader(path).pages]


@pytest.fixture(scope="module")
def german(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, list[str]]]:
    require_weasyprint()
    out = tmp_path_factory.mktemp("pdf") / "out"
    code, messages = export_pdf([KL], out, "--lang", "de")
    assert code == 0
    yield out / KL_PDF, messages


def test_every_page_is_a4(german: tuple[Path, list[str]]) -> None:
    pdf = reader(german[0])
    assert len(pdf.pages) >= 5
    for page in pdf.pages:
        assert (round(float(page.mediabox.width), 2), round(float(page.mediabox.height), 2)) == A4
        assert page.get("/Rotate", 0) == 0


def test_weasyprint_renders_the_stylesheet_without_a_warning(german: tuple[Path, list[str]]) -> None:
    assert german[1] == []


def test_the_cover_names_title_city_phase_status_totals_and_date_in_german(german: tuple[Path, list[str]]) -> None:
    cover = page_texts(german[0])[0]
    assert "PROJEKTSTECKBRIEF" in cover
    assert "Digitale Beteiligungsplattform „KL mitgestalten“" in cover
    assert "Kaiserslautern · Rheinland-Pfalz" in cover
    assert "Phase P5 Transfer in andere Städte" in cover
    assert "Projektstatus im Betrieb" in cover
    assert "Investition gesamt 540.000 €" in cover
    assert "Betriebskosten pro Jahr 118.000 €" in cover
    assert "Förderquote 65,0 %" in cover
    assert "Stand: 31.03.2024" in cover
    assert "Seite 1" not in cover  # the cover has no page header and footer
    assert "ENTWURF" not in cover  # not a draft


def test_every_other_page_has_header_and_page_x_of_y(german: tuple[Path, list[str]]) -> None:
    pages = page_texts(german[0])
    for number, text in enumerate(pages[1:], start=2):
        assert f"Seite {number} von {len(pages)}" in text
        assert "Kaiserslautern · Digitale Beteiligungsplattform „KL mitgestalten“" in text
        assert "Stand 31.03.2024 · Version 1.2.0" in text


def test_contents_give_the_page_each_section_starts_on(german: tuple[Path, list[str]]) -> None:
    pages = page_texts(german[0])
    contents = pages[1]
    assert "Inhalt" in contents
    labels = json.loads((ROOT / "templates" / "export" / "labels.json").read_text("utf-8"))["de"]["ui"]
    for number, title in enumerate((labels[key] for key in SECTION_LABELS), start=1):
        found = re.search(rf"{number} {re.escape(title)} \.+ (\d+)", contents)
        assert found, title
        page = int(found.group(1))
        assert f"{number} {title}" in pages[page - 1].replace(f"{number} {title} .", "")


def test_web_links_are_printed_after_their_text_unless_the_text_is_the_address(german: tuple[Path, list[str]]) -> None:
    text = " ".join(page_texts(german[0]))
    assert "Kaiserslautern (https://www.kaiserslautern.de)" in text
    from xml.etree.ElementTree import fromstring

    from kltransfer.export.pdf import mark_printed_links

    root = fromstring(
        '<body><a href="https://www.example.de/">www.example.de</a><a href="https://example.de/x">Portal</a>'
        '<a href="mailto:a@example.de">a@example.de</a><a href="#costs">Kosten</a></body>'
    )
    mark_printed_links(root)
    assert [a.get("data-print-url") for a in root.iter("a")] == [None, "https://example.de/x", None, None]


def test_the_source_blueprint_is_attached_as_pdf_a_3b(german: tuple[Path, list[str]]) -> None:
    pdf = reader(german[0])
    assert pdf.attachments == {"blueprint.yaml": [(KL / "blueprint.yaml").read_bytes()]}
    catalog = pdf.trailer["/Root"]
    spec = catalog["/AF"][0].get_object()
    assert (spec["/F"], spec["/AFRelationship"]) == ("blueprint.yaml", "/Source")
    xmp = pdf.xmp_metadata.rdf_root.toxml()
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="B"' in xmp
    assert catalog["/OutputIntents"][0].get_object()["/S"] == "/GTS_PDFA1"
    assert catalog["/Lang"] == "de"
    info = pdf.metadata
    assert (info["/CreationDate"], info["/ModDate"]) == ("D:20240331", "D:20240331")
    assert info["/Title"] == "Digitale Beteiligungsplattform „KL mitgestalten“ – Kaiserslautern"


def test_two_exports_are_byte_identical(german: tuple[Path, list[str]], tmp_path: Path) -> None:
    again = tmp_path / "again"
    assert export_pdf([KL], again, "--lang", "de")[0] == 0
    assert (again / KL_PDF).read_bytes() == german[0].read_bytes()


def test_english_pdf_uses_english_labels_and_numbers(tmp_path: Path) -> None:
    require_weasyprint()
    code, messages = export_pdf([KL], tmp_path / "en", "--lang", "en")
    assert (code, messages) == (0, [])
    pages = page_texts(tmp_path / "en" / KL_PDF)
    assert "PROJECT PROFILE" in pages[0]
    assert "Total investment €540,000" in pages[0]
    assert "Funding rate 65.0 %" in pages[0]
    assert "As of: 2024-03-31" in pages[0]
    assert f"Page 2 of {len(pages)}" in pages[1]


def test_without_source_date_epoch_the_date_is_the_files_when_outside_git(tmp_path: Path) -> None:
    require_weasyprint()
    folder = copy_example(KL, tmp_path / "kl")
    os.utime(folder / "blueprint.yaml", (1_700_000_000, 1_700_000_000))  # 2023-11-14
    code, _ = export_pdf([folder], tmp_path / "out", "--lang", "de", epoch=None)
    assert code == 0
    pdf = tmp_path / "out" / KL_PDF
    assert "Stand: 14.11.2023" in page_texts(pdf)[0]
    assert reader(pdf).metadata["/CreationDate"] == "D:20231114"


def test_a_draft_is_marked_on_the_cover_and_in_every_page_header(tmp_path: Path) -> None:
    require_weasyprint()
    from kltransfer.cli.main import run

    assert run(["new", str(tmp_path / "demo"), "--no-input", "--lang", "de"]) == 0
    code, messages = export_pdf([tmp_path / "demo"], tmp_path / "out", "--lang", "de")
    assert (code, messages) == (0, [])
    pdf = tmp_path / "out" / "demo" / "pdf" / "demo.pdf"
    pages = page_texts(pdf)
    assert "Dieser Blueprint ist noch nicht fertig" in pages[0]
    assert "Investition gesamt noch offen" in pages[0]
    assert "Förderquote noch offen" in pages[0]
    for text in pages:
        assert "ENTWURF" in text
        assert "TODO" not in text
    assert " 0 €" not in " ".join(pages)


def test_bundle_carries_the_pdf(tmp_path: Path) -> None:
    require_weasyprint()
    import zipfile

    code, _ = export_pdf([KL], tmp_path / "out", "--bundle")
    assert code == 0
    (bundle,) = (tmp_path / "out").glob("*.kltransfer.zip")
    with zipfile.ZipFile(bundle) as archive:
        assert f"pdf/{Path(KL_PDF).name}" in archive.namelist()


# --- without WeasyPrint -----------------------------------------------------------------------

#: Runs the command line with ``weasyprint`` made unimportable: ``None`` in ``sys.modules``
#: stands for "not installed", the finder for "installed, but Pango cannot be loaded".
_WITHOUT = {
    "extra": "import sys\nsys.modules['weasyprint'] = None\n",
    "libraries": (
        "import sys, importlib.abc\n"
        "class NoPango(importlib.abc.MetaPathFinder):\n"
        "    def find_spec(self, name, path, target=None):\n"
        "        if name == 'weasyprint':\n"
        "            raise OSError(\"cannot load library 'libpango-1.0-0': no such file\")\n"
        "sys.meta_path.insert(0, NoPango())\n"
    ),
}


def run_without_weasyprint(case: str, *args: str, cwd: Path, lang: str = "C.UTF-8") -> subprocess.CompletedProcess[str]:
    code = _WITHOUT[case] + "from kltransfer.cli.main import main\nmain()\n"
    env = {**os.environ, "LANG": lang, "LANGUAGE": "", "NO_COLOR": "1"}
    env.pop("LC_ALL", None)
    return subprocess.run(
        [sys.executable, "-c", code, *args], cwd=cwd, capture_output=True, text=True, env=env, check=False
    )


def test_without_the_extra_a_clear_error_names_it_and_nothing_is_written(tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = run_without_weasyprint("extra", "export", str(KL), "--out", str(out), "-f", "pdf", "-f", "html", cwd=ROOT)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("kltransfer: error KT913: the PDF export needs WeasyPrint, which is not installed (")
    assert (
        "  hint: install it with: pip install 'kltransfer[pdf]'; it also needs the Pango libraries "
        "(Debian/Ubuntu: apt install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)\n"
    ) in done.stderr
    assert "Traceback" not in done.stderr
    assert not out.exists()


def test_without_the_pango_libraries_the_error_names_the_packages_in_german(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "keep").mkdir(parents=True)
    (out / "keep" / "note.txt").write_text("mine", encoding="utf-8")
    before = all_files(out)
    done = run_without_weasyprint(
        "libraries", "export", str(KL), "--out", str(out), "-f", "pdf", cwd=ROOT, lang="de_DE.UTF-8"
    )
    assert done.returncode == 2
    assert done.stderr == (
        "kltransfer: Fehler KT913: der PDF-Export braucht die Pango-Bibliotheken, die WeasyPrint nicht laden konnte "
        "(cannot load library 'libpango-1.0-0': no such file)\n"
        "  Hinweis: installieren Sie sie (Debian/Ubuntu: apt install libpango-1.0-0 libpangoft2-1.0-0 "
        "libharfbuzz-subset0)\n"
    )
    assert all_files(out) == before


def test_other_formats_and_validate_work_and_never_import_weasyprint(tmp_path: Path) -> None:
    probe = (
        "import sys\n"
        "from kltransfer.cli.main import run\n"
        "assert run(['validate', 'examples/']) == 0\n"
        "assert run(['export', 'examples/', '--out', sys.argv[1], '-f', 'html', '-f', 'markdown', '-f', 'json']) == 0\n"
        "print('weasyprint' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(tmp_path / "out")], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "False"


# --- the CSS labels ---------------------------------------------------------------------------


def test_labels_become_css_strings_with_the_page_counters() -> None:
    from kltransfer.export.pdf import css_content

    assert css_content("Seite {page} von {pages}") == '"Seite " counter(page) " von " counter(pages)'
    assert css_content("Page {page} of {pages}") == '"Page " counter(page) " of " counter(pages)'
    # quotes, backslashes and a closing style tag cannot leave the string
    assert css_content('a"b\\</style>') == '"a\\22 b\\5c \\3c \\2f style\\3e "'
    assert css_content(None) == '""'
