"""Network maps and the atlas in a real browser: headless Chromium (Debian's ``chromium``)
driven by Playwright (PyPI).

Every page is opened with the network cut: each request other than the page's own file is
recorded and aborted, and the test fails if there was any, or any console error, page error
or dialog. Skipped, with the reason, only when chromium or playwright is not installed.
"""
from __future__ import annotations

import shutil
import re
from contextlib import contextmanager
from pathlib import Path

import pytest

from abegraph.network.projections import Filters, holdings, read_network
from abegraph.visualize import VIEWS, build_map, store_map, view_graph, write_report

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - CI installs it
    sync_playwright = None

pytestmark = pytest.mark.skipif(
    CHROMIUM is None or sync_playwright is None,
    reason="needs Chromium and Playwright: apt-get install chromium fonts-thai-tlwg; pip install playwright "
           f"(chromium {'found' if CHROMIUM else 'missing'}, "
           f"playwright {'found' if sync_playwright else 'missing'})")

ARGS = ["--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync"]
from browser import CANVASES, pdf_pages
from helpers import INJECTED
MAP = "AbeMap.instances[0]"


@pytest.fixture(scope="module")
def browser():
    playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
    yield chromium
    chromium.close()
    playwright.stop()


@pytest.fixture(scope="module")
def G(demo_store):
    return read_network(demo_store)


@pytest.fixture(scope="module")
def atlas(tmp_path_factory, demo_store):
    """The demo's atlas in Thai, written once."""
    return write_report(tmp_path_factory.mktemp("atlas") / "atlas.html", demo_store)


@pytest.fixture(scope="module")
def pages(tmp_path_factory, demo_store):
    """The demo's maps, written once: ``view -> path``."""
    folder = tmp_path_factory.mktemp("maps")
    return {view: store_map(demo_store, view).write(folder / f"{view}.html") for view in VIEWS}


class Opened:
    def __init__(self, page, url):
        self.page, self.url = page, url
        self.requests, self.errors, self.dialogs = [], [], []

    def js(self, expression, arg=None):
        return self.page.evaluate(expression, arg)


@contextmanager
def opened(browser, path: Path, *, ready: str = "[data-ready='1']", viewport=(1400, 900)):
    """Open ``path`` offline; on leaving, fail on any request, error or dialog."""
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]},
                                  accept_downloads=True)
    url = Path(path).resolve().as_uri()
    page = context.new_page()
    found = Opened(page, url)
    context.route(lambda u: u != url and not u.startswith(("data:", "blob:", "about:")),
                  lambda route: (found.requests.append(route.request.url), route.abort()))
    page.on("request", lambda r: found.requests.append(r.url)
            if r.url != url and not r.url.startswith(("data:", "blob:", "about:")) else None)
    page.on("console", lambda m: found.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: found.errors.append(str(e)))
    page.on("dialog", lambda d: (found.dialogs.append(d.message), d.dismiss()))
    page.goto(url)
    if ready:
        page.wait_for_selector(ready, timeout=30_000)
    try:
        yield found
        page.wait_for_timeout(50)
        assert found.requests == [], f"requests left the page: {found.requests}"
        assert found.errors == [], f"script errors: {found.errors}"
        assert found.dialogs == [], f"dialogs opened: {found.dialogs}"
    finally:
        context.close()


def search(o: Opened, text: str) -> list[str]:
    """Type ``text`` in the search box; the texts of the results once they are for ``text``."""
    o.page.fill(".abm-search-input", text)
    o.page.wait_for_function("(t) => document.querySelector('.abm-results').getAttribute('data-query') === t",
                             arg=text)
    return o.page.locator(".abm-results li.abm-hit").all_inner_texts()


def canvas_png(o: Opened) -> bytes:
    return o.page.locator(".abm-canvas canvas").first.screenshot()


# ---- rendering ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("view", VIEWS)
def test_each_view_renders_every_node(browser, pages, G, view):
    expected = view_graph(G, view).number_of_nodes()
    with opened(browser, pages[view]) as o:
        assert len(o.js(f"{MAP}.visibleIds()")) == expected
        assert o.page.get_attribute(".abm-status", "data-visible") == str(expected)
        assert o.js(f"{MAP}.network.body.data.nodes.length") == expected


