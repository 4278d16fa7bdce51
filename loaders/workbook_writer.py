"""Write workbooks: the blank template, the demo as a workbook, and rejects files.

The template has one sheet per contract sheet with its headings (Thai, or English with
``lang="en"``), a bilingual instructions sheet, and drop-down lists for every controlled
value (kept on a hidden ``lists`` sheet). Cells that take a ``;``-separated list offer
the drop-down as a suggestion and accept any text.

Example
-------
>>> import tempfile, openpyxl
>>> from pathlib import Path
>>> from abegraph.loaders.workbook_writer import write_template
>>> path = Path(tempfile.mkdtemp()) / "template.xlsx"
>>> write_template(path)
>>> openpyxl.load_workbook(path).sheetnames[:3]
['คำแนะนำ (instructions)', 'หน่วยงาน', 'ทรัพยากร']
"""
from __future__ import annotations

import csv
import os
from pathlib import Path

from rdflib.namespace import SKOS

from abegraph.thai.gazetteer import districts, lookup_area

from ..formats import set_cell, sheet_name, spreadsheet_text
from ..ontology import vocabulary_store
from ..ontology.namespace import ABE
from .problems import row_reasons
from .schema import SHEETS, Sheet
from .tables import column_letter
from .vocabulary import controlled_values

__all__ = ["write_template", "write_workbook", "write_rejects", "sheet_title", "heading", "ISSUES_SHEET",
           "EXAMPLE_SHEET"]

_LISTS_SHEET = "lists"
#: the template's reference sheets, which the loader skips
ISSUES_SHEET = "ประเด็นในระบบ (bundled issues)"
EXAMPLE_SHEET = "ตัวอย่าง (example)"
_REQUIRED_FILL = "FFF2CC"
_HEADER_FILL = "DDEBF7"
_ROWS = 2000

#: one filled-in row per sheet, for the example sheet (from the Khon Kaen demo)
_EXAMPLES = {
    "agencies": {"id": "ESAO-KK1", "name_th": "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาขอนแก่น เขต 1",
                 "name_en": "Khon Kaen Primary Educational Service Area Office 1", "abbreviations": "สพป.ขอนแก่น เขต 1",
                 "type": "education office", "parent": "OBEC", "district": "4001", "website": ""},
    "resources": {"id": "R002", "name_th": "ข้อมูลคัดกรองนักเรียนยากจนและยากจนพิเศษ (แบบ นร.01)",
                  "name_en": "CCT poverty screening records", "dimension": "1", "type": "other", "held_by": "กสศ.",
                  "shared_with": "ESAO-KK1; SESAO-KK", "addresses": "I05; C01", "target_groups": "poor students",
                  "areas": "40", "amount_thb": "", "description": "ผลการคัดกรองความยากจนด้วยวิธีทดสอบรายได้ทางอ้อม",
                  "source": "https://isee.eef.or.th"},
    "issues": {"id": "I01", "name_th": "เด็กและเยาวชนนอกระบบการศึกษา", "name_en": "Out-of-school children and youth",
               "broader": "", "description": "เด็กอายุ 3–18 ปีที่ไม่มีชื่อในระบบการศึกษา"},
    "causes": {"cause": "C01", "effect": "I01", "evidence": "การสำรวจเด็กนอกระบบของ กสศ."},
    "datasets": {"id": "D02", "title_th": "จำนวนนักเรียนจำแนกตามชั้น เพศ รายโรงเรียน",
                 "title_en": "Enrolment by grade and sex per school", "publisher": "ESAO-KK1",
                 "link_keys": "school_code; area_code", "granularity": "school", "personal_data": "no",
                 "update_frequency": "รายภาคเรียน", "format": "web system; xlsx", "access": "open", "addresses": "I02",
                 "areas": "4001; 4002", "url": ""},
    "areas": {"code": "4001", "name_th": "เมืองขอนแก่น", "name_en": "Mueang Khon Kaen", "level": "district",
              "parent": "40"},
}


