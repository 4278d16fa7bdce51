"""Headless Chromium (Debian's) driven by Playwright, for tests that look at pages.

Besides a page (:func:`chromium_page`), what the map tests measure in one: the network
canvases' sizes and drawn pixels (:data:`CANVASES`), and the pages of a printed PDF
(:func:`pdf_pages`).
"""
from __future__ import annotations

import shutil
from contextlib import contextmanager

import pytest

ARGS = ["--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync"]


@contextmanager
def chromium_page():
    """A fresh page; yields (page, log) where log collects requests, console errors and dialogs."""
    executable = shutil.which("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed; scripts/test installs it")
    if executable is None:
        pytest.skip("chromium is not installed; scripts/test installs it")
    log = {"requests": [], "errors": [], "dialogs": []}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=ARGS)
        try:
            page = browser.new_page()
            page.on("request", lambda r: log["requests"].append(r.url))
            page.on("console", lambda m: m.type == "error" and log["errors"].append(m.text))
            page.on("pageerror", lambda e: log["errors"].append(str(e)))
            page.on("dialog", lambda d: (log["dialogs"].append(d.message), d.dismiss()))
            yield page, log
        finally:
            browser.close()


def wait_until(check, seconds: float = 10.0) -> None:
    """Poll ``check()`` from Python (page scripts cannot be evaluated under a strict CSP)."""
    import time

    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("the page did not reach the expected state")
        time.sleep(0.05)


#: ``() => [[width, height, drawn pixels], ...]``, one per network canvas of the page (a drawn
#: pixel is one that is not transparent: vis-network clears its canvas to transparent)
CANVASES = """() => Array.from(document.querySelectorAll('.abm-net canvas')).map((c) => {
  const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let ink = 0;
  for (let i = 3; i < data.length; i += 4) { if (data[i] > 0) { ink++; } }
  return [c.clientWidth, c.clientHeight, ink];
})"""


def pdf_pages(pdf: bytes) -> list[str]:
    """The text of each page of a PDF (as pypdf extracts it, every run of spaces and line ends
    made one space, ligatures such as "ﬁ" undone)."""
    import io
    import unicodedata

    from pypdf import PdfReader

    return [" ".join(unicodedata.normalize("NFKC", page.extract_text() or "").split())
            for page in PdfReader(io.BytesIO(pdf)).pages]
