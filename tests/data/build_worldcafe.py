"""Rebuild tests/data/worldcafe/: the Khon Kaen demo as three World Café tables typed by three
people (run: python tests/data/build_worldcafe.py).

Every table lists all 33 agencies and all 35 datasets under its own ids and its own spelling;
the 75 resources are dealt out between the tables. Table 1 types names as the demo does.
Table 2 types the Thai abbreviation where there is one (สพป.ขอนแก่น เขต 1, กสศ.), with Thai
digits and "จ." for จังหวัด, and no English. Table 3 types full names with a tone mark
dropped, spaces lost and the English name. ``truth.json`` maps every table id to the demo id,
so the tests can tell true matches from false ones. ``table4-conflicts.xlsx`` reuses table 1's
ids and disagrees with it, for the conflict report.
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

if __name__ == "__main__":
    build()
