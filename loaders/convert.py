"""Turn checked workbook rows into RDF (pyoxigraph quads), collecting every problem on the way.

Each row is checked in Python as it is read (required cells, controlled values, numbers,
references, personal identifiers); SHACL has the last word on the assembled graph
(:mod:`abegraph.loaders.validation`). A row with an error produces no triples and is kept,
with its reasons, for the rejects file.

Rows become pyoxigraph terms directly, the terms the shapes and the store read: measured
with ``python -m bench.load`` (rdflib terms made and then converted cost a 10,000-row
workbook about 2.5 s of 16 under the profiler).

Example
-------
>>> from abegraph.loaders.convert import convert_sources
>>> from abegraph.loaders.sources import read_source
>>> from abegraph.demo import DEMO_CSV
>>> result = convert_sources([read_source(DEMO_CSV)])
>>> result.report.ok, result.report.accepted["agencies"] > 10
(True, True)
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import unquote

import pyoxigraph as ox
from rdflib.namespace import DCAT, DCTERMS, FOAF, ORG, RDF, RDFS, SKOS, XSD

from abegraph.graph.terms import node
from abegraph.thai.gazetteer import lookup_area, similar_codes, successor_code
from abegraph.thai.personal import find_personal, mask_citizen_id, mask_phone_number
from abegraph.thai.text import clean, is_thai

from ..ontology import vocabulary_quads
from ..ontology.namespace import ABE, ID, concept, entity_iri
from .cells import read_amount, web_address
from .problems import Converted, Problem
from .references import NameIndex
from .schema import LIST_SEPARATOR, SHEETS, Column, heading_key
from .sources import Source
from .tables import Row, Table
from .vocabulary import controlled_values

__all__ = ["Converted", "NameContext", "convert_sources", "default_context"]

Quad = ox.Quad
_DECIMAL, _INTEGER, _BOOLEAN = node(XSD.decimal), node(XSD.integer), node(XSD.boolean)

#: sheet -> the kind of entity its rows describe (for IRIs and reference messages)
KIND = {"agencies": "agency", "resources": "resource", "issues": "issue", "datasets": "dataset",
        "areas": "area"}
_REFERENCE_WORDS = {"agencies": "agency", "issues": "issue or cause"}
_TRUE = {"yes", "y", "true", "1", "ใช่", "มี", "t"}
_FALSE = {"no", "n", "false", "0", "ไม่ใช่", "ไม่มี", "f"}
# sheets whose rows others refer to are converted first, so references see what was accepted
_ORDER = ("areas", "agencies", "issues", "resources", "datasets", "causes")
_CODE_AND_NAME = re.compile(r"^\s*(\d{2,6})\s+(\S.*?)\s*$")


@dataclass
class NameContext:
    """What references may point to besides the rows being loaded: the store and defaults."""

    agencies: NameIndex = field(default_factory=lambda: NameIndex("agency"))
    issues: NameIndex = field(default_factory=lambda: NameIndex("issue"))
    areas: NameIndex = field(default_factory=lambda: NameIndex("area"))


def default_context() -> NameContext:
    """References to the bundled default issues and causes (I01..., C01...) always resolve."""
    context = NameContext()
    issue_type, is_a = node(ABE.Issue), node(RDF.type)
    rank = {node(p): n for n, p in enumerate((SKOS.notation, SKOS.prefLabel, SKOS.altLabel))}
    quads = vocabulary_quads()  # in the files' order, which decides the names offered first
    issues = [q.subject for q in quads if q.predicate == is_a and q.object == issue_type]
    names: dict[ox.NamedNode, list[tuple[int, str]]] = {issue: [] for issue in issues}
    for q in quads:
        if q.subject in names and q.predicate in rank:
            names[q.subject].append((rank[q.predicate], q.object.value))
    for issue, given in names.items():  # the id first, then the names, then the other names
        context.issues.add(issue, *(text for _, text in sorted(given, key=lambda ranked: ranked[0])),
                           tier=NameIndex.DEFAULT)
    return context


class _RowChecker:
    """Checks the cells of one row and converts them to RDF terms, noting problems."""

    def __init__(self, table: Table, row: Row, indexes: dict[str, NameIndex], source: str | None = None,
                 columns: dict[str, str] | None = None):
        self.table, self.row, self.indexes, self.source = table, row, indexes, source
        self.problems: list[Problem] = []
        #: heading as typed -> the column key it stands for (or the heading), shared by a table's rows
        self.columns = {} if columns is None else columns

    def problem(self, code: str, column: str = "", **kw) -> None:
        self.problems.append(self.table.problem(code, row=self.row.number, column=column, **kw))

    @property
    def failed(self) -> bool:
        return any(p.severity == "error" for p in self.problems)

    def scan_personal(self) -> None:
        """Refuse citizen IDs and flag mobile numbers in every cell, known column or not, both
        as typed and as it would be stored (cleaned), in any disguise (:mod:`abegraph.thai.personal`)."""
        columns = self.columns
        for heading in self.row.original:
            if heading not in columns:
                columns[heading] = heading_key(self.table.sheet, heading) or heading
        cells = [(columns[h], t) for h, t in self.row.original.items()]
        cells += self.row.cells.items()
        reported = set()
        for index, kind, digits in find_personal([text for _, text in cells]):
            column = cells[index][0]
            if (column, digits) not in reported:
                reported.add((column, digits))
                mask = mask_citizen_id if kind == "citizen_id" else mask_phone_number
                self.problem(kind, column, value=mask(digits))

    def values(self, col: Column) -> list[str]:
        text = self.row.cells.get(col.key, "")
        if not text:
            if col.required:
                self.problem("missing_value", col.key)
            return []
        if not col.many:
            return [text]
        return [item for v in text.split(LIST_SEPARATOR) if (item := clean(v))]

    def terms(self, key: str) -> list:
        """The cell of column ``key`` as pyoxigraph terms (IRIs, literals) or text, after checking it."""
        return self.column_terms(self.table.sheet.column(key))

    def column_terms(self, col: Column) -> list:
        """:meth:`terms` of a column."""
        out = []
        kind, _, target = col.kind.partition(":")
        key = col.key
        for text in self.values(col):
            if kind == "controlled":
                found = controlled_values().match(target, text)
                if found is None and target == "resource-type":
                    self.problem("free_text_type", key, value=text,
                                 candidates=tuple(controlled_values().offered(target)),
                                 candidates_th=tuple(controlled_values().offered(target, "th")))
                    out += [node(concept(target, "other")), _text(text)]
                elif found is None:
                    self.problem("not_in_vocabulary", key, value=text,
                                 candidates=tuple(controlled_values().offered(target)),
                                 candidates_th=tuple(controlled_values().offered(target, "th")))
                else:
                    out.append(node(found))
            elif kind == "ref":
                out += self._reference(key, target, text)
            elif kind == "area":
                out += self._area(key, text)
            elif kind == "number":
                out += self._number(key, text)
            elif kind == "bool":
                word = text.casefold()
                if word in _TRUE or word in _FALSE:
                    out.append(ox.Literal("true" if word in _TRUE else "false", datatype=_BOOLEAN))
                else:
                    self.problem("not_a_bool", key, value=text)
            elif kind == "url":
                if (iri := web_address(text)) is not None:
                    out.append(iri)
                else:
                    self.problem("bad_url", key, value=text)
            else:
                out.append(text)
        return out

    def _reference(self, key: str, sheet: str, text: str) -> list[ox.NamedNode]:
        index = self.indexes[sheet]
        found = index.resolve(text, self.source)
        if len(found) == 1:
            return found
        word = _REFERENCE_WORDS.get(sheet, sheet)
        if found:
            names = tuple(unquote(iri.value.rsplit("/", 1)[-1]) for iri in found)
            self.problem("ambiguous_reference", key, value=text, detail=word, candidates=names)
        else:
            self.problem("unknown_reference", key, value=text, detail=word,
                         candidates=tuple(index.closest(text)),
                         candidates_th=tuple(index.closest(text, lang="th")))
        return []

    def _area(self, key: str, text: str) -> list[ox.NamedNode]:
        code = text.replace(" ", "")
        if (m := _CODE_AND_NAME.match(text)) and (area := lookup_area(m[1])) and m[2] in (area.name_th, area.name_en):
            code = m[1]  # "4001 เมืองขอนแก่น", as the template's drop-downs offer it
        found = self.indexes["areas"].resolve(code, self.source)
        if found:
            return found[:1]
        if lookup_area(code):
            return [node(entity_iri("area", code))]
        if (successor := successor_code(code)) is not None:
            self.problem("abolished_area", key, value=code, detail=successor)
            return [node(entity_iri("area", successor))]
        self.problem("unknown_area", key, value=text, candidates=tuple(similar_codes(code)))
        return []

    def _number(self, key: str, text: str) -> list[ox.Literal]:
        amount, code = read_amount(text)
        if amount is None:
            self.problem(code, key, value=text[:40] + ("…" if len(text) > 40 else ""))
            return []
        if amount < 0:
            self.problem("negative_number", key, value=text)
            return []
        return [ox.Literal(format(amount, "f"), datatype=_DECIMAL)]


def _label(text: str, lang: str) -> ox.Literal:
    return ox.Literal(text, language=lang)


def _text(text: str) -> ox.Literal:
    return ox.Literal(text, language="th" if is_thai(text) else "en")


def _plain(value) -> ox.Literal:
    return ox.Literal(str(value))


def _number_literal(number: int) -> ox.Literal:
    return ox.Literal(str(number), datatype=_INTEGER)


def _th(text: str) -> ox.Literal:
    return _label(text, "th")


def _en(text: str) -> ox.Literal:
    return _label(text, "en")


#: a sheet's types, then its columns' predicates and how a cell's text becomes a literal, as
#: pyoxigraph nodes made once (an rdflib namespace attribute costs 0.6 µs; a workbook has 200,000)
_ROW_SHAPES = {
    sheet: ([node(t) for t in types], [(key, node(predicate), wrap) for key, predicate, wrap in columns])
    for sheet, (types, columns) in {
        "agencies": ((ABE.Agency, ORG.Organization), (
            ("name_th", RDFS.label, _th), ("name_en", RDFS.label, _en), ("abbreviations", SKOS.altLabel, _text),
            ("type", ABE.agencyType, _plain), ("parent", ORG.subOrganizationOf, _plain),
            ("district", ABE.locatedIn, _plain), ("website", FOAF.homepage, _plain))),
        "resources": ((ABE.Resource,), (
            ("name_th", RDFS.label, _th), ("name_en", RDFS.label, _en), ("dimension", ABE.dimension, _plain),
            ("held_by", ABE.heldBy, _plain), ("shared_with", ABE.sharedWith, _plain),
            ("addresses", ABE.addresses, _plain), ("target_groups", ABE.targetGroup, _plain),
            ("areas", ABE.coversArea, _plain), ("amount_thb", ABE.amount, _plain),
            ("description", DCTERMS.description, _text), ("source", DCTERMS.source, _text))),
        "issues": ((ABE.Issue, SKOS.Concept), (
            ("name_th", SKOS.prefLabel, _th), ("name_en", SKOS.prefLabel, _en), ("broader", SKOS.broader, _plain),
            ("description", SKOS.definition, _text))),
        "datasets": ((DCAT.Dataset, ABE.Resource), (
            ("link_keys", ABE.linkKey, _plain), ("granularity", ABE.granularity, _plain),
            ("personal_data", ABE.personalData, _plain), ("update_frequency", ABE.updateFrequency, _text),
            ("access", ABE.accessLevel, _plain), ("addresses", ABE.addresses, _plain),
            ("areas", DCTERMS.spatial, _plain), ("url", DCAT.landingPage, _plain))),
        "areas": ((ABE.Area, SKOS.Concept), (
            ("name_th", SKOS.prefLabel, _th), ("name_en", SKOS.prefLabel, _en), ("level", ABE.areaLevel, _plain),
            ("parent", SKOS.broader, _plain))),
    }.items()
}
_TYPE, _LABEL, _TITLE, _NOTATION = node(RDF.type), node(RDFS.label), node(DCTERMS.title), node(SKOS.notation)
_RESOURCE_TYPE, _RESOURCE_TYPE_TEXT = node(ABE.resourceType), node(ABE.resourceTypeText)
_PUBLISHER, _HELD_BY, _DIMENSION = node(DCTERMS.publisher), node(ABE.heldBy), node(ABE.dimension)
_DISTRIBUTION, _DISTRIBUTION_TYPE = node(DCAT.distribution), node(DCAT.Distribution)
_FORMAT, _CATALOG_DATASET, _DATA = node(DCTERMS["format"]), node(DCAT.dataset), node(concept("dimension", "data"))
_IN_SCHEME, _ISSUES, _AREA_CODE = node(SKOS.inScheme), node(ABE.Issues), node(ABE.areaCode)
_SHEET, _ROW = node(ABE.sheet), node(ABE.row)
_SHEET_KEYS = {key: _plain(sheet.key) for key, sheet in SHEETS.items()}


def _row_triples(sheet: str, subject: ox.NamedNode, c: _RowChecker, source: Source) -> list[Quad]:
    """Check one row and return its quads (empty when the row has an error)."""
    types, columns = _ROW_SHAPES[sheet]
    cells = {col.key: c.column_terms(col) for col in SHEETS[sheet].columns
             if col.kind != "id" and col.key not in ("cause", "effect")}
    t = [Quad(subject, _TYPE, kind) for kind in types]
    for key, predicate, wrap in columns:
        for value in cells.get(key, ()):
            t.append(Quad(subject, predicate, value if isinstance(value, (ox.NamedNode, ox.Literal)) else wrap(value)))
    if sheet == "resources":
        for value in cells.get("type", ()):
            t.append(Quad(subject, _RESOURCE_TYPE_TEXT if isinstance(value, ox.Literal) else _RESOURCE_TYPE, value))
    elif sheet == "issues":
        t += [Quad(subject, _IN_SCHEME, _ISSUES), Quad(subject, _NOTATION, _plain(c.row.cells.get("id", "")))]
    elif sheet == "datasets":
        t.append(Quad(subject, _DIMENSION, _DATA))
        for key, lang in (("title_th", "th"), ("title_en", "en")):
            for value in cells.get(key, ()):
                t += [Quad(subject, _TITLE, _label(value, lang)), Quad(subject, _LABEL, _label(value, lang))]
        for value in cells.get("publisher", ()):
            t += [Quad(subject, _PUBLISHER, value), Quad(subject, _HELD_BY, value)]
        for n, fmt in enumerate(cells.get("format", ()), start=1):
            dist = ox.NamedNode(f"{subject.value}/distribution/{n}")
            t += [Quad(subject, _DISTRIBUTION, dist), Quad(dist, _TYPE, _DISTRIBUTION_TYPE),
                  Quad(dist, _FORMAT, _plain(fmt))]
        t.append(Quad(node(ID[f"catalog/{source.name}"]), _CATALOG_DATASET, subject))
    elif sheet == "areas":
        code = c.row.cells.get("code", "").replace(" ", "")
        if not (code.isdigit() and len(code) in (2, 4, 6)):
            c.problem("unknown_area", "code", value=code)
        t += [Quad(subject, _NOTATION, _plain(code)), Quad(subject, _AREA_CODE, _plain(code))]
    if c.failed:
        return []
    t += [Quad(subject, _SHEET, _SHEET_KEYS[sheet]), Quad(subject, _ROW, _number_literal(c.row.number))]
    return t


def _cause_triples(c: _RowChecker, polarities: dict | None = None) -> list[Quad]:
    """Check one causes row; ``polarities`` remembers each link's polarity and row in this batch,
    so that two rows giving one link opposite polarities are caught."""
    causes, effects = c.terms("cause"), c.terms("effect")
    evidence = c.terms("evidence")
    polarity = _polarity(c)
    if causes and effects and causes[0] == effects[0]:
        c.problem("self_cause", "effect", value=c.row.cells.get("cause", ""))
    if polarity is not None and polarities is not None and causes and effects:
        first, row = polarities.get((causes[0], effects[0]), (polarity, c.row.number))
        if first != polarity:
            c.problem("conflicting_polarity", "polarity", value=c.row.cells.get("polarity", ""), detail=str(row))
    if c.failed:
        return []
    cause, effect = causes[0], effects[0]
    t: list[Quad] = [Quad(cause, node(ABE.causes), effect)]
    if evidence or polarity is not None:  # no polarity column, no evidence: exactly the plain triple
        if polarity is not None and polarities is not None:
            polarities.setdefault((cause, effect), (polarity, c.row.number))
        link = node(ID[f"causal-link/{cause.value.rsplit('/', 1)[-1]}--{effect.value.rsplit('/', 1)[-1]}"])
        t += [Quad(link, node(RDF.type), node(ABE.CausalLink)), Quad(link, node(ABE.cause), cause),
              Quad(link, node(ABE.effect), effect)]
        if evidence:
            t.append(Quad(link, node(ABE.evidence), _text(evidence[0])))
        if polarity is not None:
            t.append(Quad(link, node(ABE.polarity), polarity))
        t += [Quad(link, node(ABE.sheet), _plain(SHEETS["causes"].key)),
              Quad(link, node(ABE.row), _number_literal(c.row.number))]
    return t


def _polarity(c: _RowChecker) -> ox.NamedNode | None:
    """The polarity concept of a causes row; None when the cell is empty (positive) or wrong."""
    text = c.row.cells.get("polarity", "")
    if not text:
        return None
    found = controlled_values().match("polarity", text)
    if found is None:
        c.problem("bad_polarity", "polarity", value=text)
        return None
    return node(found)


def _register(indexes: dict[str, NameIndex], sheet: str, subject: ox.NamedNode, row: Row, source: str) -> None:
    cells = row.cells
    if sheet == "agencies":
        abbreviations = [clean(a) for a in cells.get("abbreviations", "").split(LIST_SEPARATOR)]
        indexes["agencies"].add(subject, cells.get("id", ""), cells.get("name_th", ""),
                                cells.get("name_en", ""), *abbreviations, source=source)
    elif sheet == "issues":
        indexes["issues"].add(subject, cells.get("id", ""), cells.get("name_th", ""), cells.get("name_en", ""),
                              source=source)
    elif sheet == "areas":
        indexes["areas"].add(subject, cells.get("code", "").replace(" ", ""), cells.get("name_th", ""),
                             cells.get("name_en", ""), source=source)


def convert_sources(sources: list[Source], context: NameContext | None = None) -> Converted:
    """Check and convert every table of every source; see :class:`Converted`."""
    context = context or default_context()
    indexes = {"agencies": context.agencies, "issues": context.issues, "areas": context.areas}
    result = Converted()
    report = result.report
    tables = [(source, table) for source in sources for table in source.tables]
    tables.sort(key=lambda st: _ORDER.index(st[1].sheet.key))
    for source in sources:
        result.quads.setdefault(source.name, [])
        report.problems += source.problems
        for table in source.tables:
            report.problems += table.problems
    # first pass: register every row that other rows may refer to, checking its ids
    seen: dict[tuple[str, str], dict[str, int]] = {}
    for source, table in tables:
        sheet = table.sheet.key
        if sheet not in ("agencies", "issues", "areas"):
            continue
        ids = seen.setdefault((table.file, table.name), {})
        for row in table.rows:
            identifier = row.cells.get(table.sheet.id_column.key, "")
            if identifier and identifier in ids:
                continue
            if identifier:
                ids[identifier] = row.number
                _register(indexes, sheet, node(entity_iri(KIND[sheet], identifier)), row, source.name)
    # second pass: check and convert every row
    seen.clear()
    polarities: dict = {}  # (cause, effect) -> (polarity, row) across the causes rows of the batch
    for source, table in tables:
        sheet = table.sheet.key
        bad = any(p.severity == "error" and p.code in ("missing_column", "no_header") for p in table.problems)
        if bad:
            continue
        ids = seen.setdefault((table.file, table.name), {})
        accepted = 0
        columns: dict[str, str] = {}
        for row in table.rows:
            checker = _RowChecker(table, row, indexes, source.name, columns)
            checker.scan_personal()
            if sheet == "causes":
                triples = _cause_triples(checker, polarities)
                subject = None
            else:
                identifier = row.cells.get(table.sheet.id_column.key, "")
                if not identifier:
                    checker.problem("missing_value", table.sheet.id_column.key)
                elif identifier in ids:
                    checker.problem("duplicate_id", table.sheet.id_column.key, value=identifier,
                                    detail=str(ids[identifier]))
                else:
                    ids[identifier] = row.number
                subject = node(entity_iri(KIND[sheet], identifier or f"row-{row.number}"))
                triples = _row_triples(sheet, subject, checker, source)
            report.problems += checker.problems
            key = (table.file, table.name, row.number)
            result.rows[key] = row
            if checker.failed:
                report.rejected.append((table.file, table.name, row.number, row.original, tuple(checker.problems)))
                continue
            accepted += 1
            result.quads[source.name] += triples
            if subject is not None:
                result.origin.setdefault(subject, key)
        report.accepted[sheet] = report.accepted.get(sheet, 0) + accepted
    for source in sources:
        result.quads[source.name] += _gazetteer_areas(result.quads[source.name])
        report.graphs[source.name] = len(result.quads[source.name])
    return result


_AREA_LINKS = frozenset(node(p) for p in (ABE.locatedIn, ABE.coversArea, DCTERMS.spatial, SKOS.broader))
_AREA_PREFIX = str(ID["area/"])


def _gazetteer_areas(quads: list[Quad]) -> list[Quad]:
    """Quads for the areas a source refers to but does not describe, with their parents."""
    described, wanted = set(), []
    for q in quads:  # one pass: a quad's parts are made anew each time they are asked for
        predicate = q.predicate
        if predicate == _AREA_CODE:
            described.add(q.subject)
        elif predicate in _AREA_LINKS and isinstance(o := q.object, ox.NamedNode) and o.value.startswith(_AREA_PREFIX):
            wanted.append(o)
    out: list[Quad] = []
    done: set = set()
    while wanted:
        iri = wanted.pop()
        if iri in described or iri in done:
            continue
        done.add(iri)
        area = lookup_area(unquote(iri.value.rsplit("/", 1)[-1]))
        if area is None:
            continue
        out += [Quad(iri, node(p), o) for p, o in (
            (RDF.type, node(ABE.Area)), (RDF.type, node(SKOS.Concept)),
            (SKOS.prefLabel, _label(area.name_th, "th")), (SKOS.prefLabel, _label(area.name_en, "en")),
            (SKOS.notation, _plain(area.code)), (ABE.areaCode, _plain(area.code)),
            (ABE.areaLevel, node(concept("area-level", area.level))))]
        if area.parent:
            parent = node(entity_iri("area", area.parent))
            out.append(Quad(iri, node(SKOS.broader), parent))
            wanted.append(parent)
    return out
