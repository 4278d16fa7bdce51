"""Link what several sources say about the same thing: propose matches, apply the accepted
ones as ``owl:sameAs`` in their own named graph, and report facts the sources disagree on.

The links graph (``abeg:links``) is a ``void:Linkset``: one ``alias owl:sameAs canonical``
triple per matched entity (the canonical one is the entity of the source loaded first) and
one ``abe:Match`` per reviewed pair with its decision, score and reasons, so rejected pairs
are not proposed again. The projections (so every analysis and map) read entities through
:func:`same_as`, and the saved questions and ``stats`` through the same triples in SPARQL, so a
matched pair counts as one node; dropping the graph (:func:`remove_links`) undoes every merge.

Example
-------
>>> from abegraph.linking.linkset import propose, same_as
>>> result = propose(demo_store)
>>> result.proposals                      # one source: nothing to link
[]
>>> same_as(demo_store)
{}
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib.namespace import OWL, PROV, RDF, RDFS, VOID, XSD

from abegraph.graph.terms import node
from abegraph.linking.matching import Clusters, Proposal, Record, find_matches
from abegraph.loaders.vocabulary import value_label
from abegraph.ontology.namespace import ABE, GRAPH, ID, SPARQL_PREFIXES, graph_iri
from abegraph.thai.text import is_thai

__all__ = ["LINKS_GRAPH", "Decision", "Conflict", "LinkResult", "records", "same_as", "decisions",
           "propose", "apply_decisions", "remove_links", "conflicts", "Clusters", "display_name", "fact_name"]

LINKS_GRAPH = graph_iri("links")


_ENTITIES = SPARQL_PREFIXES + """
SELECT ?x ?kind ?g WHERE {
  VALUES (?type ?kind) { (abe:Agency "agency") (abe:Resource "resource") (dcat:Dataset "dataset") (abe:Issue "issue") }
  GRAPH ?g { ?x a ?type }
  FILTER NOT EXISTS { ?x a dcat:Dataset FILTER(?kind = "resource") }
}"""

_NAMES = SPARQL_PREFIXES + """
SELECT ?x ?name ?alt WHERE {
  { ?x a abe:Agency } UNION { ?x a abe:Resource } UNION { ?x a abe:Issue }
  { ?x rdfs:label|skos:prefLabel|dcterms:title ?name BIND(false AS ?alt) } UNION { ?x skos:altLabel ?name BIND(true AS ?alt) }
}"""

_CONTEXT = SPARQL_PREFIXES + """
SELECT ?x ?what ?value WHERE {
  { ?x abe:locatedIn/abe:areaCode ?value BIND("district" AS ?what) }
  UNION { ?x org:subOrganizationOf ?value BIND("parent" AS ?what) }
  UNION { ?x abe:heldBy|dcterms:publisher ?value BIND("holders" AS ?what) }
  UNION { ?x abe:linkKey ?value BIND("link_keys" AS ?what) }
}"""

_LOAD_TIMES = SPARQL_PREFIXES + "SELECT ?g ?t WHERE { GRAPH ?g { ?g prov:generatedAtTime ?t } }"

_SAME_AS = SPARQL_PREFIXES + f"SELECT ?a ?c WHERE {{ GRAPH <{LINKS_GRAPH}> {{ ?a owl:sameAs ?c }} }}"

_DECISIONS = SPARQL_PREFIXES + f"""
SELECT ?m ?a ?b ?decision ?score WHERE {{ GRAPH <{LINKS_GRAPH}> {{
  ?m a abe:Match ; abe:decision ?decision ; abe:matchA ?a ; abe:matchB ?b . OPTIONAL {{ ?m abe:score ?score }}
}} }}"""


@dataclass(frozen=True)
class Decision:
    """A reviewed pair: ``accept`` (the same thing) or ``reject`` (different things)."""

    a: str
    b: str
    decision: str
    score: float | None = None
    reasons_en: str = ""
    reasons_th: str = ""

    @property
    def pair(self) -> tuple[str, str]:
        return tuple(sorted((self.a, self.b)))


@dataclass(frozen=True)
class Conflict:
    """One fact that sources state differently: ``values`` maps each value to its sources."""

    kind: str
    entity: str
    label: str
    fact: str
    values: dict = field(compare=False, hash=False)

    def describe(self, lang: str = "en") -> str:
        parts = "; ".join(f"{value} ({', '.join(sources)})" for value, sources in sorted(self.values.items()))
        if lang == "th":
            return f"{self.label}: แหล่งข้อมูลระบุ {fact_name(self.fact, lang)} ต่างกัน: {parts}"
        return f"{self.label}: the sources disagree on {self.fact}: {parts}"


_FACT_TH = {"holder": "หน่วยงานเจ้าของ", "personal data": "การเป็นข้อมูลส่วนบุคคล", "dimension": "มิติ",
            "Thai name": "ชื่อภาษาไทย"}


def fact_name(fact: str, lang: str = "en") -> str:
    """A fact sources may disagree on (a :class:`Conflict`'s ``fact``), in ``lang``.

    >>> fact_name("holder", "th"), fact_name("holder")
    ('หน่วยงานเจ้าของ', 'holder')
    """
    return _FACT_TH.get(fact, fact) if lang == "th" else fact


@dataclass
class LinkResult:
    """What :func:`propose` found: new proposals (best first), conflicts, and the records by key."""

    proposals: list[Proposal]
    conflicts: list[Conflict]
    records: dict[str, Record]
    sources: dict[str, str] = field(default_factory=dict)  # record key -> source name
    order: dict[str, int] = field(default_factory=dict)  # record key -> load order, as records() gives it

    @property
    def confident(self) -> list[Proposal]:
        return [p for p in self.proposals if p.confident]

    def names(self, lang: str = "en") -> dict[str, str]:
        """Each record's name to show in ``lang``."""
        return {key: display_name(r, lang) for key, r in self.records.items()}


def display_name(record: Record, lang: str = "en") -> str:
    """The record's first name in ``lang`` (Thai or not), else its first name, else its key.

    >>> display_name(Record("x", "agency", "t1", ("Equitable Education Fund", "กสศ.")), "th")
    'กสศ.'
    """
    wanted = [n for n in record.names if is_thai(n) == (lang == "th")]
    return (wanted or list(record.names) or [record.key])[0]


def _source_name(graph: str) -> str:
    return graph[len(str(GRAPH)):] if graph.startswith(str(GRAPH)) else graph


def _skipped_graph(graph: str) -> bool:
    name = _source_name(graph)
    return graph == str(LINKS_GRAPH) or name.startswith("analysis-")


def records(store) -> tuple[list[Record], dict[str, int]]:
    """Every agency, resource, dataset and issue as a :class:`Record`, and each record's load
    order (the rank of the first-loaded source that defines it)."""
    loaded = {g.value: t.value for g, t in store.rows(_LOAD_TIMES)}
    graphs_order = {}
    found: dict[str, tuple[str, list[str]]] = {}
    for x, kind, g in store.values(_ENTITIES):
        if _skipped_graph(g):
            continue
        found.setdefault(x, (kind, []))[1].append(g)
    ranked = sorted({g for _, gs in found.values() for g in gs}, key=lambda g: (loaded.get(g, ""), g))
    graphs_order = {g: i for i, g in enumerate(ranked)}
    names: dict[str, list[str]] = defaultdict(list)
    for x, name, _ in sorted(store.values(_NAMES), key=lambda row: (row[2], str(row[1]))):
        if x in found and str(name) not in names[x]:
            names[x].append(str(name))  # names first, then abbreviations
    context: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    for x, what, value in store.values(_CONTEXT):
        if x in found:
            text = str(value)
            context[x][what].add(text.rsplit("/", 1)[-1] if what == "link_keys" else text)
    out, order = [], {}
    for x, (kind, graphs) in sorted(found.items()):
        first = min(graphs, key=graphs_order.__getitem__)
        order[x] = graphs_order[first]
        out.append(Record(x, kind, _source_name(first), tuple(names.get(x, ())),
                          {k: frozenset(v) for k, v in context.get(x, {}).items()}))
    return out, order


def _linked(store) -> bool:
    """True when the store has a links graph (nothing was matched otherwise)."""
    return LINKS_GRAPH in store.graph_names()


def same_as(store) -> dict[str, str]:
    """Each matched entity that is not canonical -> its canonical entity (IRIs as strings)."""
    if not _linked(store):
        return {}
    return dict(store.values(_SAME_AS))


def decisions(store) -> dict[tuple[str, str], Decision]:
    """The pairs reviewed so far, by sorted pair."""
    if not _linked(store):
        return {}
    out = {}
    for _, a, b, decision, score in store.values(_DECISIONS):
        d = Decision(a, b, str(decision), float(score) if score is not None else None)
        out[d.pair] = d
    return out


def propose(store, lang: str = "en") -> LinkResult:
    """Matches across sources not decided yet, and the facts the sources disagree on (named in ``lang``)."""
    recs, order = records(store)
    reviewed = decisions(store)
    clusters = Clusters(order)
    for pair, d in reviewed.items():
        if d.decision == "accept":
            clusters.join(*pair)
    fresh = [p for p in find_matches(recs) if (p.a, p.b) not in reviewed
             and clusters.find(p.a) != clusters.find(p.b)]
    by_key = {r.key: r for r in recs}
    return LinkResult(fresh, conflicts(store, clusters.mapping(), by_key, lang), by_key,
                      {r.key: r.source for r in recs}, order)


def _match_iri(pair: tuple[str, str]) -> ox.NamedNode:
    return node(ID[f"match/{hashlib.sha1(' '.join(pair).encode()).hexdigest()[:16]}"])


def apply_decisions(store, new: list[Decision], *, file_name: str = "", sha256: str = "",
                    order: dict[str, int] | None = None) -> dict[str, str]:
    """Record reviewed pairs in the links graph, with those reviewed before (a new decision on
    the same pair replaces the old one). Returns the alias -> canonical map now in force.
    ``order`` is the load order from :func:`records`, read from the store when not given.

    Raises :class:`ValueError` if accepted pairs would join two entities a decision rejects;
    the caller checks the review file for that first and names the rows.
    """
    order = order if order is not None else records(store)[1]
    merged = decisions(store)
    for d in new:
        merged[d.pair] = d
    clusters = Clusters(order)
    for pair, d in merged.items():
        if d.decision == "accept":
            clusters.join(*pair)
    for pair, d in merged.items():
        if d.decision == "reject" and clusters.find(pair[0]) == clusters.find(pair[1]):
            raise ValueError(f"accepted matches join {pair[0]} and {pair[1]}, which a decision rejects")
    mapping = clusters.mapping()
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    links = node(LINKS_GRAPH)
    said = [(links, RDF.type, node(VOID.Linkset)), (links, VOID.linkPredicate, node(OWL.sameAs)),
            (links, RDFS.label, ox.Literal("matches between sources", language="en")),
            (links, RDFS.label, ox.Literal("การจับคู่ระหว่างแหล่งข้อมูล", language="th")),
            (links, PROV.generatedAtTime, ox.Literal(now.isoformat(), datatype=node(XSD.dateTime)))]
    if file_name:
        said += [(links, ABE.fileName, ox.Literal(file_name)), (links, ABE.sha256, ox.Literal(sha256))]
    said += [(ox.NamedNode(a), OWL.sameAs, ox.NamedNode(c)) for a, c in sorted(mapping.items())]
    for pair, d in sorted(merged.items()):
        m = _match_iri(pair)
        said += [(m, RDF.type, node(ABE.Match)), (m, ABE.matchA, ox.NamedNode(pair[0])),
                 (m, ABE.matchB, ox.NamedNode(pair[1])), (m, ABE.decision, ox.Literal(d.decision))]
        if d.score is not None:
            said.append((m, ABE.score, ox.Literal(str(round(d.score, 3)), datatype=node(XSD.decimal))))
        if d.reasons_en:
            said.append((m, RDFS.comment, ox.Literal(d.reasons_en, language="en")))
        if d.reasons_th:
            said.append((m, RDFS.comment, ox.Literal(d.reasons_th, language="th")))
    store.replace_graphs({LINKS_GRAPH: [ox.Quad(s, node(p), o) for s, p, o in said]})
    return mapping


def remove_links(store) -> bool:
    """Drop the links graph: every merge is undone. True if there was one."""
    present = _linked(store)
    store.drop_graphs([LINKS_GRAPH])
    return present


_FACTS = SPARQL_PREFIXES + """
SELECT ?x ?kind ?g ?fact ?value WHERE {
  VALUES (?type ?kind) { (abe:Agency "agency") (abe:Resource "resource") (dcat:Dataset "dataset") }
  GRAPH ?g {
    ?x a ?type .
    { ?x abe:heldBy ?value BIND("holder" AS ?fact) }
    UNION { ?x abe:personalData ?value BIND("personal data" AS ?fact) }
    UNION { ?x abe:dimension ?value BIND("dimension" AS ?fact) FILTER NOT EXISTS { ?x a dcat:Dataset } }
    UNION { ?x rdfs:label|dcterms:title ?value FILTER(lang(?value) = "th") BIND("Thai name" AS ?fact) }
  }
  FILTER(?kind != "resource" || NOT EXISTS { ?x a dcat:Dataset })
}"""


def conflicts(store, mapping: dict[str, str] | None = None, by_key: dict[str, Record] | None = None,
              lang: str = "en") -> list[Conflict]:
    """Facts two sources state differently about one entity (after matching): a resource held
    by different agencies, a dataset personal in one source and not in another, a dimension,
    or one id given two different Thai names."""
    mapping = mapping if mapping is not None else same_as(store)
    by_key = by_key if by_key is not None else {r.key: r for r in records(store)[0]}
    facts: dict[tuple[str, str, str], dict[str, set]] = defaultdict(lambda: defaultdict(set))
    for x, kind, g, fact, value in store.values(_FACTS):
        if _skipped_graph(g):
            continue
        entity = mapping.get(x, x)
        shown = mapping.get(value, value) if fact == "holder" else value
        facts[(kind, entity, fact)][_source_name(g)].add(_fact_value(fact, shown, by_key, lang))
    out = []
    for (kind, entity, fact), per_source in sorted(facts.items()):
        if len(per_source) < 2:
            continue
        distinct = {frozenset(v) for v in per_source.values()}
        if len(distinct) < 2:
            continue
        values: dict[str, list[str]] = defaultdict(list)
        for source, vals in sorted(per_source.items()):
            values[" + ".join(sorted(vals))].append(source)
        label = _shown(entity, by_key, lang)
        out.append(Conflict(kind, entity, label, fact, dict(values)))
    return out


def _fact_value(fact: str, value, by_key, lang: str) -> str:
    """A fact's value as people read it in ``lang``: a dimension and yes/no by their names (as
    ``abegraph diff`` gives them), a holder by its name."""
    if isinstance(value, bool):
        return value_label("bool", value, lang)
    text = _shown(value, by_key, lang)
    return value_label("dimension", text, lang) if fact == "dimension" else text


def _shown(value, by_key, lang: str) -> str:
    """A value as people read it: a record's name, a boolean as yes/no, else its text."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = str(value)
    if by_key and text in by_key:
        return display_name(by_key[text], lang)
    return text.rsplit("/", 1)[-1].rsplit("#", 1)[-1] if text.startswith("http") else text
