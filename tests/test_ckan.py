"""Government catalogues in: a data.go.th-style CKAN package_search answer and a ckanext-dcat
catalog.ttl load through the workbook pipeline; bad catalogues give bilingual problems that name
the package, never a traceback."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from abegraph.cli import main
from abegraph.demo import DEMO_CSV
from abegraph.exceptions import LoadError
from abegraph.graph.store import Store
from abegraph.catalog.web import FetchError, fetch_url
from abegraph.loaders.sources import read_source
from abegraph.loaders.pipeline import load_files, validate_files

CKAN = Path(__file__).parent / "data" / "ckan"
ABE = "https://w3id.org/abegraph/ns#"
ID = "https://w3id.org/abegraph/id/"


@pytest.fixture
def demo_copy():
    """A fresh store holding the demo (the catalogues refer to its agencies and issues)."""
    store = Store.open(None)
    assert load_files(store, [DEMO_CSV]).ok
    return store


def _values(store, dataset: str, prop: str) -> set[str]:
    rows = store.select(f"SELECT ?o WHERE {{ <{ID}dataset/{dataset}> <{prop}> ?o }}")
    return {str(r[0]) for r in rows}


def _agencies(store) -> set[str]:
    return {str(r[0]) for r in store.select(f"SELECT DISTINCT ?a WHERE {{ ?a a <{ABE}Agency> }}")}


def test_data_go_th_package_search_loads_as_datasets(demo_copy):
    before = _agencies(demo_copy)
    report = load_files(demo_copy, [CKAN / "data-go-th-package-search.json"])
    assert report.ok and report.problems == []
    assert report.accepted == {"agencies": 2, "datasets": 3}
    # the provincial education office is already in the store: referred to, not added again
    assert _values(demo_copy, "kk-out-of-school-children", "http://purl.org/dc/terms/publisher") == {f"{ID}agency/PEO-KK"}
    assert _agencies(demo_copy) - before == {f"{ID}agency/khonkaen-city", f"{ID}agency/nso-khonkaen"}
    city = demo_copy.select(f"SELECT ?n WHERE {{ <{ID}agency/khonkaen-city> <http://www.w3.org/2000/01/rdf-schema#label> ?n }}")
    assert {str(r[0]) for r in city} == {"เทศบาลนครขอนแก่น"}
    d = "kk-out-of-school-children"
    assert _values(demo_copy, d, "http://purl.org/dc/terms/title") == {"จำนวนเด็กและเยาวชนนอกระบบการศึกษา จังหวัดขอนแก่น จำแนกรายอำเภอ"}
    assert _values(demo_copy, d, ABE + "updateFrequency") == {"รายปี"}
    assert _values(demo_copy, d, ABE + "accessLevel") == {"https://w3id.org/abegraph/vocab/access/open"}
    assert _values(demo_copy, d, ABE + "personalData") == {"false"}
    # data_collect = geographic area, geo_coverage = อำเภอ: one record per district
    assert _values(demo_copy, d, ABE + "granularity") == {"https://w3id.org/abegraph/vocab/granularity/district"}
    assert _values(demo_copy, d, "http://www.w3.org/ns/dcat#landingPage") == {"https://khonkaen.moe.go.th/data/out-of-school"}
    assert _values(demo_copy, d, ABE + "addresses") == {f"{ID}issue/I01"}  # a tag names the issue
    assert "การศึกษา" in _values(demo_copy, d, "http://www.w3.org/ns/dcat#keyword")
    assert _values(demo_copy, d, "http://purl.org/dc/terms/license") == {"http://www.opendefinition.org/licenses/odc-by"}
    formats = demo_copy.select(f"SELECT ?f WHERE {{ <{ID}dataset/{d}> <http://www.w3.org/ns/dcat#distribution>/<http://purl.org/dc/terms/format> ?f }}")
    assert {str(r[0]) for r in formats} == {"csv", "xlsx", "xls"}
    # twice a year, school level (data_collect_other), personal household data
    assert _values(demo_copy, "kk-city-school-lunch", ABE + "updateFrequency") == {"ปีละ 2 ครั้ง"}
    assert _values(demo_copy, "kk-city-school-lunch", ABE + "granularity") == {"https://w3id.org/abegraph/vocab/granularity/school"}
    h = "kk-household-survey-children"
    assert _values(demo_copy, h, ABE + "personalData") == {"true"}
    assert _values(demo_copy, h, ABE + "accessLevel") == {"https://w3id.org/abegraph/vocab/access/restricted"}
    assert _values(demo_copy, h, ABE + "granularity") == {"https://w3id.org/abegraph/vocab/granularity/household"}
    graphs = {str(r[0]) for r in demo_copy.select(
        f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ <{ID}dataset/{h}> ?p ?o }} }}")}
    assert graphs == {"https://w3id.org/abegraph/graph/data-go-th-package-search"}


def test_package_show_answer_and_publisher_loaded_earlier(demo_copy):
    load_files(demo_copy, [CKAN / "data-go-th-package-search.json"])
    report = load_files(demo_copy, [CKAN / "package-show.json"])
    assert report.accepted == {"agencies": 0, "datasets": 1}  # NSO is in the store now


def test_ckanext_dcat_catalog_ttl(demo_copy):
    path = CKAN / "khonkaen-catalog.ttl"
    assert read_source(path).format == "dcat-turtle"
    report = load_files(demo_copy, [path])
    assert report.accepted == {"agencies": 0, "datasets": 3}  # both publishers are demo agencies
    uuid = "6b2f0c6e-51a4-4a0e-9f3b-2d7c1e8a9b01"
    assert _values(demo_copy, uuid, "http://purl.org/dc/terms/publisher") == {f"{ID}agency/KKPAO"}
    assert _values(demo_copy, uuid, ABE + "updateFrequency") == {"yearly"}
    assert _values(demo_copy, uuid, ABE + "accessLevel") == {"https://w3id.org/abegraph/vocab/access/open"}
    assert _values(demo_copy, uuid, "http://www.w3.org/ns/dcat#landingPage") == {"https://www.kkpao.go.th/scholarships"}
    formats = demo_copy.select(f"SELECT ?f WHERE {{ <{ID}dataset/{uuid}> <http://www.w3.org/ns/dcat#distribution>/<http://purl.org/dc/terms/format> ?f }}")
    assert {str(r[0]) for r in formats} == {"csv", "pdf"}
    # the CKAN landing page names the dataset; DCMI frequency IRI; EU file type
    cdc = "child-development-centres"
    assert _values(demo_copy, cdc, "http://purl.org/dc/terms/title") == {"ศูนย์พัฒนาเด็กเล็กในจังหวัดขอนแก่น", "Child development centres in Khon Kaen"}
    assert _values(demo_copy, cdc, "http://purl.org/dc/terms/publisher") == {f"{ID}agency/DLA-KK"}
    assert _values(demo_copy, cdc, ABE + "updateFrequency") == {"twice a year"}
    last = "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e03"
    assert _values(demo_copy, last, ABE + "accessLevel") == {"https://w3id.org/abegraph/vocab/access/on-request"}
    [warning] = report.warnings
    assert warning.code == "unknown_frequency" and warning.sheet == last and warning.row == 3
    assert "'ทุกเทอม'" in warning.describe("en") and "dct:accrualPeriodicity" in warning.describe("en")
    assert "ไม่ใช่ความถี่การปรับปรุงที่ abegraph รู้จัก" in warning.describe("th")
    assert _values(demo_copy, last, ABE + "updateFrequency") == {"ทุกเทอม"}  # kept as written


def test_abegraph_turtle_is_not_taken_for_a_catalogue(demo_store, tmp_path):
    from abegraph.graph.export import export

    path = tmp_path / "khonkaen.ttl"
    with path.open("wb") as out:
        export(demo_store, out, "turtle")
    assert "dcat:Dataset" in path.read_text(encoding="utf-8")
    assert read_source(path).format == "turtle"


# --- bad catalogues -------------------------------------------------------------------------------

def test_malformed_json_is_one_clear_problem():
    report = validate_files([CKAN / "malformed.json"])
    [problem] = report.errors
    assert problem.code == "ckan_json" and problem.file == "malformed.json"
    assert "line 65" in problem.describe("en") and "not valid JSON" in problem.describe("en")
    assert "ไม่ใช่ JSON ที่ถูกต้อง" in problem.describe("th")


def test_package_without_title_and_unknown_frequencies(tmp_path):
    with pytest.raises(LoadError) as caught:
        load_files(Store.open(None), [CKAN / "bad-packages.json"])
    report = caught.value.report
    [error] = report.errors
    assert (error.code, error.sheet, error.row, error.column, error.letter) == (
        "missing_value", "kk-city-school-lunch", 2, "title_th", "title")
    assert error.describe("en").startswith("bad-packages.json, sheet kk-city-school-lunch, row 2, column title_th (title)")
    assert error.describe("th").startswith("bad-packages.json, ชีต kk-city-school-lunch, แถว 2")
    warnings = {w.sheet: w for w in report.warnings}
    assert warnings["kk-out-of-school-children"].code == "unknown_frequency"
    assert warnings["kk-out-of-school-children"].value == "ทุกเทอม"
    assert warnings["kk-household-survey-children"].code == "bad_frequency_interval"
    assert "'บ่อย' is not a number of updates per เดือน" in warnings["kk-household-survey-children"].describe("en")
    # --skip-invalid loads the other two packages and rejects the untitled one
    store = Store.open(None)
    report = load_files(store, [CKAN / "bad-packages.json"], skip_invalid=True)
    assert report.accepted["datasets"] == 2
    assert [(r[1], r[2]) for r in report.rejected] == [("kk-city-school-lunch", 2)]


def test_a_list_of_package_names_is_explained():
    [problem] = validate_files([CKAN / "package-list.json"]).errors
    assert problem.code == "ckan_not_packages" and "package_search" in problem.describe("en")


def test_cli_loads_catalogues_and_refuses_bad_ones(tmp_path):
    runner = CliRunner()
    store = str(tmp_path / "store")
    for name in ("data-go-th-package-search.json", "khonkaen-catalog.ttl"):
        shutil.copy(CKAN / name, tmp_path / name)
        result = runner.invoke(main, ["--store", store, "load", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
        assert "datasets 3" in result.output
    result = runner.invoke(main, ["--store", store, "--lang", "th", "load", str(CKAN / "bad-packages.json")])
    assert result.exit_code == 1
    assert "ชีต kk-city-school-lunch, แถว 2, คอลัมน์ ชื่อชุดข้อมูล (title)" in result.output
    assert "Traceback" not in result.output
    result = runner.invoke(main, ["--store", store, "load", str(CKAN / "malformed.json")])
    assert result.exit_code == 1 and "not valid JSON" in result.output


def test_a_web_address_that_cannot_be_fetched_is_a_clear_error(tmp_path):
    with pytest.raises(FetchError, match="only http:// and https://"):
        fetch_url("ftp://data.go.th/catalog.json", tmp_path)
    # port 9 (discard) on this machine: refused at once, nothing leaves the machine
    result = CliRunner().invoke(main, ["--store", str(tmp_path / "s"), "load", "http://127.0.0.1:9/catalog.json"])
    assert result.exit_code == 1
    assert "cannot fetch http://127.0.0.1:9/catalog.json" in result.output


def test_links_that_are_not_iris_are_encoded_or_left_out(demo_copy, tmp_path):
    """A licence address with a space and a download link with <> loaded with a traceback once."""
    report = load_files(demo_copy, [CKAN / "odd-links.json"])
    assert report.ok
    assert _values(demo_copy, "kk-odd-links", "http://purl.org/dc/terms/license") == set()
    downloads = {str(r[0]) for r in demo_copy.select(
        f"SELECT ?u WHERE {{ ?d <http://www.w3.org/ns/dcat#downloadURL> ?u "
        f"FILTER(STRSTARTS(STR(?d), '{ID}dataset/kk-odd-links/')) }}")}
    assert downloads == {"https://data.example.org/students%3C2566%3E.csv"}
    result = CliRunner().invoke(main, ["--store", str(tmp_path / "store"), "validate",
                                       str(CKAN / "odd-links.json")])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
