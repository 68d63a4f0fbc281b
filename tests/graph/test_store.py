"""The three stores behind one interface: embedded Oxigraph on disk, in-memory rdflib, and a
live Oxigraph server over the SPARQL 1.1 protocol. Every behaviour test runs on all three.
"""

from __future__ import annotations

import io
import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from oxigraph_fixtures import oxigraph_server, remote_store  # noqa: F401  (fixtures)
from rdflib import Dataset, Graph, URIRef

import armsgraph.graph.store as store_module
from armsgraph.api import build_graph
from armsgraph.errors import QueryError
from armsgraph.extract.sources import Document
from armsgraph.graph.rdf import IriMinter
from armsgraph.graph.store import FORMATS, EmbeddedStore, MemoryStore, RemoteStore, StoreError
from armsgraph.graph.validate import validate_graph

ID = "https://w3id.org/armsgraph/id/"
PRK, IRN, RUS = (URIRef(f"{ID}state/{c}") for c in ("PRK", "IRN", "RUS"))
FRA, GRC, VEN = (URIRef(f"{ID}state/{c}") for c in ("FRA", "GRC", "VEN"))
ALL_QUADS = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"
SUPPLIES = "SELECT ?s ?r WHERE { ?s ag:suppliesArmsTo ?r }"
SEED_ID = "000_cf215c8622a80a14"
MINTER = IriMinter()

IRAN = "Iran has sent Russia hundreds of drones.\n"
FRANCE = "France sold 30 Rafale fighters to Greece.\n"


# --- fixtures and helpers -------------------------------------------------------------


@pytest.fixture(params=["embedded", "memory", "remote"])
def store(request, tmp_path) -> Iterator:
    """Each test runs on a fresh, empty store of each kind."""
    if request.param == "embedded":
        s = EmbeddedStore(tmp_path / "store")
        yield s
        s.close()
    elif request.param == "memory":
        yield MemoryStore()
    else:
        yield request.getfixturevalue("remote_store")


@pytest.fixture
def docs(tmp_path) -> Path:
    """A folder with two one-sentence documents: ``france`` and ``iran``."""
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "france.txt").write_text(FRANCE, "utf-8")
    (folder / "iran.txt").write_text(IRAN, "utf-8")
    return folder


def build(store, *inputs, nlp, **kw):
    report = build_graph([str(i) for i in inputs], None, nlp=nlp, store=store, **kw)
    assert not report.errors, report.errors
    return report


def quads(store) -> set[tuple]:
    return {tuple(row) for row in store.query(ALL_QUADS).rows}


def graph_of(store, doc_id: str) -> set[tuple]:
    """The triples of one document's named graph."""
    name = MINTER.graph(doc_id)
    return {(s, p, o) for g, s, p, o in quads(store) if g == name}


def reference_of(store) -> set[tuple]:
    """The triples of the reference graph (actors, systems, runs that documents share)."""
    name = MINTER.reference_graph()
    return {(s, p, o) for g, s, p, o in quads(store) if g == name}


def transfers_of(store) -> set[tuple]:
    """The triples of the transfers graph (recomputed from the claims)."""
    name = URIRef(f"{MINTER.base}graph/transfers")
    return {(s, p, o) for g, s, p, o in quads(store) if g == name}


def pairs(store) -> set[tuple]:
    return {tuple(row) for row in store.query(SUPPLIES).rows}


def iris(store) -> set[URIRef]:
    return {t for q in quads(store) for t in q if isinstance(t, URIRef)}


def assert_conforms(store) -> None:
    report = validate_graph(store.graph())
    assert report.conforms, report.summary()


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# --- building -------------------------------------------------------------------------


def test_seed_build_links_north_korea_and_iran_to_russia(store, seeds_dir, seed_texts, nlp):
    build(store, seeds_dir, nlp=nlp)

    found = pairs(store)
    assert (PRK, RUS) in found, found
    assert (IRN, RUS) in found, found
    assert SEED_ID in seed_texts
    assert store.document_ids() == sorted(seed_texts)  # every seed file, claims or none
    assert_conforms(store)


def test_building_the_same_inputs_twice_changes_nothing(store, seeds_dir, docs, nlp):
    first = build(store, seeds_dir, docs, nlp=nlp)
    count, before, names = store.triple_count(), quads(store), iris(store)
    assert count == len(before) == first.triples > 0

    second = build(store, seeds_dir, docs, nlp=nlp)

    assert store.triple_count() == count == second.triples
    assert quads(store) == before
    assert iris(store) == names
    assert_conforms(store)


