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
from functools import cache, lru_cache
from types import SimpleNamespace

import pyoxigraph as ox

from ..ontology.iris import iri

__all__ = ["node", "iri_text", "uriref", "to_ox", "from_ox", "python_value", "solution_rows", "quads_from_triples",
           "triples_from_quads"]

_STRING = iri("xsd:string")

#: literal datatype -> the Python value its text reads as (as rdflib's ``toPython`` does)
_VALUES = {iri(f"xsd:{name}"): kind for names, kind in (
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


@cache
def _rdflib() -> SimpleNamespace:
    """rdflib's term classes, imported on first use: rdflib is the public face, and a load of
    a file of triples never needs it (importing it costs 0.08 s and 17 MB)."""
    from rdflib import BNode, Literal, URIRef

    return SimpleNamespace(BNode=BNode, Literal=Literal, URIRef=URIRef)


def iri_text(iri) -> str:
    """An IRI as text, given as text, an rdflib ``URIRef`` or a pyoxigraph node.

    >>> iri_text(ox.NamedNode("urn:x")), iri_text("urn:x")
    ('urn:x', 'urn:x')
    """
    return iri.value if isinstance(iri, ox.NamedNode) else str(iri)


def uriref(value):
    """rdflib's ``URIRef`` of an IRI (text or a pyoxigraph node), for what abegraph gives to
    rdflib users (graph names, :meth:`~abegraph.graph.store.Store.select` rows).

    >>> uriref(ox.NamedNode("urn:x"))
    rdflib.term.URIRef('urn:x')
    """
    return _rdflib().URIRef(iri_text(value))


def to_ox(term):
    """A pyoxigraph term for an rdflib term."""
    rdflib = _rdflib()
    URIRef, BNode, Literal = rdflib.URIRef, rdflib.BNode, rdflib.Literal  # noqa: N806 - rdflib's names
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype and str(term.datatype) != _STRING:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, str):
        return ox.Literal(term)
    raise TypeError(f"not an RDF term: {term!r}")


def from_ox(term):
    """An rdflib term for a pyoxigraph term (None stays None)."""
    if term is None:
        return None
    rdflib = _rdflib()
    URIRef, BNode, Literal = rdflib.URIRef, rdflib.BNode, rdflib.Literal  # noqa: N806 - rdflib's names
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype == _STRING else URIRef(datatype))
    if isinstance(term, ox.DefaultGraph):
        return None
    raise TypeError(f"not a pyoxigraph term: {term!r}")


def python_value(term):
    """A plain Python value for a pyoxigraph term, for code that computes with values (the
    network, the tables): an IRI's or blank node's text, a literal's value (``int``,
    ``Decimal``, ``float``, ``bool``, ``date`` by its datatype; its text otherwise, or when the
    text does not read as its datatype). ``None`` stays ``None``.

    >>> python_value(ox.Literal("12", datatype=ox.NamedNode(iri("xsd:integer")))), python_value(ox.NamedNode("urn:x"))
    (12, 'urn:x')
    >>> python_value(ox.Literal("ขอนแก่น", language="th")), python_value(ox.Literal("12x", datatype=ox.NamedNode(iri("xsd:integer"))))
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


def quads_from_triples(triples, graph: str | None):
    """pyoxigraph quads in ``graph`` (``None``: the default graph) for rdflib triples (a lazy generator).

    >>> from rdflib import Literal, URIRef
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
