"""Colours, shapes and bilingual names for the maps: one place for what the legend shows.

Nodes are coloured by **kind** (agency, issue, area, link key) and, for assets (resources
and datasets), by **dimension**; the shape tells the kind apart in both cases. Every name the
legend shows comes from the bundled vocabulary (``ontology/*.ttl``): the dimension concepts'
``skos:prefLabel`` and the classes' and properties' ``rdfs:label``, in Thai and English, with
a fallback only where the vocabulary has no term (``dcat:Dataset``, group nodes).

Example
-------
>>> from abegraph.visualize.palette import dimension_legend, kind_legend, relation_names
>>> [d["key"] for d in dimension_legend()]
['data', 'operations', 'knowledge', 'policy']
>>> dimension_legend()[0]["th"], dimension_legend()[0]["color"]
('ข้อมูล/สารสนเทศ', '#0f9fb5')
>>> kind_legend()["agency"]["th"], kind_legend()["agency"]["shape"]
('หน่วยงาน', 'dot')
>>> relation_names()["held_by"]
{'th': 'หน่วยงานเจ้าของ', 'en': 'held by'}
"""
from __future__ import annotations

from functools import lru_cache

from abegraph.ontology import vocabulary_store
from abegraph.ontology.iris import ABE_IRI, VOCAB_IRI

__all__ = ["KIND_ORDER", "DIMENSION_ORDER", "RELATION_ORDER", "kind_legend", "dimension_legend",
           "relation_names", "UNKNOWN_DIMENSION_COLOR"]

#: node kinds in legend order (``group`` is a collapsed group of nodes on a large map)
KIND_ORDER = ("agency", "resource", "dataset", "issue", "area", "link-key", "group")
#: the four dimensions, in the workshop's order
DIMENSION_ORDER = ("data", "operations", "knowledge", "policy")
#: edge relations in legend order (``shares``: two agencies hold or use the same assets)
RELATION_ORDER = ("shares", "held_by", "shared_with", "addresses", "causes", "link_key", "covers_area",
                  "located_in", "part_of", "broader")

_ABE = ABE_IRI
_DIMENSION = f"{VOCAB_IRI}dimension/"

# kind -> (vocabulary term whose rdfs:label names it, fallback th, fallback en, colour, shape)
_KINDS = {
    "agency": (_ABE + "Agency", "หน่วยงาน", "Agency", "#2b6cb0", "dot"),
    "resource": (_ABE + "Resource", "ทรัพยากร", "Resource", "#8a8f98", "diamond"),
    "dataset": (None, "ชุดข้อมูล", "Dataset", "#0f9fb5", "square"),
    "issue": (_ABE + "Issue", "ประเด็นปัญหา", "Issue", "#c53030", "triangle"),
    "area": (_ABE + "Area", "พื้นที่", "Area", "#6b7f3a", "hexagon"),
    "link-key": (_ABE + "linkKey", "คีย์เชื่อมโยง", "Link key", "#b7791f", "star"),
    "group": (None, "กลุ่ม (คลิกเพื่อขยาย)", "Group (click to expand)", "#cbd5e0", "dot"),
}
_DIMENSION_COLORS = {"data": "#0f9fb5", "operations": "#dd6b20", "knowledge": "#2f855a", "policy": "#805ad5"}
#: colour of an asset whose dimension is missing or not one of the four
UNKNOWN_DIMENSION_COLOR = "#8a8f98"

# relation -> (vocabulary term, fallback th, fallback en)
_RELATIONS = {
    "shares": (None, "ใช้ทรัพยากรร่วมกัน", "share assets"),
    "held_by": (_ABE + "heldBy", "หน่วยงานเจ้าของ", "held by"),
    "shared_with": (_ABE + "sharedWith", "ใช้ร่วมกับ", "shared with"),
    "addresses": (_ABE + "addresses", "ช่วยแก้ประเด็น", "addresses"),
    "causes": (_ABE + "causes", "เป็นสาเหตุของ", "causes"),
    "link_key": (_ABE + "linkKey", "คีย์เชื่อมโยง", "link key"),
    "covers_area": (_ABE + "coversArea", "พื้นที่ให้บริการ", "covers area"),
    "located_in": (_ABE + "locatedIn", "ที่ตั้ง", "located in"),
    "part_of": (None, "สังกัด", "part of"),
    "broader": (None, "อยู่ใน", "within"),
}


@lru_cache(maxsize=1)
def _labels() -> dict[str, dict[str, str]]:
    """``IRI -> {lang: label}`` from the vocabulary: ``skos:prefLabel`` first, then ``rdfs:label``
    (the smallest text when a term has several in one language, so the choice is stable)."""
    query = """SELECT ?s ?rank ?l WHERE {
      { ?s <http://www.w3.org/2004/02/skos/core#prefLabel> ?l BIND(0 AS ?rank) }
      UNION { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l BIND(1 AS ?rank) } }"""
    ranked = sorted((s.value, int(rank.value), text.language or "en", text.value)
                    for s, rank, text in vocabulary_store().query(query))
    found: dict[str, dict[str, str]] = {}
    for subject, _, lang, text in ranked:
        found.setdefault(subject, {}).setdefault(lang, text)
    return found


def _names(term: str | None, th: str, en: str) -> dict[str, str]:
    labels = _labels().get(term, {}) if term else {}
    return {"th": labels.get("th") or th, "en": labels.get("en") or en}


def kind_legend() -> dict[str, dict[str, str]]:
    """``kind -> {"th", "en", "color", "shape"}`` for every kind in :data:`KIND_ORDER`.

    The English label is capitalised (the vocabulary writes property labels in lower case).
    """
    legend = {}
    for kind in KIND_ORDER:
        term, th, en, color, shape = _KINDS[kind]
        names = _names(term, th, en)
        legend[kind] = {"th": names["th"], "en": names["en"][:1].upper() + names["en"][1:],
                        "color": color, "shape": shape}
    return legend


def dimension_legend() -> list[dict[str, str]]:
    """The four dimensions in workshop order: ``{"key", "th", "en", "color"}`` each."""
    return [{"key": key, **_names(_DIMENSION + key, key, key), "color": _DIMENSION_COLORS[key]}
            for key in DIMENSION_ORDER]


def relation_names() -> dict[str, dict[str, str]]:
    """``relation -> {"th", "en"}`` for the edge relations of the maps."""
    return {name: _names(*_RELATIONS[name]) for name in RELATION_ORDER}
