"""extract_claims at corpus scale: worker processes, long documents in pieces, the
prefilter, and one failing document that must not sink the batch."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import armsgraph.extract.pipeline as pipeline
from armsgraph.errors import InputError
from armsgraph.extract.pipeline import chunks, extract_claims
from armsgraph.extract.sources import Document, iter_documents
from armsgraph.extract.transfers import TransferExtractor

REAL = Path(__file__).resolve().parent.parent / "data" / "real"
FILLER = ("The committee met on Tuesday to review the budget for the coming year, and "
          "members asked for more time to read the report before the vote.\n\n")


def real_documents(n: int) -> list[Document]:
    """The first ``n`` units of the project's public-domain test set."""
    with (REAL / "usgov.jsonl").open(encoding="utf-8") as fh:
        units = [json.loads(line) for line in fh if line.strip()][:n]
    return [Document(id=u["id"], text=u["text"]) for u in units]


def records(pairs) -> dict[str, list[dict]]:
    return {doc.id: [c.to_record() for c in claims] for doc, claims in pairs}


@pytest.fixture(scope="module")
def corpus(seeds_dir) -> list[Document]:
    return list(iter_documents([seeds_dir])) + real_documents(40)


@pytest.fixture(scope="module")
def one_process(corpus, nlp) -> dict[str, list[dict]]:
    return records(extract_claims(corpus, nlp, batch_size=4, prefilter=False))


def test_two_worker_processes_give_the_same_claims_in_the_same_order(corpus, nlp, one_process):
    got = records(extract_claims(corpus, nlp, batch_size=4, n_process=2))
    assert list(got) == [d.id for d in corpus]
    assert got == one_process
    assert sum(map(len, got.values())) >= 20


def test_the_prefilter_keeps_every_claim(corpus, nlp, one_process):
    assert records(extract_claims(corpus, nlp, batch_size=4)) == one_process


def test_the_prefilter_passes_over_text_without_an_actor_or_a_weapon(nlp):
    screen = pipeline.Prefilter(nlp)
    assert not screen(nlp.make_doc(FILLER))
    assert not screen(nlp.make_doc("France raised its wheat exports to Greece."))
    assert not screen(nlp.make_doc("The tanks were cleaned before the harvest."))
    assert screen(nlp.make_doc("France sold 30 Rafale fighters to Greece."))
    assert screen(nlp.make_doc("Tehran denies arming the Houthis."))  # no weapon term


def test_a_long_document_is_read_in_pieces_with_its_offsets_kept(nlp, seed_texts,
                                                                 monkeypatch):
    text = FILLER * 60 + "\n\n".join(seed_texts.values()) + "\n\n" + FILLER * 60
    whole = records(extract_claims([Document("long", text)], nlp))["long"]
    monkeypatch.setattr(pipeline, "CHUNK_CHARS", 2_000)
    assert len(chunks(text, 2_000)) > 10
    pieces = records(extract_claims([Document("long", text)], nlp))["long"]
    assert len(pieces) >= 8
    for claim in pieces:
        start, end = claim["span"]
        assert text[start:end] == claim["sentence"]
    # a piece ends at a paragraph break, so no sentence is cut and no claim changes
    assert pieces == whole
    # with workers, the pieces of one document are shared out and put back together
    shared = records(extract_claims([Document("before", FILLER), Document("long", text),
                                     Document("after", FILLER)], nlp, n_process=2))
    assert shared["long"] == whole and set(shared) == {"before", "long", "after"}


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.sampled_from("ab .\n"), max_size=400),
       limit=st.integers(min_value=1, max_value=60))
def test_pieces_cover_the_text_in_order_and_keep_under_the_limit(text, limit):
    parts = chunks(text, limit)
    assert "".join(p for _, p in parts) == text
    assert all(len(p) <= limit for _, p in parts)
    assert [o for o, _ in parts] == [sum(len(p) for _, p in parts[:i]) for i in range(len(parts))]


def test_a_five_megabyte_line_is_cut_at_spaces():
    line = "word " * 1_000_000
    parts = chunks(line)
    assert len(parts) == len(line) // pipeline.CHUNK_CHARS
    assert all(p.endswith(" ") for _, p in parts)


@pytest.mark.parametrize("n_process", [1, 2])
def test_a_document_the_pipeline_fails_on_is_reported_and_the_batch_goes_on(
        corpus, nlp, one_process, monkeypatch, n_process):
    real_call = TransferExtractor.__call__

    def call(self, doc):
        if "BOOM" in doc.text:
            raise RuntimeError("simulated failure on a document")
        return real_call(self, doc)

    monkeypatch.setattr(TransferExtractor, "__call__", call)
    bad = Document("bad", "France sold BOOM fighters to Greece.", path="inputs/bad.txt")
    docs = corpus[:6] + [bad] + corpus[6:12]
    errors: list[InputError] = []
    got = records(extract_claims(docs, nlp, batch_size=4, n_process=n_process,
                                 on_error=errors.append))
    assert list(got) == [d.id for d in docs if d.id != "bad"]
    assert got == {d.id: one_process[d.id] for d in docs if d.id != "bad"}
    (error,) = errors
    assert str(error) == ("inputs/bad.txt: document 'bad': extraction failed (RuntimeError: "
                          "simulated failure on a document)")
    with pytest.raises(InputError, match="document 'bad'"):
        list(extract_claims([bad], nlp))


SCRIPT = """
import sys
from armsgraph.api import build_graph
from armsgraph.graph.store import MemoryStore, StoreError

class FailingStore(MemoryStore):
    def put_documents(self, items):
        for n, item in enumerate(items):
            if n == 3:
                raise StoreError("simulated failure of the store")
            yield item, self.put_document(*item)

build_graph([sys.argv[1]], None, store=FailingStore(), n_process=2, batch_size=2)
"""


def test_a_consumer_that_fails_stops_the_worker_processes(corpus, tmp_path):
    """A store error in the middle of a two-process build, uncaught: the process ends with
    it; no worker is left blocked for the interpreter to wait on at exit (it once hung)."""
    import subprocess
    import sys

    folder = tmp_path / "docs"
    folder.mkdir()
    for doc in corpus[:20]:
        (folder / f"{doc.id}.txt").write_text(doc.text, "utf-8")
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(folder)], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 1
    assert done.stderr.strip().endswith("StoreError: simulated failure of the store")


def test_the_prefilter_passes_shipments_with_no_weapon_word(nlp):
    """The extractor reads "the Iranian shipments to Venezuela" as cargo with no item word,
    so the prefilter must not drop the document."""
    doc = nlp.make_doc("Analysts doubt that the Iranian shipments to Venezuela were received.")
    assert pipeline.Prefilter(nlp)(doc)
    found = records(extract_claims([Document("d", doc.text)], nlp))["d"]
    assert [(c["supplier"]["iso3"], c["recipient"]["iso3"]) for c in found] == [("IRN", "VEN")]
