"""The datasets of the store as a DCAT 3 catalogue that a government data portal can harvest.

The catalogue follows DCAT-AP 3 (it conforms to the release 3.0.1 SHACL shapes, checked by
``tests/test_catalog.py``), so a CKAN site with ckanext-dcat (``dcat_rdf_harvester``), the
EU data portal or any DCAT-AP validator can read it:

* one ``dcat:Catalog`` (title and description in Thai and English, a ``foaf:Agent`` publisher,
  ``dcat:dataset`` for each dataset);
* each ``dcat:Dataset`` with ``dcterms:title`` @th/@en, ``dcterms:description`` (the dataset's
  own, or a sentence written from its metadata), ``dcterms:identifier`` (the workbook id),
  ``dcterms:publisher`` (the agency, a ``foaf:Agent`` with ``foaf:name``), ``dcat:keyword``
  (the names of the issues it informs, and its imported tags), ``dcterms:spatial`` (the DOPA
  areas, as ``dcterms:Location``), ``dcterms:accrualPeriodicity`` (the free-text update
  frequency mapped to the EU frequency table), ``dcterms:accessRights`` (the EU access-right
  table, from access and personal data), ``dcat:landingPage`` and ``dcat:distribution``;
* each ``dcat:Distribution`` with ``dcat:accessURL`` (the landing page, or the dataset's IRI
  when it has none: DCAT-AP requires one) and ``dcterms:format`` (the EU file-type table, or a
  ``dcterms:MediaTypeOrExtent`` node labelled with the format as written, e.g. "web system",
  which is how ckanext-dcat reads formats outside a table);
* abegraph's own ``abe:linkKey``, ``abe:granularity``, ``abe:personalData``,
  ``abe:accessLevel`` and ``abe:updateFrequency`` kept as they are, so that nothing is lost
  and :mod:`abegraph.catalog.ckan` reads the catalogue back exactly.

DCAT-AP's class ranges need the objects typed: the EU table concepts used are described in the
catalogue itself (``a skos:Concept, dcterms:Frequency`` etc., with the table's English label and
``skos:inScheme`` the table), as the EU Publications Office tables do for a validator that
imports them.

Example
-------
>>> import io
>>> from abegraph.graph.store import Store
>>> from abegraph.catalog.dcat import write_catalog, frequency_iri
>>> from abegraph.loaders.pipeline import load_files
>>> from abegraph.demo import DEMO_CSV
>>> store = Store.open(None)
>>> _ = load_files(store, [DEMO_CSV])
>>> out = io.BytesIO()
>>> write_catalog(store, out, "dcat-turtle")
>>> "dcat:Catalog" in out.getvalue().decode()
True
>>> frequency_iri("รายภาคเรียน").rsplit("/", 1)[-1]
'ANNUAL_2'
"""
from __future__ import annotations

import re
from typing import IO

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, SKOS, XSD

from abegraph.exceptions import UnknownFormatError
from abegraph.graph.terms import from_ox
from abegraph.ontology import vocabulary_graph
from abegraph.ontology.namespace import ABE, ID, VOCAB, source_graph
from abegraph.thai.text import clean, is_thai, match_key

__all__ = ["CATALOG_FORMATS", "EU_FREQUENCY", "EU_ACCESS_RIGHT", "EU_FILE_TYPE", "catalog_graph",
           "write_catalog", "frequency_iri", "frequency_text", "access_right_iri", "file_type_iri",
           "CATALOG_IRI"]

EU_FREQUENCY = "http://publications.europa.eu/resource/authority/frequency"
EU_ACCESS_RIGHT = "http://publications.europa.eu/resource/authority/access-right"
EU_FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type"
CATALOG_IRI = ID["catalog"]
#: format name -> rdflib serializer
CATALOG_FORMATS = {"dcat-turtle": "turtle", "dcat-jsonld": "json-ld"}