def test_thai_labels_are_drawn(browser, pages):
    with opened(browser, pages["agencies"]) as o:
        i = o.js(f"{MAP}.nodeIndex('EEF')")
        assert o.js(f"{MAP}.label({i})") == "กองทุนเพื่อความเสมอภาคทางการศึกษา"  # 28 letters: whole
        o.js(f"{MAP}.network.focus({i}, {{scale: 2.5, animation: false}})")
        o.page.wait_for_timeout(100)
        drawn = {d["id"]: d for d in o.js(f"{MAP}.drawnLabels()")}
        assert drawn[i]["text"] == "กองทุนเพื่อความเสมอภาคทางการศึกษา"
        # the label's box holds text-coloured pixels (#1a202c: no node or line has that colour)
        left, top, right, bottom = drawn[i]["box"]
        text_pixels = o.js("""([l, t, r, b]) => { const c = document.querySelector('.abm-net canvas');
          const k = c.width / c.clientWidth, d = c.getContext('2d').getImageData(l * k, t * k, (r - l) * k, (b - t) * k).data;
          let n = 0; for (let j = 0; j < d.length; j += 4) { if (d[j] < 40 && d[j + 1] < 45 && d[j + 2] < 60 && d[j + 3] > 200) { n++; } }
          return n; }""", [left, top, right, bottom])
        assert text_pixels > 50
        # the Thai glyphs come from a real font, not boxes: Thai text and unassigned code points differ
        ink = o.js("""() => {
          const face = getComputedStyle(document.querySelector('.abm')).fontFamily;
          const draw = (text) => { const c = document.createElement('canvas'); c.width = 240; c.height = 60;
            const x = c.getContext('2d'); x.font = '32px ' + face; x.fillText(text, 4, 44);
            return Array.from(x.getImageData(0, 0, 240, 60).data); };
          const thai = draw('กองทุน'), boxes = draw('\\ue000\\ue001\\ue002\\ue003\\ue004\\ue005');
          return [thai.some(v => v > 0), thai.join() !== boxes.join()]; }""")
        assert ink == [True, True]


# ---- a stable size on a phone, a tablet, a laptop and paper -------------------------------------------

WIDTHS = (390, 768, 1280)


def stable_canvases(o: Opened, *, wait_ms: int = 1300) -> list[list[int]]:
    """The canvases' ``[width, height, drawn pixels]`` once they have stopped changing size:
    measured twice, more than vis-network's 1 s resize check apart; fails if they moved."""
    first = o.js(CANVASES)
    o.page.wait_for_timeout(wait_ms)
    again = o.js(CANVASES)
    assert [c[:2] for c in again] == [c[:2] for c in first], f"the canvases changed size: {first} -> {again}"
    return again


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("view", VIEWS)
def test_every_map_draws_at_a_stable_size(browser, pages, view, width):
    height = 844 if width < 500 else 900
    with opened(browser, pages[view], viewport=(width, height)) as o:
        (w, h, ink), = stable_canvases(o)
        assert 0.9 * width <= w + 340 and w <= width and 280 <= h <= height, (w, h)
        assert ink > 0.005 * w * h, f"{view} at {width} px: {ink} drawn pixels of {w * h}"


@pytest.mark.parametrize("view", VIEWS)
def test_every_map_draws_in_print_media(browser, pages, view):
    with opened(browser, pages[view], viewport=(1280, 900)) as o:
        o.page.emulate_media(media="print")
        o.page.wait_for_timeout(100)
        (w, h, ink), = stable_canvases(o)
        assert w > 500 and 300 < h <= 718 and ink > 0.005 * w * h  # 718 px: the printed page's 190 mm
        assert o.page.locator(".abm-legend").first.is_visible()
        assert not o.page.locator(".abm-findings").is_visible() and not o.page.locator("select").first.is_visible()


