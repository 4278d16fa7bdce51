"""Small helpers shared by the analysis and question tests."""
from __future__ import annotations

import csv

from abegraph.graph.questions import get_question

#: agency names that look like markup: every page must show them as text
INJECTED = ("<img src=x onerror=alert(1)>", '"><script>alert(1)</script>')


def ask(store, name: str, lang: str = "en") -> list[dict]:
    """A saved question's answer as dicts of strings (None where unbound)."""
    sparql = get_question(name).sparql_for(lang)
    names = [v.value for v in store.query(sparql).variables]
    return [dict(zip(names, (None if v is None else str(v) for v in row))) for row in store.select(sparql)]


def section(rows: list[dict], name: str) -> list[dict]:
    """The rows of one section of an analysis."""
    return [r for r in rows if r["section"] == name]


def edit_csv(path, change) -> None:
    """Rewrite a CSV sheet of a copied source folder: ``change(rows) -> rows`` (dicts by heading)."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    rows = change(rows)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
