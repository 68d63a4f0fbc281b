"""RDF claims -> networkx: one edge per claim, then weighted supplier -> recipient pairs."""

from __future__ import annotations

import networkx as nx
import pytest

from armsgraph.extract.claims import Actor, Item
from armsgraph.graph.network import (
    claims_multigraph,
    claims_network,
    ego_network,
    filter_claims,
    find_actor,
    flat_network,
    network_stats,
    strongest_edges,
    supplier_network,
    top_recipients,
    top_suppliers,
    write_network,
)
from armsgraph.graph.rdf import IriMinter, add_document, new_dataset, union_graph
from armsgraph.ontology import load_ontology

IRAN = Actor("Iran", "IRN", "Iran")
WAGNER = Actor("Wagner Group", None, "Wagner", type="armed-group")


@pytest.fixture(scope="module")
def ontology():
    return load_ontology()


@pytest.fixture
def graph(make_document, make_claim):
    """Three documents: PRK -> RUS twice in doc a (shells, rockets) and once in doc b
    (missiles, agreed); IRN -> RUS drones in doc c; a denied PRK -> Wagner claim in doc c;
    and a claim with no recipient in doc c."""
    no_recipient = make_claim(doc_id="c", sentence="Iran makes drones.", supplier=IRAN)
    no_recipient.recipient = None
    ds = new_dataset()
    add_document(ds, make_document("a", title="Shells", url="https://example.org/a"), [
        make_claim(doc_id="a"),
        make_claim(doc_id="a", item=Item("rockets", "ammunition"), span=(0, 10)),
    ])
    add_document(ds, make_document("b"), [
        make_claim(doc_id="b", item=Item("missiles", "missiles"), status="agreed"),
    ])
    add_document(ds, make_document("c"), [
        make_claim(doc_id="c", sentence="Iran delivered drones to Russia.", supplier=IRAN,
                   item=Item("drones", "drones")),
        make_claim(doc_id="c", sentence="Pyongyang denied arming Wagner.", recipient=WAGNER,
                   status="denied"),
        no_recipient,
    ])
    return union_graph(ds)


def test_multigraph_has_one_edge_per_claim_that_names_both_sides(graph, ontology):
    m = claims_multigraph(graph, ontology=ontology)

    assert m.number_of_edges() == 5
    assert m.number_of_edges("PRK", "RUS") == 3
    assert m.number_of_edges("IRN", "RUS") == 1
    assert m.number_of_edges("PRK", "wagner-group") == 1


def test_multigraph_edges_are_keyed_by_claim_iri_and_carry_the_evidence(graph, ontology,
                                                                       make_claim):
    m = claims_multigraph(graph, ontology=ontology)

    key = str(IriMinter().claim(make_claim(doc_id="a")))
    data = m.edges["PRK", "RUS", key]
    assert data["status"] == "delivered"
    assert data["category"] == "ammunition"
    assert data["item"] == "artillery shells"
    assert data["sentence"] == "North Korea delivered artillery shells to Russia."
    assert data["document"] == "a"
    assert data["title"] == "Shells"
    assert data["url"] == "https://example.org/a"


def test_multigraph_nodes_carry_label_and_actor_type(graph, ontology):
    m = claims_multigraph(graph, ontology=ontology)

    assert m.nodes["PRK"]["label"] == "North Korea"
    assert m.nodes["PRK"]["type"] == "state"
    assert m.nodes["PRK"]["iri"] == "https://w3id.org/armsgraph/id/state/PRK"
    assert m.nodes["wagner-group"]["label"] == "Wagner Group"
    assert m.nodes["wagner-group"]["type"] == "armed-group"


def test_supplier_network_weights_count_claims_documents_categories_statuses(graph, ontology):
    d = supplier_network(claims_multigraph(graph, ontology=ontology))

    prk_rus = d["PRK"]["RUS"]
    assert prk_rus["claims"] == 3
    assert prk_rus["documents"] == 2
    assert prk_rus["categories"] == {"ammunition": 2, "missiles": 1}
    assert prk_rus["statuses"] == {"delivered": 2, "agreed": 1}
    assert len(prk_rus["evidence"]) == 3
    assert d["IRN"]["RUS"]["claims"] == 1
    assert d["IRN"]["RUS"]["documents"] == 1
    assert not d.has_edge("RUS", "PRK")


