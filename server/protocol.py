"""Read a SPARQL 1.1 Protocol request and choose the answer's format.

- :func:`read_operation`: the query or update from a GET, a form POST or a direct POST, with
  the dataset parameters; anything the protocol does not allow (two ``query`` parameters, an
  update by GET, a wrong media type, bytes that are not UTF-8) raises :class:`ProtocolError`
  with the HTTP status to answer.
- :func:`negotiate`: the result format and the graph format the client accepts most (Accept
  q-values, ``q=0`` meaning "not acceptable", ``*/*``); the non-standard ``format`` /
  ``output`` parameters count only when the request has no Accept of its own.
- :func:`add_using`: the protocol's ``using-graph-uri`` / ``using-named-graph-uri`` written
  into an update as ``USING`` / ``USING NAMED`` clauses.

Example
-------
>>> negotiate("application/sparql-results+xml;q=0.1, application/json", {})
('json', 'jsonld')
>>> negotiate("text/csv;q=0, */*;q=0.5", {})
('json', 'turtle')
>>> negotiate("", {"format": "csv"})
('csv', 'turtle')
>>> negotiate("text/turtle", {"format": "json"})
(None, 'turtle')
"""
from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass, field

import mimeparse

from ..exceptions import EndpointError
from ..memo import remember_short

__all__ = ["ProtocolError", "Operation", "read_operation", "negotiate", "answer_media", "add_using",
           "RESULT_MEDIA", "GRAPH_MEDIA"]

#: media types offered for SELECT/ASK, least preferred first (the last one wins a tie)
RESULT_MEDIA = [("text/tab-separated-values", "tsv"), ("text/csv", "csv"), ("text/xml", "xml"),
                ("application/xml", "xml"), ("application/sparql-results+xml", "xml"),
                ("application/json", "json"), ("application/sparql-results+json", "json")]
#: media types offered for CONSTRUCT/DESCRIBE, least preferred first
GRAPH_MEDIA = [("text/xml", "rdfxml"), ("application/xml", "rdfxml"), ("application/rdf+xml", "rdfxml"),
               ("application/x-json+ld", "jsonld"), ("application/json", "jsonld"), ("application/ld+json", "jsonld"),
               ("text/plain", "nt"), ("application/n-triples", "nt"), ("text/rdf+n3", "turtle"),
               ("text/n3", "turtle"), ("application/n3", "turtle"), ("application/x-turtle", "turtle"),
               ("application/turtle", "turtle"), ("text/turtle", "turtle")]
#: values of the ``format`` / ``output`` parameters (used only without an Accept header)
_FORMAT_NAMES = {"json": ("json", "jsonld"), "rdf": (None, "rdfxml"), "sparql-results+json": ("json", None), "xml": ("xml", "rdfxml"),
                 "csv": ("csv", None), "tsv": ("tsv", None), "turtle": (None, "turtle"), "ttl": (None, "turtle"),
                 "n3": (None, "turtle"), "nt": (None, "nt"), "ntriples": (None, "nt"), "json-ld": (None, "jsonld"),
                 "jsonld": (None, "jsonld"), "rdfxml": (None, "rdfxml"), "rdf+xml": (None, "rdfxml")}


_THAI = {"query": "คำค้น", "update": "คำสั่งแก้ไข", "query string": "query string", "form": "ฟอร์ม"}


class ProtocolError(EndpointError):
    """The request breaks the SPARQL protocol; ``status`` is the HTTP status to answer."""

    def __init__(self, status: int, message: str, *, thai: str = ""):
        super().__init__(message, thai=thai)
        self.status = status


@dataclass
class Operation:
    """One protocol request: a query or an update, and its dataset parameters."""

    query: str | None = None
    update: str | None = None
    params: dict = field(default_factory=dict)
    default_graphs: list = field(default_factory=list)
    named_graphs: list = field(default_factory=list)
    using_graphs: list = field(default_factory=list)
    using_named_graphs: list = field(default_factory=list)


