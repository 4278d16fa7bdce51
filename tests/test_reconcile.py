"""The /reconcile service: W3C Reconciliation API v0.2 answers, checked against the spec's JSON
schemas (tests/data/reconcile/schemas), with OpenRefine's own request shapes."""
from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from jsonschema import Draft7Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7
from starlette.testclient import TestClient

from abegraph.demo import DEMO_CSV, DEMO_GRAPH, DEMO_XLSX
from abegraph.graph.store import Store
from abegraph.loaders.pipeline import load_files
from abegraph.server.app import create_app


def _client(app) -> TestClient:
    """A client of the app on a loopback name (the server answers no other Host)."""
    return TestClient(app, base_url="http://127.0.0.1")
from abegraph.server.reconcile import MAX_BATCH
from helpers import INJECTED

DATA = Path(__file__).parent / "data" / "reconcile"
SCHEMAS = DATA / "schemas"


def _registry() -> Registry:
    resources = []
    for path in SCHEMAS.glob("*.json"):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resources.append((schema["$id"], Resource.from_contents(schema, default_specification=DRAFT7)))
    return Registry().with_resources(resources)


REGISTRY = _registry()


def check(document, schema_name: str):
    """Validate ``document`` against one of the spec's schemas; return it for further checks."""
    schema = json.loads((SCHEMAS / f"{schema_name}.json").read_text(encoding="utf-8"))
    errors = sorted(Draft7Validator(schema, registry=REGISTRY).iter_errors(document), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)
    return document


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    """The server over the demo plus the look-alike agencies, on disk."""
    path = tmp_path_factory.mktemp("reconcile") / "store"
    with Store.open(path) as store:
        assert load_files(store, [DEMO_XLSX], names=[DEMO_GRAPH]).ok
        assert load_files(store, [DATA / "lookalikes"], names=["lookalikes"]).ok
    with _client(create_app(path, workers=1)) as c:
        yield c


def reconcile(client, queries: dict, method: str = "POST") -> dict:
    if method == "POST":
        answer = client.post("/reconcile", data={"queries": json.dumps(queries, ensure_ascii=False)})
    else:
        answer = client.get("/reconcile", params={"queries": json.dumps(queries, ensure_ascii=False)})
    assert answer.status_code == 200, answer.text
    return check(answer.json(), "reconciliation-result-batch")


OPENREFINE = json.loads((DATA / "openrefine-queries.json").read_text(encoding="utf-8"))


def test_schemas_accept_the_spec_examples_and_openrefine_queries():
    """The bundled schemas work as the spec's test suite uses them (a guard on the fixture)."""
    check(OPENREFINE, "reconciliation-query-batch")
    with pytest.raises(AssertionError):
        check({"q0": {"result": [{"id": "x", "name": "no score"}]}}, "reconciliation-result-batch")


def test_manifest(client):
    manifest = check(client.get("/reconcile").json(), "manifest")
    assert manifest["versions"] == ["0.2"]
    assert manifest["identifierSpace"] == "https://w3id.org/abegraph/id/"
    assert {t["id"] for t in manifest["defaultTypes"]} == {"agency", "resource", "dataset", "issue"}
    for key in ("name", "schemaSpace", "view", "preview", "suggest", "extend"):
        assert manifest[key], key
    assert manifest["preview"]["url"].startswith("http://127.0.0.1/reconcile/preview?id=")
    suggest = manifest["suggest"]["entity"]
    found = client.get(suggest["service_url"] + suggest["service_path"], params={"prefix": "สพป"})
    assert found.status_code == 200


@pytest.mark.parametrize("method", ["POST", "GET"])
def test_openrefine_batch_finds_the_right_agency_first(client, method):
    """Thai digits, doubled sara e, abbreviations with and without full stops, the old กศน. and
    the new สกร. name: the right agency comes first and is matched."""
    answer = reconcile(client, OPENREFINE, method)
    expected = {"q0": "agency/ESAO-KK2", "q1": "agency/ESAO-KK1", "q2": "agency/ONIE-KK",
                "q3": "agency/ONIE-KK", "q4": "agency/KKPAO", "q6": "agency/TM-KHOKSI",
                "q7": "agency/SCH-NONGBUA-4002", "q8": "agency/KKU"}
    for key, entity in expected.items():
        first = answer[key]["result"][0]
        assert first["id"] == entity, (key, OPENREFINE[key]["query"], answer[key]["result"][:2])
        assert first["match"] is True, (key, first)
        assert first["type"] == [{"id": "agency", "name": "Agency / หน่วยงาน"}]
        assert sum(c["match"] for c in answer[key]["result"]) == 1


