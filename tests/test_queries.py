"""The example SPARQL files of ``queries/``, run on the seed graph and on a hand-made one.

Every query runs on three engines and must give the same answer on each:

- ``graph``: rdflib on the merged ``graph.ttl`` that ``build_graph`` writes;
- ``dataset``: rdflib on a ``Dataset`` holding the triples in named graphs, with the
  default graph the union of the named graphs (how the store runs queries);
- ``oxigraph``: pyoxigraph's native engine with ``use_default_graph_as_union``, which
  predeclares no prefixes, so a query that forgets one fails there.

Expected seed rows are computed independently from ``claims.jsonl`` (the extractor's own
records), with a few concrete anchors (North Korea first, Iran second with one claim,
Russia the only recipient) so the tests stay meaningful if the extractor improves.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import REPO_ROOT, SEEDS_DIR, state
from rdflib import RDFS, Dataset, Graph, Literal, URIRef

from armsgraph.extract.claims import Actor, Item, TransferClaim
from armsgraph.extract.sources import Document
from armsgraph.graph.rdf import add_document, new_dataset, union_graph
from armsgraph.ontology import AG

# The expectations below are about the seed Telegraph article, the one with known claims;
# the other seeds are real articles added for the notebooks.
SEED_ARTICLE = SEEDS_DIR / "000_cf215c8622a80a14.txt"
QUERIES_DIR = REPO_ROOT / "queries"
QUERY_NAMES = (
    "top-suppliers", "top-recipients", "claims-to-recipient", "suppliers-by-category-year",
    "denied-claims", "claims-per-source", "supplier-network", "transfer-timeline",
    "status-history",
)
ENGINES = ("graph", "dataset", "oxigraph")
ID = "https://w3id.org/armsgraph/id/"
PRK, RUS, IRN = (URIRef(f"{ID}state/{c}") for c in ("PRK", "RUS", "IRN"))
RUS_VALUES = f"VALUES ?recipient {{ <{RUS}> }}"
SEED_TITLE = "Moscow buys missiles from North Korea as sanctions bite"
PREFIXES = {
    "ag": "https://w3id.org/armsgraph/ontology#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "schema": "https://schema.org/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

# rdflib 7 warns from inside its own Dataset code on every union-graph lookup
pytestmark = pytest.mark.filterwarnings(
    "ignore:Dataset\\.[a-z_]+ is deprecated:DeprecationWarning")

Row = dict[str, str | None]
Triple = tuple[str, str, str]


def query_text(name: str) -> str:
    return (QUERIES_DIR / f"{name}.rq").read_text("utf-8")


# --- three engines over the same triples --------------------------------------------------


@dataclass
class Engines:
    """The same triples as a merged rdflib Graph, an rdflib union Dataset and an Oxigraph
    store whose default graph is the union of its named graphs."""

    graph: Graph
    dataset: Dataset
    store: ox.Store

    def select(self, engine: str, sparql: str) -> list[Row]:
        """SELECT rows as ``{variable: lexical value or None}``, in the query's order."""
        if engine == "oxigraph":
            solutions = self.store.query(sparql, use_default_graph_as_union=True)
            names = [v.value for v in solutions.variables]
            return [{n: None if s[n] is None else s[n].value for n in names}
                    for s in solutions]
        target = self.graph if engine == "graph" else self.dataset
        result = target.query(sparql)
        assert result.type == "SELECT"
        names = [str(v) for v in result.vars]
        return [{n: None if row[n] is None else str(row[n]) for n in names} for row in result]

    def construct(self, engine: str, sparql: str) -> set[Triple]:
        if engine == "oxigraph":
            return {(t.subject.value, t.predicate.value, t.object.value)
                    for t in self.store.query(sparql, use_default_graph_as_union=True)}
        target = self.graph if engine == "graph" else self.dataset
        result = target.query(sparql)
        assert result.type == "CONSTRUCT"
        return {(str(s), str(p), str(o)) for s, p, o in result.graph}


def union_dataset(quads_source: Dataset | None = None, graph: Graph | None = None,
                  name: URIRef | None = None) -> Dataset:
    """An rdflib Dataset whose default graph is the union of its named graphs."""
    ds = Dataset(default_union=True)
    if graph is not None:
        named = ds.graph(name or URIRef(f"{ID}graph/all"))
        for t in graph:
            named.add(t)
    if quads_source is not None:
        for s, p, o, g in quads_source.quads((None, None, None, None)):
            ds.graph(g).add((s, p, o))
    return ds


