"""The HTML view in a real headless Chromium (Debian's, driven by Playwright).

Every request other than the page file itself is aborted, so the page must be
self-contained; any console error, uncaught exception or dialog fails the test.
Skipped only where no Chromium exists and CI is unset: in CI a missing browser fails.
"""

from __future__ import annotations

import contextlib
import json
import random
import time
from pathlib import Path

import networkx as nx
import pytest
from browser_helpers import (
    ARTIFACTS,
    READY_MS,
    GuardedPage,
    skip_without_chromium,
    squash,
)
from conftest import XSS_IMG, XSS_SCRIPT

skip_without_chromium()

from playwright.sync_api import TimeoutError as PlaywrightTimeout  # noqa: E402

from armsgraph.extract.claims import Actor, Item  # noqa: E402
from armsgraph.graph.network import supplier_network  # noqa: E402
from armsgraph.graph.view import STATUS_COLOUR, write_view  # noqa: E402

pytestmark = pytest.mark.browser


class ViewPage(GuardedPage):
    """A view in the browser, with the gestures the tests make on it."""

    def edge_point(self, edge_id: str, t: float) -> dict:
        return self.page.evaluate(
            """([id, t]) => {
                const net = window.armsgraph.network;
                const p = net.canvasToDOM(net.body.edges[id].edgeType.getPoint(t));
                const r = document.getElementById("network").getBoundingClientRect();
                return {x: p.x + r.left, y: p.y + r.top};
            }""", [edge_id, t])

    def hover_edge(self, edge_id: str) -> str:
        """Move the mouse onto an edge and return the tooltip's text."""
        for t in (0.5, 0.4, 0.6, 0.3, 0.7):
            point = self.edge_point(edge_id, t)
            self.page.mouse.move(point["x"] - 3, point["y"])
            self.page.mouse.move(point["x"], point["y"])
            try:
                self.page.wait_for_function(
                    """() => { const t = document.querySelector("div.vis-tooltip");
                               return t && t.style.visibility !== "hidden"
                                      && t.textContent.length > 0; }""", timeout=2_000)
            except PlaywrightTimeout:  # a node label in the way: try another point
                continue
            return self.page.evaluate("document.querySelector('div.vis-tooltip').textContent")
        raise AssertionError(f"no tooltip appeared when hovering edge {edge_id}")

    def click_edge(self, edge_id: str, title: str) -> None:
        """Click an edge (at a point no node covers) until the panel shows ``title``."""
        for t in (0.5, 0.4, 0.6, 0.3, 0.7):
            point = self.edge_point(edge_id, t)
            self.page.mouse.click(point["x"], point["y"])
            with contextlib.suppress(PlaywrightTimeout):
                self.page.wait_for_function(
                    "t => !document.getElementById('panel').hidden && "
                    "document.getElementById('panel-title').textContent === t",
                    arg=title, timeout=2_000)
                return
        raise AssertionError(f"clicking edge {edge_id} did not open its panel")

    def edges(self) -> list[dict]:
        """Each pair with its ends and what the page holds and draws for it now."""
        return self.page.evaluate("""() => {
            const a = window.armsgraph, body = a.network.body.edges;
            return a.edges.get().map((e, i) => ({id: e.id, from: e.from, to: e.to,
                hidden: !!e.hidden, drawnHidden: !!body[e.id].options.hidden,
                colour: body[e.id].options.color.color, width: body[e.id].options.width,
                state: a.pair(i)}));
        }""")

    def positions(self) -> dict:
        return self.page.evaluate("() => window.armsgraph.network.getPositions()")


@pytest.fixture
def open_page(browser):
    pages: list[ViewPage] = []

    def open_(path: Path, ready_ms: int = READY_MS, **kw) -> ViewPage:
        guarded = ViewPage(browser, path, **kw)
        pages.append(guarded)
        guarded.open(ready_ms)
        return guarded

    yield open_
    for p in pages:
        p.close()


def panel_claims(page) -> list[str]:
    return [squash(t) for t in page.locator("#panel-body .ev blockquote").all_text_contents()]