def sheet_title(sheet: Sheet, lang: str) -> str:
    return sheet.name_th if lang == "th" else sheet.key


def heading(column, lang: str) -> str:
    return column.heading_th if lang == "th" else column.key


def _style_header(ws, sheet: Sheet, lang: str) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill

    for index, col in enumerate(sheet.columns):
        cell = set_cell(ws, 1, index + 1, heading(col, lang))
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=_REQUIRED_FILL if col.required else _HEADER_FILL)
        note = f"{col.key}: {col.help_en}\n{col.heading_th}: {col.help_th}"
        if col.required:
            note += "\n(required / ต้องกรอก)"
        cell.comment = Comment(note, "abegraph", width=260, height=90)
        ws.column_dimensions[column_letter(index)].width = max(14, min(40, len(heading(col, lang)) * 2))
    ws.freeze_panes = "A2"


def _choices(scheme: str, lang: str) -> list[str]:
    """What the drop-down of a scheme offers (dimensions in the workshop's order 1-4, as
    :meth:`~abegraph.loaders.vocabulary.ControlledValues.choices` gives them)."""
    return controlled_values().keys(scheme, lang)


def _area_choices(lang: str, province: str | None) -> list[str]:
    """``code name`` of the province (when given) and its districts, or of every district."""
    areas = districts(province)
    if province and (whole := lookup_area(province)):
        areas = [whole] + areas
    return [f"{a.code} {a.name_th if lang == 'th' else a.name_en}" for a in areas]


class _Lists:
    """The hidden sheet that holds the drop-down values, one column per list."""

    def __init__(self, wb):
        self.ws = wb.create_sheet(_LISTS_SHEET)
        self.ws.sheet_state = "hidden"
        self.refs: dict[str, str] = {}

    def ref(self, name: str, values: list[str]) -> str:
        if name not in self.refs:
            column = len(self.refs) + 1
            set_cell(self.ws, 1, column, name)
            for n, value in enumerate(values, start=2):
                set_cell(self.ws, n, column, value)
            letter = column_letter(column - 1)
            self.refs[name] = f"{_LISTS_SHEET}!${letter}$2:${letter}${max(len(values), 1) + 1}"
        return self.refs[name]


def _validation(ref: str, col, *, stop: bool, note_en: str, note_th: str):
    """A drop-down; ``stop`` refuses other text, otherwise Excel only warns (or, for a ``;`` list,
    says nothing), as the loader accepts more than the list."""
    from openpyxl.worksheet.datavalidation import DataValidation

    validation = DataValidation(type="list", formula1=ref, allow_blank=True, showErrorMessage=not col.many,
                                errorStyle="stop" if stop else "warning")
    validation.errorTitle = "abegraph"
    validation.error = (f"{note_th} / {note_en}")[:225]
    validation.promptTitle = col.heading_th[:32]
    validation.prompt = (f"{col.help_th} / {col.help_en}")[:255]
    validation.showInputMessage = True
    return validation


def _add_dropdowns(ws, sheet: Sheet, lang: str, lists: _Lists, refs: dict[str, str]) -> None:
    for index, col in enumerate(sheet.columns):
        if col.kind == "bool":
            ref = lists.ref("yes/no", ["ใช่", "ไม่ใช่"] if lang == "th" else ["yes", "no"])
            note = ("also yes/no, true/false", "พิมพ์ yes/no หรือ true/false ได้เช่นกัน")
        elif col.kind.startswith("controlled:"):
            ref = lists.ref(col.target, _choices(col.target, lang))
            note = {"dimension": ("or type 1-4 or the workshop's name of the dimension",
                                  "หรือพิมพ์ 1-4 หรือชื่อมิติตามเวทีก็ได้"),
                    "resource-type": ("or type your own type: it is kept as text under 'other'",
                                      "หรือพิมพ์ประเภทเอง: จะบันทึกเป็น 'อื่น ๆ' พร้อมข้อความ")}.get(
                col.target, ("other spellings of these values are accepted too", "พิมพ์ค่าเหล่านี้แบบอื่นได้เช่นกัน"))
        elif col.kind.startswith("ref:") and col.target in refs:
            ref = refs[col.target]
            note = ("or type an id, English name or abbreviation", "หรือพิมพ์รหัส ชื่อภาษาอังกฤษ หรือชื่อย่อ")
        elif col.kind == "area":
            ref = refs["area"]
            note = ("or type any DOPA code: 2 digits province, 4 district, 6 subdistrict",
                    "หรือพิมพ์รหัสพื้นที่ตามกรมการปกครอง: จังหวัด 2 หลัก อำเภอ 4 หลัก ตำบล 6 หลัก")
        else:
            continue
        validation = _validation(ref, col, stop=False, note_en=note[0], note_th=note[1])
        ws.add_data_validation(validation)
        target = column_letter(index)
        validation.add(f"{target}2:{target}{_ROWS}")


