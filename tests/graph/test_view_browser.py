"""The HTML view in a real headless Chromium (Debian's, driven by Playwright).

Every request other than the page file itself is aborted, so the page must be
self-contained; any console error, uncaught exception or dialog fails the test.
Skipped only where no Chromium exists and CI is unset: in CI a missing browser fails.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import time
from pathlib import Path

import networkx as nx
import pytest
from conftest import REPO_ROOT, XSS_IMG, XSS_SCRIPT

CHROMIUM = next((p for p in (os.environ.get("ARMSGRAPH_CHROMIUM"), "/usr/bin/chromium",
                             shutil.which("chromium"), shutil.which("chromium-browser"))
                 if p and Path(p).is_file()), None)
if CHROMIUM is None and not os.environ.get("CI"):
    pytest.skip("no chromium executable (apt-get install chromium); CI does not skip",
                allow_module_level=True)

from playwright.sync_api import TimeoutError as PlaywrightTimeout  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from armsgraph.graph.network import supplier_network  # noqa: E402
from armsgraph.graph.view import write_view  # noqa: E402

pytestmark = pytest.mark.browser

ARTIFACTS = REPO_ROOT / "test-artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
READY_MS = 20_000


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.fail("CI is set but no chromium executable was found: .ci/run must install it")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class GuardedPage:
    """A page that may load only its own file, with every error and dialog recorded."""

    def __init__(self, browser, path: Path):
        self.url = path.resolve().as_uri()
        self.problems: list[str] = []
        self.blocked: list[str] = []
        self.context = browser.new_context(viewport={"width": 1280, "height": 800})
        self.page = self.context.new_page()
        self.page.route("**/*", self._route)
        self.page.on("console", lambda m: m.type == "error" and self.problems.append(
            f"console error: {m.text}"))
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on("dialog", self._dialog)

    def _route(self, route):
        if route.request.url == self.url:
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def _dialog(self, dialog):
        self.problems.append(f"dialog ({dialog.type}): {dialog.message}")
        dialog.dismiss()

    def open(self, ready_ms: int = READY_MS):
        self.page.goto(self.url, timeout=ready_ms)
        # a function, not an expression: Playwright polls an expression with eval, which
        # the page's CSP (no 'unsafe-eval') blocks whenever the first check comes too early
        self.page.wait_for_function(
            "() => window.armsgraph && window.armsgraph.ready === true", timeout=ready_ms)
        return self.page

    def hover_edge(self, edge_id: str) -> str:
        """Move the mouse onto an edge and return the tooltip's textContent."""
        for t in (0.5, 0.4, 0.6, 0.3, 0.7):
            point = self.page.evaluate(
                """([id, t]) => {
                    const net = window.armsgraph.network;
                    const p = net.canvasToDOM(net.body.edges[id].edgeType.getPoint(t));
                    const r = document.getElementById("network").getBoundingClientRect();
                    return {x: p.x + r.left, y: p.y + r.top};
                }""", [edge_id, t])
            self.page.mouse.move(point["x"] - 3, point["y"])
            self.page.mouse.move(point["x"], point["y"])
            try:
                self.page.wait_for_function(
                    """() => { const t = document.querySelector("div.vis-tooltip");
                               return t && t.style.visibility !== "hidden"
                                      && t.textContent.length > 0; }""", timeout=2_000)
            except Exception:  # noqa: BLE001  (a node label in the way: try another point)
                continue
            return self.page.evaluate("document.querySelector('div.vis-tooltip').textContent")
        raise AssertionError(f"no tooltip appeared when hovering edge {edge_id}")

    def close(self):
        self.context.close()


