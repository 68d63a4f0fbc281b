"""One transfer, many reports: grouping claims into transfers, their history and counts,
the transfers graph of a store, and the queries and stats that read it."""

from __future__ import annotations

import json

import pytest

from armsgraph.graph.transfers import group_transfers, split_by_date

FRA = {"iri": "https://w3id.org/armsgraph/id/state/FRA", "label": "France", "type": "state"}
GRC = {"iri": "https://w3id.org/armsgraph/id/state/GRC", "label": "Greece", "type": "state"}
EGY = {"iri": "https://w3id.org/armsgraph/id/state/EGY", "label": "Egypt", "type": "state"}


def row(n: int, date: str | None, status: str = "agreed", category: str = "ships",
        designation: str | None = None, sentence: str | None = None, supplier=FRA,
        recipient=GRC, document: str | None = None, publisher: str | None = None) -> dict:
    return {"claim": f"c{n}", "supplier": supplier, "recipient": recipient, "status": status,
            "category": category, "designation": designation, "item": designation,
            "sentence": sentence or f"Sentence {n}.", "document": document or f"d{n}",
            "date": date, "publisher": publisher}


def test_claims_of_one_pair_and_system_in_several_articles_are_one_transfer():
    (t,) = group_transfers([row(1, "2021-09-28", designation="FDI"),
                            row(2, "2022-03-24", designation="fdi", status="delivered")])

    assert (t.designation, t.category, len(t.claims), t.articles) == ("FDI", "ships", 2, 2)
    assert (t.first_reported, t.last_reported, t.status) == ("2021-09-28", "2022-03-24",
                                                             "delivered")


def test_the_status_history_is_in_date_order_whatever_the_row_order():
    rows = [row(3, "2024-02-01", "delivered"), row(1, "2023-01-10", "negotiating"),
            row(2, "2023-06-05", "agreed"), row(4, "2024-03-01", "delivered")]

    for order in (rows, rows[::-1]):
        (t,) = group_transfers(order)
        assert [(s["status"], s["since"], s["claims"]) for s in t.history] == [
            ("negotiating", "2023-01-10", 1), ("agreed", "2023-06-05", 1),
            ("delivered", "2024-02-01", 2)]


def test_verbatim_wire_repeats_count_as_one_report():
    wire = "France will sell three frigates to Greece, officials said."
    (t,) = group_transfers([
        row(1, "2021-09-28", sentence=wire, publisher="A"),
        row(2, "2021-09-28", sentence=wire.upper(), publisher="B"),
        row(3, "2021-09-29", sentence=wire + " ", publisher="B"),
        row(4, "2021-10-01", sentence="Greece signed for three frigates.", publisher="C")])

    assert (t.reports, t.articles, t.publishers, len(t.claims)) == (2, 4, 3, 4)


def test_reports_years_apart_are_two_transfers():
    transfers = group_transfers([row(1, "1987-02-26"), row(2, "1987-06-01"),
                                 row(3, "2024-05-02"), row(4, None)])

    assert [(t.first_reported, len(t.claims)) for t in transfers] == [
        ("1987-02-26", 2), ("2024-05-02", 2)]  # the undated claim joins the latest
    assert len({t.iri for t in transfers}) == 2


def test_a_claim_naming_only_the_category_joins_the_one_system_of_that_category():
    (t,) = group_transfers([row(1, "2022-05-24", category="drones"),
                            row(2, "2022-05-24", category="drones", designation="TB2")])
    assert t.designation == "TB2" and len(t.claims) == 2

    two = group_transfers([row(1, "2022-05-24", category="drones"),
                           row(2, "2022-05-24", category="drones", designation="TB2"),
                           row(3, "2022-05-25", category="drones", designation="Akinci")])
    assert sorted(t.designation or "-" for t in two) == ["-", "Akinci", "TB2"]


def test_different_pairs_systems_and_categories_are_different_transfers():
    transfers = group_transfers([
        row(1, "2022-01-01"), row(2, "2022-01-01", recipient=EGY),
        row(3, "2022-01-01", category="aircraft"),
        row(4, "2022-01-01", category="aircraft", designation="Rafale"),
        row(5, "2022-01-01", category="aircraft", designation="Mirage 2000")])

    # ships FRA->GRC, ships FRA->EGY, Rafale, Mirage 2000, and the aircraft claim that
    # names no system (two systems of its category: which one it is, nobody can tell)
    assert len(transfers) == 5
    assert sum(len(t.claims) for t in transfers) == 5


