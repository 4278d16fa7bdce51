"""Run SPARQL in worker processes that can be killed, cannot reach the network, and have a
memory budget, shared fairly between clients.

Each worker opens the store folder read-only and answers one request at a time. A store of
at most ``copy_up_to`` quads is copied into the worker's memory and answered from there: the
engine runs the same queries about twice as fast in memory as on a folder opened read-only,
for the copy's memory in each worker (about 50 MB per 100,000 quads).

- **Time.** A request that runs past its time limit is stopped by killing its worker; a fresh
  one takes its place and the client gets a clear error.
- **Network.** Workers start with the network taken away (:mod:`abegraph.server.sandbox`), so
  ``SERVICE`` and ``LOAD`` fail inside the engine whatever the query text hides.
- **Memory.** A worker may use ``memory_mb`` beyond what it needs with the store open; a query
  that wants more stops with :class:`QueryTooBig` and the worker is replaced.
- **Errors.** A query the engine refuses (syntax, unknown function...) answers
  :class:`QueryFailed` and the worker stays.
- **Fairness.** One worker (when there are two or more) is kept for short queries: a query that
  runs there longer than ``short_seconds`` is moved to the other workers (it starts again
  there) and is remembered as *long* for ``heavy_seconds``, so the next time it starts there
  directly. Long queries run only on the other workers, at most ``per_client`` of one client
  at a time; a client whose queries had to be moved three times within ``heavy_seconds``
  (runaways written a little differently each time) has all its queries treated as long.
  So a few clients looping runaway queries cannot hold every worker, and many ordinary
  clients behind one address are not slowed by one long query among theirs.

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

import asyncio
import functools
import io
import itertools
import multiprocessing as mp
import signal
import threading
import time
from dataclasses import dataclass

import pyoxigraph as ox

from ..exceptions import EndpointError, QueryError
from ..ontology.namespace import prefixes as written_prefixes
from ..graph.sparql_text import declares_dataset
from ..memo import remember_short
from .pipes import readable, receive
from .sandbox import block_network, cap_memory, network_block_supported

__all__ = ["WorkerPool", "QueryFailed", "QueryTimeout", "QueryTooBig", "ResultTooLarge", "Busy", "NotAcceptable",
           "RESULT_TYPES", "GRAPH_TYPES"]

#: result format -> media type, for SELECT/ASK
RESULT_TYPES = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                "csv": "text/csv", "tsv": "text/tab-separated-values"}
#: graph format -> media type, for CONSTRUCT/DESCRIBE
GRAPH_TYPES = {"turtle": "text/turtle", "nt": "application/n-triples", "jsonld": "application/ld+json",
               "rdfxml": "application/rdf+xml"}


class QueryFailed(EndpointError, QueryError):
    """The query is malformed or failed while running (the message says why)."""

    status = 400


class QueryTimeout(QueryFailed):
    """The query ran past the time limit and was stopped."""

    status, retry = 503, 5


class QueryTooBig(QueryFailed):
    """The query needed more memory than a worker may use and was stopped."""

    status, retry = 503, 5


class NotAcceptable(QueryFailed):
    """The client accepts no format this kind of result can be written in."""

    status = 406


class ResultTooLarge(QueryFailed):
    """The result is larger than the size limit."""

    status = 413


class Busy(QueryFailed):
    """Every worker is busy and the request waited too long for one."""

    status, retry = 503, 5


class WorkerGone(EndpointError, OSError):
    """A worker did not start or stopped answering; the pool replaces it (never reaches a client)."""

    status = 503


class _Capped(io.RawIOBase):
    def __init__(self, limit: int):
        self.buffer, self.limit = bytearray(), limit

    def writable(self):
        return True

    def write(self, data):
        self.buffer += data
        if len(self.buffer) > self.limit:
            raise ResultTooLarge(f"the result is larger than {self.limit:,} bytes",
                                 thai=f"ผลลัพธ์ใหญ่เกิน {self.limit:,} ไบต์")
        return len(data)


#: the same query text is asked again and again (saved questions, scripts in loops): a short
#: one is read once
_declares = remember_short(maxsize=2048, longest=20_000)(declares_dataset)


def _execute(store, sparql: str, fmt, limit: int, union: bool, default_graphs=(), named_graphs=(),
             base_iri=None, prefixes=None) -> tuple[str, bytes]:
    kwargs = {"use_default_graph_as_union": union and not default_graphs and not _declares(sparql)}
    if default_graphs:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
    if named_graphs:
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
    if base_iri:
        kwargs["base_iri"] = base_iri
    if isinstance(fmt, str):
        fmt = (fmt if fmt in RESULT_TYPES else "json", fmt if fmt in GRAPH_TYPES else "turtle")
    result_fmt, graph_fmt = fmt
    result = store.query(sparql, **kwargs)
    out = _Capped(limit)
    if isinstance(result, ox.QueryTriples):
        if graph_fmt is None:
            raise NotAcceptable("graph")
        fmt = graph_fmt
        formats = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES,
                   "jsonld": ox.RdfFormat.JSON_LD, "rdfxml": ox.RdfFormat.RDF_XML}
        ox.serialize(result, out, formats[fmt], **({"prefixes": prefixes} if fmt == "turtle" and prefixes else {}))
        return GRAPH_TYPES[fmt], bytes(out.buffer)
    if result_fmt is None:
        raise NotAcceptable("table")
    fmt = result_fmt
    formats = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
               "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
    result.serialize(out, formats[fmt])
    return RESULT_TYPES[fmt], bytes(out.buffer)


#: why nothing acceptable could be written, for a graph or a table: (English, Thai)
_NOT_ACCEPTABLE = {
    "graph": ("not acceptable: this query answers a graph (Turtle, N-Triples, JSON-LD, RDF/XML) and the "
              "request's Accept header allows none of them",
              "รูปแบบไม่ตรงกัน: คำค้นนี้ตอบเป็นกราฟ (Turtle, N-Triples, JSON-LD, RDF/XML) แต่ Accept ของคำขอไม่รับรูปแบบใดเลย"),
    "table": ("not acceptable: this query answers a table or a yes/no (SPARQL JSON, XML, CSV, TSV) and the "
              "request's Accept header allows none of them",
              "รูปแบบไม่ตรงกัน: คำค้นนี้ตอบเป็นตารางหรือใช่/ไม่ใช่ (SPARQL JSON, XML, CSV, TSV) "
              "แต่ Accept ของคำขอไม่รับรูปแบบใดเลย"),
}


#: address space the engine needs to open a store read-write (its writing threads): 100-150 MB
#: measured on the demo store, with some margin
_WRITE_ADDRESS_SPACE = 256 * 1024 * 1024


def _write(path: str, update: str, base_iri=None, memory: int = 0) -> None:
    """Run ``update`` on the folder opened read-write, with a memory budget counted from now (at
    least what opening the store takes), as a query's is from the worker's start."""
    if memory > 0:
        cap_memory(max(memory, _WRITE_ADDRESS_SPACE))
    store = ox.Store(path)
    try:
        store.update(update, **({"base_iri": base_iri} if base_iri else {}))
    finally:
        store.flush()
        del store
        cap_memory(memory)


def _open(path: str, copy_up_to: int):
    """The store folder opened read-only, or a copy of it in memory when it holds at most
    ``copy_up_to`` quads (named graphs without triples included)."""
    disk = ox.Store.read_only(path)
    # counted only up to the limit: len() would read the whole of a large store at each start
    if copy_up_to <= 0 or sum(1 for _ in itertools.islice(disk, copy_up_to + 1)) > copy_up_to:
        return disk
    copy = ox.Store()
    copy.extend(disk.quads_for_pattern(None, None, None, None))
    for graph in disk.named_graphs():
        copy.add_graph(graph)
    return copy


def _worker(path: str, conn, offline: bool, memory: int, prefixes: dict,
            copy_up_to: int = 0) -> None:  # pragma: no cover - a child
    if offline:
        block_network()
    store = _open(path, copy_up_to)
    cap_memory(memory)
    conn.send(("ready", "", b""))
    while True:
        try:
            op, *args = conn.recv()
        except (EOFError, OSError):
            return
        try:
            if op == "query":
                reply = ("ok",) + _execute(store, *args, prefixes=prefixes)
            elif op == "close":
                store = None
                reply = ("ok", "", b"")
            elif op == "open":
                store = None  # the old copy goes before the new one is made
                store = _open(path, copy_up_to)
                reply = ("ok", "", b"")
            else:  # "update": the store is closed for reading while the pool is held exclusively
                _write(path, *args, memory=memory)
                reply = ("ok", "", b"")
        except ResultTooLarge as err:
            reply = ("too_large", str(err), b"")
        except NotAcceptable as err:
            reply = ("not_acceptable", str(err), b"")
        except MemoryError:
            reply = ("memory", "", b"")
        except BaseException as err:  # the engine's errors, and its panics (a BaseException)
            if isinstance(err, (KeyboardInterrupt, SystemExit)):
                raise
            reply = ("error", f"{type(err).__name__}: {err}", b"")
        conn.send(reply)


@dataclass(eq=False)
class _Worker:
    process: mp.Process
    conn: object
    express: bool = False
    heavy_client: str | None = None
    ready: bool = False
    generation: int = 0  # the pool's generation when this worker last opened the store

    def wait_ready(self, seconds: float = 120.0) -> None:
        """Wait for the worker to have opened the store (it says so once, when it starts)."""
        if not self.ready:
            if not self.conn.poll(seconds):
                raise WorkerGone("the query worker did not start", thai="ตัวประมวลผลคำค้นไม่เริ่มทำงาน")
            self.conn.recv()
            self.ready = True


@dataclass(eq=False)
class _Waiter:
    """A request on an event loop waiting for a worker."""

    loop: asyncio.AbstractEventLoop
    future: asyncio.Future
    client: str | None
    heavy: bool


class WorkerPool:
    """A fixed number of query processes over one store folder.

    Parameters
    ----------
    store_path : folder of the store
    workers : processes; with two or more, ``reserved`` (default 1) of them are kept for short queries
    union_default_graph : the default graph is the union of all named graphs
    offline : take the network away from the workers (default: wherever the system can)
    memory_mb : memory each worker may use beyond its needs with the store open (0: no limit)
    short_seconds : how long a query may run on a reserved worker before it moves
    per_client : long queries one client may run at once
    heavy_seconds : how long a long query, or a client that sent several, is remembered
    copy_up_to : a store of at most this many quads is copied into each worker's memory (0: never)
    """

    def __init__(self, store_path, workers: int = 2, *, union_default_graph: bool = True,
                 offline: bool | None = None, memory_mb: float = 0, short_seconds: float = 1.0,
                 reserved: int | None = None, per_client: int = 1, heavy_seconds: float = 60.0,
                 copy_up_to: int = 0):
        self._prefixes = written_prefixes("all")
        self.path = str(store_path)
        self.union = union_default_graph
        self.offline = network_block_supported() if offline is None else offline
        self.memory = int(memory_mb * 1_000_000)
        self.short = short_seconds
        self.per_client = per_client
        self.heavy_seconds = heavy_seconds
        self.copy_up_to = copy_up_to
        self._ctx = mp.get_context("spawn")
        self._lock = threading.Condition()
        self._size = workers
        self._reserved = (1 if workers >= 2 else 0) if reserved is None else min(reserved, workers - 1)
        self._long: dict[int, float] = {}  # hash of a query (and its dataset) -> when it last ran long
        self._moves: dict[str, list[float]] = {}  # client -> when its queries were moved
        self._running_heavy: dict[str, int] = {}
        self._exclusive_waiting = 0
        self._waiters: list[_Waiter] = []  # requests on event loops waiting for a worker, in order
        self._closed = False
        self._writing = False
        self._generation = 0
        self._idle: list[_Worker] = [self._start(express=n < self._reserved) for n in range(workers)]
        self._spare: _Worker | None = self._start()  # ready to replace a killed worker at once

    def _start(self, express: bool = False) -> _Worker:
        parent, child = self._ctx.Pipe()
        process = self._ctx.Process(target=_worker, args=(self.path, child, self.offline, self.memory,
                                                          self._prefixes, self.copy_up_to), daemon=True)
        process.start()
        child.close()
        return _Worker(process, parent, express, generation=self._generation)

    def _replace(self, worker: _Worker) -> _Worker:
        """Kill ``worker``; the spare (started beforehand, so it is ready) takes its place."""
        worker.conn.close()
        worker.process.kill()
        worker.process.join(5)
        with self._lock:
            fresh, self._spare = self._spare, None
        if fresh is None or not fresh.process.is_alive():
            fresh = self._start()
        fresh.express, fresh.heavy_client = worker.express, worker.heavy_client
        if not self._closed and not self._writing:
            spare = self._start()
            with self._lock:
                self._spare, extra = spare, self._spare
            if extra is not None:  # two replacements at once: keep one spare
                self._kill(extra)
        return fresh

    @staticmethod
    def _kill(worker: _Worker) -> None:
        worker.conn.close()
        worker.process.kill()
        worker.process.join(5)

    def _drop_spare(self) -> None:
        with self._lock:
            spare, self._spare = self._spare, None
        if spare is not None:
            self._kill(spare)

    # --- taking and giving back workers ----------------------------------------------------

    def _is_long(self, key: int, client: str | None) -> bool:
        now = time.monotonic()
        with self._lock:
            seen = self._long.get(key)
            moves = [t for t in self._moves.get(client, ()) if now - t < self.heavy_seconds]
        return (seen is not None and now - seen < self.heavy_seconds) or len(moves) >= 3

    def _mark_long(self, key: int, client: str | None, moved: bool = False) -> None:
        now = time.monotonic()
        with self._lock:
            if len(self._long) > 10_000 or len(self._moves) > 10_000:  # forget what is old
                self._long = {k: t for k, t in self._long.items() if now - t < self.heavy_seconds}
                self._moves = {c: m for c, m in self._moves.items() if now - m[-1] < self.heavy_seconds}
            self._long[key] = now
            if moved and client is not None:
                self._moves[client] = [t for t in self._moves.get(client, []) if now - t < self.heavy_seconds][-5:]
                self._moves[client].append(now)

    def _eligible(self, client: str | None, heavy: bool) -> _Worker | None:
        if self._exclusive_waiting:
            return None
        if heavy and self._running_heavy.get(client, 0) >= self.per_client:
            return None
        candidates = [w for w in self._idle if not (heavy and w.express)]
        if not candidates:
            return None
        return max(candidates, key=lambda w: w.express) if not heavy else candidates[0]

    async def _take(self, wait: float, client: str | None = None, heavy: bool = False) -> _Worker:
        """An idle worker this request may use, at once or as soon as one is given back (in the
        order the requests came); :class:`Busy` after ``wait`` seconds."""
        loop = asyncio.get_running_loop()
        with self._lock:
            worker = self._eligible(client, heavy)
            if worker is not None:
                self._claim(worker, client, heavy)
                return worker
            waiter = _Waiter(loop, loop.create_future(), client, heavy)
            self._waiters.append(waiter)

        def give_up() -> None:
            with self._lock:
                if waiter not in self._waiters:
                    return  # a worker is on its way to it
                self._waiters.remove(waiter)
            if not waiter.future.done():
                waiter.future.set_exception(Busy(
                    f"all {self._size} query workers are busy; try again shortly",
                    thai=f"ตัวประมวลผลคำค้นทั้ง {self._size} ตัวไม่ว่าง โปรดลองใหม่อีกครู่"))

        timer = loop.call_later(max(wait, 0.0), give_up)
        try:
            return await waiter.future
        except asyncio.CancelledError:
            with self._lock:
                if waiter in self._waiters:
                    self._waiters.remove(waiter)
            raise
        finally:
            timer.cancel()

    def _claim(self, worker: _Worker, client: str | None, heavy: bool) -> None:
        self._idle.remove(worker)
        if heavy:
            self._count_heavy(worker, client)

    def _notify(self) -> None:
        """Wake the threads waiting for workers, and hand idle workers to the requests waiting
        on event loops, first come first served (call with the lock held)."""
        self._lock.notify_all()
        for waiter in list(self._waiters):
            worker = self._eligible(waiter.client, waiter.heavy)
            if worker is None:
                continue
            self._waiters.remove(waiter)
            try:
                waiter.loop.call_soon_threadsafe(self._hand, waiter.future, worker)
            except RuntimeError:  # its event loop has closed: nobody waits there any more
                continue
            self._claim(worker, waiter.client, waiter.heavy)

    def _hand(self, future, worker: _Worker) -> None:
        if future.done():  # its request was cancelled meanwhile
            self._give_back(worker)
        else:
            future.set_result(worker)

    def _count_heavy(self, worker: _Worker, client: str | None) -> None:
        if worker.heavy_client is None and client is not None:
            worker.heavy_client = client
            self._running_heavy[client] = self._running_heavy.get(client, 0) + 1

    def _give_back(self, worker: _Worker) -> None:
        with self._lock:
            client, worker.heavy_client = worker.heavy_client, None
            if client is not None:
                left = self._running_heavy.get(client, 1) - 1
                if left > 0:
                    self._running_heavy[client] = left
                else:
                    self._running_heavy.pop(client, None)
            self._idle.append(worker)
            self._notify()

    # --- running ---------------------------------------------------------------------------

    def run(self, sparql: str, fmt: str = "json", **options) -> tuple[str, bytes]:
        """:meth:`run_async` for a thread without an event loop (scripts, tests, a thread of the
        endpoint); returns (media type, body)."""
        return asyncio.run(self.run_async(sparql, fmt, **options))

    async def run_async(self, sparql: str, fmt: str = "json", *, timeout: float = 30.0, max_bytes: int = 50_000_000,
                        queue_wait: float = 10.0, default_graphs=(), named_graphs=(), client: str | None = None,
                        base_iri: str | None = None) -> tuple[str, bytes]:
        """Run one query in a worker; returns (media type, body). The event loop waits for the
        worker's answer itself (:mod:`abegraph.server.pipes`): no thread per request.

        ``default_graphs`` / ``named_graphs`` are the SPARQL protocol's dataset IRIs; without
        them the default graph is the union of all named graphs. ``client`` names who asks
        (an address), for fairness; ``base_iri`` resolves relative IRIs in the query.
        """
        request = ("query", sparql, fmt, max_bytes, self.union, tuple(default_graphs), tuple(named_graphs), base_iri)
        give_up = time.monotonic() + queue_wait
        key = hash(request)
        heavy = self._is_long(key, client)
        while True:
            worker = await self._take(give_up - time.monotonic(), client, heavy)
            try:
                worker, moved, reply = await self._ask(worker, request, timeout, client, key)
            finally:
                self._give_back(worker)
            if isinstance(reply, Exception):
                raise reply
            if not moved:
                break
            heavy = True  # it ran too long for a reserved worker: again, on the others
        status, detail, body = reply
        if status == "too_large":
            raise ResultTooLarge(f"the result is larger than {max_bytes:,} bytes; add LIMIT or select fewer columns",
                                 thai=f"ผลลัพธ์ใหญ่เกิน {max_bytes:,} ไบต์ เพิ่ม LIMIT หรือเลือกคอลัมน์ให้น้อยลง")
        if status == "not_acceptable":
            en, th = _NOT_ACCEPTABLE.get(detail, _NOT_ACCEPTABLE["table"])
            raise NotAcceptable(en, thai=th)
        if status == "error":
            raise QueryFailed(detail, thai=f"คำค้นทำงานไม่ได้: {detail}")
        return detail, body

    async def _ask(self, worker: _Worker, request: tuple, timeout: float, client: str | None, key: int):
        """(worker to give back, moved to the other workers?, reply or the error to raise)."""
        loop = asyncio.get_running_loop()
        replace = functools.partial(loop.run_in_executor, None, self._replace)  # kills and starts: not on the loop
        try:
            if not worker.ready:  # it says so once, when it has opened the store
                if not await readable(worker.conn, 120.0):
                    raise WorkerGone("the query worker did not start", thai="ตัวประมวลผลคำค้นไม่เริ่มทำงาน")
                await receive(worker.conn)
                worker.ready = True
            if worker.generation != self._generation:  # the store changed since it opened it
                worker.conn.send(("open",))
                await receive(worker.conn)
                worker.generation = self._generation
            worker.conn.send(request)
            first = min(self.short, timeout)
            if not await readable(worker.conn, first):
                moving = worker.express and timeout > self.short
                self._mark_long(key, client, moved=moving)
                if moving:
                    return await replace(worker), True, None
                with self._lock:
                    self._count_heavy(worker, client)
                if not await readable(worker.conn, timeout - first):
                    return (await replace(worker), False,
                            QueryTimeout(f"the query ran longer than {timeout:g} s and was stopped",
                                         thai=f"คำค้นทำงานนานเกิน {timeout:g} วินาทีจึงถูกหยุด"))
            reply = await receive(worker.conn)
        except (EOFError, OSError):
            await loop.run_in_executor(None, worker.process.join, 2)
            code = worker.process.exitcode
            if code in (-signal.SIGABRT, -signal.SIGKILL):
                self._mark_long(key, client)
                return await replace(worker), False, self._too_big()
            return (await replace(worker), False,
                    QueryFailed(f"the engine could not run this query (its worker stopped with code {code}); "
                                "simplify it", thai=f"เครื่องมือค้นทำงานกับคำค้นนี้ไม่ได้ (รหัส {code}) โปรดทำให้ง่ายลง"))
        if reply[0] == "memory":
            return worker, False, self._too_big()
        return worker, False, reply

    def _too_big(self) -> QueryTooBig:
        return QueryTooBig(f"the query needed more than {self.memory / 1e6:,.0f} MB of memory and was stopped; "
                           "add LIMIT, or narrow the patterns it joins",
                           thai=f"คำค้นต้องใช้หน่วยความจำเกิน {self.memory / 1e6:,.0f} MB จึงถูกหยุด "
                                "เพิ่ม LIMIT หรือจำกัดรูปแบบที่นำมาเชื่อมกันให้แคบลง")

    def reopen(self) -> None:
        """Have every worker open the store again before its next query, to see what another
        process wrote to the folder (a worker sees the store as it was when it opened it)."""
        with self._lock:
            self._generation += 1
        self._drop_spare()
        if not self._closed:
            spare = self._start()
            with self._lock:
                self._spare, extra = spare, self._spare
            if extra is not None:
                self._kill(extra)

    def exclusive(self, wait: float = 60.0):
        """Hold every worker for a ``with`` block, their stores closed, so the store may be written.

        The block gets a function ``write(update, base_iri=None, timeout=60)`` that runs a SPARQL
        update in one of the held workers (cut off from the network like them). On leaving,
        every worker reopens the store and so sees what was written. If not every worker can be
        had within ``wait`` seconds, the ones taken are given back and :class:`Busy` is raised;
        a worker that fails while held is replaced: the pool never shrinks.
        """
        pool = self

        class _Exclusive:
            def __enter__(self):
                self.taken = []
                with pool._lock:
                    pool._exclusive_waiting += 1
                try:
                    deadline = time.monotonic() + wait
                    with pool._lock:
                        for _ in range(pool._size):
                            if not pool._lock.wait_for(lambda: pool._idle, timeout=max(deadline - time.monotonic(), 0)):
                                raise Busy(f"the store is busy with {pool._size - len(self.taken)} running "
                                           "queries; try the update again shortly",
                                           thai=f"คลังข้อมูลกำลังตอบคำค้นอยู่ {pool._size - len(self.taken)} รายการ "
                                                "โปรดส่งคำสั่งแก้ไขอีกครั้งในอีกครู่")
                            self.taken.append(pool._idle.pop())
                finally:
                    with pool._lock:
                        pool._exclusive_waiting -= 1
                        if len(self.taken) < pool._size:
                            pool._idle.extend(self.taken)
                            self.taken = []
                            pool._notify()
                pool._writing = True
                pool._drop_spare()  # it has the store open too
                self.taken = [self._tell(w, ("close",)) for w in self.taken]
                return self.write

            def _tell(self, worker, message, timeout=30.0):
                try:
                    worker.wait_ready()
                    worker.conn.send(message)
                    if worker.conn.poll(timeout):
                        worker.conn.recv()
                        return worker
                except (EOFError, OSError):
                    pass
                return pool._replace(worker)

            def write(self, update: str, base_iri: str | None = None, timeout: float = 60.0) -> None:
                worker = self.taken[0]
                try:
                    worker.wait_ready()
                    worker.conn.send(("update", update, base_iri))
                    if not worker.conn.poll(timeout):
                        self.taken[0] = pool._replace(worker)
                        raise QueryTimeout(f"the update ran longer than {timeout:g} s and was stopped; nothing changed",
                                           thai=f"คำสั่งแก้ไขทำงานนานเกิน {timeout:g} วินาทีจึงถูกหยุด ไม่มีสิ่งใดเปลี่ยน")
                    status, detail, _ = worker.conn.recv()
                except (EOFError, OSError) as err:
                    self.taken[0] = pool._replace(worker)
                    why = str(err) or "its worker stopped (too little memory? see --max-memory-mb)"
                    why_th = str(err) or "ตัวทำงานหยุดไป (หน่วยความจำไม่พอหรือไม่ ดู --max-memory-mb)"
                    raise QueryFailed(f"the update could not be run: {why}",
                                      thai=f"คำสั่งแก้ไขทำงานไม่ได้: {why_th}") from err
                if status != "ok":
                    raise QueryFailed(detail or "the update needed too much memory",
                                      thai=f"คำสั่งแก้ไขทำงานไม่ได้: {detail}" if detail else "คำสั่งแก้ไขใช้หน่วยความจำมากเกินไป")

            def __exit__(self, *exc):
                for worker in self.taken:
                    pool._give_back(self._tell(worker, ("open",)))
                self.taken = []
                with pool._lock:
                    pool._writing = False
                    if pool._spare is None and not pool._closed:
                        pool._spare = pool._start()

        return _Exclusive()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            workers, self._idle = self._idle, []
        self._drop_spare()
        for worker in workers:
            self._kill(worker)
