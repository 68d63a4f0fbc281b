"""Where the graph lives: one small interface, three stores.

- :class:`EmbeddedStore`: the default, on disk in a directory (Oxigraph through rdflib's
  ``oxrdflib`` store plugin); SPARQL runs in Oxigraph's native engine.
- :class:`MemoryStore`: an in-memory rdflib ``Dataset`` for tests and small jobs.
- :class:`RemoteStore`: a SPARQL 1.1 server (Oxigraph server, Fuseki, GraphDB, QLever)
  through the SPARQL 1.1 Protocol (query and update).

Every document's claims live in their own named graph. Writing a document replaces that
graph in one atomic update, so re-ingesting never duplicates, and a failure part-way
through a batch leaves every document written before it and nothing of the failed one.
Queries see the union of all named graphs as their default graph.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.parse
import urllib.request
from abc import ABC, abstractmethod
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from armsgraph.errors import ArmsgraphError, QueryError
from armsgraph.extract.claims import TransferClaim
from armsgraph.extract.sources import Document

from .atomic import atomic_write
from .query import QueryResult, run_query, with_prefixes
from .rdf import IriMinter, bind_prefixes, document_triples, union_graph

DEFAULT_STORE = Path("armsgraph-store")
FLUSH_EVERY = 100  # documents between flushes of the embedded store
FORMATS = {  # --format -> (rdflib serializer, holds named graphs)
    "ttl": ("turtle", False),
    "nt": ("nt", False),
    "nq": ("nquads", True),
    "trig": ("trig", True),
    "jsonld": ("json-ld", True),
}


class StoreError(ArmsgraphError):
    """A store cannot be opened, read or written."""


def _insert_data(graph_iri: URIRef, triples: Iterable[tuple[Node, Node, Node]]) -> str:
    """A SPARQL update that replaces one named graph with ``triples``, as one request."""
    body = "\n".join(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in triples)
    g = graph_iri.n3()
    return f"DROP SILENT GRAPH {g} ;\nINSERT DATA {{ GRAPH {g} {{\n{body}\n}} }}"


class ClaimStore(ABC):
    """The interface every store offers to the pipeline, the CLI and the tests."""

    def __init__(self, minter: IriMinter | None = None) -> None:
        self.minter = minter or IriMinter()

    # -- writing ---------------------------------------------------------------------------

    def put_document(self, document: Document, claims: Iterable[TransferClaim]) -> int:
        """Replace ``document``'s named graph with its claims; return its triple count."""
        triples = list(dict.fromkeys(document_triples(document, claims, self.minter)))
        self._replace_graph(self.minter.graph(document.id), triples)
        return len(triples)

    @abstractmethod
    def _replace_graph(self, graph_iri: URIRef, triples: list[tuple[Node, Node, Node]]) -> None:
        """Atomically drop the named graph and insert ``triples`` into it."""

    @abstractmethod
    def remove_document(self, doc_id: str) -> bool:
        """Drop one document's named graph; return whether it was there."""

    # -- reading ---------------------------------------------------------------------------

    @abstractmethod
    def query(self, sparql: str) -> QueryResult:
        """Run SPARQL with the union of the named graphs as default graph."""

    def document_ids(self) -> list[str]:
        """The ids of the documents in the store, sorted."""
        result = self.query(
            "SELECT DISTINCT ?id WHERE { ?d a schema:NewsArticle ; ag:documentId ?id }")
        return sorted(str(row[0]) for row in result.rows)

    def triple_count(self) -> int:
        """The number of quads in the store (triples in all named graphs)."""
        result = self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(result.rows[0][0]) if result.rows else 0

    @abstractmethod
    def dataset(self) -> Dataset:
        """Every named graph, as an rdflib ``Dataset`` (a copy for remote stores)."""

    def graph(self) -> Graph:
        """The union of all named graphs as one plain graph."""
        return union_graph(self.dataset())

    def export(self, fmt: str, target: str | Path | IO[bytes]) -> None:
        """Serialise the store as ``ttl``, ``nt``, ``nq``, ``trig`` or ``jsonld``.

        A path is written atomically: an interrupted export never leaves a partial file.
        """
        if fmt not in FORMATS:
            raise StoreError(f"unknown export format '{fmt}' (use {', '.join(FORMATS)})")
        serializer, quads = FORMATS[fmt]
        data: Graph = self.dataset() if quads else self.graph()
        bind_prefixes(data)

        def write(fh: IO[bytes]) -> None:
            data.serialize(fh, format=serializer, encoding="utf-8")

        if isinstance(target, (str, Path)):
            atomic_write(target, write)
        else:
            write(target)

    def close(self) -> None:  # noqa: B027  (a store with nothing to release keeps this)
        """Release the store (files, locks, connections)."""

    def __enter__(self) -> ClaimStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class EmbeddedStore(ClaimStore):
    """Oxigraph on disk in ``path`` (created when missing), through ``oxrdflib``."""

    def __init__(self, path: str | Path = DEFAULT_STORE, minter: IriMinter | None = None,
                 create: bool = True) -> None:
        super().__init__(minter)
        self.path = Path(path)
        if not create and not self.path.is_dir():
            raise StoreError(f"{self.path}: no store here (build one with "
                             f"'armsgraph build INPUT --store {self.path}')")
        if self.path.exists() and not self.path.is_dir():
            raise StoreError(f"{self.path}: is a file, not a store directory")
        self._ds = Dataset(store="Oxigraph", default_union=True)
        try:
            if create:  # Oxigraph makes the directory itself, but not missing parents
                self.path.mkdir(parents=True, exist_ok=True)
            # oxrdflib's create=True refuses an existing directory; Oxigraph creates it anyway
            self._ds.open(str(self.path), create=False)
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot open the store ({exc}); is another "
                             "armsgraph process using it?") from None
        bind_prefixes(self._ds)
        self._ox = self._ds.store._inner  # the pyoxigraph.Store, for atomic updates
        self._writes = 0

    def _replace_graph(self, graph_iri: URIRef, triples: list[tuple[Node, Node, Node]]) -> None:
        self._ox.update(_insert_data(graph_iri, triples))
        self._writes += 1
        if self._writes % FLUSH_EVERY == 0:
            # Oxigraph keeps writes in memory until a flush: without this, a 100k-claim
            # build peaked at 1.8 GB; flushing every 100 documents keeps it near 160 MB
            self._ox.flush()

    def remove_document(self, doc_id: str) -> bool:
        import pyoxigraph as ox

        name = ox.NamedNode(str(self.minter.graph(doc_id)))
        if not self._ox.contains_named_graph(name):
            return False
        self._ox.remove_graph(name)
        return True

    def query(self, sparql: str) -> QueryResult:
        try:
            return run_query(self._ds, sparql)
        except QueryError as exc:
            raise QueryError(_user_position(str(exc), with_prefixes(sparql)[1])) from None

    def triple_count(self) -> int:
        return len(self._ox)

    def dataset(self) -> Dataset:
        return self._ds

    def export(self, fmt: str, target: str | Path | IO[bytes]) -> None:
        if fmt not in ("nq", "trig", "nt", "ttl"):
            super().export(fmt, target)
            return
        import pyoxigraph as ox

        # Oxigraph serialises natively: streaming and much faster than rdflib
        rdf_format = {"nq": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG,
                      "nt": ox.RdfFormat.N_TRIPLES, "ttl": ox.RdfFormat.TURTLE}[fmt]

        def write(fh: IO[bytes]) -> None:
            if fmt in ("nt", "ttl"):  # the triples of every graph, once each
                triples = dict.fromkeys(
                    ox.Triple(q.subject, q.predicate, q.object)
                    for q in self._ox.quads_for_pattern(None, None, None))
                ox.serialize(triples, fh, format=rdf_format,
                             prefixes=_PREFIXES if fmt == "ttl" else None)
            else:
                self._ox.dump(fh, format=rdf_format, prefixes=_PREFIXES)

        if isinstance(target, (str, Path)):
            atomic_write(target, write)
        else:
            write(target)

    def close(self) -> None:
        if getattr(self, "_ds", None) is not None:
            self._ox.flush()
            self._ds.close()
            self._ds = None  # type: ignore[assignment]
            self._ox = None  # the last reference: dropping it releases the directory's lock


