"""Decide whether a SPARQL request may run: no outside fetches, no writes unless allowed.

Oxigraph follows ``SERVICE <url>`` and ``LOAD <url>`` to any address it is given, so an
open endpoint could be made to fetch from other hosts. This module scans the request
(outside strings, comments and IRIs written as values) and refuses SERVICE to endpoints not
on the allow-list, any LOAD, and any update when updates are not allowed.

Example
-------
>>> from abegraph.server.guard import check_query, GuardError
>>> check_query("SELECT * WHERE { ?s ?p 'SERVICE <http://x>' }")
>>> try:
...     check_query("SELECT * WHERE { SERVICE <http://169.254.169.254/> { ?s ?p ?o } }")
... except GuardError as err:
...     print(err)
SERVICE <http://169.254.169.254/> is not on this endpoint's allow-list
>>> check_query("SELECT * WHERE { SERVICE <https://query.wikidata.org/sparql> { ?s ?p ?o } }",
...             allowed_services={"https://query.wikidata.org/sparql"})
"""
from __future__ import annotations

from ..graph.sparql_text import tokens

__all__ = ["GuardError", "check_query", "check_update", "tokens"]


class GuardError(Exception):
    """The request asks for something this endpoint does not allow."""


def _services(toks) -> list[str]:
    targets = []
    for i, (kind, text) in enumerate(toks):
        if kind == "word" and text.upper() == "SERVICE":
            j = i + 1
            if j < len(toks) and toks[j][1].upper() == "SILENT":
                j += 1
            targets.append(toks[j][1] if j < len(toks) else "")
    return targets


def check_query(text: str, allowed_services: set[str] | frozenset = frozenset()) -> None:
    """Raise :class:`GuardError` unless every SERVICE targets an allowed endpoint IRI."""
    for target in _services(tokens(text)):
        iri = target[1:-1] if target.startswith("<") else None
        if iri is None:
            raise GuardError(f"SERVICE {target} is refused: name the endpoint with a full IRI on the allow-list")
        if iri not in allowed_services:
            raise GuardError(f"SERVICE <{iri}> is not on this endpoint's allow-list")


def check_update(text: str, allowed_services: set[str] | frozenset = frozenset()) -> None:
    """Raise :class:`GuardError` for LOAD (it fetches a URL) and for disallowed SERVICE."""
    toks = tokens(text)
    for kind, word in toks:
        if kind == "word" and word.upper() == "LOAD":
            raise GuardError("LOAD is refused: this endpoint never fetches URLs; load files with abegraph load")
    check_query(text, allowed_services)