def test_supplier_network_min_claims_drops_weak_pairs_and_lonely_nodes(graph, ontology):
    d = supplier_network(claims_multigraph(graph, ontology=ontology), min_claims=2)

    assert list(d.edges) == [("PRK", "RUS")]
    assert set(d.nodes) == {"PRK", "RUS"}


def test_filter_claims_by_category_and_status(graph, ontology):
    m = claims_multigraph(graph, ontology=ontology)

    drones = filter_claims(m, categories=["drones"])
    not_denied = filter_claims(m, exclude_statuses=["denied"])
    agreed = filter_claims(m, statuses=["agreed"])

    assert list(drones.edges()) == [("IRN", "RUS")]
    assert "wagner-group" not in not_denied
    assert not_denied.number_of_edges() == 4
    assert [d["category"] for *_, d in agreed.edges(data=True)] == ["missiles"]


def test_top_suppliers_and_recipients_rank_by_claims(graph, ontology):
    d = supplier_network(claims_multigraph(graph, ontology=ontology))

    assert top_suppliers(d) == [("PRK", "North Korea", 4), ("IRN", "Iran", 1)]
    assert top_recipients(d, n=1) == [("RUS", "Russia", 4)]


# --- filters, actors and ego networks on hand-made graphs -----------------------------


def claims(*rows: tuple) -> nx.MultiDiGraph:
    """A claims multigraph from ``(supplier, recipient, category, status, date)`` rows;
    every claim gets its own document and a short evidence sentence."""
    labels = {"PRK": "North Korea", "RUS": "Russia", "IRN": "Iran", "CHN": "China",
              "USA": "United States", "UKR": "Ukraine", "DEU": "Germany",
              "BLR": "Belarus", "houthis": "Houthis"}
    m = nx.MultiDiGraph()
    for i, (u, v, category, status, date) in enumerate(rows):
        for node in (u, v):
            m.add_node(node, label=labels.get(node, node),
                       type="armed-group" if node.islower() else "state",
                       iri=f"https://w3id.org/armsgraph/id/x/{node}")
        m.add_edge(u, v, key=f"c{i}", category=category, status=status, date=date,
                   document=f"doc-{i}", item=category, title=f"Report {i}", url="",
                   source="", sentence=f"{labels.get(u, u)} sent {category} to "
                                       f"{labels.get(v, v)}.")
    return m


@pytest.fixture
def dated():
    return claims(
        ("PRK", "RUS", "ammunition", "delivered", "2023-09-14"),
        ("PRK", "RUS", "missiles", "agreed", "2024-01"),
        ("IRN", "RUS", "drones", "delivered", "2022-08-30"),
        ("IRN", "RUS", "missiles", "denied", "2024"),
        ("USA", "UKR", "air-defence", "pledged", ""),
        ("CHN", "IRN", "engines", "reported", "2021-05-02"),
    )


def pairs_and_keys(m: nx.MultiDiGraph) -> set[tuple[str, str, str]]:
    return set(m.edges(keys=True))


def test_filter_claims_by_category_keeps_only_those_claims_and_their_actors(dated):
    out = filter_claims(dated, categories=["missiles", "engines"])

    assert pairs_and_keys(out) == {("PRK", "RUS", "c1"), ("IRN", "RUS", "c3"),
                                   ("CHN", "IRN", "c5")}
    assert set(out) == {"PRK", "RUS", "IRN", "CHN"}  # USA and UKR lost every claim
    assert out.nodes["PRK"]["label"] == "North Korea"  # node attributes survive


def test_filter_claims_by_status_and_exclude_status(dated):
    delivered = filter_claims(dated, statuses=["delivered"])
    not_denied = filter_claims(dated, exclude_statuses=["denied", "reported"])
    both = filter_claims(dated, statuses=["delivered", "denied"], exclude_statuses=["denied"])

    assert pairs_and_keys(delivered) == {("PRK", "RUS", "c0"), ("IRN", "RUS", "c2")}
    assert {k for *_, k in not_denied.edges(keys=True)} == {"c0", "c1", "c2", "c4"}
    assert "CHN" not in not_denied
    assert pairs_and_keys(both) == pairs_and_keys(delivered)


