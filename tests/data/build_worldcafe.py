"""Rebuild tests/data/worldcafe/: the Khon Kaen demo as three World Café tables typed by three
people (run: python tests/data/build_worldcafe.py).

Every table lists all 33 agencies and all 35 datasets under its own ids and its own spelling;
the 75 resources are dealt out between the tables. Table 1 types names as the demo does.
Table 2 types the Thai abbreviation where there is one (สพป.ขอนแก่น เขต 1, กสศ.), with Thai
digits and "จ." for จังหวัด, and no English. Table 3 types full names with a tone mark
dropped, spaces lost and the English name. ``truth.json`` maps every table id to the demo id,
so the tests can tell true matches from false ones. ``table4-conflicts.xlsx`` reuses table 1's
ids and disagrees with it, for the conflict report.

``nan-table1.xlsx`` and ``nan-table2.xlsx`` are two tables of one Nan workshop, loaded in one
command: each gives the same agencies its own ids (SKR-NAN and A5 are both กศน.จังหวัดน่าน)
and its resources refer to agencies by name. Table 2 types the Thai as people do: ``เเ`` (two
sara e) for ``แ`` and a tone mark before its vowel (``ท่ี`` for ``ที่``), in names and references.
A foundation's resource gives its juristic-person registration number (13 digits, first digit
0), which is public. ``nan-round2.xlsx`` comes later and refers to กศน.จังหวัดน่าน by name only.
"""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from abegraph.thai.text import is_thai
from abegraph.loaders.workbook_writer import write_workbook

