"""Read workbook sheets and CSV files into plain rows of text, keyed by contract column.

Real workbooks are untidy: title rows above the header, Thai or English headings in any
case, blank rows, extra columns, merged cells, formulas. This module finds the header,
maps headings to the contract's column keys and reports what it had to ignore. It knows
nothing about RDF.

Example
-------
>>> from abegraph.loaders.tables import read_csv
>>> import pathlib, tempfile
>>> f = pathlib.Path(tempfile.mkdtemp()) / "agencies.csv"
>>> _ = f.write_text("รหัส,ชื่อหน่วยงาน\\nA1,สพป.ขอนแก่น เขต 1\\n", encoding="utf-8")
>>> tables, problems = read_csv(f)
>>> [row.cells for row in tables[0].rows]
[{'id': 'A1', 'name_th': 'สพป.ขอนแก่น เขต 1'}]
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from abegraph.formats import fits_a_workbook, workbook_text
from abegraph.thai.text import clean

from .problems import Problem
from .schema import SHEETS, Sheet, heading_key, sheet_key

__all__ = ["Row", "Table", "heading_key", "sheet_key", "read_xlsx", "read_table_source", "read_csv", "read_csv_folder",
           "decode_text", "column_letter"]

_HEADER_SEARCH_ROWS = 30


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
    if isinstance(value, float) and not math.isfinite(value):
        return "∞" if value > 0 else "-∞" if value < 0 else ""  # a number cell written as 1E+400
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
    heading_text = {i: clean(workbook_text(_cell_text(h))) for i, h in enumerate(headings)}
    width = max((len(values) for _, values in grid[header_at + 1:]), default=0)
    original_keys = [heading_text.get(i) or column_letter(i) for i in range(width)]
    keyed = sorted(column_of.items())
    for number, values in grid[header_at + 1:]:
        texts = [v if type(v) is str else _cell_text(v) for v in values]
        if not any(t.strip() for t in texts):
            continue
        if fits_a_workbook("".join(texts)):  # nearly every row: nothing to take out
            kept = marked = texts
        else:  # U+FFFD marks, in the rejects file, where the file had a character no workbook can hold
            kept, marked = [workbook_text(t) for t in texts], [workbook_text(t, "\ufffd") for t in texts]
        cells = {key: clean(kept[i]) for i, key in keyed if i < len(kept)}
        table.rows.append(Row(number, cells, dict(zip(original_keys, marked))))
    return table


# --- xlsx -----------------------------------------------------------------------------------

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

#: what a workbook may hold, counted in its real content (cells with a value), beyond which
#: it is refused: a tiny file can declare a used range of 17 billion cells, a merged range over
#: the whole sheet, or millions of shared strings, and would take the machine if read naively
MAX_COLUMNS = 1_000
MAX_ROWS = 200_000
MAX_CELLS = 2_000_000
MAX_SHARED_STRINGS = 1_000_000
MAX_UNPACKED_BYTES = 400_000_000
_DOCTYPE = tuple("<!DOCTYPE".encode(enc) for enc in ("utf-8", "utf-16-le", "utf-16-be"))
_STRING_ITEM = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s/>]")


class _Refused(Exception):
    """A workbook part beyond the bounds: carries the problem to report."""

    def __init__(self, problem: Problem):
        super().__init__(problem.code)
        self.problem = problem


def _check_workbook_file(path: Path, display: str) -> Problem | None:
    head = path.read_bytes()[:8] if path.stat().st_size else b""
    if head.startswith(_OLE_MAGIC):
        data = path.read_bytes()
        if "EncryptionInfo".encode("utf-16-le") in data:
            return Problem("encrypted", file=display)
        return Problem("not_a_workbook", file=display, detail="an old .xls file")
    if not zipfile.is_zipfile(path):
        return Problem("not_a_workbook", file=display, detail="not an .xlsx (zip) file")
    try:
        with zipfile.ZipFile(path) as archive:
            return _check_archive(archive, display)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as err:
        return Problem("broken_workbook", file=display, detail=str(err) or type(err).__name__)


def _check_archive(archive: zipfile.ZipFile, display: str) -> Problem | None:
    """Refuse before parsing: parts that unpack too large, XML with a DOCTYPE (entities: XXE,
    billion laughs; a workbook never has one) and shared-string tables of millions of entries."""
    members = archive.infolist()
    unpacked = sum(m.file_size for m in members)
    if unpacked > MAX_UNPACKED_BYTES:
        return Problem("too_large", file=display,
                       detail=f"its parts unpack to {unpacked / 1e6:,.0f} MB (at most {MAX_UNPACKED_BYTES / 1e6:,.0f} MB)")
    content_types = ""
    if "[Content_Types].xml" in archive.namelist():
        content_types = archive.read("[Content_Types].xml")[:1_000_000].decode("utf-8", "replace")
    strings_parts = {m.group(1).lstrip("/") for m in re.finditer(
        r'PartName="([^"]+)"[^>]*sharedStrings', content_types)}
    for member in members:
        if not member.filename.lower().endswith((".xml", ".rels", ".vml")):
            continue
        with archive.open(member) as part:
            head = part.read(4096)
        if any(mark in head for mark in _DOCTYPE):
            return Problem("xml_entities", file=display, detail=f"{member.filename} declares a DOCTYPE")
        if member.filename in strings_parts or "sharedstrings" in member.filename.lower():
            count = _count_items(archive, member, MAX_SHARED_STRINGS)
            if count > MAX_SHARED_STRINGS:
                return Problem("too_large", file=display,
                               detail=f"more than {MAX_SHARED_STRINGS:,} shared strings (texts)")
    return None


def _count_items(archive: zipfile.ZipFile, member: zipfile.ZipInfo, limit: int) -> int:
    """Shared-string entries in a part, counted in a stream and stopped past ``limit``."""
    count, tail = 0, b""
    with archive.open(member) as part:
        while chunk := part.read(1 << 20):
            data = tail + chunk
            count += len(_STRING_ITEM.findall(data))
            tail = data[-16:]
            count -= len(_STRING_ITEM.findall(tail))  # counted again with the next chunk
            if count > limit:
                break
    return count + len(_STRING_ITEM.findall(tail))


def _sheet_parser():
    """openpyxl's own streaming sheet parser (the one its read-only mode uses), which yields
    only the rows and cells the file holds, and notes each cell's formula beside its saved value.

    A cell's inline string (what openpyxl and other libraries write instead of shared strings)
    is read as its text runs, as openpyxl's ``Text.content`` gives it, without building
    openpyxl's rich-text objects: they were a third of reading a 10,000-row workbook
    (``python -m bench.load --profile abegraph``)."""
    from openpyxl.worksheet._reader import FORMULA_TAG, INLINE_STRING, WorkSheetParser
    from openpyxl.xml.constants import SHEET_MAIN_NS

    text, run = f"{{{SHEET_MAIN_NS}}}t", f"{{{SHEET_MAIN_NS}}}r"

    def inline_text(element) -> str:  # the plain text, then each run's (phonetic runs left out)
        plain = element.find(text)
        parts = [plain.text] if plain is not None and plain.text is not None else []
        parts += [t.text for r in element.findall(run) if (t := r.find(text)) is not None and t.text is not None]
        return "".join(parts)

    class SheetParser(WorkSheetParser):
        def parse_cell(self, element):
            inline = element.find(INLINE_STRING) if element.get("t") == "inlineStr" else None
            if inline is not None:
                element.remove(inline)  # openpyxl then leaves the value to us
            cell = super().parse_cell(element)
            if inline is not None:
                cell["value"], cell["data_type"] = inline_text(inline), "s"
            if (formula := element.find(FORMULA_TAG)) is not None:
                cell["formula"] = "=" + (formula.text or "")
            return cell

    return SheetParser


def _read_sheet(ws, display: str, cells_left: int, max_rows: int | None = None):
    """The rows of one read-only sheet, as (row number, values) with only the rows that hold a
    value, and the cells to report (formulas without a saved value, merged ranges' first cells).

    Raises :class:`_Refused` when the sheet's real content is beyond the bounds.
    """
    from openpyxl.utils.cell import get_column_letter, range_boundaries

    parser = _sheet_parser()(ws._get_source(), ws._shared_strings, data_only=True, epoch=ws.parent.epoch,
                             date_formats=ws.parent._date_formats, timedelta_formats=ws.parent._timedelta_formats)
    grid, notes, count = [], [], 0
    try:
        for number, cells in parser.parse():
            cells = [c for c in cells if c["value"] is not None or "formula" in c]
            if not cells:
                continue
            widest = max(c["column"] for c in cells)
            if widest > MAX_COLUMNS:
                where = f"{get_column_letter(widest)}{number}"
                raise _Refused(Problem("too_large", file=display, sheet=ws.title, detail=(
                    f"it has a value in cell {where}, beyond column {get_column_letter(MAX_COLUMNS)} "
                    f"(the {MAX_COLUMNS:,}th)")))
            count += len(cells)
            if count > cells_left or len(grid) >= MAX_ROWS:
                raise _Refused(Problem("too_large", file=display, sheet=ws.title, detail=(
                    f"more than {MAX_ROWS:,} rows or {MAX_CELLS:,} cells with values")))
            values = [None] * widest
            for cell in cells:
                values[cell["column"] - 1] = cell["value"]
                if cell.get("formula") and cell["value"] is None:
                    notes.append((number, cell["column"], "formula", cell["formula"]))
            grid.append((number, values))
            if max_rows is not None and len(grid) >= max_rows:
                return grid, notes, count
    finally:
        parser.source.close()
    for merged in getattr(parser.merged_cells, "mergeCell", None) or ():
        min_col, min_row, _, _ = range_boundaries(merged.ref)
        notes.append((min_row, min_col, "merged_cells", merged.ref))
    return grid, notes, count


def _sheet_by_headings(grid) -> tuple[str | None, tuple[str, ...], tuple[str, tuple[str, ...]] | None]:
    """The contract sheet whose headings a sheet with an unknown name has; the sheets it could
    equally be (when more than one fits as well); and, when it looks more like a sheet whose
    required columns it lacks than like any sheet it fits, that sheet and the missing columns
    (a resources sheet without ``dimension`` is refused, not read as an issues sheet).

    >>> _sheet_by_headings([(1, ["id", "name_th", "dimension", "held_by"])])
    ('resources', (), None)
    >>> _sheet_by_headings([(1, ["id", "name_th", "held_by", "amount_thb", "description"])])
    (None, (), ('resources', ('dimension',)))
    """
    full, partial = {}, {}
    for key, sheet in SHEETS.items():
        required = {c.key for c in sheet.required}
        for _, values in grid[:_HEADER_SEARCH_ROWS]:
            keys = {heading_key(sheet, v) for v in values} - {None}
            if not keys & required or len(keys) < min(3, len(sheet.columns)):
                continue
            fits = full if required <= keys else partial
            if len(keys) > fits.get(key, (0, ()))[0]:
                fits[key] = (len(keys), tuple(c.key for c in sheet.required if c.key not in keys))
    best = max((n for n, _ in full.values()), default=0)
    lacking = max(((n, key, missing) for key, (n, missing) in partial.items() if n > best), default=None)
    if lacking is not None:
        return None, (), (lacking[1], lacking[2])
    if not full:
        return None, (), None
    fits = tuple(k for k, (n, _) in full.items() if n == best)
    return (fits[0], (), None) if len(fits) == 1 else (None, fits, None)


def _unread_sheet(file: str, name: str, head: list, named: set[str]) -> tuple[str | None, Problem | None]:
    """The contract sheet an unknown-named sheet is read as, from its headings, with the note to
    give; or None and why it was not read. A sheet that looks like a contract sheet but cannot
    be read as one (it lacks a required column, fits several, or the workbook has that sheet
    already) is an error, so its rows are never silently left out."""
    key, could_be, lacking = _sheet_by_headings(head)
    if lacking is not None:
        return None, Problem("incomplete_sheet", file=file, sheet=name, value=name, detail=lacking[0],
                             candidates=lacking[1])
    if could_be:
        return None, Problem("ambiguous_sheet", file=file, sheet=name, value=name, candidates=could_be)
    if key is not None and key in named:
        return None, Problem("second_sheet", file=file, sheet=name, value=name, detail=key)
    if key is None:
        return None, Problem("unknown_sheet", file=file, sheet=name, value=name,
                             candidates=_closest_sheets(name)) if len(head) > 1 else None
    return key, Problem("sheet_by_headings", file=file, sheet=name, value=name, detail=key)


def read_xlsx(path: Path, display: str | None = None) -> tuple[list[Table], list[Problem]]:
    """Read every sheet of an .xlsx workbook whose name (or, failing that, headings) is a contract sheet.

    Returns the tables and the problems that concern the file as a whole. Reading is bounded
    by the real content (:data:`MAX_CELLS` cells with values, :data:`MAX_COLUMNS` columns,
    :data:`MAX_SHARED_STRINGS` texts); a workbook beyond them, or with XML entities, is refused.
    """
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    display = display or path.name
    if (problem := _check_workbook_file(path, display)) is not None:
        return [], [problem]
    broken = (InvalidFileException, zipfile.BadZipFile, KeyError, IndexError, OSError, ValueError, TypeError,
              SyntaxError, EOFError, AttributeError)  # xml.etree's ParseError is a SyntaxError
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except broken as err:
        return [], [Problem("broken_workbook", file=display, detail=str(err) or type(err).__name__)]
    try:
        return _read_sheets(workbook, display)
    except _Refused as refused:
        return [], [refused.problem]
    except broken as err:
        return [], [Problem("broken_workbook", file=display, detail=str(err) or type(err).__name__)]
    finally:
        workbook.close()


def _read_sheets(workbook, display: str) -> tuple[list[Table], list[Problem]]:
    tables = []
    skipped = []
    cells_left = MAX_CELLS
    named = {sheet_key(ws.title) for ws in workbook.worksheets} - {None}
    for ws in workbook.worksheets:
        key = sheet_key(ws.title)
        if key is None:
            if ws.title in _TEMPLATE_EXTRA_SHEETS or ws.sheet_state != "visible":
                continue
            head, _, _ = _read_sheet(ws, display, cells_left, max_rows=_HEADER_SEARCH_ROWS)
            key, note = _unread_sheet(display, ws.title, head, named)
            skipped += [note] if note is not None else []
            if key is None:
                continue
            named.add(key)
        grid, notes, count = _read_sheet(ws, display, cells_left)
        cells_left -= count
        table = _build_table(display, SHEETS[key], ws.title, grid)
        reverse = {letter: key for key, letter in table.letters.items()}
        for number, column, code, value in sorted(notes):
            if number <= table.header_row and code == "merged_cells":
                continue  # merged title cells above the header are harmless
            letter = column_letter(column - 1)
            table.problems.append(Problem(code, file=display, sheet=ws.title, row=number,
                                          column=reverse.get(letter, ""), letter=letter, value=value))
        tables.append(table)
    if not tables:
        names = ", ".join(ws.title for ws in workbook.worksheets)
        return [], [Problem("no_known_sheet", file=display, detail=names)] + [
            p for p in skipped if p.severity == "error"]
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


def read_csv(path: Path, display: str | None = None, sheet: str | None = None, *,
             taken: set[str] = frozenset()) -> tuple[list[Table], list[Problem]]:
    """Read one CSV file; its sheet is named by ``sheet``, by the file name or, failing that,
    by its headings (when no file in ``taken`` is that sheet already)."""
    display = display or path.name
    key = sheet or sheet_key(path.stem)
    try:
        text, _ = decode_text(path.read_bytes())
    except UnicodeDecodeError as err:
        from charset_normalizer import from_bytes

        guess = from_bytes(path.read_bytes()).best()
        detail = f"byte {err.start}" + (f", it may be {guess.encoding}" if guess else "")
        return [], [Problem("bad_encoding", file=display, detail=detail)]
    first_line = text.split("\n", 1)[0]
    grid, problem = _csv_grid(text, _sniff_delimiter(first_line), display, path.stem)
    if problem is not None:
        return [], [problem]
    notes = []
    if key is None:
        key, note = _unread_sheet(display, path.stem, grid, taken)
        notes += [note] if note is not None else []
        if key is None:
            return [], notes
    return [_build_table(display, SHEETS[key], path.stem, grid)], notes


def _csv_grid(text: str, delimiter: str, display: str, name: str) -> tuple[list, Problem | None]:
    """The records of a CSV text, or the problem that stops reading it: a quote never closed,
    or a cell over the csv module's limit (131,072 characters).

    A strict reader finds a quote left open at the end; a stray quote inside a cell (which
    Excel never writes, but people do) is read leniently, as before.

    >>> _csv_grid('id,name_th\\n1,"open\\n2,x\\n', ",", "r.csv", "resources")[1].detail
    'a quote mark opens a cell and is never closed'
    """
    for strict in (True, False):
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=strict)
        grid, line = [], 1
        try:
            for number, values in enumerate(reader, start=1):
                grid.append((number, values))
                line = reader.line_num + 1
            return grid, None
        except csv.Error as err:
            message = str(err)
            if "field larger than field limit" in message:
                detail = f"a cell is longer than {csv.field_size_limit():,} characters"
            elif "unexpected end of data" in message:
                detail = "a quote mark opens a cell and is never closed"
            elif strict:
                continue
            else:
                detail = message
            return [], Problem("csv_syntax", file=display, sheet=name, value=str(line), detail=detail)
    raise AssertionError("unreachable")  # pragma: no cover


def read_csv_folder(path: Path, display: str | None = None) -> tuple[list[Table], list[Problem]]:
    """Read every CSV file of a folder whose name is a contract sheet (English or Thai)."""
    display = display or path.name
    tables, problems = [], []
    files = sorted(p for p in path.iterdir() if p.suffix.lower() in (".csv", ".tsv", ".txt"))
    taken = {sheet_key(f.stem) for f in files} - {None}
    # files named after a sheet first; the others are then read by their headings
    for file in sorted(files, key=lambda f: sheet_key(f.stem) is None):
        found, trouble = read_csv(file, f"{display}/{file.name}", taken=taken)
        taken |= {t.sheet.key for t in found}
        tables += found
        problems += trouble
    if not tables and not any(p.severity == "error" for p in problems):
        names = ", ".join(p.name for p in files) or "no CSV files"
        problems.append(Problem("no_known_sheet", file=display, detail=names))
    return tables, problems


def read_table_source(source) -> None:
    """The reader of workbooks, CSV files and CSV folders (see :class:`abegraph.loaders.sources.Reader`)."""
    read = {"xlsx": read_xlsx, "csv": read_csv, "csv-folder": read_csv_folder}[source.format]
    source.tables, problems = read(source.path, source.file)
    if not source.tables and not any(p.severity == "error" for p in problems):
        problems.append(Problem("no_known_sheet", file=source.file, detail=source.path.name))
    source.problems += problems