def test_filter_claims_by_date_range_is_inclusive_at_the_given_precision(dated):
    in_2024 = filter_claims(dated, since="2024", until="2024")
    since_sep_2023 = filter_claims(dated, since="2023-09")
    until_2022 = filter_claims(dated, until="2022")
    day = filter_claims(dated, since="2022-08-30", until="2022-08-30")

    assert {k for *_, k in in_2024.edges(keys=True)} == {"c1", "c3"}
    assert {k for *_, k in since_sep_2023.edges(keys=True)} == {"c0", "c1", "c3"}
    assert {k for *_, k in until_2022.edges(keys=True)} == {"c2", "c5"}
    assert {k for *_, k in day.edges(keys=True)} == {"c2"}
    # a claim without a date cannot be placed in a range
    assert "USA" not in filter_claims(dated, since="1900")
    assert "USA" in filter_claims(dated)


def test_filter_claims_by_actors_keeps_claims_that_involve_one_of_them(dated):
    iran = filter_claims(dated, actors=["IRN"])
    ukraine_or_china = filter_claims(dated, actors=["UKR", "CHN"])

    assert {k for *_, k in iran.edges(keys=True)} == {"c2", "c3", "c5"}
    assert set(iran) == {"IRN", "RUS", "CHN"}
    assert {k for *_, k in ukraine_or_china.edges(keys=True)} == {"c4", "c5"}


def test_filter_claims_combines_every_filter_and_leaves_the_input_alone(dated):
    before = pairs_and_keys(dated)

    out = filter_claims(dated, categories=["missiles", "drones"], exclude_statuses=["denied"],
                        since="2022", until="2024-12-31", actors=["RUS"])

    assert {k for *_, k in out.edges(keys=True)} == {"c1", "c2"}
    assert pairs_and_keys(dated) == before
    assert filter_claims(dated, categories=["ships"]).number_of_nodes() == 0


def test_find_actor_by_id_and_by_label_in_any_case():
    d = supplier_network(claims(("PRK", "RUS", "ammunition", "delivered", ""),
                                ("IRN", "houthis", "missiles", "reported", "")))

    assert find_actor(d, "RUS") == "RUS"
    assert find_actor(d, "rus") == "RUS"
    assert find_actor(d, "Russia") == "RUS"
    assert find_actor(d, "NORTH KOREA") == "PRK"
    assert find_actor(d, "  north korea ") == "PRK"
    assert find_actor(d, "Houthis") == "houthis"


def test_find_actor_raises_key_error_with_the_closest_label():
    d = supplier_network(claims(("PRK", "RUS", "ammunition", "delivered", "")))

    with pytest.raises(KeyError) as info:
        find_actor(d, "Rusia")
    message = info.value.args[0]
    assert "Rusia" in message and "did you mean Russia" in message
    with pytest.raises(KeyError) as info:
        find_actor(d, "Atlantis")
    assert "did you mean" not in info.value.args[0]


@pytest.fixture
def chain() -> nx.DiGraph:
    """CHN -> PRK -> RUS <- IRN; RUS -> BLR -> VEN; PRK -> SYR; and USA -> UKR apart."""
    return nx.DiGraph([("CHN", "PRK"), ("PRK", "RUS"), ("IRN", "RUS"), ("RUS", "BLR"),
                       ("BLR", "VEN"), ("PRK", "SYR"), ("USA", "UKR")])


@pytest.mark.parametrize(("side", "depth", "nodes", "edges"), [
    ("suppliers", 1, {"RUS", "PRK", "IRN"}, {("PRK", "RUS"), ("IRN", "RUS")}),
    ("suppliers", 2, {"RUS", "PRK", "IRN", "CHN"},
     {("PRK", "RUS"), ("IRN", "RUS"), ("CHN", "PRK")}),
    ("recipients", 1, {"RUS", "BLR"}, {("RUS", "BLR")}),
    ("recipients", 2, {"RUS", "BLR", "VEN"}, {("RUS", "BLR"), ("BLR", "VEN")}),
    ("both", 1, {"RUS", "PRK", "IRN", "BLR"}, {("PRK", "RUS"), ("IRN", "RUS"), ("RUS", "BLR")}),
    ("both", 2, {"RUS", "PRK", "IRN", "BLR", "CHN", "VEN", "SYR"},
     {("PRK", "RUS"), ("IRN", "RUS"), ("RUS", "BLR"), ("CHN", "PRK"), ("BLR", "VEN"),
      ("PRK", "SYR")}),
])
def test_ego_network_by_side_and_depth(chain, side, depth, nodes, edges):
    ego = ego_network(chain, "RUS", depth=depth, side=side)

    assert set(ego) == nodes
    assert set(ego.edges()) == edges