#: EU frequency code -> (English label of the EU table, English text abegraph writes, Thai text)
FREQUENCIES: dict[str, tuple[str, str, str]] = {
    "ANNUAL": ("annual", "yearly", "รายปี"),
    "ANNUAL_2": ("semiannual", "twice a year", "ปีละ 2 ครั้ง"),
    "ANNUAL_3": ("three times a year", "three times a year", "ปีละ 3 ครั้ง"),
    "BIENNIAL": ("biennial", "every two years", "ทุก 2 ปี"),
    "TRIENNIAL": ("triennial", "every three years", "ทุก 3 ปี"),
    "QUADRENNIAL": ("quadrennial", "every four years", "ทุก 4 ปี"),
    "QUINQUENNIAL": ("quinquennial", "every five years", "ทุก 5 ปี"),
    "DECENNIAL": ("decennial", "every ten years", "ทุก 10 ปี"),
    "QUARTERLY": ("quarterly", "quarterly", "รายไตรมาส"),
    "BIMONTHLY": ("bimonthly", "every two months", "ทุก 2 เดือน"),
    "MONTHLY": ("monthly", "monthly", "รายเดือน"),
    "MONTHLY_2": ("semimonthly", "twice a month", "เดือนละ 2 ครั้ง"),
    "MONTHLY_3": ("three times a month", "three times a month", "เดือนละ 3 ครั้ง"),
    "BIWEEKLY": ("biweekly", "every two weeks", "ทุก 2 สัปดาห์"),
    "WEEKLY": ("weekly", "weekly", "รายสัปดาห์"),
    "WEEKLY_2": ("semiweekly", "twice a week", "สัปดาห์ละ 2 ครั้ง"),
    "WEEKLY_3": ("three times a week", "three times a week", "สัปดาห์ละ 3 ครั้ง"),
    "DAILY": ("daily", "daily", "รายวัน"),
    "DAILY_2": ("twice a day", "twice a day", "วันละ 2 ครั้ง"),
    "HOURLY": ("hourly", "hourly", "รายชั่วโมง"),
    "CONT": ("continuous", "continuous", "ต่อเนื่อง"),
    "UPDATE_CONT": ("continuously updated", "real time", "ตามเวลาจริง"),
    "IRREG": ("irregular", "irregular", "ไม่สม่ำเสมอ"),
    "NEVER": ("never", "never", "ไม่มีการปรับปรุง"),
    "UNKNOWN": ("unknown", "unknown", "ไม่ทราบ"),
    "OTHER": ("other", "other", "อื่น ๆ"),
}

#: other ways people write a frequency (matched with match_key) -> EU code
_FREQUENCY_WORDS = {
    "ANNUAL": ["annual", "annually", "every year", "once a year", "ปีละครั้ง", "ปีละ 1 ครั้ง", "ทุกปี",
               "ปี", "รายปีงบประมาณ", "ปีการศึกษาละครั้ง", "รายปีการศึกษา"],
    "ANNUAL_2": ["semiannual", "semi-annual", "half-yearly", "half yearly", "every six months",
                 "per semester", "per term", "every term", "every semester", "termly",
                 "รายภาคเรียน", "ภาคเรียนละครั้ง", "ทุกภาคเรียน", "ภาคเรียนละ 1 ครั้ง", "ครึ่งปี",
                 "รายครึ่งปี", "ทุก 6 เดือน", "6 เดือน"],
    "QUARTERLY": ["every three months", "ไตรมาส", "ทุก 3 เดือน", "ไตรมาสละครั้ง"],
    "MONTHLY": ["every month", "once a month", "เดือนละครั้ง", "ทุกเดือน", "เดือน"],
    "WEEKLY": ["every week", "สัปดาห์ละครั้ง", "ทุกสัปดาห์", "สัปดาห์"],
    "DAILY": ["every day", "วันละครั้ง", "ทุกวัน", "วัน", "ทุกวันทำการ", "รายวันทำการ", "วันทำการ",
              "working days"],
    "HOURLY": ["every hour", "ชั่วโมง", "ทุกชั่วโมง"],
    "UPDATE_CONT": ["realtime", "real-time", "live", "continuously updated", "เรียลไทม์", "ทันที"],
    "IRREG": ["irregularly", "as needed", "ad hoc", "when needed", "on occurrence", "case by case",
              "ตามรายกรณี", "ตามความจำเป็น", "ไม่แน่นอน", "ไม่สม่ำเสมอ", "ตามรอบ", "เมื่อมีการเปลี่ยนแปลง"],
    "NEVER": ["no updates", "not updated", "ไม่มีการปรับปรุงหลังจากการจัดเก็บข้อมูล", "ไม่ปรับปรุง"],
    "UNKNOWN": ["not known", "ไม่ระบุ"],
    "OTHER": ["อื่นๆ"],
}
_EVERY_N_YEARS = {2: "BIENNIAL", 3: "TRIENNIAL", 4: "QUADRENNIAL", 5: "QUINQUENNIAL", 10: "DECENNIAL"}
_TIMES_PER = {("ปี", 1): "ANNUAL", ("ปี", 2): "ANNUAL_2", ("ปี", 3): "ANNUAL_3", ("ปี", 4): "QUARTERLY",
              ("ปี", 12): "MONTHLY", ("เดือน", 1): "MONTHLY", ("เดือน", 2): "MONTHLY_2",
              ("เดือน", 3): "MONTHLY_3", ("สัปดาห์", 1): "WEEKLY", ("สัปดาห์", 2): "WEEKLY_2",
              ("สัปดาห์", 3): "WEEKLY_3", ("วัน", 1): "DAILY", ("วัน", 2): "DAILY_2"}
