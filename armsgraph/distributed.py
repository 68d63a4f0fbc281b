"""Builds beyond one machine: extraction as a map from documents to N-Quads on Dask.

The client reads the inputs (streaming) and sends shards of documents to the workers of a
Dask ``distributed`` scheduler. Each worker builds the pipeline once, extracts the shard's
claims and returns the shard as N-Quads (each document's graph and the reference
descriptions its claims share) with the claims as records and the documents it had to leave
out. The client writes every shard into the store as it comes back: the embedded store
bulk-loads it, a remote server takes it in one SPARQL update. Documents already in the store
are replaced, so a re-run is idempotent.

Start a scheduler and workers on other machines (each with armsgraph installed)::

    dask scheduler                       # prints tcp://HOST:8786
    dask worker tcp://HOST:8786 --nworkers 2 --nthreads 1

then ``armsgraph build CORPUS --scheduler tcp://HOST:8786 --store DIR``.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from armsgraph.errors import ArmsgraphError, InputError
from armsgraph.extract.sources import Document, iter_documents

SHARD = 250  # documents per task


class SchedulerError(ArmsgraphError):
    """The Dask scheduler cannot be reached, or dask.distributed is not installed."""


@dataclass
class Shard:
    """What a worker sends back for one shard of documents."""

    graphs: list[str]  # the named graphs of the documents written
    nquads: bytes
    records: list[list[dict]]  # per document written, its claims' records
    ids: list[str]  # the documents written, in input order
    errors: list[tuple[str, str]]  # (source, problem) of each document left out


_PIPELINES: dict = {}  # one pipeline per worker process


def extract_shard(documents: list[Document], prefilter: bool = True,
                  batch_size: int = 32) -> Shard:
    """The task of a worker: a shard of documents to N-Quads, claims and errors."""
    import pyoxigraph as ox

    from armsgraph.extract.pipeline import build_nlp, extract_claims
    from armsgraph.graph.rdf import IriMinter, write_quads

    if "nlp" not in _PIPELINES:
        _PIPELINES["nlp"] = build_nlp()
    minter = IriMinter()
    errors: list[InputError] = []
    quads: list = []
    shared: dict = {}
    shard = Shard([], b"", [], [], [])
    for document, claims in extract_claims(documents, _PIPELINES["nlp"], batch_size=batch_size,
                                           on_error=errors.append, prefilter=prefilter):
        own, ref = write_quads(document, claims, minter)
        quads.extend(own)
        shared.update(dict.fromkeys(ref))
        shard.graphs.append(str(minter.graph(document.id)))
        shard.ids.append(document.id)
        shard.records.append([c.to_record() for c in claims])
    shard.nquads = ox.serialize([*quads, *shared], format=ox.RdfFormat.N_QUADS)
    shard.errors = [(e.source, e.problem) for e in errors]
    return shard


def _client(scheduler: str):
    try:
        from distributed import Client
    except ImportError:
        raise SchedulerError("--scheduler needs dask.distributed: pip install "
                             "'armsgraph[distributed]'") from None
    try:
        return Client(scheduler, timeout="15s")
    except (OSError, TimeoutError) as exc:
        raise SchedulerError(f"{scheduler}: cannot reach the Dask scheduler ({exc})") from None


def build_distributed(
    inputs: Iterable[str | Path],
    scheduler: str,
    store,
    on_error: Callable[[InputError], None] | None = None,
    progress: Callable[[str, int], None] | None = None,
    prefilter: bool = True,
    shard_size: int = SHARD,
    client=None,
) -> tuple[int, list[str]]:
    """Extract ``inputs`` on the workers of ``scheduler`` into ``store``; return the number
    of documents written and the claims' records as JSON lines. At most two shards per
    worker are in flight, so memory stays bounded on the client."""
    own_client = client is None
    client = client or _client(scheduler)
    workers = max(len(client.scheduler_info().get("workers", {})), 1)
    documents = iter_documents(inputs, on_error=on_error)
    pending: deque = deque()
    written = 0
    records: list[str] = []
    try:
        while True:
            while len(pending) < 2 * workers:
                shard = list(islice(documents, shard_size))
                if not shard:
                    break
                pending.append(client.submit(extract_shard, shard, prefilter, pure=False))
            if not pending:
                break
            result: Shard = pending.popleft().result()
            for source, problem in result.errors:
                error = InputError(source, problem)
                if on_error is None:
                    raise error
                on_error(error)
            store.put_nquads(result.graphs, result.nquads)
            for doc_id, recs in zip(result.ids, result.records, strict=True):
                written += 1
                records.extend(json.dumps(r, ensure_ascii=False) for r in recs)
                if progress:
                    progress(doc_id, len(recs))
    finally:
        for future in pending:
            future.cancel()
        if own_client:
            client.close()
    from armsgraph.graph.transfers import refresh_transfers

    refresh_transfers(store)
    return written, records
