"""Read any supported input file into a :class:`Source`: a registry of readers by format.

Built-in readers register through the same table a plug-in would use: a format name, the
file endings and the reader's import path, imported only when used.

Example
-------
>>> from abegraph.loaders.sources import format_for, FORMATS
>>> format_for("khonkaen.xlsx"), format_for("tables.TTL"), format_for("x.jsonld"), format_for("ckan.json")
('xlsx', 'turtle', 'json-ld', 'ckan-json')
>>> sorted(FORMATS)[:3]
['ckan-json', 'csv', 'csv-folder']

Government catalogues (:mod:`abegraph.catalog.ckan`) are read as rows of the datasets sheet: a
``.json`` file is a CKAN API answer, and a ``.ttl``/``.rdf``/``.xml``/``.jsonld`` file that describes
datasets (``dcat:Dataset``) without any abegraph class is a DCAT catalogue (``dcat-turtle`` ...), found by
:func:`~abegraph.catalog.sniff.sniff_dcat` when no format is given.
"""
from __future__ import annotations

import hashlib
import importlib
import re
from concurrent.futures import Future
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.metadata import entry_points
from pathlib import Path

from ..exceptions import UnknownFormatError
from .problems import Problem
from .rdf_files import TRIPLE_FORMATS, parse_rdf
from .tables import Table

__all__ = ["Source", "Reader", "FORMATS", "ENTRY_POINT_GROUP", "readers", "format_for", "read_source", "source_name"]


@dataclass
class Source:
    """One input file (or CSV folder) as read: its tables or quads, and its problems."""

    name: str  # the named graph it loads into
    file: str  # as shown to the user
    path: Path | None = None
    sha256: str = ""
    format: str = ""
    tables: list[Table] = field(default_factory=list)
    #: RDF input: pyoxigraph quads (for a file of triples, only once :meth:`parse` ran)
    quads: list = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    parsed: bool = False
    #: a government catalogue (CKAN JSON, DCAT) read as tables: see :class:`abegraph.catalog.ckan.Catalog`
    catalog: object | None = None
    #: problems still being looked for: a file of triples' personal-identifier scan runs in a
    #: thread, so that a load can write the file meanwhile (:meth:`settle` waits for them)
    pending: Future | None = None

    def settle(self) -> list[Problem]:
        """Wait for the problems still being looked for; they join ``problems`` and are returned.

        >>> Source("x", "x.ttl").settle()
        []
        """
        if self.pending is None:
            return []
        found, self.pending = self.pending.result(), None
        self.problems += found
        return found

    @property
    def is_rdf(self) -> bool:
        return bool(self.format) and readers()[self.format].kind == "rdf"

    @property
    def native(self) -> bool:
        """True for a file of triples the store can read itself, not yet parsed in Python."""
        return self.format in TRIPLE_FORMATS and not self.parsed

    def parse(self) -> list:
        """Parse an RDF file's quads in Python (once); syntax errors join ``problems``."""
        if self.is_rdf and not self.parsed:
            self.quads, trouble = parse_rdf(self.path, self.file, self.format)
            self.problems += trouble
            self.parsed = True
        return self.quads


@dataclass(frozen=True)
class Reader:
    """One entry of the reader registry.

    ``read`` names a function ``read(source: Source) -> None`` (``"module:function"``, imported
    only when used) that fills ``source.tables`` (workbook rows), or ``source.quads`` (RDF), or
    ``source.catalog`` (a catalogue of datasets), and appends to ``source.problems``; it never
    raises for a bad file. ``sniff`` optionally names ``sniff(path, fmt) -> bool``: the reader
    claims a file that its ending gives to the format ``fmt`` (a DCAT catalogue in Turtle, say).
    """

    endings: tuple[str, ...]
    read: str
    kind: str = "tables"  # "tables", "rdf" or "catalog"
    sniff: str = ""
    sniffs: tuple[str, ...] = ()  # the formats whose files ``sniff`` looks at


