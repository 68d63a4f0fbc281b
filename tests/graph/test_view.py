"""The HTML view: one self-contained file, with every text from articles escaped."""

from __future__ import annotations

import re

import pytest
from conftest import XSS_IMG, XSS_SCRIPT
from page_helpers import embedded_data, start_tags

from armsgraph.extract.claims import Actor, Item
from armsgraph.graph.view import (
    LAYOUT_SEED,
    MAX_NODE_SIZE,
    STATUS_COLOUR,
    TYPE_STYLE,
    build_network,
    node_size,
    render_html,
    write_view,
)


def claims_of(data: dict) -> list[dict]:
    """The embedded claims with their field names and their article."""
    fields = ("pair", "status", "category", "item", "designation", "sentence", "article",
              "stated_date", "source", "supplier_mention", "recipient_mention", "register_match")
    out = []
    for row in data["claims"]:
        claim = dict(zip(fields, row, strict=True))
        claim["article"] = dict(zip(("id", "title", "url", "date", "publisher"),
                                    data["docs"][claim["article"]], strict=True))
        u, v = data["pairs"][claim["pair"]]
        claim["pair"] = (data["nodes"][u]["id"], data["nodes"][v]["id"])
        out.append(claim)
    return out


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


def test_page_embeds_the_nodes_and_every_claim_of_each_pair(seedlike_network):
    data = embedded_data(render_html(seedlike_network))

    assert {n["label"] for n in data["nodes"]} == {"North Korea", "Russia", "Iran"}
    claims = claims_of(data)
    assert {c["sentence"] for c in claims} == {
        "North Korea delivered artillery shells to Russia.", "Iran delivered drones to Russia."}
    assert {c["pair"] for c in claims} == {("PRK", "RUS"), ("IRN", "RUS")}
    assert data["statuses"] == ["delivered", "negotiating"]
    assert data["categories"] == ["ammunition", "drones"]
    assert {c["article"]["url"] for c in claims} == {"https://example.org/shells"}
    assert {c["article"]["title"] for c in claims} == {"Shells for Moscow"}
    assert {c["supplier_mention"] for c in claims} == {"North Korea", "Iran"}


def test_edge_colour_starts_from_its_dominant_status(seedlike_network):
    data = embedded_data(render_html(seedlike_network))

    page_edges = {tuple(data["nodes"][i]["id"] for i in pair) for pair in data["pairs"]}
    assert page_edges == {("PRK", "RUS"), ("IRN", "RUS")}
    net = build_network(seedlike_network)
    colours = {(e["from"], e["to"]): e["color"] for e in net.edges}
    assert colours == {("PRK", "RUS"): STATUS_COLOUR["delivered"],
                       ("IRN", "RUS"): STATUS_COLOUR["negotiating"]}


def test_node_shape_and_colour_follow_the_actor_type(hostile_network):
    data = embedded_data(render_html(hostile_network))

    by_kind = {n["kind"]: n for n in data["nodes"]}
    assert set(by_kind) == {"company", "armed-group"}
    for kind, node in by_kind.items():
        shape, colour = TYPE_STYLE[kind]
        assert node["shape"] == shape
        assert node["color"] == colour, f"{kind} node is not drawn in its legend colour"
    # the legend lists the types drawn, with their shapes and colours
    assert data["typeStyle"] == [{"kind": k, "shape": TYPE_STYLE[k][0], "color": TYPE_STYLE[k][1]}
                                 for k in ("armed-group", "company")]


def test_node_sizes_are_capped():
    import networkx as nx

    d = nx.DiGraph()
    d.add_node("A", label="A", type="state")
    d.add_node("B", label="B", type="state")
    d.add_edge("A", "B", claims=5000, documents=1, categories={"drones": 5000},
               statuses={"delivered": 5000}, evidence=[])
    sizes = {n["id"]: n["size"] for n in build_network(d).nodes}
    assert sizes == {"A": MAX_NODE_SIZE, "B": MAX_NODE_SIZE}
    assert node_size(0) == 10 and node_size(4) == 16


def test_markup_in_labels_and_sentences_never_appears_raw(hostile_network):
    page = render_html(hostile_network, title=f"view {XSS_SCRIPT}",
                       corpus=f"store {XSS_IMG}", filters=[f"centred on {XSS_SCRIPT}"])

    assert XSS_IMG not in page
    assert XSS_SCRIPT not in page
    assert "<img" not in page.lower()
    tags = start_tags(page)
    assert [t for t, _ in tags if t == "script"] == ["script", "script", "script"]
    assert not [t for t, _ in tags if t in ("img", "iframe", "object", "embed", "svg")]
    assert not [(t, a) for t, attrs in tags for a, _ in attrs if a.startswith("on")]
    # inside the data script, markup characters only as JSON escapes
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in page
    assert "\\u003c/script\\u003e\\u003cscript\\u003ealert(1)" in page
    assert "<title>view &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>" in page


def test_markup_survives_as_text_in_the_data(hostile_network):
    data = embedded_data(render_html(hostile_network, corpus=f"store {XSS_IMG}"))

    labels = {n["label"] for n in data["nodes"]}
    assert labels == {f"Evil {XSS_IMG} Corp", f"Rebels {XSS_SCRIPT}"}  # set as text
    (claim,) = claims_of(data)
    assert XSS_IMG in claim["sentence"] and XSS_SCRIPT in claim["sentence"]
    assert claim["article"]["url"] == "javascript:alert(1)"  # the page links http(s) only
    assert data["corpus"] == f"store {XSS_IMG}"


def test_page_states_the_corpus_the_date_span_and_the_filters(make_document, make_claim,
                                                               network_from):
    a = make_document("a", published="1987-02-26")
    b = make_document("b", published="1987-03-04")
    d = network_from((a, [make_claim(doc_id="a")]), (b, [make_claim(doc_id="b")]))

    data = embedded_data(render_html(d, corpus="store out/store",
                                     filters=["status not: denied"]))

    assert data["span"] == ["1987-02-26", "1987-03-04"]
    assert data["corpus"] == "store out/store"
    assert data["filters"] == ["status not: denied"]
    assert [c["article"]["date"] for c in claims_of(data)] == ["1987-02-26", "1987-03-04"]


def test_the_same_network_gives_the_same_page(seedlike_network):
    import networkx as nx

    shuffled = nx.DiGraph()  # the same graph, its nodes and edges added in another order
    shuffled.add_nodes_from(reversed(list(seedlike_network.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(seedlike_network.edges(data=True))))
    assert render_html(shuffled) == render_html(seedlike_network)
    assert embedded_data(render_html(seedlike_network))["seed"] == LAYOUT_SEED


def test_page_title_is_escaped(seedlike_network):
    page = render_html(seedlike_network, title="Arms <b>& more</b>")

    assert "<title>Arms &lt;b&gt;&amp; more&lt;/b&gt;</title>" in page


def test_empty_network_still_renders(network_from):
    data = embedded_data(render_html(network_from()))

    assert data["nodes"] == [] and data["pairs"] == [] and data["claims"] == []


def test_write_view_writes_the_page_and_leaves_no_temporary_file(seedlike_network, tmp_path):
    target = tmp_path / "views" / "graph.html"

    path = write_view(seedlike_network, target)

    assert path == target
    assert target.read_text("utf-8") == render_html(seedlike_network)
    assert [p.name for p in target.parent.iterdir()] == ["graph.html"]