def test_seed_view_draws_the_network_and_a_click_opens_a_panel_that_stays(seed_build,
                                                                          open_page):
    out, _report = seed_build
    claims = [json.loads(line) for line in (out / "claims.jsonl").read_text("utf-8").splitlines()]
    view = open_page(out / "graph.html")
    page = view.page

    labels = page.evaluate("window.armsgraph.nodes.get().map(n => n.label)")
    assert {"Russia", "North Korea", "Iran"} <= set(labels)
    by_pair = {(e["from"], e["to"]): e for e in view.edges()}
    two_sided = [c for c in claims if c["supplier"] and c["recipient"]]
    for claim in two_sided:
        assert (claim["supplier"]["iso3"], claim["recipient"]["iso3"]) in by_pair
    assert page.evaluate("window.armsgraph.shown().claims") == len(two_sided)

    prk_rus = by_pair[("PRK", "RUS")]
    assert "North Korea \u2192 Russia" in view.hover_edge(prk_rus["id"])
    view.click_edge(prk_rus["id"], "North Korea \u2192 Russia")
    expected = {squash(c["sentence"]) for c in two_sided
                if (c["supplier"]["iso3"], c["recipient"]["iso3"]) == ("PRK", "RUS")}
    assert set(panel_claims(page)) == expected
    # the supplier, the recipient and the item are highlighted in each sentence
    marks = page.locator("#panel-body .ev").first.locator("mark")
    assert {m.get_attribute("class") for m in marks.all()} == {"sup", "rec", "item"}

    # the panel stays while the pointer travels over the page, the canvas and its text
    page.mouse.move(5, 5)
    page.mouse.move(700, 400)
    page.locator("#panel-body .ev").first.hover()
    page.wait_for_timeout(400)
    assert page.locator("#panel").is_visible()
    assert set(panel_claims(page)) == expected
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "seed-view-panel.png"))
    page.locator("#panel-close").click()
    assert not page.locator("#panel").is_visible()
    assert view.problems == []
    assert view.blocked == [], "the page tried to load something besides itself"


@pytest.fixture
def linked_network(make_document, make_claim, network_from):
    """Three articles on one pair (with links), spread over three months, and one more pair."""
    docs = [make_document(f"d{i}", title=f"Report {i}", url=f"https://example.org/r{i}",
                          published=f"2024-0{i}-15", publisher="Example Wire")
            for i in (1, 2, 3)]
    iran = Actor("Iran", "IRN", "Tehran")
    return network_from(
        (docs[0], [make_claim(doc_id="d1", status="negotiating")]),
        (docs[1], [make_claim(doc_id="d2", status="agreed")]),
        (docs[2], [make_claim(doc_id="d3", status="denied"),
                   make_claim(doc_id="d3", status="denied", supplier=iran,
                              sentence="Tehran denied it sent drones to Russia.",
                              item=Item("drones", "drones"))]))


def test_the_panel_links_open_the_article(linked_network, tmp_path, open_page):
    view = open_page(write_view(linked_network, tmp_path / "linked.html"))
    page = view.page
    view.context.route("https://example.org/**", lambda route: route.fulfill(
        status=200, content_type="text/html", body="<title>the article</title>"))
    edge = next(e for e in view.edges() if e["from"] == "PRK")
    view.click_edge(edge["id"], "North Korea \u2192 Russia")
    links = page.locator("#panel-body .ev a")
    assert links.count() == 3
    assert [links.nth(i).get_attribute("href") for i in range(3)] == [
        "https://example.org/r1", "https://example.org/r2", "https://example.org/r3"]
    assert links.first.inner_text() == "Report 1"
    with view.context.expect_page() as opened:
        links.first.click()
    article = opened.value
    article.wait_for_load_state()
    assert article.url == "https://example.org/r1"
    assert page.locator("#panel").is_visible()  # still there when the reader comes back
    assert view.problems == []


