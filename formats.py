"""Print rows as a table, CSV, TSV, JSON or Markdown, or save them as a workbook: one place for
every command's output.

Terminal tables measure text with ``wcwidth`` (Thai vowel and tone marks take no column) and
wrap long cells inside their column. CSV and TSV are for people opening them in a spreadsheet:
they start with a UTF-8 byte-order mark (Excel on Windows then reads Thai), and a text cell
that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'`` so
that no spreadsheet runs it as a formula (OWASP, "CSV Injection"). Workbook cells made from
text are always text, never formulas, and never hold what a workbook cannot (control characters,
U+FFFE, lone surrogates: Excel refuses the whole file), nor more than a cell's 32,767
characters. (SPARQL results in the W3C CSV/TSV formats do not come
through here: :mod:`abegraph.graph.sparql_output` writes them exactly.)

Example
-------
>>> import io
>>> from abegraph.formats import write_rows
>>> out = io.StringIO()
>>> write_rows([{"agency": "กสศ.", "resources": 3}], out, "md")
>>> print(out.getvalue().strip())
| agency | resources |
| --- | --- |
| กสศ. | 3 |
>>> out = io.StringIO()
>>> write_rows([{"name": "=HYPERLINK(\\"http://x\\")", "n": -1}], out, "csv")
>>> out.getvalue()
'\\ufeffname,n\\n"\\'=HYPERLINK(""http://x"")",-1\\n'
"""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import IO, Iterable, Sequence

__all__ = ["ROW_FORMATS", "fits_a_workbook", "write_rows", "write_table", "write_sections", "save_sections",
           "display_width",
           "spreadsheet_text", "workbook_text", "sheet_name", "set_cell", "set_row", "readable_number"]

ROW_FORMATS = ("table", "csv", "tsv", "json", "md")

#: widest a terminal table column grows before its cells wrap
MAX_WIDTH = 60
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: what XML 1.0, and so a workbook, cannot hold: control characters other than tab and line
#: breaks, the non-characters U+FFFE/U+FFFF and lone surrogates
_NOT_IN_A_WORKBOOK = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
#: the longest text an Excel cell holds
CELL_LIMIT = 32_767
_NOT_IN_A_SHEET_NAME = re.compile(r"[\\*?:/\[\]]")


def display_width(text: str) -> int:
    """Columns a string takes on a terminal: Thai vowel and tone marks take none.

    >>> display_width("ขอนแก่น"), len("ขอนแก่น")
    (6, 7)
    """
    import wcwidth  # 18 ms to import: only output that is measured needs it

    return wcwidth.width(text)


def spreadsheet_text(value):
    """A value as a spreadsheet cell may safely hold it: text that would start a formula
    gets a leading ``'``, characters no spreadsheet holds are left out (:func:`workbook_text`);
    numbers stay numbers.

    >>> spreadsheet_text("=1+1"), spreadsheet_text("-5 บาท"), spreadsheet_text(-5), spreadsheet_text("ขอนแก่น")
    ("'=1+1", "'-5 บาท", -5, 'ขอนแก่น')
    >>> spreadsheet_text("\\x00=HYPERLINK(1)")
    "'=HYPERLINK(1)"
    """
    if not isinstance(value, str):
        return value
    value = workbook_text(value)
    return "'" + value if value.startswith(_FORMULA_START) else value


def workbook_text(text: str, mark: str = "") -> str:
    """``text`` without the characters a workbook cannot hold (each replaced by ``mark``).

    >>> workbook_text("ทุน\\x00การศึกษา\\ufffe"), workbook_text("a\\x07b", "?")
    ('ทุนการศึกษา', 'a?b')
    """
    return _NOT_IN_A_WORKBOOK.sub(mark, text)


def fits_a_workbook(text: str) -> bool:
    """Whether a workbook can hold ``text`` as it is (:func:`workbook_text` would change nothing).

    >>> fits_a_workbook("ทุน"), fits_a_workbook("a\\x07b")
    (True, False)
    """
    return _NOT_IN_A_WORKBOOK.search(text) is None


