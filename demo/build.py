"""Rebuild ``khonkaen.xlsx`` from the demo's CSV files (the CSVs are the source of truth).

Run ``python -m abegraph.demo.build`` after editing a CSV; a test checks that the two
load the same graph.

Example
-------
>>> from abegraph.demo.build import demo_rows
>>> rows = demo_rows()
>>> rows["agencies"][0]["id"]
'ESAO-KK1'
"""
from __future__ import annotations

from pathlib import Path

from ..loaders.tables import read_csv_folder
from ..loaders.workbook_writer import write_workbook
from . import DEMO_CSV, DEMO_XLSX

__all__ = ["demo_rows", "build"]


def demo_rows(folder: Path = DEMO_CSV) -> dict[str, list[dict]]:
    """The demo's rows by sheet key, as ``{column key: text}``."""
    tables, problems = read_csv_folder(folder)
    if problems:
        raise ValueError("; ".join(p.describe() for p in problems))
    return {t.sheet.key: [row.cells for row in t.rows] for t in tables}


def build(output: Path = DEMO_XLSX) -> Path:
    """Write the demo workbook (Thai sheet names and headings, as the template has them)."""
    write_workbook(output, demo_rows(), lang="th")
    return output


if __name__ == "__main__":  # pragma: no cover
    print(build())
