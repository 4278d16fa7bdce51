"""Read workbook sheets and CSV files into plain rows of text, keyed by contract column.

Real workbooks are untidy: title rows above the header, Thai or English headings in any
case, blank rows, extra columns, merged cells, formulas. This module finds the header,
maps headings to the contract's column keys and reports what it had to ignore. It knows
nothing about RDF.

Example
-------
>>> from abegraph.loaders.tables import heading_key
>>> from abegraph.loaders.schema import SHEETS
>>> heading_key(SHEETS["resources"], "หน่วยงานเจ้าของ ")
'held_by'
>>> heading_key(SHEETS["resources"], "Name_EN")
'name_en'
>>> heading_key(SHEETS["resources"], "ชื่อทรัพยากร (name_th) *")
'name_th'
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from abegraph.thai.text import clean, match_key

from .problems import Problem
from .schema import SHEETS, Sheet

__all__ = ["Row", "Table", "heading_key", "sheet_key", "read_xlsx", "read_table_source", "read_csv", "read_csv_folder",
           "decode_text", "column_letter"]

_HEADER_SEARCH_ROWS = 30
_REQUIRED_MARK = re.compile(r"\s*\*+\s*$")
_BRACKETED = re.compile(r"^(.*?)\s*\((.*)\)\s*$")


@dataclass
class Row:
    """One data row: its number in the file and its cells by column key (text, cleaned)."""

    number: int
    cells: dict[str, str]
    #: the raw cells by heading as written in the file, for rejects files
    original: dict[str, str] = field(default_factory=dict)


@dataclass
class Table:
    """One sheet (or CSV file) read from a source file."""

    file: str
    sheet: Sheet
    name: str  # the sheet or file name as the user wrote it
    rows: list[Row] = field(default_factory=list)
    #: column key -> spreadsheet letter (A, B, ...)
    letters: dict[str, str] = field(default_factory=dict)
    header_row: int = 0
    problems: list[Problem] = field(default_factory=list)

    def problem(self, code: str, row: int | None = None, column: str = "", **kw) -> Problem:
        """A problem located in this table."""
        kw.setdefault("letter", self.letters.get(column, ""))
        return Problem(code, file=self.file, sheet=self.name, row=row, column=column, **kw)


def _heading_index() -> dict[str, dict[str, str]]:
    index: dict[str, dict[str, str]] = {}
    for sheet in SHEETS.values():
        keys = index.setdefault(sheet.key, {})
        for col in sheet.columns:
            keys[match_key(col.key)] = col.key
            keys[match_key(col.key.replace("_", " "))] = col.key
            keys[match_key(col.heading_th)] = col.key
    return index


_HEADINGS = _heading_index()
_SHEET_NAMES = {match_key(name): s.key for s in SHEETS.values() for name in (s.key, s.name_th)}


def heading_key(sheet: Sheet, heading: object) -> str | None:
    """The contract column key a heading stands for, or None.

    Accepts the English key or the Thai heading in any case, with stray spaces, a trailing
    ``*`` (the template marks required columns so), or both as ``Thai (english)``.
    """
    text = _REQUIRED_MARK.sub("", clean(heading))
    if not text:
        return None
    keys = _HEADINGS[sheet.key]
    found = keys.get(match_key(text))
    if found is None and (m := _BRACKETED.match(text)):
        found = keys.get(match_key(m.group(1))) or keys.get(match_key(m.group(2)))
    return found


def sheet_key(name: str) -> str | None:
    """The contract sheet a sheet or file name stands for (``หน่วยงาน`` -> ``agencies``)."""
    text = clean(name)
    found = _SHEET_NAMES.get(match_key(text))
    if found is None and (m := _BRACKETED.match(text)):
        found = _SHEET_NAMES.get(match_key(m.group(1))) or _SHEET_NAMES.get(match_key(m.group(2)))
    return found


#: sheets the template adds beside the contract's, read by nobody
_TEMPLATE_EXTRA_SHEETS = {"lists", "คำแนะนำ (instructions)", "ประเด็นในระบบ (bundled issues)", "ตัวอย่าง (example)"}


def _closest_sheets(name: str) -> tuple[str, ...]:
    from rapidfuzz import fuzz, process

    names = [n for s in SHEETS.values() for n in (s.key, s.name_th)]
    return tuple(found for found, score, _ in process.extract(clean(name), names, scorer=fuzz.WRatio, limit=2))


def column_letter(index: int) -> str:
    """Spreadsheet letter of a 0-based column index (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _build_table(file: str, sheet: Sheet, name: str, grid: list[tuple[int, list[object]]]) -> Table:
    """Find the header in ``grid`` (row number, cell values) and turn the rest into rows."""
    table = Table(file, sheet, name)
    required = {c.key for c in sheet.required}
    header_at = None
    for position, (number, values) in enumerate(grid[:_HEADER_SEARCH_ROWS]):
        keys = {heading_key(sheet, v) for v in values} - {None}
        if keys & required and len(keys) >= min(2, len(sheet.columns)):
            header_at = position
            break
    if header_at is None:
        table.problems.append(table.problem("no_header", row=grid[0][0] if grid else None))
        return table
    header_number, headings = grid[header_at]
    table.header_row = header_number
    column_of: dict[int, str] = {}
    for index, heading in enumerate(headings):
        key = heading_key(sheet, heading)
        if key is None:
            if clean(heading):
                table.problems.append(table.problem("unknown_column", row=header_number,
                                                    value=clean(heading), letter=column_letter(index)))
            continue
        if key in table.letters:
            table.problems.append(table.problem("duplicate_column", row=header_number, value=key))
            continue
        column_of[index] = key
        table.letters[key] = column_letter(index)
    for key in sorted(required - set(table.letters)):
        table.problems.append(table.problem("missing_column", row=header_number, value=key,
                                            detail=sheet.column(key).heading_th))
    heading_text = {i: clean(h) for i, h in enumerate(headings)}
    for number, values in grid[header_at + 1:]:
        texts = [_cell_text(v) for v in values]
        if not any(t.strip() for t in texts):
            continue
        cells = {column_of[i]: clean(t) for i, t in enumerate(texts) if i in column_of}
        original = {heading_text.get(i) or column_letter(i): t for i, t in enumerate(texts)}
        table.rows.append(Row(number, cells, original))
    return table


# --- xlsx -----------------------------------------------------------------------------------

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _check_workbook_file(path: Path, display: str) -> Problem | None:
    head = path.read_bytes()[:8] if path.stat().st_size else b""
    if head.startswith(_OLE_MAGIC):
        data = path.read_bytes()
        if "EncryptionInfo".encode("utf-16-le") in data:
            return Problem("encrypted", file=display)
        return Problem("not_a_workbook", file=display, detail="an old .xls file")
    if not zipfile.is_zipfile(path):
        return Problem("not_a_workbook", file=display, detail="not an .xlsx (zip) file")
    return None


def _formula_cells(path: Path) -> dict[str, dict[tuple[int, int], str]]:
    """Formula cells per sheet title, read only when the file holds any formula."""
    with zipfile.ZipFile(path) as archive:
        has_formula = any(
            b"<f>" in archive.read(n) or b"<f " in archive.read(n)
            for n in archive.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml"))
    if not has_formula:
        return {}
    import openpyxl

    found: dict[str, dict[tuple[int, int], str]] = {}
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=False)
    try:
        for ws in workbook.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    if getattr(cell, "data_type", None) == "f":
                        found.setdefault(ws.title, {})[(cell.row, cell.column)] = str(cell.value)
    finally:
        workbook.close()
    return found


def read_xlsx(path: Path, display: str | None = None) -> tuple[list[Table], list[Problem]]:
    """Read every sheet of an .xlsx workbook whose name is a contract sheet.

    Returns the tables and the problems that concern the file as a whole.
    """
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    display = display or path.name
    if (problem := _check_workbook_file(path, display)) is not None:
        return [], [problem]
    try:
        workbook = openpyxl.load_workbook(path, data_only=True)
        formulas = _formula_cells(path)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as err:
        return [], [Problem("not_a_workbook", file=display, detail=str(err) or type(err).__name__)]
    tables = []
    skipped = []
    for ws in workbook.worksheets:
        key = sheet_key(ws.title)
        if key is None:
            if ws.title not in _TEMPLATE_EXTRA_SHEETS and ws.sheet_state == "visible" and ws.max_row > 1:
                skipped.append(Problem("unknown_sheet", file=display, sheet=ws.title, value=ws.title,
                                       candidates=_closest_sheets(ws.title)))
            continue
        merged_starts = {}
        for merged in ws.merged_cells.ranges:
            merged_starts[(merged.min_row, merged.min_col)] = merged.coord
        grid = []
        problems = []
        sheet_formulas = formulas.get(ws.title, {})
        for row in ws.iter_rows():
            values = []
            for cell in row:
                value = cell.value
                if (cell.row, cell.column) in sheet_formulas and value is None:
                    problems.append((cell.row, cell.column, "formula", sheet_formulas[(cell.row, cell.column)]))
                if (cell.row, cell.column) in merged_starts:
                    problems.append((cell.row, cell.column, "merged_cells", merged_starts[(cell.row, cell.column)]))
                values.append(value)
            grid.append((row[0].row if row else len(grid) + 1, values))
        table = _build_table(display, SHEETS[key], ws.title, grid)
        reverse = {letter: key for key, letter in table.letters.items()}
        for number, column, code, value in problems:
            if number <= table.header_row and code == "merged_cells":
                continue  # merged title cells above the header are harmless
            letter = column_letter(column - 1)
            table.problems.append(Problem(code, file=display, sheet=ws.title, row=number,
                                          column=reverse.get(letter, ""), letter=letter, value=value))
        tables.append(table)
    if not tables:
        names = ", ".join(ws.title for ws in workbook.worksheets)
        return [], [Problem("no_known_sheet", file=display, detail=names)]
    return tables, skipped


# --- csv ------------------------------------------------------------------------------------

def decode_text(data: bytes) -> tuple[str, str]:
    """Decode a text file saved as UTF-8 (with or without BOM), UTF-16 or Thai TIS-620/cp874.

    Returns the text and the encoding's name; raises ``UnicodeDecodeError`` when none fits.

    >>> decode_text("รหัส".encode("cp874"))
    ('รหัส', 'cp874')
    >>> decode_text("\\ufeffรหัส".encode("utf-8"))
    ('รหัส', 'utf-8-sig')
    >>> decode_text("Éducation spécialisée".encode("cp1252"))
    Traceback (most recent call last):
    UnicodeDecodeError: 'utf-8' codec can't decode byte 0xc9 in position 0: invalid continuation byte
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8-sig"), ("utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8")
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("cp874")
        except UnicodeDecodeError:
            raise utf8_error from None
        # cp874 maps most high bytes to Thai letters, so text in another 8-bit encoding decodes
        # too; real Thai never puts a vowel or tone mark after a non-Thai character
        if not _plausible_thai(text):
            raise utf8_error from None
        return text, "cp874"


_THAI_MARKS = frozenset("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e")


def _plausible_thai(text: str) -> bool:
    previous = " "
    for ch in text:
        if ch in _THAI_MARKS and not ("\u0e01" <= previous <= "\u0e4e"):
            return False
        if ord(ch) > 127 and not "\u0e00" <= ch <= "\u0e7f" and ch not in "\u00a0\u201c\u201d\u2018\u2019\u2026\u2013\u2014\u20ac":
            return False
        previous = ch
    return True


def _sniff_delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", "\t", ";")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv(path: Path, display: str | None = None, sheet: str | None = None) -> tuple[list[Table], list[Problem]]:
    """Read one CSV file; its sheet is named by ``sheet`` or by the file name."""
    display = display or path.name
    key = sheet or sheet_key(path.stem)
    if key is None:
        return [], [Problem("no_known_sheet", file=display, detail=path.name)]
    try:
        text, _ = decode_text(path.read_bytes())
    except UnicodeDecodeError as err:
        from charset_normalizer import from_bytes

        guess = from_bytes(path.read_bytes()).best()
        detail = f"byte {err.start}" + (f", it may be {guess.encoding}" if guess else "")
        return [], [Problem("bad_encoding", file=display, detail=detail)]
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(first_line))
    grid = [(number, values) for number, values in enumerate(reader, start=1)]
    return [_build_table(display, SHEETS[key], path.stem, grid)], []


def read_csv_folder(path: Path, display: str | None = None) -> tuple[list[Table], list[Problem]]:
    """Read every CSV file of a folder whose name is a contract sheet (English or Thai)."""
    display = display or path.name
    tables, problems = [], []
    files = sorted(p for p in path.iterdir() if p.suffix.lower() in (".csv", ".tsv", ".txt"))
    for file in files:
        if sheet_key(file.stem) is None:
            continue
        found, trouble = read_csv(file, f"{display}/{file.name}")
        tables += found
        problems += trouble
    if not tables and not problems:
        names = ", ".join(p.name for p in files) or "no CSV files"
        problems.append(Problem("no_known_sheet", file=display, detail=names))
    return tables, problems


def read_table_source(source) -> None:
    """The reader of workbooks, CSV files and CSV folders (see :class:`abegraph.loaders.sources.Reader`)."""
    read = {"xlsx": read_xlsx, "csv": read_csv, "csv-folder": read_csv_folder}[source.format]
    source.tables, problems = read(source.path, source.file)
    source.problems += problems
