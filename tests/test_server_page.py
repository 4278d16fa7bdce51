"""The endpoint's query page, used in real headless Chromium."""
from __future__ import annotations

import shutil

import openpyxl

from browser import chromium_page, wait_until
from test_server import Endpoint

HOSTILE = "<img src=x onerror=alert(1)>"


def test_the_page_runs_saved_questions_offline_and_keeps_labels_inert(demo_store_path, tmp_path):
    from abegraph.graph.store import Store
    from abegraph.loaders.pipeline import load_files

    folder = tmp_path / "store"
    shutil.copytree(demo_store_path, folder)
    workbook = tmp_path / "hostile.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "agencies"
    wb.active.append(["id", "name_th", "name_en"])
    wb.active.append(["X1", HOSTILE, '"><script>alert(2)</script>'])
    wb.save(workbook)
    with Store.open(folder) as store:
        load_files(store, [workbook])
    server = Endpoint(folder)
    try:
        with chromium_page() as (page, log):
            page.goto(server.url + "/")
            page.select_option("#saved", "agencies")
            wait_until(lambda: "abe:Agency" in page.input_value("#query"))
            page.click("#run")
            page.wait_for_selector("#results table tr:nth-child(2)")
            rows = page.locator("#results table tr").count()
            text = page.inner_text("#results")
            page.select_option("#lang", "th")
            wait_until(lambda: '"th"' in page.input_value("#query"))
            page.click("#run")
            wait_until(lambda: "กองทุนเพื่อความเสมอภาคทางการศึกษา" in page.inner_text("#results"))
            images = page.locator("#results img").count()
    finally:
        server.stop()
    assert rows == 35  # header + 34 agencies (33 of the demo and the hostile one)
    assert "Equitable Education Fund" in text and '"><script>alert(2)</script>' in text
    assert images == 0 and log["dialogs"] == []
    assert log["errors"] == []
    assert all(url.startswith(server.url) for url in log["requests"]), log["requests"]


def test_the_page_reads_in_the_page_font_and_downloads_results_as_csv_and_json(demo_store_path, tmp_path):
    import json

    folder = tmp_path / "store"
    shutil.copytree(demo_store_path, folder)
    server = Endpoint(folder)
    query = ('SELECT ?narrow ?wide ?name WHERE { VALUES (?narrow ?wide) { ("iiiiiiiiiiii" "MMMMMMMMMMMM") } '
             '?a <http://www.w3.org/2000/01/rdf-schema#label> ?name FILTER(?name = "มหาวิทยาลัยขอนแก่น"@th) }')
    try:
        with chromium_page() as (page, log):
            page.goto(server.url + "/")
            assert not page.is_visible("#downloads")  # nothing to download before a query ran
            page.fill("#query", query)
            page.click("#run")
            page.wait_for_selector("#results table tr:nth-child(2)")
            narrow, wide = (page.locator(f"#results td:nth-child({n})").bounding_box()["width"] for n in (1, 2))
            with page.expect_download() as csv_download:
                page.click("#download-csv")
            with page.expect_download() as json_download:
                page.click("#download-json")
            csv_bytes = open(csv_download.value.path(), "rb").read()
            answer = json.loads(open(json_download.value.path(), encoding="utf-8").read())
            csv_name = csv_download.value.suggested_filename
    finally:
        server.stop()
    assert wide > narrow * 1.5  # a proportional font, not the monospace one the page used to fall back to
    assert csv_bytes.startswith(b"\xef\xbb\xbf") and csv_name == "abegraph-query.csv"
    assert csv_bytes.decode("utf-8-sig").splitlines() == ["narrow,wide,name",
                                                          "iiiiiiiiiiii,MMMMMMMMMMMM,มหาวิทยาลัยขอนแก่น"]
    assert answer["head"]["vars"] == ["narrow", "wide", "name"]
    assert answer["results"]["bindings"][0]["name"] == {"type": "literal", "value": "มหาวิทยาลัยขอนแก่น",
                                                        "xml:lang": "th"}
    assert log["errors"] == [] and all(url.startswith((server.url, "blob:")) for url in log["requests"])
