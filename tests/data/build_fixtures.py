"""Rebuild the binary test files in this folder (run: python tests/data/build_fixtures.py).

The files are committed; this script documents how each was made so they can be
checked and re-made. Each one is a workbook a coordinator could plausibly send.
"""
from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import openpyxl

from abegraph.loaders.workbook_writer import write_template

HERE = Path(__file__).parent

# a small World Café table: agencies, resources, issues and causes as typed after the workshop
TABLE3 = {
    "agencies": [
        ["id", "name_th", "name_en", "abbreviations", "type", "parent", "district", "website"],
        ["ESAO-KK1", "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาขอนแก่น เขต 1", "Khon Kaen Primary ESAO 1",
         "สพป.ขอนแก่น เขต 1; ESAO KK1", "education office", "", "4001", "https://www.kkzone1.go.th"],
        ["KKPAO", "องค์การบริหารส่วนจังหวัดขอนแก่น", "Khon Kaen PAO", "อบจ.ขอนแก่น", "local government", "", "4001", ""],
        ["TSF", "มูลนิธิไตรสิกขา", "Traisikkha Foundation", "ไตรสิกขา", "foundation", "", "", ""],
        ["ONIE-KK", "สำนักงาน กศน.จังหวัดขอนแก่น", "Khon Kaen ONIE", "กศน.ขอนแก่น", "education office", "", "4001", ""],
    ],
    "issues": [
        ["id", "name_th", "name_en", "broader", "description"],
        ["T1", "เด็กออกกลางคัน", "School dropout", "", "นักเรียนที่หลุดออกจากระบบการศึกษา"],
        ["T2", "ความยากจนของครัวเรือน", "Household poverty", "", ""],
        ["T3", "ครอบครัวแหว่งกลาง", "Skip-generation household", "", ""],
    ],
    "causes": [
        ["cause", "effect", "evidence"],
        ["T2", "T1", "กสศ. 7 สาเหตุ (46.70%)"],
        ["ครอบครัวแหว่งกลาง", "เด็กออกกลางคัน", "iSEE 3.0"],
    ],
    "resources": [
        ["id", "name_th", "name_en", "dimension", "type", "held_by", "shared_with", "addresses",
         "target_groups", "areas", "amount_thb", "description", "source"],
        ["T3-R1", "ทุนการศึกษาเด็กยากจนพิเศษ", "Scholarships for extremely poor students", "ด้านการดำเนินงาน (งบประมาณ คน หน่วยงาน องค์กร)",
         "budget", "อบจ.ขอนแก่น", "สพป.ขอนแก่น เขต 1", "T2", "poor students", "40", "1,500,000", "ทุนรายปี", "illustrative"],
        ["T3-R2", "ระบบติดตามเด็กหลุดจากระบบ", "Dropout follow-up", "1", "other", "ONIE-KK", "KKPAO; ESAO-KK1", "T1",
         "out-of-school youth", "4001;4005", "", "", "illustrative"],
        ["T3-R3", "หลักสูตรจิตศึกษา", "Mind-education curriculum", "องค์ความรู้", "curriculum", "มูลนิธิไตรสิกขา", "",
         "T3", "school age", "40", "", "นวัตกรรมการเรียนรู้", "illustrative"],
        ["T3-R4", "บันทึกความร่วมมือการศึกษาเชิงพื้นที่", "ABE memorandum of understanding", "ด้านนโยบาย /ทุนทางสังคม",
         "mou", "KKPAO", "ESAO-KK1; TSF; ONIE-KK", "T1", "", "40", "", "", "illustrative"],
    ],
}


def _fill(ws, rows, start_row=2):
    for r, row in enumerate(rows, start=start_row):
        for c, value in enumerate(row, start=1):
            if value != "":
                ws.cell(row=r, column=c, value=value)


def filled_template() -> None:
    """The blank template (Thai headings) filled in by hand: what a coordinator sends back."""
    path = HERE / "filled-template.xlsx"
    write_template(path, "th", force=True)
    wb = openpyxl.load_workbook(path)
    names = {"agencies": "หน่วยงาน", "issues": "ประเด็นปัญหา", "causes": "สาเหตุ", "resources": "ทรัพยากร"}
    for key, rows in TABLE3.items():
        _fill(wb[names[key]], rows[1:])
    wb.save(path)


