"""The atlas's tables: one :class:`~abegraph.network.columns.Section` as an HTML table.

What a table says (which columns, their headings in Thai and English, codes by their names,
ids by the entities' names, lists cut after :data:`LIST_MAX` entries) is
:func:`abegraph.network.columns.readable` with ``brief=True``: the same headings as the command
line's tables, CSV and workbooks. This module only lays it out: numbers rounded for reading
(:func:`abegraph.formats.readable_number`) in a right-aligned column that sorts by value, the
sentences in a column that wraps, and notes on the rows left out on screen and on paper. The
full rows stay one command away (``abegraph analyze KIND --format csv``).

Example
-------
>>> from abegraph.network.columns import readable
>>> from abegraph.visualize.tables import section_table
>>> rows = [{"section": "agency", "agency_id": "EEF", "agency": "กสศ.", "partners": 3,
...          "betweenness": 0.0711683, "meaning": "Links groups.", "meaning_th": "เชื่อมกลุ่มที่ไม่ได้พบกัน"}]
>>> page = section_table(readable(rows, "th", analysis="brokers", brief=True)[0])
>>> "ความเป็นตัวกลาง" in page and "เชื่อมกลุ่มที่ไม่ได้พบกัน" in page and "Links groups" not in page
True
>>> '<td class="num" data-sort="0.0711683">0.0712</td>' in page
True
"""
from __future__ import annotations

import html

from abegraph.formats import readable_number
from abegraph.network.columns import Section

__all__ = ["section_table", "LIST_MAX", "PRINT_ROWS", "LONG_KEYS"]

#: rows of each table on paper (the rest stay on screen)
PRINT_ROWS = 6
#: list cells name at most this many entries, then "and N more"
LIST_MAX = 4
#: columns of sentences and long names: they wrap, and take the room the table has left
LONG_KEYS = frozenset({"reason", "reason_th", "meaning", "meaning_th", "loop_name", "name", "path", "cycle"})


def _cell(key: str, value) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        text = html.escape(str(readable_number(value)))
        return f'<td class="num" data-sort="{html.escape(repr(value))}">{text}</td>'
    text = str(value)
    attrs = ' class="long"' if key in LONG_KEYS or len(text) > 80 else ""
    return f"<td{attrs}>{html.escape(text)}</td>"


def section_table(part: Section, *, max_rows: int = 500, print_rows: int = PRINT_ROWS, lang: str = "th",
                  ident: str | None = None) -> str:
    """``part`` as an HTML table whose columns sort on a click, with notes on the rows left out:
    past ``max_rows`` on screen, past ``print_rows`` on paper. Every text is escaped."""
    numeric = {k for j, k in enumerate(part.keys)
               if part.cells and all(isinstance(row[j], (int, float)) or row[j] == "" for row in part.cells)}
    head = "".join(
        f'<th scope="col" class="{"long" if key in LONG_KEYS else ("num" if key in numeric else "")}">'
        f'<button type="button">{html.escape(title)}</button></th>'
        for key, title in zip(part.keys, part.headings))
    body = []
    for number, row in enumerate(part.cells[:max_rows]):
        extra = ' class="abr-more"' if number >= print_rows else ""
        body.append(f"<tr{extra}>" + "".join(_cell(k, v) for k, v in zip(part.keys, row)) + "</tr>")
    total = len(part.cells)
    notes = []
    command = f"abegraph analyze {part.analysis} --format csv"
    if total > max_rows:
        notes.append('<p class="abr-note">' + html.escape(
            f"แสดง {max_rows:,} แถวแรกจาก {total:,} แถว ดูทั้งหมดด้วย {command}" if lang == "th" else
            f"The first {max_rows:,} of {total:,} rows; all of them: {command}") + "</p>")
    if total > print_rows:
        notes.append('<p class="abr-note abr-print-only">' + html.escape(
            f"พิมพ์ {print_rows:,} แถวแรกจาก {total:,} แถว ที่เหลืออยู่ในไฟล์ HTML ของแผนที่นี้ และ {command}"
            if lang == "th" else
            f"The first {print_rows:,} of {total:,} rows are printed; the rest are in this atlas's HTML file "
            f"and {command}") + "</p>")
    ident_attr = f' id="{html.escape(ident)}"' if ident else ""
    return (f'<div class="abr-scroll"{ident_attr}><table class="abr-table" '
            f'data-analysis="{html.escape(part.analysis)}" data-section="{html.escape(part.section)}">'
            f"<thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table></div>{''.join(notes)}")
