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
import contextlib

import cachetools
import hmac
import json
from dataclasses import dataclass, field
from pathlib import Path

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from ..exceptions import StoreLockedError
from .guard import GuardError, TooDeep, check_depth, check_query, check_update
from .query_page import page as _page
from .reconcile import reconcile_routes
from .protocol import ProtocolError, add_using, answer_media, negotiate, read_operation
from .workers import (GRAPH_TYPES, RESULT_TYPES, Busy, NotAcceptable, QueryFailed, QueryTimeout, QueryTooBig, ResultTooLarge,
                      WorkerPool)

__all__ = ["ServerSettings", "create_app"]

_SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                               "connect-src 'self'; img-src 'self' data:",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


@dataclass
class ServerSettings:
    """Limits and permissions of one endpoint.

    ``memory_mb``: memory a query may use in its worker; ``hosts``: the Host names answered
    (``None``: loopback names); ``cors_origins``: origins whose pages may read query answers
    (``("*",)``: any, ``()``: none); ``max_request_bytes`` / ``body_seconds``: the largest
    request body and how long it may take to arrive; ``cache_mb``: answers kept to be served
    again until the store changes (0: none).
    """

    timeout: float = 30.0
    max_bytes: int = 50_000_000
    workers: int = 2
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


def _error(status: int, message: str, headers: dict | None = None) -> PlainTextResponse:
    return PlainTextResponse(message + "\n", status_code=status, headers={**_SECURITY_HEADERS, **(headers or {})})