def test_editing_one_document_rebuilds_only_its_named_graph(store, docs, nlp):
    build(store, docs, nlp=nlp)
    france, iran = graph_of(store, "france"), graph_of(store, "iran")
    assert france and iran
    assert {(FRA, GRC), (IRN, RUS)} <= pairs(store)

    (docs / "iran.txt").write_text("Iran has delivered 200 drones to Venezuela.\n", "utf-8")
    build(store, docs, nlp=nlp)

    assert graph_of(store, "france") == france
    assert graph_of(store, "iran") != iran
    found = pairs(store)
    assert (IRN, VEN) in found and (IRN, RUS) not in found, found
    assert store.document_ids() == ["france", "iran"]
    assert store.triple_count() == len(quads(store))
    assert_conforms(store)


# --- a failure part-way through a batch -----------------------------------------------


def _assert_first_kept_second_absent(store, first_count: int) -> None:
    assert store.document_ids() == ["france"]
    assert len(graph_of(store, "france")) == first_count > 0
    assert graph_of(store, "iran") == set()
    assert store.query(
        f"ASK {{ GRAPH {MINTER.graph('iran').n3()} {{ ?s ?p ?o }} }}").boolean is False
    assert store.triple_count() == first_count + len(reference_of(store))
    assert_conforms(store)


def _rebuild_adds_the_failed_document(store, docs, nlp, france_before: set) -> None:
    build(store, docs / "france.txt", docs / "iran.txt", nlp=nlp)
    assert store.document_ids() == ["france", "iran"]
    assert graph_of(store, "france") == france_before
    assert graph_of(store, "iran")
    assert (IRN, RUS) in pairs(store)
    assert_conforms(store)


def test_a_store_error_on_the_second_document_keeps_the_first_whole(
        store, docs, nlp, monkeypatch):
    if isinstance(store, EmbeddedStore):
        pytest.skip("the embedded store writes new documents in bulk batches: see "
                    "test_an_interrupted_bulk_batch_leaves_no_half_written_document")
    real_put = store.put_document
    written: list[int] = []

    def put_document(document, claims):
        if written:
            raise StoreError("simulated failure while writing the second document")
        written.append(real_put(document, claims))
        return written[-1]

    monkeypatch.setattr(store, "put_document", put_document)
    with pytest.raises(StoreError, match="simulated"):
        build_graph([str(docs / "france.txt"), str(docs / "iran.txt")], None, nlp=nlp,
                    store=store)
    monkeypatch.undo()

    _assert_first_kept_second_absent(store, written[0])
    _rebuild_adds_the_failed_document(store, docs, nlp, graph_of(store, "france"))


