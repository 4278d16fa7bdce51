"""What people read of an analysis: terminal tables, CSV and workbooks, in Thai and English."""
from __future__ import annotations

import io
import re
import zipfile

import openpyxl
import pytest
from click.testing import CliRunner

from abegraph.cli import main
from abegraph.formats import display_width, readable_number, save_sections, write_rows, write_table
from abegraph.network.analyses import run_all
from abegraph.network.columns import COLUMNS, SECTIONS, readable
from helpers import edit_csv

THAI = re.compile("[\u0e00-\u0e7f]")


def _starts(line: str, text: str) -> int:
    """The terminal column where ``text`` starts on ``line``."""
    return display_width(line[:line.index(text)])


def test_thai_text_aligns_in_terminal_tables():
    long_name = "สำนักงานส่งเสริมการศึกษานอกระบบและการศึกษาตามอัธยาศัยจังหวัดขอนแก่น ทุกอำเภอทั่วจังหวัด"
    rows = [{"agency": "ขอนแก่น\u200b", "note": "n1"}, {"agency": long_name, "note": "n2"},
            {"agency": "น้ำพอง", "note": "n3"}]
    out = io.StringIO()
    write_rows(rows, out, "table")
    lines = out.getvalue().splitlines()
    columns = {_starts(line, mark) for line in lines for mark in ("note", "n1", "n2", "n3") if mark in line}
    assert len(columns) == 1, out.getvalue()  # the second column starts at one place on every line
    assert max(display_width(line) for line in lines) < display_width(long_name) + 10  # long cells wrap


def test_csv_has_a_bom_and_no_cell_starts_a_formula():
    out = io.StringIO()
    write_table(["ชื่อ", "จำนวน"], [["=HYPERLINK(\"http://evil\",\"x\")", -3], ["@SUM(A1)", 2.5], ["+1", 0]],
                out, "csv")
    text = out.getvalue()
    assert text.startswith("\ufeffชื่อ,จำนวน\n")
    cells = [line.split(",")[0] for line in text.splitlines()[1:]]
    assert all(cell.lstrip('"').startswith("'") for cell in cells), cells
    assert text.splitlines()[1].endswith(",-3")  # numbers stay numbers


def test_a_workbook_never_holds_a_formula_made_from_text(tmp_path):
    rows = [{"section": "unshared", "agency_id": "=CMD|' /C calc'!A0", "agency": "=1+1", "assets": 2,
             "by_dimension": {"data": 2}}]
    path = tmp_path / "out.xlsx"
    save_sections(readable(rows, "en", analysis="sharing"), path)
    with zipfile.ZipFile(path) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "<f " not in sheet
    ws = openpyxl.load_workbook(path).worksheets[0]
    assert ws["B2"].value == "=1+1" and ws["B2"].data_type == "s" and ws["C2"].value == 2


def test_every_heading_and_section_has_both_languages():
    for key, (en, th) in COLUMNS.items():
        assert en and THAI.search(th), key
    # sheet names are unique in each workbook: `analyze all` holds every analysis, `diff -o` the diff
    for workbook in ({k: v for k, v in SECTIONS.items() if k[0] != "diff"},
                     {k: v for k, v in SECTIONS.items() if k[0] == "diff"}):
        for names in ([entry[3] for entry in workbook.values()], [entry[2] for entry in workbook.values()]):
            assert all(len(n) <= 31 for n in names) and len({n.lower() for n in names}) == len(names), names


@pytest.fixture(scope="module")
def all_rows(demo_store):
    return {lang: run_all(demo_store, lang=lang) for lang in ("th", "en")}


@pytest.mark.parametrize("lang", ["th", "en"])
def test_every_column_of_every_analysis_is_in_the_table_with_one_heading(all_rows, lang):
    for part in readable(all_rows[lang], lang):
        assert (part.analysis, part.section) in SECTIONS
        missing = [k for k, h in zip(part.keys, part.headings) if h == k]
        assert not missing, (part.analysis, part.section, missing)
        assert len(set(part.headings)) == len(part.headings), (part.analysis, part.section, part.headings)


