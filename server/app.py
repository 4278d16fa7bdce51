"""The SPARQL 1.1 Protocol endpoint and its web page (Starlette; served by uvicorn).

- ``/sparql``: queries by GET, POST form or POST body; results as SPARQL JSON, XML, CSV,
  TSV (SELECT/ASK) or Turtle, N-Triples, JSON-LD, RDF/XML (CONSTRUCT/DESCRIBE), chosen by the
  Accept header (or, without one, the ``format`` / ``output`` parameter). Without a query it
  answers the SPARQL service description. Updates only by POST, with ``allow_update`` and the
  bearer token. Read-only answers may be read by pages of other origins (CORS).
- ``/``: the query page for people (text/html), or the service description for machines.
- ``/questions.json``: the saved competency questions, for the page and for scripts.

Queries run in worker processes with no network and a memory and time budget
(:mod:`abegraph.server.workers`); :mod:`abegraph.server.http` checks the Host header and
adds the security headers.

Example
-------
>>> from starlette.testclient import TestClient
>>> from abegraph.server.app import create_app
>>> with TestClient(create_app(store_path, workers=1), base_url="http://127.0.0.1") as client:
...     answer = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }", "format": "json"})
>>> answer.json()["boolean"]
True
"""
from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import hmac
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import cachetools
import mimeparse

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from ..exceptions import EndpointError, StoreLockedError
from ..graph.questions import questions
from .description import service_description
from .guard import check_request
from .http import HostCheck, SecurityHeaders, allowed_hosts
from ..memo import remember_short
from .protocol import ProtocolError, add_using, answer_media, negotiate, read_operation
from .query_page import page as _page
from .reconcile import reconcile_routes
from .workers import GRAPH_TYPES, RESULT_TYPES, WorkerPool

__all__ = ["ServerSettings", "Endpoint", "create_app"]

_SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                               "connect-src 'self'; img-src 'self' data:",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def default_workers() -> int:
    """Two query workers per CPU, 2 to 8: a worker waits for its hand-off about a third of the
    time, so two per CPU keep the CPUs busy (``python -m bench.endpoint``: 0.71× Oxigraph's q/s
    with 2 workers on 2 CPUs, 0.81× with 4).

    >>> 2 <= default_workers() <= 8
    True
    """
    return max(2, min(8, 2 * (os.cpu_count() or 1)))


@dataclass
class ServerSettings:
    """Limits and permissions of one endpoint.

    ``memory_mb``: memory a query may use in its worker; ``hosts``: the Host names answered
    (``None``: loopback names); ``cors_origins``: origins whose pages may read query answers
    (``("*",)``: any, ``()``: none); ``max_request_bytes`` / ``body_seconds``: the largest
    request body and how long it may take to arrive; ``cache_mb``: answers kept to be served
    again until the store changes (0: none); ``copy_up_to``: a store of at most this many quads
    is copied into each query worker's memory, where queries run about twice as fast (0: never);
    ``lang``: the language the query page opens in (``en`` or ``th``).
    """

    timeout: float = 30.0
    max_bytes: int = 50_000_000
    workers: int = field(default_factory=default_workers)
    queue_wait: float = 30.0
    allow_update: bool = False
    update_token: str = ""
    allowed_services: frozenset = field(default_factory=frozenset)
    memory_mb: float = 1000.0
    short_seconds: float = 1.0
    per_client: int = 1
    hosts: tuple | None = None
    cors_origins: tuple = ("*",)
    max_request_bytes: int = 10_000_000
    body_seconds: float = 20.0
    cache_mb: float = 64.0
    copy_up_to: int = 500_000
    lang: str = "en"


def _error(status: int, message: str, headers: dict | None = None) -> PlainTextResponse:
    return PlainTextResponse(message + "\n", status_code=status, headers={**_SECURITY_HEADERS, **(headers or {})})


def page_language(lang: str, request: Request) -> str:
    """The language the query page opens in: the server's (``serve --lang``), or Thai when
    the browser prefers Thai to English (``Accept-Language``)."""
    return "th" if lang == "th" or language(request.headers.get("accept-language", "")) == "th" else "en"


