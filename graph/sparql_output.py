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
from .export import prefixes

__all__ = ["write_result", "short_name"]

_RESULT_FORMATS = {"csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV,
                   "json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML}
_GRAPH_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD}


def short_name(term, known: dict[str, str] | None = None) -> str:
    """A term as a person reads it: a literal's text, an IRI as ``prefix:rest``."""
    if term is None:
        return ""
    if isinstance(term, ox.Literal):
        return term.value
    if isinstance(term, ox.NamedNode):
        for prefix, namespace in sorted((known or prefixes()).items(), key=lambda kv: -len(kv[1])):
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
                     **({"prefixes": prefixes()} if fmt == "turtle" else {}))
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
        known = prefixes()
        names = [v.value for v in result.variables]
        rows = [{n: short_name(solution[n], known) for n in names} for solution in result]
        write_rows(rows, text, fmt, names, [(headings or {}).get(n, n) for n in names])
    out.write(text.getvalue().encode("utf-8"))
