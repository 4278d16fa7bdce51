"""The command line as a coordinator uses it: exit codes, messages in both languages, files."""
from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from abegraph.cli import TerminalProgress, main


@pytest.fixture
def run(store_dir):
    runner = CliRunner()

    def invoke(*args, lang="en"):
        return runner.invoke(main, ["--store", str(store_dir), "--lang", lang, *map(str, args)])

    return invoke


def test_demo_loads_and_says_what_to_try_next(run):
    result = run("demo")
    assert result.exit_code == 0, result.output
    assert "33  agencies" in result.output and "35  datasets" in result.output
    assert "abegraph --store" in result.output and "analyze opportunities" in result.output


def test_demo_in_thai(run):
    result = run("demo", lang="th")
    assert result.exit_code == 0, result.output
    assert "หน่วยงาน" in result.output and "ลองคำสั่งต่อไปนี้" in result.output


def test_load_refuses_a_bad_workbook_with_every_problem_and_exit_1(run, data_dir):
    result = run("load", data_dir / "bad-workshop.xlsx")
    assert result.exit_code == 1
    assert "bad-workshop.xlsx, sheet resources, row 3, column held_by (E)" in result.output
    assert "Nothing was loaded; the store is unchanged" in result.output
    assert "Traceback" not in result.output


def test_load_messages_in_thai(run, data_dir):
    result = run("load", data_dir / "bad-workshop.xlsx", lang="th")
    assert result.exit_code == 1
    assert "ชีต resources, แถว 3, คอลัมน์ หน่วยงานเจ้าของ (E)" in result.output
    assert "ไม่ได้นำเข้าข้อมูลใด ๆ" in result.output


def test_skip_invalid_writes_rejects(run, data_dir, tmp_path):
    rejects = tmp_path / "rejects.csv"
    result = run("load", data_dir / "bad-workshop.xlsx", "--skip-invalid", "--rejects", rejects)
    assert result.exit_code == 0, result.output
    text = rejects.read_text(encoding="utf-8-sig")
    assert text.startswith("file,sheet,row,reason")
    assert "is not a number" in text and "Thai citizen ID" in text
    assert "1-1014-00000-00-6" in text  # the user's own rows come back as they were, to be fixed


def test_rejects_without_skip_invalid_is_a_usage_error(run, data_dir, tmp_path):
    result = run("load", data_dir / "table3.xlsx", "--rejects", tmp_path / "r.csv")
    assert result.exit_code == 2 and "--rejects goes with --skip-invalid" in result.output


def test_template_filled_in_loads(run, tmp_path):
    path = tmp_path / "blank.xlsx"
    assert run("template", "-o", path).exit_code == 0
    wb = openpyxl.load_workbook(path)
    assert "ชื่อหน่วยงาน" in [c.value for c in wb["หน่วยงาน"][1]]
    validations = wb["ทรัพยากร"].data_validations.dataValidation
    assert any("lists!" in v.formula1 for v in validations)  # drop-down lists are there
    wb["หน่วยงาน"].append(["KKU", "มหาวิทยาลัยขอนแก่น", "Khon Kaen University", "มข.", "มหาวิทยาลัย"])
    wb["ทรัพยากร"].append(["R1", "ศูนย์วิจัย", "", "ด้านองค์ความรู้", "นวัตกรรม", "มข."])
    wb.save(path)
    result = run("load", path)
    assert result.exit_code == 0, result.output
    assert "resources 1" in result.output


def test_validate_reports_and_does_not_create_a_store(run, data_dir, store_dir):
    result = run("validate", data_dir / "table3-cp874")
    assert result.exit_code == 0, result.output
    assert "Valid" in result.output
    assert not store_dir.exists()
    bad = run("validate", data_dir / "bad-workshop.xlsx")
    assert bad.exit_code == 1 and "is given as its own cause" in bad.output


def test_query_saved_question_in_every_format(run):
    assert run("demo").exit_code == 0
    csv = run("query", "issues-without-resources", "--format", "csv")
    assert csv.exit_code == 0, csv.output
    assert "Children with substance-use problems" in csv.output
    data = json.loads(run("query", "root-causes", "--format", "json").output)
    assert data["head"]["vars"] == ["id", "cause", "issuesReached", "resources"]
    table = run("query", "root-causes", "--format", "table", lang="th")
    assert "ปัญหาครอบครัว" in table.output
    assert "<sparql" in run("query", "sources", "--format", "xml").output


def test_query_sparql_text_file_and_construct(run, tmp_path):
    run("demo")
    count = run("query", "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a <https://w3id.org/abegraph/ns#Agency> }")
    assert count.output.split() == ["n", "33"]
    path = tmp_path / "q.rq"
    path.write_text("CONSTRUCT { ?a ?p ?o } WHERE { ?a ?p ?o FILTER(?a = <https://w3id.org/abegraph/id/agency/EEF>) }",
                    encoding="utf-8")
    turtle = run("query", path, "--format", "turtle")
    assert turtle.exit_code == 0 and "กองทุนเพื่อความเสมอภาคทางการศึกษา" in turtle.output


