"""Supplier -> recipient networks: claims in RDF -> networkx graphs.

``claims_multigraph`` gives one edge per claim; ``supplier_network`` aggregates
them into a weighted ``DiGraph`` (weights: claims, documents, categories, statuses).
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import networkx as nx
import orjson
from rdflib import Graph, URIRef

from armsgraph.errors import UnknownActorError
from armsgraph.ontology import sparql_prefixes

from .transfers import pair_transfers

CLAIMS_QUERY = sparql_prefixes() + """
SELECT ?claim ?sup ?supLabel ?supType ?rec ?recLabel ?recType ?st ?cat ?itemText
       ?sentence ?doc ?docId ?title ?url ?date ?publisher ?source WHERE {
  ?claim a ag:TransferClaim ; ag:supplier ?sup ; ag:recipient ?rec ;
         ag:status ?st ; ag:category ?cat ; prov:wasDerivedFrom ?ev .
  ?sup rdfs:label ?supLabel ; rdf:type ?supType .
  ?rec rdfs:label ?recLabel ; rdf:type ?recType .
  ?ev ag:sentence ?sentence ; ag:inDocument ?doc .
  OPTIONAL { ?doc ag:documentId ?docId }
  OPTIONAL { ?claim ag:itemText ?itemText }
  OPTIONAL { ?doc dcterms:title ?title }
  OPTIONAL { ?doc dcterms:source ?url }
  OPTIONAL { ?doc dcterms:publisher ?publisher }
  OPTIONAL { ?claim ag:date ?date }
  OPTIONAL { ?claim ag:claimedBy ?source }
}
"""
AG_ROW = URIRef("https://w3id.org/armsgraph/ontology#row")
_VARS = ("claim", "sup", "supLabel", "supType", "rec", "recLabel", "recType", "st", "cat",
         "itemText", "sentence", "doc", "docId", "title", "url", "date", "publisher", "source")


def _local(iri: object) -> str:
    s = str(iri)
    return s.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _concept(iri: object, scheme: str) -> str:
    """``...#status-delivered`` -> ``delivered``: the value of a concept of our schemes."""
    local = _local(iri)
    return local[len(scheme) + 1:] if local.startswith(scheme + "-") else local


ROWS_QUERY = sparql_prefixes() + """
SELECT ?row WHERE { ?claim ag:row ?row }
"""
_TYPES = frozenset({"state", "company", "armed-group", "organization"})


def _claim_rows(source) -> list[dict]:
    """Rows of :data:`CLAIMS_QUERY` from an rdflib graph or an armsgraph store (its fast
    string rows): the slow path, for graphs written without ``ag:row``."""
    select = getattr(source, "select", None)
    if select is not None:
        return [{v: row.get(v) for v in _VARS} for row in select(CLAIMS_QUERY)]
    result = source.query(CLAIMS_QUERY)
    return [{v: getattr(row, v) for v in _VARS} for row in result]


def claim_rows(source) -> list[dict]:
    """Every claim's ``ag:row`` (one JSON object each, see :func:`graph.rdf.claim_row`): one
    triple pattern, however large the store."""
    rows_of = getattr(source, "row_texts", None)
    select = getattr(source, "select", None)
    if rows_of is not None:  # an embedded store: straight from its index
        texts = rows_of()
    elif select is not None:
        texts = (r["row"] for r in select(ROWS_QUERY))
    elif type(source) is Graph:  # a plain graph: its index, without SPARQL
        texts = (str(o) for o in source.objects(None, AG_ROW))
    else:
        texts = (str(r.row) for r in source.query(ROWS_QUERY))
    return [orjson.loads(t) for t in texts if t]


def claims_multigraph(source, ontology: Graph | None = None) -> nx.MultiDiGraph:
    """One edge per claim that names both sides, keyed by the claim IRI.

    ``source`` is an rdflib graph (or dataset) or an armsgraph store. Claims are read from
    their ``ag:row`` (one pattern); a graph without rows is read by :data:`CLAIMS_QUERY`.
    ``ontology`` is accepted for compatibility and ignored.
    """
    with bulk_objects():
        return _claims_multigraph(source)