_N_YEARS = re.compile(r"^(?:ทุก|every)\s*(\d+)\s*(?:-|–|ถึง|to)?\s*(\d+)?\s*(?:ปี|years?)$")
_TIMES = re.compile(r"^(ปี|เดือน|สัปดาห์|วัน)ละ\s*(\d+)\s*ครั้ง$")


def _frequency_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for code, texts in FREQUENCIES.items():
        for text in (code, code.replace("_", " "), *texts):
            index.setdefault(match_key(text), code)
    for code, words in _FREQUENCY_WORDS.items():
        for text in words:
            index.setdefault(match_key(text), code)
    return index


_FREQUENCY_INDEX = _frequency_index()
#: DCMI Collection Description Frequency Vocabulary (http://purl.org/cld/freq/...) -> EU code
DCMI_FREQUENCIES = {"triennial": "TRIENNIAL", "biennial": "BIENNIAL", "annual": "ANNUAL",
                    "semiannual": "ANNUAL_2", "threeTimesAYear": "ANNUAL_3", "quarterly": "QUARTERLY",
                    "bimonthly": "BIMONTHLY", "monthly": "MONTHLY", "semimonthly": "MONTHLY_2",
                    "biweekly": "BIWEEKLY", "threeTimesAMonth": "MONTHLY_3", "weekly": "WEEKLY",
                    "semiweekly": "WEEKLY_2", "threeTimesAWeek": "WEEKLY_3", "daily": "DAILY",
                    "continuous": "CONT", "irregular": "IRREG"}


def frequency_code(text: str) -> str | None:
    """The EU frequency code for a frequency as people write it, or None when none fits.

    >>> [frequency_code(t) for t in ("yearly", "ปีละ 2 ครั้ง", "ทุก 3–5 ปี", "every 5 years", "sometimes")]
    ['ANNUAL', 'ANNUAL_2', 'IRREG', 'QUINQUENNIAL', None]
    """
    text = clean(text)
    if text.startswith(f"{EU_FREQUENCY}/"):
        code = text.rsplit("/", 1)[-1]
        return code if code in FREQUENCIES else None
    if text.startswith("http://purl.org/cld/freq/"):
        return DCMI_FREQUENCIES.get(text.rsplit("/", 1)[-1])
    key = match_key(text)
    if key in _FREQUENCY_INDEX:
        return _FREQUENCY_INDEX[key]
    lowered = text.casefold()
    if (m := _N_YEARS.match(lowered)) is not None:
        return "IRREG" if m.group(2) else _EVERY_N_YEARS.get(int(m.group(1)), "OTHER")
    if (m := _TIMES.match(lowered.replace(" ", ""))) is not None:
        return _TIMES_PER.get((m.group(1), int(m.group(2))), "OTHER")
    for word, code in (("ตามรอบ", "IRREG"), ("ตามราย", "IRREG")):
        if text.startswith(word):
            return code
    return None


