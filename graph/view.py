"""Interactive supplier -> recipient views: one self-contained HTML file.

pyvis models the network (nodes and pairs); the page embeds every claim of the pairs it
shows, so that filters inside the page act on claims: unticking a status or narrowing the
dates recomputes each edge's width, colour and tooltip from the claims left, and a side
panel lists the claims of the edge or actor clicked. The page is rendered with Jinja2 from
our own template: vis-network's script and stylesheet are inlined (nothing is fetched), the
data is embedded with Jinja's ``tojson`` (``<``, ``>``, ``&`` and ``'`` escaped, so no text
can close the script element), and the page's script builds every element from article
text with ``textContent``, never as markup.
"""

from __future__ import annotations

import math
from functools import cache
from importlib import resources
from pathlib import Path

import jinja2
import networkx as nx
import orjson
from markupsafe import Markup
from pyvis.network import Network

from .atomic import atomic_write_text
from .network import bulk_objects, dominant_status, strongest_edges

TYPE_STYLE = {  # shape and colour by actor type
    "state": ("dot", "#4C78A8"),
    "armed-group": ("triangle", "#E45756"),
    "company": ("square", "#54A24B"),
    "organization": ("diamond", "#B279A2"),
    "actor": ("dot", "#9D9D9D"),
}
STATUS_COLOUR = {
    "delivered": "#2ca02c", "agreed": "#1f77b4", "pledged": "#9467bd",
    "negotiating": "#ff7f0e", "reported": "#7f7f7f", "denied": "#d62728",
}
PHYSICS_LIMIT = 1000  # past this many edges: straight edges and a short, cheaper layout
MAX_EDGES = 2500  # past this many pairs the view keeps the strongest and says so
MAX_NODE_SIZE = 40  # a hub's node never covers its neighbours
LAYOUT_SEED = 20240101  # same file, same picture


def _vis_asset(name: str) -> str:
    base = resources.files("pyvis").joinpath("lib", "vis-9.1.2", name)
    return base.read_text("utf-8")


@cache
def page_environment() -> jinja2.Environment:
    """The templates of this package (the view, the claims browser): every substitution
    HTML-escaped unless marked safe, an undefined name an error, and ``tojson``'s own
    escaping (``<``, ``>``, ``&`` and ``'`` as ``\\u`` escapes) over orjson's compact
    encoding, non-ASCII text as itself."""
    env = jinja2.Environment(loader=jinja2.PackageLoader("armsgraph.graph", "."),
                             autoescape=True, undefined=jinja2.StrictUndefined,
                             keep_trailing_newline=True)
    env.policies["json.dumps_function"] = lambda obj, **_kw: orjson.dumps(obj).decode()
    return env


def node_size(claims: int) -> float:
    """Area, not radius, grows with the claims, capped at :data:`MAX_NODE_SIZE`."""
    return round(min(10 + 3 * math.sqrt(claims), MAX_NODE_SIZE), 1)


def build_network(d: nx.DiGraph) -> Network:
    """A pyvis ``Network`` of an aggregated supplier network (see ``supplier_network``):
    nodes in id order, edges in (supplier, recipient) order, so the same network gives the
    same page."""
    net = Network(directed=True, height="100%", width="100%", cdn_resources="in_line")
    volume = {n: sum(e["claims"] for _, _, e in d.in_edges(n, data=True))
              + sum(e["claims"] for _, _, e in d.out_edges(n, data=True)) for n in d}
    for n in sorted(d):
        attrs = d.nodes[n]
        kind = attrs.get("type", "actor")
        shape, colour = TYPE_STYLE.get(kind, TYPE_STYLE["actor"])
        label = attrs.get("label", n)
        net.add_node(n, label=label, shape=shape, color=colour, size=node_size(volume[n]),
                     title=f"{label} ({kind}): {volume[n]} claim(s)", group=kind)
        net.get_node(n)["color"] = colour  # pyvis drops color= when a group is given
        net.get_node(n)["kind"] = kind
    for u, v in sorted(d.edges()):
        data = d.edges[u, v]
        net.add_edge(u, v, width=1 + min(data["claims"], 10),
                     color=STATUS_COLOUR.get(dominant_status(data["statuses"]), "#999999"),
                     claims=data["claims"])
    return net


def _claims(d: nx.DiGraph, pairs: list[tuple[str, str]],
            corroborated: dict[str, str] | None = None) -> tuple[list, list]:
    """The claims of ``pairs`` as compact rows, with the articles they cite once each:
    ``[pair, status, category, item, designation, sentence, article, stated date, source,
    supplier mention, recipient mention, register match]`` and ``[id, title, url, date,
    publisher]``; a pair's claims in article-date order (undated last). The register match
    is the reason a register deal confirms the claim (``corroborated``), or empty."""
    corroborated = corroborated or {}
    docs: dict[tuple, int] = {}
    articles: list[tuple] = []
    claims = []
    for i, (u, v) in enumerate(pairs):
        rows = []
        for ev in d.edges[u, v]["evidence"]:
            g = ev.get
            doc = (g("document") or "", g("title") or "", g("url") or "",
                   (g("date") or "")[:10], g("publisher") or "")
            j = docs.get(doc)
            if j is None:
                j = docs[doc] = len(articles)
                articles.append(doc)
            rows.append([i, g("status") or "reported", g("category") or "other",
                         g("item") or "", g("designation") or "", g("sentence") or "", j,
                         g("stated_date") or "", g("source") or "",
                         g("supplier_mention") or "", g("recipient_mention") or "",
                         corroborated.get(g("claim") or "", "")])
        if len(rows) > 1:
            rows.sort(key=lambda r: (articles[r[6]][3] or "9999", articles[r[6]][0], r[5]))
        claims.extend(rows)
    return claims, [list(doc) for doc in articles]


