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
>>> r = URIRef("https://w3id.org/abegraph/id/resource/R1")
>>> g = Graph()
>>> for t in [(r, RDF.type, ABE.Resource), (r, RDFS.label, Literal("ทุน", lang="th"))]:
...     _ = g.add(t)
>>> problems = shacl_problems(g, {r: ("kk.xlsx", "resources", 5)})
>>> sorted({p.column for p in problems})
['dimension', 'held_by']
"""
from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from abegraph.loaders.problems import Problem
from abegraph.ontology import shapes_graph, vocabulary_graph

__all__ = ["shacl_problems"]


def _by_language(graph: Graph, subject, predicate) -> dict[str, str]:
    texts: dict[str, str] = {}
    for value in graph.objects(subject, predicate):
        if isinstance(value, Literal):
            texts.setdefault(value.language or "en", str(value))
    return texts


def shacl_problems(data: Graph, origin: dict[URIRef, tuple[str, str, int]],
                   only: set | None = None) -> list[Problem]:
    """Validate ``data`` (plus the vocabulary) against the shapes; one problem per result.

    ``only`` limits the report to these focus nodes (context pulled from the store for
    reference checks was validated when it was loaded).
    """
    from pyshacl import validate

    shapes = shapes_graph()
    combined = Graph()
    combined += data
    combined += vocabulary_graph()
    conforms, results, _ = validate(combined, shacl_graph=shapes, inference="none", inplace=True,
                                    abort_on_first=False, allow_warnings=True, advanced=True)
    if conforms:
        return []
    problems = []
    seen = set()  # a dataset is also a resource: one rule broken is reported once per cell
    for result in results.subjects(RDF.type, SH.ValidationResult):
        if results.value(result, SH.resultSeverity) != SH.Violation:
            continue
        focus = results.value(result, SH.focusNode)
        if only is not None and focus not in only:
            continue
        shape = results.value(result, SH.sourceShape)
        column = str(shapes.value(shape, SH.description) or "")
        text = _by_language(shapes, shape, SH.message) or _by_language(results, result, SH.resultMessage)
        value = results.value(result, SH.value)
        file, sheet, row = origin.get(focus, ("", "", None))
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
