"""Claims -> RDF under the armsgraph ontology, one named graph per source document.

Re-adding a document replaces its named graph, so re-ingestion never duplicates.
IRIs are stable: a state is ``id/state/ISO3``, a claim's IRI is a hash of its
document, span, roles and item, so rebuilding gives identical IRIs.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from urllib.parse import quote

from rdflib import RDF, RDFS, XSD, BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS

from armsgraph import __version__
from armsgraph.extract.claims import Actor, TransferClaim
from armsgraph.extract.sources import Document
from armsgraph.ontology import AG, DEFAULT_BASE, category_iri, status_iri

SCHEMA = Namespace("https://schema.org/")
WIKIDATA = Namespace("http://www.wikidata.org/entity/")
ACTOR_CLASS = {"state": AG.State, "organization": AG.Organization, "company": AG.Company,
               "armed-group": AG.ArmedGroup}
Triple = tuple[URIRef | BNode, URIRef, URIRef | Literal | BNode]


def slug(text: str) -> str:
    """A readable, IRI-safe local name: ``Wagner Group`` -> ``wagner-group``."""
    s = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return s or hashlib.sha1(text.encode()).hexdigest()[:12]


class IriMinter:
    """Stable IRIs for the instances of one dataset under a configurable base."""

    def __init__(self, base: str = DEFAULT_BASE):
        self.base = base if base.endswith(("/", "#")) else base + "/"

    def actor(self, actor: Actor) -> URIRef:
        if actor.iso3:
            return URIRef(f"{self.base}state/{actor.iso3}")
        return URIRef(f"{self.base}actor/{slug(actor.name)}")

    def document(self, doc_id: str) -> URIRef:
        return URIRef(f"{self.base}document/{quote(doc_id, safe='')}")

    def graph(self, doc_id: str) -> URIRef:
        """The named graph that holds everything read from one document."""
        return URIRef(f"{self.base}graph/{quote(doc_id, safe='')}")

    def claim(self, claim: TransferClaim) -> URIRef:
        key = "|".join([
            claim.doc_id, f"{claim.span[0]}-{claim.span[1]}",
            claim.supplier.key if claim.supplier else "", claim.recipient.key if claim.recipient
            else "", claim.item.text or "", claim.item.category,
        ])
        return URIRef(f"{self.base}claim/{hashlib.sha1(key.encode()).hexdigest()[:20]}")

    def evidence(self, doc_id: str, span: tuple[int, int]) -> URIRef:
        return URIRef(f"{self.base}evidence/{quote(doc_id, safe='')}/{span[0]}-{span[1]}")

    def system(self, designation: str) -> URIRef:
        return URIRef(f"{self.base}system/{slug(designation)}")

    def run(self) -> URIRef:
        return URIRef(f"{self.base}run/armsgraph-{__version__}")


def actor_triples(actor: Actor, iri: URIRef, minter: IriMinter) -> Iterator[Triple]:
    yield iri, RDF.type, ACTOR_CLASS.get(actor.type, AG.Actor)
    yield iri, RDFS.label, Literal(actor.name, lang="en")
    if actor.iso3:
        yield iri, AG.iso3, Literal(actor.iso3)
    if actor.wikidata:
        yield iri, OWL.sameAs, WIKIDATA[actor.wikidata]
    if actor.country and not actor.iso3:
        yield iri, AG.country, URIRef(f"{minter.base}state/{actor.country}")


def document_triples(document: Document, claims: Iterable[TransferClaim],
                     minter: IriMinter) -> Iterator[Triple]:
    """Every triple read from one document: the article, its claims, actors and evidence."""
    doc_iri = minter.document(document.id)
    yield doc_iri, RDF.type, SCHEMA.NewsArticle
    yield doc_iri, AG.documentId, Literal(document.id)
    if document.title:
        yield doc_iri, DCTERMS.title, Literal(document.title)
    if document.url:
        yield doc_iri, DCTERMS.source, URIRef(document.url) if re.match(
            r"^https?://\S+$", document.url) else Literal(document.url)
    if document.published:
        yield doc_iri, DCTERMS.date, Literal(document.published)
    if document.publisher:
        yield doc_iri, DCTERMS.publisher, Literal(document.publisher)
    run = minter.run()
    yield run, RDF.type, AG.ExtractionRun
    yield run, AG.softwareVersion, Literal(__version__)
    for claim in claims:
        c = minter.claim(claim)
        ev = minter.evidence(claim.doc_id, claim.span)
        yield c, RDF.type, AG.TransferClaim
        yield c, AG.status, status_iri(claim.status)
        yield c, AG.category, category_iri(claim.item.category)
        if claim.item.designation:
            system = minter.system(claim.item.designation)
            yield c, AG.item, system
            yield system, RDF.type, AG.WeaponSystem
            yield system, RDFS.label, Literal(claim.item.designation)
            yield system, AG.designation, Literal(claim.item.designation)
            yield system, AG.category, category_iri(claim.item.category)
        else:
            yield c, AG.item, category_iri(claim.item.category)
        if claim.item.text:
            yield c, AG.itemText, Literal(claim.item.text)
        for role, actor in ((AG.supplier, claim.supplier), (AG.recipient, claim.recipient)):
            if actor is not None:
                a = minter.actor(actor)
                yield c, role, a
                yield from actor_triples(actor, a, minter)
        if claim.supplier and claim.recipient and claim.status != "denied":
            yield minter.actor(claim.supplier), AG.suppliesArmsTo, minter.actor(claim.recipient)
        if claim.quantity is not None:
            yield c, AG.quantity, Literal(claim.quantity, datatype=XSD.integer) if isinstance(
                claim.quantity, int) else Literal(str(claim.quantity))
        if claim.value:
            yield c, AG.value, Literal(claim.value)
        if claim.source:
            yield c, AG.claimedBy, Literal(claim.source)
        if document.published:
            yield c, AG.date, Literal(document.published)
        yield c, AG.rule, Literal(claim.rule)
        yield c, AG.confidence, Literal(f"{claim.confidence:.3f}", datatype=XSD.decimal)
        yield c, AG.inferred, Literal(claim.inferred)
        yield c, PROV.wasDerivedFrom, ev
        yield c, PROV.wasGeneratedBy, run
        yield ev, RDF.type, AG.Evidence
        yield ev, AG.sentence, Literal(claim.sentence)
        yield ev, AG.startChar, Literal(claim.span[0], datatype=XSD.integer)
        yield ev, AG.endChar, Literal(claim.span[1], datatype=XSD.integer)
        yield ev, AG.inDocument, doc_iri


def new_dataset() -> Dataset:
    ds = Dataset()
    bind_prefixes(ds)
    return ds


def bind_prefixes(g: Graph) -> None:
    g.bind("ag", AG._NS)
    g.bind("prov", PROV)
    g.bind("skos", SKOS)
    g.bind("dcterms", DCTERMS)
    g.bind("schema", SCHEMA)
    g.bind("owl", OWL)
    g.bind("wd", WIKIDATA)
    g.bind("id", Namespace(DEFAULT_BASE))


def add_document(ds: Dataset, document: Document, claims: Iterable[TransferClaim],
                 minter: IriMinter | None = None) -> int:
    """Replace the named graph of ``document`` with its claims; return its triple count."""
    minter = minter or IriMinter()
    name = minter.graph(document.id)
    ds.remove_graph(name)
    g = ds.graph(name)
    for triple in document_triples(document, claims, minter):
        g.add(triple)
    return len(g)


def union_graph(ds: Dataset) -> Graph:
    """All named graphs merged into one plain graph (what Turtle can hold)."""
    g = Graph()
    bind_prefixes(g)
    for quad in ds.quads((None, None, None, None)):
        g.add(quad[:3])
    return g
