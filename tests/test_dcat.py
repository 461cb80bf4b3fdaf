"""DCAT-AP.de: `export -f dcat` and `catalog build` against the official SHACL profile, offline.

The profile "Spezifikation + Konventionen" and a subset of its vocabularies are vendored in
tests/data/dcat-ap.de/ (see PROVENANCE.md there); tests/dcat_helpers.py runs pyshacl on them.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic

from tests.conftest import EXAMPLES, ROOT, Result
from tests.dcat_helpers import parse, validate

DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCT = Namespace("http://purl.org/dc/terms/")
DCATDE = Namespace("http://dcat-ap.de/def/dcatde/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
RDF_TYPE = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
GERA = EXAMPLES / "gera-open-data-portal"
BASE = "https://daten.example.de/blueprints"
CONTRIBUTOR = "http://dcat-ap.de/def/contributors/govData"
DOC = f"{BASE}/gera-open-data-portal/dcat/catalog.ttl"
#: What the profile recommends and no blueprint can say: reported by the validator, never invented.
EXPECTED_WARNINGS = {"KonvXX_dcat_keyword_w_Min", "KonvXX_dct_issued_w_Min"}
EXPECTED_INFOS = {"Dubletten_dct_modified_i_Min"}

Run = Callable[..., Result]


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder whose .kltransfer.yaml names the contributor (as a city's project would)."""
    (tmp_path / ".kltransfer.yaml").write_text("dcat:\n  contributor-id: govData\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _copy(src: Path, dest: Path, edit: Callable[[str], str] = lambda t: t) -> Path:
    shutil.copytree(src, dest)
    path = dest / "blueprint.yaml"
    path.write_text(edit(path.read_text("utf-8")), "utf-8")
    return dest


def _line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text("utf-8").splitlines(), 1) if text in line)


def _graph(path: Path, fmt: str = "turtle") -> Graph:
    return parse(path, fmt)


def _datasets(graph: Graph) -> set[str]:
    return {str(s) for s in graph.subjects(RDF_TYPE, DCAT.Dataset)}


# --- export -f dcat ------------------------------------------------------------------------------


def test_gera_passes_the_profile_with_every_value_from_the_blueprint(run: Run, work: Path) -> None:
    result = run("export", GERA, "-f", "dcat", "--out", work / "out", "--base-url", BASE + "/")
    assert result.exit_code == 0, result.stderr
    ttl = work / "out" / "gera-open-data-portal" / "dcat" / "catalog.ttl"
    outcome = validate(ttl.read_bytes())
    assert outcome.conforms
    assert outcome.of("Violation") == []
    assert outcome.shapes("Warning") == EXPECTED_WARNINGS
    assert outcome.shapes("Info") == EXPECTED_INFOS

    graph = _graph(ttl)
    budget = URIRef(f"{DOC}#data-haushaltsplan-ergebnis-und-finanzhaushalt")
    assert _datasets(graph) == {
        str(budget),
        f"{DOC}#data-kindertagesstaetten",
        f"{DOC}#data-bebauungsplaene",
        f"{DOC}#data-verkehrszaehlungen",
    }
    assert set(graph.objects(budget, DCT.title)) == {
        Literal("Haushaltsplan (Ergebnis- und Finanzhaushalt)", lang="de"),
        Literal("Municipal budget", lang="en"),
    }
    assert graph.value(budget, DCATDE.contributorID) == URIRef(CONTRIBUTOR)
    assert graph.value(budget, DCATDE.politicalGeocodingURI) == URIRef(
        "http://dcat-ap.de/def/politicalGeocoding/municipalityKey/16052000"
    )
    assert graph.value(graph.value(budget, DCT.publisher), FOAF.name) == Literal("Stadtverwaltung Gera")
    assert graph.value(budget, DCAT.landingPage) == URIRef("https://opendata.gera.de/dataset/haushalt")
    themes = {str(t).rsplit("/", 1)[1] for t in graph.objects(budget, DCAT.theme)}
    assert themes == {"TECH", "GOVE", "ECON"}  # data-infrastructure, administration + participation, economy
    dist = graph.value(budget, DCAT.distribution)
    assert graph.value(dist, DCT.license) == URIRef("http://dcat-ap.de/def/licenses/dl-zero-de/2.0")
    assert graph.value(dist, DCT["format"]) == URIRef("http://publications.europa.eu/resource/authority/file-type/CSV")
    assert graph.value(dist, DCAT.accessURL) == URIRef("https://opendata.gera.de/dataset/haushalt")
    plans = graph.value(URIRef(f"{DOC}#data-bebauungsplaene"), DCAT.distribution)
    assert str(graph.value(plans, DCT["format"])).endswith("/file-type/GML")  # XPlanGML is GML
    for s, p, o in graph:
        for term in (s, p, o):
            if isinstance(term, URIRef):
                assert re.match(r"^(https?|mailto):", str(term)), term  # absolute IRIs only


