"""Reading the HTML pages armsgraph writes (the view, the claims browser) in tests."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser


def start_tags(page: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    """The elements an HTML parser sees (script content is data, as in a browser)."""
    tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    class Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            tags.append((tag, attrs))

    Parser().feed(page)
    return tags


def embedded_data(page: str) -> dict:
    """The JSON a page embeds in its ``<script id="data" type="application/json">``."""
    match = re.search(r'<script id="data" type="application/json">(.*?)</script>', page, re.S)
    assert match, "the page embeds no data"
    return json.loads(match.group(1))
