"""Hostile and broken input files (issue 15): each is refused with a message in English and
Thai, or read right, never with a traceback, and the store is left as it was.

The files are made by ``tests/data/build_hostile.py``. Files that would take the machine if
read naively run in a child process with a memory cap, so a regression fails instead of
swapping the machine to death.
"""
from __future__ import annotations

import csv
import io
import json
import re
import resource
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner

from abegraph.cli import main
from abegraph.graph.store import Store
from abegraph.loaders.pipeline import validate_files
from abegraph.ontology.namespace import ABE
from abegraph.thai.personal import find_citizen_ids

HOSTILE = Path(__file__).parent / "data" / "hostile"
SMALL = Path(__file__).parent / "data" / "table3-utf8"
MEMORY_CAP = 1_500_000_000


@pytest.fixture(scope="module")
def loaded_store(tmp_path_factory) -> Path:
    """A store folder holding one small source, closed."""
    path = tmp_path_factory.mktemp("hostile") / "store"
    result = CliRunner().invoke(main, ["--store", str(path), "load", str(SMALL)])
    assert result.exit_code == 0, result.output
    return path


def sizes(path: Path) -> dict:
    with Store.open(path) as store:
        return store.graph_sizes()


def capped(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """``abegraph ARGS`` in a child process that may use at most :data:`MEMORY_CAP` bytes."""
    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))

    return subprocess.run([sys.executable, "-m", "abegraph.cli", *args], capture_output=True, text=True,
                          timeout=timeout, preexec_fn=limit)


def refused(result, *words) -> str:
    """The output of a refused command, checked for a message and no traceback."""
    output = result.output if hasattr(result, "output") else result.stdout + result.stderr
    code = result.exit_code if hasattr(result, "exit_code") else result.returncode
    assert code == 1, output
    assert "Traceback" not in output and not re.search(r"^[\w.]+(Error|Exception):", output, re.M), output
    for word in words:
        assert word in output, output
    return output


@pytest.mark.parametrize("name, english, thai", [
    ("cell-xfd1048576.xlsx", "it has a value in cell XFD1048576", "ไฟล์มีข้อมูลเกินกว่าที่ abegraph อ่านได้"),
    ("shared-strings-2m.xlsx", "more than 1,000,000 shared strings", "ไฟล์มีข้อมูลเกินกว่าที่ abegraph อ่านได้"),
    ("merged-to-the-end.xlsx", "cells A5:XFD1048576 are merged", "เซลล์ A5:XFD1048576 ถูกผสานไว้"),
    ("billion-laughs.rdf", "refers to other entities", "ไฟล์นี้ประกาศ XML entity"),
])
def test_tiny_files_that_expand_are_refused_in_bounded_memory(loaded_store, name, english, thai):
    before = sizes(loaded_store)
    for lang, words in (("en", english), ("th", thai)):
        result = capped("--store", str(loaded_store), "--lang", lang, "load", str(HOSTILE / name))
        refused(result, words)
        assert "MemoryError" not in result.stderr
    assert sizes(loaded_store) == before


@pytest.mark.parametrize("name, english, thai", [
    ("xxe.xlsx", "sheet2.xml declares a DOCTYPE", "ไฟล์นี้ประกาศ XML entity"),
    ("undefined-entity.xlsx", "damaged and cannot be read (undefined entity", "สมุดงานเสียหายบางส่วน"),
    ("malformed-xml.xlsx", "damaged and cannot be read (mismatched tag", "สมุดงานเสียหายบางส่วน"),
    ("xxe.rdf", "xxe names another file", "ไฟล์นี้ประกาศ XML entity"),
    ("csv-long-field", "a cell is longer than 131,072 characters", "อ่านข้อความ CSV ตั้งแต่บรรทัด 2 ไม่ได้"),
    ("csv-unterminated", "line 2 on: a quote mark opens a cell and is never closed", "ปิดเครื่องหมายคำพูด"),
    ("deep.json", "nested deeper than a catalogue ever is", "ไฟล์นี้ไม่ใช่ JSON ที่ถูกต้อง"),
])
def test_broken_files_get_a_message_not_a_traceback(loaded_store, name, english, thai):
    before = sizes(loaded_store)
    for lang, words in (("en", english), ("th", thai)):
        result = CliRunner().invoke(main, ["--store", str(loaded_store), "--lang", lang, "load", str(HOSTILE / name)])
        refused(result, words)
        assert result.exception is None or isinstance(result.exception, SystemExit)
    assert sizes(loaded_store) == before