def test_every_example_exports_conforming_dcat(run: Run, work: Path) -> None:
    result = run("export", EXAMPLES, "-f", "dcat", "--out", work / "out", "--base-url", BASE)
    for example in sorted(p.parent.name for p in EXAMPLES.glob("*/blueprint.yaml")):
        ttl = work / "out" / example / "dcat" / "catalog.ttl"
        outcome = validate(ttl.read_bytes())
        assert outcome.conforms and outcome.of("Violation") == [], (example, outcome.of("Violation"))
    # the other examples list data sets without description or URL: reported, not invented
    assert result.exit_code == 1
    assert "KT260" in result.stderr and "KT261" in result.stderr
    assert "data sets out of the DCAT output" in result.stderr


def test_a_data_set_without_description_gets_a_finding_on_its_line_and_is_left_out(run: Run, work: Path) -> None:
    src = _copy(GERA, work / "src", lambda t: t.replace("    description: Standorte, Träger und Platzzahlen\n", ""))
    yaml = src / "blueprint.yaml"
    result = run("export", src, "-f", "dcat", "--out", work / "out", "--base-url", BASE)
    assert result.exit_code == 1
    line = _line_of(yaml, "name: {de: Kindertagesstätten")
    assert f"{yaml}:{line}:5: error KT260 data[1].description: data set 'Day-care centres' has no description" in (
        result.stderr
    )
    assert "add 'description:'" in result.stderr
    assert "KT903" in result.stderr
    ttl = (work / "out" / "gera-open-data-portal" / "dcat" / "catalog.ttl").read_text("utf-8")
    assert "kindertagesstaetten" not in ttl and "Kindertagesst" not in ttl and "Day-care" not in ttl
    graph = _graph(work / "out" / "gera-open-data-portal" / "dcat" / "catalog.ttl")
    assert len(_datasets(graph)) == 3
    assert validate(ttl).conforms


def test_german_finding(run: Run, work: Path) -> None:
    src = _copy(GERA, work / "src", lambda t: t.replace("    description: Standorte, Träger und Platzzahlen\n", ""))
    result = run("export", src, "-f", "dcat", "--out", work / "out", "--base-url", BASE, "--lang", "de")
    assert result.exit_code == 1
    assert "Fehler KT260" in result.stderr or "error KT260" in result.stderr
    assert "hat keine Beschreibung" in result.stderr, result.stderr


def test_licence_format_and_url_problems_are_reported_where_they_stand(run: Run, work: Path) -> None:
    def edit(text: str) -> str:
        text = text.replace("    licence: CC-BY-4.0\n    format: CSV\n", "    licence: MIT\n    format: Lochkarten\n")
        text = text.replace("https://opendata.gera.de/dataset/haushalt", "https://opendata.gera.de/haushalt.csv")
        return text.replace("url: https://opendata.gera.de/dataset/bebauungsplaene", "url: 'TODO: Adresse im Portal'")

    src = _copy(GERA, work / "src", edit)
    yaml = src / "blueprint.yaml"
    result = run("export", src, "-f", "dcat", "--out", work / "out", "--base-url", BASE)
    assert result.exit_code == 1
    mit = _line_of(yaml, "licence: MIT")
    assert f"{yaml}:{mit}:14: error KT263 data[3].licence: the licence 'MIT' of 'Verkehrszählungen'" in result.stderr
    fmt = _line_of(yaml, "format: Lochkarten")
    assert f"{yaml}:{fmt}:13: warning KT264 data[3].format" in result.stderr
    todo = _line_of(yaml, "url: 'TODO")
    assert f"{yaml}:{todo}:10: error KT261 data[2].url: 'Bebauungspläne' has no URL" in result.stderr
    graph = _graph(work / "out" / "gera-open-data-portal" / "dcat" / "catalog.ttl")
    assert len(_datasets(graph)) == 2  # the budget and the day-care centres
    budget = URIRef(f"{DOC}#data-haushaltsplan-ergebnis-und-finanzhaushalt")
    dist = graph.value(budget, DCAT.distribution)
    assert graph.value(dist, DCAT.downloadURL) == URIRef("https://opendata.gera.de/haushalt.csv")
    assert graph.value(budget, DCAT.landingPage) is None  # a file is not a landing page