def _instructions(wb, lang: str) -> None:
    from openpyxl.styles import Alignment, Font

    ws = wb.create_sheet("คำแนะนำ (instructions)", 0)
    lines = [
        ("abegraph: แบบฟอร์มรวบรวมทรัพยากรเพื่อเด็กและเยาวชน", "abegraph: workbook of resources for children and youth"),
        ("กรอกหนึ่งแถวต่อหนึ่งรายการ ช่องสีเหลืองต้องกรอก ช่องที่มีหลายค่าให้คั่นด้วย ;",
         "One row per item. Yellow headings are required. Separate several values in one cell with ;"),
        ("อ้างถึงหน่วยงานหรือประเด็นด้วยรหัส ชื่อไทย ชื่ออังกฤษ หรือชื่อย่อ รายการเลือกแสดงหน่วยงานในชีตหน่วยงาน",
         "Refer to agencies and issues by id, Thai or English name, or abbreviation; the drop-downs offer "
         "the agencies of the agencies sheet"),
        (f"ประเด็นและสาเหตุที่มีในระบบแล้วอยู่ในชีต '{ISSUES_SHEET}' อ้างถึงด้วยรหัส (เช่น I01, C01) ได้ทันที",
         f"The issues and causes abegraph already knows are on the sheet '{ISSUES_SHEET}': refer to them by id "
         "(e.g. I01, C01)"),
        ("พื้นที่ใช้รหัสกรมการปกครอง: จังหวัด 2 หลัก (40) อำเภอ 4 หลัก (4001) ตำบล 6 หลัก",
         "Areas use DOPA codes: province 2 digits (40), district 4 (4001), subdistrict 6"),
        (f"ตัวอย่างการกรอกแต่ละชีตอยู่ในชีต '{EXAMPLE_SHEET}'", f"The sheet '{EXAMPLE_SHEET}' shows a filled-in row of each sheet"),
        ("ห้ามใส่เลขประจำตัวประชาชน ชื่อ หรือเบอร์โทรของเด็ก: บันทึกเฉพาะคำอธิบายชุดข้อมูลและข้อมูลสรุป (พ.ร.บ.คุ้มครองข้อมูลส่วนบุคคล)",
         "Never enter children's citizen IDs, names or phone numbers: describe datasets and aggregates only (PDPA)"),
        ("ตรวจไฟล์: abegraph validate ไฟล์.xlsx   นำเข้า: abegraph load ไฟล์.xlsx",
         "Check: abegraph validate FILE.xlsx   Load: abegraph load FILE.xlsx"),
        ("", ""),
        ("ชีต / คอลัมน์", "sheet / column"),
    ]
    for sheet in SHEETS.values():
        lines.append((f"[{sheet.name_th}] {sheet.help_th}", f"[{sheet.key}] {sheet.help_en}"))
        for col in sheet.columns:
            mark = " *" if col.required else ""
            lines.append((f"    {col.heading_th}{mark}: {col.help_th}", f"    {col.key}{mark}: {col.help_en}"))
    for row, (th, en) in enumerate(lines, start=1):
        set_cell(ws, row, 1, th)
        set_cell(ws, row, 2, en)
    ws["A1"].font = ws["B1"].font = Font(bold=True, size=14)
    ws.column_dimensions["A"].width = ws.column_dimensions["B"].width = 80
    for row in ws.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _issues_sheet(wb, lang: str) -> str:
    """The bundled issues and causes with their ids; returns the range of their names."""
    from openpyxl.styles import Font

    found: dict[str, dict] = {}
    for issue, p, value in vocabulary_store().query(f"""
            SELECT ?issue ?p ?o WHERE {{ ?issue a <{ABE.Issue}> OPTIONAL {{ ?issue ?p ?o
            FILTER(?p IN (<{SKOS.notation}>, <{SKOS.prefLabel}>, <{SKOS.altLabel}>)) }} }}"""):
        entry = found.setdefault(issue.value, {"labels": {}, "others": [], "notation": []})
        if p is None:
            continue
        if p.value == str(SKOS.prefLabel):
            entry["labels"][value.language] = value.value
        else:
            entry["notation" if p.value == str(SKOS.notation) else "others"].append(value.value)
    rows = []
    for iri, entry in found.items():
        notation = min(entry["notation"], default=iri.rsplit("/", 1)[-1])
        rows.append((notation, entry["labels"].get("th", ""), entry["labels"].get("en", ""),
                     "; ".join(sorted(entry["others"]))))
    rows.sort(key=lambda r: (r[0][:1] != "I", len(r[0]), r[0]))
    ws = wb.create_sheet(ISSUES_SHEET)
    headings = ("รหัส (id)", "ชื่อประเด็น (name_th)", "ชื่อภาษาอังกฤษ (name_en)", "ชื่ออื่นที่ใช้ได้ (also accepted)")
    for c, text in enumerate(headings, start=1):
        set_cell(ws, 1, c, text).font = Font(bold=True)
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            set_cell(ws, r, c, value)
    for letter, width in zip("ABCD", (10, 50, 45, 60)):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    column = "B" if lang == "th" else "C"
    return f"'{ISSUES_SHEET}'!${column}$2:${column}${len(rows) + 1}"


