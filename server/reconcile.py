"""A W3C Reconciliation API service (v0.2) over the store, for OpenRefine and other clients.

Mounted at ``/reconcile`` by :func:`abegraph.server.app.create_app`; every endpoint is a read
and answers any origin (CORS). The matching itself is :mod:`abegraph.linking.reconcile`.

- ``GET /reconcile``: the service manifest.
- ``GET /reconcile?queries=…`` or ``POST /reconcile`` with the form field ``queries``: a batch
  of reconciliation queries (``query``, ``type``, ``limit``, ``properties`` with the ids
  ``district``, ``province``, ``agency_type``, ``parent``) answered with candidates, their
  ``features`` (name similarity, abbreviation hit, area, number and type agreement) and
  ``match: true`` for at most one confident candidate.
- ``GET|POST /reconcile`` with ``extend=…``: data extension (DOPA codes, parent, districts
  served, datasets held, names, abbreviations, agency type, holders);
  ``/reconcile/properties?type=agency`` proposes those properties.
- ``/reconcile/suggest/entity|type|property?prefix=…&cursor=…``: autocomplete on Thai and
  English names, abbreviations and ids.
- ``/reconcile/preview?id=…``: a small Thai/English HTML card (every value escaped).

The register is read from the store on the first request (and again when the store folder
changes, e.g. after a SPARQL update), from a read-only view of the folder.

References
----------
W3C Entity Reconciliation Community Group, Reconciliation Service API v0.2 (final report, 2023),
https://www.w3.org/community/reports/reconciliation/CG-FINAL-specs-0.2-20230410/

Example
-------
>>> import json
>>> from starlette.applications import Starlette
>>> from starlette.testclient import TestClient
>>> from abegraph.server.reconcile import reconcile_routes
>>> client = TestClient(Starlette(routes=reconcile_routes(store_path)))
>>> client.get("/reconcile").json()["versions"]
['0.2']
>>> batch = {"q0": {"query": "สพป.ขอนแก่น เขต ๑", "type": "agency"}}
>>> client.post("/reconcile", data={"queries": json.dumps(batch)}).json()["q0"]["result"][0]["id"]
'agency/ESAO-KK1'
"""
from __future__ import annotations

import html
import json
import os
import threading
from pathlib import Path

import pyoxigraph as ox
from starlette.concurrency import run_in_threadpool
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route, request_response

from abegraph import __version__
from abegraph.exceptions import EndpointError
from abegraph.graph.store import Store
from abegraph.linking.reconcile import (EXTEND_PROPERTIES, PROPERTIES, TYPES, Query, Register, ReconcileError,
                                        entity_id)
from abegraph.ontology.iris import ABE_IRI, ID_IRI

__all__ = ["reconcile_routes", "MAX_BATCH"]