def language(accept_language: str) -> str:
    """``"th"`` when an ``Accept-Language`` header prefers Thai to English, else ``"en"``.

    >>> language("th-TH,th;q=0.9,en;q=0.8"), language("en-GB,th;q=0.5"), language("")
    ('th', 'en', 'en')
    """
    best, best_q = "en", 0.0
    for item in accept_language.split(","):
        tag, _, params = item.strip().partition(";")
        tag = tag.strip().lower().split("-")[0]
        try:
            q = float(params.strip()[2:]) if params.strip().startswith("q=") else 1.0
        except ValueError:
            q = 0.0
        if tag in ("th", "en") and q > best_q:
            best, best_q = tag, q
    return best


def refuse(err: EndpointError, request: Request | None = None, headers: dict | None = None) -> PlainTextResponse:
    """The answer to a refused request: its status, the message in the client's language
    (Thai when ``Accept-Language`` prefers it), ``Retry-After`` when it may work later."""
    lang = language(request.headers.get("accept-language", "")) if request is not None else "en"
    extra = {"Retry-After": str(err.retry)} if err.retry else {}
    return _error(err.status, err.message(lang), {**extra, **(headers or {})})


#: media type of an answer -> its format name
_FORMAT_OF = {media: fmt for fmt, media in {**RESULT_TYPES, **GRAPH_TYPES}.items()}
#: headers of every query answer: those :class:`SecurityHeaders` adds to the other answers
_ANSWER_HEADERS = [*SecurityHeaders.HEADERS, (b"vary", b"Accept, Origin")]


@remember_short(maxsize=1024, longest=500)
def _content_type(accept: str, media: str) -> bytes:
    """The Content-Type of an answer in ``media`` for a client that sent ``accept``."""
    media = answer_media(media, _FORMAT_OF[media], accept)
    text = media.startswith("text/") or "json" in media or "xml" in media
    return (media + ("; charset=utf-8" if text else "")).encode("latin-1")


class _Refused(EndpointError):
    """A refusal decided in this module (read-only, token, other sites, store in use)."""

    def __init__(self, status: int, message: str, thai: str, retry: int | None = None):
        super().__init__(message, thai=thai)
        self.status, self.retry = status, retry


def store_stamp(folder: Path):
    """What changes when anything writes the store folder (names, sizes, times of its files).

    >>> store_stamp(Path("/nonexistent/folder")) is None
    True
    """
    try:
        return tuple(sorted((e.name, e.stat().st_size, e.stat().st_mtime_ns) for e in os.scandir(folder)
                            if e.name != "abegraph.lock"))
    except OSError:
        return None


def _too_large(limit: int) -> ProtocolError:
    return ProtocolError(413, f"the request is larger than {limit:,} bytes",
                         thai=f"คำขอใหญ่เกิน {limit:,} ไบต์")


class _Gone(EndpointError):
    """The client went away before its request had arrived (nothing is answered)."""

    status = 499


async def _body(receive, declared: str | None, limit: int, seconds: float) -> bytes:
    """The request body from the ASGI ``receive``, refused when larger than ``limit`` (or a
    ``Content-Length`` saying so) or slower than ``seconds``."""
    if declared and declared.isdigit() and int(declared) > limit:
        raise _too_large(limit)
    chunks, size = [], 0
    try:
        async with asyncio.timeout(seconds):
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    raise _Gone("the client closed the connection", thai="ผู้ใช้ปิดการเชื่อมต่อ")
                chunk = message.get("body", b"")
                size += len(chunk)
                if size > limit:
                    raise _too_large(limit)
                chunks.append(chunk)
                if not message.get("more_body", False):
                    break
    except TimeoutError:
        raise ProtocolError(408, f"the request body took longer than {seconds:g} s to arrive",
                            thai=f"เนื้อคำขอใช้เวลาส่งนานเกิน {seconds:g} วินาที") from None
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def endpoint_url(scope: dict, path: str | None = None) -> str:
    """The URL a request was sent to (scheme, Host, path; no query), or ``path`` on that host.

    >>> endpoint_url({"scheme": "http", "path": "/sparql", "headers": [(b"host", b"127.0.0.1:8000")]})
    'http://127.0.0.1:8000/sparql'
    """
    host = next((v.decode("latin-1") for k, v in scope["headers"] if k == b"host"), None)
    if host is None:
        server = scope.get("server") or ("127.0.0.1", 80)
        host = f"{server[0]}:{server[1]}"
    return f"{scope.get('scheme', 'http')}://{host}{scope.get('root_path', '')}{path or scope['path']}"


