"""RDF claims -> networkx: one edge per claim, then weighted supplier -> recipient pairs."""

from __future__ import annotations

import pytest

from armsgraph.extract.claims import Actor, Item
from armsgraph.graph.network import (
    claims_multigraph,
    filter_claims,
    supplier_network,
    top_recipients,
    top_suppliers,
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