def test_query_errors_are_messages(run):
    run("demo")
    result = run("query", "SELECT ?x WHERE { ?x")
    assert result.exit_code == 1 and "SPARQL syntax error" in result.output


def test_query_on_a_missing_store_says_to_load_first(run):
    result = run("query", "root-causes")
    assert result.exit_code == 1 and "load something first" in result.output


@pytest.mark.parametrize("fmt, ending", [("trig", "trig"), ("nq", "nq"), ("jsonld", "jsonld")])
def test_export_with_named_graphs_round_trips(run, tmp_path, store_dir, fmt, ending):
    from abegraph.graph.store import Store

    run("demo")
    path = tmp_path / f"backup.{ending}"
    assert run("export", "--format", fmt, "-o", path).exit_code == 0
    with Store.open(store_dir) as store:
        original = store.graph_sizes()
    restored = CliRunner().invoke(main, ["--store", str(tmp_path / "restored"), "load", str(path)])
    assert restored.exit_code == 0, restored.output
    with Store.open(tmp_path / "restored") as store:
        sizes = store.graph_sizes()
    for graph, size in original.items():
        assert sizes[graph] == size


def test_stats_json(run):
    run("demo")
    data = json.loads(run("stats", "--format", "json").output)
    assert data["agencies"] == 33 and data["resources"] == 75 and data["datasets"] == 35


@pytest.mark.parametrize("command", ["template", "validate", "load", "query", "export", "stats", "demo", "analyze", "serve", "map", "report"])
def test_every_command_has_an_example_in_its_help(command):
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0 and "Example:" in result.output


def test_analyze_sharing_json_and_saved_findings(run):
    run("demo")
    rows = json.loads(run("analyze", "sharing", "--format", "json").output)
    top = rows[0]
    assert top["section"] == "pair" and {top["agency_a_id"], top["agency_b_id"]} == {"KKPAO", "MSDHS-KK"}
    assert top["shared"] == 11
    result = run("analyze", "all", "--save", "--format", "json")
    assert result.exit_code == 0, result.output
    assert {r["analysis"] for r in json.loads(result.output)} == {
        "sharing", "brokers", "coalitions", "gaps", "causes", "opportunities", "linkage", "health"}
    saved = run("query", """PREFIX abe: <https://w3id.org/abegraph/ns#>
        SELECT ?analysis (COUNT(?f) AS ?n) WHERE { GRAPH ?g { ?f a abe:Finding ; abe:analysis ?analysis } }
        GROUP BY ?analysis ORDER BY ?analysis""", "--format", "csv")
    counts = dict(line.split(",") for line in saved.output.split()[1:])
    assert set(counts) == {"brokers", "causes", "coalitions", "gaps", "health", "linkage", "opportunities", "sharing"}
    about = run("query", """PREFIX abe: <https://w3id.org/abegraph/ns#>
        SELECT ?reason WHERE { ?f abe:analysis "opportunities" ; abe:concerns <https://w3id.org/abegraph/id/agency/TSF> ;
        <http://www.w3.org/2000/01/rdf-schema#comment> ?reason FILTER(lang(?reason) = "th") } LIMIT 1""", "--format", "csv")
    assert "มูลนิธิไตรสิกขา" in about.output
    again = run("analyze", "sharing", "--save", "--format", "json")  # a second save replaces, never adds
    assert again.exit_code == 0
    recount = run("query", """PREFIX abe: <https://w3id.org/abegraph/ns#>
        SELECT (COUNT(?f) AS ?n) WHERE { ?f abe:analysis "sharing" }""", "--format", "csv")
    assert recount.output.split()[1] == counts["sharing"]


def test_analyze_filters_and_their_mistakes(run):
    run("demo")
    rows = json.loads(run("analyze", "gaps", "--district", "4005", "--format", "json").output)
    assert rows
    wrong = run("analyze", "gaps", "--issue", "drop out", "--format", "json")
    assert wrong.exit_code == 1 and "closest" in wrong.output and "School dropout" in wrong.output
    assert "Traceback" not in wrong.output
    bad = run("analyze", "sharing", "--dimension", "money")
    assert bad.exit_code == 2 and "unknown dimension" in bad.output
    thai = run("analyze", "opportunities", "--format", "md", lang="th")
    assert thai.exit_code == 0 and "ยังไม่ได้ใช้ทรัพยากรหรือชุดข้อมูลร่วมกัน" in thai.output
    assert "do not hold or use any asset together" not in thai.output