def test_thai_tables_have_no_english_headings_codes_or_raw_values(all_rows):
    out = io.StringIO()
    from abegraph.formats import write_sections

    sections = readable(all_rows["th"], "th")
    write_sections(sections, out, "table", "th")
    text = out.getvalue()
    for part in sections:
        assert THAI.search(part.title)
        assert all(THAI.search(h) for h in part.headings), part.headings
        for row in part.cells:
            for value in row:
                if isinstance(value, str):
                    assert not re.search(r"\b(True|False|through_cause|all_keys|non_personal_keys|unweighted|"
                                         r"intermediate|symptom|operations|knowledge|school|province|citizen_id|"
                                         r"children-with-disabilities)\b", value), (part.section, value)
    assert "{'" not in text and "'data':" not in text
    assert "Nothing addresses it" not in text  # the English sentence is not shown in Thai


def _run(store_path, *args, lang="en"):
    result = CliRunner().invoke(main, ["--store", str(store_path), "--lang", lang, *map(str, args)])
    assert result.exit_code == 0, result.output
    return result


def test_analyze_csv_starts_with_a_bom_for_excel(demo_store_path, tmp_path):
    path = tmp_path / "gaps.csv"
    _run(demo_store_path, "analyze", "gaps", "--format", "csv", "-o", path, lang="th")
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    header = data.decode("utf-8-sig").splitlines()[0]
    assert header.startswith("หัวข้อ,รหัสประเด็น,ประเด็น") and "issue_id" not in header


def test_analyze_xlsx_writes_one_sheet_per_section_in_the_chosen_language(demo_store_path, tmp_path):
    path = tmp_path / "ผลการวิเคราะห์.xlsx"
    _run(demo_store_path, "analyze", "all", "-o", path, lang="th")
    wb = openpyxl.load_workbook(path)
    assert len(wb.sheetnames) == len([k for k in SECTIONS if k[0] != "diff"])
    assert wb.sheetnames[:3] == ["คู่ที่ใช้ร่วมกัน", "ยังไม่ใช้ร่วม", "หน่วยงานตัวกลาง"]
    ws = wb["ยังไม่มีทรัพยากร"]
    assert [c.value for c in ws[1]][:3] == ["ประเภท", "รหัส", "ชื่อ"]
    assert any(row[3] == "ยังไม่มี" for row in ws.iter_rows(min_row=2, values_only=True))
    english = tmp_path / "brokers.xlsx"
    _run(demo_store_path, "analyze", "brokers", "--format", "xlsx", "-o", english)
    wb = openpyxl.load_workbook(english)
    assert wb.sheetnames == ["Brokers", "Single points", "Measures"]
    assert isinstance(wb["Brokers"]["E2"].value, float)  # numbers stay numbers


def _csv_column(text: str, heading: str) -> list[str]:
    import csv

    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    return [row[rows[0].index(heading)] for row in rows[1:] if row[rows[0].index(heading)]]


@pytest.mark.parametrize("lang, heading, none", [("th", "ทรัพยากรที่ทำงานกับความสัมพันธ์ในวงจร", "ไม่มี"),
                                                 ("en", "Assets acting on its links", "none")])
def test_the_assets_on_a_loops_links_are_named_and_none_is_said(demo_store_path, lang, heading, none):
    """Before, the loops' column showed Python lists: ``C01 → I02 ['D05', 'D06', ...]``, ``C15 → I14 []``."""
    table = _run(demo_store_path, "analyze", "causes", "--format", "table", lang=lang).stdout
    assert "['" not in table and "[]" not in table
    cells = _csv_column(_run(demo_store_path, "analyze", "all", "--format", "csv", lang=lang).stdout, heading)
    assert cells and not any("[" in cell for cell in cells)
    first = cells[0].splitlines()
    assert first[0].startswith("C01 → I02: ") and re.search(r"[^\s:;] \(D05\)", first[0]), first  # name (id)
    assert f"C15 → I14: {none}" in [line for cell in cells for line in cell.splitlines()]


_BARE_CODE = re.compile(r"^(?:[A-Z]{1,3}\d+|\d{4})$")