def squash(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def open_page(browser):
    pages: list[GuardedPage] = []

    def open_(path: Path, ready_ms: int = READY_MS) -> GuardedPage:
        guarded = GuardedPage(browser, path)
        pages.append(guarded)
        guarded.open(ready_ms)
        return guarded

    yield open_
    for p in pages:
        p.close()


def test_seed_view_draws_the_network_and_shows_evidence_on_hover(seed_build, open_page):
    out, _report = seed_build
    claims = [json.loads(line) for line in (out / "claims.jsonl").read_text("utf-8").splitlines()]
    view = open_page(out / "graph.html")
    page = view.page

    labels = page.evaluate("window.armsgraph.nodes.get().map(n => n.label)")
    assert {"Russia", "North Korea", "Iran"} <= set(labels)

    edges = page.evaluate("""window.armsgraph.edges.get().map(
        e => ({id: e.id, from: e.from, to: e.to, text: e.title.textContent}))""")
    by_pair = {(e["from"], e["to"]): e for e in edges}
    for claim in claims:
        if claim["supplier"] and claim["recipient"]:
            pair = (claim["supplier"]["iso3"], claim["recipient"]["iso3"])
            assert pair in by_pair, f"no edge for {pair}"
            assert squash(claim["sentence"]) in squash(by_pair[pair]["text"])

    prk_rus = by_pair[("PRK", "RUS")]
    tooltip = view.hover_edge(prk_rus["id"])
    sentences = [squash(c["sentence"]) for c in claims
                 if (c["supplier"] or {}).get("iso3") == "PRK"
                 and (c["recipient"] or {}).get("iso3") == "RUS"]
    assert any(s in squash(tooltip) for s in sentences), tooltip

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "seed-view.png"))
    assert view.problems == []
    assert view.blocked == [], "the page tried to load something besides itself"


def test_markup_in_names_and_sentences_shows_as_text_and_runs_nothing(
        hostile_network, tmp_path, open_page):
    path = write_view(hostile_network, tmp_path / "hostile.html")
    view = open_page(path)
    page = view.page

    labels = page.evaluate("window.armsgraph.nodes.get().map(n => n.label)")
    assert set(labels) == {f"Evil {XSS_IMG} Corp", f"Rebels {XSS_SCRIPT}"}
    (edge,) = page.evaluate("""window.armsgraph.edges.get().map(e => ({id: e.id,
        text: e.title.textContent,
        markup: e.title.querySelectorAll("img, script, iframe, [onerror]").length}))""")
    assert XSS_IMG in edge["text"] and XSS_SCRIPT in edge["text"]
    assert edge["markup"] == 0

    tooltip = view.hover_edge(edge["id"])
    assert XSS_IMG in tooltip and XSS_SCRIPT in tooltip
    page.wait_for_timeout(300)  # give an injected onerror handler time to fire
    assert page.evaluate("document.querySelectorAll('img, iframe, [onerror]').length") == 0
    assert page.evaluate("document.scripts.length") == 2

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
    """The edges the network holds after the page's filter (its DataView) ran. vis-network
    syncs its body from the view asynchronously: wait (up to 5 s) until they agree and, when
    ``expected`` is given, until the count reaches it, then return what the page holds."""
    script = """n => {
        const net = window.armsgraph.network;
        const inView = net.body.data.edges.getIds().length;
        return inView === Object.keys(net.body.edges).length && (n === null || inView === n);
        }"""
    # on a timeout, return what the page holds: the caller's assertion says the rest
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(script, arg=expected, timeout=5_000)
    return page.evaluate("() => window.armsgraph.network.body.data.edges.getIds().length")


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
    assert "2500 of 2500 supplier\u2192recipient pairs shown" in page.inner_text("#stats")
    # the strongest pairs are those kept: the weakest kept pair has no fewer claims than
    # any pair left out
    kept = page.evaluate("window.armsgraph.edges.get().map(e => [e.from, e.to, e.claims])")
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
    assert f"{expected} of {total} supplier\u2192recipient pairs shown" in (
        page.inner_text("#stats"))

    page.locator('#f-category input[value="drones"]').uncheck()
    expected = shown(set(STATUSES) - {"delivered"}, set(CATEGORIES) - {"drones"})
    assert visible_edge_count(page, expected) == expected
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "filtered-view.png"))

    for box in page.locator("#f-status input").all():
        box.uncheck()
    assert visible_edge_count(page, 0) == 0
    assert f"0 of {total} supplier\u2192recipient pairs shown" in page.inner_text("#stats")

    for box in page.locator("#f-status input, #f-category input").all():
        box.check()
    assert visible_edge_count(page, total) == total
    assert view.problems == []
    assert view.blocked == []
