"""Property tests: odd URLs, titles, ids, dates and control characters never crash a
write or a build, and every export parses back as RDF with the same statements.

Each value goes into the graph as an RDF term, never into query text, so characters that
break SPARQL or IRIs (``|``, ``{``, ``"``, ``\\``, ``<``, spaces, control characters,
lone surrogates excluded by JSON) either become literals, are percent-encoded, or leave
the document out with one line, and never touch the other documents of the batch."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph

from armsgraph.api import build_graph
from armsgraph.errors import InputError
from armsgraph.extract.claims import Actor, Item, TransferClaim
from armsgraph.extract.sources import Document
from armsgraph.graph.store import EmbeddedStore

NASTY = "|{}\"'\\<>^`% \t\r\n\x00\x01\x0b\x1f\x7f\u2028\u200b#?&=/:;"
nasty_text = st.text(alphabet=st.one_of(st.sampled_from(NASTY), st.characters(
    blacklist_categories=("Cs",))), max_size=40)
urls = st.one_of(st.none(), nasty_text, nasty_text.map(lambda s: "https://example.org/" + s),
                 nasty_text.map(lambda s: "http://" + s))
ids = st.text(min_size=1, max_size=30, alphabet=st.characters(blacklist_categories=("Cs",)))
dates = st.one_of(st.none(), nasty_text, st.sampled_from(
    ["2024-02-29", "26-FEB-1987", "1987-13-45", "yesterday", "2024", "2024-02-29T10:00:00Z"]))
SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow,
                                           HealthCheck.function_scoped_fixture])


def reparsed(store: EmbeddedStore, tmp_path, fmt: str) -> int:
    """Export ``fmt``, parse it with rdflib and Oxigraph, return the statement count."""
    path = tmp_path / f"export.{fmt}"
    store.export(fmt, path)
    data = path.read_bytes()
    if fmt in ("nq", "trig"):
        ds = Dataset()
        ds.parse(data=data, format={"nq": "nquads", "trig": "trig"}[fmt])
        n_rdflib = sum(1 for _ in ds.quads((None, None, None, None)))
    else:
        n_rdflib = len(Graph().parse(data=data, format={"ttl": "turtle", "nt": "nt"}[fmt]))
    rdf_format = {"nq": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG,
                  "ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES}[fmt]
    n_ox = sum(1 for _ in ox.parse(data, format=rdf_format))
    assert n_rdflib == n_ox
    return n_ox


@SETTINGS
@given(doc_id=ids, title=st.one_of(st.none(), nasty_text), url=urls, published=dates,
       publisher=st.one_of(st.none(), nasty_text), sentence=nasty_text, source=nasty_text,
       name=nasty_text)
def test_any_metadata_writes_valid_rdf_and_keeps_the_other_document(
        tmp_path_factory, doc_id, title, url, published, publisher, sentence, source, name):
    tmp_path = tmp_path_factory.mktemp("odd")
    store = EmbeddedStore(tmp_path / "store")
    try:
        good = Document(id="good", text="France sold fighters to Greece.", title="Good")
        good_claim = TransferClaim(
            doc_id="good", sentence=good.text, span=(0, len(good.text)),
            supplier=Actor("France", "FRA", "France"), recipient=Actor("Greece", "GRC", "Greece"),
            item=Item("fighters", "aircraft"), status="delivered")
        store.put_document(good, [good_claim])
        before = store.triple_count()
        odd = Document(id=doc_id, text=sentence + "\\", title=title, url=url,
                       published=published, publisher=publisher)
        sentence = sentence or "x"
        claim = TransferClaim(
            doc_id=doc_id, sentence=sentence + "\\", span=(0, len(sentence) + 1),
            supplier=Actor(name or "Ruritania", None, name or "Ruritania", type="company"),
            recipient=Actor("Greece", "GRC", "Greece"), item=Item(name or "rifles", "small-arms"),
            status="agreed", source=source or None, quantity=source or None)
        try:
            store.put_document(odd, [claim])
        except InputError as exc:  # refused whole, with a one-line reason
            assert "\n" not in str(exc)
            assert store.triple_count() == before
        pairs = {(r["s"], r["r"]) for r in store.select(
            "SELECT ?s ?r WHERE { ?c ag:supplier/rdfs:label ?s ; ag:recipient/rdfs:label ?r }")}
        assert ("France", "Greece") in pairs
        total = store.triple_count()
        assert reparsed(store, tmp_path, "nq") == total
        assert reparsed(store, tmp_path, "trig") == total
        assert reparsed(store, tmp_path, "ttl") > 0
    finally:
        store.close()


@pytest.fixture(scope="module")
def odd_store(tmp_path_factory):
    store = EmbeddedStore(tmp_path_factory.mktemp("odd-build") / "store")
    yield store
    store.close()


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(doc_id=ids, title=st.one_of(st.none(), nasty_text), url=urls, published=dates,
       tail=nasty_text)
def test_a_jsonl_build_with_odd_fields_never_crashes(odd_store, nlp, tmp_path_factory, doc_id,
                                                     title, url, published, tail):
    """Through the extractor: a unit with odd fields next to a good one; the good one's
    claim is always written, the odd one is written or reported in one line."""
    folder = tmp_path_factory.mktemp("jsonl")
    unit = {"id": doc_id, "text": "Russia delivered S-400 systems to India." + tail,
            "title": title, "url": url, "published": published}
    good = {"id": "the-good-one", "text": "France sold 24 Rafale fighters to Egypt."}
    path = folder / "batch.jsonl"
    path.write_text(json.dumps(unit) + "\n" + json.dumps(good) + "\n", encoding="utf-8")
    errors: list[InputError] = []
    build_graph([path], store=odd_store, nlp=nlp, on_error=errors.append)
    assert all("\n" not in str(e) and str(path) in str(e) for e in errors)
    rows = odd_store.select(
        "SELECT ?s ?r WHERE { ?c ag:supplier/rdfs:label ?s ; ag:recipient/rdfs:label ?r }")
    assert ("France", "Egypt") in {(r["s"], r["r"]) for r in rows}
    total = odd_store.triple_count()
    assert reparsed(odd_store, folder, "nq") == total