def table3_twins() -> None:
    """The same table as .xlsx (English headings, a title row) and as CSV folders in three encodings."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for key, rows in TABLE3.items():
        ws = wb.create_sheet(key)
        ws.append([f"World Café table 3 — {key}"])  # a title row above the header
        for row in rows:
            ws.append([int(v) if v.isdigit() and len(v) == 4 else (v or None) for v in row])
    wb.save(HERE / "table3.xlsx")
    thai_names = {"agencies": "หน่วยงาน", "issues": "ประเด็นปัญหา", "causes": "สาเหตุ", "resources": "ทรัพยากร"}
    for folder, encoding, named in (("table3-cp874", "cp874", "th"), ("table3-utf8-bom", "utf-8-sig", "en"),
                                    ("table3-utf8", "utf-8", "en")):
        target = HERE / folder
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir()
        for key, rows in TABLE3.items():
            text = io.StringIO()
            csv.writer(text, lineterminator="\r\n").writerows(rows)
            name = thai_names[key] if named == "th" else key
            (target / f"{name}.csv").write_bytes(text.getvalue().encode(encoding))


def bad_workbook() -> None:
    """A workbook with every kind of problem the loader must name by sheet, row and column."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    ws = wb.create_sheet("agencies")
    for row in [
        ["id", "name_th", "name_en", "abbreviations", "type", "parent", "district", "website"],
        ["A1", "หน่วยงานหนึ่ง", "Agency one", "", "education office", "", "4001", ""],
        ["A1", "หน่วยงานซ้ำ", "Duplicate id", "", "university", "", "", ""],          # row 3: duplicate id
        ["A2", "", "No Thai name", "", "", "", "", ""],                              # row 4: empty required cell
        ["A3", "หน่วยงานสาม", "", "", "spaceship", "", "4099", "www.example"],     # row 5: type, area, url
        ["A4", "โทร 081-234-5678", "", "", "", "", "", ""],                          # row 6: phone (warning)
    ]:
        ws.append(row)
    ws = wb.create_sheet("resources")
    for row in [
        ["id", "name_th", "dimension", "type", "held_by", "addresses", "amount_thb", "notes"],
        ["R1", "ทุน", "operations", "budget", "A1", "I01", "ประมาณห้าแสน"],        # row 2: not a number
        ["R2", "ข้อมูล", "data", "", "Agency Onne", "I01", ""],                       # row 3: unknown reference
        ["R3", "ระบบ", "health", "", "A1", "", ""],                                  # row 4: bad dimension
        ["R4", "นักเรียน 1-1014-00000-00-6", "data", "", "A1", "", ""],              # row 5: citizen ID
        ["R5", "ทุนสอง", "operations", "budget", "A1", "", None],                    # row 6: formula
        ["R6", "ทุนสาม", "operations", "budget", "A1", "", "100"],                   # row 7-8: merged cells
        ["R7", "ทุนสี่", "operations", "budget", "A1", "", ""],
    ]:
        ws.append(row)
    ws["G6"] = "=G7*2"
    ws.merge_cells("E7:E8")
    ws = wb.create_sheet("causes")
    for row in [["cause", "effect", "evidence"], ["I01", "I01", "circular"], ["C01", "I99", ""]]:
        ws.append(row)
    ws = wb.create_sheet("datasets")
    ws.append(["id", "title_th", "link_keys"])                                        # missing column: publisher
    ws.append(["D1", "ชุดข้อมูล", "citizen_id"])
    wb.save(HERE / "bad-workshop.xlsx")


def broken_files() -> None:
    """A password-protected workbook, a corrupt one, and text saved with a workbook's name."""
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = HERE / "table3.xlsx"
    with plain.open("rb") as source, (HERE / "protected.xlsx").open("wb") as target:
        office = OOXMLFile(source)
        office.encrypt("abe2023", target)
    (HERE / "corrupt.xlsx").write_bytes(plain.read_bytes()[:2000])
    (HERE / "not-a-workbook.xlsx").write_text("id,name_th\nA1,หน่วยงาน\n", encoding="utf-8")
    latin = HERE / "wrong-encoding"
    shutil.rmtree(latin, ignore_errors=True)
    latin.mkdir()
    (latin / "agencies.csv").write_bytes("id,name_th,name_en\nA1,Éducation,Spécialisée\n".encode("cp1252"))


if __name__ == "__main__":
    filled_template()
    table3_twins()
    bad_workbook()
    broken_files()
    print("fixtures written to", HERE)
