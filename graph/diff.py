"""What changed between two sources: two loads, two workshop rounds, two years.

A source is a graph in the store (its name) or a file read on the side (it is not loaded).
Agencies, resources and datasets are compared by identity: the same IRI (the same workbook id),
or entities matched by ``abegraph link``. Sharing links are the agency pairs that share an
asset. Each difference is one row: ``kind``, ``change`` (added, removed, changed), ``id``,
``name``, and for a change the ``field`` with its value ``before`` and ``after``.

Example
-------
>>> from abegraph.graph.diff import snapshot, compare
>>> demo = snapshot(demo_store, "khonkaen-demo")
>>> len(demo["agency"]), len(demo["dataset"])
(33, 35)
>>> compare(demo, demo)
[]
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from ..exceptions import NotFound
from ..ontology.namespace import graph_iri
from .linking import same_as

__all__ = ["snapshot", "compare", "diff_sources", "write_diff_workbook", "KINDS", "CHANGES"]

KINDS = ("agency", "resource", "dataset", "sharing")
CHANGES = ("added", "removed", "changed")

_PREFIXES = """PREFIX abe: <https://w3id.org/abegraph/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcat: <http://www.w3.org/ns/dcat#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX org: <http://www.w3.org/ns/org#>
"""

#: (kind, field, property path) read from one graph; reference fields name other entities
_FIELDS = [
    ("agency", "name_th", "rdfs:label"), ("agency", "name_en", "rdfs:label"),
    ("agency", "abbreviations", "skos:altLabel"), ("agency", "type", "abe:agencyType"),
    ("agency", "parent", "org:subOrganizationOf"), ("agency", "district", "abe:locatedIn"),
    ("resource", "name_th", "rdfs:label"), ("resource", "name_en", "rdfs:label"),
    ("resource", "dimension", "abe:dimension"), ("resource", "type", "abe:resourceType"),
    ("resource", "held_by", "abe:heldBy"), ("resource", "shared_with", "abe:sharedWith"),
    ("resource", "addresses", "abe:addresses"), ("resource", "areas", "abe:coversArea"),
    ("resource", "amount_thb", "abe:amount"),
    ("dataset", "title_th", "dcterms:title"), ("dataset", "title_en", "dcterms:title"),
    ("dataset", "publisher", "dcterms:publisher"), ("dataset", "link_keys", "abe:linkKey"),
    ("dataset", "granularity", "abe:granularity"), ("dataset", "personal_data", "abe:personalData"),
    ("dataset", "access", "abe:accessLevel"), ("dataset", "update_frequency", "abe:updateFrequency"),
    ("dataset", "addresses", "abe:addresses"), ("dataset", "areas", "dcterms:spatial"),
]
_REFERENCES = {"parent", "held_by", "shared_with", "publisher"}

_ENTITIES = _PREFIXES + """
SELECT ?x ?kind WHERE { GRAPH <GRAPH> {
  VALUES (?type ?kind) { (abe:Agency "agency") (abe:Resource "resource") (dcat:Dataset "dataset") }
  ?x a ?type } }"""

_VALUES = _PREFIXES + """
SELECT ?x ?p ?o WHERE { GRAPH <GRAPH> { ?x ?p ?o FILTER(?p IN (PROPERTIES)) } }"""

_LABELS = _PREFIXES + """
SELECT ?x ?label WHERE { ?x rdfs:label|skos:prefLabel|dcterms:title ?label FILTER(lang(?label) = "th") }"""


def _expand(prefixed: str) -> str:
    prefix, local = prefixed.split(":")
    return {"rdfs": "http://www.w3.org/2000/01/rdf-schema#", "skos": "http://www.w3.org/2004/02/skos/core#",
            "abe": "https://w3id.org/abegraph/ns#", "org": "http://www.w3.org/ns/org#",
            "dcterms": "http://purl.org/dc/terms/"}[prefix] + local


def _graph(store, name: str) -> str:
    iri = name if ":" in name else str(graph_iri(name))
    graphs = {str(g) for g in store.graph_names()}
    if iri not in graphs:
        loaded = ", ".join(sorted(g.rsplit("/", 1)[-1] for g in graphs))
        raise NotFound(f"no source called {name!r} in the store (loaded: {loaded}); give a loaded source's name or a file",
                       thai=f"ไม่พบแหล่งข้อมูล {name!r} ในคลังข้อมูล (ที่โหลดไว้: {loaded}) ระบุชื่อแหล่งข้อมูลที่โหลดแล้วหรือชื่อไฟล์")
    return iri


def snapshot(store, name: str, same: dict[str, str] | None = None, labels_from=None) -> dict:
    """What one graph says: kind -> entity IRI -> field -> sorted values (labels for references);
    ``sharing`` holds the agency pairs that share an asset, with the assets. Labels of
    referenced entities also come from ``labels_from`` (another store) when given."""
    graph = _graph(store, name)
    same = same or {}
    canon = lambda iri: same.get(iri, iri)  # noqa: E731
    labels = {}
    for source in (store, labels_from):
        for x, label in (source.select(_LABELS) if source is not None else ()):
            labels.setdefault(str(x), str(label))
    shown = lambda iri: labels.get(iri, iri.rsplit("/", 1)[-1])  # noqa: E731
    kinds = {}
    for x, kind in store.select(_ENTITIES.replace("<GRAPH>", f"<{graph}>")):
        if kinds.get(canon(str(x))) != "dataset":  # a dataset is also a resource: it stays a dataset
            kinds[canon(str(x))] = str(kind)
    fields_of = defaultdict(list)
    for kind, field, path in _FIELDS:
        fields_of[_expand(path)].append((kind, field))
    properties = ", ".join(f"<{p}>" for p in fields_of)
    out: dict[str, dict] = {k: {} for k in KINDS}
    for x in kinds:
        out[kinds[x]][x] = {}
    values = defaultdict(lambda: defaultdict(set))
    holders = defaultdict(set)
    sparql = _VALUES.replace("<GRAPH>", f"<{graph}>").replace("PROPERTIES", properties)
    for x, p, o in store.select(sparql):
        entity = canon(str(x))
        kind = kinds.get(entity)
        for field_kind, field in fields_of[str(p)]:
            if field_kind != kind:
                continue
            lang = getattr(o, "language", None)
            if field.endswith("_th") and lang != "th" or field.endswith("_en") and lang != "en":
                continue
            text = str(o)
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


def diff_sources(store, first: str, second: str) -> list[dict]:
    """Compare two sources, each a graph name in ``store`` or a file (read, not loaded)."""
    same = same_as(store) if store is not None else {}
    snaps = []
    for name in (first, second):
        path = Path(name)
        if path.exists() and not (store is not None and _has_graph(store, name)):
            snaps.append(_file_snapshot(path, store, same))
        else:
            snaps.append(snapshot(store, name, same))
    return compare(*snaps)


def _has_graph(store, name: str) -> bool:
    iri = name if ":" in name else str(graph_iri(name))
    return iri in {str(g) for g in store.graph_names()}


def _file_snapshot(path: Path, store, same: dict) -> dict:
    """Check and convert a file against the store (so it may name the store's agencies), put
    it in a scratch in-memory store and take its snapshot; the store is not changed."""
    from ..pipeline import read_files
    from .store import Store

    converted = read_files(store, [path], names=["side"])
    scratch = Store.open(None)
    try:
        scratch.replace_graphs({graph_iri("side"): converted["side"]})
        return snapshot(scratch, "side", same, labels_from=store)
    finally:
        scratch.close()


_HEADINGS_TH = {"kind": "ประเภท", "change": "การเปลี่ยนแปลง", "id": "รหัส", "name": "ชื่อ", "field": "ช่อง",
                "before": "เดิม", "after": "ใหม่"}
_SHEETS = {"agency": ("agencies", "หน่วยงาน"), "resource": ("resources", "ทรัพยากร"),
           "dataset": ("datasets", "ชุดข้อมูล"), "sharing": ("sharing", "การใช้ร่วมกัน")}


def write_diff_workbook(rows: list[dict], path: Path, lang: str = "th") -> None:
    """The differences as a workbook: a summary sheet, then one sheet per kind.

    >>> import tempfile, openpyxl
    >>> path = Path(tempfile.mkdtemp()) / "diff.xlsx"
    >>> write_diff_workbook([{"kind": "agency", "change": "added", "id": "KKU", "name": "มหาวิทยาลัยขอนแก่น",
    ...                       "field": "", "before": "", "after": ""}], path)
    >>> openpyxl.load_workbook(path).sheetnames
    ['สรุป', 'หน่วยงาน', 'ทรัพยากร', 'ชุดข้อมูล', 'การใช้ร่วมกัน']
    """
    import openpyxl
    from openpyxl.styles import Font

    th = lang == "th"
    wb = openpyxl.Workbook()
    summary = wb.active
    summary.title = "สรุป" if th else "summary"
    summary.append([_HEADINGS_TH["kind"] if th else "kind"] + [{"added": "เพิ่ม", "removed": "หายไป", "changed": "เปลี่ยน"}[c]
                                                               if th else c for c in CHANGES])
    for kind in KINDS:
        summary.append([_SHEETS[kind][1] if th else _SHEETS[kind][0]] +
                       [len({r["id"] + r["name"] for r in rows if r["kind"] == kind and r["change"] == c}) for c in CHANGES])
    columns = ["change", "id", "name", "field", "before", "after"]
    for kind in KINDS:
        ws = wb.create_sheet(_SHEETS[kind][1] if th else _SHEETS[kind][0])
        ws.append([_HEADINGS_TH[c] if th else c for c in columns])
        for row in rows:
            if row["kind"] == kind:
                ws.append([row[c] for c in columns])
        for letter, width in zip("ABCDEF", (12, 14, 45, 16, 45, 45)):
            ws.column_dimensions[letter].width = width
    for ws in wb.worksheets:
        for cell in ws[1]:
            cell.font = Font(bold=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
