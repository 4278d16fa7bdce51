"""What changed between two sources: two loads, two workshop rounds, two years.

A source is a graph in the store (its name) or a file read on the side (it is not loaded).
Agencies, resources and datasets are compared by identity: the same IRI (the same workbook id),
or entities matched by ``abegraph link``. Sharing links are the agency pairs that share an
asset. Each difference is one row: ``kind``, ``change`` (added, removed, changed), ``id``,
``name``, and for a change the ``field`` with its value ``before`` and ``after``.

Example
-------
>>> from abegraph.linking.diff import snapshot, compare
>>> demo = snapshot(demo_store, "khonkaen-demo")
>>> len(demo["agency"]), len(demo["dataset"])
(33, 35)
>>> compare(demo, demo)
[]
"""
from __future__ import annotations

from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

from abegraph.exceptions import NotFound
from abegraph.graph.store import Store, loaded_graph
from abegraph.linking.linkset import same_as
from abegraph.loaders.pipeline import read_files
from abegraph.ontology.iris import prefixes
from abegraph.ontology.namespace import ID, SPARQL_PREFIXES, graph_iri

__all__ = ["snapshot", "labels_of", "compare", "diff_sources", "source_store", "summary", "KINDS",
           "CHANGES"]

KINDS = ("agency", "resource", "dataset", "sharing")
CHANGES = ("added", "removed", "changed")

_ABE, _RDFS, _SKOS, _DCT, _ORG = (prefixes("all")[p] for p in ("abe", "rdfs", "skos", "dcterms", "org"))

#: (kind, field, property) read from one graph; reference fields name other entities
_FIELDS = [
    ("agency", "name_th", _RDFS + "label"), ("agency", "name_en", _RDFS + "label"),
    ("agency", "abbreviations", _SKOS + "altLabel"), ("agency", "type", _ABE + "agencyType"),
    ("agency", "parent", _ORG + "subOrganizationOf"), ("agency", "district", _ABE + "locatedIn"),
    ("resource", "name_th", _RDFS + "label"), ("resource", "name_en", _RDFS + "label"),
    ("resource", "dimension", _ABE + "dimension"), ("resource", "type", _ABE + "resourceType"),
    ("resource", "held_by", _ABE + "heldBy"), ("resource", "shared_with", _ABE + "sharedWith"),
    ("resource", "addresses", _ABE + "addresses"), ("resource", "areas", _ABE + "coversArea"),
    ("resource", "amount_thb", _ABE + "amount"),
    ("dataset", "title_th", _DCT + "title"), ("dataset", "title_en", _DCT + "title"),
    ("dataset", "publisher", _DCT + "publisher"), ("dataset", "link_keys", _ABE + "linkKey"),
    ("dataset", "granularity", _ABE + "granularity"), ("dataset", "personal_data", _ABE + "personalData"),
    ("dataset", "access", _ABE + "accessLevel"), ("dataset", "update_frequency", _ABE + "updateFrequency"),
    ("dataset", "addresses", _ABE + "addresses"), ("dataset", "areas", _DCT + "spatial"),
]
_REFERENCES = {"parent", "held_by", "shared_with", "publisher"}

_ENTITIES = SPARQL_PREFIXES + """
SELECT ?x ?kind WHERE { GRAPH <GRAPH> {
  VALUES (?type ?kind) { (abe:Agency "agency") (abe:Resource "resource") (dcat:Dataset "dataset") }
  ?x a ?type } }"""

_VALUES = SPARQL_PREFIXES + """
SELECT ?x ?p ?o WHERE { GRAPH <GRAPH> { ?x ?p ?o FILTER(?p IN (PROPERTIES)) } }"""

_LABELS = SPARQL_PREFIXES + """
SELECT ?x ?label WHERE { ?x rdfs:label|skos:prefLabel|dcterms:title ?label FILTER(lang(?label) = "th") }"""


def labels_of(store) -> dict[str, str]:
    """Each entity's Thai label (name or title) in ``store``."""
    labels = {}
    for x, label in store.rows(_LABELS):
        labels.setdefault(x.value, label.value)
    return labels


