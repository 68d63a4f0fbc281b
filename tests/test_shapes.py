"""SHACL shapes (ontology/shapes.ttl) and armsgraph.graph.validate against written graphs."""

from __future__ import annotations

import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef, namespace
from rdflib.collection import Collection
from rdflib.namespace import PROV, SH, SKOS

from armsgraph.extract.claims import Actor, Item
from armsgraph.graph.rdf import IriMinter, add_document, new_dataset, union_graph
from armsgraph.graph.validate import (
    ValidationReport,
    Violation,
    load_shapes,
    shapes_path,
    validate_graph,
)
from armsgraph.ontology import AG, load_ontology, status_iri

RUS = URIRef("https://w3id.org/armsgraph/id/state/RUS")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes()


@pytest.fixture
def claim_graph(make_document, make_claim):
    """A valid one-claim graph and its claim IRI, ready to be broken."""
    claim = make_claim()
    ds = new_dataset()
    add_document(ds, make_document(), [claim])
    return union_graph(ds), IriMinter().claim(claim)


def violation_about(report: ValidationReport, path: URIRef | None, *words: str) -> Violation:
    """The one violation on ``path`` whose message names every word (case-folded)."""
    found = [v for v in report.violations
             if v.path == (str(path) if path is not None else None)
             and all(w.lower() in v.message.lower() for w in words)]
    assert found, f"no violation on {path} naming {words}: {report.summary()}"
    return found[0]


# --- the shapes file -------------------------------------------------------------------


def test_shapes_ship_with_the_package_and_parse(shapes):
    assert shapes_path().name == "shapes.ttl" and shapes_path().is_file()
    assert len(list(shapes.subjects(RDF.type, SH.NodeShape))) >= 5


def test_every_shape_is_documented_and_every_property_shape_has_a_message(shapes):
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    property_shapes = set(shapes.objects(None, SH.property))
    assert property_shapes
    for shape in node_shapes | property_shapes:
        assert shapes.value(shape, RDFS.label) is not None, shape
        assert shapes.value(shape, RDFS.comment) is not None, shape
    for shape in property_shapes:
        message = shapes.value(shape, SH.message)
        assert message is not None and len(str(message)) > 20, shape


def test_status_and_category_lists_are_the_ontology_schemes(shapes):
    ontology = load_ontology()

    def listed(path):
        found = set()
        for shape in shapes.subjects(SH.path, path):
            for head in shapes.objects(shape, SH["in"]):
                found.add(frozenset(Collection(shapes, head)))
        return found

    assert listed(AG.status) == {frozenset(ontology.subjects(SKOS.inScheme,
                                                             AG.TransferStatuses))}
    categories = frozenset(ontology.subjects(SKOS.inScheme, AG.WeaponCategories))
    assert listed(AG.category) == {categories}
    assert len(categories) == 13


# --- (a) what armsgraph writes conforms ----------------------------------------------------


def test_seed_build_conforms(seed_build):
    out, _report = seed_build
    graph = Graph().parse(out / "graph.ttl", format="turtle")

    report = validate_graph(graph)

    assert report.conforms, report.summary()
    assert report.violations == []
    assert report.summary() == f"conforms: {len(graph)} triples checked"


def test_dataset_is_validated_as_the_union_of_its_named_graphs(make_document, make_claim):
    ds = new_dataset()
    add_document(ds, make_document("a"), [make_claim(doc_id="a")])
    add_document(ds, make_document("b"), [make_claim(doc_id="b", status="pledged")])

    report = validate_graph(ds)

    assert report.conforms, report.summary()
    assert report.triples == len(union_graph(ds))


# --- (b) broken graphs are caught and say why ------------------------------------------------


def test_claim_without_status(claim_graph):
    g, c = claim_graph
    g.remove((c, AG.status, None))

    report = validate_graph(g)

    assert not report.conforms
    v = violation_about(report, AG.status, "no status")
    assert v.focus == str(c) and v.severity == "Violation"


def test_claim_with_two_statuses(claim_graph):
    g, c = claim_graph
    g.add((c, AG.status, status_iri("pledged")))

    report = validate_graph(g)

    assert not report.conforms
    violation_about(report, AG.status, "more than one status")


def test_claim_with_a_status_outside_the_scheme(claim_graph):
    g, c = claim_graph
    g.set((c, AG.status, URIRef(str(AG._NS) + "status-rumoured")))

    report = validate_graph(g)

    v = violation_about(report, AG.status, "TransferStatuses")
    assert v.value and v.value.endswith("status-rumoured")


def test_claim_with_neither_supplier_nor_recipient(claim_graph):
    g, c = claim_graph
    g.remove((c, AG.supplier, None))
    g.remove((c, AG.recipient, None))

    report = validate_graph(g)

    assert not report.conforms
    v = violation_about(report, None, "neither a supplier nor a recipient")
    assert v.focus == str(c)


def test_evidence_that_starts_after_it_ends(claim_graph):
    g, c = claim_graph
    ev = g.value(c, PROV.wasDerivedFrom)
    g.set((ev, AG.startChar, Literal(40, datatype=namespace.XSD.integer)))
    g.set((ev, AG.endChar, Literal(10, datatype=namespace.XSD.integer)))

    report = validate_graph(g)

    assert not report.conforms
    v = violation_about(report, AG.startChar, "starts after it ends")
    assert v.focus == str(ev)


