"""Explain early why a SPARQL request will not run: SERVICE, LOAD, nesting too deep.

This is a courtesy, not the boundary: a reading of the text outside the engine never agrees
with the engine's parser in every corner, so the query workers themselves cannot reach the
network (:mod:`abegraph.server.sandbox`). This module scans the request (outside strings,
comments and IRIs written as values) to give a clear 403 for the plain cases: SERVICE to
endpoints not on the allow-list, any LOAD; and a 400 for brackets nested so deep that the
engine's parser would overflow its stack.

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

import re

from ..exceptions import EndpointError
from ..memo import remember_short

#: SPARQL 1.1's lexical rules, as far as this check needs them: a comment ends at CR or LF;
#: a prefixed name may hold ``\#`` and the other escapes of PN_LOCAL_ESC, and %-escapes
_TOKEN = re.compile(r'''
    (?P<comment>\#[^\r\n]*)
  | (?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|'\'\'(?:[^'\\]|\\.|'(?!''))*'\'\'|"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<word>(?:[A-Za-z_][\w.-]*)?:(?:[\w.:-]|\\[_~.!$&'()*+,;=/?\#@%-]|%[0-9A-Fa-f]{2})*|[A-Za-z_][\w-]*|[?$]\w+)
  | (?P<other>\S)
''', re.VERBOSE)


def tokens(text: str) -> list[tuple[str, str]]:
    """(kind, text) tokens of a SPARQL request, without comments.

    >>> [t for _, t in tokens("ASK { e:a\\\\#b ?p 'x' } # SERVICE\\rSERVICE")]
    ['ASK', '{', 'e:a\\\\#b', '?p', "'x'", '}', 'SERVICE']
    """
    return [(m.lastgroup, m.group()) for m in _TOKEN.finditer(text) if m.lastgroup != "comment"]

__all__ = ["GuardError", "TooDeep", "check_query", "check_update", "check_depth", "check_request", "tokens"]

#: deepest bracket nesting sent to the engine (its parser overflows its stack near 10,000)
MAX_DEPTH = 500


class GuardError(EndpointError):
    """The request asks for something this endpoint does not allow (answered 403)."""

    status = 403


class TooDeep(EndpointError, ValueError):
    """The request nests brackets deeper than :data:`MAX_DEPTH` (answered 400)."""

    status = 400


def check_depth(text: str, limit: int = MAX_DEPTH) -> None:
    """Raise :class:`TooDeep` when ``(``, ``{`` or ``[`` nest deeper than ``limit``.

    >>> check_depth("SELECT * { " + "{ " * 600 + "}" * 600 + " }")
    Traceback (most recent call last):
    abegraph.server.guard.TooDeep: the query nests brackets more than 500 deep; flatten it
    """
    depth = 0
    for kind, word in tokens(text):
        if kind == "other":
            if word in "({[":
                depth += 1
                if depth > limit:
                    raise TooDeep(f"the query nests brackets more than {limit} deep; flatten it",
                                  thai=f"คำค้นซ้อนวงเล็บลึกเกิน {limit} ชั้น โปรดเขียนให้แบนลง")
            elif word in ")}]":
                depth -= 1


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
            raise GuardError(f"SERVICE {target} is refused: name the endpoint with a full IRI on the allow-list",
                             thai=f"ไม่อนุญาต SERVICE {target}: ระบุปลายทางด้วย IRI เต็มที่อยู่ในรายการที่อนุญาต")
        if iri not in allowed_services:
            raise GuardError(f"SERVICE <{iri}> is not on this endpoint's allow-list",
                             thai=f"SERVICE <{iri}> ไม่อยู่ในรายการปลายทางที่จุดบริการนี้อนุญาต")


def check_update(text: str, allowed_services: set[str] | frozenset = frozenset()) -> None:
    """Raise :class:`GuardError` for LOAD (it fetches a URL) and for disallowed SERVICE."""
    toks = tokens(text)
    for kind, word in toks:
        if kind == "word" and word.upper() == "LOAD":
            raise GuardError("LOAD is refused: this endpoint never fetches URLs; load files with abegraph load",
                             thai="ไม่อนุญาต LOAD: จุดบริการนี้ไม่ดึงข้อมูลจาก URL ใด ๆ ให้โหลดไฟล์ด้วย abegraph load")
    check_query(text, allowed_services)


#: texts up to this many characters have their verdict remembered (longer ones are read each
#: time, so the memory the verdicts hold stays small whatever clients send)
REMEMBER_UP_TO = 20_000


@remember_short(maxsize=4096, longest=REMEMBER_UP_TO)
def check_request(text: str, update: bool = False, allowed_services: frozenset = frozenset()) -> None:
    """:func:`check_depth`, then :func:`check_update` or :func:`check_query`, remembered per text.

    The same text always gets the same verdict, and clients send the same text again and again
    (saved questions, scripts in loops), so the verdict on a text of up to
    :data:`REMEMBER_UP_TO` characters is read once. A refused text raises again each time it
    is sent (``lru_cache`` does not keep exceptions).

    >>> check_request("ASK { ?s ?p ?o }")
    >>> check_request("LOAD <http://10.0.0.1/x>", update=True)
    Traceback (most recent call last):
    abegraph.server.guard.GuardError: LOAD is refused: this endpoint never fetches URLs; load files with abegraph load
    """
    check_depth(text)
    (check_update if update else check_query)(text, allowed_services)