def test_printed_map_is_one_page_drawn_for_the_paper(browser, pages):
    with opened(browser, pages["agencies"], viewport=(1280, 900)) as o:
        o.js("""(code) => { window.abmPrinted = []; const measure = eval(code);
          matchMedia('print').addListener((e) => { if (e.matches) { window.abmPrinted.push(measure()); } }); }""",
             CANVASES)
        printed = pdf_pages(o.page.pdf())
        screen = o.js(CANVASES)
        paper = o.js("window.abmPrinted")
        assert len(printed) == 1
        # while printing, the canvas was drawn again at the size of its printed box
        assert paper and paper[-1][0][:2] != screen[0][:2] and paper[-1][0][2] > 10_000
        assert "ประเภท" in printed[0]  # the legend ("kinds") is on the page


@pytest.mark.parametrize("width", [390, 768, 1280, "print"])
def test_atlas_maps_draw_at_a_stable_size(browser, atlas, width):
    viewport = (width, 844) if width != "print" else (1280, 900)
    with opened(browser, atlas, ready=None, viewport=viewport) as o:
        o.page.wait_for_function("window.AbeMap && AbeMap.instances.length === 5"
                                 " && AbeMap.instances.every(m => m.ready)")
        if width == "print":
            o.page.emulate_media(media="print")
        canvases = stable_canvases(o)
        assert len(canvases) == 5
        for w, h, ink in canvases:
            assert w > 300 and h >= 280 and ink > 0.005 * w * h, canvases


# ---- labels -------------------------------------------------------------------------------------------

def overlapping(boxes):
    return [(a, b) for k, a in enumerate(boxes) for b in boxes[k + 1:]
            if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]]


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("view", VIEWS)
def test_labels_at_first_view_are_readable_and_apart(browser, pages, view, width):
    with opened(browser, pages[view], viewport=(width, 900)) as o:
        labels = o.js(f"{MAP}.drawnLabels()")
        sizes = o.js(f"{MAP}.payload.nodes.s")
        connected = [i for i in range(len(sizes)) if o.js(f"{MAP}.degree({i})")]
        assert len(labels) >= min(6, len(connected))
        assert overlapping([d["box"] for d in labels]) == []
        assert all(d["px"] >= 12 for d in labels)  # pixels on screen, whatever the zoom
        largest = max(connected, key=lambda i: sizes[i])
        assert largest in {d["id"] for d in labels}
        # nodes linked to nothing are dots at first, not a grid of names
        assert all(o.js(f"{MAP}.degree({d['id']})") for d in labels)
        # the nodes themselves are a few pixels wide at least
        scale = o.js(f"{MAP}.network.getScale()")
        assert min(sizes) * o.js(f"{MAP}.sizeBoost()") * scale >= 3


def test_zooming_in_shows_more_labels(browser, pages):
    with opened(browser, pages["issues"]) as o:
        first = {d["id"] for d in o.js(f"{MAP}.drawnLabels()")}
        o.js(f"{MAP}.network.moveTo({{scale: {MAP}.network.getScale() * 4, animation: false}})")
        o.page.wait_for_timeout(100)
        zoomed = o.js(f"{MAP}.drawnLabels()")
        assert {d["id"] for d in zoomed} - first
        assert overlapping([d["box"] for d in zoomed]) == []