def test_plain_entity_abbreviations_in_rdf_xml_still_load(tmp_path):
    result = CliRunner().invoke(main, ["--store", str(tmp_path / "s"), "load", str(HOSTILE / "entity-abbreviations.rdf")])
    assert result.exit_code == 0, result.output
    with Store.open(tmp_path / "s") as store:
        assert [str(s) for (s,) in store.select("SELECT ?s WHERE { ?s ?p 'x' }")] == ["http://example.org/x"]


def test_a_missing_file_says_no_such_file(tmp_path):
    result = CliRunner().invoke(main, ["--store", str(tmp_path / "s"), "load", str(tmp_path / "nope.xlsx")])
    output = refused(result, "nope.xlsx: there is no such file or folder")
    assert "save it as .xlsx" not in output
    th = CliRunner().invoke(main, ["--store", str(tmp_path / "s"), "--lang", "th", "load", str(tmp_path / "nope.xlsx")])
    refused(th, "ไม่พบไฟล์หรือโฟลเดอร์นี้")


# --- CKAN ------------------------------------------------------------------------------------

def test_one_page_of_package_search_warns_that_it_is_not_the_whole_catalogue(tmp_path):
    result = CliRunner().invoke(main, ["--store", str(tmp_path / "s"), "validate", str(HOSTILE / "ckan-one-page.json")])
    assert result.exit_code == 0, result.output
    assert "this answer holds 3 of the catalogue's 4,210 packages" in result.output
    th = CliRunner().invoke(main, ["--store", str(tmp_path / "s"), "--lang", "th", "validate",
                                   str(HOSTILE / "ckan-one-page.json")])
    assert "คำตอบนี้มีชุดข้อมูล 3 จาก 4,210 ชุด" in th.output


def test_ckanapi_dump_json_lines_are_read(tmp_path):
    result = CliRunner().invoke(main, ["--store", str(tmp_path / "s"), "load", str(HOSTILE / "ckan-dump.jsonl")])
    assert result.exit_code == 0, result.output
    search = json.loads((Path(__file__).parent / "data" / "ckan" / "data-go-th-package-search.json").read_text())
    with Store.open(tmp_path / "s") as store:
        rows = store.select("PREFIX dcat: <http://www.w3.org/ns/dcat#> SELECT ?d WHERE { ?d a dcat:Dataset }")
    assert len(rows) == len(search["result"]["results"]) == 3


def test_a_package_show_record_without_title_names_the_missing_field(tmp_path):
    result = CliRunner().invoke(main, ["--store", str(tmp_path / "s"), "load", str(HOSTILE / "ckan-show-untitled.json")])
    output = refused(result, "column title_th (title): this required cell is empty")
    assert "not a CKAN catalogue" not in output


# --- other sources' data ----------------------------------------------------------------------

def test_a_quad_file_may_not_replace_another_sources_graph(loaded_store):
    before = sizes(loaded_store)
    for lang, words in (("en", "would replace the graph https://w3id.org/abegraph/graph/table3-utf8, which another "
                                "source loaded"), ("th", "ไฟล์นี้จะเขียนทับกราฟ https://w3id.org/abegraph/graph/table3-utf8")):
        result = CliRunner().invoke(main, ["--store", str(loaded_store), "--lang", lang, "load",
                                           str(HOSTILE / "other-source.nq")])
        refused(result, words)
    assert sizes(loaded_store) == before


