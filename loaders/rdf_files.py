"""Read RDF files (Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML).

Triples in the default graph load into the source's own named graph; quads that name a
graph keep it, so a TriG export loads back as it was. A file of triples is not parsed in
Python at all when it loads into a new graph: the store reads it natively
(:meth:`abegraph.graph.store.Store.replace_graphs` with ``files``). Every file's text is
scanned for personal identifiers, as workbook cells are.

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
>>> _ = path.write_text('<http://e/a> <http://e/b> "เลข 3-4001-00123-45-8" .')
>>> [p.code for p in scan_rdf(path, "bad.ttl")]
['citizen_id']
"""
from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox

from abegraph.thai.personal import is_citizen_id

from .problems import Problem

__all__ = ["read_rdf", "read_rdf_source", "parse_rdf", "scan_rdf", "check_entities", "OX_FORMATS", "TRIPLE_FORMATS"]

OX_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE, "n-triples": ox.RdfFormat.N_TRIPLES, "n-quads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG, "json-ld": ox.RdfFormat.JSON_LD, "rdf-xml": ox.RdfFormat.RDF_XML,
}
#: formats whose triples all go into one graph, so the store can read them natively
TRIPLE_FORMATS = frozenset({"turtle", "n-triples", "rdf-xml"})


_CID_BYTES = re.compile(rb"(?<![0-9])[0-9](?:[- ]?[0-9]){12}(?![0-9])")
_PHONE_BYTES = re.compile(rb"(?<![0-9])(?:\+66[- ]?|0)[689][0-9][- ]?[0-9]{3}[- ]?[0-9]{4}(?![0-9])")


def scan_rdf(path: Path, display: str) -> list[Problem]:
    """Personal identifiers anywhere in the file (citizen IDs refused, phones flagged).

    The file is scanned as bytes through a memory map, so a large file is never held in
    memory as text; Thai digits cannot occur in N-Triples-style numbers, and a Thai-digit ID
    inside a literal is caught when the literal is checked in a workbook.
    """
    import mmap

    problems: list[Problem] = []
    if path.stat().st_size == 0:
        return problems
    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        for match in _CID_BYTES.finditer(data):
            digits = re.sub(rb"[- ]", b"", match.group()).decode()
            if is_citizen_id(digits):
                problems.append(Problem("citizen_id", file=display, value=digits[:1] + "-XXXX-XXXXX-XX-" + digits[-1]))
        for match in _PHONE_BYTES.finditer(data):
            digits = re.sub(rb"[- +]", b"", match.group()).decode()
            problems.append(Problem("phone_number", file=display, value="0" + digits[-9:-7] + "XXXXXXX"))
    return problems


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


def parse_rdf(path: Path, display: str, fmt: str) -> tuple[list[ox.Quad], list[Problem]]:
    """Parse the whole file into quads; a syntax error becomes a problem with its line."""
    if fmt == "rdf-xml" and (problem := check_entities(path, display)) is not None:
        return [], [problem]
    try:
        return list(ox.parse(path=str(path), format=OX_FORMATS[fmt])), []
    except SyntaxError as err:
        return [], [Problem("rdf_syntax", file=display, row=err.lineno, detail=str(err))]
    except (OSError, ValueError) as err:
        return [], [Problem("rdf_syntax", file=display, detail=str(err))]


def read_rdf(path: Path, display: str, fmt: str) -> tuple[list[ox.Quad], list[Problem]]:
    """Scan every file; parses only quad formats
    (their graph names must be known before loading) — see :func:`parse_rdf` for the rest."""
    if fmt == "rdf-xml" and (problem := check_entities(path, display)) is not None:
        return [], [problem]
    problems = scan_rdf(path, display)
    if fmt in TRIPLE_FORMATS:
        return [], problems
    quads, trouble = parse_rdf(path, display, fmt)
    return quads, problems + trouble


def read_rdf_source(source) -> None:
    """The reader of RDF files (see :class:`abegraph.loaders.sources.Reader`): a file of triples
    is only scanned here and parsed by the store (or by ``source.parse()``); others are parsed now."""
    source.quads, problems = read_rdf(source.path, source.file, source.format)
    source.parsed = source.format not in TRIPLE_FORMATS
    source.problems += problems