@pytest.fixture(scope="module")
def province(tmp_path_factory):
    """A province's agency map at scale (issue 12): 16 provincial offices with long names that
    differ at the end (เขต 1 ... เขต 7), sharing with one another and with 380 local agencies,
    each of which shares with two or three of them; 4 agencies share nothing."""
    import random

    import networkx as nx

    ID = "https://w3id.org/abegraph/id/"
    rng = random.Random(12)
    G = nx.MultiDiGraph()
    hubs = [f"สำนักงานเขตพื้นที่การศึกษาประถมศึกษานครราชสีมา เขต {k}" for k in range(1, 8)] + [
        f"สำนักงาน{name}จังหวัดนครราชสีมา" for name in (
            "ศึกษาธิการ", "ส่งเสริมการเรียนรู้ประจำ", "พัฒนาสังคมและความมั่นคงของมนุษย์", "สาธารณสุข",
            "ส่งเสริมการปกครองท้องถิ่น", "แรงงาน", "สถิติ", "พระพุทธศาสนา", "วัฒนธรรม")]
    names = hubs + [f"โรงเรียนบ้านหนองตำบลที่ {k}" for k in range(384)]
    for i, name in enumerate(names):
        G.add_node(f"{ID}agency/A{i:03d}", kind="agency", label_th=name, label_en=f"Agency {i}")
    assets = 0

    def share(holder, users):
        nonlocal assets
        asset = f"{ID}resource/R{assets:04d}"
        assets += 1
        G.add_node(asset, kind="resource", dimension="data", label_th=f"ทรัพยากร {assets}",
                   label_en=f"R{assets}")
        G.add_edge(asset, f"{ID}agency/A{holder:03d}", relation="held_by")
        for u in users:
            G.add_edge(asset, f"{ID}agency/A{u:03d}", relation="shared_with")

    for h in range(16):
        share(h, [k for k in range(16) if k != h and rng.random() < 0.5])
    for i in range(16, len(names) - 4):
        share(i, rng.sample(range(16), rng.choice([2, 3])))
    path = tmp_path_factory.mktemp("province") / "agencies.html"
    return build_map(G, "agencies", group_by=None).write(path)


@pytest.mark.parametrize("width", [390, 768, 1280])
def test_a_province_map_labels_its_largest_agencies_only_and_apart(browser, province, width):
    """On the 400-agency map the first view labels the largest nodes only, none over another,
    each telling its office apart; local agencies and agencies sharing nothing wait for a zoom
    or the tooltip. Before, the label budget was filled with whichever small nodes had room."""
    with opened(browser, province, viewport=(width, 900)) as o:
        labels = o.js(f"{MAP}.drawnLabels()")
        sizes = o.js(f"{MAP}.payload.nodes.s")
        largest = sorted(range(len(sizes)), key=lambda i: -sizes[i])[:16]
        host = o.js("(() => { const c = document.querySelector('.abm-net');"
                    " return [c.clientWidth, c.clientHeight]; })()")
        assert 6 <= len(labels) <= max(6, round(host[0] * host[1] / 30000))  # bounded by the room on screen
        assert {d["id"] for d in labels} <= set(largest), sorted(sizes[d["id"]] for d in labels)
        assert overlapping([d["box"] for d in labels]) == []
        texts = [d["text"] for d in labels]
        assert len(set(texts)) == len(texts), texts  # "…นครราชสีมา เขต 3", not seven times the same start
        assert any(t.endswith("เขต 1") for t in texts) or width < 768
        assert all(0 <= d["box"][0] and d["box"][2] <= host[0] for d in labels)
        if width >= 768:  # the offices piled in the middle get their labels too, set apart with a line
            assert len(labels) >= 10 and any(d["lead"] for d in labels)


def test_no_request_even_from_the_atlas(browser, atlas):
    with opened(browser, atlas, ready=None) as o:
        o.page.wait_for_function("window.AbeMap && AbeMap.instances.length === 5"
                                 " && AbeMap.instances.every(m => m.ready)")
        assert o.js("AbeMap.instances[0].root.querySelector('.abm-title').textContent").startswith("เครือข่ายหน่วยงาน")
        table = o.page.locator("table[data-analysis=sharing][data-section=pair]")
        column = table.locator("thead th").all_inner_texts().index("จำนวนที่ใช้ร่วม")
        first = table.locator("tbody tr").first.locator("td").nth(column).inner_text()
        table.locator("thead th").nth(column).locator("button").click()  # ascending
        assert int(table.locator("tbody tr").first.locator("td").nth(column).inner_text()) <= int(first)
        assert table.locator("thead th").nth(column).get_attribute("aria-sort") == "ascending"
        o.page.click("#summary a[href='#table-causes-root']")
        assert o.page.locator("#table-causes-root").is_visible()


