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

Government catalogues (:mod:`abegraph.loaders.ckan`) are read as rows of the datasets sheet: a
``.json`` file is a CKAN API answer, and a ``.ttl``/``.rdf``/``.xml``/``.jsonld`` file that describes
datasets (``dcat:Dataset``) without any abegraph class is a DCAT catalogue (``dcat-turtle`` ...), found by
:func:`~abegraph.loaders.ckan.sniff_dcat` when no format is given.
"""
from __future__ import annotations

import hashlib
import importlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..exceptions import UnknownFormatError
from .problems import Problem
from .tables import Table

__all__ = ["Source", "FORMATS", "format_for", "read_source", "source_name"]


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
    #: a government catalogue (CKAN JSON, DCAT) read as tables: see :class:`abegraph.loaders.ckan.Catalog`
    catalog: object | None = None

    @property
    def is_rdf(self) -> bool:
        return self.format not in _TABULAR and bool(self.format)

    @property
    def native(self) -> bool:
        """True for a file of triples the store can read itself, not yet parsed in Python."""
        from .rdf_files import TRIPLE_FORMATS

        return self.format in TRIPLE_FORMATS and not self.parsed

    def parse(self) -> list:
        """Parse an RDF file's quads in Python (once); syntax errors join ``problems``."""
        if self.is_rdf and not self.parsed:
            from .rdf_files import parse_rdf

            self.quads, trouble = parse_rdf(self.path, self.file, self.format)
            self.problems += trouble
            self.parsed = True
        return self.quads


#: format name -> (file endings, "module:function" of the reader)
FORMATS: dict[str, tuple[tuple[str, ...], str]] = {
    "xlsx": ((".xlsx", ".xlsm"), "abegraph.loaders.tables:read_xlsx"),
    "csv": ((".csv", ".tsv"), "abegraph.loaders.tables:read_csv"),
    "csv-folder": ((), "abegraph.loaders.tables:read_csv_folder"),
    "turtle": ((".ttl", ".turtle"), "abegraph.loaders.rdf_files:read_rdf"),
    "n-triples": ((".nt",), "abegraph.loaders.rdf_files:read_rdf"),
    "n-quads": ((".nq",), "abegraph.loaders.rdf_files:read_rdf"),
    "trig": ((".trig",), "abegraph.loaders.rdf_files:read_rdf"),
    "json-ld": ((".jsonld", ".json-ld"), "abegraph.loaders.rdf_files:read_rdf"),
    "rdf-xml": ((".rdf", ".owl", ".xml"), "abegraph.loaders.rdf_files:read_rdf"),
    "ckan-json": ((".json",), "abegraph.loaders.ckan:read_ckan_json"),
    "dcat-turtle": ((), "abegraph.loaders.ckan:read_dcat_turtle"),
    "dcat-rdf-xml": ((), "abegraph.loaders.ckan:read_dcat_rdf_xml"),
    "dcat-json-ld": ((), "abegraph.loaders.ckan:read_dcat_json_ld"),
}
#: formats read as catalogues of datasets (rows of the datasets sheet), not as triples
_CATALOGS = ("ckan-json", "dcat-turtle", "dcat-rdf-xml", "dcat-json-ld")
_TABULAR = ("xlsx", "csv", "csv-folder") + _CATALOGS


def format_for(path: str | Path) -> str:
    """The format name of a file from its ending (a folder is ``csv-folder``)."""
    path = Path(path)
    if path.is_dir():
        return "csv-folder"
    suffix = path.suffix.lower()
    for name, (endings, _) in FORMATS.items():
        if suffix in endings:
            return name
    known = ", ".join(e for endings, _ in FORMATS.values() for e in endings)
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
    for file in files:
        digest.update(file.read_bytes())
    return digest.hexdigest()


def read_source(path: str | Path, name: str | None = None, fmt: str | None = None) -> Source:
    """Read one file or CSV folder; problems are collected in the result, never raised.

    Without ``fmt``, an RDF file that is a DCAT catalogue is read as one (``dcat-turtle`` ...).
    """
    path = Path(path)
    display = path.name
    source = Source(name or source_name(path), display, path)
    if not path.exists():
        source.problems.append(Problem("not_a_workbook", file=display, detail="no such file or folder"))
        return source
    try:
        source.format = fmt or format_for(path)
    except UnknownFormatError as err:
        source.problems.append(Problem("unknown_format", file=display, detail=str(err).split(": ", 1)[1]))
        return source
    if fmt is None and source.format in ("turtle", "rdf-xml", "json-ld"):
        from .ckan import sniff_dcat

        if sniff_dcat(path, source.format):
            source.format = f"dcat-{source.format}"
    source.sha256 = _checksum(path)
    module, _, function = FORMATS[source.format][1].partition(":")
    reader = getattr(importlib.import_module(module), function)
    if source.format in _CATALOGS:
        source.catalog = reader(path, display)
        source.tables, problems = source.catalog.tables, source.catalog.problems
    elif source.format in _TABULAR:
        source.tables, problems = reader(path, display)
    else:
        from .rdf_files import TRIPLE_FORMATS

        source.quads, problems = reader(path, display, source.format)
        source.parsed = source.format not in TRIPLE_FORMATS
    source.problems += problems
    return source