def test_ego_network_by_side_leaves_out_the_actors_own_flow_the_other_way(chain):
    """Russia also arms North Korea and is armed by Belarus: a suppliers view shows only
    the arms flowing towards Russia, a recipients view only those flowing from it."""
    chain.add_edges_from([("RUS", "PRK"), ("BLR", "RUS"), ("CHN", "IRN"), ("IRN", "CHN")])

    suppliers = ego_network(chain, "RUS", depth=2, side="suppliers")
    recipients = ego_network(chain, "RUS", depth=2, side="recipients")

    assert set(suppliers) == {"RUS", "PRK", "IRN", "CHN", "BLR"}
    assert set(suppliers.edges()) == {("PRK", "RUS"), ("IRN", "RUS"), ("BLR", "RUS"),
                                      ("CHN", "PRK"), ("CHN", "IRN"), ("IRN", "CHN")}
    assert set(recipients) == {"RUS", "BLR", "VEN", "PRK", "SYR"}
    assert set(recipients.edges()) == {("RUS", "BLR"), ("BLR", "VEN"), ("RUS", "PRK"),
                                       ("PRK", "SYR")}
    assert set(ego_network(chain, "RUS", side="both").edges()) >= {("RUS", "PRK"),
                                                                    ("PRK", "RUS")}


def test_ego_network_keeps_attributes_copies_and_rejects_an_unknown_side(chain):
    chain.nodes["RUS"]["label"] = "Russia"
    chain.edges["PRK", "RUS"]["claims"] = 3

    ego = ego_network(chain, "RUS", side="suppliers")
    ego.remove_node("PRK")

    assert ego.nodes["RUS"]["label"] == "Russia"
    assert chain.edges["PRK", "RUS"]["claims"] == 3  # the input is untouched
    with pytest.raises(ValueError, match="side"):
        ego_network(chain, "RUS", side="sideways")


def test_strongest_edges_keeps_the_n_heaviest_pairs():
    d = nx.DiGraph()
    for i, n in enumerate([5, 1, 9, 3, 7, 2]):
        d.add_node(f"S{i}", label=f"Supplier {i}")
        d.add_edge(f"S{i}", "R", claims=n, documents=1)
    d.add_edge("S1", "Q", claims=4, documents=1)

    top = strongest_edges(d, 3)

    assert sorted(e["claims"] for *_, e in top.edges(data=True)) == [5, 7, 9]
    assert set(top.edges()) == {("S2", "R"), ("S4", "R"), ("S0", "R")}
    assert set(top) == {"S0", "S2", "S4", "R"}  # no node without a kept pair
    assert top.nodes["S2"]["label"] == "Supplier 2"
    assert strongest_edges(d, 100).number_of_edges() == d.number_of_edges()


def test_strongest_edges_breaks_ties_by_documents():
    d = nx.DiGraph()
    d.add_edge("A", "B", claims=2, documents=1)
    d.add_edge("C", "B", claims=2, documents=2)
    d.add_edge("D", "B", claims=1, documents=5)

    assert list(strongest_edges(d, 1).edges()) == [("C", "B")]


# --- stats and exports ----------------------------------------------------------------


@pytest.fixture
def trade() -> nx.DiGraph:
    """CHN arms IRN, which arms RUS and the Houthis (a broker); PRK and IRN arm RUS; USA and
    DEU arm UKR."""
    rows = ([("CHN", "IRN", "engines", "delivered", "")] * 2
            + [("IRN", "RUS", "drones", "delivered", "")] * 2
            + [("IRN", "RUS", "missiles", "agreed", ""),
               ("IRN", "houthis", "missiles", "reported", "")]
            + [("PRK", "RUS", "ammunition", "delivered", "")] * 3
            + [("PRK", "RUS", "missiles", "denied", "")]
            + [("USA", "UKR", "air-defence", "pledged", "")] * 4
            + [("USA", "UKR", "artillery", "delivered", ""),
               ("DEU", "UKR", "armoured-vehicles", "delivered", "")])
    return supplier_network(claims(*rows))


