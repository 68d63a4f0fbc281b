"""The public API: extract claims from inputs, and build a graph, its exports and a view."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from armsgraph.errors import InputError
from armsgraph.extract.claims import TransferClaim
from armsgraph.extract.sources import Document, iter_documents


def extract_transfers(
    inputs: Iterable[str | Path],
    on_error: Callable[[InputError], None] | None = None,
    batch_size: int = 32,
    n_process: int = 1,
    nlp=None,
    prefilter: bool = True,
) -> Iterator[tuple[Document, list[TransferClaim]]]:
    """Read every input and yield each document with its transfer claims.

    >>> for doc, claims in extract_transfers(["seeds/"]):  # doctest: +SKIP
    ...     print(doc.id, len(claims))
    """
    from armsgraph.extract.pipeline import build_nlp, extract_claims

    nlp = nlp or build_nlp()
    yield from extract_claims(iter_documents(inputs, on_error=on_error), nlp,
                              batch_size=batch_size, n_process=n_process, on_error=on_error,
                              prefilter=prefilter)


@dataclass
class BuildReport:
    """What ``build_graph`` read and wrote."""

    documents: int = 0
    claims: int = 0
    actors: int = 0
    transfers: int = 0  # in the whole store, after the build
    triples: int = 0
    outputs: list[Path] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def build_graph(
    inputs: Iterable[str | Path],
    out_dir: str | Path | None = None,
    on_error: Callable[[InputError], None] | None = None,
    progress: Callable[[Document, int], None] | None = None,
    batch_size: int = 32,
    n_process: int = 1,
    nlp=None,
    store=None,
    prefilter: bool = True,
) -> BuildReport:
    """Extract claims from ``inputs`` into ``store`` (one named graph per document).

    ``store`` is an armsgraph store (see :mod:`armsgraph.graph.store`); without one, an
    in-memory store serves this call. Each document is written as soon as it is read, in
    one atomic update, so an interruption keeps every document written before it. With
    ``out_dir``, also write ``graph.ttl`` (the whole store), ``claims.jsonl`` (the claims
    of this run) and ``graph.html`` (the supplier network of the whole store), each
    atomically.
    """
    from armsgraph.graph.store import MemoryStore

    store = store if store is not None else MemoryStore()
    report = BuildReport()
    records: list[str] = []
    actors: set[str] = set()

    def collect(err: InputError) -> None:
        report.errors.append(str(err))
        if on_error:
            on_error(err)

    extracted = extract_transfers(inputs, on_error=collect, batch_size=batch_size,
                                  n_process=n_process, nlp=nlp, prefilter=prefilter)

    def counted():  # progress as documents are read; the store writes them in batches
        for document, claims in extracted:
            if progress:
                progress(document, len(claims))
            yield document, claims

    try:
        for (_document, claims), _quads in store.put_documents(counted()):
            report.documents += 1
            report.claims += len(claims)
            for c in claims:
                records.append(json.dumps(c.to_record(), ensure_ascii=False))
                actors.update(a.key for a in (c.supplier, c.recipient) if a is not None)
    finally:
        extracted.close()  # stops spaCy's workers when the store or the caller fails
    report.actors = len(actors)
    from armsgraph.graph.transfers import refresh_transfers

    report.transfers = refresh_transfers(store)
    report.triples = store.triple_count()
    if out_dir is not None:
        report.outputs = write_outputs(store, Path(out_dir), records,
                                       corpus=_corpus(inputs, report.documents))
    return report


def _corpus(inputs, documents: int) -> str | None:
    """``seeds, more.jsonl (12 documents)``: what a build read, for its view."""
    if not isinstance(inputs, (list, tuple)) or not inputs:
        return None
    names = [str(i) for i in inputs]
    more = f" and {len(names) - 5} more" if len(names) > 5 else ""
    return f"{', '.join(names[:5])}{more} ({documents} documents)"


def write_outputs(store, out: Path, records: list[str] | None = None,
                  corpus: str | None = None) -> list[Path]:
    """Write ``graph.ttl``, ``claims.jsonl`` (when ``records`` is given), ``graph.html`` (the
    view) and ``claims.html`` (the claims browser); ``corpus`` says on the pages what the
    claims come from."""
    from armsgraph.graph.atomic import atomic_write_text
    from armsgraph.graph.network import claim_rows, claims_network
    from armsgraph.graph.table import write_claims_page
    from armsgraph.graph.view import write_view

    out.mkdir(parents=True, exist_ok=True)
    ttl = out / "graph.ttl"
    store.export("ttl", ttl)
    paths = [ttl]
    if records is not None:
        paths.append(atomic_write_text(out / "claims.jsonl", "".join(r + "\n" for r in records)))
    rows = claim_rows(store)  # read once for both pages
    paths.append(write_view(claims_network(store, rows=rows), out / "graph.html",
                            corpus=corpus))
    paths.append(write_claims_page(store, out / "claims.html", rows=rows,
                                   meta={"corpus": corpus} if corpus else None))
    return paths
