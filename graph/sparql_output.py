"""Write SPARQL results: the standard formats for SELECT/ASK and RDF syntaxes for graphs,
plus a readable table with prefixed names for people.

Example
-------
>>> import io
>>> from abegraph.graph.store import Store
>>> from abegraph.graph.sparql_output import write_result
>>> out = io.BytesIO()
>>> write_result(Store.open(None).query("SELECT (1 + 1 AS ?two) WHERE {}"), out, "csv")
>>> out.getvalue().decode().split()
['two', '2']
"""
from __future__ import annotations

from typing import IO

import pyoxigraph as ox

from ..exceptions import UnknownFormatError
from ..formats import write_rows
from ..ontology.iris import prefixes
from ..thai.dates import thai_date, thai_datetime

__all__ = ["write_result", "short_name"]

_RESULT_FORMATS = {"csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV,
                   "json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML}
_XSD = "http://www.w3.org/2001/XMLSchema#"
#: how a Thai table writes a date or dateTime literal
_THAI_DATES = {_XSD + "date": thai_date, _XSD + "dateTime": thai_datetime}
_GRAPH_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD}


def short_name(term, known: dict[str, str] | None = None, lang: str = "en") -> str:
    """A term as a person reads it: a literal's text (a date or dateTime in Thai in ``lang``
    ``th``), an IRI as ``prefix:rest``.

    >>> short_name(ox.Literal("2026-12-03T17:31:01Z", datatype=ox.NamedNode(_XSD + "dateTime")), lang="th")
    '4 ธ.ค. 2569 00:31 น.'
    """
    if term is None:
        return ""
    if isinstance(term, ox.Literal):
        thai = _THAI_DATES.get(term.datatype.value) if lang == "th" else None
        if thai:
            try:
                return thai(term.value)
            except ValueError:
                return term.value
        return term.value
    if isinstance(term, ox.NamedNode):
        for prefix, namespace in sorted((known or prefixes("all")).items(), key=lambda kv: -len(kv[1])):
            if term.value.startswith(namespace):
                return f"{prefix}:{term.value[len(namespace):]}"
        return term.value
    return str(term)


def write_result(result, out: IO[bytes], fmt: str, headings: dict[str, str] | None = None,
                 lang: str = "en") -> None:
    """Write a pyoxigraph query result in ``fmt``; ``table`` and ``md`` head the columns with
    ``headings`` (variable -> heading) where given, and answer an ASK in ``lang``. The SPARQL
    formats (``csv``, ``tsv``, ``json``, ``xml``) are exactly the standard ones."""
    if isinstance(result, (ox.QueryTriples, list)):  # a list of triples comes from a remote store
        if fmt not in _GRAPH_FORMATS:
            fmt = "turtle"
        ox.serialize(result, out, _GRAPH_FORMATS[fmt],
                     **({"prefixes": prefixes("all")} if fmt == "turtle" else {}))
        return
    if fmt in _RESULT_FORMATS:
        result.serialize(out, _RESULT_FORMATS[fmt])
        return
    if fmt not in ("table", "md"):
        raise UnknownFormatError(f"{fmt} is for CONSTRUCT/DESCRIBE results; use table, csv, tsv, json, xml or md")
    import io

    text = io.StringIO()
    if isinstance(result, ox.QueryBoolean):
        text.write({(True, "en"): "yes", (False, "en"): "no", (True, "th"): "ใช่", (False, "th"): "ไม่ใช่"}[
            bool(result), "th" if lang == "th" else "en"] + "\n")
    else:
        known = prefixes("all")
        names = [v.value for v in result.variables]
        rows = [{n: short_name(solution[n], known, lang) for n in names} for solution in result]
        write_rows(rows, text, fmt, names, [(headings or {}).get(n, n) for n in names])
    out.write(text.getvalue().encode("utf-8"))