@contextmanager
def bulk_objects():
    """The cyclic garbage collector paused while hundreds of thousands of containers are
    made (rows, edge attributes): none of them is garbage, and the collector's passes over
    them took 40% of the time at 100,000 claims."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _row_edges(rows: list[dict], nodes: dict[str, dict]) -> Iterator[tuple[str, str, str, dict]]:
    """``(supplier, recipient, claim, attributes)`` for each row that names both sides; each
    actor's node attributes go into ``nodes`` (node id -> attributes) once."""
    local: dict[str, str] = {}  # actor IRI -> node id
    for row in rows:
        sup, rec = row["supplier"], row["recipient"]
        if sup is None or rec is None:
            continue
        for side in (sup, rec):
            if side["iri"] not in local:
                local[side["iri"]] = node = _local(side["iri"])
                nodes[node] = {"label": side["label"], "iri": side["iri"],
                               "type": side["type"] if side["type"] in _TYPES else "actor"}
        yield local[sup["iri"]], local[rec["iri"]], row["claim"], {
            "status": row["status"], "category": row["category"], "item": row["item"] or "",
            "sentence": row["sentence"], "document": row["document"],
            "title": row["title"] or "", "url": row["url"] or "", "date": row["date"] or "",
            "publisher": row.get("publisher") or "", "stated_date": row.get("stated_date") or "",
            "designation": row.get("designation") or "", "source": row["source"] or "",
            "supplier_mention": sup.get("mention") or "",
            "recipient_mention": rec.get("mention") or "", "claim": row["claim"]}


def _claims_multigraph(source) -> nx.MultiDiGraph:
    rows = claim_rows(source)
    if not rows:
        return _claims_multigraph_by_query(source)
    m = nx.MultiDiGraph()
    nodes: dict[str, dict] = {}
    edges = list(_row_edges(rows, nodes))
    m.add_nodes_from(nodes.items())
    m.add_edges_from(edges)
    return m


def _claims_multigraph_by_query(source) -> nx.MultiDiGraph:
    m = nx.MultiDiGraph()
    seen: set[str] = set()
    for row in _claim_rows(source):
        claim = str(row["claim"])
        if claim in seen:  # an actor with two rdf:types would repeat the row
            continue
        seen.add(claim)
        sup, rec = _local(row["sup"]), _local(row["rec"])
        for node, iri, label, typ in ((sup, row["sup"], row["supLabel"], row["supType"]),
                                      (rec, row["rec"], row["recLabel"], row["recType"])):
            m.add_node(node, label=str(label), type=_actor_type(_local(typ)), iri=str(iri))
        m.add_edge(sup, rec, key=claim, status=_concept(row["st"], "status"),
                   category=_concept(row["cat"], "category"),
                   item=str(row["itemText"]) if row["itemText"] else "",
                   sentence=str(row["sentence"]),
                   document=str(row["docId"] or _local(row["doc"])),
                   title=str(row["title"] or ""), url=str(row["url"] or ""),
                   date=str(row["date"] or ""), publisher=str(row["publisher"] or ""),
                   source=str(row["source"] or ""))
    return m


def _actor_type(cls: str) -> str:
    return {"State": "state", "Company": "company", "ArmedGroup": "armed-group",
            "Organization": "organization"}.get(cls, "actor")


