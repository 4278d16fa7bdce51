"""The SPARQL 1.1 Protocol endpoint and its web page (Starlette; served by uvicorn).

- ``/sparql``: queries by GET, POST form or POST body; results as SPARQL JSON, XML, CSV,
  TSV (SELECT/ASK) or Turtle, N-Triples, JSON-LD (CONSTRUCT/DESCRIBE), chosen by the
  ``format`` parameter or the Accept header. Updates only with ``allow_update`` and the
  bearer token.
- ``/``: the query page for people (text/html), or the SPARQL service description with
  VoID statistics for machines (Turtle, N-Triples, JSON-LD).
- ``/questions.json``: the saved competency questions, for the page and for scripts.

Example
-------
>>> from starlette.testclient import TestClient
>>> from abegraph.server.app import create_app
>>> with TestClient(create_app(store_path, workers=1)) as client:
...     answer = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }", "format": "json"})
>>> answer.json()["boolean"]
True
"""
from __future__ import annotations

import contextlib
import html
import json
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from .guard import GuardError, check_query, check_update
from .reconcile import reconcile_routes
from .workers import GRAPH_TYPES, RESULT_TYPES, Busy, QueryFailed, QueryTimeout, ResultTooLarge, WorkerPool

__all__ = ["ServerSettings", "create_app"]

_ACCEPT = {
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
    "text/turtle": "turtle", "application/x-turtle": "turtle", "application/n-triples": "nt",
    "text/plain": "nt", "application/ld+json": "jsonld", "application/rdf+xml": "rdfxml",
}
_SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                               "connect-src 'self'; img-src 'self' data:",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


@dataclass
class ServerSettings:
    """Limits and permissions of one endpoint."""

    timeout: float = 30.0
    max_bytes: int = 50_000_000
    workers: int = 2
    queue_wait: float = 30.0
    allow_update: bool = False
    update_token: str = ""
    allowed_services: frozenset = field(default_factory=frozenset)


def _format(request: Request, params) -> str | None:
    fmt = params.get("format") or params.get("output")
    if fmt:
        return {"sparql-results+json": "json", "ttl": "turtle", "json-ld": "jsonld"}.get(fmt, fmt)
    for part in request.headers.get("accept", "").split(","):
        media = part.split(";")[0].strip().lower()
        if media in _ACCEPT:
            return _ACCEPT[media]
    return None


def _error(status: int, message: str) -> PlainTextResponse:
    return PlainTextResponse(message + "\n", status_code=status, headers=_SECURITY_HEADERS)


async def _read_request(request: Request) -> tuple[str | None, str | None, dict]:
    """(query, update, params) from any of the protocol's three ways of sending them."""
    params = dict(request.query_params)
    lists = {k: request.query_params.getlist(k) for k in ("default-graph-uri", "named-graph-uri")}
    if request.method == "POST":
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media == "application/x-www-form-urlencoded" or media.startswith("multipart/"):
            form = await request.form()
            params.update({k: v for k, v in form.items() if isinstance(v, str)})
            for key in lists:
                lists[key] += [v for v in form.getlist(key) if isinstance(v, str)]
        elif media == "application/sparql-query":
            params["query"] = (await request.body()).decode("utf-8")
        elif media == "application/sparql-update":
            params["update"] = (await request.body()).decode("utf-8")
        else:
            raise ValueError(f"unsupported content type {media!r}: use a form, "
                             "application/sparql-query or application/sparql-update")
    params.update(lists)
    return params.get("query"), params.get("update"), params


def create_app(store_path, settings: ServerSettings | None = None, *, workers: int | None = None) -> Starlette:
    """The endpoint over the store folder ``store_path``."""
    from ..graph.questions import questions

    settings = settings or ServerSettings()
    if workers is not None:
        settings.workers = workers
    store_path = Path(store_path)
    state: dict = {}

    async def sparql(request: Request) -> Response:
        try:
            query, update, params = await _read_request(request)
        except ValueError as err:
            return _error(415, str(err))
        if update is not None:
            return await _update(request, update)
        if not query:
            return _error(400, "give a SPARQL query in the 'query' parameter (GET or form POST) "
                               "or as an application/sparql-query body")
        try:
            check_query(query, settings.allowed_services)
        except GuardError as err:
            return _error(403, str(err))
        fmt = _format(request, params) or "json"
        if fmt not in RESULT_TYPES and fmt not in GRAPH_TYPES:
            return _error(406, f"unknown format {fmt!r}; use one of {', '.join([*RESULT_TYPES, *GRAPH_TYPES])}")
        try:
            media, body = await run_in_threadpool(
                state["pool"].run, query, fmt, timeout=settings.timeout, max_bytes=settings.max_bytes,
                queue_wait=settings.queue_wait, default_graphs=params.get("default-graph-uri", []),
                named_graphs=params.get("named-graph-uri", []))
        except Busy as err:
            return _error(503, str(err))
        except QueryTimeout as err:
            return _error(503, str(err))
        except ResultTooLarge as err:
            return _error(413, str(err))
        except QueryFailed as err:
            return _error(400, str(err))
        charset = "; charset=utf-8" if media.startswith("text/") or "json" in media or "xml" in media else ""
        return Response(body, media_type=media + charset, headers={"Vary": "Accept"})

    async def _update(request: Request, update: str) -> Response:
        if not settings.allow_update:
            return _error(403, "this endpoint is read-only; start it with --allow-update to accept updates")
        given = request.headers.get("authorization", "")
        if not (given.startswith("Bearer ") and secrets.compare_digest(given[7:], settings.update_token)):
            return _error(401, "updates need the token: send 'Authorization: Bearer TOKEN'")
        try:
            check_update(update, settings.allowed_services)
        except GuardError as err:
            return _error(403, str(err))

        def write():
            import pyoxigraph as ox

            with state["pool"].exclusive():
                store = ox.Store(str(store_path))
                try:
                    store.update(update)
                finally:
                    store.flush()
                    del store

        try:
            await run_in_threadpool(write)
        except (SyntaxError, OSError, ValueError) as err:
            return _error(400, f"{type(err).__name__}: {err}")
        return Response(status_code=204)

    async def root(request: Request) -> Response:
        fmt = _format(request, request.query_params)
        accept = request.headers.get("accept", "")
        if fmt in GRAPH_TYPES and "text/html" not in accept.split(",")[0]:
            return await _description(request, fmt)
        return HTMLResponse(_page(questions()), headers=_SECURITY_HEADERS)

    async def _description(request: Request, fmt: str) -> Response:
        from .description import service_description

        endpoint = str(request.url_for("sparql"))
        sizes = await run_in_threadpool(_graph_sizes)
        body = service_description(endpoint, sizes, settings.allow_update, fmt)
        return Response(body, media_type=GRAPH_TYPES[fmt], headers={"Vary": "Accept"})

    def _graph_sizes() -> dict[str, int]:
        query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
        _, body = state["pool"].run(query, "json", timeout=settings.timeout)
        rows = json.loads(body)["results"]["bindings"]
        return {r["g"]["value"]: int(r["n"]["value"]) for r in rows}

    async def questions_json(request: Request) -> Response:
        lang = request.query_params.get("lang", "en")
        return JSONResponse([{"name": q.name, "title": q.title(lang), "about": q.about(lang),
                              "sparql": q.sparql_for(lang)} for q in questions().values()])

    @contextlib.asynccontextmanager
    async def lifespan(app):
        state["pool"] = WorkerPool(store_path, settings.workers)
        try:
            yield
        finally:
            state["pool"].close()

    return Starlette(routes=[
        Route("/", root), Route("/sparql", sparql, methods=["GET", "POST"], name="sparql"),
        Route("/questions.json", questions_json),
        *reconcile_routes(store_path),
    ], lifespan=lifespan)


