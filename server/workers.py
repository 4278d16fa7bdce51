"""Run SPARQL in worker processes that can be killed, so a time limit really stops the work.

Each worker opens the store folder read-only and answers one request at a time. When a
request runs past its time limit, the worker is killed and a fresh one takes its place;
the client gets a clear error. Results larger than the size limit are refused, not cut.

Example
-------
>>> from abegraph.server.workers import WorkerPool
>>> pool = WorkerPool(store_path, workers=1)
>>> kind, body = pool.run("SELECT (COUNT(*) > 0 AS ?loaded) WHERE { ?s ?p ?o }", "csv", timeout=10)
>>> body.decode().split()
['loaded', 'true']
>>> pool.close()
"""
from __future__ import annotations

import io
import multiprocessing as mp
import threading
from dataclasses import dataclass

__all__ = ["WorkerPool", "QueryFailed", "QueryTimeout", "ResultTooLarge", "Busy", "RESULT_TYPES", "GRAPH_TYPES"]

#: result format -> media type, for SELECT/ASK
RESULT_TYPES = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                "csv": "text/csv", "tsv": "text/tab-separated-values"}
#: graph format -> media type, for CONSTRUCT/DESCRIBE
GRAPH_TYPES = {"turtle": "text/turtle", "nt": "application/n-triples", "jsonld": "application/ld+json",
               "rdfxml": "application/rdf+xml"}


class QueryFailed(Exception):
    """The query is malformed or failed while running (the message says why)."""


class QueryTimeout(QueryFailed):
    """The query ran past the time limit and was stopped."""


class ResultTooLarge(QueryFailed):
    """The result is larger than the size limit."""


class Busy(QueryFailed):
    """Every worker is busy and the request waited too long for one."""


class _Capped(io.RawIOBase):
    def __init__(self, limit: int):
        self.buffer, self.limit = bytearray(), limit

    def writable(self):
        return True

    def write(self, data):
        self.buffer += data
        if len(self.buffer) > self.limit:
            raise ResultTooLarge(f"the result is larger than {self.limit:,} bytes")
        return len(data)


def _execute(store, sparql: str, fmt: str, limit: int, union: bool, default_graphs=(), named_graphs=()) -> tuple[str, bytes]:
    import pyoxigraph as ox

    from ..graph.export import prefixes

    from ..graph.sparql_text import declares_dataset

    kwargs = {"use_default_graph_as_union": union and not default_graphs and not declares_dataset(sparql)}
    if default_graphs:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
    if named_graphs:
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
    result = store.query(sparql, **kwargs)
    out = _Capped(limit)
    if isinstance(result, ox.QueryTriples):
        fmt = fmt if fmt in GRAPH_TYPES else "turtle"
        formats = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES,
                   "jsonld": ox.RdfFormat.JSON_LD, "rdfxml": ox.RdfFormat.RDF_XML}
        ox.serialize(result, out, formats[fmt], **({"prefixes": prefixes()} if fmt == "turtle" else {}))
        return GRAPH_TYPES[fmt], bytes(out.buffer)
    fmt = fmt if fmt in RESULT_TYPES else "json"
    formats = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
               "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
    result.serialize(out, formats[fmt])
    return RESULT_TYPES[fmt], bytes(out.buffer)


def _worker(path: str, conn) -> None:  # pragma: no cover - runs in a child process
    import pyoxigraph as ox

    store = ox.Store.read_only(path)
    while True:
        try:
            request = conn.recv()
        except EOFError:
            return
        try:
            conn.send(("ok",) + _execute(store, *request))
        except ResultTooLarge as err:
            conn.send(("too_large", str(err), b""))
        except (SyntaxError, OSError, ValueError, TypeError) as err:
            conn.send(("error", f"{type(err).__name__}: {err}", b""))


@dataclass
class _Worker:
    process: mp.Process
    conn: object


class WorkerPool:
    """A fixed number of query processes over one store folder."""

    def __init__(self, store_path, workers: int = 2, *, union_default_graph: bool = True):
        self.path = str(store_path)
        self.union = union_default_graph
        self._ctx = mp.get_context("spawn")
        self._idle: list[_Worker] = []
        self._lock = threading.Condition()
        self._size = workers
        for _ in range(workers):
            self._idle.append(self._start())

    def _start(self) -> _Worker:
        parent, child = self._ctx.Pipe()
        process = self._ctx.Process(target=_worker, args=(self.path, child), daemon=True)
        process.start()
        child.close()
        return _Worker(process, parent)

    def exclusive(self, wait: float = 60.0):
        """Stop every worker, for the duration of a ``with`` block, so the store may be written.

        Workers reopen the store afterwards, so they see what was written.
        """
        pool = self

        class _Exclusive:
            def __enter__(self):
                taken = [pool._take(wait) for _ in range(pool._size)]
                for worker in taken:
                    worker.conn.close()
                    worker.process.kill()
                    worker.process.join(5)

            def __exit__(self, *exc):
                for _ in range(pool._size):
                    pool._give_back(pool._start())

        return _Exclusive()

    def _take(self, wait: float) -> _Worker:
        with self._lock:
            if not self._lock.wait_for(lambda: self._idle, timeout=wait):
                raise Busy(f"all {self._size} query workers are busy; try again shortly")
            return self._idle.pop()

    def _give_back(self, worker: _Worker) -> None:
        with self._lock:
            self._idle.append(worker)
            self._lock.notify()

    def run(self, sparql: str, fmt: str = "json", *, timeout: float = 30.0, max_bytes: int = 50_000_000,
            queue_wait: float = 10.0, default_graphs=(), named_graphs=()) -> tuple[str, bytes]:
        """Run one query in a worker; returns (media type, body). Blocking: call it from a thread.

        ``default_graphs`` / ``named_graphs`` are the SPARQL protocol's dataset IRIs; without
        them the default graph is the union of all named graphs.
        """
        worker = self._take(queue_wait)
        try:
            worker.conn.send((sparql, fmt, max_bytes, self.union, tuple(default_graphs), tuple(named_graphs)))
            if not worker.conn.poll(timeout):
                worker.process.kill()
                worker.process.join(5)
                worker = self._start()
                raise QueryTimeout(f"the query ran longer than {timeout:g} s and was stopped")
            status, detail, body = worker.conn.recv()
        except (EOFError, BrokenPipeError, OSError) as err:
            worker.process.kill()
            worker = self._start()
            raise QueryFailed(f"the query worker failed: {err}") from err
        finally:
            self._give_back(worker)
        if status == "too_large":
            raise ResultTooLarge(detail + "; add LIMIT or select fewer columns")
        if status == "error":
            raise QueryFailed(detail)
        return detail, body

    def close(self) -> None:
        with self._lock:
            workers, self._idle = self._idle, []
        for worker in workers:
            worker.conn.close()
            worker.process.kill()
            worker.process.join(5)