def test_a_quad_file_may_not_write_the_journal(loaded_store):
    before = sizes(loaded_store)
    result = CliRunner().invoke(main, ["--store", str(loaded_store), "load", str(HOSTILE / "into-journal.nq")])
    refused(result, "writes into the graph urn:abegraph:journal, which belongs to abegraph itself")
    with Store.open(loaded_store) as store:  # a reopen would have obeyed the journal and dropped the source
        assert store.graph_sizes() == before


def test_the_vocabulary_in_a_quad_file_is_left_out(loaded_store):
    from abegraph.loaders.pipeline import VOCABULARY_GRAPH

    before = sizes(loaded_store)
    result = CliRunner().invoke(main, ["--store", str(loaded_store), "load", str(HOSTILE / "into-vocabulary.trig")])
    assert result.exit_code == 0, result.output
    assert "the quads of the graph https://w3id.org/abegraph/graph/vocabulary were left out" in result.output
    after = sizes(loaded_store)
    assert after[VOCABULARY_GRAPH] == before[VOCABULARY_GRAPH]
    with Store.open(loaded_store) as store:
        store.drop_graphs([g for g in after if g not in before])


@pytest.mark.parametrize("name, words", [
    ("vocabulary", "the graph vocabulary, which belongs to abegraph itself"),
    ("links", "the graph links, which belongs to abegraph itself"),
    ("analysis-gaps", "the graph analysis-gaps, which belongs to abegraph itself"),
    ("my table 1", "'my table 1' cannot name a graph: use letters, digits, '-', '_' or '.', without spaces. "
                   "Fix: load it with --graph my-table-1"),
    ("a:b", "'a:b' cannot name a graph"),
    ("x/y", "'x/y' cannot name a graph"),
])
def test_a_graph_name_must_be_a_plain_name_and_not_abegraphs_own(loaded_store, name, words):
    before = sizes(loaded_store)
    result = CliRunner().invoke(main, ["--store", str(loaded_store), "load", str(SMALL), "--graph", name])
    refused(result, words)
    assert sizes(loaded_store) == before


def test_a_backup_restores_into_an_empty_store_and_loads_again(tmp_path, loaded_store):
    backup = tmp_path / "backup.trig"
    assert CliRunner().invoke(main, ["--store", str(loaded_store), "export", "--format", "trig",
                                     "-o", str(backup)]).exit_code == 0
    fresh = tmp_path / "fresh"
    for _ in range(2):
        result = CliRunner().invoke(main, ["--store", str(fresh), "load", str(backup)])
        assert result.exit_code == 0, result.output
    restored = sizes(fresh)
    for graph, size in sizes(loaded_store).items():
        assert restored[graph] == size


def test_a_quad_file_may_not_take_back_a_graph_another_source_loaded_since(tmp_path):
    store = tmp_path / "s"
    assert CliRunner().invoke(main, ["--store", str(store), "load", str(HOSTILE / "claims-a-graph.nq")]).exit_code == 0
    time.sleep(1.05)  # load times are kept to the second
    result = CliRunner().invoke(main, ["--store", str(store), "load", str(HOSTILE / "claimed-table")])
    assert result.exit_code == 0, result.output
    before = sizes(store)
    for lang, words in (("en", "would replace the graph https://w3id.org/abegraph/graph/claimed-table, which another "
                                "source loaded"), ("th", "ไฟล์นี้จะเขียนทับกราฟ https://w3id.org/abegraph/graph/claimed-table")):
        refused(CliRunner().invoke(main, ["--store", str(store), "--lang", lang, "load",
                                          str(HOSTILE / "claims-a-graph.nq")]), words)
    assert sizes(store) == before


def test_two_files_of_one_load_may_not_write_one_graph(loaded_store):
    before = sizes(loaded_store)
    for lang, words in (("en", "same-graph-b.nq: this file would load into the graph 'shared-new', like same-graph-a.nq"),
                        ("th", "ไฟล์นี้จะถูกโหลดลงกราฟ 'shared-new' ซ้ำกับ same-graph-a.nq")):
        refused(CliRunner().invoke(main, ["--store", str(loaded_store), "--lang", lang, "load",
                                          str(HOSTILE / "same-graph-a.nq"), str(HOSTILE / "same-graph-b.nq")]), words)
    assert sizes(loaded_store) == before


