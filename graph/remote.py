"""A store on any SPARQL 1.1 server (Oxigraph server, Virtuoso, Fuseki, GraphDB, ...).

``--store http://host:port/...`` (or ``$ABEGRAPH_STORE``) names the server's query
endpoint; the update endpoint is derived (``/query`` -> ``/update``, otherwise the same
URL) or given in ``$ABEGRAPH_UPDATE_URL``. Credentials come from ``$ABEGRAPH_STORE_USER``
and ``$ABEGRAPH_STORE_PASSWORD`` (or a file named by ``$ABEGRAPH_STORE_CREDENTIALS`` holding
``user:password``), never from the command line; Basic and Digest authentication both work.

The server should use the union of its named graphs as the default graph, as abegraph's
own store does (Oxigraph: ``--union-default-graph``; Virtuoso does so by default; Fuseki:
``tdb2:unionDefaultGraph true``).

A load writes each graph into a fresh staging graph, then swaps it in with one ``MOVE``
per graph in a single request: readers see the old graph or the new one, never a part
(on Virtuoso, which does not make a multi-operation request atomic, each graph is still
swapped whole).

Example
-------
>>> from abegraph.graph.remote import endpoints
>>> endpoints("http://127.0.0.1:7878/query")
('http://127.0.0.1:7878/query', 'http://127.0.0.1:7878/update')
>>> endpoints("http://127.0.0.1:8890/sparql", update="http://127.0.0.1:8890/sparql-auth")
('http://127.0.0.1:8890/sparql', 'http://127.0.0.1:8890/sparql-auth')
"""
from __future__ import annotations

import io
import os
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from ..exceptions import QueryError, StoreError
from .sparql_text import tokens
from .store import STAGING_PREFIX, parse_file
from .terms import from_ox, iri_text, python_value, quads_from_triples, solution_rows, uriref

if TYPE_CHECKING:
    from rdflib import URIRef

__all__ = ["RemoteStore", "endpoints", "is_remote", "redact"]

#: triples per INSERT DATA request (Virtuoso's SPARQL compiler runs out of memory near 5,000)
_CHUNK = 2_000
#: the graph of the running loads' leases on their staging graphs
LEASES = "urn:abegraph:leases"
_LOAD_PREFIX = "urn:abegraph:load:"
_TOUCHED = "urn:abegraph:touched"
#: seconds a load may go without writing before its staging graphs count as left over
LEASE_SECONDS = 600


def is_remote(location) -> bool:
    return isinstance(location, str) and location.lower().startswith(("http://", "https://"))


def endpoints(query_url: str, update: str | None = None) -> tuple[str, str]:
    """The query and update endpoints for a server whose query endpoint is ``query_url``."""
    update = update or os.environ.get("ABEGRAPH_UPDATE_URL")
    if not update:
        update = query_url[: -len("/query")] + "/update" if query_url.endswith("/query") else query_url
    return query_url, update


def _credentials(url: str = "") -> tuple[str, str] | None:
    user, password = os.environ.get("ABEGRAPH_STORE_USER"), os.environ.get("ABEGRAPH_STORE_PASSWORD")
    path = os.environ.get("ABEGRAPH_STORE_CREDENTIALS")
    if path and not user:
        try:
            user, _, password = Path(path).read_text(encoding="utf-8").strip().partition(":")
        except (OSError, UnicodeDecodeError) as err:
            reason = getattr(err, "strerror", None) or str(err)
            raise StoreError(f"the credentials file {path} ($ABEGRAPH_STORE_CREDENTIALS) cannot be read: {reason}",
                             thai=f"อ่านไฟล์รหัสผ่าน {path} ($ABEGRAPH_STORE_CREDENTIALS) ไม่ได้: {reason}") from None
    if not user and url:  # user:password@ in the address: taken from it (and never shown)
        parts = urllib.parse.urlsplit(url)
        if parts.username:
            user, password = urllib.parse.unquote(parts.username), urllib.parse.unquote(parts.password or "")
    return (user, password or "") if user else None


