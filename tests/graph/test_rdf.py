"""Claims -> RDF: named graphs per document, stable IRIs, the plain supplier edge."""

from __future__ import annotations

import pytest
from rdflib import RDF, RDFS, Literal, URIRef
from rdflib.namespace import PROV, XSD

from armsgraph.extract.claims import Actor, Item
from armsgraph.graph.rdf import IriMinter, add_document, new_dataset, union_graph
from armsgraph.ontology import AG, category_iri, status_iri

PRK = URIRef("https://w3id.org/armsgraph/id/state/PRK")
RUS = URIRef("https://w3id.org/armsgraph/id/state/RUS")
IRN = URIRef("https://w3id.org/armsgraph/id/state/IRN")


def quads(ds):
    return sorted((s, p, o, g) for s, p, o, g in ds.quads((None, None, None, None)))


def test_claim_becomes_an_n_ary_transfer_claim_with_evidence(make_document, make_claim):
    doc = make_document(title="Shells for Moscow", published="2023-09-01")
    claim = make_claim(quantity=1800, source="US officials")
    ds = new_dataset()

    add_document(ds, doc, [claim])
    g = union_graph(ds)

    c = IriMinter().claim(claim)
    assert (c, RDF.type, AG.TransferClaim) in g
    assert (c, AG.supplier, PRK) in g and (c, AG.recipient, RUS) in g
    assert (c, AG.status, status_iri("delivered")) in g
    assert (c, AG.category, category_iri("ammunition")) in g
    assert (c, AG.quantity, Literal(1800)) in g  # xsd:integer
    assert g.value(c, AG.quantity).datatype == URIRef("http://www.w3.org/2001/XMLSchema#integer")
    assert (c, AG.claimedBy, Literal("US officials")) in g
    assert (c, AG.date, Literal("2023-09-01", datatype=XSD.date)) in g
    (ev,) = g.objects(c, PROV.wasDerivedFrom)
    assert g.value(ev, AG.sentence) == Literal(claim.sentence)
    assert g.value(ev, AG.startChar).toPython() == 0
    assert g.value(ev, AG.endChar).toPython() == len(claim.sentence)
    assert (PRK, RDFS.label, Literal("North Korea", lang="en")) in g
    assert (PRK, AG.suppliesArmsTo, RUS) in g


def test_adding_a_document_twice_replaces_its_named_graph(make_document, make_claim):
    doc = make_document()
    ds = new_dataset()

    n1 = add_document(ds, doc, [make_claim()])
    once = quads(ds)
    n2 = add_document(ds, doc, [make_claim()])

    assert n1 == n2 > 0
    assert quads(ds) == once
    reference = len(ds.graph(IriMinter().reference_graph()))
    assert reference > 0  # the actors' descriptions, once, in the reference graph
    assert len(union_graph(ds)) == n1 + reference


def test_readding_a_document_with_other_claims_drops_the_old_ones(make_document, make_claim):
    doc = make_document()
    ds = new_dataset()
    add_document(ds, doc, [make_claim()])

    add_document(ds, doc, [make_claim(recipient=Actor("Iran", "IRN", "Iran"))])
    g = union_graph(ds)

    assert (PRK, AG.suppliesArmsTo, IRN) in g
    assert (PRK, AG.suppliesArmsTo, RUS) not in g
    assert len(set(g.subjects(RDF.type, AG.TransferClaim))) == 1


def test_each_document_has_its_own_named_graph(make_document, make_claim):
    ds = new_dataset()
    add_document(ds, make_document("a"), [make_claim(doc_id="a")])
    add_document(ds, make_document("b"), [make_claim(doc_id="b")])

    minter = IriMinter()
    names = {g.identifier for g in ds.graphs()}
    assert {minter.graph("a"), minter.graph("b")} <= names
    add_document(ds, make_document("a"), [])
    assert len(set(union_graph(ds).subjects(RDF.type, AG.TransferClaim))) == 1