def oxigraph_store(nquads: bytes) -> ox.Store:
    store = ox.Store()
    store.load(nquads, format=ox.RdfFormat.N_QUADS)
    return store


# --- the seed, built once -------------------------------------------------------------------


@dataclass
class Seed:
    engines: Engines
    records: list[dict]
    texts: dict[str, str]
    out: Path


@pytest.fixture(scope="module")
def seed(tmp_path_factory, nlp) -> Seed:
    from armsgraph.api import build_graph
    from armsgraph.extract.sources import iter_documents

    out = tmp_path_factory.mktemp("queries-seed")
    report = build_graph([SEED_ARTICLE], out, nlp=nlp)
    assert not report.errors, report.errors
    graph = Graph().parse(out / "graph.ttl", format="turtle")
    from armsgraph.graph.validate import validate_graph

    assert validate_graph(graph).conforms  # every graph the suite builds passes the shapes
    name = URIRef(f"{ID}graph/seeds")
    dataset = union_dataset(graph=graph, name=name)
    nquads = Dataset()
    named = nquads.graph(name)
    for t in graph:
        named.add(t)
    store = oxigraph_store(nquads.serialize(format="nquads", encoding="utf-8"))
    records = [json.loads(line) for line in
               (out / "claims.jsonl").read_text("utf-8").splitlines() if line.strip()]
    texts = {d.id: d.text for d in iter_documents([SEED_ARTICLE])}
    return Seed(Engines(graph, dataset, store), records, texts, out)


@pytest.fixture(params=ENGINES)
def engine(request) -> str:
    return request.param


def key(actor: dict | None) -> str | None:
    """An actor's IRI as the graph mints it (only states occur in the seed)."""
    if actor is None:
        return None
    assert actor.get("iso3"), f"non-state actor in the seed: {actor}"
    return f"{ID}state/{actor['iso3']}"


def live(records: list[dict]) -> list[dict]:
    return [r for r in records if r["status"] != "denied"]


# --- the files themselves -----------------------------------------------------------------


