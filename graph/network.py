"""Supplier -> recipient networks: claims in RDF -> networkx graphs.

``claims_multigraph`` gives one edge per claim; ``supplier_network`` aggregates
them into a weighted ``DiGraph`` (weights: claims, documents, categories, statuses).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import networkx as nx
from rdflib import Graph

CLAIMS_QUERY = """
PREFIX ag: <https://w3id.org/armsgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?claim ?sup ?supLabel ?supType ?rec ?recLabel ?recType ?st ?cat ?itemText
       ?sentence ?doc ?docId ?title ?url ?date ?source WHERE {
  ?claim a ag:TransferClaim ; ag:supplier ?sup ; ag:recipient ?rec ;
         ag:status ?st ; ag:category ?cat ; prov:wasDerivedFrom ?ev .
  ?sup rdfs:label ?supLabel ; rdf:type ?supType .
  ?rec rdfs:label ?recLabel ; rdf:type ?recType .
  ?ev ag:sentence ?sentence ; ag:inDocument ?doc .
  OPTIONAL { ?doc ag:documentId ?docId }
  OPTIONAL { ?claim ag:itemText ?itemText }
  OPTIONAL { ?doc dcterms:title ?title }
  OPTIONAL { ?doc dcterms:source ?url }
  OPTIONAL { ?claim ag:date ?date }
  OPTIONAL { ?claim ag:claimedBy ?source }
}
"""
_VARS = ("claim", "sup", "supLabel", "supType", "rec", "recLabel", "recType", "st", "cat",
         "itemText", "sentence", "doc", "docId", "title", "url", "date", "source")


def _local(iri: object) -> str:
    s = str(iri)
    return s.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _concept(iri: object, scheme: str) -> str:
    """``...#status-delivered`` -> ``delivered``: the value of a concept of our schemes."""
    local = _local(iri)
    return local[len(scheme) + 1:] if local.startswith(scheme + "-") else local


def _claim_rows(source) -> list[dict]:
    """Rows of :data:`CLAIMS_QUERY` from an rdflib graph or an armsgraph store."""
    result = source.query(CLAIMS_QUERY)
    if hasattr(result, "variables"):  # armsgraph QueryResult (a store)
        index = {v: i for i, v in enumerate(result.variables)}
        return [{v: row[index[v]] if v in index else None for v in _VARS}
                for row in result.rows]
    return [{v: getattr(row, v) for v in _VARS} for row in result]


def claims_multigraph(source, ontology: Graph | None = None) -> nx.MultiDiGraph:
    """One edge per claim that names both sides, keyed by the claim IRI.

    ``source`` is an rdflib graph (or dataset) or an armsgraph store; status and category
    are read from their concept IRIs, so the ontology is not needed (``ontology`` is
    accepted for compatibility and ignored).
    """
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
                   date=str(row["date"] or ""), source=str(row["source"] or ""))
    return m


def _actor_type(cls: str) -> str:
    return {"State": "state", "Company": "company", "ArmedGroup": "armed-group",
            "Organization": "organization"}.get(cls, "actor")


def filter_claims(m: nx.MultiDiGraph, categories: Iterable[str] | None = None,
                  statuses: Iterable[str] | None = None,
                  exclude_statuses: Iterable[str] = ()) -> nx.MultiDiGraph:
    """The claims whose category and status pass the filters (``None`` passes all)."""
    cats = set(categories) if categories else None
    stats = set(statuses) if statuses else None
    excl = set(exclude_statuses)
    out = nx.MultiDiGraph()
    out.add_nodes_from(m.nodes(data=True))
    for u, v, k, d in m.edges(keys=True, data=True):
        if cats and d["category"] not in cats:
            continue
        if stats and d["status"] not in stats:
            continue
        if d["status"] in excl:
            continue
        out.add_edge(u, v, key=k, **d)
    out.remove_nodes_from([n for n in list(out) if out.degree(n) == 0])
    return out


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
    d = nx.DiGraph()
    d.add_nodes_from(m.nodes(data=True))
    for u, v, data in m.edges(data=True):
        if not d.has_edge(u, v):
            d.add_edge(u, v, claims=0, docs=set(), categories=Counter(), statuses=Counter(),
                       evidence=[])
        e = d[u][v]
        e["claims"] += 1
        e["docs"].add(data.get("document"))
        e["categories"][data.get("category")] += 1
        e["statuses"][data.get("status")] += 1
        e["evidence"].append(dict(data))
    for _u, _v, e in d.edges(data=True):
        e["documents"] = len(e.pop("docs"))
        e["categories"] = dict(e["categories"])
        e["statuses"] = dict(e["statuses"])
    weak = [(u, v) for u, v, e in d.edges(data=True) if e["claims"] < min_claims]
    d.remove_edges_from(weak)
    d.remove_nodes_from([n for n in list(d) if d.degree(n) == 0])
    return d


def top_suppliers(d: nx.DiGraph, n: int = 10) -> list[tuple[str, str, int]]:
    """``(node, label, claims)`` of the actors with the most outgoing claims."""
    scores = {u: sum(e["claims"] for _, _, e in d.out_edges(u, data=True)) for u in d}
    ranked = sorted((s, u) for u, s in scores.items() if s)
    return [(u, d.nodes[u].get("label", u), s) for s, u in sorted(ranked, key=lambda x:
                                                                  (-x[0], x[1]))[:n]]


def top_recipients(d: nx.DiGraph, n: int = 10) -> list[tuple[str, str, int]]:
    """``(node, label, claims)`` of the actors with the most incoming claims."""
    scores = {u: sum(e["claims"] for _, _, e in d.in_edges(u, data=True)) for u in d}
    ranked = [(s, u) for u, s in scores.items() if s]
    return [(u, d.nodes[u].get("label", u), s) for s, u in sorted(ranked, key=lambda x:
                                                                  (-x[0], x[1]))[:n]]
