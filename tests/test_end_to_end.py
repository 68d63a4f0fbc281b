"""The seed folder through build_graph: Turtle, claims and the view, checked from outside."""

from __future__ import annotations

import re

import pytest
from rdflib import RDF, Graph, URIRef
from rdflib.compare import isomorphic

from armsgraph.api import build_graph
from armsgraph.ontology import AG, load_ontology

ID = "https://w3id.org/armsgraph/id/"
AG_NS = "https://w3id.org/armsgraph/ontology#"


def state(iso3: str) -> URIRef:
    return URIRef(f"{ID}state/{iso3}")


@pytest.fixture(scope="module")
def seed_graph(seed_build) -> Graph:
    out, _report = seed_build
    return Graph().parse(out / "graph.ttl", format="turtle")


def test_build_reports_what_it_wrote(seed_build, seed_texts):
    out, report = seed_build
    assert report.documents == len(seed_texts)
    assert report.errors == []
    assert sorted(p.name for p in report.outputs) == ["claims.html", "claims.jsonl", "graph.html",
                                                      "graph.ttl"]
    assert all(p.parent == out and p.is_file() for p in report.outputs)
    claim_lines = (out / "claims.jsonl").read_text("utf-8").splitlines()
    assert report.claims == len(claim_lines) > 0


def test_seed_graph_says_north_korea_supplies_arms_to_russia(seed_graph):
    assert (state("PRK"), AG.suppliesArmsTo, state("RUS")) in seed_graph


def test_seed_graph_says_iran_supplies_arms_to_russia(seed_graph):
    assert (state("IRN"), AG.suppliesArmsTo, state("RUS")) in seed_graph


def test_seed_graph_has_no_arms_edge_towards_the_suppliers(seed_graph):
    assert (state("RUS"), AG.suppliesArmsTo, state("PRK")) not in seed_graph
    assert (state("RUS"), AG.suppliesArmsTo, state("IRN")) not in seed_graph


def test_every_ontology_term_in_the_seed_graph_is_declared(seed_graph):
    ontology = load_ontology()
    declared = {s for s in ontology.subjects(RDF.type, None) if str(s).startswith(AG_NS)}
    used = {t for triple in seed_graph for t in triple
            if isinstance(t, URIRef) and str(t).startswith(AG_NS)}
    assert AG.TransferClaim in used and AG.suppliesArmsTo in used
    assert used - declared == set()


def test_every_claim_has_its_evidence_sentence_in_the_graph(seed_graph, seed_texts):
    claims = set(seed_graph.subjects(RDF.type, AG.TransferClaim))
    assert claims
    for claim in claims:
        (evidence,) = seed_graph.objects(claim, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"))
        sentence = str(seed_graph.value(evidence, AG.sentence))
        start = seed_graph.value(evidence, AG.startChar).toPython()
        end = seed_graph.value(evidence, AG.endChar).toPython()
        assert any(text[start:end] == sentence for text in seed_texts.values())


def test_building_twice_gives_the_identical_graph(seed_build, seeds_dir, nlp, tmp_path):
    first_dir, _ = seed_build
    build_graph([seeds_dir], tmp_path, nlp=nlp)

    first = Graph().parse(first_dir / "graph.ttl", format="turtle")
    second = Graph().parse(tmp_path / "graph.ttl", format="turtle")
    from armsgraph.graph.validate import validate_graph

    assert validate_graph(second).conforms

    assert isomorphic(first, second)
    assert set(first) == set(second)  # no blank nodes: the very same IRIs and literals
    assert (first_dir / "claims.jsonl").read_bytes() == (tmp_path / "claims.jsonl").read_bytes()


def test_view_is_written_and_fetches_nothing_from_a_cdn(seed_build):
    out, _ = seed_build
    page = (out / "graph.html").read_text("utf-8")

    tags = re.findall(r"<(?:script|link|img|iframe|style)\b[^>]*>", page, flags=re.I)
    assert not [t for t in tags if re.search(r"(?:src|href)\s*=\s*['\"]?\s*(?:https?:)?//",
                                             t, flags=re.I)]
    assert not re.search(r"@import|url\(\s*['\"]?\s*(?:https?:)?//", page, flags=re.I)
    assert "North Korea" in page