def _token_ok(header: str, token: str) -> bool:
    """Whether ``Authorization: header`` carries the bearer ``token`` (any bytes are safe)."""
    scheme, _, given = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not token:
        return False
    return hmac.compare_digest(given.strip().encode("utf-8", "surrogateescape"), token.encode("utf-8"))


def create_app(store_path, settings: ServerSettings | None = None, *, workers: int | None = None,
               pool_options: dict | None = None) -> "Endpoint":
    """The endpoint over the store folder ``store_path``; ``pool_options`` go to :class:`WorkerPool`."""
    settings = settings or ServerSettings()
    if workers is not None:
        settings.workers = workers
    store_path = Path(store_path)
    state: dict = {}

    def in_thread(call):
        """Run a blocking call (an update waiting for the store and every worker) in the
        endpoint's threads; queries wait for their worker on the event loop."""
        return asyncio.get_running_loop().run_in_executor(state["threads"], call)

    def changed() -> None:
        """Forget every answer, and have the workers reopen the store, when another process has
        written the folder (a load by a program that does not go through this endpoint).

        The folder's own time is read on every request (a new file: a load, a flush); the names,
        sizes and times of its files at most once a second (a write still in the journal)."""
        now = asyncio.get_running_loop().time()
        try:
            folder_time = os.stat(store_path).st_mtime_ns
        except OSError:
            folder_time = None
        if folder_time == state["folder_time"] and now - state["checked"] < 1.0:
            return
        state["folder_time"], state["checked"] = folder_time, now
        stamp = store_stamp(store_path)
        if stamp != state["stamp"]:
            state["stamp"] = stamp
            state["cache"].clear()
            state["generation"] += 1
            state["pool"].reopen()

    def cors(request: Request) -> dict:
        origin = request.headers.get("origin")
        if not origin or not settings.cors_origins:
            return {}
        if "*" in settings.cors_origins:
            return {"Access-Control-Allow-Origin": "*"}
        if origin in settings.cors_origins:
            return {"Access-Control-Allow-Origin": origin, "Vary": "Origin"}
        return {}

    async def sparql(scope, receive, send) -> None:
        """``/sparql`` as a plain ASGI handler: a query is read, checked, run and answered here
        without Starlette's routing and middleware, the hot path of the endpoint; the rest
        (preflights, updates, the description, refusals) is answered by Starlette responses."""
        request = Request(scope)
        method = scope["method"]
        try:
            if method == "OPTIONS":
                return await secured(preflight(request), scope, receive, send)
            if method not in ("GET", "HEAD", "POST"):
                return await secured(PlainTextResponse("Method Not Allowed", status_code=405, headers={
                    "Allow": "GET, HEAD, POST, OPTIONS"}), scope, receive, send)
            headers = request.headers
            try:
                body = await _body(receive, headers.get("content-length"), settings.max_request_bytes,
                                   settings.body_seconds) if method == "POST" else b""
                operation = read_operation(method, scope.get("query_string", b""), headers.get("content-type", ""), body)
            except ProtocolError as err:
                return await refuse(err, request, {"Allow": "POST"} if err.status == 405 else None)(scope, receive, send)
            if operation.update is not None:
                return await secured(await _update(request, operation), scope, receive, send)
            if not operation.query:
                return await secured(await _description(request, operation.params, at_endpoint=True),
                                     scope, receive, send)
            answer = await query(request, operation)
        except _Gone:
            return
        if isinstance(answer, Response):
            return await answer(scope, receive, send)
        status, extra, body = answer
        await send({"type": "http.response.start", "status": status, "headers": [
            *_ANSWER_HEADERS, *extra, (b"content-length", str(len(body)).encode("latin-1"))]})
        await send({"type": "http.response.body", "body": body})

    async def query(request: Request, operation):
        """(status, headers, body) of a query's answer, or the refusal to send instead."""
        headers = request.headers
        accept = headers.get("accept", "")
        try:
            check_request(operation.query, False, settings.allowed_services)
            result_fmt, graph_fmt = negotiate(accept, operation.params)
        except EndpointError as err:
            return refuse(err, request)
        endpoint = endpoint_url(request.scope)
        key = (operation.query, result_fmt, graph_fmt, tuple(operation.default_graphs),
               tuple(operation.named_graphs), endpoint)
        changed()
        cached, generation = state["cache"].get(key), state["generation"]
        client = request.scope.get("client")
        try:
            media, body = cached or await state["pool"].run_async(
                operation.query, (result_fmt, graph_fmt), timeout=settings.timeout, max_bytes=settings.max_bytes,
                queue_wait=settings.queue_wait, default_graphs=operation.default_graphs,
                named_graphs=operation.named_graphs, client=client[0] if client else None, base_iri=endpoint)
        except EndpointError as err:
            return refuse(err, request, cors(request))
        if cached is None and generation == state["generation"] and len(body) <= settings.cache_mb * 15_000:  # an answer up to 1/64 of the cache
            state["cache"][key] = (media, body)
        allow = cors(request)
        return 200, [(b"content-type", _content_type(accept, media)),
                     (b"x-abegraph-cache", b"hit" if cached else b"miss"),
                     *((k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in allow.items() if k != "Vary")], body

    async def secured(response: Response, scope, receive, send) -> None:
        """Send a Starlette response with the headers :class:`SecurityHeaders` adds."""
        await SecurityHeaders(response)(scope, receive, send)

    def preflight(request: Request) -> Response:
        """CORS preflight: queries by GET or POST with the headers a query needs; never updates."""
        allow = cors(request)
        if not allow:
            return Response(status_code=204, headers={"Allow": "GET, POST, OPTIONS"})
        return Response(status_code=204, headers={
            **allow, "Allow": "GET, POST, OPTIONS", "Access-Control-Allow-Methods": "GET, POST",
            "Access-Control-Allow-Headers": "Accept, Content-Type", "Access-Control-Max-Age": "600"})

    async def _update(request: Request, operation) -> Response:
        if not settings.allow_update:
            return refuse(_Refused(403, "this endpoint is read-only; start it with --allow-update to accept updates",
                                   "จุดบริการนี้อ่านได้อย่างเดียว เริ่มด้วย --allow-update เพื่อรับคำสั่งแก้ไข"), request)
        if request.headers.get("origin") and request.headers.get("sec-fetch-site") not in (None, "same-origin", "none"):
            return refuse(_Refused(403, "updates are not accepted from pages of other sites",
                                   "ไม่รับคำสั่งแก้ไขจากหน้าเว็บของเว็บไซต์อื่น"), request)
        if not _token_ok(request.headers.get("authorization", ""), settings.update_token):
            return refuse(_Refused(401, "updates need the token: send 'Authorization: Bearer TOKEN'",
                                   "คำสั่งแก้ไขต้องมีโทเคน: ส่ง 'Authorization: Bearer TOKEN'"),
                          request, {"WWW-Authenticate": 'Bearer realm="abegraph"'})
        try:
            check_request(operation.update, True, settings.allowed_services)
            update = add_using(operation.update, operation.using_graphs, operation.using_named_graphs)
        except EndpointError as err:
            return refuse(err, request)
        endpoint = endpoint_url(request.scope)

        def write():
            lock = getattr(app.state, "folder_lock", None)  # set by `abegraph serve`
            with lock.exclusive(wait=settings.queue_wait) if lock else contextlib.nullcontext():
                with state["pool"].exclusive(wait=settings.queue_wait) as run_update:
                    run_update(update, base_iri=endpoint, timeout=max(settings.timeout, 60))

        try:
            await in_thread(write)
        except StoreLockedError as err:
            return refuse(_Refused(503, f"{err.message('en')}: another abegraph process is reading the store; "
                                        "try the update again when it has finished",
                                   f"{err.message('th')}: มีโปรแกรม abegraph อื่นกำลังอ่านคลังข้อมูลอยู่ "
                                   "โปรดส่งคำสั่งแก้ไขอีกครั้งเมื่อโปรแกรมนั้นทำงานเสร็จ", retry=5), request)
        except EndpointError as err:
            return refuse(err, request)
        finally:
            state["cache"].clear()  # the store may have changed: no answer from before
            state["generation"] += 1  # nor one still running from before
            state["stamp"], state["checked"] = store_stamp(store_path), asyncio.get_running_loop().time()
            state["folder_time"] = os.stat(store_path).st_mtime_ns  # the workers reopened it already
        return Response(status_code=204)

    async def root(request: Request) -> Response:
        if request.method == "OPTIONS":
            return preflight(request)
        return await _description(request, request.query_params, at_endpoint=False)

    async def _description(request: Request, params, at_endpoint: bool) -> Response:
        """The service description (RDF), or the query page when the client prefers HTML."""
        accept = request.headers.get("accept", "").strip()
        offered = ["text/html"] + list(GRAPH_TYPES.values())[::-1]
        if not at_endpoint:
            offered = offered[1:] + ["text/html"]  # at / people come first; at /sparql machines do
        try:
            _, graph_fmt = negotiate(accept, dict(params))
            named = params.get("format") or params.get("output")
            best = "text/turtle" if named and accept in ("", "*/*") else mimeparse.best_match(offered, accept or "*/*")
        except (ValueError, mimeparse.MimeTypeParseException):
            graph_fmt, best = "turtle", "text/turtle"
        except ProtocolError as err:
            return refuse(err, request)
        if best == "text/html":
            return HTMLResponse(_page(questions(), page_language(settings.lang, request)),
                                headers=_SECURITY_HEADERS)
        if graph_fmt is None or not best:
            return refuse(_Refused(406, "the service description is offered as Turtle, N-Triples, JSON-LD or "
                                        "RDF/XML, the query page as text/html",
                                   "คำอธิบายบริการมีเป็น Turtle, N-Triples, JSON-LD หรือ RDF/XML "
                                   "และหน้าค้นหามีเป็น text/html"), request)
        endpoint = endpoint_url(request.scope, "/sparql")
        try:
            sizes = await _graph_sizes()
        except EndpointError as err:
            return refuse(err, request, cors(request))
        body = service_description(endpoint, sizes, settings.allow_update, graph_fmt,
                                   formats=[*RESULT_TYPES, *GRAPH_TYPES])
        return Response(body, media_type=GRAPH_TYPES[graph_fmt], headers={"Vary": "Accept, Origin", **cors(request)})

    async def _graph_sizes() -> dict[str, int]:
        query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
        _, body = await state["pool"].run_async(query, "json", timeout=settings.timeout, queue_wait=settings.queue_wait)
        rows = json.loads(body)["results"]["bindings"]
        return {r["g"]["value"]: int(r["n"]["value"]) for r in rows}

    async def questions_json(request: Request) -> Response:
        lang = request.query_params.get("lang", "en")
        return JSONResponse([{"name": q.name, "title": q.title(lang), "about": q.about(lang),
                              "sparql": q.sparql_for(lang)} for q in questions().values()], headers=cors(request))

    @contextlib.asynccontextmanager
    async def lifespan(app):
        options = {"memory_mb": settings.memory_mb, "short_seconds": settings.short_seconds,
                   "per_client": settings.per_client, "copy_up_to": settings.copy_up_to, **(pool_options or {})}
        if settings.allowed_services:
            options["offline"] = False  # SERVICE to the allowed endpoints needs the network
        state["pool"] = WorkerPool(store_path, settings.workers, **options)
        state["threads"] = concurrent.futures.ThreadPoolExecutor(max_workers=16, thread_name_prefix="abegraph-update")
        state["generation"] = 0
        state["stamp"], state["folder_time"], state["checked"] = store_stamp(store_path), None, 0.0
        with contextlib.suppress(OSError):
            state["folder_time"] = os.stat(store_path).st_mtime_ns
        state["cache"] = cachetools.LRUCache(maxsize=max(int(settings.cache_mb * 1_000_000), 1),
                                             getsizeof=lambda answer: len(answer[1]) + 100)
        try:
            yield
        finally:
            state["pool"].close()
            state["threads"].shutdown(wait=False, cancel_futures=True)

    site = Starlette(routes=[
        Route("/", root, methods=["GET", "HEAD", "OPTIONS"]),
        Route("/questions.json", questions_json),
        *reconcile_routes(store_path),
    ], lifespan=lifespan)
    app = Endpoint(site, sparql, settings.hosts if settings.hosts is not None else allowed_hosts("127.0.0.1"))
    return app


class Endpoint:
    """The endpoint's ASGI application: ``/sparql`` goes straight to its handler, with the Host
    check as its only layer (the hot path: no routing, no middleware); every other path goes to
    the Starlette ``site`` behind :class:`HostCheck` and :class:`SecurityHeaders`. ``state`` is
    the site's (``abegraph serve`` keeps the store's lock there)."""

    def __init__(self, site: Starlette, sparql, hosts):
        self.site, self.state = site, site.state
        self._sparql = HostCheck(sparql, hosts)
        self._site = HostCheck(SecurityHeaders(site), hosts)

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and scope["path"] == "/sparql":
            await self._sparql(scope, receive, send)
        else:
            await self._site(scope, receive, send)

