"""Reading workbooks and CSV folders: headers, encodings, broken files, every row problem."""
from __future__ import annotations

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from abegraph.graph.terms import triples_from_quads
from abegraph.loaders.convert import convert_sources
from abegraph.loaders.sources import read_source


def _graph(path, name="t"):
    result = convert_sources([read_source(path, name)])
    assert result.report.ok, [p.describe() for p in result.report.errors]
    graph = Graph()
    for triple in triples_from_quads(result.quads[name]):
        graph.add(triple)
    return graph, result


def _without_origin(graph: Graph) -> Graph:
    from abegraph.ontology.namespace import ABE

    out = Graph()
    for s, p, o in graph:
        if p not in (ABE.sheet, ABE.row):
            out.add((s, p, o))
    return out


@pytest.mark.parametrize("twin", ["table3-cp874", "table3-utf8-bom", "table3-utf8", "filled-template.xlsx"])
def test_csv_folders_in_every_encoding_load_the_same_graph_as_the_xlsx(data_dir, twin):
    xlsx, _ = _graph(data_dir / "table3.xlsx")
    other, _ = _graph(data_dir / twin)
    # row numbers differ (the xlsx has a title row), everything else is the same graph
    assert isomorphic(_without_origin(xlsx), _without_origin(other))
    assert len(xlsx) > 100


def test_thai_headings_names_and_abbreviations_resolve(data_dir):
    from abegraph.ontology.namespace import ABE, entity_iri

    graph, _ = _graph(data_dir / "table3-cp874")
    scholarship = entity_iri("resource", "T3-R1")
    # held_by was typed as the abbreviation "อบจ.ขอนแก่น", shared_with as "สพป.ขอนแก่น เขต 1"
    assert (scholarship, ABE.heldBy, entity_iri("agency", "KKPAO")) in graph
    assert (scholarship, ABE.sharedWith, entity_iri("agency", "ESAO-KK1")) in graph
    # the seed's long Thai dimension name and the amount with thousands separators
    assert str(graph.value(scholarship, ABE.dimension)).endswith("/operations")
    assert str(graph.value(scholarship, ABE.amount)) == "1500000"
    # a cause typed by its Thai name resolves to the workbook's own issue, not the default one
    assert (entity_iri("issue", "T3"), ABE.causes, entity_iri("issue", "T1")) in graph


def test_area_codes_come_from_the_gazetteer_with_their_parents(data_dir):
    from rdflib.namespace import SKOS

    from abegraph.ontology.namespace import entity_iri

    graph, _ = _graph(data_dir / "table3.xlsx")
    chum_phae = entity_iri("area", "4005")
    labels = {str(x) for x in graph.objects(chum_phae, SKOS.prefLabel)}
    assert labels == {"ชุมแพ", "Chum Phae"}
    assert (chum_phae, SKOS.broader, entity_iri("area", "40")) in graph


def _problems(data_dir, name):
    source = read_source(data_dir / name)
    if not source.tables:
        return source.problems
    return convert_sources([source]).report.problems


@pytest.mark.parametrize("name, code, words", [
    ("protected.xlsx", "encrypted", "password"),
    ("corrupt.xlsx", "not_a_workbook", "not an .xlsx"),
    ("not-a-workbook.xlsx", "not_a_workbook", "not an .xlsx"),
    ("wrong-encoding", "bad_encoding", "UTF-8 or Thai TIS-620"),
])
def test_unreadable_files_say_what_they_are(data_dir, name, code, words):
    problems = _problems(data_dir, name)
    assert [p.code for p in problems] == [code]
    assert words in problems[0].describe("en")
    assert problems[0].describe("th") != problems[0].describe("en")