async def _body(request: Request, limit: int, seconds: float) -> bytes:
    """The request body, refused when larger than ``limit`` or slower than ``seconds``."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise ProtocolError(413, f"the request is larger than {limit:,} bytes")
    chunks, size = [], 0

    async def read():
        nonlocal size
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise ProtocolError(413, f"the request is larger than {limit:,} bytes")
            chunks.append(chunk)

    try:
        await asyncio.wait_for(read(), seconds)
    except asyncio.TimeoutError:
        raise ProtocolError(408, f"the request body took longer than {seconds:g} s to arrive") from None
    return b"".join(chunks)


def _token_ok(header: str, token: str) -> bool:
    """Whether ``Authorization: header`` carries the bearer ``token`` (any bytes are safe)."""
    scheme, _, given = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not token:
        return False
    return hmac.compare_digest(given.strip().encode("utf-8", "surrogateescape"), token.encode("utf-8"))


def create_app(store_path, settings: ServerSettings | None = None, *, workers: int | None = None,
               pool_options: dict | None = None) -> Starlette:
    """The endpoint over the store folder ``store_path``; ``pool_options`` go to :class:`WorkerPool`."""
    from ..graph.questions import questions
    from .http import HostCheck, SecurityHeaders, allowed_hosts

    settings = settings or ServerSettings()
    if workers is not None:
        settings.workers = workers
    store_path = Path(store_path)
    state: dict = {}

    def cors(request: Request) -> dict:
        origin = request.headers.get("origin")
        if not origin or not settings.cors_origins:
            return {}
        if "*" in settings.cors_origins:
            return {"Access-Control-Allow-Origin": "*"}
        if origin in settings.cors_origins:
            return {"Access-Control-Allow-Origin": origin, "Vary": "Origin"}
        return {}

    async def sparql(request: Request) -> Response:
        if request.method == "OPTIONS":
            return preflight(request)
        try:
            body = await _body(request, settings.max_request_bytes, settings.body_seconds) \
                if request.method == "POST" else b""
            operation = read_operation(request.method, request.scope.get("query_string", b""),
                                       request.headers.get("content-type", ""), body)
        except ProtocolError as err:
            return _error(err.status, str(err), {"Allow": "POST"} if err.status == 405 else None)
        if operation.update is not None:
            return await _update(request, operation)
        if not operation.query:
            return await _description(request, operation.params, at_endpoint=True)
        try:
            check_depth(operation.query)
            check_query(operation.query, settings.allowed_services)
            result_fmt, graph_fmt = negotiate(request.headers.get("accept", ""), operation.params)
        except TooDeep as err:
            return _error(400, str(err))
        except GuardError as err:
            return _error(403, str(err))
        except ProtocolError as err:
            return _error(err.status, str(err))
        endpoint = str(request.url.replace(query="", fragment=""))
        key = (operation.query, result_fmt, graph_fmt, tuple(operation.default_graphs),
               tuple(operation.named_graphs), endpoint)
        cached, generation = state["cache"].get(key), state["generation"]
        try:
            media, body = cached or await run_in_threadpool(
                state["pool"].run, operation.query, (result_fmt, graph_fmt), timeout=settings.timeout,
                max_bytes=settings.max_bytes, queue_wait=settings.queue_wait,
                default_graphs=operation.default_graphs, named_graphs=operation.named_graphs,
                client=request.client.host if request.client else None, base_iri=endpoint)
        except (Busy, QueryTimeout, QueryTooBig) as err:
            return _error(503, str(err), {"Retry-After": "5", **cors(request)})
        except ResultTooLarge as err:
            return _error(413, str(err), cors(request))
        except NotAcceptable as err:
            return _error(406, str(err), cors(request))
        except QueryFailed as err:
            return _error(400, str(err), cors(request))
        if cached is None and generation == state["generation"] and len(body) <= settings.cache_mb * 15_000:  # an answer up to 1/64 of the cache
            state["cache"][key] = (media, body)
        fmt = {v: k for k, v in {**RESULT_TYPES, **GRAPH_TYPES}.items()}[media]
        media = answer_media(media, fmt, request.headers.get("accept", ""))
        charset = "; charset=utf-8" if media.startswith("text/") or "json" in media or "xml" in media else ""
        return Response(body, media_type=media + charset, headers={
            "Vary": "Accept, Origin", "X-Abegraph-Cache": "hit" if cached else "miss", **cors(request)})

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
            return _error(403, "this endpoint is read-only; start it with --allow-update to accept updates")
        if request.headers.get("origin") and request.headers.get("sec-fetch-site") not in (None, "same-origin", "none"):
            return _error(403, "updates are not accepted from pages of other sites")
        if not _token_ok(request.headers.get("authorization", ""), settings.update_token):
            return _error(401, "updates need the token: send 'Authorization: Bearer TOKEN'",
                          {"WWW-Authenticate": 'Bearer realm="abegraph"'})
        try:
            check_depth(operation.update)
            check_update(operation.update, settings.allowed_services)
            update = add_using(operation.update, operation.using_graphs, operation.using_named_graphs)
        except TooDeep as err:
            return _error(400, str(err))
        except GuardError as err:
            return _error(403, str(err))
        except ProtocolError as err:
            return _error(err.status, str(err))
        endpoint = str(request.url.replace(query="", fragment=""))

        def write():
            lock = getattr(request.app.state, "folder_lock", None)  # set by `abegraph serve`
            with lock.exclusive(wait=settings.queue_wait) if lock else contextlib.nullcontext():
                with state["pool"].exclusive(wait=settings.queue_wait) as run_update:
                    run_update(update, base_iri=endpoint, timeout=max(settings.timeout, 60))

        try:
            await run_in_threadpool(write)
        except (Busy, QueryTimeout) as err:
            return _error(503, str(err), {"Retry-After": "5"})
        except StoreLockedError as err:
            return _error(503, f"{err.message('en')}: another abegraph process is reading the store; "
                               "try the update again when it has finished", {"Retry-After": "5"})
        except QueryFailed as err:
            return _error(400, str(err))
        finally:
            state["cache"].clear()  # the store may have changed: no answer from before
            state["generation"] += 1  # nor one still running from before
        return Response(status_code=204)

    async def root(request: Request) -> Response:
        if request.method == "OPTIONS":
            return preflight(request)
        return await _description(request, request.query_params, at_endpoint=False)

    async def _description(request: Request, params, at_endpoint: bool) -> Response:
        """The service description (RDF), or the query page when the client prefers HTML."""
        import mimeparse

        from .description import service_description

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
            return _error(err.status, str(err))
        if best == "text/html":
            return HTMLResponse(_page(questions()), headers=_SECURITY_HEADERS)
        if graph_fmt is None or not best:
            return _error(406, "the service description is offered as Turtle, N-Triples, JSON-LD or RDF/XML, "
                               "the query page as text/html")
        endpoint = str(request.url_for("sparql"))
        sizes = await run_in_threadpool(_graph_sizes)
        body = service_description(endpoint, sizes, settings.allow_update, graph_fmt,
                                   formats=[*RESULT_TYPES, *GRAPH_TYPES])
        return Response(body, media_type=GRAPH_TYPES[graph_fmt], headers={"Vary": "Accept, Origin", **cors(request)})

    def _graph_sizes() -> dict[str, int]:
        query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
        _, body = state["pool"].run(query, "json", timeout=settings.timeout, queue_wait=settings.queue_wait)
        rows = json.loads(body)["results"]["bindings"]
        return {r["g"]["value"]: int(r["n"]["value"]) for r in rows}

    async def questions_json(request: Request) -> Response:
        lang = request.query_params.get("lang", "en")
        return JSONResponse([{"name": q.name, "title": q.title(lang), "about": q.about(lang),
                              "sparql": q.sparql_for(lang)} for q in questions().values()], headers=cors(request))

    @contextlib.asynccontextmanager
    async def lifespan(app):
        options = {"memory_mb": settings.memory_mb, "short_seconds": settings.short_seconds,
                   "per_client": settings.per_client, **(pool_options or {})}
        if settings.allowed_services:
            options["offline"] = False  # SERVICE to the allowed endpoints needs the network
        state["pool"] = WorkerPool(store_path, settings.workers, **options)
        state["generation"] = 0
        state["cache"] = cachetools.LRUCache(maxsize=max(int(settings.cache_mb * 1_000_000), 1),
                                             getsizeof=lambda answer: len(answer[1]) + 100)
        try:
            yield
        finally:
            state["pool"].close()

    app = Starlette(routes=[
        Route("/", root, methods=["GET", "HEAD", "OPTIONS"]),
        Route("/sparql", sparql, methods=["GET", "HEAD", "POST", "OPTIONS"], name="sparql"),
        Route("/questions.json", questions_json),
        *reconcile_routes(store_path),
    ], lifespan=lifespan)
    hosts = settings.hosts if settings.hosts is not None else allowed_hosts("127.0.0.1")
    app.add_middleware(HostCheck, hosts=hosts)
    app.add_middleware(SecurityHeaders)
    return app

