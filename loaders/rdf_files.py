r"""Read RDF files (Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML).

Triples in the default graph load into the source's own named graph; quads that name a
graph keep it, so a TriG export loads back as it was. A file of triples is not parsed in
Python at all when it loads into a new graph: the store reads it natively
(:meth:`abegraph.graph.store.Store.replace_graphs` with ``files``). Every literal and IRI of
every file is scanned for personal identifiers, as workbook cells are (:func:`scan_quads`).

Example
-------
>>> from pathlib import Path
>>> import tempfile
>>> from abegraph.loaders.rdf_files import parse_rdf, scan_rdf
>>> path = Path(tempfile.mkdtemp()) / "bad.ttl"
>>> _ = path.write_text('<http://e/a> <http://e/b> "open')
>>> quads, problems = parse_rdf(path, "bad.ttl", "turtle")
>>> problems[0].code, problems[0].row
('rdf_syntax', 1)
>>> _ = path.write_text('<http://e/a> <http://e/b> "\\u0e40\\u0e25\\u0e02 3\\u200b4001\\u00a000123 45 8" .')
>>> [(p.code, p.detail, p.value) for p in scan_rdf(path, "bad.ttl", "turtle")]
[('citizen_id_rdf', '<http://e/b>', '3-XXXX-XXXXX-XX-8')]
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path
from urllib.parse import unquote

import pyoxigraph as ox

from abegraph.thai.personal import find_personal, mask_citizen_id, mask_phone_number

from .problems import Problem

__all__ = ["read_rdf", "read_rdf_source", "parse_rdf", "scan_rdf", "scan_quads", "check_entities", "OX_FORMATS",
           "TRIPLE_FORMATS"]

OX_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE, "n-triples": ox.RdfFormat.N_TRIPLES, "n-quads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG, "json-ld": ox.RdfFormat.JSON_LD, "rdf-xml": ox.RdfFormat.RDF_XML,
}
#: formats whose triples all go into one graph, so the store can read them natively
TRIPLE_FORMATS = frozenset({"turtle", "n-triples", "rdf-xml"})


#: short names for the predicates a scan names in its messages
_PREFIXES = {"http://www.w3.org/2000/01/rdf-schema#": "rdfs:", "http://www.w3.org/2004/02/skos/core#": "skos:",
             "http://purl.org/dc/terms/": "dcterms:", "http://www.w3.org/ns/dcat#": "dcat:",
             "http://xmlns.com/foaf/0.1/": "foaf:", "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf:",
             "https://w3id.org/abegraph/ontology#": "abe:", "http://schema.org/": "schema:"}


def _short(iri: str) -> str:
    for namespace, prefix in _PREFIXES.items():
        if iri.startswith(namespace):
            return prefix + iri[len(namespace):]
    return f"<{iri}>"


def _texts(quads: Iterable, batch: int = 5_000) -> Iterator[set[str]]:
    """Every distinct literal, IRI and blank-node label of the quads (triple terms included), in
    sets of about ``batch`` texts: memory stays bounded however large the file (a text repeated
    across two sets is looked at twice, which costs less than remembering every text)."""
    texts: set[str] = set()
    add = texts.add
    nested = []
    for quad in quads:  # the loop that runs per triple: kept to three lookups and three adds
        subject, obj = quad.subject, quad.object
        add(quad.predicate.value)
        add(subject.value) if type(subject) is not ox.Triple else nested.append(subject)
        add(obj.value) if type(obj) is not ox.Triple else nested.append(obj)
        if len(texts) + len(nested) >= batch:
            yield _with_nested(texts, nested)
            texts = set()
            add = texts.add
    yield _with_nested(texts, nested)


def _with_nested(texts: set[str], nested: list) -> set[str]:
    """``texts`` with those of the RDF 1.2 triple terms ``nested`` (emptied), and percent-encoded
    IRIs as they read."""
    while nested:
        triple = nested.pop()
        nested += [t for t in (triple.subject, triple.object) if type(t) is ox.Triple]
        texts.update(t.value for t in (triple.subject, triple.predicate, triple.object) if type(t) is not ox.Triple)
    texts |= {unquote(t) for t in texts if "%" in t}
    return texts


def _predicate_of(quads: Iterable, texts: set[str]) -> dict[str, str]:
    """The first predicate each of ``texts`` occurs with (a second pass, only once something was found)."""
    found: dict[str, str] = {}
    for quad in quads:
        for term in (quad.subject, quad.predicate, quad.object, quad.graph_name):
            value = getattr(term, "value", None)
            if value is not None:
                for text in {value, unquote(value)} & texts:
                    found.setdefault(text, quad.predicate.value)
        if len(found) == len(texts):
            break
    return found


def scan_quads(quads: Iterable, display: str, again=None) -> list[Problem]:
    """Personal identifiers in the terms of parsed quads (citizen IDs refused, phones flagged):
    every literal, IRI (percent-decoded too), blank-node label and graph name, each distinct text
    once (or once per 5,000 distinct texts: a scan holds little memory, and took no longer:
    ``python -m bench.personal_scan``).

    The parsed terms are what the store holds, so ``\\u`` escapes (Turtle, TriG, JSON-LD),
    RDF/XML character references and Thai digits are seen as the characters they stand for.
    ``again()`` gives the quads once more, to name the predicate of what was found (``quads``
    itself when it is a list).
    """
    quads = quads if again is not None else list(quads)
    hits: dict[tuple[str, str, str], None] = {}  # (text, kind, digits), in the order found
    try:
        for texts in _texts(quads):
            texts = list(texts)
            hits.update(((texts[index], kind, digits), None) for index, kind, digits in find_personal(texts))
    except (SyntaxError, OSError, ValueError):
        return []  # a file that does not parse is refused for that, by the parser that loads it
    if isinstance(quads, list):  # graph names: only quad formats have them
        names = [g.value for g in {q.graph_name for q in quads} if isinstance(g, ox.NamedNode)]
        hits.update(((names[index], kind, digits), None) for index, kind, digits in find_personal(names))
    if not hits:
        return []
    try:
        where = _predicate_of(again() if again is not None else quads, {text for text, _, _ in hits})
    except (SyntaxError, OSError, ValueError):
        where = {}
    problems = []
    for text, kind, digits in hits:
        code, mask = (("citizen_id_rdf", mask_citizen_id) if kind == "citizen_id"
                      else ("phone_number_rdf", mask_phone_number))
        problems.append(Problem(code, file=display, detail=_short(where.get(text, "")), value=mask(digits)))
    return problems


def scan_rdf(path: Path, display: str, fmt: str) -> list[Problem]:
    """:func:`scan_quads` over the file, parsed as it streams (by pyoxigraph, in Rust): nothing
    but a batch of distinct texts is kept, and the store still reads a file of triples natively."""
    if path.stat().st_size == 0:
        return []

    def quads():
        return ox.parse(path=str(path), format=OX_FORMATS[fmt])

    return scan_quads(quads(), display, again=quads)


#: how much larger than the file its entity references may make an RDF/XML text (plus 1 MB)
MAX_ENTITY_GROWTH = 4


class _Prolog(Exception):
    """Raised by the expat handlers once the root element starts: the prolog has been read."""


def check_entities(path: Path, display: str) -> Problem | None:
    """Refuse an XML file whose DOCTYPE declares entities that could take the machine or read
    other files, before any parser expands them: parameter and external entities (XXE),
    entities that refer to entities (billion laughs), and plain ones referred to so often that
    the text would grow past :data:`MAX_ENTITY_GROWTH` times the file. Plain namespace
    abbreviations (``<!ENTITY rdf "http://...#">``, as Protégé writes) pass.

    The prolog is read by expat, stopped at the root element; references are counted in a
    memory map of the file.
    """
    import mmap
    from xml.parsers import expat

    entities: dict[str, str] = {}
    refused: list[str] = []

    def declared(name, is_parameter, value, base, system_id, public_id, notation):
        if is_parameter or system_id or public_id or notation:
            refused.append(f"{name} names another file or is a parameter entity")
        elif value is not None and ("&" in value or "%" in value):
            refused.append(f"{name} refers to other entities")
        else:
            entities[name] = value or ""

    def started(*_):
        raise _Prolog

    parser = expat.ParserCreate()
    parser.EntityDeclHandler = declared
    parser.StartElementHandler = started
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    with path.open("rb") as handle:
        head = handle.read(4096)
        if b"<!DOCTYPE" not in head and b"<!ENTITY" not in head:
            return None  # no DTD: the parser refuses any entity it meets on its own
        try:
            handle.seek(0)
            while chunk := handle.read(1 << 16):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
        except (_Prolog, expat.ExpatError):
            pass
    if refused:
        return Problem("xml_entities", file=display, detail="; ".join(refused[:3]))
    if not entities:
        return None
    size = path.stat().st_size
    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        grown = sum(len(value) * sum(1 for _ in re.finditer(re.escape(f"&{name};".encode()), data))
                    for name, value in entities.items())
    if grown > MAX_ENTITY_GROWTH * size + 1_000_000:
        return Problem("xml_entities", file=display, detail=f"their references would add {grown:,} characters")
    return None


def parse_rdf(path: Path, display: str, fmt: str, *, fresh_blank_nodes: bool = False) -> tuple[list[ox.Quad], list[Problem]]:
    """Parse the whole file into quads; a syntax error becomes a problem with its line.
    ``fresh_blank_nodes`` names the file's blank nodes anew (what the store should hold: a
    file's ``_:x`` is its own, not another file's ``_:x``); otherwise they keep the file's labels."""
    if fmt == "rdf-xml" and (problem := check_entities(path, display)) is not None:
        return [], [problem]
    try:
        return list(ox.parse(path=str(path), format=OX_FORMATS[fmt], rename_blank_nodes=fresh_blank_nodes)), []
    except SyntaxError as err:
        return [], [Problem("rdf_syntax", file=display, row=err.lineno, detail=str(err))]
    except (OSError, ValueError) as err:
        return [], [Problem("rdf_syntax", file=display, detail=str(err))]