def test_the_query_folder_holds_exactly_the_documented_queries():
    assert sorted(p.stem for p in QUERIES_DIR.glob("*.rq")) == sorted(QUERY_NAMES)


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_each_query_has_a_header_and_declares_its_prefixes(name):
    text = query_text(name)
    lines = text.splitlines()
    header = []
    for line in lines:
        if not line.startswith("#"):
            break
        header.append(line)
    assert len(header) >= 8, f"{name}: the header comment block is missing or too short"
    head = "\n".join(header)
    assert f"armsgraph query --file queries/{name}.rq" in head
    assert "Variables" in head or "Result" in head
    declared = dict(re.findall(r"(?m)^PREFIX\s+([\w-]*):\s*<([^>]*)>", text))
    for prefix, iri in PREFIXES.items():
        assert declared.get(prefix) == iri, f"{name}: PREFIX {prefix}: missing or wrong"
    body = "\n".join(line for line in lines
                     if not line.lstrip().startswith(("#", "PREFIX")))
    body = re.sub(r"<[^>\s]*>|\"[^\"]*\"", " ", body)  # IRIs and strings hold no prefixes
    used = set(re.findall(r"(?<![\w?$])([A-Za-z][\w-]*):[A-Za-z_]", body))
    assert used <= set(declared), f"{name}: undeclared prefixes {used - set(declared)}"


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_each_query_runs_from_the_cli_as_its_header_says(name, seed):
    from typer.testing import CliRunner

    from armsgraph.cli import app

    result = CliRunner().invoke(app, ["query", "--file", str(QUERIES_DIR / f"{name}.rq"),
                                      "--graph", str(seed.out / "graph.ttl"),
                                      "--format", "csv"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    header = result.stdout.splitlines()[0]
    assert header  # a variable list, or subject,predicate,object for the CONSTRUCT


# --- the seed article -------------------------------------------------------------------------


def test_the_seed_has_the_claims_these_tests_rely_on(seed):
    """Guards the anchors below: if the extractor changes this much, update the tests."""
    suppliers = Counter(key(r["supplier"]) for r in live(seed.records))
    assert suppliers[str(PRK)] >= 2
    assert suppliers[str(IRN)] == 1
    assert {key(r["recipient"]) for r in seed.records} - {None} == {str(RUS)}
    assert any(r["recipient"] is None for r in seed.records)


def test_top_suppliers_on_the_seed(seed, engine):
    rows = seed.engines.select(engine, query_text("top-suppliers"))
    claims = Counter(key(r["supplier"]) for r in live(seed.records) if r["supplier"])
    recipients: dict[str, set] = {}
    for r in live(seed.records):
        if r["supplier"] and r["recipient"]:
            recipients.setdefault(key(r["supplier"]), set()).add(key(r["recipient"]))
    assert [row["supplier"] for row in rows] == [str(PRK), str(IRN)]
    assert [(row["label"], row["iso3"]) for row in rows] == [("North Korea", "PRK"),
                                                              ("Iran", "IRN")]
    # the claim without a recipient still counts for North Korea
    assert {row["supplier"]: int(row["claims"]) for row in rows} == dict(claims)
    assert int(rows[0]["claims"]) > int(rows[1]["claims"]) == 1
    assert {row["supplier"]: int(row["recipients"]) for row in rows} == {
        s: len(r) for s, r in recipients.items()} == {str(PRK): 1, str(IRN): 1}


def test_top_recipients_on_the_seed(seed, engine):
    rows = seed.engines.select(engine, query_text("top-recipients"))
    to_russia = [r for r in live(seed.records) if key(r["recipient"]) == str(RUS)]
    assert len(rows) == 1
    row = rows[0]
    assert (row["recipient"], row["label"], row["iso3"]) == (str(RUS), "Russia", "RUS")
    assert int(row["claims"]) == len(to_russia) >= 3
    assert int(row["suppliers"]) == len({key(r["supplier"]) for r in to_russia}) == 2


def test_claims_to_russia_on_the_seed(seed, engine):
    rows = seed.engines.select(engine, query_text("claims-to-recipient"))
    expected = sorted((r["span"][0], r["span"][1], key(r["supplier"]), r["status"],
                       r["item"]["category"], r["item"]["text"], r["source"])
                      for r in seed.records if key(r["recipient"]) == str(RUS))
    got = [(int(row["start"]), int(row["end"]), f"{ID}state/" + {
        "North Korea": "PRK", "Iran": "IRN"}[row["supplierLabel"]], row["status"],
        row["category"], row["itemText"], row["source"]) for row in rows]
    assert sorted(got) == expected
    assert [(g[0], g[1]) for g in got] == sorted((g[0], g[1]) for g in got), "not in text order"
    for row in rows:
        assert row["recipientLabel"] == "Russia"
        assert row["title"] == SEED_TITLE
        assert row["sentence"].strip()
        text = seed.texts[row["docId"]]
        assert text[int(row["start"]):int(row["end"])] == row["sentence"]
    # concrete anchors of the seed article
    assert ("Iran", "delivered", "drones", "Iranian-made drones") in {
        (r["supplierLabel"], r["status"], r["category"], r["itemText"]) for r in rows}
    assert {"missiles", "ammunition", "drones"} <= {r["category"] for r in rows}
    assert "newly declassified US intelligence" in {r["source"] for r in rows}


@pytest.mark.parametrize("iso3", ["IRN", "PRK"])
def test_claims_to_recipient_follows_its_values_clause(seed, engine, iso3):
    """The check can fail: nothing in the seed goes to Iran or North Korea."""
    text = query_text("claims-to-recipient")
    assert text.count(RUS_VALUES) == 1, "the VALUES line users edit has changed"
    edited = text.replace(RUS_VALUES, f"VALUES ?recipient {{ <{ID}state/{iso3}> }}")
    assert seed.engines.select(engine, edited) == []
    assert seed.engines.select(engine, text) != []


def test_suppliers_by_category_year_on_the_seed(seed, engine):
    rows = seed.engines.select(engine, query_text("suppliers-by-category-year"))
    expected = Counter((r["item"]["category"], key(r["supplier"]))
                       for r in live(seed.records) if r["supplier"])
    # a .txt seed has no publication date, so every claim's year is unknown
    assert {row["year"] for row in rows} == {"unknown"}
    assert {(row["category"], row["supplier"]): int(row["claims"]) for row in rows} == expected
    assert len(rows) == len(expected)
    assert (rows[0]["category"], rows[0]["supplierLabel"]) == ("ammunition", "North Korea")
    assert ("drones", str(IRN), 1) in {(r["category"], r["supplier"], int(r["claims"]))
                                       for r in rows}
    assert [row["category"] for row in rows] == sorted(row["category"] for row in rows)


def test_denied_claims_on_the_seed(seed, engine):
    assert [r for r in seed.records if r["status"] == "denied"] == []
    assert seed.engines.select(engine, query_text("denied-claims")) == []


def test_claims_per_source_on_the_seed(seed, engine):
    rows = seed.engines.select(engine, query_text("claims-per-source"))
    expected = Counter(r["source"] or "unattributed" for r in seed.records)
    assert {row["source"]: int(row["claims"]) for row in rows} == expected
    assert expected["newly declassified US intelligence"] == 2
    assert expected["unattributed"] >= 1
    assert {int(row["documents"]) for row in rows} == {1}
    counts = [int(row["claims"]) for row in rows]
    assert counts == sorted(counts, reverse=True)
    assert sum(counts) == len(seed.records)


def test_supplier_network_on_the_seed(seed, engine):
    triples = seed.engines.construct(engine, query_text("supplier-network"))
    edge, label = str(AG.suppliesArmsTo), str(RDFS.label)
    assert triples == {
        (str(PRK), edge, str(RUS)), (str(IRN), edge, str(RUS)),
        (str(PRK), label, "North Korea"), (str(IRN), label, "Iran"), (str(RUS), label, "Russia"),
    }
    # the same edges as the materialised ag:suppliesArmsTo
    materialised = {(str(s), edge, str(o))
                    for s, o in seed.engines.graph.subject_objects(AG.suppliesArmsTo)}
    assert {t for t in triples if t[1] == edge} == materialised


# --- a hand-made corpus: several named graphs, a denial, dates ---------------------------------


DENIAL = "Tehran denied that Iran sent Shahed drones to Russia."


@pytest.fixture
def handmade_documents(make_document, make_claim) -> list[tuple[Document, list[TransferClaim]]]:
    """Three documents. North Korea appears in all three, so its label and type are
    repeated across named graphs; Iran's only claim is a denial."""
    iran = state("Iran", "IRN")
    a = make_document("doc-a", "North Korea delivered artillery shells to Russia. " + DENIAL,
                      title="Doc A", published="2023-09-05")
    shells = make_claim("doc-a", "North Korea delivered artillery shells to Russia.",
                        source="US officials")
    denial = make_claim("doc-a", DENIAL, supplier=iran, status="denied",
                        item=Item("Shahed drones", "drones", "Shahed-136"), source="Tehran",
                        span=(50, 50 + len(DENIAL)))
    b = make_document("doc-b", "Pyongyang pledged missiles to Moscow.", title="Doc B",
                      published="2024-01-02T10:00:00")
    missiles = make_claim("doc-b", "Pyongyang pledged missiles to Moscow.", status="pledged",
                          item=Item("missiles", "missiles"))
    c = make_document("doc-c", "North Korea is selling ammunition.")
    no_recipient = dataclasses.replace(
        make_claim("doc-c", "North Korea is selling ammunition.", status="reported",
                   item=Item("ammunition", "ammunition")), recipient=None)
    return [(a, [shells, denial]), (b, [missiles]), (c, [no_recipient])]


def engines_for(documents: list[tuple[Document, list[TransferClaim]]]) -> Engines:
    """One named graph per document, as ``add_document`` writes them, on all three engines."""
    ds = new_dataset()
    for document, claims in documents:
        add_document(ds, document, claims)
    # one graph per document and the reference graph of the actors they share
    assert len({g for *_, g in ds.quads((None, None, None, None))}) == len(documents) + 1
    store = oxigraph_store(ds.serialize(format="nquads", encoding="utf-8"))
    return Engines(union_graph(ds), union_dataset(quads_source=ds), store)


@pytest.fixture
def handmade(handmade_documents) -> Engines:
    return engines_for(handmade_documents)


def test_denied_claims_finds_the_denial(handmade, engine):
    rows = handmade.select(engine, query_text("denied-claims"))
    assert len(rows) == 1
    row = rows[0]
    assert (row["supplierLabel"], row["recipientLabel"], row["category"], row["itemText"],
            row["source"], row["sentence"], row["start"], row["docId"], row["title"]) == (
        "Iran", "Russia", "drones", "Shahed drones", "Tehran", DENIAL, "50", "doc-a", "Doc A")


def test_denied_claims_stay_out_of_rankings_and_network(handmade, engine):
    suppliers = handmade.select(engine, query_text("top-suppliers"))
    assert [(r["label"], r["iso3"], int(r["claims"]), int(r["recipients"]))
            for r in suppliers] == [("North Korea", "PRK", 3, 1)]
    recipients = handmade.select(engine, query_text("top-recipients"))
    assert [(r["label"], int(r["claims"]), int(r["suppliers"])) for r in recipients] == [
        ("Russia", 2, 1)]
    triples = handmade.construct(engine, query_text("supplier-network"))
    edge, label = str(AG.suppliesArmsTo), str(RDFS.label)
    assert triples == {(str(PRK), edge, str(RUS)), (str(PRK), label, "North Korea"),
                       (str(RUS), label, "Russia")}


def test_claims_to_recipient_lists_every_status_in_document_order(handmade, engine):
    rows = handmade.select(engine, query_text("claims-to-recipient"))
    assert [(r["docId"], int(r["start"]), r["supplierLabel"], r["status"], r["category"])
            for r in rows] == [
        ("doc-a", 0, "North Korea", "delivered", "ammunition"),
        ("doc-a", 50, "Iran", "denied", "drones"),
        ("doc-b", 0, "North Korea", "pledged", "missiles"),
    ]
    assert [r["title"] for r in rows] == ["Doc A", "Doc A", "Doc B"]


def test_suppliers_by_category_year_reads_dates(handmade, engine):
    rows = handmade.select(engine, query_text("suppliers-by-category-year"))
    assert [(r["category"], r["year"], r["supplierLabel"], int(r["claims"]))
            for r in rows] == [
        ("ammunition", "2023", "North Korea", 1),     # xsd:date
        ("ammunition", "unknown", "North Korea", 1),  # no date
        ("missiles", "2024", "North Korea", 1),       # xsd:dateTime
    ]


def test_claims_per_source_counts_unattributed_claims(handmade, engine):
    rows = handmade.select(engine, query_text("claims-per-source"))
    assert [(r["source"], int(r["claims"]), int(r["documents"])) for r in rows] == [
        ("unattributed", 2, 2), ("Tehran", 1, 1), ("US officials", 1, 1)]


def test_labels_repeated_across_named_graphs_are_counted_once(handmade):
    """North Korea's label sits in three named graphs; the union still has one."""
    prk_labels = set(handmade.dataset.objects(PRK, RDFS.label))
    assert prk_labels == {Literal("North Korea", lang="en")}
    rows = handmade.select("dataset", query_text("top-suppliers"))
    assert len(rows) == 1


def test_a_non_state_actor_has_no_iso3(make_document, make_claim):
    wagner = Actor("Wagner Group", None, "Wagner", type="armed-group")
    doc = make_document("doc-w", "Russia supplied rifles to the Wagner Group.")
    claim = make_claim("doc-w", doc.text, supplier=state("Russia", "RUS"), recipient=wagner,
                       item=Item("rifles", "small-arms"))
    engines = engines_for([(doc, [claim])])
    for engine_name in ENGINES:
        rows = engines.select(engine_name, query_text("top-recipients"))
        assert [(r["label"], r["iso3"], int(r["claims"])) for r in rows] == [
            ("Wagner Group", None, 1)]


def _plain(value: object) -> str | None:
    return None if value is None else str(value)


@pytest.mark.parametrize("kind", ["memory", "embedded"])
def test_the_project_stores_give_the_same_answers(kind, handmade_documents, handmade,
                                                  tmp_path):
    """armsgraph's own stores (union default graph over named graphs) agree row for row."""
    from armsgraph.graph.store import EmbeddedStore, MemoryStore

    store = MemoryStore() if kind == "memory" else EmbeddedStore(tmp_path / "store")
    try:
        for document, claims in handmade_documents:
            store.put_document(document, claims)
        for name in QUERY_NAMES:
            result = store.query(query_text(name))
            if result.graph is not None:
                got = {(str(s), str(p), str(o)) for s, p, o in result.graph}
                assert got == handmade.construct("graph", query_text(name)), name
            else:
                rows = [dict(zip(result.variables, map(_plain, row), strict=True))
                        for row in result.rows]
                assert rows == handmade.select("graph", query_text(name)), name
    finally:
        store.close()