def snapshot(store, name: str, same: dict[str, str] | None = None, labels: dict[str, str] | None = None) -> dict:
    """What one graph says: kind -> entity IRI -> field -> sorted values (labels for references);
    ``sharing`` holds the agency pairs that share an asset, with the assets. ``labels``
    (from :func:`labels_of`) names referenced entities; read from ``store`` when not given."""
    graph = loaded_graph(store, name)
    same = same or {}
    canon = lambda iri: same.get(iri, iri)  # noqa: E731
    labels = labels if labels is not None else labels_of(store)
    shown = lambda iri: labels.get(iri, iri.rsplit("/", 1)[-1])  # noqa: E731
    kinds = {}
    for x, kind in store.values(_ENTITIES.replace("<GRAPH>", f"<{graph}>")):
        if kinds.get(canon(x)) != "dataset":  # a dataset is also a resource: it stays a dataset
            kinds[canon(x)] = kind
    fields_of = defaultdict(list)
    for kind, field, prop in _FIELDS:
        fields_of[prop].append((kind, field))
    properties = ", ".join(f"<{p}>" for p in fields_of)
    out: dict[str, dict] = {k: {} for k in KINDS}
    for x in kinds:
        out[kinds[x]][x] = {}
    values = defaultdict(lambda: defaultdict(set))
    holders = defaultdict(set)
    sparql = _VALUES.replace("<GRAPH>", f"<{graph}>").replace("PROPERTIES", properties)
    for x, p, o in store.rows(sparql):
        entity = canon(x.value)
        kind = kinds.get(entity)
        for field_kind, field in fields_of[p.value]:
            if field_kind != kind:
                continue
            lang = getattr(o, "language", None)
            if field.endswith("_th") and lang != "th" or field.endswith("_en") and lang != "en":
                continue
            text = o.value
            if field in _REFERENCES:
                holders_key = canon(text)
                if field in ("held_by", "shared_with", "publisher"):
                    holders[entity].add(holders_key)
                text = shown(holders_key)
            elif text.startswith("http"):
                text = text.rsplit("/", 1)[-1]
            values[entity][field].add(text)
    for entity, fields in values.items():
        out[kinds[entity]][entity] = {f: tuple(sorted(v)) for f, v in fields.items()}
    pairs = defaultdict(set)
    for asset, agencies in holders.items():
        ordered = sorted(agencies)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1:]:
                pairs[(a, b)].add(shown(asset))
    out["sharing"] = {f"{a} | {b}": {"agencies": (shown(a), shown(b)), "assets": tuple(sorted(v))}
                      for (a, b), v in pairs.items()}
    out["_names"] = {x: shown(x) for x in kinds}
    return out


def _name(snap, key: str, fields: dict) -> str:
    if "agencies" in fields:
        return " – ".join(fields["agencies"])
    for field in ("name_th", "title_th", "name_en", "title_en"):
        if fields.get(field):
            return fields[field][0]
    return snap.get("_names", {}).get(key, key.rsplit("/", 1)[-1])


def compare(before: dict, after: dict) -> list[dict]:
    """The rows that tell ``before`` from ``after`` (see the module docstring for the keys)."""
    rows = []
    for kind in KINDS:
        a, b = before.get(kind, {}), after.get(kind, {})
        for key in sorted(set(a) | set(b)):
            ident = key.rsplit("/", 1)[-1] if kind != "sharing" else ""
            if key not in a:
                rows.append({"kind": kind, "change": "added", "id": ident, "name": _name(after, key, b[key]),
                             "field": "", "before": "", "after": ""})
            elif key not in b:
                rows.append({"kind": kind, "change": "removed", "id": ident, "name": _name(before, key, a[key]),
                             "field": "", "before": "", "after": ""})
            else:
                for field in sorted(set(a[key]) | set(b[key])):
                    old, new = a[key].get(field, ()), b[key].get(field, ())
                    if old != new:
                        rows.append({"kind": kind, "change": "changed", "id": ident, "name": _name(after, key, b[key]),
                                     "field": field, "before": "; ".join(old), "after": "; ".join(new)})
    return rows