def test_without_organisation_or_ags(run: Run, work: Path) -> None:
    src = _copy(
        GERA,
        work / "src",
        lambda t: t.replace("\n  organisation: Stadtverwaltung Gera\n", "\n", 1).replace('\n  ags: "16052000"\n', "\n"),
    )
    result = run("export", src, "-f", "dcat", "--out", work / "out", "--base-url", BASE)
    assert result.exit_code == 1
    assert "error KT265 city.organisation" in result.stderr
    assert "organisation: Stadtverwaltung Gera" in result.stderr  # the hint shows the line to add
    assert "warning KT266 city.ags" in result.stderr
    assert not (work / "out" / "gera-open-data-portal" / "dcat").exists()


@pytest.mark.parametrize(
    ("args", "config", "code", "text"),
    [
        ((), "dcat:\n  contributor-id: govData\n", "KT921", "needs the address the output is published at"),
        (("--base-url", "daten/blueprints"), "dcat:\n  contributor-id: govData\n", "KT921", "not an absolute"),
        (("--base-url", BASE + "?x=1"), "dcat:\n  contributor-id: govData\n", "KT921", "query or a fragment"),
        (("--base-url", BASE), "lang: en\n", "KT922", "contributor ID"),
    ],
)
def test_missing_settings_refuse_before_writing(
    run: Run, work: Path, args: tuple[str, ...], config: str, code: str, text: str
) -> None:
    (work / ".kltransfer.yaml").write_text(config, "utf-8")
    result = run("export", GERA, "-f", "dcat", "--out", work / "out", *args)
    assert result.exit_code == 2
    assert f"error {code}: " in result.stderr and text in result.stderr, result.stderr
    assert "hint: " in result.stderr
    assert not (work / "out").exists()


def test_a_wrong_contributor_in_the_configuration_is_named_on_its_line(run: Run, work: Path) -> None:
    (work / ".kltransfer.yaml").write_text(
        "lang: en\ndcat:\n  contributor-id: https://www.dcat-ap.de/def/contributors/govData\n", "utf-8"
    )
    result = run("export", GERA, "-f", "dcat", "--out", work / "out", "--base-url", BASE)
    assert result.exit_code == 2
    assert "KT902" in result.stderr
    assert ".kltransfer.yaml:3:19: dcat.contributor-id:" in result.stderr
    assert "write it as http://dcat-ap.de/def/contributors/govData" in result.stderr


def _python(code: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "PYTHONPATH": str(ROOT), **env}
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, env=environ, capture_output=True, text=True)


_WITHOUT_RDFLIB = "import sys\nsys.modules['rdflib'] = None\nfrom kltransfer.cli.main import run\n"


def test_without_rdflib_the_dcat_format_names_the_extra(work: Path) -> None:
    code = (
        _WITHOUT_RDFLIB
        + f"sys.exit(run(['export', {str(GERA)!r}, '-f', 'dcat', '--out', 'out', '--base-url', {BASE!r}]))"
    )
    proc = _python(code, work)
    assert proc.returncode == 2, proc.stderr
    assert "error KT920: writing Turtle needs rdflib, which is not installed" in proc.stderr
    assert "pip install 'kltransfer[rdf]'" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (work / "out").exists()


