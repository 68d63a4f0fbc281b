"""The ag: namespace in Python (armsgraph.ontology.AG) against ontology/armsgraph.ttl."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, Literal, URIRef
from rdflib.namespace import SKOS

from armsgraph.extract.claims import CATEGORIES, STATUSES
from armsgraph.ontology import AG, ONTOLOGY_IRI, category_iri, load_ontology, status_iri

NS = ONTOLOGY_IRI + "#"
TERM_TYPES = {OWL.Class, RDFS.Class, OWL.ObjectProperty, OWL.DatatypeProperty,
              OWL.AnnotationProperty, RDF.Property, SKOS.ConceptScheme}
AG_NAMES = sorted(AG.__annotations__)


@pytest.fixture(scope="module")
def ontology():
    return load_ontology()


def test_ontology_file_parses_and_declares_itself(ontology):
    assert (URIRef(ONTOLOGY_IRI), RDF.type, OWL.Ontology) in ontology
    assert len(ontology) > 100


@pytest.mark.parametrize("name", AG_NAMES)
def test_every_ag_term_is_declared_with_label_and_comment(ontology, name):
    term = URIRef(NS + name)
    assert getattr(AG, name) == term
    types = set(ontology.objects(term, RDF.type))
    assert types & TERM_TYPES, f"ag:{name} is not declared as a class, property or scheme"
    assert ontology.value(term, RDFS.label) is not None, f"ag:{name} has no rdfs:label"
    assert ontology.value(term, RDFS.comment) is not None, f"ag:{name} has no rdfs:comment"


def test_every_class_and_property_in_the_ttl_is_an_ag_term(ontology):
    declared = {s for t in TERM_TYPES for s in ontology.subjects(RDF.type, t)
                if isinstance(s, URIRef) and str(s).startswith(NS)}
    names = {str(s)[len(NS):] for s in declared}

    assert names, "the ontology declares no ag: term"
    assert names - set(AG_NAMES) == set(), "declared in the TTL but missing from AG"


def test_ag_rejects_undeclared_terms():
    with pytest.raises(AttributeError):
        AG.suplier  # noqa: B018  (a typo must not mint a new IRI)


@pytest.mark.parametrize("category", CATEGORIES)
def test_every_weapon_category_is_a_concept_with_its_notation(ontology, category):
    concept = category_iri(category)
    assert (concept, RDF.type, SKOS.Concept) in ontology
    assert (concept, SKOS.inScheme, AG.WeaponCategories) in ontology
    assert (concept, SKOS.notation, Literal(category)) in ontology
    assert ontology.value(concept, RDFS.comment) is not None


@pytest.mark.parametrize("status", STATUSES)
def test_every_status_is_a_concept_with_its_notation(ontology, status):
    concept = status_iri(status)
    assert (concept, RDF.type, SKOS.Concept) in ontology
    assert (concept, SKOS.inScheme, AG.TransferStatuses) in ontology
    assert (concept, SKOS.notation, Literal(status)) in ontology


def test_concept_schemes_hold_exactly_the_python_lists(ontology):
    def notations(scheme):
        return {str(ontology.value(c, SKOS.notation))
                for c in ontology.subjects(SKOS.inScheme, scheme)}

    assert notations(AG.WeaponCategories) == set(CATEGORIES)
    assert notations(AG.TransferStatuses) == set(STATUSES)


def test_domains_and_ranges_point_at_declared_terms(ontology):
    for prop in (RDFS.domain, RDFS.range, RDFS.subClassOf):
        for _s, target in ontology.subject_objects(prop):
            if str(target).startswith(NS):
                assert str(target)[len(NS):] in AG_NAMES, target


def test_one_prefix_table_serves_turtle_sparql_validation_and_dumps():
    from armsgraph.graph import network, query, store, validate
    from armsgraph.ontology import PREFIXES, sparql_prefixes

    assert PREFIXES["schema"] == "https://schema.org/" and PREFIXES["id"].endswith("/id/")
    assert store.PREFIX_MAP == PREFIXES and validate.PREFIXES == PREFIXES
    assert sparql_prefixes() == query.PREFIXES
    assert network.CLAIMS_QUERY.startswith(sparql_prefixes())
    for line in sparql_prefixes().splitlines():  # every line parses as a SPARQL prologue
        _, name, iri = line.split()
        assert name[:-1] in PREFIXES and iri == f"<{PREFIXES[name[:-1]]}>"