def test_claim_iris_are_stable_and_distinguish_claims(make_claim):
    minter = IriMinter()

    same = minter.claim(make_claim()), IriMinter().claim(make_claim())
    other_doc = minter.claim(make_claim(doc_id="doc-2"))
    other_item = minter.claim(make_claim(item=Item("drones", "drones")))
    other_span = minter.claim(make_claim(span=(5, 20)))

    assert same[0] == same[1]
    assert len({same[0], other_doc, other_item, other_span}) == 4
    assert str(same[0]).startswith("https://w3id.org/armsgraph/id/claim/")


def test_iris_follow_a_configured_base(make_document, make_claim):
    ds = new_dataset()
    add_document(ds, make_document(), [make_claim()], minter=IriMinter("https://example.org/kg"))
    g = union_graph(ds)

    supplier = URIRef("https://example.org/kg/state/PRK")
    assert (supplier, AG.suppliesArmsTo, URIRef("https://example.org/kg/state/RUS")) in g


def test_denied_claim_gives_no_supplies_arms_to_edge(make_document, make_claim):
    ds = new_dataset()
    add_document(ds, make_document(), [make_claim(status="denied")])
    g = union_graph(ds)

    assert not list(g.triples((None, AG.suppliesArmsTo, None)))
    (c,) = g.subjects(RDF.type, AG.TransferClaim)
    assert (c, AG.status, status_iri("denied")) in g


def test_claim_missing_a_side_gives_no_supplies_arms_to_edge(make_document, make_claim):
    claim = make_claim()
    claim.recipient = None
    ds = new_dataset()
    add_document(ds, make_document(), [claim])
    g = union_graph(ds)

    assert not list(g.triples((None, AG.suppliesArmsTo, None)))
    assert not list(g.triples((None, AG.recipient, None)))


def test_company_actor_is_typed_company_with_its_home_state(make_document, make_claim):
    rosoboron = Actor("Rosoboronexport", None, "Rosoboronexport", type="company", country="RUS")
    ds = new_dataset()
    add_document(ds, make_document(), [make_claim(supplier=rosoboron,
                                                  recipient=Actor("India", "IND", "India"))])
    g = union_graph(ds)

    iri = URIRef("https://w3id.org/armsgraph/id/actor/rosoboronexport")
    assert (iri, RDF.type, AG.Company) in g
    assert (iri, RDF.type, AG.State) not in g
    assert (iri, AG.country, RUS) in g
    assert (iri, AG.suppliesArmsTo, URIRef("https://w3id.org/armsgraph/id/state/IND")) in g


def test_state_actor_is_typed_state_with_its_iso3(make_document, make_claim):
    ds = new_dataset()
    add_document(ds, make_document(), [make_claim()])
    g = union_graph(ds)

    assert (PRK, RDF.type, AG.State) in g
    assert (PRK, AG.iso3, Literal("PRK")) in g


def test_weapon_system_designation_becomes_a_weapon_system(make_document, make_claim):
    ds = new_dataset()
    add_document(ds, make_document(), [make_claim(item=Item("Shahed-136 drones", "drones",
                                                           "Shahed-136"))])
    g = union_graph(ds)

    system = URIRef("https://w3id.org/armsgraph/id/system/shahed-136")
    (c,) = g.subjects(RDF.type, AG.TransferClaim)
    assert (c, AG.item, system) in g
    assert (system, RDF.type, AG.WeaponSystem) in g
    assert (system, AG.category, category_iri("drones")) in g


@pytest.mark.parametrize(("text", "datatype"), [
    ("2023-09-01", XSD.date),
    ("2023-09-01T10:15:00Z", XSD.dateTime),
    ("2023-09-01T10:15:00.5+02:00", XSD.dateTime),
    ("2023-02-30", XSD.string),  # shaped like a date, but none
    ("26-FEB-1987 15:01:11.79", XSD.string),
    ("2023", XSD.gYear),
    ("2023-07", XSD.gYearMonth),
    ("2023-13", XSD.string),
    ("2023-09-01 10:15", XSD.string),  # not the XSD form
])
def test_article_dates_are_typed_when_they_are_iso_dates(text, datatype):
    from armsgraph.graph.rdf import _date

    lit = _date(text)

    assert lit.value == text
    assert lit.datatype.value == str(datatype)