def test_output_is_the_same_bytes_in_every_run(work: Path) -> None:
    code = (
        "import sys\nfrom kltransfer.cli.main import run\n"
        f"sys.exit(run(['export', {str(EXAMPLES)!r}, '-f', 'dcat', '--out', sys.argv[1], '--base-url', {BASE!r}]))"
    )
    outputs = []
    for seed, out in (("1", "a"), ("2", "b")):
        environ = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONHASHSEED": seed}
        proc = subprocess.run([sys.executable, "-c", code, out], cwd=work, env=environ, capture_output=True, text=True)
        assert proc.returncode == 1, proc.stderr  # other examples' data sets are incomplete
        outputs.append({p.relative_to(work / out): p.read_bytes() for p in sorted((work / out).rglob("*.ttl"))})
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) == len(list(EXAMPLES.glob("*/blueprint.yaml")))


# --- catalog build -------------------------------------------------------------------------------


def test_catalog_build_writes_conforming_turtle_and_the_same_graph_as_json_ld(run: Run, work: Path) -> None:
    (work / ".kltransfer.yaml").write_text(
        "dcat:\n  contributor-id: govData\n  publisher: Blueprint-Katalog der Beispielregion\n", "utf-8"
    )
    out = work / "site"
    result = run("catalog", "build", EXAMPLES, "--out", out, "--base-url", "https://katalog.example.de")
    assert result.exit_code == 0, result.stderr
    assert "DCAT-AP.de: catalog.jsonld, catalog.ttl" in result.stderr
    turtle, jsonld = _graph(out / "catalog.ttl"), _graph(out / "catalog.jsonld", "json-ld")
    assert isomorphic(turtle, jsonld)
    for path, fmt in ((out / "catalog.ttl", "turtle"), (out / "catalog.jsonld", "json-ld")):
        outcome = validate(path.read_bytes(), fmt)
        assert outcome.conforms and outcome.of("Violation") == []
        assert outcome.shapes("Warning") == {"KonvXX_dct_issued_w_Min"}  # keywords come from the blueprints
        assert outcome.shapes("Info") == EXPECTED_INFOS
    ids = sorted(p.parent.name for p in EXAMPLES.glob("*/blueprint.yaml"))
    assert _datasets(turtle) == {f"https://katalog.example.de/blueprints/{i}/#dataset" for i in ids}
    gera = URIRef("https://katalog.example.de/blueprints/gera-open-data-portal/#dataset")
    dist = turtle.value(gera, DCAT.distribution)
    assert turtle.value(dist, DCAT.accessURL) == URIRef(
        "https://katalog.example.de/blueprints/gera-open-data-portal/index.html"
    )
    assert turtle.value(dist, DCT.license) == URIRef("http://dcat-ap.de/def/licenses/cc-zero")  # CC0-1.0
    catalog = json.loads((out / "catalog.json").read_text("utf-8"))
    assert all("dcat" not in entry for entry in catalog["blueprints"])
    # a rebuild reuses every page and writes the same files
    before = (out / "catalog.ttl").read_bytes()
    again = run("catalog", "build", EXAMPLES, "--out", out, "--base-url", "https://katalog.example.de")
    assert again.exit_code == 0 and f"{len(list(EXAMPLES.glob('*/blueprint.yaml')))} unchanged" in again.stderr
    assert (out / "catalog.ttl").read_bytes() == before


def test_catalog_build_without_base_url_writes_no_dcat_and_says_why(run: Run, work: Path) -> None:
    out = work / "site"
    out.mkdir()
    (work / ".kltransfer.yaml").write_text("dcat:\n  contributor-id: govData\n  publisher: X\n", "utf-8")
    first = run("catalog", "build", EXAMPLES, "--out", out, "--base-url", "https://katalog.example.de")
    assert (out / "catalog.ttl").is_file()
    result = run("catalog", "build", EXAMPLES, "--out", out)
    assert result.exit_code == 0 == first.exit_code
    assert "warning: KT921: catalog.ttl and catalog.jsonld need the address" in result.stderr
    assert not (out / "catalog.ttl").exists() and not (out / "catalog.jsonld").exists()  # no stale copy stays
    assert (out / "index.html").is_file()