def test_thai_atlas_shows_no_english_words(browser, atlas, G):
    """What a reader sees in the Thai atlas, maps' controls, legends and panels included, has no
    English word but those of the data itself (ids, names, file names) and the CSV command."""
    allowed = {"abegraph", "analyze", "format", "csv", "HTML", "PNG", "PageRank", "xlsx",
               "R", "B"}  # the letters of causal-loop names (R1 reinforcing, B1 balancing), as analyze causes gives them
    for node, data in G.nodes(data=True):
        for text in (data.get("label_th", ""), node.rsplit("/", 1)[-1], str(data.get("notation", ""))):
            allowed |= set(re.findall(r"[A-Za-z]+", text))
    with opened(browser, atlas, ready=None) as o:
        o.page.wait_for_function("window.AbeMap && AbeMap.instances.length === 5"
                                 " && AbeMap.instances.every(m => m.ready)")
        text = o.page.inner_text("body")
        for source in re.findall(r"\S+\.xlsx \([^)]*\)[^\n]*", text):  # the sources' own names
            allowed |= set(re.findall(r"[A-Za-z]+", source))
        words = set(re.findall(r"[A-Za-z]+", text)) - allowed
        assert words == set(), sorted(words)


def test_atlas_prints_to_at_most_30_pages_a_map_a_page(browser, demo_store, tmp_path):
    for lang in ("th", "en"):
        path = write_report(tmp_path / f"atlas-{lang}.html", demo_store, lang=lang)
        with opened(browser, path, ready=None) as o:
            o.page.wait_for_function("window.AbeMap && AbeMap.instances.length === 5"
                                     " && AbeMap.instances.every(m => m.ready)")
            printed = pdf_pages(o.page.pdf())
        assert 10 <= len(printed) <= 30, len(printed)
        if lang == "en":
            assert "Summary for the meeting" in printed[0] and "What the meeting needs to decide" in printed[0]
            assert "Who will take these causes on?" in printed[0] and "Which pairs should meet first?" in printed[0]
            # the network's health on the summary page (issue 19), figures as analyze health gives them
            assert "Health of the network" in printed[0] and "18.8% Density" in printed[0]
            assert "0.40 Degree centralisation" in printed[0] and "Coalitions" in printed[0]
            for view in VIEWS:
                title = build_map(read_network(demo_store), view, lang="en", findings=False).title
                pages = [i for i, text in enumerate(printed) if title in text and "Legend" in text]
                assert len(pages) == 1, (view, pages)  # one page, with its legend
            assert not any("Findings" in text for text in printed)  # the panel stays on screen


# ---- loops and negative links (issue 19) -------------------------------------------------------------