#: the built-in readers; plug-ins add theirs through the ``abegraph.readers`` entry-point group
#: (name = format name, value = ``module:Reader`` instance), loaded by :func:`readers`
FORMATS: dict[str, Reader] = {
    "xlsx": Reader((".xlsx", ".xlsm"), "abegraph.loaders.tables:read_table_source"),
    "csv": Reader((".csv", ".tsv"), "abegraph.loaders.tables:read_table_source"),
    "csv-folder": Reader((), "abegraph.loaders.tables:read_table_source"),
    "turtle": Reader((".ttl", ".turtle"), "abegraph.loaders.rdf_files:read_rdf_source", "rdf"),
    "n-triples": Reader((".nt",), "abegraph.loaders.rdf_files:read_rdf_source", "rdf"),
    "n-quads": Reader((".nq",), "abegraph.loaders.rdf_files:read_rdf_source", "rdf"),
    "trig": Reader((".trig",), "abegraph.loaders.rdf_files:read_rdf_source", "rdf"),
    "json-ld": Reader((".jsonld", ".json-ld"), "abegraph.loaders.rdf_files:read_rdf_source", "rdf"),
    "rdf-xml": Reader((".rdf", ".owl", ".xml"), "abegraph.loaders.rdf_files:read_rdf_source", "rdf"),
    "ckan-json": Reader((".json", ".jsonl"), "abegraph.catalog.ckan:read_catalog_source", "catalog"),
    **{f"dcat-{fmt}": Reader((), "abegraph.catalog.ckan:read_catalog_source", "catalog",
                             "abegraph.catalog.sniff:sniff_dcat", (fmt,))
       for fmt in ("turtle", "rdf-xml", "json-ld")},
}
ENTRY_POINT_GROUP = "abegraph.readers"


@lru_cache(maxsize=1)
def readers() -> dict[str, Reader]:
    """The built-in readers and those plug-ins register (a plug-in may not replace a built-in)."""
    found = dict(FORMATS)
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        if entry.name not in found:
            reader = entry.load()
            if isinstance(reader, Reader):
                found[entry.name] = reader
    return found


def _function(path: str):
    module, _, function = path.partition(":")
    return getattr(importlib.import_module(module), function)


def format_for(path: str | Path) -> str:
    """The format name of a file from its ending (a folder is ``csv-folder``)."""
    path = Path(path)
    if path.is_dir():
        return "csv-folder"
    suffix = path.suffix.lower()
    for name, reader in readers().items():
        if suffix in reader.endings:
            return name
    known = ", ".join(e for reader in readers().values() for e in reader.endings)
    raise UnknownFormatError(f"{path.name}: unknown file type {suffix or '(none)'}; known: {known}")


def source_name(path: str | Path) -> str:
    """The default graph name of a file: its name without ending, as a safe slug.

    >>> source_name("/tmp/Khon Kaen table 3.xlsx")
    'khon-kaen-table-3'
    """
    stem = Path(path).name if Path(path).is_dir() else Path(path).stem
    return re.sub(r"[^\w.-]+", "-", stem.strip().lower(), flags=re.UNICODE).strip("-") or "source"


def _checksum(path: Path) -> str:
    digest = hashlib.sha256()
    files = sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path]
    for file in files:  # streamed: a file of a million triples is 150 MB
        with file.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    return digest.hexdigest()


def read_source(path: str | Path, name: str | None = None, fmt: str | None = None, *, wait: bool = True) -> Source:
    """Read one file or CSV folder; problems are collected in the result, never raised.

    Without ``fmt``, an RDF file that is a DCAT catalogue is read as one (``dcat-turtle`` ...).
    Without ``wait``, a file of triples' scan may still be running (``Source.pending``, ``settle()``).
    """
    path = Path(path)
    display = path.name
    source = Source(name or source_name(path), display, path)
    if not path.exists():
        source.problems.append(Problem("no_such_file", file=display))
        return source
    try:
        source.format = fmt or format_for(path)
    except UnknownFormatError as err:
        source.problems.append(Problem("unknown_format", file=display, detail=str(err).split(": ", 1)[1]))
        return source
    if fmt is None:
        for name, reader in readers().items():
            if source.format in reader.sniffs and _function(reader.sniff)(path, source.format):
                source.format = name
                break
    source.sha256 = _checksum(path)
    _function(readers()[source.format].read)(source)
    if wait:
        source.settle()
    return source