def test_evidence_with_a_negative_offset(claim_graph):
    g, c = claim_graph
    ev = g.value(c, PROV.wasDerivedFrom)
    g.set((ev, AG.startChar, Literal(-1, datatype=namespace.XSD.integer)))

    report = validate_graph(g)

    violation_about(report, AG.startChar, "non-negative")


def test_state_with_a_lower_case_iso_code(claim_graph):
    g, _c = claim_graph
    g.set((RUS, AG.iso3, Literal("ru")))

    report = validate_graph(g)

    assert not report.conforms
    v = violation_about(report, AG.iso3, "ISO 3166 alpha-3")
    assert v.focus == str(RUS) and v.value == "ru"
    assert "id:state/RUS" in report.summary()


def test_claim_without_evidence(claim_graph):
    g, c = claim_graph
    g.remove((c, PROV.wasDerivedFrom, None))

    report = validate_graph(g)

    assert not report.conforms
    violation_about(report, PROV.wasDerivedFrom, "no evidence")


def test_supplier_that_is_not_an_actor(claim_graph):
    g, c = claim_graph
    thing = URIRef("https://w3id.org/armsgraph/id/thing/x")
    g.set((c, AG.supplier, thing))
    g.add((thing, RDFS.label, Literal("x")))

    report = validate_graph(g)

    violation_about(report, AG.supplier, "single actor")


def test_actor_without_a_label(claim_graph):
    g, _c = claim_graph
    g.remove((RUS, RDFS.label, None))

    report = validate_graph(g)

    violation_about(report, RDFS.label, "name")


def test_confidence_out_of_range_and_inferred_not_boolean(claim_graph):
    g, c = claim_graph
    g.set((c, AG.confidence, Literal("1.5", datatype=namespace.XSD.decimal)))
    g.set((c, AG.inferred, Literal("yes")))

    report = validate_graph(g)

    violation_about(report, AG.confidence, "between 0 and 1")
    violation_about(report, AG.inferred, "boolean")


def test_claim_without_item_or_category(claim_graph):
    g, c = claim_graph
    g.remove((c, AG.item, None))
    g.remove((c, AG.category, None))

    report = validate_graph(g)

    violation_about(report, AG.item, "exactly one item")
    violation_about(report, AG.category, "no weapon category")


def test_evidence_without_a_news_article(claim_graph):
    g, c = claim_graph
    ev = g.value(c, PROV.wasDerivedFrom)
    doc = g.value(ev, AG.inDocument)
    g.remove((doc, RDF.type, None))

    report = validate_graph(g)

    violation_about(report, AG.inDocument, "NewsArticle")


def test_summary_lists_one_line_per_violation(claim_graph):
    g, c = claim_graph
    g.remove((c, AG.status, None))
    g.set((RUS, AG.iso3, Literal("ru")))

    report = validate_graph(g)
    lines = report.summary().splitlines()

    assert len(lines) == 1 + len(report.violations) == 3
    assert lines[0].startswith("does not conform: 2 violation(s)")
    assert any(line.startswith("Violation") and "ag:status" in line and "id:claim/" in line
               for line in lines[1:])


# --- (c) hand-made claims of every shape conform ----------------------------------------------


def test_company_supplier_and_armed_group_recipient_conform(make_document, make_claim):
    sentence = "Lockheed Martin sold rifles to Hezbollah."
    claim = make_claim(
        sentence=sentence,
        supplier=Actor("Lockheed Martin", None, "Lockheed Martin", type="company",
                       country="USA"),
        recipient=Actor("Hezbollah", None, "Hezbollah", type="armed-group", country="LBN"),
        item=Item("rifles", "small-arms"),
        status="agreed",
    )
    ds = new_dataset()
    add_document(ds, make_document(text=sentence), [claim])

    report = validate_graph(ds)

    assert report.conforms, report.summary()


def test_organization_recipient_only_and_denied_claim_conform(make_document, make_claim):
    eu = Actor("European Union", None, "Brussels", type="organization")
    recipient_only = make_claim(supplier=None, recipient=eu, status="negotiating")
    recipient_only.supplier = None
    denied = make_claim(status="denied", span=(0, 10), inferred=True, confidence=0.25,
                        source="the Kremlin", value="$1bn")
    ds = new_dataset()
    add_document(ds, make_document(), [recipient_only, denied])

    report = validate_graph(ds)

    assert report.conforms, report.summary()
    g = union_graph(ds)
    assert (None, AG.suppliesArmsTo, None) not in g


@pytest.mark.parametrize("quantity", [1800, "millions", "24"])
def test_quantity_as_integer_or_text_conforms(make_document, make_claim, quantity):
    ds = new_dataset()
    add_document(ds, make_document(), [make_claim(quantity=quantity)])

    report = validate_graph(ds)

    assert report.conforms, report.summary()


def test_weapon_system_item_and_full_document_metadata_conform(make_document, make_claim):
    iran = Actor("Iran", "IRN", "Iranian", wikidata="Q794")
    claim = make_claim(supplier=iran, item=Item("Shahed-136 drones", "drones", "Shahed-136"),
                       status="reported", rule="acquire-verb", confidence=0.9)
    ds = new_dataset()
    add_document(ds, make_document(title="Drones for Moscow", url="https://example.org/a",
                                   published="2023-09-01", publisher="Example News"), [claim])
    add_document(ds, make_document("doc-2", url="not a url, a note"),
                 [make_claim(doc_id="doc-2")])

    report = validate_graph(ds)

    assert report.conforms, report.summary()