@pytest.mark.parametrize("analysis, headings", [
    ("gaps", ["ทรัพยากร"]),
    ("opportunities", ["อำเภอร่วม", "ประเด็นที่ทั้งคู่ส่งผลถึงผ่านสาเหตุ", "ประเด็นร่วม",
                       "ประเด็นของหน่วยงานที่ทรัพยากรนี้ช่วยได้"])])
def test_one_analysis_names_every_code_as_the_workbook_of_all_does(demo_store_path, analysis, headings):
    """Before, ``analyze gaps`` or ``analyze opportunities`` alone (table, CSV, Markdown) showed
    ``D05; D06``, ``4001; 4005`` and some issues bare (``C15; I08``): only ids some row of the
    same output named were named, so ``analyze all`` named them and one analysis did not."""
    text = _run(demo_store_path, "analyze", analysis, "--format", "csv", lang="th").stdout
    for heading in headings:
        cells = _csv_column(text, heading)
        parts = [part for cell in cells for part in cell.split("; ")]
        assert parts and not [p for p in parts if _BARE_CODE.match(p)], (heading, cells[:3])
    md = _run(demo_store_path, "analyze", "opportunities", "--format", "md", lang="th").stdout
    assert "เมืองขอนแก่น (4001)" in md and "; 4001" not in md and "| 4001" not in md


def test_analyze_xlsx_needs_a_file_name(demo_store_path):
    result = CliRunner().invoke(main, ["--store", str(demo_store_path), "analyze", "gaps", "--format", "xlsx"])
    assert result.exit_code == 2 and "-o FILE.xlsx" in result.output


def test_thai_stats_list_dimensions_in_workshop_order(demo_store_path):
    text = _run(demo_store_path, "stats", lang="th").output
    order = [text.index(name) for name in ("ข้อมูล/สารสนเทศ", "การดำเนินงาน", "องค์ความรู้", "นโยบาย")]
    assert order == sorted(order)
    assert "จำนวนทริเปิลในแต่ละกราฟ" in text


def test_thai_query_tables_head_saved_questions_in_thai_and_keep_sparql_formats_exact(demo_store_path):
    table = _run(demo_store_path, "query", "resources-for-issue", "--format", "table", lang="th").output
    assert table.splitlines()[0].split() == ["ประเด็น", "แก้อย่างไร", "ผ่านสาเหตุ", "ทรัพยากร", "หน่วยงานเจ้าของ"]
    assert "โดยตรง" in table and "direct" not in table
    joins = _run(demo_store_path, "query", "joinable-datasets", "--format", "md", lang="th").output
    assert joins.startswith("| คีย์เชื่อมโยง | ชุดข้อมูล ก |") and "| ใช่ |" in joins and "| yes |" not in joins
    csv_text = _run(demo_store_path, "query", "root-causes", "--format", "csv", lang="th").output
    assert csv_text.splitlines()[0] == "id,cause,issuesReached,resources"  # W3C SPARQL CSV: no BOM, no renaming
    listing = _run(demo_store_path, "query", "--list", lang="th").output
    assert listing.split()[:2] == ["ชื่อ", "คำถาม"]
    assert _run(demo_store_path, "query", "ASK { ?s ?p ?o }", "--format", "table", lang="th").output.strip() == "ใช่"


def test_every_saved_question_has_thai_headings_for_its_columns():
    from abegraph.graph.questions import questions
    from abegraph.graph.store import Store

    store = Store.open(None)
    for q in questions().values():
        variables = [v.value for v in store.query(q.sparql_for("th")).variables]
        assert set(q.headings("th")) == set(variables), q.name
        assert all(THAI.search(h) for h in q.headings("th").values()), q.name


@pytest.mark.parametrize("value, shown", [(0.00001, "<0.001"), (-0.00002, ">-0.001"), (999.7, "1,000"),
                                          (0.071168, "0.0712"), (12.0, "12")])
def test_tiny_and_nearly_round_numbers_read_as_numbers(value, shown):
    """A share of 0.00001 printed as "0." and 999.7 as "1e+03" before."""
    assert readable_number(value) == shown


# ---- Thai mode, every output people read (issue 12) -----------------------------------------------