def sheet_name(text: str) -> str:
    """``text`` as a worksheet may be named: without ``[ ] : * ? / \\`` and what a workbook
    cannot hold, at most 31 characters, never empty.

    >>> sheet_name("resources [round 2]: final?"), sheet_name("\\x00")
    ('resources _round 2__ final_', '-')
    """
    return _NOT_IN_A_SHEET_NAME.sub("_", workbook_text(text)).strip("'")[:31] or "-"


def set_cell(ws, row: int, column: int, value):
    """Write ``value`` into an openpyxl worksheet cell; a string is always stored as text, even
    when it starts with ``=`` (openpyxl would otherwise save it as a live formula), without
    the characters a workbook cannot hold (:func:`workbook_text`) and cut at
    :data:`CELL_LIMIT` characters. This is the one way abegraph writes a cell.

    >>> import openpyxl
    >>> ws = openpyxl.Workbook().active
    >>> cell = set_cell(ws, 1, 1, "=cmd|' /C calc'!A0\\x00")
    >>> cell.value, cell.data_type
    ("=cmd|' /C calc'!A0", 's')
    """
    if isinstance(value, str):
        value = workbook_text(value)
        if len(value) > CELL_LIMIT:
            value = value[:CELL_LIMIT - 1] + "…"
    cell = ws.cell(row=row, column=column, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def set_row(ws, row: int, values: Iterable, start: int = 1) -> list:
    """:func:`set_cell` for each of ``values``, from column ``start`` on; returns the cells.

    >>> import openpyxl
    >>> ws = openpyxl.Workbook().active
    >>> [c.data_type for c in set_row(ws, 1, ["=1+1", 2, None])]
    ['s', 'n', 'n']
    """
    return [set_cell(ws, row, column, value) for column, value in enumerate(values, start=start)]


def readable_number(value):
    """A number as a table shows it: three significant digits, thousands separated.

    >>> readable_number(0.071168), readable_number(10.111111), readable_number(2500000), readable_number(0.0)
    ('0.0712', '10.1', '2,500,000', '0')
    >>> readable_number(0.00001), readable_number(-0.00002), readable_number(1.5e12)
    ('<0.001', '>-0.001', '1,500,000,000,000')
    >>> readable_number(999.7)
    '1,000'
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return value
    if isinstance(value, int) or float(value).is_integer() and abs(value) >= 1000:
        return f"{int(value):,}"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    if value == 0:
        return "0"
    if abs(value) < 0.001:  # three significant digits of a tiny number would read as scientific notation
        return "<0.001" if value > 0 else ">-0.001"
    text = f"{value:.3g}"
    return text if "e" not in text else f"{value:,.0f}"  # 999.7 rounds to 1e+03


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(v) for v in value)
    return str(readable_number(value))


def _wrap(text: str, width: int) -> list[str]:
    import wcwidth

    lines: list[str] = []
    for part in text.splitlines() or [""]:
        lines += wcwidth.wrap(part, width) or [""] if display_width(part) > width else [part]
    return lines


def write_table(headings: Sequence[str], cells: Iterable[Sequence], out: IO[str], fmt: str = "table") -> None:
    """Write one table, given as headings and rows of cells, as ``table``, ``md``, ``csv`` or ``tsv``."""
    if fmt in ("csv", "tsv"):
        out.write("\ufeff")
        writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow([spreadsheet_text(h) for h in headings])
        writer.writerows([spreadsheet_text(c if isinstance(c, (int, float)) else _cell(c)) for c in row]
                         for row in cells)
        return
    texts = [[_cell(c) for c in row] for row in cells]
    if fmt == "md":
        out.write("| " + " | ".join(headings) + " |\n| " + " | ".join("---" for _ in headings) + " |\n")
        for row in texts:
            out.write("| " + " | ".join(t.replace("|", "\\|").replace("\n", " ") for t in row) + " |\n")
        return
    if fmt != "table":
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(ROW_FORMATS)}")
    widths = [max([display_width(h)] + [display_width(row[i]) for row in texts]) for i, h in enumerate(headings)]
    widths = [min(w, max(MAX_WIDTH, display_width(h))) for w, h in zip(widths, headings)]
    lines = [[_wrap(t, w) for t, w in zip(row, widths)] for row in texts]
    spaced = any(len(cell) > 1 for row in lines for cell in row)
    import wcwidth

    def line(parts):
        return "  ".join(wcwidth.ljust(p, w) for p, w in zip(parts, widths)).rstrip() + "\n"

    out.write(line(headings))
    out.write("  ".join("-" * w for w in widths) + "\n")
    for n, row in enumerate(lines):
        if spaced and n:
            out.write("\n")
        for depth in range(max((len(c) for c in row), default=1)):
            out.write(line([c[depth] if depth < len(c) else "" for c in row]))


def write_rows(rows: Iterable[dict], out: IO[str], fmt: str = "table", columns: list[str] | None = None,
               headings: list[str] | None = None) -> None:
    """Write dict rows in ``fmt`` (one of :data:`ROW_FORMATS`); ``headings`` name ``columns``
    for people (JSON keeps the keys)."""
    rows = list(rows)
    columns = columns or (list(rows[0]) if rows else [])
    if fmt == "json":
        json.dump(rows, out, ensure_ascii=False, indent=2, default=str)
        out.write("\n")
        return
    write_table(headings or columns, [[r.get(c) for c in columns] for r in rows], out, fmt)


def write_sections(sections: Sequence, out: IO[str], fmt: str, lang: str = "en") -> None:
    """Write :class:`~abegraph.network.columns.Section`\\ s: ``table`` and ``md`` one block each
    under its title; ``csv``/``tsv`` one table whose first column names the section and whose
    other columns are every section's headings, in order."""
    several = len({part.analysis for part in sections}) > 1
    if fmt in ("csv", "tsv"):
        headings: list[str] = []
        for part in sections:
            headings += [h for h in part.headings if h not in headings]
        rows = []
        for part in sections:
            first = [part.analysis_title, part.title] if several else [part.title]
            for cells in part.cells:
                by_heading = dict(zip(part.headings, cells))
                rows.append(first + [by_heading.get(h, "") for h in headings])
        names = (["การวิเคราะห์"] if several else []) + ["หัวข้อ"] if lang == "th" else \
            (["Analysis"] if several else []) + ["Section"]
        write_table(names + headings, rows, out, fmt)
        return
    for n, part in enumerate(sections):
        if several and (n == 0 or sections[n - 1].analysis != part.analysis):
            out.write(f"\n# {part.analysis_title}\n" if fmt == "md" else
                      f"\n{part.analysis_title}\n{'=' * display_width(part.analysis_title)}\n")
        out.write(f"\n## {part.title}\n\n" if fmt == "md" else f"\n{part.title}\n")
        write_table(part.headings, part.cells, out, fmt)


def save_sections(sections: Sequence, path: Path, lang: str = "en", *, title: str = "") -> None:
    """Save :class:`~abegraph.network.columns.Section`\\ s as an ``.xlsx`` workbook, one sheet per
    section (named in the sections' language), headings bold and frozen, with filters; numbers
    stay numbers and text is never a formula."""
    import openpyxl
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    used: set[str] = set()
    for part in sections:
        name, n = part.sheet, 1
        while name.lower() in used:
            n += 1
            name = f"{part.sheet[:28]} {n}"
        used.add(name.lower())
        ws = wb.create_sheet(name)
        for c, text in enumerate(part.headings, start=1):
            set_cell(ws, 1, c, text).font = Font(bold=True)
        widths = [display_width(h) for h in part.headings]
        for r, cells in enumerate(part.cells, start=2):
            for c, value in enumerate(cells, start=1):
                value = value if isinstance(value, (int, float)) and not isinstance(value, bool) else _cell(value)
                cell = set_cell(ws, r, c, value)
                if isinstance(value, float):
                    cell.number_format = "0.000"
                elif isinstance(value, str) and display_width(value) > 60:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
                widths[c - 1] = max(widths[c - 1], min(60, display_width(str(value))))
        for c, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(c)].width = max(8, width + 2)
        ws.freeze_panes = "A2"
        if part.cells:
            ws.auto_filter.ref = f"A1:{get_column_letter(len(part.headings))}{len(part.cells) + 1}"
    if not sections:
        set_cell(wb.create_sheet("-"), 1, 1, "ไม่มีผลลัพธ์" if lang == "th" else "No results")
    if title:
        wb.properties.title = title
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