def test_network_stats_ranks_suppliers_and_recipients_by_claims(trade):
    tables = network_stats(trade)

    assert [(r["actor"], r["claims"], r["recipients"]) for r in tables["suppliers"]] == [
        ("USA", 5, 1), ("IRN", 4, 2), ("PRK", 4, 1), ("CHN", 2, 1), ("DEU", 1, 1)]
    assert [(r["actor"], r["claims"], r["suppliers"]) for r in tables["recipients"]] == [
        ("RUS", 7, 2), ("UKR", 6, 2), ("IRN", 2, 1), ("houthis", 1, 1)]
    assert tables["suppliers"][0]["label"] == "United States"
    assert tables["recipients"][-1]["type"] == "armed-group"
    assert [r["actor"] for r in network_stats(trade, top=2)["suppliers"]] == ["USA", "IRN"]


def test_network_stats_ranks_by_distinct_partners(trade):
    tables = network_stats(trade)

    assert tables["suppliers_by_partners"][0] == {
        "actor": "IRN", "label": "Iran", "type": "state", "recipients": 2}
    assert {r["actor"] for r in tables["suppliers_by_partners"][1:]} == {
        "CHN", "DEU", "PRK", "USA"}
    assert [(r["actor"], r["suppliers"]) for r in tables["recipients_by_partners"][:2]] == [
        ("RUS", 2), ("UKR", 2)]


def test_network_stats_pagerank_sums_to_one_and_favours_the_big_recipients(trade):
    ranks = network_stats(trade, top=100)["pagerank"]

    assert len(ranks) == trade.number_of_nodes()
    assert sum(r["pagerank"] for r in ranks) == pytest.approx(1.0, abs=1e-3)
    assert ranks[0]["actor"] in ("RUS", "UKR")
    assert all(0 < r["pagerank"] < 1 for r in ranks)


def test_network_stats_betweenness_finds_the_broker(trade):
    between = network_stats(trade)["betweenness"]

    assert between[0]["actor"] == "IRN"
    assert between[0]["betweenness"] > 0
    assert [r["actor"] for r in between] == ["IRN"]  # nobody else brokers anything


def test_network_stats_pairs_carry_category_and_status_counts(trade):
    pairs = network_stats(trade)["pairs"]

    assert [(p["supplier"], p["recipient"], p["claims"]) for p in pairs[:4]] == [
        ("USA", "UKR", 5), ("PRK", "RUS", 4), ("IRN", "RUS", 3), ("CHN", "IRN", 2)]
    prk = pairs[1]
    assert prk["supplier_label"] == "North Korea" and prk["recipient_label"] == "Russia"
    assert prk["documents"] == 4
    assert prk["categories"] == "ammunition:3;missiles:1"
    assert prk["statuses"] == "delivered:3;denied:1"
    assert pairs[0]["categories"] == "air-defence:4;artillery:1"
    assert pairs[0]["statuses"] == "pledged:4;delivered:1"


def test_network_stats_of_an_empty_network_is_empty_tables():
    tables = network_stats(nx.DiGraph())

    assert set(tables) == {"suppliers", "recipients", "suppliers_by_partners",
                           "recipients_by_partners", "pagerank", "betweenness", "pairs",
                           "transfers"}
    assert all(rows == [] for rows in tables.values())


def test_flat_network_has_only_string_and_integer_attributes(trade):
    flat = flat_network(trade)

    values = [v for _, a in flat.nodes(data=True) for v in a.values()]
    values += [v for *_, a in flat.edges(data=True) for v in a.values()]
    assert values and all(type(v) in (str, int) for v in values), {type(v) for v in values}
    assert set(flat.edges()) == set(trade.edges())
    assert flat.nodes["IRN"]["volume"] == 6  # 2 in + 4 out
    assert flat.edges["PRK", "RUS"]["dominant_status"] == "delivered"
    assert flat.edges["PRK", "RUS"]["weight"] == 4
    assert "evidence" in trade.edges["PRK", "RUS"]  # the input keeps its evidence