def test_negative_links_are_dashed_with_a_sign_and_loops_are_named(browser, polarity_store, tmp_path):
    path = store_map(polarity_store, "issues").write(tmp_path / "loops.html")
    with opened(browser, path, viewport=(390, 844)) as o:
        ids = o.js(f"{MAP}.payload.nodes.id")
        drawn = o.js(f"{MAP}.network.body.data.edges.get()")
        dashed = {(ids[e["from"]], ids[e["to"]]) for e in drawn if e.get("dashes")}
        # A1 -> D1 reduces and D1 -> A1 adds: two curved arrows, only the first dashed
        assert ("A1", "D1") in dashed and ("D1", "A1") not in dashed and ("P1", "L1") in dashed
        back = next(e for e in drawn if (ids[e["from"]], ids[e["to"]]) == ("D1", "A1"))
        assert back["smooth"]["enabled"] and not back["arrows"]["from"]["enabled"]
        assert {ids[e["from"]] + ids[e["to"]] for e in drawn if e.get("dashes")} & {"D1L1", "L1D1"}
        # a "−" is drawn on the middle of each negative link: white disc, causes-red sign
        signs = o.js(f"{MAP}.drawnSigns()")
        assert len(signs) == len(dashed) == 3
        for sign in signs:
            red = o.js("""([x, y]) => { const c = document.querySelector('.abm-net canvas'), b = c.getBoundingClientRect();
              const k = c.width / c.clientWidth, d = c.getContext('2d').getImageData((x - b.left - 6) * k, (y - b.top - 6) * k, 12 * k, 12 * k).data;
              let red = 0, white = 0; for (let j = 0; j < d.length; j += 4) {
                if (d[j] > 170 && d[j + 1] < 90 && d[j + 2] < 90) { red++; } else if (d[j] > 245 && d[j + 1] > 245 && d[j + 2] > 245 && d[j + 3] > 200) { white++; } }
              return [red, white]; }""", [sign["x"], sign["y"]])
            assert red[0] > 4 and red[1] > 10, (sign, red)
        # hovering the sign of A1 -> D1 shows its effect and its loop; D1 -> A1 says it adds
        split = next(s for s in signs if not str(s["id"]).endswith("~") and
                     {ids[e["from"]] for e in drawn if e["id"] == s["id"]} == {"A1"})
        o.page.mouse.move(split["x"], split["y"])
        o.page.wait_for_selector(".abm-tip:not([hidden])")
        text = o.page.inner_text(".abm-tip")
        assert "ความใส่ใจของชุมชนต่อเด็กหลุดออกจากระบบ → เด็กออกกลางคัน" in text
        assert "ลด (−)" in text and "B1 (สมดุล)" in text
        assert "เพิ่ม (+)" in o.js(f"{MAP}.showEdgeTip('{split['id']}~')")
        # a node on loops says which, with their names
        tip = o.js(f"{MAP}.showTip({MAP}.nodeIndex('D1'))")
        assert "อยู่ในวงจร: B1 (สมดุล), R1 (เสริมแรง), R2 (เสริมแรง), R3 (เสริมแรง)" in tip
        assert "R1 · เสริมแรง: R1: เด็กออกกลางคัน → ผลสัมฤทธิ์ทางการเรียน → เด็กออกกลางคัน" in tip
        assert "เส้นประ (−): สาเหตุเพิ่มขึ้น ผลลดลง" in o.page.inner_text(".abm-legendbox")
        findings = o.page.inner_text(".abm-findings")
        assert "วงจร: เสริมแรง (R) และสมดุล (B)" in findings and "B1: ความใส่ใจของชุมชน" in findings
        o.page.click(".abm-lang button:has-text('English')")
        assert "Dashed (−): more of the cause, less of the effect" in o.page.inner_text(".abm-legendbox")
        assert "In loops: B1 (balancing)" in o.js(f"{MAP}.showTip({MAP}.nodeIndex('A1'))")


# ---- filters, search, focus, language, PNG ------------------------------------------------------------

def test_filters_change_what_is_shown(browser, pages, demo_store):
    with opened(browser, pages["resources"]) as o:
        total = len(o.js(f"{MAP}.visibleIds()"))
        o.page.select_option("select[data-filter=dimension]", label="ข้อมูล/สารสนเทศ")
        shown = {o.js(f"{MAP}.payload.nodes.id[{i}]") for i in o.js(f"{MAP}.visibleIds()")}
        B = holdings(read_network(demo_store, Filters(dimension="data")))
        expected = {n.rsplit("/", 1)[-1] for n in B if B.degree(n)}
        assert shown == expected and len(shown) < total
        o.page.click(".abm-reset")
        assert len(o.js(f"{MAP}.visibleIds()")) == total
        # choices are named in Thai (not ????), and choosing one by its Thai name works
        o.page.select_option("select[data-filter=agency]", label="กองทุนเพื่อความเสมอภาคทางการศึกษา (EEF)")
        eef = {o.js(f"{MAP}.payload.nodes.id[{i}]") for i in o.js(f"{MAP}.visibleIds()")}
        assert "EEF" in eef and len(eef) < total
        o.page.select_option("select[data-filter=agency]", value="-1")
        o.page.select_option("select[data-filter=district]", label="เมืองขอนแก่น (4001)")
        assert len(o.js(f"{MAP}.visibleIds()")) < total
        issue = o.page.locator("select[data-filter=issue] option").nth(1).inner_text()
        assert issue.startswith("C01 ") and "ยากจน" in issue