def _example_sheet(wb, lang: str) -> None:
    from openpyxl.styles import Font, PatternFill

    ws = wb.create_sheet(EXAMPLE_SHEET)
    set_cell(ws, 1, 1, "ตัวอย่างการกรอกหนึ่งแถวของแต่ละชีต (ชีตนี้ไม่ถูกนำเข้า) / "
                       "One filled-in row of each sheet (this sheet is not loaded)").font = Font(bold=True, size=12)
    row = 3
    for sheet in SHEETS.values():
        set_cell(ws, row, 1, sheet_title(sheet, lang)).font = Font(bold=True)
        for c, col in enumerate(sheet.columns, start=1):
            cell = set_cell(ws, row + 1, c, heading(col, lang))
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor=_REQUIRED_FILL if col.required else _HEADER_FILL)
            set_cell(ws, row + 2, c, _EXAMPLES.get(sheet.key, {}).get(col.key, ""))
        row += 4
    for c in range(1, 14):
        ws.column_dimensions[column_letter(c - 1)].width = 22


def write_workbook(path: Path, data: dict[str, list[dict]] | None = None, lang: str = "th", *,
                   province: str | None = None) -> None:
    """Write a contract workbook; ``data`` maps a sheet key to rows of ``{column key: text}``.

    Area drop-downs offer the districts of ``province`` (a DOPA code), or of the whole country.
    """
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    _instructions(wb, lang)
    sheets = {}
    for sheet in SHEETS.values():
        ws = sheets[sheet.key] = wb.create_sheet(sheet_title(sheet, lang))
        _style_header(ws, sheet, lang)
        for r, row in enumerate((data or {}).get(sheet.key, []), start=2):
            for c, col in enumerate(sheet.columns, start=1):
                if row.get(col.key):
                    set_cell(ws, r, c, row[col.key])
    lists = _Lists(wb)
    name_column = column_letter(1)  # name_th, the second column of agencies and issues
    refs = {"agencies": f"'{sheet_title(SHEETS['agencies'], lang)}'!${name_column}$2:${name_column}${_ROWS}",
            "issues": _issues_sheet(wb, lang),
            "area": lists.ref("areas", _area_choices(lang, province))}
    for sheet in SHEETS.values():
        _add_dropdowns(sheets[sheet.key], sheet, lang, lists, refs)
    _example_sheet(wb, lang)
    wb.move_sheet(_LISTS_SHEET, offset=len(wb.sheetnames))
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)