# --- sheets known by their headings -------------------------------------------------------------

@pytest.mark.parametrize("name", ["resources-as-sheet1.xlsx", "csv-sheet1"])
def test_a_resources_sheet_renamed_sheet1_is_read_by_its_headings(tmp_path, name):
    for lang, words in (("en", "the sheet 'Sheet1' was read as the resources sheet, from its headings"),
                        ("th", "ชีต 'Sheet1' ถูกอ่านเป็นชีต resources ตามหัวคอลัมน์")):
        result = CliRunner().invoke(main, ["--store", str(tmp_path / lang), "--lang", lang, "load", str(HOSTILE / name)])
        assert result.exit_code == 0, result.output
        assert words in result.output
        with Store.open(tmp_path / lang) as store:
            rows = store.select(f"SELECT ?r WHERE {{ ?r a <{ABE.Resource}> }}")
        assert len(rows) == 17


@pytest.mark.parametrize("name, english, thai", [
    ("resources-without-dimension.xlsx", "the sheet 'Sheet1' looks like the resources sheet but has no column "
     "dimension, which that sheet requires, so it was not read", "ชีต 'Sheet1' ดูเหมือนชีต resources แต่ไม่มีคอลัมน์ dimension"),
    ("two-resources-sheets.xlsx", "the sheet 'Sheet1' has the headings of the resources sheet, but the file has a "
     "resources sheet already", "ชีต 'Sheet1' มีหัวคอลัมน์ของชีต resources แต่ไฟล์นี้มีชีต resources อยู่แล้ว"),
    ("csv-two-resources", "csv-two-resources/Sheet1.csv, sheet Sheet1: the sheet 'Sheet1' has the headings of the "
     "resources sheet", "ชีต 'Sheet1' มีหัวคอลัมน์ของชีต resources"),
])
def test_a_sheet_that_looks_like_a_known_one_but_cannot_be_read_is_refused(loaded_store, name, english, thai):
    before = sizes(loaded_store)
    for lang, words in (("en", english), ("th", thai)):
        refused(CliRunner().invoke(main, ["--store", str(loaded_store), "--lang", lang, "load", str(HOSTILE / name)]),
                words)
    assert sizes(loaded_store) == before


# --- amounts ---------------------------------------------------------------------------------

AMOUNT_PROBLEMS = [
    (3, "'1e400' is written with an exponent", "'1e400' เขียนแบบเลขยกกำลัง"),
    (4, "'" + "9" * 40 + "…' is larger than any amount of baht abegraph adds up", "'" + "9" * 40 + "…' มากเกินกว่า"),
    (5, "'1.000,50' uses a comma as the decimal point", "'1.000,50' ใช้จุลภาคเป็นจุดทศนิยม"),
    (6, "'1,50' uses a comma as the decimal point", "'1,50' ใช้จุลภาคเป็นจุดทศนิยม"),
    (7, "'1.500.000' uses a comma as the decimal point (or points between thousands)", "'1.500.000' ใช้จุลภาค"),
]


def test_amounts_that_are_not_amounts_are_refused_and_a_good_one_reads_right(loaded_store, tmp_path):
    before = sizes(loaded_store)
    for lang, column in (("en", 0), ("th", 1)):
        output = refused(CliRunner().invoke(main, ["--store", str(loaded_store), "--lang", lang, "load",
                                                   str(HOSTILE / "amounts")]))
        for row, *words in AMOUNT_PROBLEMS:
            line = next(line for line in output.splitlines() if f" {row}, " in line and "resources.csv" in line)
            assert words[column] in line, line
        assert "9" * 41 not in output  # 10,000 digits are not printed
    assert sizes(loaded_store) == before
    store = tmp_path / "s"
    result = CliRunner().invoke(main, ["--store", str(store), "load", str(HOSTILE / "amounts"), "--skip-invalid"])
    assert result.exit_code == 0, result.output
    with Store.open(store) as opened:
        amounts = opened.select(f"SELECT ?a WHERE {{ ?r <{ABE.amount}> ?a }}")
    assert [str(a) for (a,) in amounts] == ["1500000.5"]