def test_agency_filter_on_the_agency_network(browser, pages, G):
    with opened(browser, pages["agencies"]) as o:
        o.page.select_option("select[data-filter=agency]", label="กองทุนเพื่อความเสมอภาคทางการศึกษา (EEF)")
        shown = {o.js(f"{MAP}.payload.nodes.id[{i}]") for i in o.js(f"{MAP}.visibleIds()")}
        A = view_graph(G, "agencies")
        eef = "https://w3id.org/abegraph/id/agency/EEF"
        assert shown == {n.rsplit("/", 1)[-1] for n in [eef, *A[eef]]}


def test_search_finds_thai_and_english(browser, pages, G):
    with opened(browser, pages["everything"]) as o:
        hits = search(o, "ขอนแก่น")
        expected = sum(1 for _, d in G.nodes(data=True)
                       if "ขอนแก่น" in d.get("label_th", "") + d.get("label_en", ""))
        assert o.page.get_attribute(".abm-results li.abm-inert", "data-count") == str(expected)
        assert hits and all("ขอนแก่น" in t for t in hits)
        assert len(o.js(f"{MAP}.focusedIds()")) > 0  # the matches are highlighted
        assert "กองทุนเพื่อความเสมอภาคทางการศึกษา" in search(o, "equitable education")[0]
        o.page.press(".abm-search-input", "Enter")
        assert o.js(f"{MAP}.focusedIds()") == [o.js(f"{MAP}.nodeIndex('EEF')")]


def test_click_focuses_a_node_and_its_neighbours(browser, pages, G):
    with opened(browser, pages["agencies"]) as o:
        i = o.js(f"{MAP}.nodeIndex('KKPAO')")
        where = o.js(f"{MAP}.domPosition({i})")
        o.page.mouse.click(where["x"], where["y"])
        focused = {o.js(f"{MAP}.payload.nodes.id[{j}]") for j in o.js(f"{MAP}.focusedIds()")}
        kkpao = "https://w3id.org/abegraph/id/agency/KKPAO"
        assert focused == {n.rsplit("/", 1)[-1] for n in [kkpao, *view_graph(G, "agencies")[kkpao]]}
        box = o.page.locator(".abm-canvas").bounding_box()
        o.page.mouse.click(box["x"] + 5, box["y"] + box["height"] - 5)
        assert o.js(f"{MAP}.focusedIds()") is None


def test_tooltip_shows_label_kind_holders_and_provenance(browser, pages):
    with opened(browser, pages["resources"]) as o:
        i = o.js(f"{MAP}.nodeIndex('R001')")
        where = o.js(f"{MAP}.domPosition({i})")
        o.page.mouse.move(where["x"], where["y"])
        o.page.wait_for_selector(".abm-tip:not([hidden])")
        text = o.page.inner_text(".abm-tip")
        assert "R001" in text and "ทรัพยากร" in text and "หน่วยงานเจ้าของ" in text and "khonkaen.xlsx" in text


def test_thai_english_switch(browser, pages):
    with opened(browser, pages["agencies"]) as o:
        o.page.click(".abm-lang button:has-text('English')")
        assert o.page.inner_text(".abm-title").startswith("Agencies: who shares")
        assert o.js(f"{MAP}.label({MAP}.nodeIndex('EEF'))") == "Equitable Education Fund"
        assert o.page.locator("select[data-filter=dimension] option").first.inner_text() == "All dimensions"
        assert "Agency" in o.page.inner_text(".abm-legend")
        o.page.click(".abm-lang button:has-text('ไทย')")
        assert o.js(f"{MAP}.label({MAP}.nodeIndex('EEF'))") == "กองทุนเพื่อความเสมอภาคทางการศึกษา"
        long = o.js(f"{MAP}.label({MAP}.nodeIndex('MSDHS-KK'))")  # cut to 31 letters, marks kept
        head, tail = long.split("…")  # in the middle: the end tells offices apart
        assert "สำนักงานพัฒนาสังคม".startswith(head[:10]) and tail.endswith("จังหวัดขอนแก่น")