def filter_claims(m: nx.MultiDiGraph, categories: Iterable[str] | None = None,
                  statuses: Iterable[str] | None = None,
                  exclude_statuses: Iterable[str] = (),
                  since: str | None = None, until: str | None = None,
                  actors: Iterable[str] | None = None) -> nx.MultiDiGraph:
    """The claims that pass every filter (``None`` passes all).

    Parameters
    ----------
    m : the claims, one edge each (see :func:`claims_multigraph`).
    categories, statuses : keep only these values.
    exclude_statuses : drop these statuses (``["denied"]`` for who actually arms whom).
    since, until : ISO dates (``2022`` or ``2022-03-01``); claims without a date are dropped
        when either is given.
    actors : keep claims that involve one of these nodes.

    With no filter and no actor without claims, ``m`` itself is returned.

    Examples
    --------
    >>> m = nx.MultiDiGraph()
    >>> _ = m.add_edge("IRN", "RUS", status="denied", category="drones", date="2023-01-05")
    >>> _ = m.add_edge("PRK", "RUS", status="delivered", category="ammunition", date="2024")
    >>> list(filter_claims(m, exclude_statuses=["denied"]).edges())
    [('PRK', 'RUS')]
    >>> list(filter_claims(m, since="2024").edges())
    [('PRK', 'RUS')]
    """
    keep = claim_filter(categories, statuses, exclude_statuses, since, until, actors)
    if keep is None and nx.number_of_isolates(m) == 0:
        return m  # nothing to filter out: ``m`` itself, not a copy
    out = nx.MultiDiGraph()
    out.add_nodes_from(m.nodes(data=True))
    out.add_edges_from((u, v, k, d) for u, v, k, d in m.edges(keys=True, data=True)
                       if keep is None or keep(u, v, d))
    out.remove_nodes_from([n for n in list(out) if out.degree(n) == 0])
    return out


def claim_filter(categories: Iterable[str] | None = None,
                 statuses: Iterable[str] | None = None, exclude_statuses: Iterable[str] = (),
                 since: str | None = None, until: str | None = None,
                 actors: Iterable[str] | None = None
                 ) -> Callable[[str, str, dict], bool] | None:
    """The test of :func:`filter_claims` as a function of ``(supplier, recipient,
    attributes)``, or ``None`` when no filter is given."""
    cats = set(categories) if categories else None
    stats = set(statuses) if statuses else None
    excl = set(exclude_statuses)
    who = set(actors) if actors else None
    if not (cats or stats or excl or who is not None or since or until):
        return None

    def keep(u: str, v: str, d: dict) -> bool:
        if cats and d["category"] not in cats:
            return False
        if stats and d["status"] not in stats:
            return False
        if d["status"] in excl:
            return False
        if who is not None and u not in who and v not in who:
            return False
        date = d.get("date") or ""
        if (since or until) and not date:
            return False
        if since and date[:len(since)] < since:
            return False
        return not (until and date[:len(until)] > until)

    return keep


def find_actor(g: nx.Graph, name: str) -> str:
    """The node for ``name``: a node id (``RUS``, ``wagner-group``) or a label, any case.

    Raises :class:`~armsgraph.errors.UnknownActorError` (a ``KeyError``) with the closest
    labels when nothing matches.
    """
    if name in g:
        return name
    folded = name.strip().lower()
    for node, data in g.nodes(data=True):
        if node.lower() == folded or str(data.get("label", "")).lower() == folded:
            return node
    import difflib

    labels = [str(d.get("label", n)) for n, d in g.nodes(data=True)]
    close = difflib.get_close_matches(name, labels, n=3)
    hint = f" (did you mean {', '.join(close)}?)" if close else ""
    raise UnknownActorError(f"no actor '{name}' in the network{hint}")


