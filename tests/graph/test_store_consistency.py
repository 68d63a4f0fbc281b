"""Every query gives the same rows on the embedded store, a remote server and an exported
file, on a store of more than 500 documents; row counts equal claim counts (an actor's
description lives once, in the reference graph, so no join multiplies rows)."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest
from oxigraph_fixtures import oxigraph_server, remote_store  # noqa: F401  (fixtures)

from armsgraph.extract.claims import CATEGORIES, STATUSES, Actor, Item, TransferClaim
from armsgraph.extract.sources import Document
from armsgraph.graph.network import CLAIMS_QUERY, claims_multigraph
from armsgraph.graph.query import load_graph_file
from armsgraph.graph.rdf import IriMinter
from armsgraph.graph.store import EmbeddedStore
from armsgraph.graph.transfers import refresh_transfers

QUERIES = sorted((Path(__file__).resolve().parents[2] / "queries").glob("*.rq"))
DOCUMENTS = 520
ACTORS = [
    Actor("Russia", "RUS", "Russia", wikidata="Q159"), Actor("Iran", "IRN", "Tehran"),
    Actor("North Korea", "PRK", "Pyongyang"), Actor("Ukraine", "UKR", "Kyiv"),
    Actor("United States", "USA", "Washington", wikidata="Q30"),
    Actor("France", "FRA", "Paris"), Actor("India", "IND", "New Delhi"),
    Actor("Rosoboronexport", None, "Rosoboronexport", type="company", country="RUS"),
    Actor("Hezbollah", None, "Hezbollah", type="armed-group", country="LBN"),
    Actor("NATO", None, "NATO", type="organization"),
]
COUNT_CLAIMS = "SELECT (COUNT(?c) AS ?n) WHERE { ?c a ag:TransferClaim }"
COUNT_LABELS = ("SELECT (COUNT(*) AS ?n) WHERE { { SELECT DISTINCT ?a WHERE { "
                "?c ag:supplier|ag:recipient ?a } } ?a rdfs:label ?l }")
ACTOR_LABELS = "SELECT (COUNT(*) AS ?n) WHERE { ?c ag:supplier ?a . ?a rdfs:label ?l }"


def corpus(seed: int = 7) -> list[tuple[Document, list[TransferClaim]]]:
    rng = random.Random(seed)
    items = []
    for i in range(DOCUMENTS):
        doc = Document(id=f"doc-{i:04d}", text="", title=f"Story {i}",
                       url=f"https://news.example.org/{i}",
                       published=f"{2015 + i % 10}-0{1 + i % 9}-1{i % 10}")
        claims = []
        for k in range(1 + i % 3):
            sentence = f"Sentence {k} of story {i}: an arms transfer."
            start = 100 * k
            supplier, recipient = rng.sample(ACTORS, 2)
            if rng.random() < 0.1:
                recipient = None
            claims.append(TransferClaim(
                doc_id=doc.id, sentence=sentence, span=(start, start + len(sentence)),
                supplier=supplier, recipient=recipient,
                item=Item(f"item {k}", rng.choice(CATEGORIES[:-1])),
                status=rng.choice(STATUSES), quantity=rng.choice([None, 4, "dozens"]),
                source=rng.choice([None, "officials", "the ministry"]), rule="test",
                confidence=0.9))
        items.append((doc, claims))
    return items


@pytest.fixture(scope="module")
def claims() -> list[tuple[Document, list[TransferClaim]]]:
    return corpus()


@pytest.fixture(scope="module")
def stores(claims, tmp_path_factory, oxigraph_server):  # noqa: F811
    """The same documents in an embedded store, on a live server and in a TriG export."""
    from armsgraph.graph.store import RemoteStore

    folder = tmp_path_factory.mktemp("consistency")
    embedded = EmbeddedStore(folder / "store")
    list(embedded.put_documents(claims))
    refresh_transfers(embedded)
    remote = RemoteStore(oxigraph_server)
    remote._post(remote.update_url, "DROP ALL", "application/sparql-update")
    list(remote.put_documents(claims))
    refresh_transfers(remote)
    embedded.export("ttl", folder / "graph.ttl")
    exported = load_graph_file(folder / "graph.ttl")
    yield {"embedded": embedded, "remote": remote, "file": exported}
    embedded.close()
    remote.close()


def rows(source, sparql: str) -> list[tuple[str, ...]]:
    from armsgraph.graph.query import run_query

    result = run_query(source, sparql) if not hasattr(source, "select") else source.query(sparql)
    if result.graph is not None:  # a CONSTRUCT
        return sorted(tuple(str(t) for t in triple) for triple in result.graph)
    return sorted(tuple("" if v is None else str(v) for v in row) for row in result.rows)


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.name)
def test_every_query_gives_the_same_rows_on_store_server_and_file(stores, path):
    sparql = path.read_text("utf-8")
    embedded = rows(stores["embedded"], sparql)
    assert embedded, f"{path.name} gave no rows"
    assert rows(stores["remote"], sparql) == embedded
    assert rows(stores["file"], sparql) == embedded


def test_row_counts_are_claim_counts(stores, claims):
    all_claims = [c for _, cs in claims for c in cs]
    two_sided = [c for c in all_claims if c.recipient is not None]
    not_denied = Counter(c.supplier.key for c in all_claims if c.status != "denied")
    for name, source in stores.items():
        assert int(rows(source, COUNT_CLAIMS)[0][0]) == len(all_claims), name
        assert len(rows(source, CLAIMS_QUERY)) == len(two_sided), name
        assert int(rows(source, ACTOR_LABELS)[0][0]) == len(all_claims), name
        assert int(rows(source, COUNT_LABELS)[0][0]) == len(ACTORS), name
        m = claims_multigraph(source)
        assert m.number_of_edges() == len(two_sided), name
        top = {r[0].rsplit("/", 1)[-1]: int(r[3]) for r in rows(
            source, (Path(QUERIES[0]).parent / "top-suppliers.rq").read_text("utf-8"))}
        minter = IriMinter()
        assert top == {str(minter.actor(a)).rsplit("/", 1)[-1]: n for a in ACTORS
                       if (n := not_denied.get(a.key))}, name


def test_removing_documents_leaves_the_reference_graph_right(claims, tmp_path):
    with EmbeddedStore(tmp_path / "store") as store:
        list(store.put_documents(claims))
        reference = IriMinter().reference_graph()
        before = store.query(
            f"SELECT ?s ?p ?o WHERE {{ GRAPH <{reference}> {{ ?s ?p ?o }} }}").rows
        for doc, _ in claims[:100]:
            assert store.remove_document(doc.id)
        after = store.query(
            f"SELECT ?s ?p ?o WHERE {{ GRAPH <{reference}> {{ ?s ?p ?o }} }}").rows
        assert sorted(map(str, after)) == sorted(map(str, before))
        left = [c for _, cs in claims[100:] for c in cs]
        assert int(store.query(COUNT_CLAIMS).rows[0][0]) == len(left)
        assert int(store.query(ACTOR_LABELS).rows[0][0]) == len(left)
        assert claims_multigraph(store).number_of_edges() == len(
            [c for c in left if c.recipient is not None])


def test_every_store_holds_the_same_transfers(stores, claims):
    count = "SELECT (COUNT(?t) AS ?n) WHERE { ?t a ag:Transfer }"
    reported = "SELECT (COUNT(*) AS ?n) WHERE { ?t ag:reportedBy ?c }"
    two_sided = sum(1 for _, cs in claims for c in cs if c.recipient is not None)
    counts = {name: (int(rows(s, count)[0][0]), int(rows(s, reported)[0][0]))
              for name, s in stores.items()}

    assert len(set(counts.values())) == 1, counts
    transfers, reports = counts["embedded"]
    assert 0 < transfers < two_sided and reports == two_sided  # each two-sided claim once