EXPECTED_BAD = {
    # (sheet, row, column, code)
    ("agencies", 3, "id", "duplicate_id"),
    ("agencies", 4, "name_th", "missing_value"),
    ("agencies", 5, "type", "not_in_vocabulary"),
    ("agencies", 5, "district", "unknown_area"),
    ("agencies", 5, "website", "bad_url"),
    ("agencies", 6, "name_th", "phone_number"),
    ("resources", 2, "amount_thb", "not_a_number"),
    ("resources", 3, "held_by", "unknown_reference"),
    ("resources", 4, "dimension", "not_in_vocabulary"),
    ("resources", 5, "name_th", "citizen_id"),
    ("resources", 6, "amount_thb", "formula"),
    ("resources", 7, "held_by", "merged_cells"),
    ("resources", 8, "held_by", "missing_value"),
    ("resources", 1, "", "unknown_column"),
    ("causes", 2, "effect", "self_cause"),
    ("causes", 3, "effect", "unknown_reference"),
    ("datasets", 1, "publisher", "missing_column"),
}


def test_every_problem_of_a_bad_workbook_is_named_by_sheet_row_and_column(data_dir):
    problems = _problems(data_dir, "bad-workshop.xlsx")
    found = {(p.sheet, p.row, p.column if p.code != "missing_column" else p.value, p.code) for p in problems}
    assert EXPECTED_BAD <= found, EXPECTED_BAD - found
    assert {p.file for p in problems} == {"bad-workshop.xlsx"}


def test_validate_names_an_id_it_suggests_and_lists_dimensions_1_to_4(tmp_path):
    """Before, ``'I99' ... ที่ใกล้เคียง: I09, โควิด-19, ...`` (a bare code among names) and the
    dimensions out of order, without the digits that name them too."""
    import shutil

    from click.testing import CliRunner

    from abegraph.cli import main
    from abegraph.demo import DEMO_CSV
    from helpers import edit_csv

    folder = tmp_path / "kk"
    shutil.copytree(DEMO_CSV, folder)

    def broken(rows):
        rows[0].update(addresses="I99", dimension="health")
        return rows

    edit_csv(folder / "resources.csv", broken)
    said = {lang: CliRunner().invoke(main, ["--lang", lang, "validate", str(folder)]).output
            for lang in ("th", "en")}
    assert "ที่ใกล้เคียง: I09 (พัฒนาการไม่สมวัย), " in said["th"], said["th"]
    assert "closest: I09 (Early childhood developmental delay), " in said["en"], said["en"]
    assert ("เลือกจาก: 1 หรือ ข้อมูล/สารสนเทศ, 2 หรือ การดำเนินงาน, 3 หรือ องค์ความรู้/ชุดความรู้/นวัตกรรม, "
            "4 หรือ นโยบาย/ทุนทางสังคม.") in said["th"]
    assert "choose one of: 1 or data, 2 or operations, 3 or knowledge, 4 or policy." in said["en"]


def test_messages_name_the_closest_candidates_and_the_fix(data_dir):
    problems = {(p.sheet, p.row, p.code): p for p in _problems(data_dir, "bad-workshop.xlsx")}
    unknown = problems[("resources", 3, "unknown_reference")]
    assert unknown.candidates[0] == "Agency one"
    assert "closest: Agency one" in unknown.describe("en")
    assert "ที่ใกล้เคียง" in unknown.describe("th")
    cid = problems[("resources", 5, "citizen_id")]
    assert "PDPA" in cid.describe("en") and "1-1014" not in cid.describe("en")  # the ID itself is not echoed
    area = problems[("agencies", 5, "unknown_area")]
    assert "4029" in area.describe("en")
    letter = problems[("resources", 2, "not_a_number")].letter
    assert letter == "G"


def test_warnings_alone_do_not_stop_a_row(data_dir):
    problems = _problems(data_dir, "bad-workshop.xlsx")
    phone = [p for p in problems if p.code == "phone_number"]
    assert phone and all(p.severity == "warning" for p in phone)