def _page(saved) -> str:
    """The query page: an editor, the saved questions as examples, results as a table. No
    outside resources; every value from the store is inserted as text, never as HTML."""
    options = "\n".join(f'<option value="{html.escape(q.name)}">{html.escape(q.title("en"))} / '
                        f'{html.escape(q.title("th"))}</option>' for q in saved.values())
    return _PAGE.replace("{{options}}", options)


_PAGE = """<!DOCTYPE html>
<html lang="th"><head><meta charset="utf-8"><title>abegraph SPARQL</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
<style>
body{font-family:"Noto Sans Thai","Tlwg Typist",Loma,sans-serif;margin:1.5rem;max-width:80rem}
textarea{width:100%;height:14rem;font-family:monospace;font-size:.9rem}
table{border-collapse:collapse;margin-top:1rem}td,th{border:1px solid #ccc;padding:.25rem .5rem;vertical-align:top}
th{background:#eef}#status{margin-left:1rem;color:#555}.error{color:#b00}
</style></head><body>
<h1>abegraph SPARQL</h1>
<p>ถามคำถามกับกราฟ / Ask the graph. Endpoint: <code>/sparql</code> (SPARQL 1.1 Protocol).</p>
<label>คำถามที่บันทึกไว้ / Saved questions
<select id="saved"><option value="">—</option>
{{options}}
</select></label>
<label> ภาษา / language <select id="lang"><option>en</option><option>th</option></select></label>
<p id="about"></p>
<textarea id="query" spellcheck="false">SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 20</textarea>
<p><button id="run">Run / ค้นหา</button><span id="status"></span></p>
<div id="results"></div>
<script>
"use strict";
const $ = (id) => document.getElementById(id);
let questions = [];
async function loadQuestions() {
  const r = await fetch("questions.json?lang=" + encodeURIComponent($("lang").value));
  questions = await r.json();
}
function cell(term) {
  if (!term) return "";
  return term.value;
}
function render(data) {
  const out = $("results");
  out.replaceChildren();
  if (typeof data.boolean === "boolean") { out.textContent = data.boolean ? "yes / ใช่" : "no / ไม่ใช่"; return; }
  const table = document.createElement("table");
  const head = table.insertRow();
  for (const v of data.head.vars) { const th = document.createElement("th"); th.textContent = v; head.appendChild(th); }
  for (const b of data.results.bindings) {
    const row = table.insertRow();
    for (const v of data.head.vars) row.insertCell().textContent = cell(b[v]);
  }
  out.appendChild(table);
  $("status").textContent = data.results.bindings.length + " rows / แถว";
}
async function run() {
  $("status").textContent = "…";
  $("status").className = "";
  const body = new URLSearchParams({query: $("query").value});
  const r = await fetch("sparql", {method: "POST", body,
    headers: {"Accept": "application/sparql-results+json, text/turtle;q=0.5"}});
  const text = await r.text();
  if (!r.ok) { $("status").textContent = text; $("status").className = "error"; $("results").replaceChildren(); return; }
  if ((r.headers.get("content-type") || "").includes("json") && text.startsWith("{")) render(JSON.parse(text));
  else { const pre = document.createElement("pre"); pre.textContent = text; $("results").replaceChildren(pre);
         $("status").textContent = ""; }
}
$("run").addEventListener("click", run);
$("saved").addEventListener("change", async () => {
  if (!questions.length) await loadQuestions();
  const q = questions.find((x) => x.name === $("saved").value);
  if (q) { $("query").value = q.sparql; $("about").textContent = q.about; }
});
$("lang").addEventListener("change", async () => { await loadQuestions(); $("saved").dispatchEvent(new Event("change")); });
loadQuestions();
</script>
</body></html>
"""
