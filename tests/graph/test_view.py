"""The HTML view: one self-contained file, with every text from articles escaped."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser

import pytest
from conftest import XSS_IMG, XSS_SCRIPT

from armsgraph.extract.claims import Actor, Item
from armsgraph.graph.view import STATUS_COLOUR, TYPE_STYLE, render_html, write_view


def start_tags(page: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    """The elements an HTML parser sees (script content is data, as in a browser)."""
    tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    class Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            tags.append((tag, attrs))

    Parser().feed(page)
    return tags


def embedded_data(page: str) -> dict:
    match = re.search(r"var DATA = (.*);\n", page)
    assert match, "the page embeds no DATA"
    return json.loads(match.group(1))


@pytest.fixture
def seedlike_network(make_document, make_claim, network_from):
    doc = make_document("a", title="Shells for Moscow", url="https://example.org/shells")
    iran = Actor("Iran", "IRN", "Iran")
    return network_from((doc, [
        make_claim(doc_id="a"),
        make_claim(doc_id="a", sentence="Iran delivered drones to Russia.", supplier=iran,
                   item=Item("drones", "drones"), status="negotiating"),
    ]))


def test_page_loads_nothing_from_outside(seedlike_network):
    page = render_html(seedlike_network)

    tags = re.findall(r"<(?:script|link|style|img|iframe)\b[^>]*>", page, flags=re.I)
    assert tags, "no script or style element at all"
    assert not [t for t in tags if re.search(r"\b(?:src|href)\s*=", t, flags=re.I)]
    assert not re.search(r"@import|url\(\s*['\"]?\s*(?:https?:)?//", page, flags=re.I)
    assert "default-src 'none'" in page  # the CSP forbids any fetch
    assert "vis.Network" in page and "function" in page.split("<script>", 1)[1][:2000]


def test_page_embeds_the_nodes_and_evidence(seedlike_network):
    data = embedded_data(render_html(seedlike_network))

    assert {n["label"] for n in data["nodes"]} == {"North Korea", "Russia", "Iran"}
    titles = " ".join(e["title"] for e in data["edges"])
    assert "North Korea delivered artillery shells to Russia." in titles
    assert "Iran delivered drones to Russia." in titles
    assert data["statuses"] == ["delivered", "negotiating"]
    assert data["categories"] == ["ammunition", "drones"]
    assert 'href="https://example.org/shells"' in titles


def test_edge_colour_follows_its_status(seedlike_network):
    data = embedded_data(render_html(seedlike_network))

    colours = {tuple(e["statuses"]): e["color"] for e in data["edges"]}
    assert colours == {("delivered",): STATUS_COLOUR["delivered"],
                       ("negotiating",): STATUS_COLOUR["negotiating"]}


def test_node_shape_and_colour_follow_the_actor_type(hostile_network):
    data = embedded_data(render_html(hostile_network))

    by_group = {n["group"]: n for n in data["nodes"]}
    assert set(by_group) == {"company", "armed-group"}
    for group, node in by_group.items():
        shape, colour = TYPE_STYLE[group]
        assert node["shape"] == shape
        assert node.get("color") == colour, f"{group} node is not drawn in its legend colour"


def test_markup_in_labels_and_sentences_never_appears_raw(hostile_network):
    page = render_html(hostile_network, title=f"view {XSS_SCRIPT}")

    assert XSS_IMG not in page
    assert XSS_SCRIPT not in page
    assert "<img" not in page.lower()
    tags = start_tags(page)
    assert [t for t, _ in tags if t == "script"] == ["script", "script"]
    assert not [t for t, _ in tags if t in ("img", "iframe", "object", "embed", "svg")]
    assert not [(t, a) for t, attrs in tags for a, _ in attrs if a.startswith("on")]
    # only escaped forms: HTML-escaped in tooltips, then JSON-escaped inside the script
    assert "\\u0026lt;img src=x onerror=alert(1)\\u0026gt;" in page
    assert "\\u0026lt;/script\\u0026gt;\\u0026lt;script\\u0026gt;alert(1)" in page
    assert "<title>view &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>" in page


def test_markup_survives_as_escaped_text_in_the_data(hostile_network):
    data = embedded_data(render_html(hostile_network))

    labels = {n["label"] for n in data["nodes"]}
    assert labels == {f"Evil {XSS_IMG} Corp", f"Rebels {XSS_SCRIPT}"}  # canvas text, not HTML
    (edge,) = data["edges"]
    assert html.escape(XSS_IMG) in edge["title"]
    assert html.escape(XSS_SCRIPT) in edge["title"]
    assert "<img" not in edge["title"] and "<script" not in edge["title"]
    assert 'href="javascript:' not in edge["title"]
    for node in data["nodes"]:
        assert "<img" not in node["title"] and "<script" not in node["title"]


def test_page_title_is_escaped(seedlike_network):
    page = render_html(seedlike_network, title="Arms <b>& more</b>")

    assert "<title>Arms &lt;b&gt;&amp; more&lt;/b&gt;</title>" in page


def test_empty_network_still_renders(network_from):
    data = embedded_data(render_html(network_from()))

    assert data["nodes"] == [] and data["edges"] == []


def test_write_view_writes_the_page_and_leaves_no_temporary_file(seedlike_network, tmp_path):
    target = tmp_path / "views" / "graph.html"

    path = write_view(seedlike_network, target)

    assert path == target
    assert target.read_text("utf-8") == render_html(seedlike_network)
    assert [p.name for p in target.parent.iterdir()] == ["graph.html"]