def read_rdf(path: Path, display: str, fmt: str) -> tuple[list[ox.Quad], list[Problem]]:
    """Scan every file; parses only quad formats
    (their graph names must be known before loading) — see :func:`parse_rdf` for the rest."""
    if fmt == "rdf-xml" and (problem := check_entities(path, display)) is not None:
        return [], [problem]  # before any parser (the scan's included) expands an entity
    if fmt in TRIPLE_FORMATS:
        return [], scan_rdf(path, display, fmt)
    quads, trouble = parse_rdf(path, display, fmt)
    problems = scan_quads(quads, display) + trouble  # the file's own blank-node labels are scanned too
    if not trouble and any(type(t) in (ox.BlankNode, ox.Triple) for q in quads for t in (q.subject, q.object, q.graph_name)):
        quads, _ = parse_rdf(path, display, fmt, fresh_blank_nodes=True)
    return quads, problems


def read_rdf_source(source) -> None:
    """The reader of RDF files (see :class:`abegraph.loaders.sources.Reader`): a file of triples
    is only scanned, in a thread (``source.pending``: a load writes the file meanwhile, and its
    commit waits for the scan), and parsed by the store (or by ``source.parse()``); others are
    parsed and scanned now."""
    if source.format in TRIPLE_FORMATS:
        if source.format == "rdf-xml" and (problem := check_entities(source.path, source.file)) is not None:
            source.problems.append(problem)  # before any parser (the scan's included) expands an entity
        else:
            source.pending = _scans().submit(scan_rdf, source.path, source.file, source.format)
        return
    source.quads, problems = read_rdf(source.path, source.file, source.format)
    source.parsed = True
    source.problems += problems


@cache
def _scans() -> ThreadPoolExecutor:
    """The one thread that scans files of triples (the scan is Python; the store writes in Rust)."""
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="abegraph-scan")
