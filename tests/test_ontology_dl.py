"""OWL 2 DL hygiene of ontology/armsgraph.ttl: what Protégé needs to load it cleanly offline.

Every class and property that armsgraph's data or the ontology uses is declared, once and
with one kind; ag: terms are documented; the file is standard Turtle.
"""

from __future__ import annotations

import pyoxigraph
import pytest
from rdflib import OWL, RDF, RDFS, BNode, Graph, Literal, URIRef, namespace

from armsgraph.extract.claims import Actor, Item
from armsgraph.graph.rdf import add_document, new_dataset, union_graph
from armsgraph.ontology import ONTOLOGY_IRI, load_ontology, ontology_path

NS = ONTOLOGY_IRI + "#"
BUILT_IN = (str(RDF), str(RDFS), str(OWL), str(namespace.XSD))
PROPERTY_KINDS = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
DECLARATIONS = (OWL.Class, *PROPERTY_KINDS)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology()


@pytest.fixture(scope="module")
def seed_graph(seed_build) -> Graph:
    out, _report = seed_build
    return Graph().parse(out / "graph.ttl", format="turtle")


@pytest.fixture
def full_graph(make_document, make_claim) -> Graph:
    """A graph that uses every branch of ``document_triples``."""
    company = Actor("Lockheed Martin", None, "Lockheed Martin", type="company", country="USA")
    iran = Actor("Iran", "IRN", "Iranian", wikidata="Q794")
    ds = new_dataset()
    add_document(ds, make_document(title="T", url="https://example.org/a",
                                   published="2023-09-01", publisher="P"), [
        make_claim(supplier=iran, item=Item("Shahed-136 drones", "drones", "Shahed-136"),
                   quantity=24, value="$1bn", source="officials", rule="r", confidence=0.5),
        make_claim(supplier=company, span=(0, 5), quantity="hundreds", status="denied"),
    ])
    add_document(ds, make_document("doc-2", url="a note, not a URL"),
                 [make_claim(doc_id="doc-2")])
    return union_graph(ds)


def declared(ontology: Graph, kind: URIRef) -> set[URIRef]:
    return {s for s in ontology.subjects(RDF.type, kind) if isinstance(s, URIRef)}


def is_declared(ontology: Graph, iri: URIRef) -> bool:
    return str(iri).startswith(BUILT_IN) or any(
        (iri, RDF.type, kind) in ontology for kind in DECLARATIONS)


def used_terms(graph: Graph) -> set[URIRef]:
    """Every predicate and every rdf:type object of ``graph``."""
    return {p for p in graph.predicates()} | {
        o for o in graph.objects(None, RDF.type) if isinstance(o, URIRef)}


@pytest.mark.parametrize("which", ["seed_graph", "full_graph"])
def test_every_term_the_data_uses_is_declared(ontology, request, which):
    graph = request.getfixturevalue(which)

    missing = sorted(t for t in used_terms(graph) if not is_declared(ontology, t))

    assert missing == [], f"used in data but not declared in armsgraph.ttl: {missing}"


@pytest.mark.parametrize("which", ["seed_graph", "full_graph"])
def test_data_uses_each_property_as_its_kind(ontology, request, which):
    graph = request.getfixturevalue(which)
    for prop in declared(ontology, OWL.ObjectProperty):
        for o in graph.objects(None, prop):
            assert isinstance(o, URIRef | BNode), f"{prop} holds the literal {o!r}"
    for prop in declared(ontology, OWL.DatatypeProperty):
        for o in graph.objects(None, prop):
            assert isinstance(o, Literal), f"{prop} holds the resource {o}"


def test_every_term_the_ontology_uses_is_declared(ontology):
    terms = used_terms(ontology)
    for axiom in (RDFS.subClassOf, RDFS.domain):
        terms |= {o for o in ontology.objects(None, axiom) if isinstance(o, URIRef)}
    for prop, rng in ontology.subject_objects(RDFS.range):
        if (prop, RDF.type, OWL.ObjectProperty) in ontology:
            terms.add(rng)

    missing = sorted(t for t in terms if not is_declared(ontology, t))

    assert missing == []


def test_no_iri_is_two_kinds_of_property(ontology):
    kinds = {kind: declared(ontology, kind) for kind in PROPERTY_KINDS}
    for i, a in enumerate(PROPERTY_KINDS):
        for b in PROPERTY_KINDS[i + 1:]:
            assert kinds[a] & kinds[b] == set(), f"declared both {a} and {b}"
    properties = set().union(*kinds.values())
    assert properties & declared(ontology, OWL.Class) == set()


def test_ranges_fit_the_property_kind(ontology):
    for prop in declared(ontology, OWL.ObjectProperty):
        for rng in ontology.objects(prop, RDFS.range):
            assert (rng, RDF.type, OWL.Class) in ontology, (prop, rng)
    for prop in declared(ontology, OWL.DatatypeProperty):
        for rng in ontology.objects(prop, RDFS.range):
            if isinstance(rng, URIRef):
                assert str(rng).startswith(str(namespace.XSD)), (prop, rng)
            else:  # a data range such as the union of ag:quantity
                assert (rng, RDF.type, RDFS.Datatype) in ontology, (prop, rng)
    for prop in declared(ontology, OWL.AnnotationProperty):
        assert (prop, RDFS.range, None) not in ontology
        assert (prop, RDFS.domain, None) not in ontology


def test_quantity_ranges_over_integers_and_strings(ontology):
    from rdflib.collection import Collection

    from armsgraph.ontology import AG

    (rng,) = ontology.objects(AG.quantity, RDFS.range)
    members = set(Collection(ontology, ontology.value(rng, OWL.unionOf)))
    assert members == {namespace.XSD.integer, namespace.XSD.string}


def ag_terms(ontology: Graph) -> set[URIRef]:
    return {t for kind in DECLARATIONS for t in declared(ontology, kind)
            if str(t).startswith(NS)}


def test_every_ag_class_and_property_has_one_english_label_and_comment(ontology):
    terms = ag_terms(ontology)
    assert len(terms) > 30
    for term in terms:
        for prop in (RDFS.label, RDFS.comment):
            values = list(ontology.objects(term, prop))
            assert len(values) == 1, f"{term} has {len(values)} {prop}"
            assert isinstance(values[0], Literal) and values[0].language == "en", term


def test_every_ag_subject_is_defined_by_the_ontology(ontology):
    subjects = {s for s in ontology.subjects() if str(s).startswith(NS)}
    assert subjects >= ag_terms(ontology)
    for s in subjects:
        assert (s, RDFS.isDefinedBy, URIRef(ONTOLOGY_IRI)) in ontology, s


def test_ontology_does_not_import_anything(ontology):
    assert (None, OWL.imports, None) not in ontology


def test_ontology_is_standard_turtle_for_pyoxigraph(ontology):
    quads = list(pyoxigraph.parse(path=str(ontology_path()), format=pyoxigraph.RdfFormat.TURTLE))

    assert len(quads) == len(ontology)
    assert any(q.subject == pyoxigraph.NamedNode(ONTOLOGY_IRI)
               and q.object == pyoxigraph.NamedNode(str(OWL.Ontology)) for q in quads)