def _decode(data: bytes, what: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ProtocolError(400, f"the {what} is not UTF-8 (byte {err.start}); send it encoded as UTF-8",
                            thai=f"{_THAI.get(what, what)} ไม่ใช่ UTF-8 (ไบต์ที่ {err.start}) โปรดส่งเป็น UTF-8") from None


def _pairs(raw: bytes, what: str) -> list[tuple[str, str]]:
    try:
        return urllib.parse.parse_qsl(raw.decode("ascii"), keep_blank_values=True, encoding="utf-8",
                                      errors="strict")
    except UnicodeError:
        raise ProtocolError(400, f"the {what} is not UTF-8 once percent-decoded; send it encoded as UTF-8",
                            thai=f"{_THAI.get(what, what)} ไม่ใช่ UTF-8 เมื่อถอดรหัส % แล้ว โปรดส่งเป็น UTF-8") from None


def read_operation(method: str, query_string: bytes, content_type: str, body: bytes) -> Operation:
    """The operation of one request (``body`` empty for GET).

    >>> read_operation("GET", b"query=ASK%7B%7D&query=ASK%7B%7D", "", b"")
    Traceback (most recent call last):
    abegraph.server.protocol.ProtocolError: give one 'query' parameter, not 2
    """
    pairs = _pairs(query_string, "query string")
    media = content_type.split(";")[0].strip().lower()
    direct = None
    if method == "POST":
        if media == "application/x-www-form-urlencoded":
            pairs += _pairs(body, "form")
        elif media == "application/sparql-query":
            direct = ("query", _decode(body, "query"))
        elif media == "application/sparql-update":
            direct = ("update", _decode(body, "update"))
        else:
            raise ProtocolError(415, f"unsupported content type {media or 'none'!r}: send a form "
                                     "(application/x-www-form-urlencoded), application/sparql-query "
                                     "or application/sparql-update",
                                thai=f"ไม่รองรับชนิดเนื้อหา {media or 'none'!r}: ส่งเป็นฟอร์ม "
                                     "(application/x-www-form-urlencoded), application/sparql-query "
                                     "หรือ application/sparql-update")
    values: dict[str, list[str]] = {}
    for key, value in pairs:
        values.setdefault(key, []).append(value)
    if direct:
        if direct[0] in values or ("update" if direct[0] == "query" else "query") in values:
            raise ProtocolError(400, f"the {direct[0]} is in the body: do not also give 'query' or 'update' parameters",
                                thai=f"{_THAI[direct[0]]}อยู่ในเนื้อคำขอแล้ว อย่าส่งพารามิเตอร์ 'query' หรือ 'update' อีก")
        values[direct[0]] = [direct[1]]
    for name in ("query", "update"):
        if len(values.get(name, [])) > 1:
            raise ProtocolError(400, f"give one {name!r} parameter, not {len(values[name])}",
                                thai=f"ส่งพารามิเตอร์ {name!r} เพียงหนึ่งตัว ไม่ใช่ {len(values[name])} ตัว")
    if "query" in values and "update" in values:
        raise ProtocolError(400, "give either a query or an update, not both",
                            thai="ส่งคำค้นหรือคำสั่งแก้ไขอย่างใดอย่างหนึ่ง ไม่ใช่ทั้งสองอย่าง")
    if "update" in values and method != "POST":
        raise ProtocolError(405, "updates are accepted only by POST (a form or application/sparql-update)",
                            thai="รับคำสั่งแก้ไขทาง POST เท่านั้น (ฟอร์ม หรือ application/sparql-update)")
    return Operation(query=values.get("query", [None])[0], update=values.get("update", [None])[0],
                     params={k: v[0] for k, v in values.items()},
                     default_graphs=values.get("default-graph-uri", []),
                     named_graphs=values.get("named-graph-uri", []),
                     using_graphs=values.get("using-graph-uri", []),
                     using_named_graphs=values.get("using-named-graph-uri", []))


def _best(accept: str, offered: list[tuple[str, str]]) -> str | None:
    """The format of ``offered`` (:data:`RESULT_MEDIA` or :data:`GRAPH_MEDIA`) that ``accept`` prefers."""
    return _best_of(accept, tuple(offered))


@remember_short(maxsize=1024, longest=500)  # clients send the same few Accept headers: each is read once
def _best_of(accept: str, offered: tuple[tuple[str, str], ...]) -> str | None:
    try:
        media = mimeparse.best_match([m for m, _ in offered], accept)
    except (ValueError, IndexError, mimeparse.MimeTypeParseException):
        media = mimeparse.best_match([m for m, _ in offered], "*/*")
    return dict(offered).get(media) if media else None


def negotiate(accept: str, params: dict) -> tuple[str | None, str | None]:
    """(result format, graph format) for a query; ``None`` where nothing offered is acceptable.

    The ``format`` or ``output`` parameter is used only when the request sends no Accept
    header, or only ``*/*``.
    """
    accept = (accept or "").strip()
    named = (params.get("format") or params.get("output") or "").strip().lower()
    if named and accept in ("", "*/*"):
        if named in _FORMAT_NAMES:
            result, graph = _FORMAT_NAMES[named]
            return result or "json", graph or "turtle"
        for media, fmt in RESULT_MEDIA + GRAPH_MEDIA:  # a media type given as the format
            if media == named:
                return _best(media, RESULT_MEDIA) or "json", _best(media, GRAPH_MEDIA) or "turtle"
        raise ProtocolError(406, f"unknown format {named!r}; use json, xml, csv, tsv, turtle, nt, json-ld or rdfxml",
                            thai=f"ไม่รู้จักรูปแบบ {named!r} ใช้ json, xml, csv, tsv, turtle, nt, json-ld หรือ rdfxml")
    accept = accept or "*/*"
    return _best(accept, RESULT_MEDIA), _best(accept, GRAPH_MEDIA)


def answer_media(canonical: str, fmt: str, accept: str) -> str:
    """The media type to label an answer in ``fmt`` with: its usual one (``canonical``) unless
    the client accepts only another name for the same format (``text/*`` and ``text/xml``).

    >>> answer_media("application/sparql-results+xml", "xml", "text/*")
    'text/xml'
    >>> answer_media("application/sparql-results+xml", "xml", "*/*")
    'application/sparql-results+xml'
    """
    try:
        if not accept or mimeparse.quality(canonical, accept) > 0:
            return canonical
        names = [m for m, f in RESULT_MEDIA + GRAPH_MEDIA if f == fmt and m != canonical]
        return mimeparse.best_match(names, accept) or canonical
    except (ValueError, IndexError, mimeparse.MimeTypeParseException):
        return canonical


_TOKEN = re.compile(r'''(?P<comment>\#[^\r\n]*)
  | (?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|'\'\'(?:[^'\\]|\\.|'(?!''))*'\'\'|"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\s]*>)
  | (?P<word>[A-Za-z_][\w-]*)
  | (?P<other>\S)''', re.VERBOSE)


def add_using(update: str, graphs: list[str], named: list[str]) -> str:
    """``update`` with ``USING <g>`` / ``USING NAMED <g>`` before each operation's WHERE.

    An update that names its own dataset (USING or WITH) conflicts with the parameters.

    >>> add_using("DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", ["urn:g"], [])
    'DELETE { ?s ?p ?o } USING <urn:g> WHERE { ?s ?p ?o }'
    """
    if not graphs and not named:
        return update
    clause = " ".join([f"USING <{g}>" for g in graphs] + [f"USING NAMED <{g}>" for g in named]) + " "
    out, last, depth, previous = [], 0, 0, ""
    for match in _TOKEN.finditer(update):
        kind, text = match.lastgroup, match.group().upper()
        if kind == "comment":
            continue
        if kind == "other":
            depth += {"{": 1, "}": -1}.get(text, 0)
        elif text in ("USING", "WITH"):
            raise ProtocolError(400, "the update names its dataset (USING or WITH) and the request gives "
                                     "using-graph-uri / using-named-graph-uri: use one or the other",
                                thai="คำสั่งแก้ไขระบุชุดข้อมูลเอง (USING หรือ WITH) และคำขอก็ส่ง using-graph-uri / "
                                     "using-named-graph-uri มาด้วย โปรดใช้อย่างใดอย่างหนึ่ง")
        elif text == "WHERE" and depth == 0 and previous != "DELETE":
            out.append(update[last:match.start()] + clause)
            last = match.start()
        previous = text
    out.append(update[last:])
    return "".join(out)