def ego_network(d: nx.DiGraph, actor: str, depth: int = 1, side: str = "both") -> nx.DiGraph:
    """The network around ``actor`` up to ``depth`` steps.

    ``side`` is ``suppliers`` (who arms the actor, and who arms them), ``recipients`` (whom
    the actor arms, and whom they arm) or ``both``.

    Examples
    --------
    >>> d = nx.DiGraph([("PRK", "RUS"), ("IRN", "RUS"), ("RUS", "BLR"), ("CHN", "PRK")])
    >>> sorted(ego_network(d, "RUS", depth=1, side="suppliers"))
    ['IRN', 'PRK', 'RUS']
    >>> sorted(ego_network(d, "RUS", depth=2, side="suppliers"))
    ['CHN', 'IRN', 'PRK', 'RUS']
    """
    if side not in ("both", "suppliers", "recipients"):
        raise ValueError(f"side must be both, suppliers or recipients, not {side!r}")
    keep = {actor}
    frontier = {actor}
    for _ in range(depth):
        nxt: set[str] = set()
        for n in frontier:
            if side in ("both", "suppliers"):
                nxt.update(d.predecessors(n))
            if side in ("both", "recipients"):
                nxt.update(d.successors(n))
        frontier = nxt - keep
        keep |= nxt
    sub = d.subgraph(keep).copy()
    # Every kept node reaches the actor (suppliers) or is reached from it (recipients), so
    # the only edges that do not flow that way are the actor's own: drop them.
    if side == "suppliers":  # only the arms flowing towards the actor
        sub.remove_edges_from(list(sub.out_edges(actor)))
    elif side == "recipients":  # only the arms flowing from the actor
        sub.remove_edges_from(list(sub.in_edges(actor)))
    return sub


def supplier_network(m: nx.MultiDiGraph, min_claims: int = 1) -> nx.DiGraph:
    """Aggregate claims into one supplier -> recipient edge per pair.

    Edge attributes: ``claims`` (count), ``documents`` (distinct), ``categories`` and
    ``statuses`` (counts by value), ``evidence`` (the claims' attribute dicts).

    Examples
    --------
    >>> m = nx.MultiDiGraph()
    >>> m.add_edge("PRK", "RUS", key="c1", status="delivered", category="ammunition",
    ...            document="d1")
    'c1'
    >>> m.add_edge("PRK", "RUS", key="c2", status="agreed", category="missiles", document="d2")
    'c2'
    >>> supplier_network(m)["PRK"]["RUS"]["claims"]
    2
    """
    return _aggregate(m.nodes(data=True), m.edges(data=True), min_claims, copy=True)


def claims_network(source, min_claims: int = 1, rows: list[dict] | None = None,
                   **filters) -> nx.DiGraph:
    """``supplier_network(filter_claims(claims_multigraph(source), **filters), min_claims)``,
    the same graph, made from the claim rows without the multigraph in between (at 100,000
    claims that multigraph costs a second and 85,000 edge dictionaries). ``rows``: the
    source's claim rows when the caller has read them already."""
    with bulk_objects():
        rows = claim_rows(source) if rows is None else rows
        if not rows:
            return supplier_network(filter_claims(_claims_multigraph_by_query(source),
                                                  **filters), min_claims)
        keep = claim_filter(**filters)
        nodes: dict[str, dict] = {}  # every actor, in the multigraph's order
        edges = [(u, v, d) for u, v, _k, d in _row_edges(rows, nodes)
                 if keep is None or keep(u, v, d)]
        return _aggregate(nodes.items(), edges, min_claims, copy=False)


def _aggregate(nodes: Iterable[tuple[str, dict]], edges: Iterable[tuple[str, str, dict]],
               min_claims: int, copy: bool) -> nx.DiGraph:
    """One edge per pair with its counts and evidence; pairs under ``min_claims`` claims and
    the actors left without a pair are dropped. ``copy``: the evidence gets copies of the
    edge dictionaries (a multigraph's), not the dictionaries themselves (fresh ones)."""
    d = nx.DiGraph()
    d.add_nodes_from(nodes)
    adj = d.adj
    for u, v, data in edges:
        e = adj[u].get(v) if u in adj else None
        if e is None:
            d.add_edge(u, v, claims=0, docs=set(), categories=Counter(), statuses=Counter(),
                       evidence=[])
            e = adj[u][v]
        e["claims"] += 1
        e["docs"].add(data.get("document"))
        e["categories"][data.get("category")] += 1
        e["statuses"][data.get("status")] += 1
        e["evidence"].append(dict(data) if copy else data)
    for _u, _v, e in d.edges(data=True):
        e["documents"] = len(e.pop("docs"))
        e["categories"] = dict(e["categories"])
        e["statuses"] = dict(e["statuses"])
    weak = [(u, v) for u, v, e in d.edges(data=True) if e["claims"] < min_claims]
    d.remove_edges_from(weak)
    d.remove_nodes_from([n for n in list(d) if d.degree(n) == 0])
    return d


