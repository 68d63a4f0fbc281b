"""The HTML view in a real headless Chromium (Debian's, driven by Playwright).

Every request other than the page file itself is aborted, so the page must be
self-contained; any console error, uncaught exception or dialog fails the test.
Skipped only where no Chromium exists and CI is unset: in CI a missing browser fails.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import REPO_ROOT, XSS_IMG, XSS_SCRIPT

CHROMIUM = next((p for p in (os.environ.get("ARMSGRAPH_CHROMIUM"), "/usr/bin/chromium",
                             shutil.which("chromium"), shutil.which("chromium-browser"))
                 if p and Path(p).is_file()), None)
if CHROMIUM is None and not os.environ.get("CI"):
    pytest.skip("no chromium executable (apt-get install chromium); CI does not skip",
                allow_module_level=True)

from playwright.sync_api import sync_playwright  # noqa: E402

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

    def open(self):
        self.page.goto(self.url)
        self.page.wait_for_function("window.armsgraph && window.armsgraph.ready === true",
                                    timeout=READY_MS)
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

    def open_(path: Path) -> GuardedPage:
        guarded = GuardedPage(browser, path)
        pages.append(guarded)
        guarded.open()
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