def test_look_alikes_are_never_first(client):
    """Another ESA number and another kind of local body of the same place stay apart."""
    answer = reconcile(client, OPENREFINE)
    assert not any(c["id"].startswith("agency/ESAO-KK") for c in answer["q5"]["result"])  # เขต 7: none exists
    assert not any(c["match"] for c in answer["q5"]["result"])
    assert "agency/ESAO-KK1" not in [c["id"] for c in answer["q0"]["result"]]
    assert "agency/SAO-KHOKSI" not in [c["id"] for c in answer["q6"]["result"]]
    answer = reconcile(client, {"a": {"query": "อบต.โคกสี", "type": "agency"},
                                "b": {"query": "สพป.ขอนแก่น เขต ๓", "type": "agency"}})
    assert answer["a"]["result"][0]["id"] == "agency/SAO-KHOKSI"
    assert "agency/TM-KHOKSI" not in [c["id"] for c in answer["a"]["result"]]
    offices = [c["id"] for c in answer["b"]["result"] if c["id"].startswith("agency/ESAO")]
    assert offices == ["agency/ESAO-KK3"]


def test_features_say_why(client):
    answer = reconcile(client, OPENREFINE)
    features = {f["id"]: f["value"] for f in answer["q0"]["result"][0]["features"]}
    assert features == {"name_similarity": 1.0, "abbreviation_hit": True, "number_agreement": True}
    features = {f["id"]: f["value"] for f in answer["q4"]["result"][0]["features"]}
    assert features["area_agreement"] is True and features["type_agreement"] is True
    wrong_school = next(c for c in answer["q7"]["result"] if c["id"] == "agency/SCH-NONGBUA-4001")
    assert {f["id"]: f["value"] for f in wrong_school["features"]}["area_agreement"] is False
    assert wrong_school["match"] is False and wrong_school["score"] < answer["q7"]["result"][0]["score"]


def test_match_only_when_confident(client):
    """Two schools of one name in two districts: without a district neither is matched."""
    answer = reconcile(client, {"q0": {"query": "โรงเรียนบ้านหนองบัว", "type": "agency"},
                                "q1": {"query": "สพป.ขอนแก่น", "type": "agency"},
                                "q2": {"query": "อบจ.ขอนแก่น", "type": "agency",
                                       "properties": [{"pid": "district", "v": "4002"}]},
                                "q3": {"query": "อบจ.ขอนแก่น", "type": "agency",
                                       "properties": [{"pid": "agency_type", "v": "university"}]}})
    ids = {c["id"] for c in answer["q0"]["result"][:2]}
    assert ids == {"agency/SCH-NONGBUA-4001", "agency/SCH-NONGBUA-4002"}
    assert not any(c["match"] for c in answer["q0"]["result"])
    assert not any(c["match"] for c in answer["q1"]["result"])  # which of the five offices?
    assert answer["q2"]["result"][0]["id"] == "agency/KKPAO" and not answer["q2"]["result"][0]["match"]
    assert answer["q3"]["result"][0]["id"] == "agency/KKPAO" and not answer["q3"]["result"][0]["match"]


def test_types_and_limit(client):
    answer = reconcile(client, {"q0": {"query": "เด็กออกกลางคัน", "type": "issue", "limit": 2},
                                "q1": {"query": "ESAO-KK4"},
                                "q2": {"query": "agency/ESAO-KK4", "type": ["agency", "dataset"]}})
    assert len(answer["q0"]["result"]) <= 2
    assert all(c["type"][0]["id"] == "issue" for c in answer["q0"]["result"])
    assert answer["q1"]["result"][0]["id"] == "agency/ESAO-KK4" and answer["q1"]["result"][0]["match"]
    assert answer["q2"]["result"][0]["id"] == "agency/ESAO-KK4"


