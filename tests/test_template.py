"""The blank template as a coordinator fills it in: its drop-downs agree with the loader."""
from __future__ import annotations

import openpyxl
import pytest
from click.testing import CliRunner

from abegraph.cli import main
from abegraph.graph.store import Store
from abegraph.loaders.workbook_writer import EXAMPLE_SHEET, ISSUES_SHEET, write_template
from abegraph.loaders.pipeline import load_files, validate_files


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    path = tmp_path_factory.mktemp("template") / "template.xlsx"
    write_template(path, "th", province="40")
    return path


def _validations(ws) -> dict[str, object]:
    """First cell of each validated range -> its validation."""
    return {str(rng).split(":")[0]: v for v in ws.data_validations.dataValidation for rng in v.sqref.ranges}


def _values(wb, ref: str) -> list[str]:
    sheet, cells = ref.rsplit("!", 1)
    first, last = cells.replace("$", "").split(":")
    return [c.value for row in wb[sheet.strip("'")][f"{first}:{last}"] for c in row if c.value is not None]


def test_dimensions_are_offered_1_to_4_and_typed_digits_only_warn(template):
    wb = openpyxl.load_workbook(template)
    dimension = _validations(wb["ทรัพยากร"])["D2"]
    assert _values(wb, dimension.formula1) == ["ข้อมูล/สารสนเทศ", "การดำเนินงาน", "องค์ความรู้/ชุดความรู้/นวัตกรรม",
                                               "นโยบาย/ทุนทางสังคม"]
    assert dimension.errorStyle == "warning" and "1-4" in dimension.error
    resource_type = _validations(wb["ทรัพยากร"])["E2"]
    assert resource_type.errorStyle == "warning" and "พิมพ์ประเภทเอง" in resource_type.error


def test_agencies_come_from_the_agencies_sheet_and_districts_from_the_gazetteer(template):
    wb = openpyxl.load_workbook(template)
    resources = _validations(wb["ทรัพยากร"])
    assert resources["F2"].formula1.startswith("'หน่วยงาน'!$B$2")  # held_by: the agencies' Thai names
    assert resources["F2"].showErrorMessage is False  # a ; list: the drop-down only suggests
    district = _validations(wb["หน่วยงาน"])["G2"]
    offered = _values(wb, district.formula1)
    assert offered[:3] == ["40 ขอนแก่น", "4001 เมืองขอนแก่น", "4002 บ้านฝาง"] and len(offered) == 27
    assert district.errorStyle == "warning"


def test_the_bundled_issues_and_an_example_row_are_there(template):
    wb = openpyxl.load_workbook(template)
    issues = {row[0]: row[1] for row in wb[ISSUES_SHEET].iter_rows(min_row=2, values_only=True)}
    assert issues["I01"] == "เด็กและเยาวชนนอกระบบการศึกษา" and issues["C01"] == "ความยากจน/ครัวเรือนรายได้น้อย"
    assert len(issues) == 39 and list(issues)[0] == "I01"
    addresses = _validations(wb["ทรัพยากร"])["H2"]
    assert addresses.formula1.startswith(f"'{ISSUES_SHEET}'!$B$2")
    example = [[c for c in row if c] for row in wb[EXAMPLE_SHEET].iter_rows(values_only=True)]
    assert ["รหัส", "ชื่อทรัพยากร", "ชื่อภาษาอังกฤษ", "มิติ"] == example[example.index(["ทรัพยากร"]) + 1][:4]


def test_what_the_drop_downs_allow_loads(template, tmp_path):
    """Typed digits, a type of one's own, a district from the list and a bundled issue's id load."""
    path = tmp_path / "filled.xlsx"
    wb = openpyxl.load_workbook(template)
    wb["หน่วยงาน"].append(["A1", "หน่วยงานตัวอย่าง", None, None, "school", None, "4005 ชุมแพ"])
    wb["ทรัพยากร"].append(["R1", "ห้องสมุดชุมชน", None, "3", "ห้องสมุดเคลื่อนที่", "หน่วยงานตัวอย่าง", None, "I01; C01",
                           None, "4001 เมืองขอนแก่น; 4005"])
    wb.save(path)
    report = validate_files([path])
    assert report.ok, [p.describe() for p in report.errors]
    assert {p.code for p in report.warnings} == {"free_text_type"}  # no warning about the reference sheets
    with Store.open(None) as store:
        assert load_files(store, [path]).ok
        areas = {str(r[0]).rsplit("/", 1)[-1] for r in store.select(
            "SELECT ?a WHERE { ?x <https://w3id.org/abegraph/ns#coversArea>|<http://purl.org/dc/terms/spatial>|"
            "<https://w3id.org/abegraph/ns#district> ?a }")}
    assert {"4001", "4005"} <= areas


def test_a_code_with_the_wrong_name_is_not_taken_for_the_code(tmp_path, template):
    path = tmp_path / "wrong.xlsx"
    wb = openpyxl.load_workbook(template)
    wb["หน่วยงาน"].append(["A1", "หน่วยงานตัวอย่าง", None, None, None, None, "4005 เมืองขอนแก่น"])
    wb.save(path)
    assert {p.code for p in validate_files([path]).errors} == {"unknown_area"}


def test_template_never_overwrites_without_force(tmp_path):
    path = tmp_path / "workshop.xlsx"
    runner = CliRunner()
    assert runner.invoke(main, ["template", "-o", str(path)]).exit_code == 0
    path.write_bytes(b"filled in")
    refused = runner.invoke(main, ["--lang", "th", "template", "-o", str(path)])
    assert refused.exit_code == 1 and "เขียนทับ" in refused.output and "--force" in refused.output
    assert path.read_bytes() == b"filled in"
    assert runner.invoke(main, ["template", "-o", str(path), "--force"]).exit_code == 0
    assert openpyxl.load_workbook(path).sheetnames[0] == "คำแนะนำ (instructions)"
    bad = runner.invoke(main, ["template", "-o", str(tmp_path / "x.xlsx"), "--province", "Khon Kaen"])
    assert bad.exit_code == 2 and "2-digit" in bad.output
