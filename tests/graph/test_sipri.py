"""The SIPRI register: exports read (both formats), imported into a store, analysed alone,
and news claims corroborated with it.

The unit tests use small registers written here in SIPRI's two export formats (invented
deals, not SIPRI's data); the tests marked ``shared`` read SIPRI's own exports from the
shared data folder in place and skip where it is absent (except in CI).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from cli_helpers import error_lines, invoke
from conftest import REPO_ROOT

from armsgraph.graph.corroborate import (
    corroborate,
    designations_match,
    designations_of,
    tables,
)
from armsgraph.graph.network import claim_rows
from armsgraph.graph.sipri import (
    RegisterError,
    deal_text,
    detect_format,
    import_register,
    imports,
    read_export,
    register_network,
    register_rows,
    register_stats,
)
from armsgraph.graph.store import EmbeddedStore, MemoryStore
from armsgraph.graph.validate import validate_graph

SIPRI = REPO_ROOT.parent / "shared" / "data" / "sipri"
CLASSIC_FILE = SIPRI / "trade-register.csv"
DELIVERIES_FILE = SIPRI / "trade-register-deliveries-1995-2024.csv"

HEADER = ("Recipient,Supplier,Year of order, ,Number ordered, ,Weapon designation,"
          "Weapon description,Number delivered, ,Year(s) of delivery,status,Comments,"
          "SIPRI TIV per unit,SIPRI TIV for total order,SIPRI TIV of delivered weapons")
# invented deals in the classic layout: a CRLF inside a comment (as two of SIPRI's records
# have), an unknown supplier, an armed group, a row that cannot be read, a non-ASCII name
CLASSIC = "\n".join([
    HEADER,
    "Pakistan,United States,1981,,40,,F-16A,FGA aircraft,40,,1983; 1984; 1985; 1986; 1987,"
    "New,F-16A/B version (written for a test),25,1000,1000",
    "India,Soviet Union,1986,,44,?,MiG-29,FGA aircraft,44,?,1987; 1988; 1989,New,"
    "written for a test,20,880,880",
    'Iran,China,1986,?,8,,HY-2,anti-ship missile,,,,New,"a ""quoted"", comma",0.5,4,',
    "Egypt,France,1983,,20,,Mirage-2000,FGA aircraft,20,,1986; 1987,New,first part\r\n"
    "second part,30,600,600",
    "Angola,unknown supplier(s),1985,,10,,BTR-60PB,APC,10,,1986,Second hand,,0.5,2,2",
    "Chile,Israel,19x5,,5,,Gabriel,anti-ship missile,5,,1986,New,,1,5,5",
    "Hezbollah (Lebanon)*,Iran,1986,?,50,?,Type-63 107mm,self-propelled MRL,50,?,1987,"
    "Second hand,Caf\u00e9 (written for a test),0.1,5,5",
]) + "\n"
PREAMBLE = [f"note line {i};" for i in range(1, 12)]
DELIVERIES_HEADER = ("SIPRI AT Database ID,Supplier,Recipient,Designation,Description,"
                     "Armament category,Order date,Order date is estimate,Numbers delivered,"
                     "Numbers delivered is estimate,Delivery year,Delivery year is estimate,"
                     "Status,SIPRI estimate,TIV deal unit,TIV delivery values,Local production")
DELIVERIES = "\r\n".join([
    *PREAMBLE, DELIVERIES_HEADER,
    "101,France,India,Rafale,FGA aircraft,Aircraft,2016,No,10,No,2019,No,New,80,80,800,No;",
    "101,France,India,Rafale,FGA aircraft,Aircraft,2016,No,26,No,2022,No,New,80,80,2080,No;",
    "102,China,Pakistan,JF-17,FGA aircraft,Aircraft,2015,Yes,12,Yes,2020,No,New,15,15,180,"
    "Yes;",
]) + "\r\n"


@pytest.fixture
def classic(tmp_path) -> Path:
    path = tmp_path / "register.csv"
    path.write_bytes(CLASSIC.encode("cp1252"))
    return path


@pytest.fixture
def deliveries(tmp_path) -> Path:
    path = tmp_path / "deliveries.csv"
    path.write_bytes(DELIVERIES.encode("ascii"))
    return path


# --- reading ----------------------------------------------------------------------------

def test_the_classic_export_is_read_with_its_marks_and_its_bad_row_reported(classic):
    export = read_export(classic)

    assert export.format == "trade-register"
    assert len(export.deals) == 6
    assert export.skipped == [f"{classic}:8: skipped (year of order '19x5' is not a whole "
                              "number)"]
    us = export.deals[0]
    assert (us.supplier, us.recipient, us.designation, us.order_year) == (
        "United States", "Pakistan", "F-16A", 1981)
    assert [d.year for d in us.deliveries] == [1983, 1984, 1985, 1986, 1987]
    assert us.status == "delivered" and str(us.tiv_delivered) == "1000"
    mig = export.deals[1]
    assert mig.number_ordered_uncertain and mig.number_delivered_uncertain
    assert not mig.order_year_uncertain
    hy2 = export.deals[2]
    assert hy2.status == "agreed" and hy2.order_year_uncertain
    assert hy2.comments == 'a "quoted", comma' and hy2.tiv_delivered is None
    mirage = export.deals[3]
    assert mirage.comments == "first part second part" and mirage.line == 5
    assert export.deals[4].supplier == "unknown supplier(s)"
    assert export.deals[5].comments == "Caf\u00e9 (written for a test)"
    assert export.deals[5].line == 9  # lines count the file's own: the CRLF record is two


def test_the_deliveries_export_gathers_its_rows_by_deal(deliveries):
    export = read_export(deliveries)

    assert export.format == "deliveries" and export.skipped == []
    rafale, jf17 = export.deals
    assert rafale.deal_id == "101" and rafale.line == 13
    assert [(d.year, d.number, float(d.tiv)) for d in rafale.deliveries] == [
        (2019, 10, 800.0), (2022, 26, 2080.0)]
    assert rafale.number_delivered == 36 and float(rafale.tiv_delivered) == 2880.0
    assert jf17.local_production is True and jf17.order_year_uncertain


def test_a_file_that_is_no_export_is_one_clear_error(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("a,b,c\n1,2,3\n", "utf-8")
    with pytest.raises(RegisterError) as info:
        read_export(path)
    assert str(info.value).startswith(f"{path}: not a SIPRI trade-register export")
    assert "\n" not in str(info.value)
    assert detect_format(HEADER) == "trade-register"
    assert detect_format("\n".join([*PREAMBLE, DELIVERIES_HEADER])) == "deliveries"


# --- importing --------------------------------------------------------------------------

def test_import_is_idempotent_and_a_newer_export_replaces_the_older(classic, tmp_path):
    store = EmbeddedStore(tmp_path / "store")
    report = import_register(store, classic)
    assert report.deals == 6 and not report.unchanged
    assert report.unmapped_actors == [] and report.unmapped_descriptions == []
    quads = store.triple_count()

    again = import_register(store, classic)
    assert again.unchanged and store.triple_count() == quads

    newer = tmp_path / "register-2.csv"
    newer.write_bytes(CLASSIC.replace("1983; 1984; 1985; 1986; 1987", "1983; 1984")
                      .encode("cp1252"))
    replaced = import_register(store, newer)
    assert replaced.replaced == ["register.csv"]
    (only,) = imports(store)
    assert only["file"] == "register-2.csv" and only["deals"] == "6"
    rows = register_rows(store)
    assert len(rows) == 6
    us = next(r for r in rows if r["designation"] == "F-16A")
    assert [d[0] for d in us["deliveries"]] == [1983, 1984]
    store.close()


def test_an_imported_register_conforms_to_the_shapes(classic, deliveries):
    store = MemoryStore()
    import_register(store, classic)
    import_register(store, deliveries)

    report = validate_graph(store.graph())

    assert report.conforms, report.summary()
    assert len(imports(store)) == 2  # two formats: two imports side by side


def test_register_rows_carry_the_mapped_actors_and_categories(classic):
    store = MemoryStore()
    import_register(store, classic)
    rows = {r["designation"]: r for r in register_rows(store)}

    assert rows["MiG-29"]["supplier"]["iri"].endswith("/state/SUN")
    assert rows["BTR-60PB"]["supplier"] is None  # an unknown supplier is no actor
    assert rows["BTR-60PB"]["category"] == "armoured-vehicles"
    group = rows["Type-63 107mm"]["recipient"]
    assert group["type"] == "armed-group" and group["label"] == "Hezbollah"
    assert rows["HY-2"]["status"] == "agreed" and rows["HY-2"]["category"] == "missiles"
    assert deal_text(rows["F-16A"]) == (
        "SIPRI register: 40 F-16A (FGA aircraft), ordered 1981, 40 delivered 1983-1987, "
        "TIV delivered 1000 m. F-16A/B version (written for a test)")


def test_register_stats_rank_by_tiv_delivered_in_the_period(classic, deliveries):
    store = MemoryStore()
    import_register(store, classic)
    rows = register_rows(store)

    tables_ = register_stats(rows, since=1987, until=1987)
    # 1987: a fifth of the F-16s' 1000, a third of the MiGs' 880, half the Mirages' 600
    assert [(r["actor"], r["tiv"]) for r in tables_["register_suppliers_tiv"]] == [
        ("France", 300.0), ("Soviet Union", 293.3), ("United States", 200.0), ("Iran", 5.0)]
    d = register_network(rows, since="1987", until="1987")
    assert d["SUN"]["IND"]["claims"] == 1 and d["SUN"]["IND"]["tiv"] == 293.3

    other = MemoryStore()
    import_register(other, deliveries)
    exact = register_stats(register_rows(other), since=2022, until=2022)
    assert exact["register_suppliers_tiv"] == [{"actor": "France", "tiv": 2080.0,
                                                "share": "100.0%"}]


def test_import_sipri_cli_reports_and_refuses_bad_files(classic, tmp_path):
    store = tmp_path / "store"
    bad = tmp_path / "bad.csv"
    bad.write_text("not,a,register\n", "utf-8")

    result = invoke("import-sipri", classic, bad, "--store", store)

    assert result.exit_code == 2
    assert f"{classic}: imported 6 deals (trade-register export)" in result.stdout
    assert error_lines(result.stderr) == [
        f"error: {bad}: not a SIPRI trade-register export (expected a header starting "
        "'Recipient,Supplier,Year of order' or 'SIPRI AT Database ID,Supplier,Recipient')"]
    assert f"{classic}:8: skipped" in result.stderr
    valid = invoke("validate", "--store", store)
    assert valid.exit_code == 0, valid.stdout
    assert valid.stdout.startswith("conforms")
    again = invoke("import-sipri", classic, "--store", store)
    assert again.exit_code == 0 and "already imported (6 deals), nothing changed" in (
        again.stdout)
    stats = invoke("stats", "--store", store, "--register", "--since", "1987", "--until",
                   "1987", "--format", "json")
    assert stats.exit_code == 0, stats.stderr
    top = json.loads(stats.stdout)["register_suppliers_tiv"]
    assert [r["actor"] for r in top] == ["France", "Soviet Union", "United States", "Iran"]


# --- corroboration ----------------------------------------------------------------------

def test_designations_match_across_versions_and_names():
    assert designations_match("F-16", "F-16C/D")
    assert designations_match("F16", "F-16A")
    assert designations_match("Super Tucano", "EMB-314 Super Tucano")
    assert designations_match("T-72B3", "T-72")
    assert not designations_match("F-1", "F-16")
    assert not designations_match("Silkworm", "HY-2")  # the lexicon's aliases say so:
    assert not designations_match("", "F-16")
    assert "HY-2" in designations_of({"item": "Chinese-made Silkworm missiles"})
    assert designations_of({"designation": "AWACS"})[0] == "AWACS"
    assert designations_of({"item": "M-1A1 battle tank"}) == ["M-1A1"]


def test_a_named_system_matches_only_its_own_deals_and_each_phase_its_own_years():
    from armsgraph.graph.corroborate import match

    usa = {"iri": "u", "label": "United States"}
    deal = {"transfer": "t", "supplier": usa, "recipient": usa, "designation": "HY-2",
            "description": "anti-ship missile", "category": "missiles", "order_year": 1986,
            "deliveries": [[1987, None, None], [1988, None, None]]}
    claim = {"claim": "c", "category": "missiles", "item": "Silkworm missiles",
             "status": "delivered", "date": "1988-05-01"}
    assert match(claim, deal).score == 1.0  # Silkworm ~ HY-2, delivered in a delivery year
    assert match({**claim, "item": "Tomahawk missiles"}, deal) is None  # another system
    assert match({**claim, "item": "missiles"}, deal).score == 0.6  # the category: 0.5 + 0.1
    assert match({**claim, "status": "agreed", "date": "1990-01-01"}, deal) is None
    assert match({**claim, "status": "negotiating", "date": "1983-01-01"}, deal) is not None
    assert match({**claim, "status": "negotiating", "date": "1982-01-01"}, deal) is None


ARTICLES = [
    {"id": "wire-1", "text": "The United States delivered 12 F-16 fighters to Pakistan last "
     "month, a Pentagon spokesman said.", "title": "F-16s for Pakistan", "date": "1987-03-02",
     "publisher": "Example Wire"},
    {"id": "wire-2", "text": "Iran is negotiating to buy Scud missiles from North Korea, "
     "Western diplomats said.", "title": "Iran seeks missiles", "date": "1987-06-10",
     "publisher": "Example Wire"},
]


def test_corroborate_confirms_a_claim_lists_a_lead_and_a_register_only_deal(
        classic, tmp_path, nlp):
    from armsgraph.api import build_graph

    corpus = tmp_path / "articles.jsonl"
    corpus.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), "utf-8")
    store = EmbeddedStore(tmp_path / "store")
    build_graph([corpus], store=store, nlp=nlp)
    import_register(store, classic)

    result = corroborate(claim_rows(store), register_rows(store))

    (confirmed,) = result.confirmed
    assert confirmed.claim["document"] == "wire-1"
    assert confirmed.deal["designation"] == "F-16A"
    assert "F-16 ~ F-16A" in confirmed.reason and "article 1987" in confirmed.reason
    assert confirmed.score == 1.0  # a delivery reported in a year of deliveries
    ((lead, why),) = result.leads
    assert lead["document"] == "wire-2"
    assert why == ("negotiating: the register records orders and deliveries only; no deal of "
                   "this pair")
    # 1987: the MiG-29s, the Mirages and Hezbollah's rocket launchers, stated by no article
    assert {d["designation"] for d in result.register_only} == {
        "MiG-29", "Mirage-2000", "Type-63 107mm"}
    assert result.years == (1987, 1987)
    store.close()

    out = tmp_path / "corroboration.json"
    cli = invoke("corroborate", "--store", tmp_path / "store", "--format", "json", "-o", out)
    assert cli.exit_code == 0, cli.stderr
    lists = json.loads(out.read_text("utf-8"))
    assert [r["document"] for r in lists["confirmed"]] == ["wire-1"]
    assert [r["document"] for r in lists["leads"]] == ["wire-2"]
    assert len(lists["register_only"]) == 3
    table = invoke("corroborate", "--store", tmp_path / "store")
    assert table.exit_code == 0, table.stderr
    assert table.stdout.startswith("2 news claims naming both sides: 1 confirmed by the "
                                   "SIPRI register (register.csv), 1 leads; 3 register deals")
    linked = list(EmbeddedStore(tmp_path / "store", create=False).select(
        "SELECT ?c ?d WHERE { ?c ag:corroboratedBy ?d }"))
    assert [r["c"] for r in linked] == [confirmed.claim["claim"]]


def test_a_denial_the_register_contradicts_is_a_lead_with_its_deals():
    usa = {"iri": "https://w3id.org/armsgraph/id/state/USA", "label": "United States"}
    pak = {"iri": "https://w3id.org/armsgraph/id/state/PAK", "label": "Pakistan"}
    deal = {"transfer": "t1", "supplier": usa, "recipient": pak, "designation": "F-16A",
            "description": "FGA aircraft", "category": "aircraft", "order_year": 1981,
            "deliveries": [[1983, None, None]], "file": "r.csv", "line": 2}
    claim = {"claim": "c1", "supplier": usa, "recipient": pak, "status": "denied",
             "category": "aircraft", "designation": "F-16", "date": "1984-01-01"}

    result = corroborate([claim], [deal])

    assert result.confirmed == []
    assert result.leads == [(claim, "a denial the register contradicts: F-16A ordered 1981, "
                             "delivered 1983")]
    assert tables(result)["leads"][0]["reason"].startswith("a denial")


# --- SIPRI's own exports (shared data) --------------------------------------------------

def shared_or_skip(path: Path) -> Path:
    if not path.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing: CI must have the shared data folder")
        pytest.skip(f"{path} is absent (the shared data folder is not beside the checkout)")
    return path


@pytest.mark.slow
def test_both_sipri_exports_read_completely_with_every_name_and_description_mapped():
    from armsgraph.graph.rdf import IriMinter
    from armsgraph.graph.sipri import export_quads

    for path, deals in ((CLASSIC_FILE, 29_056), (DELIVERIES_FILE, 12_571)):
        export = read_export(shared_or_skip(path))
        assert len(export.deals) == deals and export.skipped == []
        _quads, _shared, report = export_quads(export, IriMinter())
        assert report.unmapped_actors == [] and report.unmapped_descriptions == []


@pytest.fixture(scope="module")
def register_store(tmp_path_factory):
    store = tmp_path_factory.mktemp("sipri") / "store"
    result = invoke("import-sipri", shared_or_skip(CLASSIC_FILE), "--store", store)
    assert result.exit_code == 0, result.stderr
    return store


@pytest.mark.slow
def test_top_suppliers_2019_2023_by_tiv_match_sipris_ranking(register_store):
    result = invoke("stats", "--store", register_store, "--register", "--since", "2019",
                    "--until", "2023", "--format", "json")

    assert result.exit_code == 0, result.stderr
    top = json.loads(result.stdout)["register_suppliers_tiv"]
    # SIPRI Fact Sheet, March 2024: United States, France, Russia, China, Germany
    assert [r["actor"] for r in top[:5]] == ["United States", "France", "Russia", "China",
                                             "Germany"]


def test_the_category_alone_confirms_nothing_but_names_its_closest_deal():
    usa = {"iri": "u", "label": "United States"}
    jpn = {"iri": "j", "label": "Japan"}
    deal = {"transfer": "t", "supplier": usa, "recipient": jpn, "designation": "EP-3C Orion",
            "description": "SIGINT aircraft", "category": "aircraft", "order_year": 1987,
            "deliveries": [[1990, None, None]]}
    claim = {"claim": "c", "supplier": usa, "recipient": jpn, "category": "aircraft",
             "item": "a U.S. plane", "status": "negotiating", "date": "1987-03-10"}

    result = corroborate([claim], [deal])

    assert result.confirmed == []
    assert result.leads == [(claim, "not confirmed: the closest register deal shares only "
                             "the category: EP-3C Orion ordered 1987, delivered 1990 "
                             "(score 0.5)")]
    fighter = {**claim, "item": "new fighter aircraft", "status": "agreed"}  # no SIGINT plane
    assert corroborate([fighter], [deal]).leads[0][1] == (
        "the register records 1 deal(s) of this pair, none of this item")


def test_removing_a_document_drops_the_links_corroborate_made(classic, tmp_path, nlp):
    from armsgraph.api import build_graph
    from armsgraph.graph.corroborate import store_corroboration

    corpus = tmp_path / "articles.jsonl"
    corpus.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), "utf-8")
    store = EmbeddedStore(tmp_path / "store")
    build_graph([corpus], store=store, nlp=nlp)
    import_register(store, classic)
    assert store_corroboration(store, corroborate(claim_rows(store),
                                                  register_rows(store))) == 1
    links = "SELECT ?c WHERE { ?c ag:corroboratedBy ?d }"
    assert len(list(store.select(links))) == 1

    store.remove_document("wire-1")

    assert list(store.select(links)) == []
    assert len(register_rows(store)) == 6  # the register stays
    store.close()