def strongest_edges(d: nx.DiGraph, n: int) -> nx.DiGraph:
    """The ``n`` pairs with the most claims (ties broken by documents, then names)."""
    if d.number_of_edges() <= n:
        return d
    ranked = sorted(d.edges(data=True), key=lambda e: (-e[2]["claims"], -e[2]["documents"],
                                                       e[0], e[1]))[:n]
    out = nx.DiGraph()
    for u, v, data in ranked:
        out.add_node(u, **d.nodes[u])
        out.add_node(v, **d.nodes[v])
        out.add_edge(u, v, **data)
    return out


def top_suppliers(d: nx.DiGraph, n: int = 10) -> list[tuple[str, str, int]]:
    """``(node, label, claims)`` of the actors with the most outgoing claims."""
    scores = {u: sum(e["claims"] for _, _, e in d.out_edges(u, data=True)) for u in d}
    return _ranked(d, scores, n)


def top_recipients(d: nx.DiGraph, n: int = 10) -> list[tuple[str, str, int]]:
    """``(node, label, claims)`` of the actors with the most incoming claims."""
    scores = {u: sum(e["claims"] for _, _, e in d.in_edges(u, data=True)) for u in d}
    return _ranked(d, scores, n)


def _ranked(d: nx.DiGraph, scores: dict[str, float], n: int) -> list[tuple[str, str, float]]:
    ranked = sorted(((s, u) for u, s in scores.items() if s), key=lambda x: (-x[0], x[1]))
    return [(u, d.nodes[u].get("label", u), s) for s, u in ranked[:n]]


def network_stats(d: nx.DiGraph, top: int = 10) -> dict[str, list[dict]]:
    """Analytics of a supplier network, as plain data.

    Returns a dict of tables (lists of row dicts): ``suppliers`` and ``recipients`` (by
    claims, with their distinct partners), ``suppliers_by_partners``,
    ``recipients_by_partners``, ``pagerank`` (weighted by claims: arms flow towards the
    central recipients), ``betweenness`` (brokers between suppliers and recipients) and
    ``pairs`` (the strongest pairs with their categories and statuses, claims, reports and
    transfers) and ``transfers`` (the most reported transfers with their status history).

    Examples
    --------
    >>> m = nx.MultiDiGraph()
    >>> _ = m.add_node("PRK", label="North Korea"); _ = m.add_node("RUS", label="Russia")
    >>> _ = m.add_edge("PRK", "RUS", status="delivered", category="ammunition", document="a")
    >>> network_stats(supplier_network(m))["suppliers"][0]["label"]
    'North Korea'
    """
    def row(node: str, **values: object) -> dict:
        return {"actor": node, "label": d.nodes[node].get("label", node),
                "type": d.nodes[node].get("type", "actor"), **values}

    out_partners = {u: d.out_degree(u) for u in d}
    in_partners = {u: d.in_degree(u) for u in d}
    tables: dict[str, list[dict]] = {}
    tables["suppliers"] = [row(u, claims=s, recipients=out_partners[u])
                           for u, _l, s in top_suppliers(d, top)]
    tables["recipients"] = [row(u, claims=s, suppliers=in_partners[u])
                            for u, _l, s in top_recipients(d, top)]
    tables["suppliers_by_partners"] = [row(u, recipients=s) for u, _l, s in
                                       _ranked(d, out_partners, top)]
    tables["recipients_by_partners"] = [row(u, suppliers=s) for u, _l, s in
                                        _ranked(d, in_partners, top)]
    if d.number_of_nodes():
        pr = pagerank(d, weight="claims") if d.number_of_edges() else {}
        bc = nx.betweenness_centrality(d)
    else:
        pr, bc = {}, {}
    tables["pagerank"] = [row(u, pagerank=round(s, 4)) for u, _l, s in _ranked(d, pr, top)]
    tables["betweenness"] = [row(u, betweenness=round(s, 4))
                             for u, _l, s in _ranked(d, bc, top)]
    pairs = sorted(d.edges(data=True), key=lambda e: (-e[2]["claims"], e[0], e[1]))[:top]
    tables["pairs"] = [{
        "supplier": u, "supplier_label": d.nodes[u].get("label", u),
        "recipient": v, "recipient_label": d.nodes[v].get("label", v),
        "claims": e["claims"], "reports": sum(tr.reports for tr in edge_transfers(d, u, v)),
        "transfers": len(edge_transfers(d, u, v)), "documents": e["documents"],
        "categories": _counts(e["categories"]), "statuses": _counts(e["statuses"]),
    } for u, v, e in pairs]
    with bulk_objects():
        every = [(u, v, tr) for u, v in d.edges() for tr in edge_transfers(d, u, v)]
    every.sort(key=lambda x: (-x[2].reports, -x[2].articles, x[2].first_reported or "9999",
                              x[0], x[1], x[2].key[2]))
    tables["transfers"] = [{
        "supplier": u, "recipient": v, "item": tr.designation or tr.category,
        "reports": tr.reports, "articles": tr.articles, "claims": len(tr.claims),
        "first": tr.first_reported or "", "last": tr.last_reported or "",
        "history": " > ".join(f"{s['status']} {s['since']}" if s["since"] else s["status"]
                              for s in tr.history),
    } for u, v, tr in every[:top]]
    return tables


