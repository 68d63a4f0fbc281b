"""The command line on an embedded store: build, validate, query, export and remove.

The seed folder is built once for the module (the only invocation that loads spaCy);
every other command reads that store, or a copy of it when it changes the store.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from cli_helpers import error_lines, invoke
from rdflib import Dataset, Graph

ID = "https://w3id.org/armsgraph/id/"
SEED_ID = "000_cf215c8622a80a14"
SUPPLIES = "SELECT ?s ?r WHERE { ?s ag:suppliesArmsTo ?r } ORDER BY ?s ?r"
DOC_IDS = "SELECT ?id WHERE { ?d a schema:NewsArticle ; ag:documentId ?id } ORDER BY ?id"

CLAIM = """\
@prefix ag: <https://w3id.org/armsgraph/ontology#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <https://schema.org/> .

<https://w3id.org/armsgraph/id/claim/c1> a ag:TransferClaim ;
    prov:wasDerivedFrom <https://w3id.org/armsgraph/id/evidence/doc-1/0-49> ;
    prov:wasGeneratedBy <https://w3id.org/armsgraph/id/run/armsgraph-0.1.0> ;
    ag:category ag:category-ammunition ;
    ag:confidence 0.900 ;
    ag:inferred false ;
    ag:item ag:category-ammunition ;
    ag:itemText "artillery shells" ;
    ag:recipient <https://w3id.org/armsgraph/id/state/RUS> ;
    ag:rule "hand-written" ;
{status}    ag:supplier <https://w3id.org/armsgraph/id/state/PRK> .

<https://w3id.org/armsgraph/id/document/doc-1> a schema:NewsArticle ;
    ag:documentId "doc-1" .

<https://w3id.org/armsgraph/id/evidence/doc-1/0-49> a ag:Evidence ;
    ag:startChar 0 ;
    ag:endChar 49 ;
    ag:inDocument <https://w3id.org/armsgraph/id/document/doc-1> ;
    ag:sentence "North Korea delivered artillery shells to Russia." .

<https://w3id.org/armsgraph/id/run/armsgraph-0.1.0> a ag:ExtractionRun ;
    ag:softwareVersion "0.1.0" .

<https://w3id.org/armsgraph/id/state/PRK> a ag:State ;
    rdfs:label "North Korea"@en ;
    ag:iso3 "PRK" ;
    ag:suppliesArmsTo <https://w3id.org/armsgraph/id/state/RUS> .

<https://w3id.org/armsgraph/id/state/RUS> a ag:State ; rdfs:label "Russia"@en ; ag:iso3 "RUS" .
"""
STATUS = "    ag:status ag:status-delivered ;\n"







def csv_rows(stdout: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(stdout)))


@pytest.fixture(scope="module")
def seed_ids(seed_texts) -> list[str]:
    """The ids of the seed folder's documents, sorted (the seed article among them)."""
    assert SEED_ID in seed_texts
    return sorted(seed_texts)


@pytest.fixture(scope="module")
def built(seeds_dir, tmp_path_factory):
    """``armsgraph build seeds/ --store DIR --out OUT``, once: ``(store, out, result)``."""
    root = tmp_path_factory.mktemp("cli-store")
    store, out = root / "store", root / "out"
    result = invoke("build", seeds_dir, "--store", store, "--out", out)
    assert result.exit_code == 0, result.stderr
    return store, out, result


@pytest.fixture
def store_copy(built, tmp_path) -> Path:
    """A copy of the built store, for commands that change it."""
    copy = tmp_path / "store"
    shutil.copytree(built[0], copy)
    return copy


# --- build ----------------------------------------------------------------------------


def test_build_fills_the_store_and_writes_the_outputs(built, seed_ids):
    store, out, result = built

    assert store.is_dir() and any(store.iterdir())
    assert f"stored in {store}" in result.stdout
    for name in ("graph.ttl", "claims.jsonl", "graph.html", "claims.html"):
        assert (out / name).is_file()
        assert str(out / name) in result.stdout
    assert f"{len(seed_ids)} documents" in result.stdout


# --- validate -------------------------------------------------------------------------


def test_validate_the_built_store_conforms(built):
    store, _out, _ = built

    result = invoke("validate", "--store", store)

    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.stdout.startswith("conforms:"), result.stdout


def test_validate_of_a_hand_written_complete_claim_conforms(tmp_path):
    path = tmp_path / "complete.ttl"
    path.write_text(CLAIM.format(status=STATUS), "utf-8")

    result = invoke("validate", path)

    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.stdout.startswith("conforms:"), result.stdout


def test_validate_of_a_claim_without_status_exits_1_and_names_the_problem(tmp_path):
    path = tmp_path / "broken.ttl"
    path.write_text(CLAIM.format(status=""), "utf-8")

    result = invoke("validate", path)

    assert result.exit_code == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("does not conform: 1 violation"), result.stdout
    problem = [line for line in lines[1:] if "id:claim/c1" in line]
    assert len(problem) == 1, result.stdout
    assert "ag:status" in problem[0] and "no status" in problem[0], problem[0]


