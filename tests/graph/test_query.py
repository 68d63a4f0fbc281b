"""SPARQL over a graph: SELECT, ASK and CONSTRUCT, errors located in the user's text."""

from __future__ import annotations

import csv
import io
import json

import pytest
from rdflib import Literal, URIRef

from armsgraph.errors import GraphFileError, QueryError
from armsgraph.extract.claims import Actor
from armsgraph.graph.query import load_graph_file, run_query, table_rows, to_csv, to_json
from armsgraph.graph.rdf import add_document, new_dataset, union_graph
from armsgraph.ontology import AG

PRK = URIRef("https://w3id.org/armsgraph/id/state/PRK")
RUS = URIRef("https://w3id.org/armsgraph/id/state/RUS")
IRN = URIRef("https://w3id.org/armsgraph/id/state/IRN")


@pytest.fixture
def graph(make_document, make_claim):
    ds = new_dataset()
    add_document(ds, make_document("a"), [make_claim(doc_id="a")])
    add_document(ds, make_document("b", "Iran sent drones to Russia."),
                 [make_claim(doc_id="b", sentence="Iran sent drones to Russia.",
                             supplier=Actor("Iran", "IRN", "Iran"))])
    return union_graph(ds)


def test_select_uses_the_predeclared_prefixes(graph):
    result = run_query(graph, "SELECT ?s WHERE { ?s ag:suppliesArmsTo ?r . "
                              "?r rdfs:label 'Russia'@en ; ag:iso3 ?code } ORDER BY ?s")

    assert result.variables == ["s"]
    assert result.rows == [[IRN], [PRK]]
    assert result.boolean is None


def test_select_with_its_own_prefix_declaration_still_runs(graph):
    result = run_query(graph, "PREFIX ag: <https://w3id.org/armsgraph/ontology#>\n"
                              f"SELECT ?r WHERE {{ <{PRK}> ag:suppliesArmsTo ?r }}")

    assert result.rows == [[RUS]]


def test_ask_gives_a_boolean(graph):
    yes = run_query(graph, f"ASK {{ <{IRN}> ag:suppliesArmsTo <{RUS}> }}")
    no = run_query(graph, f"ASK {{ <{RUS}> ag:suppliesArmsTo <{IRN}> }}")

    assert yes.boolean is True
    assert no.boolean is False


def test_construct_gives_a_graph(graph):
    result = run_query(graph, "CONSTRUCT { ?r ag:receivesArmsFrom ?s } "
                              "WHERE { ?s ag:suppliesArmsTo ?r }")

    assert result.graph is not None
    received = URIRef("https://w3id.org/armsgraph/ontology#receivesArmsFrom")
    assert set(result.graph) == {(RUS, received, PRK), (RUS, received, IRN)}
    assert len(result.rows) == 2


@pytest.mark.parametrize("query, line, column", [
    ("SELECT ?s WHERE { ?s ?p ?o }\n\n  GARBAGE", 3, 3),
    ("PREFIX ex: <http://example.org/>\nSELECT * WHERE { ?s ex:p ?o . }\nLIMIT x", 3, 1),
    ("SELECT ?s WHERE { ?s ?p ?o } LIMIT ?", 1, 30),
], ids=["third-line", "own-prefix", "first-line"])
def test_syntax_error_names_line_and_column_in_the_users_query(graph, query, line, column):
    with pytest.raises(QueryError) as info:
        run_query(graph, query)

    message = str(info.value)
    assert f"line {line}," in message
    assert f"column {column}" in message
    assert len(message.splitlines()) == 1


def test_unknown_prefix_is_a_query_error(graph):
    with pytest.raises(QueryError, match="nope"):
        run_query(graph, "SELECT * WHERE { ?s nope:p ?o }")


def test_empty_query_is_a_query_error(graph):
    with pytest.raises(QueryError, match="empty"):
        run_query(graph, "  \n ")


def test_to_csv_writes_a_header_and_one_row_per_result(graph):
    result = run_query(graph, "SELECT ?s ?label WHERE { ?s ag:suppliesArmsTo ?r ; "
                              "rdfs:label ?label } ORDER BY ?s")

    rows = list(csv.reader(io.StringIO(to_csv(result))))

    assert rows == [["s", "label"], [str(IRN), "Iran"], [str(PRK), "North Korea"]]


def test_to_csv_quotes_commas_and_newlines():
    from armsgraph.graph.query import QueryResult

    result = QueryResult(["text"], [[Literal('a, "b"\nc')]])

    assert list(csv.reader(io.StringIO(to_csv(result)))) == [["text"], ['a, "b"\nc']]


def test_to_json_is_sparql_results_json(graph):
    result = run_query(graph, "SELECT ?s ?label ?missing WHERE { ?s ag:suppliesArmsTo ?r ; "
                              "rdfs:label ?label OPTIONAL { ?s ag:nothing ?missing } } "
                              "ORDER BY ?s")

    doc = json.loads(to_json(result))

    assert doc["head"]["vars"] == ["s", "label", "missing"]
    first = doc["results"]["bindings"][0]
    assert first["s"] == {"type": "uri", "value": str(IRN)}
    assert first["label"] == {"type": "literal", "value": "Iran", "xml:lang": "en"}
    assert "missing" not in first


def test_to_json_of_ask(graph):
    result = run_query(graph, "ASK { ?s ag:suppliesArmsTo ?r }")

    assert json.loads(to_json(result)) == {"head": {}, "boolean": True}


def test_table_rows_abbreviate_with_bound_prefixes(graph):
    result = run_query(graph, f"SELECT ?p WHERE {{ <{PRK}> ?p <{RUS}> }}")

    assert table_rows(result, graph) == [["ag:suppliesArmsTo"]]


def test_load_graph_file_reads_turtle_and_rejects_missing_or_broken_files(graph, tmp_path):
    good = tmp_path / "g.ttl"
    good.write_text(graph.serialize(format="turtle"), encoding="utf-8")
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix ag: <x> .\nthis is not turtle\n", encoding="utf-8")

    assert (PRK, AG.suppliesArmsTo, RUS) in load_graph_file(good)
    with pytest.raises(GraphFileError, match="missing.ttl"):
        load_graph_file(tmp_path / "missing.ttl")
    with pytest.raises(GraphFileError) as info:
        load_graph_file(broken)
    assert "broken.ttl" in str(info.value) and len(str(info.value).splitlines()) == 1