def frequency_iri(text: str) -> URIRef | None:
    """The EU frequency-table IRI for a free-text update frequency (None when none fits).

    >>> str(frequency_iri("yearly"))
    'http://publications.europa.eu/resource/authority/frequency/ANNUAL'
    """
    code = frequency_code(text)
    return URIRef(f"{EU_FREQUENCY}/{code}") if code else None


def frequency_text(code: str, lang: str = "en") -> str:
    """The words abegraph writes for an EU frequency code.

    >>> frequency_text("ANNUAL"), frequency_text("QUARTERLY", "th")
    ('yearly', 'รายไตรมาส')
    """
    _, english, thai = FREQUENCIES[code]
    return thai if lang == "th" else english


def access_right_iri(access: str | None, personal: bool | None) -> URIRef | None:
    """The EU access-right IRI (PUBLIC, RESTRICTED, NON_PUBLIC) for an access level and the
    personal-data flag: personal data is never PUBLIC.

    >>> [access_right_iri(a, p).rsplit("/", 1)[-1] for a, p in
    ...  [("open", False), ("open", True), ("on request", None), ("restricted", False), (None, True)]]
    ['PUBLIC', 'RESTRICTED', 'RESTRICTED', 'NON_PUBLIC', 'RESTRICTED']
    >>> access_right_iri(None, None) is None
    True
    """
    if access == "restricted":
        code = "NON_PUBLIC"
    elif access == "on request" or personal:
        code = "RESTRICTED"
    elif access == "open":
        code = "PUBLIC"
    else:
        return None
    return URIRef(f"{EU_ACCESS_RIGHT}/{code}")


_ACCESS_LABELS = {"PUBLIC": "public", "RESTRICTED": "restricted", "NON_PUBLIC": "non-public"}
#: format as written (match_key) -> EU file-type code
_FILE_TYPES = {
    "csv": "CSV", "xlsx": "XLSX", "xls": "XLS", "excel": "XLSX", "pdf": "PDF", "json": "JSON", "xml": "XML",
    "html": "HTML", "htm": "HTML", "docx": "DOCX", "doc": "DOC", "word": "DOCX", "zip": "ZIP", "shp": "SHP",
    "shapefile": "SHP", "geojson": "GEOJSON", "txt": "TXT", "text": "TXT", "ods": "ODS", "odt": "ODT",
    "kml": "KML", "ttl": "RDF_TURTLE", "turtle": "RDF_TURTLE", "rdf": "RDF_XML", "rdfxml": "RDF_XML",
    "jsonld": "JSON_LD", "jpeg": "JPEG", "jpg": "JPEG", "png": "PNG", "tiff": "TIFF", "geotiff": "TIFF",
    "gml": "GML", "pptx": "PPTX",
}
#: EU file-type code -> the word abegraph writes back
FILE_TYPE_WORDS = {code: word for word, code in reversed(list(_FILE_TYPES.items()))}


def file_type_iri(text: str) -> URIRef | None:
    """The EU file-type IRI of a format as written ("xlsx", ".CSV", "Excel"), or None.

    >>> str(file_type_iri(".XLSX")).rsplit("/", 1)[-1], file_type_iri("web system")
    ('XLSX', None)
    """
    code = _FILE_TYPES.get(match_key(text).lstrip("."))
    return URIRef(f"{EU_FILE_TYPE}/{code}") if code else None


# --- reading the store ------------------------------------------------------------------------

_PREFIXES = """PREFIX dcat: <http://www.w3.org/ns/dcat#> PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX abe: <https://w3id.org/abegraph/ns#> PREFIX foaf: <http://xmlns.com/foaf/0.1/>
"""


def _construct(store, sparql: str) -> Graph:
    graph = Graph()
    for t in store.query(_PREFIXES + sparql):
        graph.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
    return graph


