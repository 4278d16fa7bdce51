"""export --format gdc-xlsx: the workbook ckanext-thai_gdc's importer reads, checked against the
importer's own source, and read back through abegraph's CKAN reader."""
from __future__ import annotations

import csv
import json
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from abegraph.catalog.ckan import read_ckan_json
from abegraph.catalog.dcat import frequency_code
from abegraph.catalog.gdc import read_gdc_workbook, write_gdc_workbook
from abegraph.cli import main
from abegraph.demo import DEMO_CSV
from abegraph.graph.store import Store
from abegraph.loaders.pipeline import load_files
from abegraph.loaders.vocabulary import controlled_values

# What the importer reads, transcribed from ckanext-thai_gdc at commit
# ca2b7dc9e6703b13338c4d3103ecac5577482269, ckanext/thai_gdc/controllers/dataset.py
# (DatasetImportController): pd.read_excel(..., header=[3], sheet_name='Temp2_Meta_Record'), drop(0),
# then these columns by position (the importer appends data_type itself) ...
IMPORTER_RECORD = ['name', 'title', 'owner_org', 'maintainer', 'maintainer_email', 'tag_string', 'notes',
                   'objective', 'update_frequency_unit', 'update_frequency_interval', 'geo_coverage', 'data_source',
                   'data_format', 'data_category', 'license_id', 'accessible_condition', 'created_date',
                   'last_updated_date', 'url', 'data_support', 'data_collect', 'data_language']
IMPORTER_STAT = ['name', 'title', 'owner_org', 'maintainer', 'maintainer_email', 'tag_string', 'notes', 'objective',
                 'update_frequency_unit', 'update_frequency_interval', 'geo_coverage', 'data_source', 'data_format',
                 'data_category', 'license_id', 'accessible_condition', 'first_year_of_data', 'last_year_of_data',
                 'data_release_calendar', 'last_updated_date', 'disaggregate', 'unit_of_measure',
                 'unit_of_multiplier', 'calculation_method', 'standard', 'url', 'data_language']
# ... and pd.read_excel(..., header=[4], sheet_name='Temp1_Dataset'), dropping
# ['Unnamed: 0', 'Unnamed: 1', 'ชื่อชุดข้อมูล'] and naming the rest dataset_name, resource_url, description, format.
IMPORTER_TEMP1_DROPPED = [None, None, "ชื่อชุดข้อมูล"]
# closed lists: *_choices in the importer, data_category from ckan_dataset.json at the same commit
CHOICES = {
    "data_category": ['ข้อมูลสาธารณะ', 'ข้อมูลส่วนบุคคล', 'ข้อมูลความมั่นคง', 'ข้อมูลความลับทางราชการ'],
    "objective": ['ยุทธศาสตร์ชาติ', 'แผนพัฒนาเศรษฐกิจและสังคมแห่งชาติ', 'แผนความมั่นคงแห่งชาติ', 'แผนแม่บทภายใต้ยุทธศาสตร์ชาติ',
                  'แผนปฏิรูปประเทศ', 'แผนระดับที่ 3 (มติครม. 4 ธ.ค. 2560)', 'นโยบายรัฐบาล/ข้อสั่งการนายกรัฐมนตรี',
                  'มติคณะรัฐมนตรี', 'เพื่อการให้บริการประชาชน', 'กฎหมายที่เกี่ยวข้อง', 'พันธกิจหน่วยงาน',
                  'ดัชนี/ตัวชี้วัดระดับนานาชาติ', 'ไม่ทราบ'],
    "geo_coverage": ['ไม่มี', 'โลก', 'ทวีป/กลุ่มประเทศในทวีป', 'กลุ่มประเทศทางเศรษฐกิจ', 'ประเทศ', 'ภาค', 'จังหวัด', 'อำเภอ',
                     'ตำบล', 'หมู่บ้าน', 'เทศบาล/อบต.', 'พิกัด', 'ไม่ทราบ'],
    "license_id": ['License not specified', 'DGA Open Government License', 'Creative Commons Attributions',
                   'Creative Commons Attribution Share-Alike', 'Creative Commons Non-Commercial (Any)',
                   'Open Data Common', 'GNU Free Documentation License'],
    "data_language": ['', 'ไทย', 'อังกฤษ', 'จีน', 'มลายู', 'พม่า', 'ลาว', 'เขมร', 'ญี่ปุ่น', 'เกาหลี', 'ฝรั่งเศส', 'เยอรมัน',
                      'อารบิก', 'ไม่ทราบ'],
    "update_frequency_unit": ['ไม่ทราบ', 'ปี', 'ครึ่งปี', 'ไตรมาส', 'เดือน', 'สัปดาห์', 'วัน', 'วันทำการ', 'ชั่วโมง', 'นาที',
                              'ตามเวลาจริง', 'ไม่มีการปรับปรุงหลังจากการจัดเก็บข้อมูล'],
    "data_collect": ['', 'บุคคล', 'ครัวเรือน/ครอบครัว', 'บ้าน/ที่อยู่อาศัย', 'บริษัท/ห้างร้าน/สถานประกอบการ',
                     'อาคาร/สิ่งปลูกสร้าง', 'พื้นที่การเกษตร ประมง ป่าไม้', 'สัตว์และพันธุ์พืช',
                     'ขอบเขตเชิงภูมิศาสตร์หรือเชิงพื้นที่', 'แหล่งน้ำ เช่น แม่น้ำ อ่างเก็บน้ำ',
                     'เส้นทางการเดินทาง เช่น ถนน ทางรถไฟ', 'ไม่ทราบ'],
    "data_format": ['ไม่ทราบ', 'Database', 'CSV', 'XML', 'Image', 'Video', 'Audio', 'Text', 'JSON', 'HTML', 'XLS', 'PDF',
                    'RDF', 'NoSQL', 'Arc/Info Coverage', 'Shapefile', 'GeoTiff', 'GML'],
}
#: fields whose every value must be one of the closed list (the others may go to <field>_other)
STRICT = ("data_category", "objective", "geo_coverage", "license_id", "data_language")