#: English words a Thai reader may see: proper names of the methods, and the letters of formulas
#: (n agencies, m ties) and of loop names (R1 reinforcing, B1 balancing)
PROPER_NAMES = {"Louvain", "Jaccard", "Adamic", "Adar", "Freeman", "Burt", "Borgatti", "n", "m", "R", "B"}
_IRI = re.compile(r"(?:https?|urn|file):\S+")
_WORD = re.compile(r"[A-Za-z]+")


@pytest.fixture(scope="module")
def data_words(demo_store):
    """The ASCII words of the data itself, as Thai mode shows it: ids, Thai names and the
    sources' own texts (iSEE, "Proxy Means Test", "ABE Khon Kaen workshop"), and the Thai
    labels of the bundled vocabulary ("รหัส G (G-code)")."""
    words = set(PROPER_NAMES)
    query = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
               SELECT ?s ?o WHERE { GRAPH ?g { ?s ?p ?o }  # abbreviations in any language ("Khon Kaen PAO")
               FILTER(!isLiteral(?o) || lang(?o) != "en" || ?p = skos:altLabel)
               FILTER(?g != <https://w3id.org/abegraph/graph/vocabulary> || lang(?o) = "th") }"""
    for s, o in demo_store.select(query):
        words |= set(_WORD.findall(str(s).rsplit("/", 1)[-1]))
        words |= set(_WORD.findall(str(o).rsplit("/", 1)[-1] if str(o).startswith("http") else str(o)))
    return words


def _english(texts, allowed) -> dict[str, str]:
    """English word -> the first text it was seen in, for the words not in ``allowed``."""
    found = {}
    for text in texts:
        for word in _WORD.findall(_IRI.sub(" ", str(text))):
            if word not in allowed:
                found.setdefault(word, str(text)[:120])
    return found


def _workbook_texts(path):
    wb = openpyxl.load_workbook(path)
    for ws in wb:
        yield ws.title
        for row in ws.iter_rows(values_only=True):
            yield from (v for v in row if isinstance(v, str))


@pytest.fixture(scope="module")
def second_round(tmp_path_factory):
    """The demo as a second round records it: a new agency, a resource gone, one resource of
    another dimension and type, one dataset no longer personal and at another level."""
    import shutil

    from abegraph.demo import DEMO_CSV

    folder = tmp_path_factory.mktemp("thai") / "khonkaen-round2"
    shutil.copytree(DEMO_CSV, folder)

    def edit(name, change):
        edit_csv(folder / f"{name}.csv", change)

    def resources(rows):
        for r in rows:
            if r["id"] == "R002":
                r.update(dimension="policy", type="mou", shared_with="")
        return [r for r in rows if r["id"] != "R070"]

    def datasets(rows):
        for r in rows:
            if r["id"] == "D01":
                r.update(personal_data="no", granularity="school", access="open")
        return rows

    edit("resources", resources)
    edit("datasets", datasets)
    edit("agencies", lambda rows: rows + [{**rows[0], "id": "KKU2", "name_th": "มูลนิธิใหม่",
                                           "name_en": "New", "abbreviations": "", "type": "foundation",
                                           "parent": ""}])
    return folder


@pytest.mark.parametrize("fmt", ["table", "md", "csv", "xlsx"])
def test_thai_mode_leaves_no_english_words_in_what_people_read(demo_store_path, data_words, second_round,
                                                               tmp_path, fmt):
    """Every analysis, the diff (with --health) and the saved questions, in each format for
    people: no English heading, code, method or count words, only the data's own words.
    Before, health's based_on ("99 of 528 pairs") and methods, the brokers' articulation-point
    method, health's figure codes, target-group slugs and the whole diff were English."""
    texts: list[str] = []
    if fmt == "xlsx":
        analysis, changes = tmp_path / "analysis.xlsx", tmp_path / "diff.xlsx"
        _run(demo_store_path, "analyze", "all", "-o", analysis, lang="th")
        _run(demo_store_path, "diff", "khonkaen-demo", second_round, "--health", "-f", "json", "-o", changes,
             lang="th")
        texts += list(_workbook_texts(analysis)) + list(_workbook_texts(changes))
    else:
        texts += _run(demo_store_path, "analyze", "all", "--format", fmt, lang="th").stdout.splitlines()
        diff = _run(demo_store_path, "diff", "khonkaen-demo", second_round, "--health", "--format", fmt,
                    lang="th")
        assert "มูลนิธิใหม่" in diff.stdout and "นโยบาย" in diff.stdout and "ไม่ใช่" in diff.stdout
        texts += diff.stdout.splitlines()
    if fmt in ("table", "md"):  # the saved questions' CSV is W3C SPARQL CSV, kept exact
        from abegraph.graph.questions import questions

        for name in questions():
            texts += _run(demo_store_path, "query", name, "--format", fmt, lang="th").stdout.splitlines()
        texts += _run(demo_store_path, "stats", lang="th").stdout.splitlines()
    assert texts
    assert _english(texts, data_words) == {}


def test_thai_messages_of_the_command_line(demo_store_path, tmp_path):
    """Files written and failures are said in Thai too ("Wrote ...", "Error: ..." before)."""
    out = _run(demo_store_path, "map", "agencies", "-o", tmp_path / "m.html", lang="th").output
    assert out.startswith("เขียน ") and "จุด" in out
    failed = CliRunner().invoke(main, ["--store", str(demo_store_path), "--lang", "th", "diff",
                                       "khonkaen-demo", "no-such-round"])
    assert failed.exit_code == 1 and failed.output.startswith("ข้อผิดพลาด: ") and "Error" not in failed.output


def test_thai_review_workbook_names_kinds_and_decisions_in_thai(tmp_path):
    from abegraph.linking.matching import Proposal
    from abegraph.linking.review import read_review, write_review

    a, b = "https://w3id.org/abegraph/id/agency/A", "https://w3id.org/abegraph/id/agency/B"
    proposals = [Proposal(a, b, "agency", 0.99, True, ())]
    path = tmp_path / "review.xlsx"
    write_review(path, proposals, names={a: "ก", b: "ข"}, sources={a: "t1", b: "t2"}, lang="th")
    row = next(openpyxl.load_workbook(path)["การจับคู่"].iter_rows(min_row=2, values_only=True))
    assert row[:3] == ("ยอมรับ", 0.99, "หน่วยงาน")  # "accept", "agency" before
    assert [d.decision for d in read_review(path, known={a: "agency", b: "agency"})] == ["accept"]


def test_thai_rejects_workbook_has_no_english_words(data_dir, tmp_path):
    path = tmp_path / "r.xlsx"
    result = CliRunner().invoke(main, ["--store", str(tmp_path / "s"), "--lang", "th", "load",
                                       "--skip-invalid", "--rejects", str(path),
                                       str(data_dir / "bad-workshop.xlsx")])
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(path)
    reasons = [row[0] for ws in wb for row in ws.iter_rows(min_row=2, values_only=True)]
    # the cells typed in English are the user's own ('spaceship', 'Agency Onne', 'www.example')
    typed = {w for ws in wb for row in ws.iter_rows(values_only=True) for v in row[1:] if isinstance(v, str)
             for w in _WORD.findall(v)}
    masked = {"X" * n for n in range(1, 6)}  # the hidden digits of a refused citizen ID: 1-XXXX-XXXXX-XX-6
    assert _english(reasons, typed | masked | {"abegraph", "https", "http", "citizen_id", "citizen", "id"}) == {}
    # the allowed values and the closest names are given in Thai
    # the dimensions in the workshop's order, each with the digit that also names it (they came
    # out of order, without the digits: "เลือกจาก: ข้อมูล/สารสนเทศ, องค์ความรู้/…, การดำเนินงาน, …")
    assert any("เลือกจาก: 1 หรือ ข้อมูล/สารสนเทศ, 2 หรือ การดำเนินงาน, "
               "3 หรือ องค์ความรู้/ชุดความรู้/นวัตกรรม, 4 หรือ นโยบาย/ทุนทางสังคม" in r for r in reasons), reasons
    assert any("ที่ใกล้เคียง: หน่วยงานหนึ่ง" in r for r in reasons)
