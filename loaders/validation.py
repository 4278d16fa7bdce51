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


import re
from functools import lru_cache

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH

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


def _followed_predicates(shapes: Graph) -> frozenset[str] | None:
    """The predicates a validation of ``shapes`` can read: every property shape's path, the
    targets' and comparisons' predicates, the IRIs written in SPARQL constraints, and ``rdf:type`` and
    ``rdfs:subClassOf`` (``sh:class`` and ``sh:targetClass`` follow them). None when a path is
    not a plain IRI (an inverse or sequence path): then every triple may matter.

    >>> from abegraph.ontology import shapes_graph
    >>> followed = _followed_predicates(shapes_graph())
    >>> "https://w3id.org/abegraph/ns#heldBy" in followed, "https://w3id.org/abegraph/ns#row" in followed
    (True, False)
    """
    if any(shapes.triples((None, SH.closed, None))):
        return None  # a closed shape reads every predicate of its focus nodes
    followed = {str(RDF.type), str(RDFS.subClassOf)}
    for path in shapes.objects(None, SH.path):
        if not isinstance(path, URIRef):
            return None
        followed.add(str(path))
    for target in (SH.targetSubjectsOf, SH.targetObjectsOf, SH.equals, SH.disjoint, SH.lessThan,
                   SH.lessThanOrEquals):
        followed.update(str(p) for p in shapes.objects(None, target))
    for kind in (SH.select, SH.ask):
        for query in shapes.objects(None, kind):
            if ":" in _IRI_WRITTEN.sub("", str(query)).replace("$this", ""):
                return None  # a prefixed name in a query: which predicates it reads is not plain
            followed.update(_IRI_WRITTEN.findall(str(query)))
    return frozenset(followed)


_IRI_WRITTEN = re.compile(r"<([^<>\s]+)>")


@lru_cache(maxsize=1)
def _shapes() -> tuple[Graph, frozenset[str] | None, str]:
    """The shapes, the predicates they read, and the vocabulary's quads they read, as N-Quads."""
    shapes = shapes_graph()
    followed = _followed_predicates(shapes)
    return shapes, followed, _nquads(vocabulary_quads(), followed)


def _nquads(quads, followed: frozenset[str] | None) -> str:
    if followed is not None:
        quads = [q for q in quads if q.predicate.value in followed]
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS).decode("utf-8") if quads else ""


def shacl_problems(data, origin: dict[ox.NamedNode, tuple[str, str, int]],
                   only: set | None = None) -> list[Problem]:
    """Validate ``data`` (rdflib triples, a graph or a list, or pyoxigraph default-graph quads;
    plus the vocabulary) against the shapes; one problem per result.

    ``origin`` and ``only`` (which limits the report to these focus nodes: context pulled from
    the store for reference checks was validated when it was loaded) hold pyoxigraph nodes;
    the validator's results are rdflib terms, converted here.

    The validator is pyshacl-turbo (pySHACL's API and results, computed in Rust). It is given
    N-Quads text of only the triples the shapes can read (a workbook's row numbers, sources and
    descriptions are a quarter of its triples), as its ``Input``: an in-memory pyoxigraph
    store, which it dumps to text twice, and an rdflib graph were each slower (10,000 rows:
    2.4 s and 10 s against 1.3 s; ``python -m bench.load``).
    """
    from pyshacl_turbo import Input, validate  # only where there is something to validate

    shapes, followed, vocabulary = _shapes()
    data = list(data)
    quads = [q for q in data if isinstance(q, ox.Quad)]
    quads += quads_from_triples([t for t in data if not isinstance(t, ox.Quad)], None)
    text = vocabulary + _nquads(quads, followed)
    conforms, results, _ = validate(Input(text, "nquads", None, {}, preserve_ids=True), shacl_graph=shapes,
                                    inference="none", abort_on_first=False, allow_warnings=True, advanced=True)
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