def test_only_denied_claims_remain_when_every_other_status_is_unticked(linked_network,
                                                                       tmp_path, open_page):
    view = open_page(write_view(linked_network, tmp_path / "denied.html"))
    page = view.page
    prk = next(e for e in view.edges() if e["from"] == "PRK")
    view.click_edge(prk["id"], "North Korea \u2192 Russia")
    assert len(panel_claims(page)) == 3

    for box in page.locator("#f-status input").all():
        if box.get_attribute("value") != "denied":
            box.uncheck()

    edges = view.edges()
    drawn = [e for e in edges if not e["drawnHidden"]]
    assert len(drawn) == 2  # each pair has one denied claim
    for e in drawn:
        assert e["state"]["statuses"] == {"denied": 1}
        assert e["colour"] == STATUS_COLOUR["denied"]
        assert e["width"] == 2
    assert page.evaluate("window.armsgraph.shown()") == {"claims": 2, "pairs": 2, "nodes": 3}
    assert "2 of 4 claims shown" in page.inner_text("#stats")
    # the open panel follows the filters: only the denied claim of the pair is listed
    assert page.locator("#panel-body .ev .st").all_inner_texts() == ["denied"]
    assert view.hover_edge(prk["id"]).count("claim(s) shown (1 denied)") == 1
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "denied-only-view.png"))

    page.locator('#f-status input[value="denied"]').uncheck()
    assert all(e["drawnHidden"] for e in view.edges())
    assert page.locator("#empty").is_visible()
    assert "No claim matches the filters" in page.inner_text("#empty")
    assert page.evaluate("window.armsgraph.nodes.get().filter(n => !n.hidden).length") == 0
    assert view.problems == []


def test_the_date_range_narrows_the_claims(linked_network, tmp_path, open_page):
    view = open_page(write_view(linked_network, tmp_path / "dates.html"))
    page = view.page
    assert "from 2024-01-15 to 2024-03-15" in page.inner_text("#date-label")

    def slide(which: str, value: int) -> None:
        page.locator(f"#date-{which}").evaluate(
            "(el, v) => { el.value = String(v); el.dispatchEvent(new Event('input')); }", value)

    slide("from", 1)
    assert "from 2024-02-15 to 2024-03-15" in page.inner_text("#date-label")
    assert page.evaluate("window.armsgraph.shown().claims") == 3
    slide("to", 1)
    assert page.evaluate("window.armsgraph.shown()") == {"claims": 1, "pairs": 1, "nodes": 2}
    (edge,) = [e for e in view.edges() if not e["drawnHidden"]]
    assert edge["colour"] == STATUS_COLOUR["agreed"]
    assert view.problems == []


def test_search_finds_an_actor_and_opens_its_panel(linked_network, tmp_path, open_page):
    view = open_page(write_view(linked_network, tmp_path / "search.html"))
    page = view.page
    page.locator("#search").fill("north k")
    page.locator("#search").press("Enter")
    assert page.inner_text("#panel-title") == "North Korea (state)"
    assert page.evaluate("window.armsgraph.network.getSelectedNodes()") == ["PRK"]
    assert len(panel_claims(page)) == 3
    page.locator("#search").fill("Atlantis")
    page.locator("#search").press("Enter")
    assert "No actor matches" in page.inner_text("#search-msg")
    assert view.problems == []


def test_two_loads_give_the_same_picture(tmp_path, open_page):
    path = write_view(synthetic_network(200, seed=5), tmp_path / "layout.html")
    first = open_page(path).positions()
    second = open_page(path).positions()
    assert first and first == second


def test_png_export_downloads_the_picture(linked_network, tmp_path, open_page):
    view = open_page(write_view(linked_network, tmp_path / "png.html"), accept_downloads=True)
    with view.page.expect_download() as download:
        view.page.locator("#png").click()
    target = tmp_path / "network.png"
    download.value.save_as(target)
    assert download.value.suggested_filename == "armsgraph-network.png"
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert target.stat().st_size > 2_000
    assert view.problems == []
    assert view.blocked == []


def test_markup_in_names_and_sentences_shows_as_text_and_runs_nothing(
        hostile_network, tmp_path, open_page):
    path = write_view(hostile_network, tmp_path / "hostile.html", title=f"view {XSS_SCRIPT}",
                      corpus=f"store {XSS_IMG}", filters=[f"centred on {XSS_SCRIPT}"])
    view = open_page(path)
    page = view.page

    labels = page.evaluate("window.armsgraph.nodes.get().map(n => n.label)")
    assert set(labels) == {f"Evil {XSS_IMG} Corp", f"Rebels {XSS_SCRIPT}"}
    (edge,) = view.edges()
    tooltip = view.hover_edge(edge["id"])
    assert f"Evil {XSS_IMG} Corp" in tooltip
    view.click_edge(edge["id"], f"Evil {XSS_IMG} Corp \u2192 Rebels {XSS_SCRIPT}")
    card = page.locator("#panel-body .ev").first
    assert XSS_IMG in card.inner_text() and XSS_SCRIPT in card.inner_text()
    assert card.locator("a").count() == 0  # a javascript: URL is no link
    assert XSS_IMG in page.inner_text("#about") and XSS_SCRIPT in page.inner_text("#about")
    page.locator("#search").fill(XSS_IMG)
    page.locator("#search").press("Enter")
    page.wait_for_timeout(300)  # give an injected onerror handler time to fire
    assert page.evaluate("document.querySelectorAll('img, iframe, [onerror]').length") == 0
    assert page.evaluate("document.scripts.length") == 3

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "hostile-view.png"))
    assert view.problems == []
    assert view.blocked == []


