"""``armsgraph export --format csv|jsonl``: the claims as a table with their article
metadata and transfer; ``--format jsonld``: compacted JSON-LD with a @context."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from cli_helpers import invoke
from rdflib import Dataset

from armsgraph.graph.export import COLUMNS

PAGES = Path(__file__).resolve().parent / "data" / "html"


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory, nlp) -> Path:
    from armsgraph.api import build_graph
    from armsgraph.graph.store import EmbeddedStore

    folder = tmp_path_factory.mktemp("export")
    store = EmbeddedStore(folder / "store")
    try:
        build_graph([PAGES / "defence-wire-frigates.html", PAGES / "harbour-log-drones.htm"],
                    None, nlp=nlp, store=store)
    finally:
        store.close()
    return folder / "store"


def test_csv_export_has_one_row_per_claim_with_its_article(store_dir, tmp_path):
    target = tmp_path / "claims.csv"

    result = invoke("export", "--store", store_dir, "--format", "csv", "-o", target)

    assert result.exit_code == 0, result.stderr
    with target.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert tuple(rows[0]) == COLUMNS
    assert len(rows) == 4
    frigates = [r for r in rows if r["document"] == "defence-wire-frigates"]
    assert {(r["supplier_id"], r["recipient_id"], r["status"]) for r in frigates} == {
        ("FRA", "GRC", "agreed")}
    r = frigates[0]
    assert (r["title"], r["url"], r["date"], r["publisher"]) == (
        "Greece signs deal for three French frigates",
        "https://defence-wire.example.org/2021/09/greece-frigates", "2021-09-28",
        "Defence Wire")
    assert len({r["transfer"] for r in frigates}) == 1 and r["transfer"].startswith(
        "https://w3id.org/armsgraph/id/transfer/")
    drones = [r for r in rows if r["document"] == "harbour-log-drones"]
    assert {r["designation"] for r in drones} >= {"Bayraktar TB2"}


def test_jsonl_export_is_the_same_table_with_nulls(store_dir, tmp_path):
    csv_target, jsonl_target = tmp_path / "c.csv", tmp_path / "c.jsonl"
    invoke("export", "--store", store_dir, "--format", "csv", "-o", csv_target)

    result = invoke("export", "--store", store_dir, "--format", "jsonl", "-o", jsonl_target)

    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in jsonl_target.read_text().splitlines()]
    with csv_target.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [{k: ("" if v is None else v) for k, v in rec.items()} for rec in records] == rows
    assert any(rec["stated_date"] is None for rec in records)


def test_csv_export_to_stdout(store_dir):
    result = invoke("export", "--store", store_dir, "--format", "csv")

    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == ",".join(COLUMNS)


def test_jsonld_export_is_compacted_with_a_context_and_typed_dates(store_dir, tmp_path):
    target = tmp_path / "g.jsonld"

    assert invoke("export", "--store", store_dir, "--format", "jsonld", "-o",
                  target).exit_code == 0

    doc = json.loads(target.read_text("utf-8"))
    assert doc["@context"]["ag"] == "https://w3id.org/armsgraph/ontology#"
    text = target.read_text("utf-8")
    assert '"@type": "ag:TransferClaim"' in text and '"@type": "ag:Transfer"' in text
    assert '"@type": "xsd:date"' in text  # dates typed; integers are JSON numbers
    assert '"ag:startChar": 0' in text and '"ag:reportCount": 2' in text
    back = Dataset()
    back.parse(target, format="json-ld")
    assert len(back) > 0


def test_an_unknown_export_format_names_every_format(store_dir):
    result = invoke("export", "--store", store_dir, "--format", "xlsx")

    assert result.exit_code == 2
    assert "csv, jsonl" in result.stderr and "'xlsx'" in result.stderr