def test_validate_of_a_missing_store_exits_2_with_one_line_naming_it(tmp_path):
    missing = tmp_path / "no-store-here"

    result = invoke("validate", "--store", missing)

    assert result.exit_code == 2
    lines = error_lines(result.stderr)
    assert len(lines) == 1 and str(missing) in lines[0], result.stderr
    assert not missing.exists()


# --- query ----------------------------------------------------------------------------


def test_query_csv_answers_from_the_store(built):
    store, _out, _ = built

    result = invoke("query", "--store", store, "--format", "csv", SUPPLIES)

    assert result.exit_code == 0, result.stderr
    rows = csv_rows(result.stdout)
    assert rows[0] == ["s", "r"]
    assert [f"{ID}state/PRK", f"{ID}state/RUS"] in rows[1:], rows
    assert [f"{ID}state/IRN", f"{ID}state/RUS"] in rows[1:], rows


def test_query_table_answers_from_the_store(built):
    store, _out, _ = built

    result = invoke("query", "--store", store, SUPPLIES)

    assert result.exit_code == 0, result.stderr
    assert any("state/PRK" in line and "state/RUS" in line
               for line in result.stdout.splitlines()), result.stdout


def test_query_lists_the_documents_of_the_store(built, seed_ids):
    store, _out, _ = built

    result = invoke("query", "--store", store, "--format", "csv", DOC_IDS)

    assert result.exit_code == 0, result.stderr
    assert csv_rows(result.stdout) == [["id"], *[[i] for i in seed_ids]]


def test_query_of_a_missing_store_exits_2_with_one_line_naming_the_path(tmp_path):
    missing = tmp_path / "MISSING_DIR"

    result = invoke("query", "--store", missing, "--format", "csv", SUPPLIES)

    assert result.exit_code == 2
    lines = error_lines(result.stderr)
    assert len(lines) == 1 and str(missing) in lines[0], result.stderr
    assert result.stdout == ""
    assert not missing.exists()


def test_query_syntax_error_on_the_store_exits_2_with_one_line(built):
    store, _out, _ = built

    result = invoke("query", "--store", store, "SELECT ?s WHERE { ?s ag:supplier")

    assert result.exit_code == 2
    lines = error_lines(result.stderr)
    assert len(lines) == 1 and "line 1" in lines[0], result.stderr


# --- export ---------------------------------------------------------------------------


def test_export_nq_writes_a_parseable_file_with_every_triple(built, seed_ids, tmp_path):
    store, out, _ = built
    target = tmp_path / "exports" / "armsgraph.nq"

    result = invoke("export", "--format", "nq", "-o", target, "--store", store)

    assert result.exit_code == 0, result.stderr
    assert str(target) in result.stderr
    ds = Dataset()
    ds.parse(target, format="nquads")
    triples = {(s, p, o) for s, p, o, _g in ds.quads((None, None, None, None))}
    names = {str(g) for _s, _p, _o, g in ds.quads((None, None, None, None))}
    assert names == {f"{ID}graph/{i}" for i in seed_ids} | {f"{ID}graph/reference",
                                                              f"{ID}graph/transfers"}
    assert len(triples) == len(Graph().parse(out / "graph.ttl", format="turtle"))
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]


def test_export_with_an_unknown_format_exits_2(built, tmp_path):
    store, _out, _ = built

    result = invoke("export", "--format", "xml", "-o", tmp_path / "x", "--store", store)

    assert result.exit_code == 2
    assert len(error_lines(result.stderr)) == 1, result.stderr
    assert not (tmp_path / "x").exists()


# --- remove ---------------------------------------------------------------------------


def test_remove_deletes_the_document_and_a_second_remove_exits_2(store_copy, seed_ids):
    result = invoke("remove", SEED_ID, "--store", store_copy)

    assert result.exit_code == 0, result.stderr
    assert f"removed {SEED_ID}" in result.stdout

    left = invoke("query", "--store", store_copy, "--format", "csv", DOC_IDS)
    assert left.exit_code == 0, left.stderr
    assert csv_rows(left.stdout) == [["id"], *[[i] for i in seed_ids if i != SEED_ID]]
    pairs = invoke("query", "--store", store_copy, "--format", "csv", SUPPLIES)
    left_pairs = csv_rows(pairs.stdout)
    for supplier in ("PRK", "IRN"):  # the seed article's pairs; no other seed makes them
        assert [f"{ID}state/{supplier}", f"{ID}state/RUS"] not in left_pairs, left_pairs

    again = invoke("remove", SEED_ID, "--store", store_copy)

    assert again.exit_code == 2
    lines = error_lines(again.stderr)
    assert len(lines) == 1 and SEED_ID in lines[0], again.stderr