def test_analyze_an_empty_store_gives_empty_answers(run, tmp_path, data_dir):
    wb = openpyxl.Workbook()
    wb.active.title = "issues"
    wb.active.append(["id", "name_th"])
    wb.active.append(["X1", "ประเด็นทดลอง"])
    path = tmp_path / "issues-only.xlsx"
    wb.save(path)
    assert run("load", path).exit_code == 0
    for kind in ("sharing", "brokers", "coalitions", "gaps", "causes", "opportunities", "linkage"):
        result = run("analyze", kind, "--format", "json")
        assert result.exit_code == 0, (kind, result.output)
        assert isinstance(json.loads(result.output), list)


def test_map_and_atlas_files(run, tmp_path):
    run("demo")
    path = tmp_path / "แผนที่.html"
    result = run("map", "agencies", "-o", path, lang="th")
    assert result.exit_code == 0, result.output
    assert "(33 จุด 99 เส้นเชื่อม)" in result.output and "Wrote" not in result.output  # said in Thai
    page = path.read_text(encoding="utf-8")
    assert "องค์การบริหารส่วนจังหวัดขอนแก่น" in page and "cdn" not in page.lower()
    atlas = tmp_path / "atlas.html"
    assert run("report", "-o", atlas, "--district", "4005").exit_code == 0
    assert "ชุมแพ" in atlas.read_text(encoding="utf-8") or "Chum Phae" in atlas.read_text(encoding="utf-8")
    missing = run("map", "issues", "--issue", "no such issue at all", "-o", tmp_path / "x.html")
    assert missing.exit_code == 1 and "closest" in missing.output


def test_python_dash_m_abegraph_is_the_command_line():
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "abegraph", "link", "--help"], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert "Usage: abegraph link" in result.stdout
    for verb in ("propose", "apply", "list", "remove"):
        assert verb in result.stdout


class _OnATerminal(TerminalProgress):
    """:class:`abegraph.cli.TerminalProgress` as if stderr were a terminal, drawing at once."""

    def __init__(self, lang):
        super().__init__(lang, delay=0, terminal=True)


@pytest.mark.parametrize("args, words", [
    (["analyze", "all", "--format", "json"], ["กำลังอ่านเครือข่าย", "วิเคราะห์: หน่วยงานตัวกลาง", "เสร็จ"]),
    (["map", "agencies"], ["กำลังอ่านเครือข่าย", "แผนที่: "]),
    (["report"], ["วิเคราะห์: โอกาสในการร่วมมือ", "แผนที่: ", "ตาราง"]),
])
def test_long_commands_show_progress_in_thai_on_a_terminal(run, monkeypatch, tmp_path, args, words):
    monkeypatch.setattr("abegraph.cli.TerminalProgress", _OnATerminal)
    monkeypatch.chdir(tmp_path)
    run("demo")
    result = run(*args, lang="th")
    assert result.exit_code == 0, result.output
    for word in words:
        assert word in result.stderr
    assert "analysis" not in result.stderr and "reading" not in result.stderr


def test_progress_is_not_drawn_off_a_terminal(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run("demo")
    result = run("analyze", "brokers", "--format", "json", lang="th")
    assert result.exit_code == 0 and "[" not in result.stderr and "วิเคราะห์:" not in result.stderr


def test_lang_and_store_also_work_after_the_command_name(store_dir, tmp_path):
    runner = CliRunner()
    loaded = runner.invoke(main, ["demo", "--store", str(store_dir), "--lang", "th"])
    assert loaded.exit_code == 0, loaded.output
    assert "ลองคำสั่งต่อไปนี้" in loaded.output and str(store_dir) in loaded.output
    atlas = tmp_path / "atlas.html"
    result = runner.invoke(main, ["--lang", "en", "report", "-o", str(atlas), "--lang", "th", "--store", str(store_dir)])
    assert result.exit_code == 0, result.output
    assert "เขียน" in result.output and '<html lang="th"' in atlas.read_text(encoding="utf-8")
    listed = runner.invoke(main, ["link", "list", "--store", str(store_dir), "--lang", "th"])
    assert listed.exit_code == 0 and "ยังไม่มีการจับคู่" in listed.output


def test_an_unforeseen_error_is_one_message_and_a_file_never_a_traceback(run, monkeypatch):
    from abegraph.project import Project

    def broken(self, lang="en"):
        raise ValueError("a bug nobody foresaw")

    assert run("demo").exit_code == 0
    monkeypatch.setattr(Project, "stats", broken)
    monkeypatch.delenv("ABEGRAPH_DEBUG", raising=False)
    for lang, words in (("en", "did not expect (ValueError: a bug nobody foresaw)"), ("th", "พบปัญหาที่ไม่คาดคิด")):
        result = run("stats", lang=lang)
        assert result.exit_code == 1
        assert words in result.output and "Traceback" not in result.output
        details = Path(result.output.strip().splitlines()[-1].strip())
        assert "a bug nobody foresaw" in details.read_text(encoding="utf-8") and "Traceback" in details.read_text()
        details.unlink()
