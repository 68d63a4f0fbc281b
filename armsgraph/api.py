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
) -> Iterator[tuple[Document, list[TransferClaim]]]:
    """Read every input and yield each document with its transfer claims.

    >>> for doc, claims in extract_transfers(["seeds/"]):  # doctest: +SKIP
    ...     print(doc.id, len(claims))
    """
    from armsgraph.extract.pipeline import build_nlp, extract_claims

    nlp = nlp or build_nlp()
    yield from extract_claims(iter_documents(inputs, on_error=on_error), nlp,
                              batch_size=batch_size, n_process=n_process)


@dataclass
class BuildReport:
    """What ``build_graph`` read and wrote."""

    documents: int = 0
    claims: int = 0
    actors: int = 0
    triples: int = 0
    outputs: list[Path] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def build_graph(
    inputs: Iterable[str | Path],
    out_dir: str | Path,
    on_error: Callable[[InputError], None] | None = None,
    progress: Callable[[Document, int], None] | None = None,
    batch_size: int = 32,
    n_process: int = 1,
    nlp=None,
) -> BuildReport:
    """Extract claims from ``inputs`` and write ``graph.ttl``, ``claims.jsonl`` and ``graph.html``
    into ``out_dir``. Each file is written atomically."""
    from armsgraph.graph.atomic import atomic_write, atomic_write_text
    from armsgraph.graph.network import claims_multigraph, supplier_network
    from armsgraph.graph.rdf import add_document, new_dataset, union_graph
    from armsgraph.graph.view import write_view
    from armsgraph.ontology import load_ontology

    out = Path(out_dir)
    report = BuildReport()
    ds = new_dataset()
    records: list[str] = []
    actors: set[str] = set()

    def collect(err: InputError) -> None:
        report.errors.append(str(err))
        if on_error:
            on_error(err)

    for document, claims in extract_transfers(inputs, on_error=collect, batch_size=batch_size,
                                              n_process=n_process, nlp=nlp):
        add_document(ds, document, claims)
        report.documents += 1
        report.claims += len(claims)
        for c in claims:
            records.append(json.dumps(c.to_record(), ensure_ascii=False))
            actors.update(a.key for a in (c.supplier, c.recipient) if a is not None)
        if progress:
            progress(document, len(claims))
    report.actors = len(actors)
    graph = union_graph(ds)
    report.triples = len(graph)
    ttl = out / "graph.ttl"
    atomic_write(ttl, lambda fh: graph.serialize(fh, format="turtle"))
    claims_path = atomic_write_text(out / "claims.jsonl", "".join(r + "\n" for r in records))
    network = supplier_network(claims_multigraph(graph, ontology=load_ontology()))
    html_path = write_view(network, out / "graph.html")
    report.outputs = [ttl, claims_path, html_path]
    return report