def test_number_cells_beyond_any_amount_are_refused(loaded_store):
    before = sizes(loaded_store)
    for lang, words in (("en", ("row 3, column amount_thb (G): '∞' is larger than any amount of baht",
                                "row 4, column amount_thb (G): '100000000000000000000' is larger")),
                        ("th", ("'∞' มากเกินกว่าจำนวนเงินที่ abegraph รวมได้",))):
        refused(CliRunner().invoke(main, ["--store", str(loaded_store), "--lang", lang, "load",
                                          str(HOSTILE / "amounts-numeric.xlsx")]), *words)
    assert sizes(loaded_store) == before


# --- personal identifiers, as stored ------------------------------------------------------------

CITIZEN_ID_EN = "holds what looks like a Thai citizen ID (3-XXXX-XXXXX-XX-8)"
CITIZEN_ID_TH = "ดูเหมือนเลขประจำตัวประชาชน (3-XXXX-XXXXX-XX-8)"


def test_a_citizen_id_is_refused_in_every_disguise_and_a_juristic_number_loads(loaded_store, tmp_path):
    """Rows 3-13 each hide 3400100123458 another way (zero-width space, soft hyphen, no-break
    spaces, double spaces, tabs, line breaks, dots, slashes, en dashes, spaced hyphens, Thai
    digits); row 2 holds a foundation's registration number, which is public."""
    before = sizes(loaded_store)
    for lang, words in (("en", "this cell holds what looks like a Thai citizen ID (3-XXXX-XXXXX-XX-8)"),
                        ("th", CITIZEN_ID_TH)):
        output = refused(CliRunner().invoke(main, ["--store", str(loaded_store), "--lang", lang, "load",
                                                   str(HOSTILE / "personal-disguised")]))
        flagged = [line for line in output.splitlines() if words in line]
        assert len(flagged) == 11 and all("description" in line or "รายละเอียด" in line for line in flagged), output
        assert not any(re.search(r"(row|แถว) 2,", line) for line in flagged)
        assert "3400100123458" not in output and "00123" not in output
    assert sizes(loaded_store) == before
    store = tmp_path / "s"
    result = CliRunner().invoke(main, ["--store", str(store), "load", str(HOSTILE / "personal-disguised"),
                                       "--skip-invalid"])
    assert result.exit_code == 0, result.output
    with Store.open(store) as opened:
        texts = [str(o) for (o,) in opened.select("SELECT ?o WHERE { ?s ?p ?o FILTER(isLiteral(?o)) }")]
    assert "เลขทะเบียนนิติบุคคล 0-99-4-000-61772-1" in texts
    assert not any(find_citizen_ids(t) for t in texts)


@pytest.mark.parametrize("name", ["personal-escapes.ttl", "personal-escapes.trig", "personal-escapes.jsonld",
                                  "personal-charrefs.rdf", "personal-thai-digits.ttl"])
def test_a_citizen_id_in_rdf_is_refused_as_the_parser_reads_it(loaded_store, name):
    before = sizes(loaded_store)
    for lang, words in (("en", f"{name}: a triple with predicate rdfs:label {CITIZEN_ID_EN}"), ("th", CITIZEN_ID_TH)):
        refused(CliRunner().invoke(main, ["--store", str(loaded_store), "--lang", lang, "load", str(HOSTILE / name)]),
                words)
    assert sizes(loaded_store) == before


