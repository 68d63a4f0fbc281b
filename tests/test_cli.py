"""The armsgraph command line, driven in-process with click's CliRunner.

Each CLI call that extracts loads spaCy itself, so those calls are few and shared
through module-scoped fixtures.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from cli_helpers import error_lines, invoke

RECORD_KEYS = {"doc_id", "sentence", "span", "supplier", "recipient", "item", "quantity",
               "value", "status", "source", "inferred"}
PRK_RUS = "SELECT ?s ?r WHERE { ?s ag:suppliesArmsTo ?r } ORDER BY ?s"





def records_of(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]




def find(records, supplier, recipient, category):
    return [r for r in records
            if (r["supplier"] or {}).get("iso3") == supplier
            and (r["recipient"] or {}).get("iso3") == recipient
            and r["item"]["category"] == category]


@pytest.fixture(scope="module")
def extracted(seeds_dir):
    result = invoke("extract", seeds_dir)
    assert result.exit_code == 0, result.stderr
    return result


@pytest.fixture(scope="module")
def seed_records(extracted) -> list[dict]:
    return records_of(extracted.stdout)


@pytest.fixture(scope="module")
def built(seeds_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("cli-build")
    result = invoke("build", seeds_dir, "--store", out / "store", "--out", out)
    return out, result


# --- extract --------------------------------------------------------------------------


def test_extract_prints_one_json_record_per_line_with_every_field(seed_records):
    assert seed_records, "the seed article gave no record at all"
    for record in seed_records:
        assert set(record) >= RECORD_KEYS, RECORD_KEYS - set(record)


def test_extract_finds_north_korean_ammunition_in_negotiation_for_russia(seed_records):
    matches = find(seed_records, "PRK", "RUS", "ammunition")
    summary = [(r["supplier"], r["recipient"], r["item"]["category"], r["status"],
                r["quantity"]) for r in seed_records]
    assert any(r["status"] == "negotiating" and r["quantity"] == "millions" for r in matches), (
        f"no PRK -> RUS ammunition record, negotiating, quantity 'millions' among {summary}")


def test_extract_finds_iranian_drones_delivered_to_russia(seed_records):
    matches = find(seed_records, "IRN", "RUS", "drones")
    assert any(r["status"] == "delivered" for r in matches), matches


def test_extract_spans_slice_the_document_to_the_sentence(seed_records, seed_texts):
    for record in seed_records:
        text = seed_texts[record["doc_id"]]
        start, end = record["span"]
        assert text[start:end] == record["sentence"]


def test_extract_gives_no_record_for_workers_sent_to_the_donbas(seed_records, seed_texts):
    assert any("Donbas" in t for t in seed_texts.values()), "the seed lost its Donbas sentence"
    assert not [r for r in seed_records if "Donbas" in r["sentence"]]


def test_extract_of_a_missing_file_fails_with_one_line_but_extracts_the_rest(
        seeds_dir, seed_records):
    result = invoke("extract", "MISSING.txt", seeds_dir)

    assert result.exit_code == 2
    lines = error_lines(result.stderr)
    assert len(lines) == 1 and "MISSING.txt" in lines[0], result.stderr
    assert records_of(result.stdout) == seed_records


@pytest.mark.parametrize("name, content", [("empty.txt", b""),
                                           ("binary.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00")])
def test_extract_of_an_unreadable_file_exits_2_with_one_line_naming_it(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)

    result = invoke("extract", path)

    assert result.exit_code == 2
    lines = error_lines(result.stderr)
    assert len(lines) == 1 and str(path) in lines[0], result.stderr
    assert result.stdout.strip() == ""


def test_extract_with_output_writes_the_records_to_the_file(seeds_dir, tmp_path, seed_records):
    target = tmp_path / "sub" / "claims.jsonl"

    result = invoke("extract", seeds_dir, "-o", target)

    assert result.exit_code == 0, result.stderr
    assert records_of(target.read_text("utf-8")) == seed_records
    assert result.stdout.strip() == ""


# --- build ----------------------------------------------------------------------------


def test_build_writes_the_graph_claims_and_view_and_prints_their_paths(built):
    out, result = built
    assert result.exit_code == 0, result.stderr
    for name in ("graph.ttl", "claims.jsonl", "graph.html", "claims.html"):
        assert (out / name).is_file()
        assert str(out / name) in result.stdout


def test_build_prints_document_claim_and_actor_counts_that_match_its_output(built, seed_texts):
    out, result = built
    claims = records_of((out / "claims.jsonl").read_text("utf-8"))
    actors = {a["iso3"] or a["name"] for c in claims for a in (c["supplier"], c["recipient"]) if a}
    summary = [line for line in result.stdout.splitlines() if "documents" in line]
    assert summary, result.stdout
    assert f"{len(seed_texts)} documents" in summary[0]
    assert f"{len(claims)} claims" in summary[0]
    assert f"{len(actors)} actors" in summary[0]


# --- query ----------------------------------------------------------------------------


def test_query_prints_a_table_of_the_result(built):
    out, _ = built

    result = invoke("query", "--graph", out / "graph.ttl", PRK_RUS)

    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    header = next(line for line in lines if " s " in line)
    assert " r " in header
    assert any("state/PRK" in line and "state/RUS" in line for line in lines), result.stdout


def test_query_csv_output_parses_as_csv(built):
    out, _ = built

    result = invoke("query", "--graph", out / "graph.ttl", "--format", "csv", PRK_RUS)

    assert result.exit_code == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["s", "r"]
    assert ["https://w3id.org/armsgraph/id/state/PRK",
            "https://w3id.org/armsgraph/id/state/RUS"] in rows[1:]


def test_query_json_output_is_sparql_results_json(built):
    out, _ = built

    result = invoke("query", "--graph", out / "graph.ttl", "--format", "json", PRK_RUS)

    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["head"]["vars"] == ["s", "r"]
    pairs = {(b["s"]["value"], b["r"]["value"]) for b in doc["results"]["bindings"]}
    assert ("https://w3id.org/armsgraph/id/state/PRK",
            "https://w3id.org/armsgraph/id/state/RUS") in pairs
    assert all(b["s"]["type"] == "uri" for b in doc["results"]["bindings"])


def test_query_ask_as_json_gives_a_boolean(built):
    out, _ = built

    result = invoke("query", "--graph", out / "graph.ttl", "--format", "json",
                    "ASK { ?s ag:suppliesArmsTo <https://w3id.org/armsgraph/id/state/RUS> }")

    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == {"head": {}, "boolean": True}


def test_query_with_a_syntax_error_exits_2_with_one_line_naming_the_line(built):
    out, _ = built

    result = invoke("query", "--graph", out / "graph.ttl",
                    "SELECT ?s WHERE {\n  ?s ag:suppliesArmsTo ?r .\n} LIMT 3")

    assert result.exit_code == 2
    lines = error_lines(result.stderr)
    assert len(lines) == 1, result.stderr
    assert "line 3" in lines[0]
    assert result.stdout.strip() == ""


def test_query_of_a_missing_graph_file_exits_2_naming_it(tmp_path):
    missing = tmp_path / "nowhere" / "graph.ttl"

    result = invoke("query", "--graph", missing, "ASK { ?s ?p ?o }")

    assert result.exit_code == 2
    lines = error_lines(result.stderr)
    assert len(lines) == 1 and str(missing) in lines[0], result.stderr


def test_query_from_a_file_reads_the_query(built, tmp_path):
    out, _ = built
    rq = tmp_path / "q.rq"
    rq.write_text(PRK_RUS, encoding="utf-8")

    result = invoke("query", "--graph", out / "graph.ttl", "--format", "csv", "--file", rq)

    assert result.exit_code == 0, result.stderr
    assert list(csv.reader(io.StringIO(result.stdout)))[0] == ["s", "r"]


@pytest.mark.parametrize("args", [["--format", "xml", "ASK {}"], []],
                         ids=["bad-format", "no-query"])
def test_query_with_bad_arguments_exits_2_with_one_line(tmp_path: Path, args):
    result = invoke("query", "--graph", tmp_path / "g.ttl", *args)

    assert result.exit_code == 2
    assert len(error_lines(result.stderr)) == 1, result.stderr


# --- help -----------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["extract", "build", "query"])
def test_help_of_every_command_shows_an_example(command):
    result = invoke(command, "--help")

    assert result.exit_code == 0
    assert "Example" in result.stdout
    assert f"armsgraph {command}" in result.stdout


def test_version_prints_the_package_version():
    from armsgraph import __version__

    result = invoke("--version")

    assert result.exit_code == 0
    assert result.stdout.strip() == f"armsgraph {__version__}"


def test_extract_help_cites_the_claim_specification_the_project_ships():
    result = invoke("extract", "--help")

    assert result.exit_code == 0
    assert "docs/claims.md" in " ".join(result.stdout.split())
    spec = Path(__file__).resolve().parents[1] / "docs" / "claims.md"
    assert "## Status" in spec.read_text("utf-8") and "## Record" in spec.read_text("utf-8")
