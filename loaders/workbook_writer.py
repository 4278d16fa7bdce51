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

from pathlib import Path

from .schema import SHEETS, Sheet
from .tables import column_letter
from .vocabulary import controlled_values

__all__ = ["write_template", "write_workbook", "write_rejects", "sheet_title", "heading"]

_LISTS_SHEET = "lists"
_REQUIRED_FILL = "FFF2CC"
_HEADER_FILL = "DDEBF7"


def sheet_title(sheet: Sheet, lang: str) -> str:
    return sheet.name_th if lang == "th" else sheet.key


def heading(column, lang: str) -> str:
    return column.heading_th if lang == "th" else column.key


def _style_header(ws, sheet: Sheet, lang: str) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill

    for index, col in enumerate(sheet.columns):
        cell = ws.cell(row=1, column=index + 1, value=heading(col, lang))
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=_REQUIRED_FILL if col.required else _HEADER_FILL)
        note = f"{col.key}: {col.help_en}\n{col.heading_th}: {col.help_th}"
        if col.required:
            note += "\n(required / ต้องกรอก)"
        cell.comment = Comment(note, "abegraph", width=260, height=90)
        ws.column_dimensions[column_letter(index)].width = max(14, min(40, len(heading(col, lang)) * 2))
    ws.freeze_panes = "A2"


def _add_dropdowns(wb, ws, sheet: Sheet, lang: str, rows: int = 2000) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    lists = wb[_LISTS_SHEET]
    for index, col in enumerate(sheet.columns):
        if not col.kind.startswith("controlled:") and col.kind != "bool":
            continue
        values = (["ใช่", "ไม่ใช่"] if lang == "th" else ["yes", "no"]) if col.kind == "bool" \
            else controlled_values().keys(col.target, lang)
        list_col = lists.max_column + 1 if lists.max_row > 1 or lists["A1"].value else 1
        lists.cell(row=1, column=list_col, value=f"{sheet.key}.{col.key}")
        for n, value in enumerate(values, start=2):
            lists.cell(row=n, column=list_col, value=value)
        letter = column_letter(list_col - 1)
        ref = f"{_LISTS_SHEET}!${letter}$2:${letter}${len(values) + 1}"
        validation = DataValidation(type="list", formula1=ref, allow_blank=True,
                                    showErrorMessage=not col.many)
        validation.error = "Choose a value from the list / เลือกค่าจากรายการ"
        validation.prompt = col.help_th + " / " + col.help_en
        validation.showInputMessage = True
        ws.add_data_validation(validation)
        target = column_letter(index)
        validation.add(f"{target}2:{target}{rows}")


def _instructions(wb, lang: str) -> None:
    from openpyxl.styles import Alignment, Font

    ws = wb.create_sheet("คำแนะนำ (instructions)", 0)
    lines = [
        ("abegraph: แบบฟอร์มรวบรวมทรัพยากรเพื่อเด็กและเยาวชน", "abegraph: workbook of resources for children and youth"),
        ("กรอกหนึ่งแถวต่อหนึ่งรายการ ช่องสีเหลืองต้องกรอก ช่องที่มีหลายค่าให้คั่นด้วย ;",
         "One row per item. Yellow headings are required. Separate several values in one cell with ;"),
        ("อ้างถึงหน่วยงานหรือประเด็นด้วยรหัส ชื่อไทย ชื่ออังกฤษ หรือชื่อย่อ",
         "Refer to agencies and issues by id, Thai or English name, or abbreviation"),
        ("พื้นที่ใช้รหัสกรมการปกครอง: จังหวัด 2 หลัก (40) อำเภอ 4 หลัก (4001) ตำบล 6 หลัก",
         "Areas use DOPA codes: province 2 digits (40), district 4 (4001), subdistrict 6"),
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
        ws.cell(row=row, column=1, value=th)
        ws.cell(row=row, column=2, value=en)
    ws["A1"].font = ws["B1"].font = Font(bold=True, size=14)
    ws.column_dimensions["A"].width = ws.column_dimensions["B"].width = 80
    for row in ws.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def write_workbook(path: Path, data: dict[str, list[dict]] | None = None, lang: str = "th") -> None:
    """Write a contract workbook; ``data`` maps a sheet key to rows of ``{column key: text}``."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    _instructions(wb, lang)
    lists = wb.create_sheet(_LISTS_SHEET)
    lists.sheet_state = "hidden"
    for sheet in SHEETS.values():
        ws = wb.create_sheet(sheet_title(sheet, lang))
        _style_header(ws, sheet, lang)
        for r, row in enumerate((data or {}).get(sheet.key, []), start=2):
            for c, col in enumerate(sheet.columns, start=1):
                if row.get(col.key):
                    ws.cell(row=r, column=c, value=row[col.key])
        _add_dropdowns(wb, ws, sheet, lang)
    wb.move_sheet(_LISTS_SHEET, offset=len(wb.sheetnames))
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)


def write_template(path: Path, lang: str = "th") -> None:
    """Write the blank workbook a coordinator fills in after a workshop."""
    write_workbook(path, None, lang)


def write_rejects(path: Path, rejected: list[tuple[str, str, int, dict, str]]) -> None:
    """Write rejected rows with their original cells and a ``reason`` column.

    ``.csv`` gets one table with file, sheet and row columns; otherwise an ``.xlsx`` with
    one sheet per input sheet.
    """
    import csv

    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() == ".csv":
        headings: list[str] = []
        for *_, original, _ in rejected:
            headings += [h for h in original if h not in headings]
        with path.open("w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(["file", "sheet", "row", "reason"] + headings)
            for file, sheet, row, original, reason in rejected:
                writer.writerow([file, sheet, row, reason] + [original.get(h, "") for h in headings])
        return
    import openpyxl
    from openpyxl.styles import Font

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    by_sheet: dict[str, list] = {}
    for item in rejected:
        by_sheet.setdefault(item[1], []).append(item)
    for sheet, items in by_sheet.items():
        ws = wb.create_sheet(sheet[:31])
        headings = []
        for *_, original, _ in items:
            headings += [h for h in original if h not in headings]
        ws.append(["reason / เหตุผล", "file", "row"] + headings)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for file, _, row, original, reason in items:
            ws.append([reason, file, row] + [original.get(h, "") for h in headings])
    if not by_sheet:
        wb.create_sheet("rejects").append(["no rejected rows / ไม่มีแถวที่ถูกปฏิเสธ"])
    wb.save(path)