# --- large views and the filters inside the page ----------------------------------------

STATUSES = ["delivered", "agreed", "pledged", "negotiating", "reported", "denied"]
CATEGORIES = ["ammunition", "drones", "missiles", "artillery", "air-defence", "small-arms"]


def synthetic_network(n_edges: int, seed: int = 3) -> nx.DiGraph:
    """``n_edges`` supplier -> recipient pairs among ``n_edges / 4`` actors, 1-4 claims each
    (with an evidence sentence); the same network for the same arguments."""
    rng = random.Random(seed)
    n_nodes = max(8, n_edges // 4)
    m = nx.MultiDiGraph()
    for i in range(n_nodes):
        kind = "state" if i % 3 else rng.choice(["company", "armed-group", "organization"])
        m.add_node(f"A{i}", label=f"Actor {i} ({kind})", type=kind, iri="")
    pairs: set[tuple[str, str]] = set()
    while len(pairs) < n_edges:
        u, v = rng.randrange(n_nodes), rng.randrange(n_nodes)
        if u != v:
            pairs.add((f"A{u}", f"A{v}"))
    n = 0
    for u, v in sorted(pairs):
        for _ in range(rng.choice([1, 1, 1, 2, 2, 3, 4])):
            n += 1
            status, category = rng.choice(STATUSES), rng.choice(CATEGORIES)
            m.add_edge(u, v, key=f"c{n}", status=status, category=category, item=category,
                       sentence=f"{u} {status} {category} to {v} (claim {n}).",
                       document=f"d{n}", title=f"Report {n}", url=f"https://example.org/{n}",
                       date="2024-01-01", source="")
    return supplier_network(m)


def visible_edge_count(page, expected: int | None = None) -> int:
    """The edges the network draws (not hidden) after the page's filters ran; waits (up to
    5 s) until the count reaches ``expected`` when it is given, then returns what it is."""
    script = """n => {
        const drawn = Object.values(window.armsgraph.network.body.edges)
            .filter(e => !e.options.hidden).length;
        return n === null || drawn === n;
        }"""
    # on a timeout, return what the page holds: the caller's assertion says the rest
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(script, arg=expected, timeout=5_000)
    return page.evaluate("""() => Object.values(window.armsgraph.network.body.edges)
        .filter(e => !e.options.hidden).length""")


def test_large_view_keeps_the_strongest_pairs_says_so_and_settles(tmp_path, open_page):
    d = synthetic_network(3_000)
    path = write_view(d, tmp_path / "large.html", max_edges=2_500)

    start = time.perf_counter()
    view = open_page(path, ready_ms=30_000)
    settled = time.perf_counter() - start
    page = view.page

    assert settled < 30
    assert page.evaluate("window.armsgraph.edges.length") == 2_500
    assert visible_edge_count(page, 2_500) == 2_500
    notice = page.locator("#notice")
    assert "Showing the 2,500 strongest of 3,000 supplier\u2192recipient pairs" in (
        notice.inner_text())
    strongest = page.get_by_text("strongest of 3,000", exact=False)
    assert strongest.is_visible()
    strongest.scroll_into_view_if_needed()
    box = strongest.bounding_box()
    assert box and box["width"] > 0 and box["height"] > 0
    assert "2500 of 2500 supplier\u2192recipient pairs," in page.inner_text("#stats")
    # the strongest pairs are those kept: the weakest kept pair has no fewer claims than
    # any pair left out
    kept = page.evaluate("""window.armsgraph.edges.get().map(
        (e, i) => [e.from, e.to, window.armsgraph.pair(i).claims])""")
    kept_pairs = {(u, v) for u, v, _ in kept}
    dropped = [e["claims"] for u, v, e in d.edges(data=True) if (u, v) not in kept_pairs]
    assert len(dropped) == 500
    assert min(c for *_, c in kept) >= max(dropped)

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "large-view.png"))
    assert view.problems == []
    assert view.blocked == []


