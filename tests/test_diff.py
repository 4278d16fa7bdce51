"""abegraph diff: two rounds of the Khon Kaen workshop, the second with one agency more, one
resource fewer, a dataset no longer personal and a resource handed to another holder."""
from __future__ import annotations

import json
import shutil

import openpyxl
import pytest
from click.testing import CliRunner

from abegraph.cli import main
from abegraph.demo import DEMO_CSV
from abegraph.linking.diff import diff_sources
from abegraph.graph.store import Store
from abegraph.loaders.pipeline import load_files

from helpers import edit_csv


@pytest.fixture(scope="module")
def rounds(tmp_path_factory):
    """(store folder with round1 and round2 loaded, round 2's folder)."""
    base = tmp_path_factory.mktemp("rounds")
    round1, round2 = base / "round1", base / "round2"
    shutil.copytree(DEMO_CSV, round1)
    shutil.copytree(DEMO_CSV, round2)
    edit_csv(round2 / "agencies.csv", lambda rows: rows + [dict(rows[0], id="KKRU", name_th="มหาวิทยาลัยราชภัฏขอนแก่น",
                                                                name_en="Khon Kaen Rajabhat University",
                                                                abbreviations="มรข.", type="university", parent="")])
    edit_csv(round2 / "resources.csv", lambda rows: [dict(r, held_by="KKU") if r["id"] == "R002" else r
                                                   for r in rows if r["id"] != "R003"])
    edit_csv(round2 / "datasets.csv", lambda rows: [dict(r, personal_data="no") if r["id"] == "D01" else r for r in rows])
    path = base / "store"
    with Store.open(path) as store:
        for folder in (round1, round2):
            report = load_files(store, [folder])
            assert report.ok, [p.describe() for p in report.errors]
    return path, round2


def _find(rows, **kw):
    return [r for r in rows if all(r[k] == v for k, v in kw.items())]


def test_the_changes_between_two_rounds_are_listed(rounds):
    path, _ = rounds
    with Store.open(path) as store:
        rows = diff_sources(store, "round1", "round2")
    assert _find(rows, kind="agency", change="added", id="KKRU", name="มหาวิทยาลัยราชภัฏขอนแก่น")
    assert len(_find(rows, kind="resource", change="removed", id="R003")) == 1
    held = _find(rows, kind="resource", change="changed", id="R002", field="held_by")
    assert held and held[0]["before"] == "กองทุนเพื่อความเสมอภาคทางการศึกษา" and held[0]["after"] == "มหาวิทยาลัยขอนแก่น"
    personal = _find(rows, kind="dataset", id="D01", field="personal_data")
    assert personal[0]["before"] == "true" and personal[0]["after"] == "false"
    # R002 now links KKU with the agencies it is shared with, and no longer EEF
    added_pairs = [r["name"] for r in _find(rows, kind="sharing", change="added")]
    assert any("มหาวิทยาลัยขอนแก่น" in name for name in added_pairs)
    assert {r["kind"] for r in rows} == {"agency", "resource", "dataset", "sharing"}
    # nothing else changed: every changed row concerns R002, R003, D01 or KKRU's pairs
    assert {r["id"] for r in rows if r["kind"] != "sharing"} == {"KKRU", "R002", "R003", "D01"}


def test_a_file_is_compared_without_being_loaded(rounds):
    path, round2 = rounds
    with Store.open(path) as store:
        graphs = store.graph_names()
        from_file = diff_sources(store, "round1", str(round2))
        assert store.graph_names() == graphs
        assert from_file == diff_sources(store, "round1", "round2")


def test_cli_prints_the_table_and_writes_the_workbook(rounds, tmp_path):
    path, _ = rounds
    out = tmp_path / "changes.xlsx"
    result = CliRunner().invoke(main, ["--store", str(path), "diff", "round1", "round2", "-f", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert _find(rows, kind="agency", change="added", id="KKRU")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["สรุป", "หน่วยงาน", "ทรัพยากร", "ชุดข้อมูล", "การใช้ร่วมกัน"]
    summary = {r[0]: r[1:] for r in wb["สรุป"].iter_rows(min_row=2, values_only=True)}
    assert summary["หน่วยงาน"] == (1, 0, 0) and summary["ทรัพยากร"] == (0, 1, 1)
    assert any(r[1] == "D01" for r in wb["ชุดข้อมูล"].iter_rows(min_row=2, values_only=True))


def test_the_same_source_twice_has_no_differences(rounds):
    path, _ = rounds
    result = CliRunner().invoke(main, ["--store", str(path), "diff", "round1", "round1", "-f", "table"])
    assert result.exit_code == 0 and "No differences." in result.output


def test_an_unknown_source_names_the_loaded_ones(rounds):
    path, _ = rounds
    result = CliRunner().invoke(main, ["--store", str(path), "diff", "round1", "round9"])
    assert result.exit_code == 1
    assert "no source called 'round9'" in result.output and "round2" in result.output
    assert "Traceback" not in result.output