HERE = Path(__file__).parent
DEMO = HERE.parent.parent / "demo" / "khonkaen"
OUT = HERE / "worldcafe"
THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def _rows(sheet: str) -> list[dict]:
    with open(DEMO / f"{sheet}.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _drop_first_tone(text: str) -> str:
    return re.sub("[\u0e48\u0e49]", "", text, count=1)


def _spelling(table: int, agency: dict) -> dict:
    """How one table typed one agency."""
    thai_abbreviations = [a.strip() for a in agency["abbreviations"].split(";") if is_thai(a)]
    if table == 1:
        return {"name_th": agency["name_th"], "name_en": agency["name_en"], "abbreviations": agency["abbreviations"]}
    if table == 2:
        name = thai_abbreviations[0] if thai_abbreviations else agency["name_th"]
        name = name.replace("จังหวัด", "จ.").translate(THAI_DIGITS)
        return {"name_th": name, "name_en": "", "abbreviations": ""}
    name = _drop_first_tone(agency["name_th"]).replace(" เขต ", " เขต")
    return {"name_th": name, "name_en": agency["name_en"], "abbreviations": ""}


def _title(table: int, title: str) -> str:
    if table == 2:
        return title.translate(THAI_DIGITS).replace(" (", "(")
    if table == 3:
        return _drop_first_tone(title)
    return title


def build() -> None:
    agencies, resources, datasets = _rows("agencies"), _rows("resources"), _rows("datasets")
    # every way the demo refers to an agency -> its demo id
    demo_id = {}
    for a in agencies:
        for name in [a["id"], a["name_th"], a["name_en"], *a["abbreviations"].split(";")]:
            if name.strip():
                demo_id[name.strip()] = a["id"]
    truth = {}
    OUT.mkdir(exist_ok=True)
    for table in (1, 2, 3):
        ids = {a["id"]: f"T{table}-A{n:02d}" for n, a in enumerate(agencies, start=1)}

        def ref(text: str) -> str:
            return ";".join(ids[demo_id[t.strip()]] for t in text.split(";") if t.strip())

        sheets = {"agencies": [], "resources": [], "datasets": []}
        for a in agencies:
            row = dict(a, id=ids[a["id"]], parent=ref(a["parent"]), **_spelling(table, a))
            sheets["agencies"].append(row)
            truth[row["id"]] = f"agency/{a['id']}"
        for n, r in enumerate(resources):
            if n % 3 == table - 1:
                row = dict(r, id=f"T{table}-{r['id']}", held_by=ref(r["held_by"]), shared_with=ref(r["shared_with"]))
                sheets["resources"].append(row)
                truth[row["id"]] = f"resource/{r['id']}"
        for d in datasets:
            row = dict(d, id=f"T{table}-{d['id']}", publisher=ref(d["publisher"]), title_th=_title(table, d["title_th"]),
                       title_en=d["title_en"] if table != 2 else "")
            sheets["datasets"].append(row)
            truth[row["id"]] = f"dataset/{d['id']}"
        if table == 1:
            sheets["issues"], sheets["causes"], sheets["areas"] = _rows("issues"), _rows("causes"), _rows("areas")
        write_workbook(OUT / f"table{table}.xlsx", sheets)
    _conflicting_table(agencies, resources, datasets)
    (OUT / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")


def _conflicting_table(agencies: list[dict], resources: list[dict], datasets: list[dict]) -> None:
    """A fourth sheet that reuses table 1's ids but disagrees with it: R001 held by KKU instead of
    EEF, D01 not personal, and EEF's id given the Thai name of another body."""
    number = {a["id"]: f"T1-A{n:02d}" for n, a in enumerate(agencies, start=1)}
    sheets = {"agencies": [{"id": number["EEF"], "name_th": "กองทุนเสมอภาค", "type": "fund"},
                           {"id": number["KKU"], "name_th": "มหาวิทยาลัยขอนแก่น", "type": "university"}],
              "resources": [dict(resources[0], id="T1-R001", held_by=number["KKU"], shared_with="")],
              "datasets": [dict(datasets[0], id="T1-D01", publisher=number["OBEC"], personal_data="no")]}
    write_workbook(OUT / "table4-conflicts.xlsx", sheets)


TWO_SARA_E = "\u0e40\u0e40"  # typed for sara ae (แ)
TONE_FIRST = "\u0e17\u0e48\u0e35"  # ท + mai ek + sara ii: ที่ with the tone mark typed first
JURISTIC = "0-55-3-560-01234-7"  # a foundation's registration number (valid check digit, first digit 0)


def _nan_workshop() -> None:
    """Two tables of one Nan workshop and a later round (see the module docstring)."""
    nan1 = {
        "agencies": [
            {"id": "SKR-NAN", "name_th": "สำนักงานส่งเสริมการเรียนรู้จังหวัดน่าน", "name_en": "Nan Provincial Learning Promotion Office",
             "abbreviations": "กศน.จังหวัดน่าน; สกร.จังหวัดน่าน", "type": "education office", "district": "5501"},
            {"id": "SCH-MCR", "name_th": "โรงเรียนแม่จริม", "name_en": "Mae Charim School", "type": "school", "district": "5502"},
            {"id": "DO-WS", "name_th": "ที่ว่าการอำเภอเวียงสา", "name_en": "Wiang Sa District Office",
             "type": "government office", "district": "5507"},
            {"id": "FDN-RN", "name_th": "มูลนิธิรักษ์น่าน", "name_en": "Rak Nan Foundation", "type": "foundation"},
        ],
        "resources": [
            {"id": "NAN1-R1", "name_th": "ศูนย์การเรียนชุมชนบนพื้นที่สูง", "dimension": "operations", "held_by": "กศน.จังหวัดน่าน",
             "shared_with": "โรงเรียนแม่จริม", "areas": "5502", "source": "โต๊ะ 1"},
            {"id": "NAN1-R2", "name_th": "ทุนการศึกษามูลนิธิรักษ์น่าน", "dimension": "operations", "held_by": "มูลนิธิรักษ์น่าน",
             "shared_with": "ที่ว่าการอำเภอเวียงสา", "amount_thb": "200000",
             "description": f"มูลนิธิรักษ์น่าน เลขทะเบียนนิติบุคคล {JURISTIC}", "source": "โต๊ะ 1"},
        ],
    }
    nan2 = {
        "agencies": [
            {"id": "A5", "name_th": "กศน.จังหวัดน่าน", "type": "education office"},
            {"id": "A6", "name_th": f"โรงเรียน{TWO_SARA_E}ม่จริม", "type": "school", "district": "5502"},
            {"id": "A7", "name_th": f"{TONE_FIRST}ว่าการอำเภอเวียงสา", "type": "government office", "district": "5507"},
        ],
        "resources": [
            {"id": "NAN2-R1", "name_th": "ข้อมูลเด็กนอกระบบการศึกษาอำเภอแม่จริม", "dimension": "data", "held_by": "กศน.จังหวัดน่าน",
             "shared_with": f"โรงเรียน{TWO_SARA_E}ม่จริม", "source": "โต๊ะ 2"},
            {"id": "NAN2-R2", "name_th": "เครือข่ายผู้นำชุมชนเวียงสา", "dimension": "policy", "held_by": f"{TONE_FIRST}ว่าการอำเภอเวียงสา",
             "shared_with": "กศน.จังหวัดน่าน; โรงเรียนแม่จริม", "source": "โต๊ะ 2"},
        ],
    }
    later = {"resources": [{"id": "NAN3-R1", "name_th": "ห้องสมุดเคลื่อนที่", "dimension": "operations",
                            "held_by": "กศน.จังหวัดน่าน", "source": "รอบ 2"}]}
    for name, sheets in (("nan-table1", nan1), ("nan-table2", nan2), ("nan-round2", later)):
        write_workbook(OUT / f"{name}.xlsx", sheets)


if __name__ == "__main__":
    build()
    _nan_workshop()