@pytest.mark.parametrize("queries, status, words", [
    ("{not json", 400, "ไม่ใช่ JSON"),
    (json.dumps({"q0": {"query": "กสศ.", "type": "person"}}), 400, "unknown type 'person'"),
    (json.dumps({"q0": {"query": "กสศ.", "properties": [{"pid": "colour", "v": "red"}]}}), 400, "ไม่รู้จักคุณสมบัติ"),
    (json.dumps({"q0": {"type": "agency"}}), 400, "neither 'query' nor 'properties'"),
    (json.dumps({f"q{i}": {"query": "กสศ."} for i in range(MAX_BATCH + 1)}), 413, "at most"),
])
def test_bad_batches_get_a_clear_answer(client, queries, status, words):
    answer = client.post("/reconcile", data={"queries": queries})
    assert answer.status_code == status
    assert words in answer.text


def test_suggest(client):
    def suggest(prefix, part="entity", **params):
        answer = client.get(f"/reconcile/suggest/{part}", params={"prefix": prefix, **params})
        assert answer.status_code == 200, answer.text
        return check(answer.json(), {"entity": "suggest-entities-response", "type": "suggest-types-response",
                                     "property": "suggest-properties-response"}[part])["result"]

    assert suggest("กศน", type="agency")[0]["id"] == "agency/ONIE-KK"
    assert suggest("สพป.ขอนเเก่น เขต ๔")[0]["id"] == "agency/ESAO-KK4"
    assert suggest("khon kaen univ")[0]["id"] == "agency/KKU"
    offices = [r["id"] for r in suggest("ESAO-KK", type="agency")][:5]
    assert offices == [f"agency/ESAO-KK{i}" for i in range(1, 6)]
    first, second = suggest("ESAO", cursor=0, limit=2), suggest("ESAO", cursor=2, limit=2)
    assert first and second and not {r["id"] for r in first} & {r["id"] for r in second}
    assert [t["id"] for t in suggest("ชุดข้อมูล", "type")] == ["dataset"]
    assert "district" in [p["id"] for p in suggest("อำเภอ", "property")]


def test_data_extension(client):
    with (DEMO_CSV / "datasets.csv").open(encoding="utf-8") as f:
        held = sorted(f"dataset/{r['id']}" for r in csv.DictReader(f) if r["publisher"] == "ESAO-KK1")
    request = {"ids": ["agency/ESAO-KK1", "agency/SCH-NONGBUA-4002"],
               "properties": [{"id": p} for p in
                              ("dopa_codes", "parent", "districts_served", "datasets_held")]}
    check(request, "data-extension-query")
    for answer in (client.post("/reconcile", data={"extend": json.dumps(request)}),
                   client.get("/reconcile", params={"extend": json.dumps(request)})):
        assert answer.status_code == 200, answer.text
        rows = check(answer.json(), "data-extension-response")["rows"]
        office = rows["agency/ESAO-KK1"]
        assert office["dopa_codes"] == [{"str": "4001"}]
        assert office["parent"] == [{"id": "agency/OBEC", "name": "สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน"}]
        assert sorted(d["id"] for d in office["datasets_held"]) == held
        assert {"id": "area/4001", "name": "เมืองขอนแก่น"} in office["districts_served"]
        assert rows["agency/SCH-NONGBUA-4002"]["parent"][0]["id"] == "agency/ESAO-KK2"
    proposal = client.get("/reconcile/properties", params={"type": "agency", "limit": "3"})
    assert len(check(proposal.json(), "data-extension-property-proposal")["properties"]) == 3
    unknown = {"ids": ["agency/KKU"], "properties": [{"id": "x"}]}
    bad = client.post("/reconcile", data={"extend": json.dumps(unknown)})
    assert bad.status_code == 400 and "unknown property 'x'" in bad.text


def test_preview_card(client):
    card = client.get("/reconcile/preview", params={"id": "agency/ESAO-KK1"})
    assert card.status_code == 200 and card.headers["content-type"].startswith("text/html")
    text = card.text
    for words in ("สำนักงานเขตพื้นที่การศึกษาประถมศึกษาขอนแก่น เขต 1",
                  "Khon Kaen Primary Educational Service Area Office 1",
                  "สพป.ขอนแก่น เขต 1", "หน่วยงานทางการศึกษา / Education office", "เมืองขอนแก่น (4001)"):
        assert words in text
    assert client.get("/reconcile/preview", params={"id": "agency/NOPE"}).status_code == 404