@pytest.mark.parametrize("name, english, thai", [
    ("table-3-4001-00123-45-8.xlsx", "table-3-4001-00123-45-8.xlsx: the file name " + CITIZEN_ID_EN, "ชื่อไฟล์มีข้อมูล"),
    ("folder 3400100123458", "folder 3400100123458: the folder name " + CITIZEN_ID_EN, "ชื่อโฟลเดอร์มีข้อมูล"),
    ("csv-file-name", "csv-file-name/resources 3400100123458.csv: the file name in the folder " + CITIZEN_ID_EN,
     "ชื่อไฟล์ในโฟลเดอร์มีข้อมูล"),
    ("sheet-name-id.xlsx", "sheet-name-id.xlsx, sheet resources 3400100123458: the sheet name " + CITIZEN_ID_EN,
     "ชื่อชีตมีข้อมูล"),
])
def test_a_citizen_id_in_a_file_folder_or_sheet_name_is_refused(loaded_store, name, english, thai):
    before = sizes(loaded_store)
    for lang, words in (("en", english), ("th", thai + "ที่ดูเหมือนเลขประจำตัวประชาชน (3-XXXX-XXXXX-XX-8)")):
        refused(CliRunner().invoke(main, ["--store", str(loaded_store), "--lang", lang, "load", str(HOSTILE / name)]),
                words)
    assert sizes(loaded_store) == before


@pytest.mark.parametrize("options, english, thai", [
    (["--graph", "table-3-4001-00123-45-8"], "--graph " + CITIZEN_ID_EN, "ชื่อกราฟ (--graph) มีข้อมูล"),
    (["--graph", "t๓๔๐๐๑๐๐๑๒๓๔๕๘"], "--graph " + CITIZEN_ID_EN, "ชื่อกราฟ (--graph) มีข้อมูล"),
    (["--workshop", "โต๊ะ 3 4001 00123 45 8"], "--workshop " + CITIZEN_ID_EN, "ชื่อการประชุม (--workshop) มีข้อมูล"),
    (["--workshop", "ABE", "--workshop-place", "บ้านเลขที่ 3400100123458"], "--workshop-place " + CITIZEN_ID_EN,
     "สถานที่ประชุม (--workshop-place) มีข้อมูล"),
    (["--workshop", "ABE", "--workshop-date", "3400100123458"], "--workshop-date " + CITIZEN_ID_EN,
     "วันที่ประชุม (--workshop-date) มีข้อมูล"),
])
def test_a_citizen_id_given_on_the_command_line_is_refused(loaded_store, options, english, thai):
    before = sizes(loaded_store)
    for lang, words in (("en", english), ("th", thai + "ที่ดูเหมือนเลขประจำตัวประชาชน")):
        refused(CliRunner().invoke(main, ["--store", str(loaded_store), "--lang", lang, "load", str(SMALL), *options]),
                words)
    assert sizes(loaded_store) == before


def test_a_workshop_date_must_be_a_date(loaded_store):
    before = sizes(loaded_store)
    for lang, words in (("en", "--workshop-date '2566-13-01' is not a date written as YYYY-MM-DD. Fix: give the date"),
                        ("th", "--workshop-date '2566-13-01' ไม่ใช่วันที่ในรูปแบบ YYYY-MM-DD")):
        refused(CliRunner().invoke(main, ["--store", str(loaded_store), "--lang", lang, "load", str(SMALL),
                                          "--workshop", "ABE", "--workshop-date", "2566-13-01"]), words)
    assert sizes(loaded_store) == before


# --- what abegraph writes -----------------------------------------------------------------------