def _source_graph(store, graph: str | None) -> Graph:
    """The datasets (of one named graph, or all), their distributions and what they refer to."""
    scope = "?d a dcat:Dataset ."
    if graph is not None:
        scope = f"GRAPH <{source_graph(graph)}> {{ ?d a dcat:Dataset }}"
    data = _construct(store, f"""CONSTRUCT {{ ?d ?p ?o . ?o ?dp ?do }} WHERE {{ {scope}
        ?d ?p ?o . OPTIONAL {{ FILTER(?p = dcat:distribution) ?o ?dp ?do }} }}""")
    data += _construct(store, f"""CONSTRUCT {{ ?x ?lp ?l }} WHERE {{ {scope}
        ?d dcterms:publisher|abe:addresses|dcterms:spatial ?x .
        ?x ?lp ?l . VALUES ?lp {{ rdfs:label skos:prefLabel skos:altLabel skos:notation abe:areaCode }} }}""")
    return data


# --- building the catalogue -----------------------------------------------------------------

def _labels(graph: Graph, node, *predicates) -> dict[str, str]:
    """The first label in each language (untagged counts as English)."""
    out: dict[str, str] = {}
    for predicate in predicates or (SKOS.prefLabel, RDFS.label):
        for value in sorted(graph.objects(node, predicate)):
            if isinstance(value, Literal):
                out.setdefault(value.language or "en", str(value))
    return out


def _notation(vocab: Graph, concept) -> str:
    return str(next(iter(sorted(vocab.objects(concept, SKOS.notation))), concept.rsplit("/", 1)[-1]))


def _describe_concept(out: Graph, iri: URIRef, kind, table: str, label: str) -> None:
    out.add((iri, RDF.type, SKOS.Concept))
    out.add((iri, RDF.type, kind))
    out.add((iri, SKOS.inScheme, URIRef(table)))
    out.add((iri, SKOS.prefLabel, Literal(label, lang="en")))


def _description(title: dict, publisher: dict, keys: list[dict], granularity: dict | None,
                 frequency: str, lang: str) -> str:
    name = title.get(lang) or title.get("th") or title.get("en", "")
    who = publisher.get(lang) or publisher.get("th") or publisher.get("en", "")
    if lang == "th":
        parts = [f"{name}: ชุดข้อมูลของ{who}" if who else name]
        if granularity:
            parts.append(f"หนึ่งระเบียนต่อหนึ่ง{granularity.get('th', '')}")
        if keys:
            parts.append("คีย์เชื่อมโยง " + ", ".join(k.get("th", k.get("en", "")) for k in keys))
        if frequency:
            parts.append(f"ปรับปรุง{frequency}")
        return " ".join(parts)
    parts = [f"{name}: a dataset held by {who}" if who else name]
    if granularity:
        parts.append(f"one record per {granularity.get('en', '').lower()}")
    if keys:
        parts.append("link keys: " + ", ".join(k.get("en", "") for k in keys))
    if frequency:
        parts.append(f"updated {frequency}")
    return "; ".join(parts) + "."


def catalog_graph(store, graph: str | None = None) -> Graph:
    """The DCAT 3 / DCAT-AP 3 catalogue of the datasets in ``store`` (or in one named graph).

    >>> from abegraph.graph.store import Store
    >>> len(catalog_graph(Store.open(None)))   # an empty store: just the catalogue
    11
    """
    data = _source_graph(store, graph)
    vocab = vocabulary_graph()
    out = Graph()
    for prefix, ns in (("dcat", DCAT), ("dcterms", DCTERMS), ("foaf", FOAF), ("skos", SKOS),
                       ("abe", ABE._NS), ("abeid", ID), ("abev", VOCAB), ("xsd", XSD)):
        out.bind(prefix, ns)
    catalog = CATALOG_IRI
    out.add((catalog, RDF.type, DCAT.Catalog))
    out.add((catalog, DCTERMS.title, Literal("บัญชีข้อมูลเด็กและเยาวชนของคณะทำงานการศึกษาเชิงพื้นที่", lang="th")))
    out.add((catalog, DCTERMS.title, Literal("Child and youth datasets of the area-based education working group",
                                             lang="en")))
    out.add((catalog, DCTERMS.description, Literal(
        "ชุดข้อมูลเกี่ยวกับเด็กและเยาวชนที่หน่วยงานในพื้นที่ถืออยู่ รวบรวมด้วย abegraph (เฉพาะคำอธิบายข้อมูล)", lang="th")))
    out.add((catalog, DCTERMS.description, Literal(
        "Datasets about children and youth held by the agencies of the area, gathered with abegraph "
        "(metadata only).", lang="en")))
    group = ID["agent/abe-working-group"]
    out.add((catalog, DCTERMS.publisher, group))
    out.add((group, RDF.type, FOAF.Agent))
    out.add((group, FOAF.name, Literal("คณะทำงานการจัดการศึกษาเชิงพื้นที่", lang="th")))
    out.add((group, FOAF.name, Literal("Area-based education working group", lang="en")))
    out.add((catalog, FOAF.homepage, URIRef("https://w3id.org/abegraph/")))
    out.add((URIRef("https://w3id.org/abegraph/"), RDF.type, FOAF.Document))
    for dataset in sorted(set(data.subjects(RDF.type, DCAT.Dataset))):
        _dataset(out, data, vocab, catalog, dataset)
    return out


