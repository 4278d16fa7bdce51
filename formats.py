"""Print rows as a table, CSV, TSV, JSON or Markdown: one place for every command's output.

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
"""
from __future__ import annotations

import csv
import json
import unicodedata
from typing import IO, Iterable

__all__ = ["ROW_FORMATS", "write_rows", "display_width"]

ROW_FORMATS = ("table", "csv", "tsv", "json", "md")


def display_width(text: str) -> int:
    """Columns a string takes on a terminal: Thai vowel and tone marks take none.

    >>> display_width("ขอนแก่น"), len("ขอนแก่น")
    (6, 7)
    """
    return sum(0 if unicodedata.combining(ch) or unicodedata.category(ch) == "Mn"
               else 2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(v) for v in value)
    return str(value)


def write_rows(rows: Iterable[dict], out: IO[str], fmt: str = "table", columns: list[str] | None = None) -> None:
    """Write dict rows in ``fmt`` (one of :data:`ROW_FORMATS`)."""
    rows = list(rows)
    columns = columns or (list(rows[0]) if rows else [])
    if fmt == "json":
        json.dump(rows, out, ensure_ascii=False, indent=2, default=str)
        out.write("\n")
    elif fmt in ("csv", "tsv"):
        writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([_cell(r.get(c)) for c in columns] for r in rows)
    elif fmt == "md":
        out.write("| " + " | ".join(columns) + " |\n| " + " | ".join("---" for _ in columns) + " |\n")
        for r in rows:
            out.write("| " + " | ".join(_cell(r.get(c)).replace("|", "\\|") for c in columns) + " |\n")
    elif fmt == "table":
        texts = [[_cell(r.get(c)) for c in columns] for r in rows]
        widths = [max([display_width(c)] + [display_width(t[i]) for t in texts]) for i, c in enumerate(columns)]
        widths = [min(w, 60) for w in widths]
        out.write("  ".join(_pad(c, w) for c, w in zip(columns, widths)).rstrip() + "\n")
        out.write("  ".join("-" * w for w in widths) + "\n")
        for t in texts:
            out.write("  ".join(_pad(x, w) for x, w in zip(t, widths)).rstrip() + "\n")
    else:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(ROW_FORMATS)}")
