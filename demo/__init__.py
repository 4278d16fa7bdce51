"""The bundled demo province: Khon Kaen's ABE working group, from the 2023 workshop.

``DEMO_CSV`` is the source (one UTF-8 CSV per sheet, readable in diffs); ``DEMO_XLSX`` is
the same data as the workbook a coordinator would fill in. See ``khonkaen/README.md`` for
sources and for what is illustrative.

Example
-------
>>> from abegraph.demo import DEMO_CSV, DEMO_XLSX
>>> sorted(p.name for p in DEMO_CSV.glob("*.csv"))[:2]
['agencies.csv', 'areas.csv']
>>> DEMO_XLSX.suffix
'.xlsx'
"""
from pathlib import Path

__all__ = ["DEMO_CSV", "DEMO_XLSX", "DEMO_GRAPH"]

DEMO_CSV = Path(__file__).parent / "khonkaen"
DEMO_XLSX = Path(__file__).parent / "khonkaen.xlsx"
#: the graph name the demo loads into
DEMO_GRAPH = "khonkaen-demo"