def test_header_is_found_below_title_rows_and_extra_columns_are_noted(tmp_path):
    import openpyxl

    path = tmp_path / "messy.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = " หน่วยงาน "
    ws.append(["สรุปผลโต๊ะที่ 2 การประชุม 4 ก.พ. 66"])
    ws.append([])
    ws.append(["  รหัส ", "ชื่อหน่วยงาน", "หมายเหตุ", "ชื่อย่อ"])
    ws.append(["A1", "มูลนิธิไตรสิกขา", "โน้ต", "ไตรสิกขา"])
    ws.append([None, None, None, None])
    ws.append(["A2", "  สำนักงานศึกษาธิการจังหวัดขอนแก่น\u200b ", "", ""])
    wb.save(path)
    result = convert_sources([read_source(path, "messy")])
    assert result.report.ok
    assert result.report.accepted == {"agencies": 2}
    assert [p.code for p in result.report.warnings] == ["unknown_column"]
    labels = {q.object.value for q in result.quads["messy"] if q.predicate.value.endswith("#label")}
    assert "สำนักงานศึกษาธิการจังหวัดขอนแก่น" in labels  # zero-width and spaces gone


def test_rdf_files_are_read_and_syntax_errors_located(tmp_path):
    good = tmp_path / "extra.ttl"
    good.write_text('<https://w3id.org/abegraph/id/agency/X> <http://www.w3.org/2000/01/rdf-schema#label> "ก"@th .',
                    encoding="utf-8")
    source = read_source(good)
    assert source.native and len(source.parse()) == 1 and not source.problems
    bad = tmp_path / "bad.nt"
    bad.write_text("<a> <b> .\n", encoding="utf-8")
    source = read_source(bad)
    source.parse()
    assert source.problems[0].code == "rdf_syntax" and source.problems[0].row == 1


def test_a_misspelt_sheet_is_reported_not_silently_dropped(tmp_path):
    import openpyxl

    path = tmp_path / "typo.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "agencies"
    wb.active.append(["id", "name_th"])
    wb.active.append(["A", "มูลนิธิไตรสิกขา"])
    typo = wb.create_sheet("Resourses")
    typo.append(["id", "name_th", "dimension", "held_by"])
    typo.append(["R", "หลักสูตร", "knowledge", "A"])
    wb.save(path)
    notes = wb.create_sheet("Notes")
    notes.append(["what we said"])
    notes.append(["more schools"])
    wb.save(path)
    source = read_source(path)
    problems = source.problems
    assert [(p.code, p.sheet, p.severity) for p in problems] == [("sheet_by_headings", "Resourses", "warning"),
                                                                 ("unknown_sheet", "Notes", "warning")]
    assert "read as the resources sheet" in problems[0].describe("en")
    assert [len(t.rows) for t in source.tables if t.sheet.key == "resources"] == [1]
    assert "ชีต 'Notes'" in problems[1].describe("th")


def test_rich_text_cells_read_as_their_text(data_dir, tmp_path):
    """An inline string of several runs (bold, coloured) is its runs' text, as openpyxl reads it."""
    import openpyxl
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    from abegraph.loaders.tables import read_xlsx

    plain, _ = read_xlsx(data_dir / "filled-template.xlsx")
    book = openpyxl.load_workbook(data_dir / "filled-template.xlsx")
    table = plain[0]
    row = table.rows[0]
    column = next(k for k, v in row.cells.items() if isinstance(v, str) and len(v) > 3)
    cell = book[table.name][f"{table.letters[column]}{row.number}"]
    text = cell.value
    cell.value = CellRichText(text[:2], TextBlock(InlineFont(b=True), text[2:]))
    book.save(tmp_path / "rich.xlsx")
    rich, problems = read_xlsx(tmp_path / "rich.xlsx")
    assert not [p for p in problems if p.severity == "error"]
    assert rich[0].rows[0].cells[column] == text
    assert [r.cells for r in rich[0].rows] == [r.cells for r in table.rows]