def test_save_png(browser, pages):
    with opened(browser, pages["issues"]) as o:
        with o.page.expect_download() as info:
            o.page.click(".abm-png")
        download = info.value
        assert download.suggested_filename == "abegraph-issues.png"
        assert Path(download.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_findings_item_focuses_its_nodes(browser, pages):
    with opened(browser, pages["agencies"]) as o:
        o.page.locator(".abm-findings li.abm-finding").first.click()
        assert o.js(f"{MAP}.focusedIds()") == [o.js(f"{MAP}.nodeIndex('KKPAO')")]


# ---- large maps: groups -------------------------------------------------------------------------------

def test_grouped_map_expands_a_group_on_click(browser, G, tmp_path):
    m = build_map(G, "everything", group_by="district", group_above=50, findings=False)
    with opened(browser, m.write(tmp_path / "grouped.html")) as o:
        ids = o.js(f"{MAP}.visibleIds()")
        assert ids and all(isinstance(x, str) and x.startswith("g") for x in ids)
        assert o.page.get_attribute(".abm-status", "data-visible") == str(m.number_of_nodes)
        sizes = m.payload["groups"]["n"]
        biggest = sizes.index(max(sizes))
        where = o.js(f"{MAP}.domPosition('g{biggest}')")
        o.page.mouse.click(where["x"], where["y"])
        members = [x for x in o.js(f"{MAP}.visibleIds()") if isinstance(x, int)]
        assert len(members) == max(sizes)
        o.page.click(".abm-collapse")
        search(o, "EEF")
        o.page.locator(".abm-results li.abm-hit").first.click()
        assert o.js(f"{MAP}.nodeIndex('EEF')") in o.js(f"{MAP}.visibleIds()")


# ---- labels that look like markup -------------------------------------------------------------------



@pytest.mark.parametrize("view", ["agencies", "everything"])
def test_markup_in_labels_stays_inert(browser, injected_store, tmp_path, view):
    path = store_map(injected_store, view, title=INJECTED[1]).write(tmp_path / f"{view}.html")
    with opened(browser, path) as o:
        assert o.js("document.querySelectorAll('img, iframe, object, embed').length") == 0
        assert o.js("document.scripts.length") == 4  # data, vis-network, map, boot: nothing injected
        assert o.page.inner_text(".abm-title").startswith(INJECTED[1])
        for label in INJECTED:
            assert label in search(o, label[:12])[0]
            i = o.js(f"{MAP}.payload.nodes.t.indexOf({label!r})")
            assert i >= 0
            o.page.click(".abm-reset")
            o.js(f"{MAP}.network.moveTo({{position: {MAP}.network.getPositions([{i}])[{i}], "
                 "scale: 1.5, animation: false})")
            o.page.wait_for_timeout(50)
            where = o.js(f"{MAP}.domPosition({i})")
            o.page.mouse.move(where["x"], where["y"])
            o.page.wait_for_selector(".abm-tip:not([hidden])")
            assert label in o.page.inner_text(".abm-tip")
            assert o.js("document.querySelector('.abm-tip').querySelectorAll('img, script').length") == 0
            o.page.mouse.move(1, 1)
        o.page.wait_for_timeout(200)  # an onerror handler would have fired by now


# ---- notebooks -----------------------------------------------------------------------------------------

def test_notebook_display_renders_in_its_frame(browser, G, tmp_path):
    m = build_map(G, "datasets", findings=False)
    path = tmp_path / "notebook.html"
    path.write_text(f"<!DOCTYPE html><meta charset='utf-8'><body>{m._repr_html_()}</body>", encoding="utf-8")
    with opened(browser, path, ready=None) as o:
        frame = o.page.frame_locator("iframe")
        frame.locator("[data-ready='1']").wait_for(timeout=30_000)
        assert frame.locator(".abm-status").get_attribute("data-visible") == str(m.number_of_nodes)