def test_cors_open_for_reads(client):
    origin = {"Origin": "http://localhost:3333"}
    for answer in (client.get("/reconcile", headers=origin),
                   client.post("/reconcile", data={"queries": json.dumps(OPENREFINE)}, headers=origin),
                   client.get("/reconcile/suggest/entity", params={"prefix": "ก"}, headers=origin),
                   client.get("/reconcile/preview", params={"id": "agency/KKU"}, headers=origin)):
        assert answer.headers["access-control-allow-origin"] == "*"
    preflight = client.options("/reconcile", headers={**origin, "Access-Control-Request-Method": "POST"})
    assert preflight.status_code == 200 and preflight.headers["access-control-allow-origin"] == "*"


def test_preview_escapes_names(tmp_path):
    """Agency names that look like markup are shown as text in the card."""
    folder = tmp_path / "khonkaen"
    shutil.copytree(DEMO_CSV, folder)
    path = folder / "agencies.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        if row["id"] == "KKPAO":
            row["name_th"], row["name_en"] = INJECTED
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with Store.open(tmp_path / "store") as store:
        assert load_files(store, [folder], names=["injected"]).ok
    with _client(create_app(tmp_path / "store", workers=1)) as c:
        card = c.get("/reconcile/preview", params={"id": "agency/KKPAO"}).text
        found = reconcile(c, {"q0": {"query": INJECTED[0]}})
    assert "<img" not in card and "<script" not in card
    assert "&lt;img src=x onerror=alert(1)&gt;" in card
    assert found["q0"]["result"][0]["name"] == INJECTED[0]  # JSON carries the text as it is


def test_register_follows_updates(tmp_path, demo_store_path):
    """A store changed while the server runs (a SPARQL update) is read again."""
    from abegraph.server.app import ServerSettings

    shutil.copytree(demo_store_path, tmp_path / "store")

    settings = ServerSettings(workers=1, allow_update=True, update_token="s3cret-token")
    with _client(create_app(tmp_path / "store", settings)) as c:
        before = reconcile(c, {"q": {"query": "ศูนย์ทดสอบใหม่ขอนแก่น"}})["q"]["result"]
        assert "agency/NEW" not in [r["id"] for r in before]
        update = ('INSERT DATA { GRAPH <https://w3id.org/abegraph/graph/extra> { '
                  '<https://w3id.org/abegraph/id/agency/NEW> a <https://w3id.org/abegraph/ns#Agency> ; '
                  '<http://www.w3.org/2000/01/rdf-schema#label> "ศูนย์ทดสอบใหม่ขอนแก่น"@th } }')
        done = c.post("/sparql", data={"update": update}, headers={"Authorization": "Bearer s3cret-token"})
        assert done.status_code == 204, done.text
        first = reconcile(c, {"q": {"query": "ศูนย์ทดสอบใหม่ขอนแก่น"}})["q"]["result"][0]
    assert first["id"] == "agency/NEW"


def test_entities_merged_by_link_are_one_candidate():
    """After link merges a second table's name with the demo's agency, that agency is one
    candidate (with both names), so it can still be matched."""
    from abegraph.linking.linkset import Decision, apply_decisions, propose
    from abegraph.linking.reconcile import Query, Register

    store = Store.open(None)
    assert load_files(store, [DEMO_XLSX], names=[DEMO_GRAPH]).ok
    assert load_files(store, [DATA / "second-table"], names=["table-2"]).ok
    query = Query("สำนักงานเขตพื้นที่การศึกษาประถมศึกษาขอนแก่น เขต 1", ("agency",))
    before = [c for c in Register.from_store(store).reconcile(query) if c.score >= 0.95]
    assert len(before) == 2 and not any(c.match for c in before)  # two entities, no auto-match
    pair = next(p for p in propose(store).proposals if p.confident)
    apply_decisions(store, [Decision(pair.a, pair.b, "accept", pair.score)])
    after = Register.from_store(store).reconcile(query)
    assert after[0].entity.id == "agency/ESAO-KK1" and after[0].match
    assert "agency/T2-ESA1" not in [c.entity.id for c in after]