#: the most queries one batch may hold (the manifest's batchSize)
MAX_BATCH = 100
_PREVIEW_SIZE = (420, 230)
_CARD_HEADERS = {"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
                 "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}


class _BadRequest(EndpointError):
    """A reconciliation request that cannot be read; answered ``status`` in English and Thai."""

    def __init__(self, en: str, th: str, status: int = 400):
        super().__init__(en, thai=th)
        self.en, self.th, self.status = en, th, status


def _type_name(kind: str) -> str:
    en, th = TYPES[kind]
    return f"{en} / {th}"


class _Registers:
    """The register of one store folder, read again when the folder changes."""

    def __init__(self, store_path):
        self.path = Path(store_path)
        self._lock = threading.Lock()
        self._register: Register | None = None
        self._stamp = None

    def _folder_stamp(self):
        try:
            files = [(e.name, e.stat()) for e in os.scandir(self.path)]
            return tuple(sorted((name, st.st_mtime_ns, st.st_size) for name, st in files))
        except OSError:
            return None

    def get(self) -> Register:
        with self._lock:
            stamp = self._folder_stamp()
            if self._register is None or stamp != self._stamp:
                store = Store(ox.Store.read_only(str(self.path)), None)
                try:
                    self._register = Register.from_store(store)
                finally:
                    del store
                self._stamp = stamp
            return self._register


def _candidate_json(candidate) -> dict:
    entity = candidate.entity
    other = entity.labels.get("en") if entity.labels.get("th") else ""
    description = " · ".join(x for x in (other, TYPES[entity.kind][0]) if x)
    return {
        "id": entity.id, "name": entity.name("th"), "description": description,
        "score": round(candidate.score * 100, 1), "match": candidate.match,
        "type": [{"id": entity.kind, "name": _type_name(entity.kind)}],
        "features": [{"id": k, "value": v} for k, v in candidate.features.items()],
    }


def _parse_queries(text: str) -> dict[str, Query]:
    try:
        batch = json.loads(text)
    except json.JSONDecodeError as err:
        raise _BadRequest(f"'queries' is not JSON: {err}", f"'queries' ไม่ใช่ JSON: {err}") from err
    if not isinstance(batch, dict) or not all(isinstance(q, dict) for q in batch.values()):
        raise _BadRequest("'queries' must be a JSON object of queries, e.g. {\"q0\": {\"query\": \"กสศ.\"}}",
                          "'queries' ต้องเป็นออบเจกต์ JSON ของคำค้น เช่น {\"q0\": {\"query\": \"กสศ.\"}}")
    if len(batch) > MAX_BATCH:
        raise _BadRequest(f"a batch holds at most {MAX_BATCH} queries; this one has {len(batch)}",
                          f"ส่งได้ครั้งละไม่เกิน {MAX_BATCH} คำค้น ครั้งนี้มี {len(batch)}", 413)
    out = {}
    for key, q in batch.items():
        text, types = q.get("query", ""), q.get("type", [])
        limit, properties = q.get("limit", 5), q.get("properties", [])
        if not (isinstance(text, str) and isinstance(properties, list) and isinstance(limit, (int, float))):
            raise _BadRequest(f"query {key!r}: 'query' must be text, 'limit' a number, 'properties' a list",
                              f"คำค้น {key!r}: 'query' ต้องเป็นข้อความ 'limit' เป็นตัวเลข "
                              "และ 'properties' เป็นรายการ")
        if not text and not properties:
            raise _BadRequest(f"query {key!r} has neither 'query' nor 'properties'",
                              f"คำค้น {key!r} ไม่มีทั้ง 'query' และ 'properties'")
        types = [types] if isinstance(types, str) else list(types or [])
        pairs = []
        for p in properties:
            if not isinstance(p, dict) or "pid" not in p or "v" not in p:
                raise _BadRequest(f"query {key!r}: each property needs 'pid' and 'v'",
                                  f"คำค้น {key!r}: คุณสมบัติแต่ละรายการต้องมี 'pid' และ 'v'")
            pairs.append((str(p["pid"]), p["v"]))
        out[key] = Query(text, tuple(types), max(1, min(int(limit), 100)), tuple(pairs))
    return out


def _parse_extend(text: str) -> tuple[list[str], list[str]]:
    try:
        request = json.loads(text)
        ids = [str(i) for i in request["ids"]]
        props = [str(p["id"]) for p in request["properties"]]
    except (json.JSONDecodeError, KeyError, TypeError) as err:
        example = '{"ids": [...], "properties": [{"id": "parent"}]}'
        raise _BadRequest(f"'extend' must be JSON like {example}",
                          f"'extend' ต้องเป็น JSON เช่น {example}") from err
    return ids, props


def _manifest(service: str) -> dict:
    return {
        "versions": ["0.2"],
        "name": "abegraph: agencies, resources, datasets and issues (หน่วยงาน ทรัพยากร ชุดข้อมูล ประเด็น)",
        "identifierSpace": ID_IRI,
        "schemaSpace": ABE_IRI,
        "serviceVersion": __version__,
        "defaultTypes": [{"id": kind, "name": _type_name(kind)} for kind in TYPES],
        "view": {"url": f"{service}/preview?id={{{{id}}}}"},
        "preview": {"url": f"{service}/preview?id={{{{id}}}}", "width": _PREVIEW_SIZE[0],
                    "height": _PREVIEW_SIZE[1]},
        "suggest": {part: {"service_url": service, "service_path": f"/suggest/{part}"}
                    for part in ("entity", "type", "property")},
        "extend": {"propose_properties": {"service_url": service, "service_path": "/properties"},
                   "property_settings": []},
        "batchSize": MAX_BATCH,
    }


def _extend_response(register: Register, ids: list[str], props: list[str]) -> dict:
    for prop in props:
        if prop not in EXTEND_PROPERTIES:
            raise ReconcileError(f"unknown property {prop!r}; use one of {', '.join(EXTEND_PROPERTIES)}",
                                 thai=f"ไม่รู้จักคุณสมบัติ {prop!r} ใช้ได้: {', '.join(EXTEND_PROPERTIES)}")
    meta = []
    for prop in props:
        en, th = EXTEND_PROPERTIES[prop]
        item = {"id": prop, "name": f"{en} / {th}"}
        if prop in ("parent", "holders"):
            item["type"] = {"id": "agency", "name": _type_name("agency")}
        elif prop == "datasets_held":
            item["type"] = {"id": "dataset", "name": _type_name("dataset")}
        meta.append(item)
    rows = {i: {prop: register.extend(i, prop) for prop in props} for i in ids}
    return {"meta": meta, "rows": rows}


def _card(register: Register, entity) -> str:
    """The preview card: names in Thai and English and what the entity is, all escaped."""
    e = html.escape
    lines = []
    if entity.abbreviations:
        lines.append(("ชื่อย่อ / Abbreviations", ", ".join(entity.abbreviations)))
    if entity.agency_type:
        lines.append(("ประเภท / Type", f"{register.type_label(entity.agency_type, 'th')} / "
                                       f"{register.type_label(entity.agency_type, 'en')}"))
    for title, iris in (("สังกัด / Parent", entity.parents), ("หน่วยงานเจ้าของ / Held by", entity.holders)):
        if iris:
            lines.append((title, ", ".join(register.entity(i).name() if register.entity(i) else entity_id(i)
                                           for i in iris)))
    areas = entity.served or entity.areas
    if areas:
        lines.append(("พื้นที่ / Areas", ", ".join(f"{register.area_name(c)} ({c})" for c in areas)))
    if entity.datasets:
        lines.append(("ชุดข้อมูล / Datasets", str(len(entity.datasets))))
    rows = "".join(f"<tr><th>{e(k)}</th><td>{e(v)}</td></tr>" for k, v in lines)
    en = entity.labels.get("en", "")
    return (f'<!DOCTYPE html><html lang="th"><head><meta charset="utf-8"><title>{e(entity.name())}</title>'
            '<style>body{font-family:"Noto Sans Thai",Loma,sans-serif;margin:.5rem;font-size:13px}'
            "h1{font-size:15px;margin:0}p{margin:.1rem 0 .4rem;color:#444}"
            "th{text-align:left;padding-right:.5rem;"
            "color:#555;font-weight:normal;vertical-align:top}code{color:#777}</style></head><body>"
            f"<h1>{e(entity.labels.get('th') or entity.name())}</h1>"
            f"<p>{e(en)}{' · ' if en else ''}{e(TYPES[entity.kind][0])} / {e(TYPES[entity.kind][1])} "
            f"<code>{e(entity.id)}</code></p><table>{rows}</table></body></html>")


def _match_prefix(prefix: str, items: list[tuple[str, str]]) -> list[dict]:
    p = prefix.casefold().strip()
    return [{"id": i, "name": n} for i, n in items if not p or p in i.casefold() or p in n.casefold()]


def reconcile_routes(store_path, prefix: str = "/reconcile") -> list[Route]:
    """The routes of the reconciliation service over the store folder ``store_path``, at
    ``prefix`` (each answers any origin, and CORS preflight requests)."""
    registers = _Registers(store_path)

    def _error(err) -> Response:
        if isinstance(err, _BadRequest):
            return PlainTextResponse(f"{err.en}\n{err.th}\n", status_code=err.status)
        return PlainTextResponse(f"{err}\n{err.message('th')}\n", status_code=400)

    async def _params(request: Request) -> dict:
        params = dict(request.query_params)
        if request.method == "POST":
            form = await request.form()
            params.update({k: v for k, v in form.items() if isinstance(v, str)})
        return params

    async def service(request: Request) -> Response:
        params = await _params(request)
        try:
            if "queries" in params:
                queries = _parse_queries(params["queries"])
                register = await run_in_threadpool(registers.get)

                def answer():
                    return {k: {"result": [_candidate_json(c) for c in register.reconcile(q)]}
                            for k, q in queries.items()}

                return JSONResponse(await run_in_threadpool(answer))
            if "extend" in params:
                ids, props = _parse_extend(params["extend"])
                register = await run_in_threadpool(registers.get)
                return JSONResponse(_extend_response(register, ids, props))
        except (_BadRequest, ReconcileError) as err:
            return _error(err)
        return JSONResponse(_manifest(str(request.url.replace(query="")).rstrip("/")))

    async def suggest_entity(request: Request) -> Response:
        params = request.query_params
        try:
            cursor = max(0, int(params.get("cursor") or 0))
            limit = max(1, min(int(params.get("limit") or 10), 50))
        except ValueError:
            return _error(_BadRequest("'cursor' and 'limit' must be whole numbers",
                                      "'cursor' และ 'limit' ต้องเป็นจำนวนเต็ม"))
        register = await run_in_threadpool(registers.get)
        try:
            found = register.suggest(params.get("prefix", ""), [t for t in params.getlist("type") if t],
                                     cursor=cursor, limit=limit)
        except ReconcileError as err:
            return _error(err)
        return JSONResponse({"result": [
            {"id": e.id, "name": e.name("th"),
             "description": e.labels.get("en", "") if "th" in e.labels else "",
             "notable": [{"id": e.kind, "name": _type_name(e.kind)}]} for e in found]})

    async def suggest_type(request: Request) -> Response:
        return JSONResponse({"result": _match_prefix(request.query_params.get("prefix", ""),
                                                     [(k, _type_name(k)) for k in TYPES])})

    async def suggest_property(request: Request) -> Response:
        items = {k: f"{en} / {th}" for k, (en, th, _) in PROPERTIES.items()}
        items.update({k: f"{en} / {th}" for k, (en, th) in EXTEND_PROPERTIES.items()})
        prefix = request.query_params.get("prefix", "")
        return JSONResponse({"result": _match_prefix(prefix, list(items.items()))})

    async def propose_properties(request: Request) -> Response:
        kind = request.query_params.get("type", "agency").rsplit("/", 1)[-1]
        if kind not in TYPES:
            return _error(_BadRequest(f"unknown type {kind!r}; use one of {', '.join(TYPES)}",
                                      f"ไม่รู้จักประเภท {kind!r} ใช้ได้: {', '.join(TYPES)}"))
        wanted = {"agency": ("name_th", "name_en", "abbreviations", "agency_type", "dopa_codes", "parent",
                             "districts_served", "datasets_held"),
                  "issue": ("name_th", "name_en")}.get(kind, ("name_th", "name_en", "dopa_codes", "holders"))
        props = [{"id": p, "name": " / ".join(EXTEND_PROPERTIES[p])} for p in wanted]
        answer = {"type": kind, "properties": props}
        if request.query_params.get("limit", "").isdigit():
            answer["limit"] = int(request.query_params["limit"])
            answer["properties"] = props[:answer["limit"]]
        return JSONResponse(answer)

    async def preview(request: Request) -> Response:
        register = await run_in_threadpool(registers.get)
        entity = register.entity(request.query_params.get("id", ""))
        if entity is None:
            return HTMLResponse("<!DOCTYPE html><p>ไม่พบ / not found</p>", status_code=404,
                                headers=_CARD_HEADERS)
        return HTMLResponse(_card(register, entity), headers=_CARD_HEADERS)

    def cors(endpoint):
        return CORSMiddleware(request_response(endpoint), allow_origins=["*"], allow_methods=["GET", "POST"],
                              allow_headers=["*"])

    return [
        Route(prefix, cors(service), methods=["GET", "POST", "OPTIONS"]),
        *(Route(f"{prefix}{path}", cors(endpoint), methods=["GET", "OPTIONS"]) for path, endpoint in (
            ("/suggest/entity", suggest_entity), ("/suggest/type", suggest_type),
            ("/suggest/property", suggest_property), ("/properties", propose_properties),
            ("/preview", preview))),
    ]