@pytest.fixture
def rdf_network(graph, ontology):
    return supplier_network(claims_multigraph(graph, ontology=ontology))


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
@pytest.mark.parametrize("which", ["rdf_network", "trade"])
def test_gexf_and_graphml_reread_with_the_same_nodes_and_edges(fmt, which, request, tmp_path):
    d = request.getfixturevalue(which)
    target = tmp_path / f"net.{fmt}"

    assert write_network(d, fmt, target) == [target]

    back = nx.read_gexf(target) if fmt == "gexf" else nx.read_graphml(target)
    assert back.is_directed()
    assert set(back.nodes) == set(d.nodes)
    assert set(back.edges()) == set(d.edges())
    for u, v, e in d.edges(data=True):
        assert int(back.edges[u, v]["claims"]) == e["claims"]
    for n, a in d.nodes(data=True):
        assert back.nodes[n]["label"] == a["label"]
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temporary file left


def test_csv_export_writes_nodes_and_edges_with_headers(trade, tmp_path):
    import csv

    paths = write_network(trade, "csv", tmp_path / "csv")

    assert [p.name for p in paths] == ["nodes.csv", "edges.csv"]
    with paths[0].open(encoding="utf-8", newline="") as fh:
        nodes = list(csv.DictReader(fh))
    with paths[1].open(encoding="utf-8", newline="") as fh:
        edges = list(csv.DictReader(fh))
    assert list(nodes[0]) == ["id", "label", "type", "volume", "iri"]
    assert list(edges[0]) == ["source", "target", "claims", "documents", "categories",
                              "statuses", "dominant_status"]
    assert sorted(r["id"] for r in nodes) == sorted(trade.nodes)
    assert len(edges) == trade.number_of_edges()
    assert {(r["source"], r["target"]) for r in edges} == set(trade.edges())
    prk = next(r for r in edges if (r["source"], r["target"]) == ("PRK", "RUS"))
    assert prk["claims"] == "4" and prk["categories"] == "ammunition:3;missiles:1"


def test_write_network_rejects_an_unknown_format(trade, tmp_path):
    with pytest.raises(ValueError, match="unknown network format"):
        write_network(trade, "dot", tmp_path / "x.dot")


def _same_network(a: nx.DiGraph, b: nx.DiGraph) -> None:
    """The same nodes (in the same order) and edges with the same attributes, evidence in
    the same order."""
    assert list(a.nodes(data=True)) == list(b.nodes(data=True))
    assert {(u, v): e for u, v, e in a.edges(data=True)} == {
        (u, v): e for u, v, e in b.edges(data=True)}


FILTERS = [
    {}, {"exclude_statuses": ["denied"]}, {"categories": ["drones", "ammunition"]},
    {"statuses": ["agreed"]}, {"since": "2023"}, {"until": "2023-06"},
    {"categories": ["ammunition"], "exclude_statuses": ["denied"], "since": "2020"},
]


@pytest.mark.parametrize("filters", FILTERS)
@pytest.mark.parametrize("min_claims", [1, 2])
def test_claims_network_is_the_filtered_aggregated_multigraph(graph, filters, min_claims):
    expected = supplier_network(filter_claims(claims_multigraph(graph), **filters),
                                min_claims=min_claims)

    _same_network(claims_network(graph, min_claims=min_claims, **filters), expected)


@pytest.mark.parametrize("filters", FILTERS)
def test_claims_network_on_a_synthetic_store_matches_the_multigraph_path(filters):
    import sys
    from pathlib import Path

    from armsgraph.graph.store import MemoryStore

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from store import synthetic_corpus

    store = MemoryStore()
    for _ in store.put_documents(synthetic_corpus(600, 7)):
        pass
    expected = supplier_network(filter_claims(claims_multigraph(store), **filters))

    got = claims_network(store, **filters)

    assert got.number_of_edges() > 0 or filters
    _same_network(got, expected)


def test_pagerank_equals_networkx_on_a_random_weighted_network():
    from armsgraph.graph.network import pagerank

    g = nx.gnp_random_graph(120, 0.04, seed=3, directed=True)
    for i, (u, v) in enumerate(g.edges()):
        g.edges[u, v]["claims"] = 1 + i % 7
    g.add_node("lonely")

    ours = pagerank(g, weight="claims")
    theirs = nx.pagerank(g, weight="claims")

    assert ours.keys() == theirs.keys()
    assert max(abs(ours[n] - theirs[n]) for n in g) < 1e-5
    assert abs(sum(ours.values()) - 1) < 1e-9