def edge_transfers(d: nx.DiGraph, u: str, v: str) -> list:
    """The transfers of one pair, from its evidence (see :mod:`graph.transfers`), made the
    first time they are asked for and kept on the edge (``stats`` needs them; views and
    exports do not)."""
    e = d.edges[u, v]
    if "transfers" not in e:
        e["transfers"] = pair_transfers({"iri": d.nodes[u].get("iri", u)},
                                        {"iri": d.nodes[v].get("iri", v)}, e["evidence"])
    return e["transfers"]


def transfer_totals(d: nx.DiGraph) -> dict[str, int]:
    """Claims, reports (verbatim repeats once) and transfers of a supplier network."""
    with bulk_objects():
        transfers = [tr for u, v in d.edges() for tr in edge_transfers(d, u, v)]
    return {"claims": sum(e["claims"] for _, _, e in d.edges(data=True)),
            "reports": sum(tr.reports for tr in transfers), "transfers": len(transfers)}


def pagerank(d: nx.DiGraph, weight: str = "claims", alpha: float = 0.85,
             max_iter: int = 100, tol: float = 1.0e-6) -> dict[str, float]:
    """``nx.pagerank(d, alpha, weight=weight)`` by plain power iteration, the same method
    and stopping rule (an actor without a pair out of it shares its rank with all), without
    the SciPy that ``nx.pagerank`` imports: half a second of every ``stats`` run, for a
    network of a few hundred actors that Python iterates in milliseconds.

    >>> g = nx.DiGraph([("PRK", "RUS"), ("IRN", "RUS"), ("RUS", "BLR")])
    >>> {n: round(s, 3) for n, s in pagerank(g, weight="w").items()} == {
    ...     n: round(s, 3) for n, s in nx.pagerank(g, weight="w").items()}
    True
    """
    nodes = list(d)
    n = len(nodes)
    if n == 0:
        return {}
    out_weight = {u: sum(e.get(weight, 1) for _, _, e in d.out_edges(u, data=True))
                  for u in nodes}
    links = [(u, v, e.get(weight, 1) / out_weight[u]) for u, v, e in d.edges(data=True)]
    dangling = [u for u in nodes if out_weight[u] == 0]
    x = dict.fromkeys(nodes, 1.0 / n)
    for _ in range(max_iter):
        last = x
        leak = alpha * sum(last[u] for u in dangling) / n
        x = dict.fromkeys(nodes, leak + (1.0 - alpha) / n)
        for u, v, w in links:
            x[v] += alpha * last[u] * w
        if sum(abs(x[u] - last[u]) for u in nodes) < n * tol:
            return x
    raise nx.PowerIterationFailedConvergence(max_iter)