def _dataset(out: Graph, data: Graph, vocab: Graph, catalog, d) -> None:
    add = out.add
    add((catalog, DCAT.dataset, d))
    add((d, RDF.type, DCAT.Dataset))
    title = _labels(data, d, DCTERMS.title)
    for lang, text in title.items():
        add((d, DCTERMS.title, Literal(text, lang=lang)))
    identifier = next(iter(data.objects(d, DCTERMS.identifier)), None)
    if identifier is None and str(d).startswith(str(ID["dataset/"])):
        from urllib.parse import unquote

        identifier = Literal(unquote(str(d).rsplit("/", 1)[-1]))
    if identifier is not None:
        add((d, DCTERMS.identifier, Literal(str(identifier))))
    publisher: dict = {}
    for agency in sorted(data.objects(d, DCTERMS.publisher)):
        publisher = _labels(data, agency, RDFS.label, SKOS.prefLabel)
        add((d, DCTERMS.publisher, agency))
        add((agency, RDF.type, FOAF.Agent))
        for lang, name in publisher.items():
            add((agency, FOAF.name, Literal(name, lang=lang)))
        for abbreviation in data.objects(agency, SKOS.altLabel):
            add((agency, SKOS.altLabel, abbreviation))
        if str(agency).startswith(str(ID["agency/"])):
            from urllib.parse import unquote

            add((agency, DCTERMS.identifier, Literal(unquote(str(agency).rsplit("/", 1)[-1]))))
        break  # DCAT-AP: at most one publisher
    keys = []
    for key in sorted(data.objects(d, ABE.linkKey)):
        add((d, ABE.linkKey, key))
        keys.append(_labels(vocab, key))
    granularity = None
    for value in data.objects(d, ABE.granularity):
        add((d, ABE.granularity, value))
        granularity = _labels(vocab, value)
    personal = None
    for value in data.objects(d, ABE.personalData):
        add((d, ABE.personalData, value))
        personal = bool(value.toPython())
    access = None
    for value in data.objects(d, ABE.accessLevel):
        add((d, ABE.accessLevel, value))
        access = _notation(vocab, value)
    right = access_right_iri(access, personal)
    if right is not None:
        add((d, DCTERMS.accessRights, right))
        code = right.rsplit("/", 1)[-1]
        _describe_concept(out, right, DCTERMS.RightsStatement, EU_ACCESS_RIGHT, _ACCESS_LABELS[code])
    frequency_words = ""
    for value in sorted(data.objects(d, ABE.updateFrequency)):
        add((d, ABE.updateFrequency, value))
        frequency_words = frequency_words or str(value)
    if frequency_words:
        code = frequency_code(frequency_words) or "OTHER"
        iri = URIRef(f"{EU_FREQUENCY}/{code}")
        add((d, DCTERMS.accrualPeriodicity, iri))
        _describe_concept(out, iri, DCTERMS.Frequency, EU_FREQUENCY, FREQUENCIES[code][0])
    for issue in sorted(data.objects(d, ABE.addresses)):
        add((d, ABE.addresses, issue))
        for lang, name in _labels(data, issue).items():
            add((d, DCAT.keyword, Literal(name, lang=lang)))
    for keyword in data.objects(d, DCAT.keyword):
        add((d, DCAT.keyword, keyword))
    for area in sorted(data.objects(d, DCTERMS.spatial)):
        add((d, DCTERMS.spatial, area))
        add((area, RDF.type, DCTERMS.Location))
        for lang, name in _labels(data, area).items():
            add((area, SKOS.prefLabel, Literal(name, lang=lang)))
        for code in data.objects(area, ABE.areaCode):
            add((area, DCTERMS.identifier, Literal(str(code))))
    for value in data.objects(d, DCTERMS.license):
        if isinstance(value, URIRef):
            add((d, DCTERMS.license, value))
            add((value, RDF.type, DCTERMS.LicenseDocument))
    landing = next(iter(sorted(data.objects(d, DCAT.landingPage))), None)
    if landing is not None:
        add((d, DCAT.landingPage, landing))
        add((landing, RDF.type, FOAF.Document))
    descriptions = [v for v in data.objects(d, DCTERMS.description) if isinstance(v, Literal)]
    if descriptions:
        for value in descriptions:
            add((d, DCTERMS.description, value))
    else:
        code = frequency_code(frequency_words) if frequency_words else None
        for lang in ("th", "en"):
            words = frequency_text(code, lang) if code not in (None, "OTHER") else frequency_words
            add((d, DCTERMS.description, Literal(
                _description(title, publisher, keys, granularity, words, lang), lang=lang)))
    _distributions(out, data, d, landing)


