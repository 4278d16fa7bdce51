"""JavaScript SPARQL clients against a real ``abegraph serve``: Comunica (Node) given the
endpoint URL or ``/``, and a Yasgui page of another origin in headless Chromium (CORS).

The clients are the npm packages pinned in ``tests/js/package.json``, installed once into a
cache folder (``$ABEGRAPH_TEST_CACHE``, default ``~/.cache/abegraph-tests``); without node/npm
or the registry the tests are skipped and say why.
"""
from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import threading
from pathlib import Path

import pytest

from browser import chromium_page, wait_until
from test_server import Endpoint

PACKAGE = Path(__file__).parent / "js" / "package.json"
AGENCIES = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a <https://w3id.org/abegraph/ns#Agency> }"
THAI = "กองทุนเพื่อความเสมอภาคทางการศึกษา"


@pytest.fixture(scope="module")
def js_clients() -> Path:
    if not shutil.which("node") or not shutil.which("npm"):
        pytest.skip("node and npm are not installed")
    folder = Path(os.environ.get("ABEGRAPH_TEST_CACHE", Path.home() / ".cache" / "abegraph-tests")) / "js"
    folder.mkdir(parents=True, exist_ok=True)
    wanted = PACKAGE.read_text()
    installed = folder / "package.json"
    if not (folder / "node_modules" / ".bin" / "comunica-sparql").exists() or \
            not installed.exists() or installed.read_text() != wanted:
        installed.write_text(wanted)
        done = subprocess.run(["npm", "install", "--no-audit", "--no-fund"], cwd=folder, capture_output=True,
                              text=True, timeout=900)
        if done.returncode != 0:
            pytest.skip(f"npm install failed (no registry?): {done.stderr[-300:]}")
    return folder


@pytest.fixture(scope="module")
def endpoint(demo_store_path, tmp_path_factory):
    copy = tmp_path_factory.mktemp("js") / "store"
    shutil.copytree(demo_store_path, copy)
    server = Endpoint(copy)
    yield server
    server.stop()


@pytest.mark.parametrize("source", ["{url}/sparql", "{url}/", "sparql@{url}/sparql"])
def test_comunica_finds_the_endpoint_from_its_url_or_the_root(js_clients, endpoint, source):
    expected = json.loads(endpoint.request("/sparql?query=" + _quote(AGENCIES), headers={
        "Accept": "application/sparql-results+json"})[2])["results"]["bindings"][0]["n"]["value"]
    done = subprocess.run([str(js_clients / "node_modules" / ".bin" / "comunica-sparql"),
                           source.format(url=endpoint.url), AGENCIES], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-1000:]
    rows = json.loads(done.stdout)
    assert len(rows) == 1 and rows[0]["n"].startswith(f'"{expected}"'), rows
    assert int(expected) > 0


def _quote(text: str) -> str:
    import urllib.parse

    return urllib.parse.quote(text)


PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Yasgui elsewhere</title>
<link rel="stylesheet" href="yasgui.min.css"><script src="yasgui.min.js"></script></head>
<body><div id="yasgui"></div><script>
window.yasgui = new Yasgui(document.getElementById("yasgui"), {
  requestConfig: {endpoint: "ENDPOINT", method: "POST"}, copyEndpointOnNewTab: false, persistenceId: null});
</script></body></html>"""


def test_a_yasgui_page_of_another_origin_queries_the_endpoint(js_clients, endpoint, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    build = js_clients / "node_modules" / "@zazuko" / "yasgui" / "build"
    for name in ("yasgui.min.js", "yasgui.min.css"):
        shutil.copy(build / name, site / name)
    (site / "index.html").write_text(PAGE.replace("ENDPOINT", endpoint.url + "/sparql"), encoding="utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    static = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=static.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{static.server_address[1]}"
    query = ("SELECT ?l WHERE { <https://w3id.org/abegraph/id/agency/EEF> "
             "<http://www.w3.org/2000/01/rdf-schema#label> ?l }")
    try:
        with chromium_page() as (page, log):
            page.goto(origin + "/index.html")
            page.wait_for_function("() => window.yasgui && window.yasgui.getTab()")
            page.evaluate("q => { const tab = window.yasgui.getTab(); tab.setQuery(q); tab.query(); }", query)
            wait_until(lambda: THAI in page.inner_text(".yasr"), 30)
            text = page.inner_text(".yasr")
    finally:
        static.shutdown()
    assert "Equitable Education Fund" in text
    assert any(url.startswith(endpoint.url + "/sparql") for url in log["requests"])
    assert not [e for e in log["errors"] if "CORS" in e or "Access-Control" in e], log["errors"]