def dominant_status(statuses: dict[str, int]) -> str:
    """The most frequent status of a pair; ties go to the strongest phase
    (delivered > agreed > pledged > negotiating > reported > denied).

    >>> dominant_status({"negotiating": 2, "delivered": 2, "denied": 1})
    'delivered'
    """
    order = ("delivered", "agreed", "pledged", "negotiating", "reported", "denied")
    rank = {s: i for i, s in enumerate(order)}
    return min(statuses.items(), key=lambda kv: (-kv[1], rank.get(kv[0], len(order))))[0]


def _counts(counts: dict[str, int]) -> str:
    """``{"ammunition": 2, "drones": 1}`` -> ``"ammunition:2;drones:1"`` (largest first)."""
    return ";".join(f"{k}:{n}" for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def flat_network(d: nx.DiGraph) -> nx.DiGraph:
    """A copy with only string and number attributes, as GEXF, GraphML and CSV need:
    category and status counts become ``"ammunition:2;drones:1"``, evidence is dropped,
    and nodes get their claim ``volume``."""
    out = nx.DiGraph()
    for n, data in d.nodes(data=True):
        volume = sum(e["claims"] for _, _, e in d.in_edges(n, data=True)) + sum(
            e["claims"] for _, _, e in d.out_edges(n, data=True))
        out.add_node(n, label=str(data.get("label", n)), type=str(data.get("type", "actor")),
                     iri=str(data.get("iri", "")), volume=volume)
    for u, v, e in d.edges(data=True):
        dominant = dominant_status(e["statuses"])
        out.add_edge(u, v, claims=int(e["claims"]), documents=int(e["documents"]),
                     weight=int(e["claims"]), categories=_counts(e["categories"]),
                     statuses=_counts(e["statuses"]), dominant_status=dominant)
    return out


def write_network(d: nx.DiGraph, fmt: str, path: str | Path) -> list[Path]:
    """Export for Gephi and Cytoscape: ``gexf``, ``graphml``, or ``csv`` (``path`` is then a
    directory that receives ``nodes.csv`` and ``edges.csv``). Files are written atomically.
    """
    from .atomic import atomic_write, atomic_write_text

    flat = flat_network(d)
    path = Path(path)
    if fmt == "gexf":
        return [atomic_write(path, lambda fh: nx.write_gexf(flat, fh))]
    if fmt == "graphml":
        return [atomic_write(path, lambda fh: nx.write_graphml(flat, fh))]
    if fmt == "csv":
        import csv
        import io

        nodes, edges = io.StringIO(), io.StringIO()
        w = csv.writer(nodes, lineterminator="\n")
        w.writerow(["id", "label", "type", "volume", "iri"])
        for n, a in sorted(flat.nodes(data=True)):
            w.writerow([n, a["label"], a["type"], a["volume"], a["iri"]])
        w = csv.writer(edges, lineterminator="\n")
        w.writerow(["source", "target", "claims", "documents", "categories", "statuses",
                    "dominant_status"])
        for u, v, a in sorted(flat.edges(data=True)):
            w.writerow([u, v, a["claims"], a["documents"], a["categories"], a["statuses"],
                        a["dominant_status"]])
        return [atomic_write_text(path / "nodes.csv", nodes.getvalue()),
                atomic_write_text(path / "edges.csv", edges.getvalue())]
    raise ValueError(f"unknown network format '{fmt}' (use gexf, graphml or csv)")