def _distributions(out: Graph, data: Graph, d, landing) -> None:
    add = out.add
    distributions = sorted(data.objects(d, DCAT.distribution))
    if not distributions:
        distributions = [URIRef(f"{d}/distribution/1")]
    for dist in distributions:
        add((d, DCAT.distribution, dist))
        add((dist, RDF.type, DCAT.Distribution))
        for url in data.objects(dist, DCAT.accessURL):
            add((dist, DCAT.accessURL, url))
        for url in data.objects(dist, DCAT.downloadURL):
            add((dist, DCAT.downloadURL, url))
        if not any(True for _ in data.objects(dist, DCAT.accessURL)):
            add((dist, DCAT.accessURL, landing if landing is not None else d))
        for fmt in list(data.objects(dist, DCTERMS["format"]))[:1]:
            text = clean(fmt)
            add((dist, DCTERMS.title, Literal(text, lang="th" if is_thai(text) else "en")))
            iri = file_type_iri(text)
            if iri is not None:
                add((dist, DCTERMS["format"], iri))
                _describe_concept(out, iri, DCTERMS.MediaTypeOrExtent, EU_FILE_TYPE, iri.rsplit("/", 1)[-1])
            else:
                node = BNode()
                add((dist, DCTERMS["format"], node))
                add((node, RDF.type, DCTERMS.MediaTypeOrExtent))
                add((node, RDFS.label, Literal(text)))


def _jsonld_context() -> dict:
    return {"dcat": str(DCAT), "dcterms": str(DCTERMS), "foaf": str(FOAF), "skos": str(SKOS),
            "rdfs": str(RDFS), "xsd": str(XSD), "abe": str(ABE._NS), "abeid": str(ID), "abev": str(VOCAB)}


def write_catalog(store, out: IO[bytes], fmt: str = "dcat-turtle", graph: str | None = None) -> None:
    """Write the catalogue as Turtle (``dcat-turtle``) or JSON-LD (``dcat-jsonld``) to ``out``.

    >>> import io, json
    >>> from abegraph.graph.store import Store
    >>> buffer = io.BytesIO()
    >>> write_catalog(Store.open(None), buffer, "dcat-jsonld")
    >>> "@context" in json.loads(buffer.getvalue())
    True
    """
    if fmt not in CATALOG_FORMATS:
        raise UnknownFormatError(f"unknown catalogue format {fmt!r}; use one of {', '.join(CATALOG_FORMATS)}")
    graph_out = catalog_graph(store, graph)
    if fmt == "dcat-jsonld":
        text = graph_out.serialize(format="json-ld", context=_jsonld_context(), auto_compact=True)
    else:
        text = graph_out.serialize(format="turtle")
    out.write(text.encode("utf-8"))