def redact(url: str) -> str:
    """The address without the user and password it may hold, for messages.

    >>> redact("http://admin:s3cret@127.0.0.1:8890/sparql")
    'http://127.0.0.1:8890/sparql'
    """
    try:
        parts = urllib.parse.urlsplit(url)
        if parts.username is None and parts.password is None:
            return url
        host = parts.netloc.rpartition("@")[2]
        return urllib.parse.urlunsplit(parts._replace(netloc=host))
    except ValueError:
        return "(an address that cannot be read)"


def _form(sparql: str) -> str:
    for kind, word in tokens(sparql):
        if kind == "word" and word.upper() in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
            return word.upper()
    return "SELECT"


class RemoteStore:
    """The :class:`~abegraph.graph.store.Store` interface over the SPARQL 1.1 Protocol."""

    def __init__(self, query_url: str, update_url: str | None = None, *, timeout: float = 300.0):
        creds = _credentials(query_url)
        query_url = redact(query_url)
        self.location = query_url
        self.query_url, self.update_url = endpoints(query_url, update_url and redact(update_url))
        self.timeout = timeout
        self._credentials = creds
        handlers = []
        if creds is not None:
            manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            for url in {self.query_url, self.update_url}:
                manager.add_password(None, url, *creds)
            handlers = [urllib.request.HTTPDigestAuthHandler(manager), urllib.request.HTTPBasicAuthHandler(manager)]
        self._opener = urllib.request.build_opener(*handlers)
        self._remove_staging()

    @classmethod
    def open(cls, location: str, **_ignored) -> "RemoteStore":
        return cls(location)

    # --- protocol -----------------------------------------------------------------------

    def _post(self, url: str, field: str, text: str, accept: str = "") -> bytes:
        body = urllib.parse.urlencode({field: text}).encode("utf-8")
        request = urllib.request.Request(url, data=body, method="POST", headers={
            "Content-Type": "application/x-www-form-urlencoded", **({"Accept": accept} if accept else {})})
        try:
            with self._opener.open(request, timeout=self.timeout) as answer:
                return answer.read()
        except urllib.error.HTTPError as err:
            detail = err.read().decode("utf-8", "replace")[:500]
            error = QueryError if err.code == 400 and field == "query" else StoreError
            raise error(f"the SPARQL server at {url} answered {err.code}: {detail}",
                        thai=f"เซิร์ฟเวอร์ SPARQL ที่ {url} ตอบกลับ {err.code}: {detail}") from err
        except (urllib.error.URLError, OSError, ValueError) as err:  # ValueError: an address urllib cannot use
            raise StoreError(f"cannot reach the SPARQL server at {url}: {err}",
                             thai=f"ติดต่อเซิร์ฟเวอร์ SPARQL ที่ {url} ไม่ได้: {err}") from None

    def query(self, sparql: str, prefixes: dict | None = None, **_ignored):
        """Run a query; returns pyoxigraph results (SELECT/ASK) or a list of triples."""
        if prefixes:
            sparql = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in prefixes.items()) + sparql
        if _form(sparql) in ("CONSTRUCT", "DESCRIBE"):
            body = self._post(self.query_url, "query", sparql, "application/n-triples")
            return list(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
        body = self._post(self.query_url, "query", sparql, "application/sparql-results+json")
        if b"The SPARQL operation has been cancelled" in body:
            raise QueryError("the SPARQL server stopped the query at its time limit")
        return ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)

    def select(self, sparql: str, **kwargs) -> list[tuple]:
        return solution_rows(self.query(sparql, **kwargs), from_ox)

    def values(self, sparql: str, **kwargs) -> list[tuple]:
        return solution_rows(self.query(sparql, **kwargs), python_value)

    def rows(self, sparql: str, **kwargs) -> list[tuple]:
        return solution_rows(self.query(sparql, **kwargs))

    def update(self, sparql: str) -> None:
        self._post(self.update_url, "update", sparql)

    # --- the Store interface -------------------------------------------------------------

    def __len__(self) -> int:
        return int(self.values("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[0][0])

    def is_empty(self) -> bool:
        """True when no graph holds a triple (``len`` counts them all)."""
        return not self.values("SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1")

    def graph_names(self) -> list[URIRef]:
        # GROUP BY, not DISTINCT: Virtuoso 7.2 takes 20-30 s for DISTINCT ?g once a graph holds
        # 45,000 triples (its time limit then refuses every command), GROUP BY a few milliseconds
        rows = self.values("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        return sorted(uriref(g) for (g,) in rows)

    def has_graph(self, graph) -> bool:
        return bool(self.values(f"SELECT ?s WHERE {{ GRAPH <{iri_text(graph)}> {{ ?s ?p ?o }} }} LIMIT 1"))

    def graph_sizes(self) -> dict[URIRef, int]:
        rows = self.values("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        return {uriref(g): int(n) for g, n in sorted(rows)}

    def graph_size(self, graph) -> int:
        return int(self.values(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{iri_text(graph)}> {{ ?s ?p ?o }} }}")[0][0])

    def replace_graphs(self, graphs: dict, *, quads: list | None = None, files: dict | None = None,
                       before_commit=None) -> None:
        """Replace each named graph: fill staging graphs, then swap each in with MOVE.

        ``files`` maps a graph to ``(path, pyoxigraph RdfFormat)`` of a file of triples;
        ``before_commit()`` is called before the swap, and what it raises leaves the graphs as they were."""
        graphs = dict(graphs)
        for graph, (path, fmt) in (files or {}).items():
            graphs[graph] = list(graphs.get(graph, [])) + parse_file(path, fmt, graph)
        content: dict[str, list] = {}
        for graph, items in graphs.items():
            items = list(items)
            triples = [t for t in items if not isinstance(t, ox.Quad)]
            items = [q for q in items if isinstance(q, ox.Quad)] + list(quads_from_triples(triples, iri_text(graph)))
            content.setdefault(iri_text(graph), []).extend(items)
        for q in quads or ():
            if isinstance(q.graph_name, ox.NamedNode):
                content.setdefault(q.graph_name.value, []).append(q)
        load = uuid.uuid4().hex
        staging = {g: f"{STAGING_PREFIX}{load}:{uuid.uuid4()}" for g in content}
        self._renew(load)  # before any staging graph exists, so no other command takes them for leftovers
        renewed = time.monotonic()
        try:
            for graph, items in content.items():
                triples = [ox.Triple(q.subject, q.predicate, q.object) for q in items]
                for start in range(0, max(len(triples), 1), _CHUNK):
                    out = io.BytesIO()
                    ox.serialize(triples[start:start + _CHUNK], out, ox.RdfFormat.N_TRIPLES)
                    self.update(f"INSERT DATA {{ GRAPH <{staging[graph]}> {{\n{out.getvalue().decode()}\n}} }}")
                    if time.monotonic() - renewed > LEASE_SECONDS / 10:
                        self._renew(load)
                        renewed = time.monotonic()
            self._check_staged(staging, {g: len({(q.subject, q.predicate, q.object) for q in items})
                                         for g, items in content.items()})
            if before_commit is not None:
                before_commit()
            self.update(" ;\n".join(f"MOVE SILENT GRAPH <{staging[g]}> TO GRAPH <{g}>" for g in sorted(content)))
        except BaseException:
            self._drop(list(staging.values()))
            raise
        finally:
            self._release(load)

    def _check_staged(self, staging: dict, expected: dict) -> None:
        """Before the move: every staging graph holds all its triples (another process, an older
        abegraph say, may have dropped some); otherwise :class:`StoreError`, nothing replaced."""
        values = " ".join(f"<{g}>" for g in staging.values())
        rows = self.values(f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }} "
                           "GROUP BY ?g")
        held = {g: int(n) for g, n in rows}
        short = [(g, held.get(staging[g], 0), n) for g, n in sorted(expected.items()) if held.get(staging[g], 0) != n]
        if short:
            graph, got, wanted = short[0]
            raise StoreError(
                f"the SPARQL server at {self.location} holds {got:,} of the {wanted:,} triples sent for {graph}: "
                "something else removed or changed them while loading; nothing was replaced, load again",
                thai=f"เซิร์ฟเวอร์ SPARQL ที่ {self.location} มีเพียง {got:,} จาก {wanted:,} ทริปเปิลที่ส่งไปสำหรับ {graph} "
                     "มีโปรแกรมอื่นลบหรือแก้ไขระหว่างโหลด ข้อมูลเดิมยังไม่ถูกแทนที่ ให้โหลดใหม่")

    def drop_graphs(self, graphs: list[URIRef]) -> None:
        self._drop([iri_text(g) for g in graphs])

    def _drop(self, graphs: list[str]) -> None:
        for graph in graphs:
            try:
                self.update(f"DROP SILENT GRAPH <{graph}>")
            except StoreError:
                pass

    # --- staging graphs belong to the load that made them ------------------------------------
    #
    # Each load names its staging graphs after its own id and keeps a lease on them: a triple
    # in LEASES holding the server's time (NOW()) when the load last wrote. Another command
    # (even ``stats``) removes only staging graphs whose load has no lease or let it lapse
    # (:data:`LEASE_SECONDS` without writing): what a crashed load left, never a running one's.

    def _renew(self, load: str) -> None:
        node = f"<{_LOAD_PREFIX}{load}>"
        self.update(f"DELETE WHERE {{ GRAPH <{LEASES}> {{ {node} <{_TOUCHED}> ?t }} }} ;\n"
                    f"INSERT {{ GRAPH <{LEASES}> {{ {node} <{_TOUCHED}> ?now }} }} WHERE {{ BIND(NOW() AS ?now) }}")

    def _release(self, load: str) -> None:
        try:
            self.update(f"DELETE WHERE {{ GRAPH <{LEASES}> {{ <{_LOAD_PREFIX}{load}> <{_TOUCHED}> ?t }} }}")
        except StoreError:
            pass  # the lease lapses on its own

    def _live_loads(self) -> set[str]:
        """The ids of loads whose lease has not lapsed, by the server's clock."""
        rows = self.values(f"SELECT ?load ?touched (NOW() AS ?now) WHERE {{ GRAPH <{LEASES}> {{ ?load <{_TOUCHED}> ?touched }} }}")
        live = set()
        for load, touched, now in rows:
            try:
                age = (now - touched).total_seconds()
            except (AttributeError, TypeError):
                age = 0  # a time this server writes oddly: keep the staging rather than drop a live load's
            if age < LEASE_SECONDS:
                live.add(load[len(_LOAD_PREFIX):])
        return live

    def _remove_staging(self) -> None:
        try:
            staging = [str(g) for g in self.graph_names() if str(g).startswith(STAGING_PREFIX)]
            live = self._live_loads() if staging else set()
        except QueryError:
            return
        self._drop([g for g in staging if g[len(STAGING_PREFIX):].partition(":")[0] not in live])

    def dataset(self):
        """An rdflib Dataset over the server (SPARQLUpdateStore)."""
        from rdflib import Dataset
        from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore

        store = SPARQLUpdateStore(self.query_url, self.update_url, method="POST_FORM", returnFormat="json")
        if self._credentials is not None:
            store.setCredentials(*self._credentials)
        return Dataset(store=store, default_union=True)

    def close(self) -> None:
        """Nothing to release: each request is its own connection."""

    def __enter__(self) -> "RemoteStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