def view_data(d: nx.DiGraph, max_edges: int = MAX_EDGES, notes: list[str] | None = None,
              corpus: str | None = None, filters: list[str] | None = None,
              corroborated: dict[str, str] | None = None,
              layer: nx.DiGraph | None = None) -> dict:
    """What the page embeds: actors, pairs, every claim of the pairs, articles, and what
    made the view (the corpus, the filters, notes). ``corroborated`` (claim IRI -> reason)
    marks the claims a register confirms; ``layer`` (a network of register deals, see
    :func:`graph.sipri.register_network`) adds its pairs that no claim states as a layer
    the page shows on demand."""
    notes = list(notes or [])
    total = d.number_of_edges()
    if total > max_edges:
        d = strongest_edges(d, max_edges)
        notes.append(f"Showing the {max_edges:,} strongest of {total:,} supplier\u2192recipient "
                     "pairs; filter by category, status, date or actor to see the rest.")
    layer_pairs = [] if layer is None else sorted(
        (u, v) for u, v in layer.edges() if not d.has_edge(u, v))[:max_edges]
    if layer_pairs:  # its actors join the network, drawn only with the layer
        d = d.copy()
        for u, v in layer_pairs:
            for n in (u, v):
                if n not in d:
                    d.add_node(n, **layer.nodes[n], layer_only=True)
    large = d.number_of_edges() > PHYSICS_LIMIT
    if large:
        notes.append("Large network: straight edges and a short layout keep the page "
                     "responsive; physics stops once the layout settles.")
    net = build_network(d)
    pairs = [(e["from"], e["to"]) for e in net.edges]
    claims, docs = _claims(d, pairs, corroborated)
    index = {n["id"]: i for i, n in enumerate(net.nodes)}
    register = [[index[u], index[v], layer.edges[u, v]["claims"],
                 round(layer.edges[u, v].get("tiv") or 0, 1),
                 "; ".join(sorted({ev.get("item") or "" for ev in layer.edges[u, v]["evidence"]}
                                  - {""})[:8])]
                for u, v in layer_pairs]
    dates = sorted({doc[3] for doc in docs if doc[3]})
    return {
        "nodes": [{"id": n["id"], "label": n["label"], "shape": n["shape"],
                   "color": n["color"], "size": n["size"], "kind": n["kind"],
                   "layerOnly": bool(d.nodes[n["id"]].get("layer_only"))}
                  for n in net.nodes],
        "register": register, "corroborated": sum(1 for c in claims if c[11]),
        "pairs": [[index[u], index[v]] for u, v in pairs],
        "claims": claims, "docs": docs,
        "categories": sorted({c[2] for c in claims}),
        "statuses": [s for s in STATUS_COLOUR if any(c[1] == s for c in claims)],
        "statusColour": STATUS_COLOUR,
        "typeStyle": [{"kind": k, "shape": v[0], "color": v[1]} for k, v in TYPE_STYLE.items()
                      if any(n["kind"] == k for n in net.nodes)],
        "large": large, "notes": notes, "corpus": corpus or "", "filters": list(filters or []),
        "span": [dates[0], dates[-1]] if dates else [], "seed": LAYOUT_SEED,
        "maxNodeSize": MAX_NODE_SIZE,
    }


def render_html(d: nx.DiGraph, title: str = "armsgraph: supplier network",
                max_edges: int = MAX_EDGES, notes: list[str] | None = None,
                corpus: str | None = None, filters: list[str] | None = None,
                corroborated: dict[str, str] | None = None,
                layer: nx.DiGraph | None = None) -> str:
    """The whole page as a string: inline vis-network, data, legend, filters and panel.

    Past ``max_edges`` supplier -> recipient pairs the page shows the strongest ones (by
    claims) and says so; past ``PHYSICS_LIMIT`` it draws straight edges and settles with a
    shorter layout, so a browser never freezes. ``corpus`` (what the claims come from),
    ``filters`` (those that made the view) and ``notes`` are shown on the page as text;
    ``corroborated`` and ``layer`` add a register's evidence (see :func:`view_data`).
    """
    with bulk_objects():
        data = view_data(d, max_edges=max_edges, notes=notes, corpus=corpus, filters=filters,
                         corroborated=corroborated, layer=layer)
    template = page_environment().get_template("view_template.html")
    return template.render(
        title=title, data=data,
        vis_css=Markup(_vis_asset("vis-network.css")),
        vis_js=Markup(
            _vis_asset("vis-network.min.js").replace("</script", "<\\/script")))


def write_view(d: nx.DiGraph, path: str | Path, title: str = "armsgraph: supplier network",
               max_edges: int = MAX_EDGES, notes: list[str] | None = None,
               corpus: str | None = None, filters: list[str] | None = None,
               corroborated: dict[str, str] | None = None,
               layer: nx.DiGraph | None = None) -> Path:
    """Write the view atomically (temp file + rename) and return its path."""
    path = Path(path)
    atomic_write_text(path, render_html(d, title, max_edges=max_edges, notes=notes,
                                        corpus=corpus, filters=filters,
                                        corroborated=corroborated, layer=layer))
    return path