def test_an_interrupted_bulk_batch_leaves_no_half_written_document(tmp_path, docs, nlp,
                                                                   monkeypatch):
    """A crash in the middle of a bulk write: the journal names the batch's graphs, and the
    next open of the store removes them; documents written before are untouched."""
    path = tmp_path / "store"
    with EmbeddedStore(path) as store:
        build(store, docs / "france.txt", nlp=nlp)
        france = graph_of(store, "france")

    def crash(self, batch):
        journal = self.path / store_module.JOURNAL
        store_module.atomic_write(journal, lambda fh: fh.write(
            json.dumps([batch.graphs[0].value]).encode()))
        self.store.bulk_extend(batch.quads[: len(batch.quads) // 2])
        self.store.flush()
        raise StoreError("simulated crash during a bulk write")
        yield  # a generator, like the real one

    monkeypatch.setattr(EmbeddedStore, "_flush_batch", crash)
    with EmbeddedStore(path) as store, pytest.raises(StoreError, match="simulated"):
        build_graph([str(docs / "iran.txt")], None, nlp=nlp, store=store)
    monkeypatch.undo()

    with EmbeddedStore(path, create=False) as store:
        assert not (path / store_module.JOURNAL).exists()
        assert store.document_ids() == ["france"]
        assert graph_of(store, "iran") == set()
        assert graph_of(store, "france") == france
        assert_conforms(store)
        _rebuild_adds_the_failed_document(store, docs, nlp, france)


def _corpus(make_document, make_claim, n: int, salt: str = "") -> list:
    """``n`` documents of one to three claims over a few suppliers, recipients and items,
    with odd text in them (quotes, backslashes, braces, control characters)."""
    from conftest import state

    sides = [state("North Korea", "PRK"), state("Iran", "IRN"), state("Russia", "RUS"),
             state("France", "FRA"), state("Greece", "GRC")]
    items = []
    for i in range(n):
        sentence = f'Claim {i}{salt}: "shells" {{x}} | a\\b \t\x0b end\\'
        doc = make_document(f"doc-{i}", sentence, title=f"T {i}\n\"{salt}\"",
                            url=f"https://example.org/a?b={i}&c=%7B")
        claims = [make_claim(f"doc-{i}", sentence, supplier=sides[(i + k) % 5],
                             recipient=sides[(i + k + 1) % 5]) for k in range(1 + i % 3)]
        items.append((doc, claims))
    return items


def _nquads(store: EmbeddedStore) -> set[str]:
    return {str(q) for q in store.store.quads_for_pattern(None, None, None)}


def test_the_bulk_path_writes_the_same_quads_as_one_document_at_a_time(
        tmp_path, make_document, make_claim, monkeypatch):
    """More than two bulk batches, then a re-ingestion of part of them with changed text:
    the quads equal those of writing every document alone with ``put_document``."""
    monkeypatch.setattr(store_module, "BATCH", 100)
    n = 2 * store_module.BATCH + 57
    first = _corpus(make_document, make_claim, n)
    again = _corpus(make_document, make_claim, n)[::7]
    changed = _corpus(make_document, make_claim, n, salt="!")[3::11]
    with EmbeddedStore(tmp_path / "bulk") as bulk, EmbeddedStore(tmp_path / "one") as one:
        written = list(bulk.put_documents(first))
        assert [item[0].id for item, _ in written] == [d.id for d, _ in first]
        list(bulk.put_documents(again + changed))
        for doc, claims in first + again + changed:
            one.put_document(doc, claims)
        assert len(bulk.document_ids()) == n
        assert _nquads(bulk) == _nquads(one)
        assert not (bulk.path / store_module.JOURNAL).exists()


def test_a_failure_half_way_through_a_documents_triples_writes_none_of_them(
        store, docs, nlp, monkeypatch):
    """The second document's triples break off half-way: not one of them is stored."""
    real_quads = store_module.write_quads
    calls: list[str] = []

    def write_quads(document, claims, minter):
        calls.append(document.id)
        own, shared = real_quads(document, claims, minter)
        if len(calls) == 1:
            return own, shared

        def broken():
            yield from own[: len(own) // 2]
            raise RuntimeError("simulated crash in the middle of a document")

        return list(broken()), shared

    monkeypatch.setattr(store_module, "write_quads", write_quads)
    with pytest.raises(RuntimeError, match="simulated"):
        build_graph([str(docs / "france.txt"), str(docs / "iran.txt")], None, nlp=nlp,
                    store=store)
    monkeypatch.undo()

    assert calls == ["france", "iran"]
    # the first document's graph is complete: re-ingesting it alone changes nothing
    france = graph_of(store, "france")
    _assert_first_kept_second_absent(store, len(france))
    build(store, docs / "france.txt", nlp=nlp)
    assert graph_of(store, "france") == france
    _rebuild_adds_the_failed_document(store, docs, nlp, france)


def test_an_input_iterator_that_fails_after_one_document_keeps_that_document(
        store, docs, nlp):
    def inputs():
        yield str(docs / "france.txt")
        raise OSError("simulated: the input went away")

    with pytest.raises(OSError, match="simulated"):
        build_graph(inputs(), None, nlp=nlp, store=store, batch_size=1)

    france = graph_of(store, "france")
    _assert_first_kept_second_absent(store, len(france))
    _rebuild_adds_the_failed_document(store, docs, nlp, france)


# --- removing, listing ----------------------------------------------------------------


def test_remove_document_drops_exactly_its_graph_and_leaves_no_orphans(store, docs, nlp):
    build(store, docs, nlp=nlp)
    france = graph_of(store, "france")
    iran = graph_of(store, "iran")
    iran_nodes = {s for s, _p, _o in iran} - {s for s, _p, _o in france}
    assert iran_nodes

    assert store.remove_document("iran") is True

    assert store.document_ids() == ["france"]
    assert graph_of(store, "iran") == set()
    assert graph_of(store, "france") == france
    assert store.triple_count() == len(france) + len(reference_of(store)) + len(
        transfers_of(store))
    # nothing of the removed document remains in any document's graph or in the
    # transfers; the reference graph keeps the descriptions of actors, which other
    # documents may share
    reference = MINTER.reference_graph()
    remaining = {q for q in quads(store) if q[0] != reference}
    assert not {t for q in remaining for t in q} & iran_nodes
    assert (IRN, RUS) not in pairs(store)
    # every claim still points at evidence in an article that is still there
    orphans = store.query("""
        SELECT ?c WHERE {
          { ?c a ag:TransferClaim
            FILTER NOT EXISTS { ?c prov:wasDerivedFrom/ag:inDocument/a schema:NewsArticle } }
          UNION
          { ?c a ag:Evidence FILTER NOT EXISTS { ?c ag:inDocument/a schema:NewsArticle } }
          UNION
          { ?c ag:inDocument ?d FILTER NOT EXISTS { ?d a schema:NewsArticle } }
        }""").rows
    assert orphans == []
    assert_conforms(store)

    assert store.remove_document("iran") is False
    assert store.remove_document("no-such-document") is False
    assert graph_of(store, "france") == france


def test_document_ids_lists_every_document_sorted(store, seeds_dir, seed_texts, docs, nlp):
    assert store.document_ids() == []
    assert store.triple_count() == 0

    build(store, docs, seeds_dir, nlp=nlp)

    assert store.document_ids() == sorted([*seed_texts, "france", "iran"])
    assert_conforms(store)


# --- export ---------------------------------------------------------------------------


def _parse(path: Path, fmt: str) -> tuple[set[tuple], set]:
    """Distinct triples of an export and the names of its non-empty graphs."""
    serializer, holds_graphs = FORMATS[fmt]
    if holds_graphs:
        ds = Dataset()
        ds.parse(path, format=serializer)
        triples = {(s, p, o) for s, p, o, _g in ds.quads((None, None, None, None))}
        names = {g for _s, _p, _o, g in ds.quads((None, None, None, None))}
        return triples, names
    g = Graph()
    g.parse(path, format=serializer)
    return set(g), set()


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_export_reparses_with_the_same_triples(store, docs, seeds_dir, nlp, tmp_path, fmt):
    build(store, docs, seeds_dir, nlp=nlp)
    expected = len(store.graph())
    target = tmp_path / "out" / f"armsgraph.{fmt}"

    store.export(fmt, target)

    triples, names = _parse(target, fmt)
    assert len(triples) == expected
    if FORMATS[fmt][1]:  # one named graph per document, the reference and the transfers
        assert {str(n) for n in names} == {str(MINTER.graph(d)) for d in store.document_ids()
                                           } | {str(MINTER.reference_graph()),
                                                f"{MINTER.base}graph/transfers"}
    assert listing(target.parent) == [target.name]
    assert_conforms(store)


def test_export_to_a_stream_writes_the_same_bytes_as_to_a_file(store, docs, nlp, tmp_path):
    build(store, docs, nlp=nlp)
    stream = io.BytesIO()

    store.export("nq", stream)
    store.export("nq", tmp_path / "a.nq")

    assert stream.getvalue() == (tmp_path / "a.nq").read_bytes()
    assert stream.getvalue()


def test_export_of_an_unknown_format_raises_store_error(store, tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()

    with pytest.raises(StoreError, match="xml"):
        store.export("xml", folder / "x.rdf")

    assert listing(folder) == []


class _BreakingStream:
    """A file that takes ``limit`` bytes, then fails as a full disk would."""

    def __init__(self, fh, limit: int = 200) -> None:
        self.fh, self.limit, self.written = fh, limit, 0

    def write(self, data) -> int:
        data = bytes(data)
        room = self.limit - self.written
        if len(data) > room:
            self.fh.write(data[:room])
            self.written += room
            raise OSError(28, "No space left on device (simulated)")
        self.fh.write(data)
        self.written += len(data)
        return len(data)

    def flush(self) -> None:
        self.fh.flush()


@pytest.mark.parametrize("existing", [False, True], ids=["new-target", "existing-target"])
@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_an_export_that_fails_half_way_leaves_no_partial_file(
        store, make_document, make_claim, tmp_path, monkeypatch, fmt, existing):
    store.put_document(make_document("doc-1"), [make_claim("doc-1")])
    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / f"graph.{fmt}"
    if existing:
        target.write_bytes(b"the previous export\n")
    before = listing(folder)
    streams: list[_BreakingStream] = []
    real_atomic_write = store_module.atomic_write

    def atomic_write(path, write):
        def breaking(fh):
            streams.append(_BreakingStream(fh))
            write(streams[-1])

        return real_atomic_write(path, breaking)

    monkeypatch.setattr(store_module, "atomic_write", atomic_write)

    with pytest.raises(OSError, match="simulated"):
        store.export(fmt, target)

    assert streams and streams[0].written == streams[0].limit  # it did break half-way
    assert listing(folder) == before  # no temporary file left behind
    if existing:
        assert target.read_bytes() == b"the previous export\n"
    else:
        assert not target.exists()


@pytest.mark.parametrize("existing", [False, True], ids=["new-target", "existing-target"])
def test_an_export_whose_final_rename_fails_leaves_the_target_alone(
        store, make_document, make_claim, tmp_path, monkeypatch, existing):
    import armsgraph.graph.atomic as atomic

    store.put_document(make_document("doc-1"), [make_claim("doc-1")])
    target = tmp_path / "graph.nq"
    if existing:
        target.write_bytes(b"the previous export\n")
    before = listing(tmp_path)

    def replace(src, dst):
        raise OSError("simulated: rename failed")

    monkeypatch.setattr(atomic.os, "replace", replace)
    with pytest.raises(OSError, match="simulated"):
        store.export("nq", target)
    monkeypatch.undo()

    assert listing(tmp_path) == before
    if existing:
        assert target.read_bytes() == b"the previous export\n"
    else:
        assert not target.exists()


# --- queries --------------------------------------------------------------------------


def test_a_sparql_syntax_error_raises_query_error(store, make_document, make_claim):
    store.put_document(make_document("doc-1"), [make_claim("doc-1")])

    with pytest.raises(QueryError) as caught:
        store.query("SELECT ?s WHERE { ?s ag:supplier")

    message = str(caught.value)
    assert "\n" not in message
    # the position is in the user's text, not in the query with the prefixes added
    assert "line 1," in message, message
    if isinstance(store, RemoteStore):  # the server's own complaint is passed on
        assert store.query_url in message
        complaint = message.split("the server rejected the request:", 1)[1]
        assert "expected" in complaint, message


def test_an_empty_query_raises_query_error(store):
    with pytest.raises(QueryError, match="empty"):
        store.query("   ")


def test_ask_and_construct_queries_answer(store, make_document, make_claim):
    store.put_document(make_document("doc-1"), [make_claim("doc-1")])

    assert store.query(f"ASK {{ {PRK.n3()} ag:suppliesArmsTo {RUS.n3()} }}").boolean is True
    assert store.query(f"ASK {{ {RUS.n3()} ag:suppliesArmsTo {PRK.n3()} }}").boolean is False
    result = store.query("CONSTRUCT { ?s ag:suppliesArmsTo ?r } WHERE "
                         "{ ?s ag:suppliesArmsTo ?r }")
    assert result.graph is not None
    assert set(result.graph) == {(PRK, URIRef("https://w3id.org/armsgraph/ontology#"
                                              "suppliesArmsTo"), RUS)}
    assert_conforms(store)


# --- the embedded store on disk -------------------------------------------------------


def test_embedded_store_keeps_its_data_across_close_and_reopen(tmp_path, docs, nlp):
    path = tmp_path / "store"
    with EmbeddedStore(path) as first:
        build(first, docs, nlp=nlp)
        everything, count = quads(first), first.triple_count()

    with EmbeddedStore(path, create=False) as again:
        assert again.document_ids() == ["france", "iran"]
        assert again.triple_count() == count
        assert quads(again) == everything
        assert (FRA, GRC) in pairs(again)
        assert_conforms(again)


def test_embedded_store_on_a_regular_file_raises_store_error_naming_it(tmp_path):
    path = tmp_path / "not-a-store"
    path.write_text("hello\n", "utf-8")

    for create in (True, False):
        with pytest.raises(StoreError) as caught:
            EmbeddedStore(path, create=create)
        assert str(path) in str(caught.value)
    assert path.read_text("utf-8") == "hello\n"


def test_embedded_store_without_create_on_a_missing_directory_raises_store_error(tmp_path):
    path = tmp_path / "missing"

    with pytest.raises(StoreError) as caught:
        EmbeddedStore(path, create=False)

    assert str(path) in str(caught.value)
    assert not path.exists()


def test_embedded_store_is_created_when_missing(tmp_path):
    path = tmp_path / "deep" / "store"

    with EmbeddedStore(path) as s:
        assert s.document_ids() == []

    assert path.is_dir()


def test_open_store_picks_the_store_its_options_name(tmp_path, request):
    query_url = request.getfixturevalue("oxigraph_server")
    with store_module.open_store(tmp_path / "s", create=True) as s:
        assert isinstance(s, EmbeddedStore)
    remote = store_module.open_store(endpoint=query_url)
    assert isinstance(remote, RemoteStore)
    assert remote.update_url.endswith("/update")
    with pytest.raises(StoreError):
        store_module.open_store(tmp_path / "absent")


# --- the remote store -----------------------------------------------------------------


def test_remote_store_rejects_a_url_that_is_not_http():
    with pytest.raises(StoreError, match="http"):
        RemoteStore("ftp://127.0.0.1/query")


def test_remote_store_that_cannot_be_reached_raises_store_error():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens here once the socket is closed
    remote = RemoteStore(f"http://127.0.0.1:{port}/query", timeout=5)

    with pytest.raises(StoreError, match=f"127.0.0.1:{port}"):
        remote.query("ASK { ?s ?p ?o }")


def test_remote_update_url_is_derived_for_oxigraph():
    assert RemoteStore("http://127.0.0.1:7878/query").update_url == \
        "http://127.0.0.1:7878/update"
    assert RemoteStore("http://127.0.0.1:7878/sparql").update_url == \
        "http://127.0.0.1:7878/sparql"
    assert RemoteStore("http://127.0.0.1:7878/query", "http://127.0.0.1:7878/u").update_url \
        == "http://127.0.0.1:7878/u"


def test_a_workers_nquads_shard_writes_what_a_local_build_writes(store, docs, nlp):
    """The Dask path's write: a shard of N-Quads (documents plus reference descriptions)
    replaces the shard's graphs on every kind of store with what a local build writes."""
    import armsgraph.distributed as dist
    from armsgraph.extract.sources import iter_documents
    from armsgraph.graph.transfers import refresh_transfers

    build(store, docs, nlp=nlp)
    expected = quads(store)
    for doc_id in ("france", "iran"):
        store.remove_document(doc_id)
    assert not pairs(store)
    dist._PIPELINES["nlp"] = nlp
    try:
        shard = dist.extract_shard(list(iter_documents([docs])))
    finally:
        dist._PIPELINES.clear()
    assert len(shard.ids) == 2 and not shard.errors
    store.put_nquads(shard.graphs, shard.nquads)
    refresh_transfers(store)  # as build_distributed does after the last shard
    assert quads(store) == expected
    store.put_nquads(shard.graphs, shard.nquads)  # again: replaced, nothing twice
    refresh_transfers(store)
    assert quads(store) == expected


@pytest.mark.parametrize("doc_id", [".", "..", "a.", "reference"])
def test_dot_and_reference_ids_export_readably_and_keep_the_reference_graph(tmp_path, doc_id):
    """Found by the property tests: a document called "." gave the IRI ``id:graph/.``
    (a dot segment) and a Turtle local name rdflib cannot read back; a document called
    "reference" shared the reference graph's IRI, so removing it removed the reference."""
    store = EmbeddedStore(tmp_path / "store")
    try:
        store.put_document(Document(id="good", text="x"), [])
        store.put_document(Document(id=doc_id, text="y"), [])
        reference = set(reference_of(store))
        assert reference
        for fmt, parser in (("trig", "trig"), ("ttl", "turtle")):
            store.export(fmt, tmp_path / f"e.{fmt}")
            data = Dataset() if fmt == "trig" else Graph()
            data.parse(tmp_path / f"e.{fmt}", format=parser)
            assert len(data) or fmt == "trig"
        assert sorted(store.document_ids()) == sorted(["good", doc_id])
        assert store.remove_document(doc_id)
        assert set(reference_of(store)) == reference
        assert store.document_ids() == ["good"]
    finally:
        store.close()