_PREFIXES = {
    "ag": "https://w3id.org/armsgraph/ontology#",
    "id": "https://w3id.org/armsgraph/id/",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "schema": "https://schema.org/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


class MemoryStore(ClaimStore):
    """An in-memory rdflib ``Dataset``: nothing persists."""

    def __init__(self, minter: IriMinter | None = None) -> None:
        super().__init__(minter)
        self._ds = Dataset(default_union=True)
        bind_prefixes(self._ds)

    def _replace_graph(self, graph_iri: URIRef, triples: list[tuple[Node, Node, Node]]) -> None:
        g = Graph(identifier=graph_iri)
        for t in triples:  # build first: a failure here leaves the store untouched
            g.add(t)
        self._ds.remove_graph(graph_iri)
        self._ds.addN((s, p, o, self._ds.graph(graph_iri)) for s, p, o in g)

    def remove_document(self, doc_id: str) -> bool:
        name = self.minter.graph(doc_id)
        had = len(self._ds.graph(name)) > 0
        self._ds.remove_graph(name)
        return had

    def query(self, sparql: str) -> QueryResult:
        return run_query(self._ds, sparql)

    def triple_count(self) -> int:
        return sum(1 for _ in self._ds.quads((None, None, None, None)))

    def dataset(self) -> Dataset:
        return self._ds


class RemoteStore(ClaimStore):
    """A SPARQL 1.1 server: ``query_url`` for queries, ``update_url`` for updates.

    The server should use the union of its named graphs as default graph (Oxigraph:
    ``oxigraph serve --union-default-graph``; Fuseki: ``tdb2:unionDefaultGraph true``).
    """

    def __init__(self, query_url: str, update_url: str | None = None,
                 minter: IriMinter | None = None, timeout: float = 60.0) -> None:
        super().__init__(minter)
        if not query_url.startswith(("http://", "https://")):
            raise StoreError(f"{query_url}: an endpoint must be an http(s) URL")
        self.query_url = query_url
        self.update_url = update_url or _default_update_url(query_url)
        self.timeout = timeout

    def _post(self, url: str, body: str, content_type: str, accept: str | None = None) -> bytes:
        headers = {"Content-Type": content_type}
        if accept:
            headers["Accept"] = accept
        req = urllib.request.Request(url, data=body.encode("utf-8"), headers=headers,
                                     method="POST")
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                return resp.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace").strip().splitlines()
            message = detail[0][:300] if detail else exc.reason
            if exc.code == 400:
                raise QueryError(f"{url}: the server rejected the request: {message}") from None
            raise StoreError(f"{url}: HTTP {exc.code} {message}") from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise StoreError(f"{url}: cannot reach the SPARQL endpoint ({reason})") from None

    def _replace_graph(self, graph_iri: URIRef, triples: list[tuple[Node, Node, Node]]) -> None:
        self._post(self.update_url, _insert_data(graph_iri, triples),
                   "application/sparql-update")

    def remove_document(self, doc_id: str) -> bool:
        name = self.minter.graph(doc_id).n3()
        present = self.query(f"ASK {{ GRAPH {name} {{ ?s ?p ?o }} }}").boolean
        self._post(self.update_url, f"DROP SILENT GRAPH {name}", "application/sparql-update")
        return bool(present)

    def query(self, sparql: str) -> QueryResult:
        if not sparql.strip():
            raise QueryError("the query is empty")
        full, offset = with_prefixes(sparql)
        try:
            raw = self._post(self.query_url, full, "application/sparql-query",
                             accept="application/sparql-results+json, application/n-triples")
        except QueryError as exc:
            raise QueryError(_user_position(str(exc), offset)) from None
        text = raw.decode("utf-8")
        if text.lstrip().startswith("{"):
            return _from_results_json(json.loads(text))
        g = Graph()
        g.parse(data=text, format="nt")
        return QueryResult(["subject", "predicate", "object"], [list(t) for t in g], graph=g)

    def dataset(self) -> Dataset:
        ds = Dataset(default_union=True)
        bind_prefixes(ds)
        result = self.query("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
        for g, s, p, o in result.rows:
            ds.graph(g).add((s, p, o))
        return ds


def _user_position(message: str, offset: int) -> str:
    """Oxigraph's ``error at LINE:COL`` counts the ``offset`` predeclared prefix lines added
    to the query; give the line and column in the user's own text instead."""
    return re.sub(r"\berror at (\d+):(\d+)",
                  lambda m: f"error at line {int(m[1]) - offset}, column {m[2]}", message,
                  count=1)


def _default_update_url(query_url: str) -> str:
    """Oxigraph serves ``/query`` and ``/update``; most others one URL for both."""
    parsed = urllib.parse.urlsplit(query_url)
    if parsed.path.endswith("/query"):
        return urllib.parse.urlunsplit(parsed._replace(path=parsed.path[:-6] + "/update"))
    if parsed.path in ("", "/"):
        return urllib.parse.urlunsplit(parsed._replace(path="/update"))
    return query_url


def _from_results_json(doc: dict) -> QueryResult:
    """SPARQL 1.1 Query Results JSON -> :class:`QueryResult` with rdflib terms."""
    if "boolean" in doc:
        return QueryResult(["ask"], [[doc["boolean"]]], boolean=bool(doc["boolean"]))
    variables = doc["head"].get("vars", [])

    def term(b: dict | None) -> Node | None:
        if b is None:
            return None
        kind = b["type"]
        if kind == "uri":
            return URIRef(b["value"])
        if kind == "bnode":
            return BNode(b["value"])
        return Literal(b["value"], lang=b.get("xml:lang"),
                       datatype=URIRef(b["datatype"]) if b.get("datatype") else None)

    rows = [[term(binding.get(v)) for v in variables] for binding in doc["results"]["bindings"]]
    return QueryResult(variables, rows)


def open_store(store: str | Path | None = None, endpoint: str | None = None,
               update_endpoint: str | None = None, create: bool = False,
               memory: bool = False) -> ClaimStore:
    """The store the CLI options name: ``--endpoint`` if given, else ``--store`` (default
    ``./armsgraph-store``); ``create`` allows making a new embedded store."""
    if memory:
        return MemoryStore()
    if endpoint:
        if endpoint in ("", "/"):
            raise StoreError("--endpoint needs a URL")
        return RemoteStore(endpoint, update_endpoint)
    return EmbeddedStore(store or DEFAULT_STORE, create=create)