def test_one_sided_claims_are_in_no_transfer():
    assert group_transfers([row(1, "2022-01-01", recipient=None),
                            row(2, "2022-01-01", supplier=None)]) == []


def test_split_by_date_keeps_undated_claims_and_order():
    parts = list(split_by_date([row(2, None), row(1, "2020-01-01"), row(3, "2025-01-01")]))
    assert [[c["claim"] for c in p] for p in parts] == [["c1"], ["c3", "c2"]]


# --- end to end -------------------------------------------------------------------------

ARTICLES = [  # one transfer in three phases, and one article that copies another verbatim
    {"id": "talks", "date": "2023-01-10", "publisher": "Athens Daily",
     "text": "Greece is in talks with France to buy three FDI frigates, officials said."},
    {"id": "deal", "date": "2023-06-05", "publisher": "Paris Wire",
     "text": "Greece signed a contract with France for three FDI frigates."},
    {"id": "deal-copy", "date": "2023-06-05", "publisher": "Other Times",
     "text": "Greece signed a contract with France for three FDI frigates."},
    {"id": "delivery", "date": "2024-02-01", "publisher": "Athens Daily",
     "text": "France delivered the first FDI frigate to Greece on Thursday."},
]


@pytest.fixture(scope="module")
def transfer_store(tmp_path_factory, nlp):
    from armsgraph.api import build_graph
    from armsgraph.graph.store import EmbeddedStore

    folder = tmp_path_factory.mktemp("transfers")
    src = folder / "articles.jsonl"
    src.write_text("\n".join(json.dumps(a) for a in ARTICLES))
    store = EmbeddedStore(folder / "store")
    report = build_graph([src], folder / "out", nlp=nlp, store=store)
    yield store, report, folder
    store.close()


def test_three_articles_give_one_transfer_with_its_status_history(transfer_store):
    store, report, _ = transfer_store
    timeline = store.query((_queries() / "transfer-timeline.rq").read_text()).rows
    history = store.query((_queries() / "status-history.rq").read_text()).rows

    assert report.transfers == 1
    ((_t, sup, rec, item, status, first, last, reports, articles, publishers, claims),) = [
        [str(c) for c in r] for r in timeline]
    assert (sup, rec, item, status) == ("France", "Greece", "FDI", "delivered")
    assert (first, last) == ("2023-01-10", "2024-02-01")
    assert (reports, articles, publishers, claims) == ("3", "4", "3", "4")
    assert [(str(r[4]), str(r[5]), str(r[6])) for r in history] == [
        ("1", "negotiating", "2023-01-10"), ("2", "agreed", "2023-06-05"),
        ("3", "delivered", "2024-02-01")]


def test_the_store_with_transfers_passes_the_shapes(transfer_store):
    from armsgraph.graph.validate import validate_graph

    store, _, _ = transfer_store
    result = validate_graph(store.graph())
    assert result.conforms, result.summary()


def test_stats_counts_transfers_reports_and_claims_apart(transfer_store):
    from cli_helpers import invoke

    _, _, folder = transfer_store
    result = invoke("stats", "--graph", folder / "out" / "graph.ttl", "--format", "json")
    tables = json.loads(result.stdout)

    assert tables["totals"] == [{"claims": 4, "reports": 3, "transfers": 1}]
    (t,) = tables["transfers"]
    assert t["history"] == ("negotiating 2023-01-10 > agreed 2023-06-05 > "
                            "delivered 2024-02-01")
    table = invoke("stats", "--graph", folder / "out" / "graph.ttl").stdout
    assert "1 transfers stated by 4 claims (3 reports" in " ".join(table.split())


def test_removing_a_document_updates_the_transfers(tmp_path, nlp):
    from cli_helpers import invoke

    from armsgraph.api import build_graph
    from armsgraph.graph.store import EmbeddedStore

    src = tmp_path / "a.jsonl"
    src.write_text("\n".join(json.dumps(a) for a in ARTICLES))
    store = EmbeddedStore(tmp_path / "store")
    build_graph([src], None, nlp=nlp, store=store)
    store.close()

    assert invoke("remove", "--store", tmp_path / "store", "delivery").exit_code == 0

    store = EmbeddedStore(tmp_path / "store", create=False)
    try:
        rows = store.query("SELECT ?s WHERE { ?t ag:latestStatus ?s }").rows
        assert [str(r[0]).rsplit("-", 1)[1] for r in rows] == ["agreed"]
    finally:
        store.close()


def _queries():
    from pathlib import Path

    return Path(__file__).resolve().parents[2] / "queries"
