"""Convert RDF terms between rdflib (the public face) and pyoxigraph (the fast path).

Example
-------
>>> from rdflib import Literal, URIRef
>>> from abegraph.graph.terms import to_ox, from_ox
>>> from_ox(to_ox(Literal("ขอนแก่น", lang="th"))) == Literal("ขอนแก่น", lang="th")
True
>>> to_ox(URIRef("https://w3id.org/abegraph/id/area/40"))
<NamedNode value=https://w3id.org/abegraph/id/area/40>
"""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

__all__ = ["node", "to_ox", "from_ox", "python_value", "solution_rows", "quads_from_triples", "triples_from_quads"]

_STRING = XSD.string

#: literal datatype -> the Python value its text reads as (as rdflib's ``toPython`` does)
_VALUES = {str(XSD[name]): kind for names, kind in (
    (("integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger", "nonPositiveInteger",
      "negativeInteger", "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte"), int),
    (("decimal",), Decimal), (("double", "float"), float),
    (("boolean",), lambda text: text.strip() in ("true", "1")),
    (("date",), date.fromisoformat), (("dateTime",), datetime.fromisoformat)) for name in names}


@lru_cache(maxsize=1 << 16)
def node(iri: str) -> ox.NamedNode:
    """The pyoxigraph node of an IRI (a ``str`` or an rdflib ``URIRef``, such as ``ABE.heldBy``),
    made once per IRI: the vocabulary's names stay in one place and code that builds quads
    says ``node(ABE.heldBy)``.

    >>> from abegraph.ontology.namespace import ABE
    >>> node(ABE.heldBy)
    <NamedNode value=https://w3id.org/abegraph/ns#heldBy>
    """
    return ox.NamedNode(str(iri))


def to_ox(term):
    """A pyoxigraph term for an rdflib term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype and term.datatype != _STRING:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, str):
        return ox.Literal(term)
    raise TypeError(f"not an RDF term: {term!r}")


def from_ox(term):
    """An rdflib term for a pyoxigraph term (None stays None)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype == str(_STRING) else URIRef(datatype))
    if isinstance(term, ox.DefaultGraph):
        return None
    raise TypeError(f"not a pyoxigraph term: {term!r}")


def python_value(term):
    """A plain Python value for a pyoxigraph term, for code that computes with values (the
    network, the tables): an IRI's or blank node's text, a literal's value (``int``,
    ``Decimal``, ``float``, ``bool``, ``date`` by its datatype; its text otherwise, or when the
    text does not read as its datatype). ``None`` stays ``None``.

    >>> python_value(ox.Literal("12", datatype=ox.NamedNode(str(XSD.integer)))), python_value(ox.NamedNode("urn:x"))
    (12, 'urn:x')
    >>> python_value(ox.Literal("ขอนแก่น", language="th")), python_value(ox.Literal("12x", datatype=ox.NamedNode(str(XSD.integer))))
    ('ขอนแก่น', '12x')
    """
    if term is None or isinstance(term, ox.DefaultGraph):
        return None
    if isinstance(term, ox.Literal):
        kind = _VALUES.get(term.datatype.value)
        if kind is not None:
            try:
                return kind(term.value)
            except (ValueError, ArithmeticError):
                return term.value
    return term.value


def solution_rows(solutions, convert=None) -> list[tuple]:
    """The rows of pyoxigraph SELECT ``solutions`` as tuples of its terms, or of each term
    through ``convert`` (:func:`from_ox`, :func:`python_value`)."""
    count = len(solutions.variables)
    if convert is None:
        return [tuple(solution[i] for i in range(count)) for solution in solutions]
    return [tuple(convert(solution[i]) for i in range(count)) for solution in solutions]


def quads_from_triples(triples, graph: URIRef | None):
    """pyoxigraph quads in ``graph`` (``None``: the default graph) for rdflib triples (a lazy generator).

    >>> [q.graph_name for q in quads_from_triples([(URIRef("urn:s"), URIRef("urn:p"), Literal("o"))], None)]
    [<DefaultGraph>]
    """
    cache: dict = {}
    graph_node = ox.DefaultGraph() if graph is None else ox.NamedNode(str(graph))

    def convert(term):
        found = cache.get(term)
        if found is None:
            found = cache[term] = to_ox(term)
        return found

    for s, p, o in triples:
        yield ox.Quad(convert(s), convert(p), convert(o), graph_node)


def triples_from_quads(quads) -> list[tuple]:
    """rdflib triples for pyoxigraph quads (their graphs dropped), for code that works with
    :meth:`~abegraph.graph.store.Store.select`'s rdflib terms.

    >>> triples_from_quads([ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.Literal("o"))])
    [(rdflib.term.URIRef('urn:s'), rdflib.term.URIRef('urn:p'), rdflib.term.Literal('o'))]
    """
    cache: dict = {}

    def convert(term):
        found = cache.get(term)
        if found is None:
            found = cache[term] = from_ox(term)
        return found

    return [(convert(q.subject), convert(q.predicate), convert(q.object)) for q in quads]