def write_template(path: Path, lang: str = "th", *, province: str | None = None, force: bool = False) -> None:
    """Write the blank workbook a coordinator fills in after a workshop.

    Raises :class:`FileExistsError` when ``path`` exists and ``force`` is false: a filled-in
    workbook is never overwritten by accident.
    """
    if path.exists() and not force:
        raise FileExistsError(str(path))
    write_workbook(path, None, lang, province=province)


def write_rejects(path: Path, rejected: list[tuple], lang: str = "en") -> None:
    """Write rejected rows with their original cells and why each was left out, in ``lang``.

    ``rejected`` is :attr:`~abegraph.loaders.problems.Report.rejected`. ``.csv`` gets one table
    with file, sheet and row columns (UTF-8 with a byte-order mark, for Excel); otherwise an
    ``.xlsx`` with one sheet per input sheet. The user's cells come back as they were typed,
    and never as live formulas, without what a workbook cannot hold. The file appears whole or
    not at all (written beside ``path``, then renamed), so a full disk leaves no broken file.
    """
    th = lang == "th"
    words = ("เหตุผล", "ไฟล์", "ชีต", "แถว") if th else ("reason", "file", "sheet", "row")

    def why(problems) -> str:
        return problems if isinstance(problems, str) else row_reasons(problems, lang)

    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(f".{path.name}.part")
    try:
        _write_rejects(part, path.suffix.lower() == ".csv", rejected, words, why, th)
        os.replace(part, path)
    finally:
        part.unlink(missing_ok=True)


def _write_rejects(path: Path, csv_file: bool, rejected: list[tuple], words: tuple, why, th: bool) -> None:
    if csv_file:
        headings: list[str] = []
        for *_, original, _ in rejected:
            headings += [h for h in original if h not in headings]
        with path.open("w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out)
            writer.writerow([words[1], words[2], words[3], words[0]] + [spreadsheet_text(h) for h in headings])
            for file, sheet, row, original, problems in rejected:
                writer.writerow([spreadsheet_text(v) for v in
                                 [file, sheet, row, why(problems)] + [original.get(h, "") for h in headings]])
        return
    import openpyxl
    from openpyxl.styles import Alignment, Font

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    by_sheet: dict[str, list] = {}
    for item in rejected:
        by_sheet.setdefault(item[1], []).append(item)
    for sheet, items in by_sheet.items():
        ws = wb.create_sheet(sheet_name(sheet))
        headings = []
        for *_, original, _ in items:
            headings += [h for h in original if h not in headings]
        for c, text in enumerate([words[0], words[1], words[3]] + headings, start=1):
            set_cell(ws, 1, c, text).font = Font(bold=True)
        for r, (file, _, row, original, problems) in enumerate(items, start=2):
            set_cell(ws, r, 1, why(problems)).alignment = Alignment(wrap_text=True, vertical="top")
            for c, value in enumerate([file, row] + [original.get(h, "") for h in headings], start=2):
                set_cell(ws, r, c, value)
        ws.column_dimensions["A"].width = 70
        ws.freeze_panes = "B2"
    if not by_sheet:
        set_cell(wb.create_sheet("-"), 1, 1, "ไม่มีแถวที่ถูกปฏิเสธ" if th else "No rejected rows")
    wb.save(path)