def test_catalog_build_reports_a_blueprint_it_cannot_describe(run: Run, work: Path) -> None:
    (work / ".kltransfer.yaml").write_text("dcat:\n  contributor-id: govData\n  publisher: X\n", "utf-8")
    src = _copy(GERA, work / "src" / "gera", lambda t: t.replace("licence: CC0-1.0 ", "licence: MIT OR CC0-1.0 "))
    out = work / "site"
    result = run("catalog", "build", work / "src", "--out", out, "--base-url", "https://katalog.example.de")
    assert result.exit_code == 0, result.stderr
    line = _line_of(src / "blueprint.yaml", "licence: MIT OR CC0-1.0")
    assert f"blueprint.yaml:{line}:10: warning KT263 licence: the licence 'MIT OR CC0-1.0'" in result.stderr
    assert _datasets(_graph(out / "catalog.ttl")) == set()
    assert validate((out / "catalog.ttl").read_bytes()).conforms


def test_catalog_build_without_rdflib_writes_the_json_ld_only(work: Path) -> None:
    (work / ".kltransfer.yaml").write_text("dcat:\n  contributor-id: govData\n  publisher: X\n", "utf-8")
    code = _WITHOUT_RDFLIB + (
        f"sys.exit(run(['catalog', 'build', {str(EXAMPLES)!r}, '--out', 'site', '--base-url', 'https://k.example.de']))"
    )
    proc = _python(code, work)
    assert proc.returncode == 0, proc.stderr
    assert "KT920: catalog.ttl needs rdflib" in proc.stderr and "kltransfer[rdf]" in proc.stderr
    assert (work / "site" / "catalog.jsonld").is_file()
    assert not (work / "site" / "catalog.ttl").exists()
    assert validate((work / "site" / "catalog.jsonld").read_bytes(), "json-ld").conforms


def test_quotes_backslashes_and_line_breaks_survive_the_round_trip(run: Run, work: Path) -> None:
    text = 'Stand "2024" \\ Quelle: <Amt> & Co.\nZweite Zeile'
    src = _copy(
        GERA,
        work / "src",
        lambda t: t.replace(
            "    description: Standorte, Träger und Platzzahlen\n",
            "    description: |-\n      " + text.replace("\n", "\n      ") + "\n",
        ),
    )
    result = run("export", src, "-f", "dcat", "--out", work / "out", "--base-url", BASE)
    assert result.exit_code == 0, result.stderr
    ttl = work / "out" / "gera-open-data-portal" / "dcat" / "catalog.ttl"
    graph = _graph(ttl)
    assert graph.value(URIRef(f"{DOC}#data-kindertagesstaetten"), DCT.description) == Literal(text)
    assert validate(ttl.read_bytes()).conforms


def test_a_url_an_iri_cannot_hold_and_a_blueprint_without_data(run: Run, work: Path) -> None:
    src = _copy(GERA, work / "a", lambda t: t.replace("dataset/haushalt\n", "dataset/haus|halt{2024}\n"))
    result = run("export", src, "-f", "dcat", "--out", work / "out-a", "--base-url", BASE)
    assert result.exit_code == 1
    line = _line_of(src / "blueprint.yaml", "haus|halt")
    assert f":{line}:10: error KT267 data[0].url: the URL of 'Municipal budget' contains characters" in result.stderr
    assert "'{' '|' '}'" in result.stderr
    assert len(_datasets(_graph(work / "out-a" / "gera-open-data-portal" / "dcat" / "catalog.ttl"))) == 3

    text = (GERA / "blueprint.yaml").read_text("utf-8")
    start, end = text.index("\ndata:\n"), text.index("\nstandards:\n")
    src = _copy(GERA, work / "b", lambda t: t[:start] + t[end:])
    result = run("export", src, "-f", "dcat", "--out", work / "out-b", "--base-url", BASE)
    assert result.exit_code == 0
    assert "warning KT268 data: the blueprint lists no data sets" in result.stderr
    ttl = work / "out-b" / "gera-open-data-portal" / "dcat" / "catalog.ttl"
    assert _datasets(_graph(ttl)) == set() and validate(ttl.read_bytes()).conforms
