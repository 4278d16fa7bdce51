"""SHACL validation of an assembled graph, reported as workbook problems (sheet, row, column).

Python checks each row as it is read; the shapes in ``ontology/shapes.ttl`` are the last
word on the whole graph. A result is located through the focus node's origin (the row it
came from) and the property shape's ``sh:description`` (the column key), and told with the
shape's own ``sh:message`` in English and Thai, never as raw SHACL.

Example
-------
>>> from rdflib import Graph, Literal, URIRef
>>> from rdflib.namespace import RDF, RDFS
>>> from abegraph.ontology.namespace import ABE
>>> from abegraph.loaders.validation import shacl_problems
>>> from abegraph.graph.terms import to_ox
>>> r = URIRef("https://w3id.org/abegraph/id/resource/R1")
>>> g = Graph()
>>> for t in [(r, RDF.type, ABE.Resource), (r, RDFS.label, Literal("ทุน", lang="th"))]:
...     _ = g.add(t)
>>> problems = shacl_problems(g, {to_ox(r): ("kk.xlsx", "resources", 5)})
>>> sorted({p.column for p in problems})
['dimension', 'held_by']
"""
from __future__ import annotations


import pyoxigraph as ox
from pyshacl_turbo import validate
from rdflib import Graph, Literal
from rdflib.namespace import RDF, SH

from abegraph.graph.terms import quads_from_triples, to_ox
from abegraph.loaders.problems import Problem
from abegraph.ontology import shapes_graph, vocabulary_quads

__all__ = ["shacl_problems"]


def _by_language(graph: Graph, subject, predicate) -> dict[str, str]:
    texts: dict[str, str] = {}
    for value in graph.objects(subject, predicate):
        if isinstance(value, Literal):
            texts.setdefault(value.language or "en", str(value))
    return texts


def shacl_problems(data, origin: dict[ox.NamedNode, tuple[str, str, int]],
                   only: set | None = None) -> list[Problem]:
    """Validate ``data`` (rdflib triples, a graph or a list, or pyoxigraph default-graph quads;
    plus the vocabulary) against the shapes; one problem per result.

    ``origin`` and ``only`` (which limits the report to these focus nodes: context pulled from
    the store for reference checks was validated when it was loaded) hold pyoxigraph nodes;
    the validator's results are rdflib terms, converted here.

    The validator is pyshacl-turbo (pySHACL's API and results, computed in Rust), given an
    in-memory pyoxigraph store rather than an rdflib graph: measured with ``python -m bench.load``.
    """
    combined = ox.Store()
    combined.extend(vocabulary_quads())
    triples = [t for t in data if not isinstance(t, ox.Quad)]
    combined.extend(q for q in data if isinstance(q, ox.Quad))
    combined.extend(quads_from_triples(triples, None))
    shapes = shapes_graph()
    conforms, results, _ = validate(combined, shacl_graph=shapes, inference="none",
                                    abort_on_first=False, allow_warnings=True, advanced=True)
    if conforms:
        return []
    problems = []
    seen = set()  # a dataset is also a resource: one rule broken is reported once per cell
    for result in results.subjects(RDF.type, SH.ValidationResult):
        if results.value(result, SH.resultSeverity) != SH.Violation:
            continue
        focus = results.value(result, SH.focusNode)
        focus_node = to_ox(focus)
        if only is not None and focus_node not in only:
            continue
        shape = results.value(result, SH.sourceShape)
        column = str(shapes.value(shape, SH.description) or "")
        text = _by_language(shapes, shape, SH.message) or _by_language(results, result, SH.resultMessage)
        value = results.value(result, SH.value)
        file, sheet, row = origin.get(focus_node, ("", "", None))
        if (focus, column, str(value)) in seen:
            continue
        seen.add((focus, column, str(value)))
        where = "" if row is not None else f" ({focus})"
        messages = {lang: message + where for lang, message in text.items()}
        messages.setdefault("th", messages.get("en", ""))
        problems.append(Problem("shacl", file=file, sheet=sheet, row=row, column=column,
                                value="" if value is None else str(value),
                                detail=messages.get("en", ""), text=messages))
    return sorted(problems, key=lambda p: (p.file, p.sheet, p.row or 0, p.column))