def test_status_and_category_boxes_hide_and_show_edges(tmp_path, open_page):
    d = synthetic_network(120, seed=11)
    path = write_view(d, tmp_path / "filters.html")
    view = open_page(path)
    page = view.page
    edges = [(set(e["statuses"]), set(e["categories"])) for *_, e in d.edges(data=True)]
    total = len(edges)
    assert visible_edge_count(page, total) == total

    def shown(statuses: set[str], categories: set[str]) -> int:
        return sum(1 for s, c in edges if s & statuses and c & categories)

    # a pair stays while one of its statuses (and one of its categories) is still checked
    page.locator('#f-status input[value="delivered"]').uncheck()
    expected = shown(set(STATUSES) - {"delivered"}, set(CATEGORIES))
    assert 0 < expected < total
    assert visible_edge_count(page, expected) == expected
    assert f"{expected} of {total} supplier\u2192recipient pairs," in (
        page.inner_text("#stats"))

    page.locator('#f-category input[value="drones"]').uncheck()
    expected = shown(set(STATUSES) - {"delivered"}, set(CATEGORIES) - {"drones"})
    assert visible_edge_count(page, expected) == expected
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "filtered-view.png"))

    for box in page.locator("#f-status input").all():
        box.uncheck()
    assert visible_edge_count(page, 0) == 0
    assert f"0 of {total} supplier\u2192recipient pairs," in page.inner_text("#stats")

    for box in page.locator("#f-status input, #f-category input").all():
        box.check()
    assert visible_edge_count(page, total) == total
    assert view.problems == []
    assert view.blocked == []


def register_layer():
    """A register network of one deal between two actors no claim names."""
    from armsgraph.graph.sipri import register_network

    row = {"transfer": "t1", "supplier": {"iri": "https://w3id.org/armsgraph/id/state/FRA",
                                          "label": "France", "type": "state"},
           "recipient": {"iri": "https://w3id.org/armsgraph/id/state/IND", "label": "India",
                         "type": "state"},
           "designation": "Rafale", "description": "FGA aircraft", "category": "aircraft",
           "status": "delivered", "order_year": 2016, "number_ordered": 36,
           "deliveries": [[2020, 10, 800.0]], "tiv_delivered": 800.0, "comments": "",
           "import": "https://w3id.org/armsgraph/id/graph/register-x", "file": "r.csv",
           "line": 2}
    return register_network([row])


def test_register_marks_and_layer(linked_network, tmp_path, open_page):
    claim = next(ev["claim"] for ev in linked_network["PRK"]["RUS"]["evidence"]
                 if ev["status"] == "agreed")
    path = write_view(linked_network, tmp_path / "sipri.html",
                      corroborated={claim: "same supplier and recipient; written for a test"},
                      layer=register_layer())
    view = open_page(path)
    page = view.page
    assert "1 claim(s) confirmed by the register" in page.inner_text("#register-note")
    prk = next(e for e in view.edges() if e["id"].startswith("e") and e["from"] == "PRK")
    assert page.evaluate(f"window.armsgraph.network.body.edges['{prk['id']}'].options.label"
                         ) == "\u2713"
    view.click_edge(prk["id"], "North Korea \u2192 Russia")
    assert page.locator("#panel-body .sipri").all_inner_texts() == [
        "\u2713 confirmed by the SIPRI register: same supplier and recipient; written for a "
        "test"]
    # the layer: hidden until asked for, then its pair and actors are drawn
    hidden = page.evaluate("""() => ({edge: window.armsgraph.network.body.edges['r0']
        .options.hidden, node: window.armsgraph.nodes.get('FRA').hidden})""")
    assert hidden == {"edge": True, "node": True}
    page.locator("#f-register").check()
    assert page.evaluate("window.armsgraph.registerShown()") == 1
    assert page.evaluate("window.armsgraph.nodes.get('FRA').hidden") is False
    assert "1 register-only pairs" in page.inner_text("#stats")
    assert "Rafale" in view.hover_edge("r0")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "sipri-view.png"))
    assert view.problems == []
    assert view.blocked == []