def _cells(path: Path) -> list[str]:
    """Every cell of a workbook, read from its XML (so nothing is hidden by a reader), after
    checking that every part is well-formed XML and that no cell holds a formula."""
    texts = []
    with zipfile.ZipFile(path) as book:
        for name in book.namelist():
            if name.endswith(".xml"):
                root = ElementTree.fromstring(book.read(name))  # raises on a character XML forbids
                assert not [e for e in root.iter() if e.tag.endswith("}f")], f"a formula in {name}"
                texts += [e.text or "" for e in root.iter() if e.tag.endswith(("}t", "}v"))]
    return texts


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_rejects_holding_control_characters_are_written_cleanly(tmp_path, suffix):
    rejects = tmp_path / f"r{suffix}"
    result = CliRunner().invoke(main, ["--store", str(tmp_path / "s"), "load", str(HOSTILE / "rejects-control-chars"),
                                       "--skip-invalid", "--rejects", str(rejects)])
    assert result.exit_code == 0, result.output
    assert "1 rejected row(s) written to" in result.output
    texts = _cells(rejects) if suffix == ".xlsx" else [rejects.read_text(encoding="utf-8-sig")]
    assert any("H-R9" in t for t in texts)
    assert not any(re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", t) for t in texts)


def test_rejects_that_cannot_be_written_stop_the_load_before_it_writes(loaded_store, tmp_path):
    (tmp_path / "file").write_text("")
    before = sizes(loaded_store)
    for lang, words in (("en", "a part of the path is a file, not a folder"), ("th", "ส่วนหนึ่งของที่อยู่เป็นไฟล์")):
        refused(CliRunner().invoke(main, ["--store", str(loaded_store), "--lang", lang, "load",
                                          str(HOSTILE / "rejects-control-chars"), "--skip-invalid",
                                          "--rejects", str(tmp_path / "file" / "sub" / "r.xlsx")]), words)
    assert sizes(loaded_store) == before


@pytest.fixture(scope="module")
def formula_store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("formulas") / "store"
    result = CliRunner().invoke(main, ["--store", str(path), "load", str(HOSTILE / "formulas-round1"),
                                       str(HOSTILE / "formulas-round2")])
    assert result.exit_code == 0, result.output
    return path


FORMULAS = ('=HYPERLINK("http://evil.example/x","คลิกที่นี่")', "=cmd|' /C calc'!A0", "=1+1")


def test_the_link_review_workbook_holds_text_not_formulas(formula_store, tmp_path):
    review = tmp_path / "review.xlsx"
    result = CliRunner().invoke(main, ["--store", str(formula_store), "link", "propose", "--headings", "en",
                                       "-o", str(review)])
    assert result.exit_code == 0, result.output
    texts = _cells(review)  # the names of the proposed pair, and of the conflict, as text cells
    assert FORMULAS[1] in texts and "-2+3" in texts
    assert any(FORMULAS[0] in t and FORMULAS[2] not in t for t in texts)


def test_the_diff_workbook_and_csv_hold_text_not_formulas(formula_store, tmp_path):
    workbook = tmp_path / "diff.xlsx"
    result = CliRunner().invoke(main, ["--store", str(formula_store), "diff", "formulas-round1", "formulas-round2",
                                       "-o", str(workbook)])
    assert result.exit_code == 0, result.output
    assert all(formula in _cells(workbook) for formula in FORMULAS[0::2])
    result = CliRunner().invoke(main, ["--store", str(formula_store), "diff", "formulas-round1", "formulas-round2",
                                       "--format", "csv"])
    rows = list(csv.reader(io.StringIO(result.output.lstrip("\ufeff"))))
    cells = [cell for row in rows for cell in row]
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells), cells
    assert "'" + FORMULAS[2] in cells


def test_rejects_and_analysis_csv_hold_text_not_formulas(formula_store, tmp_path):
    rejects = tmp_path / "r.csv"
    result = CliRunner().invoke(main, ["--store", str(tmp_path / "s"), "load", str(HOSTILE / "formulas-round1"),
                                       "--graph", "other", "--skip-invalid", "--rejects", str(rejects)])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(main, ["--store", str(formula_store), "analyze", "brokers", "--format", "csv"])
    assert result.exit_code == 0, result.output
    for text in (rejects.read_text(encoding="utf-8-sig"), result.output):
        cells = [cell for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))) for cell in row]
        assert not any(cell.startswith(("=", "+", "-", "@", "\t")) for cell in cells), cells


@pytest.mark.parametrize("name", ["bad-type.jsonld", "billion-laughs.rdf"])
def test_validate_says_a_parsed_file_s_syntax_error_once(name):
    """A JSON-LD or RDF/XML file is parsed when it is read; validate said its error twice."""
    report = validate_files([HOSTILE / name])
    assert len(report.errors) == 1, [p.describe("en") for p in report.errors]
