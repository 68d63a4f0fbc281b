"""Interactive supplier -> recipient views: one self-contained HTML file.

pyvis models the network (nodes, edges, options); the page is rendered from our
own template so that vis-network's script and stylesheet are inlined and nothing
is fetched from a CDN. Every text from articles is HTML-escaped in Python, and
the data is embedded as JSON with ``<``, ``>`` and ``&`` escaped, so no input can
close the script element or inject markup.
"""

from __future__ import annotations

import html
import json
import math
from importlib import resources
from pathlib import Path

import networkx as nx
from pyvis.network import Network

from .atomic import atomic_write_text
from .network import dominant_status, strongest_edges

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
MAX_EVIDENCE = 12  # claims listed in one edge tooltip
PHYSICS_LIMIT = 1000  # past this many edges: straight edges and a short, cheaper layout
MAX_EDGES = 2500  # past this many pairs the view keeps the strongest and says so


def _vis_asset(name: str) -> str:
    base = resources.files("pyvis").joinpath("lib", "vis-9.1.2", name)
    return base.read_text("utf-8")


def _safe_json(obj: object) -> str:
    """JSON that can sit inside <script> without closing it."""
    return (json.dumps(obj, ensure_ascii=False)
            .replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _edge_tooltip(u_label: str, v_label: str, data: dict) -> str:
    e = html.escape
    lines = [f"<b>{e(u_label)} &rarr; {e(v_label)}</b>: {data['claims']} claim(s)"]
    for ev in data["evidence"][:MAX_EVIDENCE]:
        title = ev.get("title") or ev.get("document") or ""
        url = ev.get("url") or ""
        link = (f'<a href="{e(url)}" target="_blank" rel="noopener">{e(title)}</a>'
                if url.startswith(("http://", "https://")) else e(title))
        stated = f"stated {ev['stated_date']}" if ev.get("stated_date") else ""
        meta = ", ".join(x for x in (ev.get("date"), ev.get("publisher"), stated,
                                     ev.get("source")) if x)
        lines.append(
            f"<div class='ev'><span class='st st-{e(ev['status'])}'>{e(ev['status'])}</span> "
            f"{e(ev.get('item') or '')} <i>({e(ev['category'])})</i>"
            f"{' &middot; ' + e(meta) if meta else ''}<br>&ldquo;{e(ev['sentence'])}&rdquo;"
            f"<br><small>{link}</small></div>")
    if len(data["evidence"]) > MAX_EVIDENCE:
        lines.append(f"<div>&hellip; and {len(data['evidence']) - MAX_EVIDENCE} more</div>")
    return "".join(lines)


def build_network(d: nx.DiGraph) -> Network:
    """A pyvis ``Network`` of an aggregated supplier network (see ``supplier_network``)."""
    net = Network(directed=True, height="100%", width="100%", cdn_resources="in_line")
    volume = {n: sum(e["claims"] for _, _, e in d.in_edges(n, data=True))
              + sum(e["claims"] for _, _, e in d.out_edges(n, data=True)) for n in d}
    for n, attrs in d.nodes(data=True):
        shape, colour = TYPE_STYLE.get(attrs.get("type", "actor"), TYPE_STYLE["actor"])
        label = attrs.get("label", n)
        # area, not radius, grows with the claims, so big suppliers stand out without
        # covering their neighbours
        net.add_node(n, label=label, shape=shape, color=colour,
                     size=round(10 + 3 * math.sqrt(volume[n]), 1),
                     title=html.escape(f"{label} ({attrs.get('type', 'actor')}): "
                                       f"{volume[n]} claim(s)"), group=attrs.get("type", "actor"))
        net.get_node(n)["color"] = colour  # pyvis drops color= when a group is given
    for u, v, data in d.edges(data=True):
        dominant = dominant_status(data["statuses"])
        net.add_edge(u, v, width=1 + min(data["claims"], 10),
                     color=STATUS_COLOUR.get(dominant, "#999999"),
                     title=_edge_tooltip(d.nodes[u].get("label", u), d.nodes[v].get("label", v),
                                         data),
                     categories=sorted(data["categories"]), statuses=sorted(data["statuses"]),
                     claims=data["claims"])
    return net


def render_html(d: nx.DiGraph, title: str = "armsgraph: supplier network",
                max_edges: int = MAX_EDGES, notes: list[str] | None = None) -> str:
    """The whole page as a string: inline vis-network, data, legend and filters.

    Past ``max_edges`` supplier -> recipient pairs the page shows the strongest ones (by
    claims) and says so; past ``PHYSICS_LIMIT`` it draws straight edges and settles with a
    shorter layout, so a browser never freezes. ``notes`` are shown on the page as text.
    """

    notes = list(notes or [])
    total = d.number_of_edges()
    if total > max_edges:
        d = strongest_edges(d, max_edges)
        notes.append(f"Showing the {max_edges:,} strongest of {total:,} supplier\u2192recipient "
                     "pairs; filter by category, status, date or actor to see the rest.")
    if d.number_of_edges() > PHYSICS_LIMIT:
        notes.append("Large network: straight edges and a short layout keep the page "
                     "responsive; physics stops once the layout settles.")
    net = build_network(d)
    nodes = [{k: v for k, v in n.items()} for n in net.nodes]
    edges = [{k: v for k, v in e.items()} for e in net.edges]
    categories = sorted({c for e in edges for c in e["categories"]})
    statuses = [s for s in STATUS_COLOUR if any(s in e["statuses"] for e in edges)]
    data = {"nodes": nodes, "edges": edges, "categories": categories, "statuses": statuses,
            "statusColour": STATUS_COLOUR, "typeStyle": {k: v[1] for k, v in TYPE_STYLE.items()},
            "large": len(edges) > PHYSICS_LIMIT, "notes": notes}
    template = resources.files("armsgraph.graph").joinpath("view_template.html").read_text("utf-8")
    return (template
            .replace("/*VIS_CSS*/", _vis_asset("vis-network.css"))
            .replace("/*VIS_JS*/", _vis_asset("vis-network.min.js").replace("</script",
                                                                            "<\\/script"))
            .replace("/*DATA*/", _safe_json(data))
            .replace("<!--TITLE-->", html.escape(title)))


def write_view(d: nx.DiGraph, path: str | Path, title: str = "armsgraph: supplier network",
               max_edges: int = MAX_EDGES, notes: list[str] | None = None) -> Path:
    """Write the view atomically (temp file + rename) and return its path."""
    path = Path(path)
    atomic_write_text(path, render_html(d, title, max_edges=max_edges, notes=notes))
    return path
