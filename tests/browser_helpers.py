"""Shared by the browser tests: Debian's Chromium found (or the module skipped where CI is
unset), a guarded page that may load only its own file and records every console error,
uncaught exception and dialog."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import REPO_ROOT

CHROMIUM = next((p for p in (os.environ.get("ARMSGRAPH_CHROMIUM"), "/usr/bin/chromium",
                             shutil.which("chromium"), shutil.which("chromium-browser"))
                 if p and Path(p).is_file()), None)
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
ARTIFACTS = REPO_ROOT / "test-artifacts"
READY_MS = 20_000


def skip_without_chromium() -> None:
    """Skip the calling test module where no Chromium exists and CI is unset."""
    if CHROMIUM is None and not os.environ.get("CI"):
        pytest.skip("no chromium executable (apt-get install chromium); CI does not skip",
                    allow_module_level=True)


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium for a test module (a plugin of conftest.py)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


def launch(playwright):
    if CHROMIUM is None:
        pytest.fail("CI is set but no chromium executable was found: .ci/run must install it")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


class GuardedPage:
    """A page that may load only its own file, with every error and dialog recorded."""

    def __init__(self, browser, path: Path, accept_downloads: bool = False):
        self.url = path.resolve().as_uri()
        self.problems: list[str] = []
        self.blocked: list[str] = []
        self.context = browser.new_context(viewport={"width": 1280, "height": 800},
                                           accept_downloads=accept_downloads)
        self.page = self.context.new_page()
        self.page.route("**/*", self._route)
        self.page.on("console", lambda m: m.type == "error" and self.problems.append(
            f"console error: {m.text}"))
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on("dialog", self._dialog)

    def _route(self, route):
        url = route.request.url
        if url == self.url or url.startswith(("blob:", "data:")):
            route.continue_()
        else:
            self.blocked.append(url)
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

    def close(self):
        self.context.close()


def squash(text: str) -> str:
    return " ".join(text.split())
