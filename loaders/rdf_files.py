"""Read RDF files (Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML) with pyoxigraph.

Triples in the default graph load into the source's own named graph; quads that name a
graph keep it, so a TriG export loads back as it was. Literals are scanned for personal
identifiers like workbook cells are.

Example
-------
>>> from pathlib import Path
>>> import tempfile
>>> from abegraph.loaders.rdf_files import read_rdf
>>> path = Path(tempfile.mkdtemp()) / "bad.ttl"
>>> _ = path.write_text('<http://e/a> <http://e/b> "open')
>>> quads, problems = read_rdf(path, "bad.ttl", "turtle")
>>> problems[0].code, problems[0].row
('rdf_syntax', 1)
"""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from .personal import find_citizen_ids, find_phone_numbers
from .problems import Problem

__all__ = ["read_rdf", "OX_FORMATS"]

OX_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE, "n-triples": ox.RdfFormat.N_TRIPLES, "n-quads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG, "json-ld": ox.RdfFormat.JSON_LD, "rdf-xml": ox.RdfFormat.RDF_XML,
}


def read_rdf(path: Path, display: str, fmt: str) -> tuple[list[ox.Quad], list[Problem]]:
    """Parse one RDF file; a syntax error or a personal identifier becomes a problem."""
    try:
        quads = list(ox.parse(path=str(path), format=OX_FORMATS[fmt]))
    except SyntaxError as err:
        return [], [Problem("rdf_syntax", file=display, row=err.lineno, detail=str(err))]
    except (OSError, ValueError) as err:
        return [], [Problem("rdf_syntax", file=display, detail=str(err))]
    problems = []
    for quad in quads:
        if isinstance(quad.object, ox.Literal):
            text = quad.object.value
            where = f"{quad.subject} {quad.predicate}"
            for cid in find_citizen_ids(text):
                problems.append(Problem("citizen_id", file=display, column=where,
                                        value=cid[:1] + "-XXXX-XXXXX-XX-" + cid[-1]))
            for phone in find_phone_numbers(text):
                problems.append(Problem("phone_number", file=display, column=where, value=phone[:3] + "XXXXXXX"))
    return quads, problems
