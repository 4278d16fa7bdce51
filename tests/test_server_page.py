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