def _loaded_or_file(store, name: str):
    """The graph IRI of a loaded source, or the path of a file; :class:`NotFound` (with a
    hint) when ``name`` is neither."""
    try:
        return loaded_graph(store, name)
    except NotFound as err:
        if not Path(name).exists():
            err.hint = "Give a loaded source's name (abegraph stats lists them) or a file."
            err.hint_th = "ระบุชื่อแหล่งข้อมูลที่โหลดแล้ว (ดูได้จาก abegraph stats) หรือชื่อไฟล์"
            raise
        return Path(name)


def diff_sources(store, first: str, second: str) -> list[dict]:
    """Compare two sources, each a loaded source's name (or graph IRI) or a file (read, not loaded)."""
    same = same_as(store)
    labels = labels_of(store)
    snaps = []
    for name in (first, second):
        found = _loaded_or_file(store, name)
        if isinstance(found, Path):
            snaps.append(_file_snapshot(found, store, same, labels))
        else:
            snaps.append(snapshot(store, name, same, labels))
    return compare(*snaps)


_GRAPH_TRIPLES = "SELECT ?s ?p ?o WHERE { GRAPH <G> { ?s ?p ?o } }"
_DESCRIBED = "SELECT ?s ?p ?o WHERE { VALUES ?s { IRIS } ?s ?p ?o }"


@contextmanager
def source_store(store, name: str):
    """One source on its own, in a scratch in-memory store (closed on exit), for figures
    computed on each round alone (``abegraph diff --health``).

    ``name`` is a loaded source (its graph is copied) or a file (checked against ``store`` and
    read, not loaded). Entities it refers to but does not describe (agencies loaded from an
    earlier file, the default issues) come along from ``store``, so the round's network has
    them; nothing else of ``store`` does. ``store`` is not changed.

    Examples
    --------
    >>> with source_store(demo_store, "khonkaen-demo") as alone:
    ...     len(snapshot(alone, "side")["agency"])
    33
    """
    found = _loaded_or_file(store, name)
    if isinstance(found, Path):
        quads = read_files(store, [found], names=["side"])["side"]
    else:
        quads = [ox.Quad(*row) for row in store.rows(_GRAPH_TRIPLES.replace("<G>", f"<{found}>"))]
    described = {q.subject for q in quads}
    wanted = sorted({q.object.value for q in quads if isinstance(q.object, ox.NamedNode)
                     and q.object not in described and q.object.value.startswith(str(ID))})
    context = []
    for start in range(0, len(wanted), 500):
        iris = " ".join(f"<{iri}>" for iri in wanted[start:start + 500])
        context += [ox.Quad(*row) for row in store.rows(_DESCRIBED.replace("IRIS", iris))]
    scratch = Store.open(None)
    try:
        scratch.replace_graphs({graph_iri("side"): quads, graph_iri("context"): context})
        yield scratch
    finally:
        scratch.close()


def _file_snapshot(path: Path, store, same: dict, labels: dict) -> dict:
    """Check and convert a file against the store (so it may name the store's agencies), put
    it in a scratch in-memory store and take its snapshot; the store is not changed."""

    converted = read_files(store, [path], names=["side"])
    scratch = Store.open(None)
    try:
        scratch.replace_graphs({graph_iri("side"): converted["side"]})
        return snapshot(scratch, "side", same, {**labels, **labels_of(scratch)})
    finally:
        scratch.close()


def summary(rows: list[dict]) -> list[dict]:
    """How many entities of each kind were added, removed or changed (an entity with several
    changed fields counts once), for every kind of :data:`KINDS` and ``health`` when the rows
    have it. People read it, and the rows, through :func:`abegraph.network.columns.readable`
    (``analysis="diff"``).

    >>> summary([{"kind": "agency", "change": "added", "id": "KKU", "name": "มหาวิทยาลัยขอนแก่น"}])[:2]
    [{'kind': 'agency', 'added': 1, 'removed': 0, 'changed': 0}, {'kind': 'resource', 'added': 0, 'removed': 0, 'changed': 0}]
    """
    kinds = KINDS + (("health",) if any(r["kind"] == "health" for r in rows) else ())  # diff --health
    return [{"kind": kind, **{c: len({r["id"] + r["name"] for r in rows if r["kind"] == kind and r["change"] == c})
                              for c in CHANGES}}
            for kind in kinds]