def _rows(ws) -> list[list]:
    """The sheet as pandas' openpyxl reader sees it: trailing empty cells dropped per row."""
    rows = []
    for values in ws.iter_rows(values_only=True):
        values = list(values)
        while values and values[-1] in (None, ""):
            values.pop()
        rows.append(values)
    return rows


def concept(scheme: str, text: str):
    """The controlled concept a cell names (the reader keeps values as written: โรงเรียน = school)."""
    return controlled_values().match(scheme, text) if text else None


def _csv(name: str) -> list[dict]:
    with (DEMO_CSV / name).open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def workbook(demo_store, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("gdc") / "gdc.xlsx"
    write_gdc_workbook(demo_store, path)
    return path


def _data(ws, fields) -> list[dict]:
    return [dict(zip(fields, values)) for values in _rows(ws)[5:] if any(values)]


def test_sheets_and_heading_rows_are_where_the_importer_reads_them(workbook):
    wb = openpyxl.load_workbook(workbook)
    assert wb.sheetnames[:3] == ["Temp1_Dataset", "Temp2_Meta_Record", "Temp2_Meta_Stat"]
    for sheet, fields in (("Temp2_Meta_Record", IMPORTER_RECORD), ("Temp2_Meta_Stat", IMPORTER_STAT)):
        rows = _rows(wb[sheet])
        # columns are taken by position: exactly as many as the importer names, nothing to their right
        assert max(len(r) for r in rows) == len(fields), sheet
        # the reader skips blank lines, so none may come before the data: row 4 must stay the header
        assert all(rows[i] for i in range(5)), sheet
        assert len(rows[3]) == len(fields) and all(rows[3])  # headings, row 4
        assert rows[4] == fields  # row 5 (dropped by the importer) names the fields
        assert len(rows) > 5 and all(rows[5:])
    rows = _rows(wb["Temp1_Dataset"])
    assert max(len(r) for r in rows) == 7 and all(rows[i] for i in range(4))
    heading = rows[4]  # row 5
    assert heading[:2] == IMPORTER_TEMP1_DROPPED[:2] and heading.count("ชื่อชุดข้อมูล") == 1
    assert all(heading[2:])


def test_choice_values_come_from_the_closed_lists(workbook):
    wb = openpyxl.load_workbook(workbook)
    records = _data(wb["Temp2_Meta_Record"], IMPORTER_RECORD)
    stats = _data(wb["Temp2_Meta_Stat"], IMPORTER_STAT)
    for row in records + stats:
        for name in STRICT:
            assert (row.get(name) or "") in CHOICES[name], (row["name"], name, row.get(name))
    by_name = {r["name"]: r for r in records + stats}
    # the demo's D01 (persons, per semester, a web system) in the importer's own words
    assert (by_name["d01"]["data_collect"], by_name["d01"]["update_frequency_unit"],
            by_name["d01"]["data_format"]) == ("บุคคล", "ครึ่งปี", "Database")
    demo = _csv("datasets.csv")
    listed = sum(1 for r in records + stats for f in ("update_frequency_unit", "data_collect", "data_format")
                 if r.get(f) in CHOICES[f])
    assert listed >= 2 * len(demo)  # most values are the lists' own; the rest go to <field>_other
    assert {r["name"] for r in records} | {r["name"] for r in stats} == {d["id"].lower() for d in demo}
    # statistics: aggregated to areas; records: persons and households
    granularity = {d["id"].lower(): d["granularity"] for d in demo}
    assert all(granularity[r["name"]] not in ("person", "household") for r in stats)
    assert all(granularity[r["name"]] not in ("subdistrict", "district", "province") for r in records)


def test_personal_data_goes_as_metadata_only(workbook):
    wb = openpyxl.load_workbook(workbook)
    personal = {d["id"].lower() for d in _csv("datasets.csv") if d["personal_data"] == "yes"}
    assert personal
    records = {r["name"]: r for r in _data(wb["Temp2_Meta_Record"], IMPORTER_RECORD)}
    resources = [r[3] for r in _rows(wb["Temp1_Dataset"])[5:] if r]
    assert personal <= set(records)
    assert all(records[n]["data_category"] == "ข้อมูลส่วนบุคคล" for n in personal)
    assert not personal & set(resources)
    assert resources, "datasets with a URL and no personal data have resources"


def test_required_contact_email_is_marked_for_the_agency(workbook):
    wb = openpyxl.load_workbook(workbook)
    ws = wb["Temp2_Meta_Record"]
    column = IMPORTER_RECORD.index("maintainer_email") + 1
    cell = ws.cell(row=6, column=column)
    assert cell.value is None and cell.fill.fgColor.rgb.endswith("FFF2CC")
    assert ws.cell(row=4, column=column).value.endswith("*")
    assert ws.cell(row=6, column=IMPORTER_RECORD.index("maintainer") + 1).value


def test_round_trip_through_the_ckan_reader(workbook, tmp_path):
    """The packages the importer would create, read back by abegraph's CKAN reader, say what
    the store said for every field both carry."""
    packages = read_gdc_workbook(workbook)
    path = tmp_path / "package_search.json"
    path.write_text(json.dumps({"success": True, "result": {"count": len(packages), "results": packages}},
                               ensure_ascii=False), encoding="utf-8")
    catalog = read_ckan_json(path)
    assert not catalog.problems
    rows = {r.cells["id"]: r.cells for t in catalog.tables if t.sheet.key == "datasets" for r in t.rows}
    tags = {p["name"]: [t["name"] for t in p["tags"]] for p in packages}
    kinds = {p["name"]: p["data_type"] for p in packages}
    assert sum(k == "ข้อมูลระเบียน" for k in kinds.values()) > 10
    agencies = {a["id"]: a["name_th"] for a in _csv("agencies.csv")}
    issues = {i["id"]: i["name_th"] for i in _csv("issues.csv")}
    formats = {"web system": "database", "xlsx": "xls", "pdf": "pdf", "csv": "csv"}
    demo = _csv("datasets.csv")
    assert set(rows) == {d["id"].lower() for d in demo}
    for d in demo:
        got = rows[d["id"].lower()]
        assert got["title_th"] == d["title_th"]
        assert got["publisher"] == agencies[d["publisher"]]
        assert got.get("url", "") == d["url"]
        if kinds[d["id"].lower()] == "ข้อมูลระเบียน":  # the statistics sheet has no data_collect column
            wanted_unit = concept("granularity", d["granularity"])
            assert concept("granularity", got.get("granularity", "")) == wanted_unit, d["id"]
        want = frequency_code(d["update_frequency"])
        if want:
            assert frequency_code(got["update_frequency"]) == want, d["id"]
        else:
            assert got["update_frequency"] == d["update_frequency"], d["id"]
        assert got.get("personal_data", "") == ("yes" if d["personal_data"] == "yes" else
                                        "" if d["access"] == "restricted" else "no"), d["id"]
        if d["access"] != "on request":  # the catalogue has no category for "on request"
            assert got["access"] == ("restricted" if d["personal_data"] == "yes" else d["access"]), d["id"]
        first = d["format"].split(";")[0].strip().lower()
        if first in formats:
            assert formats[first] in got["format"].lower().split("; "), (d["id"], got["format"])
        wanted = {issues[i].replace("/", " ").replace("  ", " ") for i in d["addresses"].split(";") if i}
        assert {t.replace("/", " ") for t in tags[d["id"].lower()]} >= {w for w in wanted if "(" not in w}


def test_text_never_becomes_a_formula(tmp_path):
    folder = tmp_path / "khonkaen"
    shutil.copytree(DEMO_CSV, folder)
    path = folder / "datasets.csv"
    rows = _csv("datasets.csv")
    rows[1]["title_th"] = '=HYPERLINK("http://evil.example","คลิก")'
    rows[2]["title_th"] = "+1+cmd|' /C calc'!A0"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    store = Store.open(None)
    assert load_files(store, [folder], names=["formulas"]).ok
    out = tmp_path / "gdc.xlsx"
    write_gdc_workbook(store, out)
    with zipfile.ZipFile(out) as z:
        sheets = [z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/worksheets/")]
    assert not any("<f>" in s or "<f " in s for s in sheets)
    values = {c.value for ws in openpyxl.load_workbook(out).worksheets for row in ws.iter_rows() for c in row}
    assert rows[1]["title_th"] in values and rows[2]["title_th"] in values


def test_cli_writes_the_workbook(demo_store_path, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(demo_store_path, store)
    out = tmp_path / "new folder" / "gdc.xlsx"  # a folder that does not exist yet
    command = ["--store", str(store), "export", "--format", "gdc-xlsx"]
    result = CliRunner().invoke(main, [*command, "-o", str(out)])
    assert result.exit_code == 0, result.output
    sheets = openpyxl.load_workbook(out).sheetnames[:3]
    assert sheets == ["Temp1_Dataset", "Temp2_Meta_Record", "Temp2_Meta_Stat"]
    result = CliRunner().invoke(main, command)
    assert result.exit_code == 2 and "give -o FILE.xlsx" in result.output
