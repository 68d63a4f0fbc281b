"""Claims -> RDF under the armsgraph ontology: a named graph per document, one reference
graph for what documents share.

A document's graph (``id/graph/DOCUMENT``) holds the article, its evidence sentences, its
claims and the plain ``ag:suppliesArmsTo`` edges they give. Everything many documents
mention (actors with their labels, types, ISO codes and Wikidata links; weapon systems;
the extraction run) lives once, in the reference graph ``id/graph/reference``, which every
write updates idempotently. The union of all graphs therefore holds each actor's label
once, and queries that join labels over the union never multiply their rows.

The mapping builds pyoxigraph terms: they escape every literal and check every IRI, so no
text from an article is ever spliced into RDF or SPARQL by hand. ``document_triples`` gives
the same triples as rdflib terms for the in-memory store and the tests.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from urllib.parse import quote

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SDO, XSD

from armsgraph import __version__
from armsgraph.extract.claims import Actor, TransferClaim
from armsgraph.extract.dates import parse_date
from armsgraph.extract.sources import Document
from armsgraph.ontology import (
    AG,
    DEFAULT_BASE,
    WIKIDATA,
    bind_prefixes,
    category_iri,
    prefixes,
    status_iri,
)

SCHEMA = SDO
ACTOR_CLASS = {"state": AG.State, "organization": AG.Organization, "company": AG.Company,
               "armed-group": AG.ArmedGroup}
Triple = tuple[URIRef | BNode, URIRef, URIRef | Literal | BNode]
REFERENCE = "reference"  # the local name of the reference graph


def slug(text: str) -> str:
    """A readable, IRI-safe local name: ``Wagner Group`` -> ``wagner-group``."""
    s = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return s or hashlib.sha1(text.encode()).hexdigest()[:12]


def _segment(doc_id: str) -> str:
    """A document id as one IRI path segment: percent-encoded, and with trailing dots
    encoded too, so that "." and ".." are no dot segments and no Turtle local name ends in
    an escaped dot (rdflib cannot read ``id:graph\\/a\\.``, which Oxigraph writes)."""
    q = quote(doc_id, safe="")
    stripped = q.rstrip(".")
    return stripped + "%2E" * (len(q) - len(stripped))


class IriMinter:
    """Stable IRIs for the instances of one dataset under a configurable base."""

    def __init__(self, base: str = DEFAULT_BASE):
        self.base = base if base.endswith(("/", "#")) else base + "/"

    def actor(self, actor: Actor) -> URIRef:
        if actor.iso3:
            return URIRef(f"{self.base}state/{actor.iso3}")
        return URIRef(f"{self.base}actor/{slug(actor.name)}")

    def document(self, doc_id: str) -> URIRef:
        return URIRef(f"{self.base}document/{_segment(doc_id)}")

    def graph(self, doc_id: str) -> URIRef:
        """The named graph that holds everything read from one document (a document called
        ``reference`` does not get the reference graph: its first letter is escaped)."""
        segment = _segment(doc_id)
        if segment == REFERENCE:
            segment = f"%{ord(segment[0]):02X}{segment[1:]}"
        return URIRef(f"{self.base}graph/{segment}")

    def reference_graph(self) -> URIRef:
        """The named graph of the descriptions documents share (actors, systems, runs)."""
        return URIRef(f"{self.base}graph/{REFERENCE}")

    def claim(self, claim: TransferClaim) -> URIRef:
        key = "|".join([
            claim.doc_id, f"{claim.span[0]}-{claim.span[1]}",
            claim.supplier.key if claim.supplier else "", claim.recipient.key if claim.recipient
            else "", claim.item.text or "", claim.item.category,
        ])
        return URIRef(f"{self.base}claim/{hashlib.sha1(key.encode()).hexdigest()[:20]}")

    def evidence(self, doc_id: str, span: tuple[int, int]) -> URIRef:
        return URIRef(f"{self.base}evidence/{_segment(doc_id)}/{span[0]}-{span[1]}")

    def system(self, designation: str) -> URIRef:
        return URIRef(f"{self.base}system/{slug(designation)}")

    def run(self) -> URIRef:
        return URIRef(f"{self.base}run/armsgraph-{__version__}")


# -- pyoxigraph terms ----------------------------------------------------------------------

@lru_cache(maxsize=65536)
def _node(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


_XSD_INTEGER = _node(str(XSD.integer))
_XSD_DECIMAL = _node(str(XSD.decimal))
_XSD_BOOLEAN = _node(str(XSD.boolean))
_XSD_DATE = _node(str(XSD.date))
_XSD_DATETIME = _node(str(XSD.dateTime))
_XSD_STRING = str(XSD.string)
_XSD_GYEAR = _node(str(XSD.gYear))
_XSD_GYEARMONTH = _node(str(XSD.gYearMonth))
_ISO_YEAR = re.compile(r"\d{4}")
_ISO_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?")
_TYPE = _node(str(RDF.type))


# the ontology's terms the mapping writes, made once
_P = {name: _node(str(AG[name])) for name in (
    "TransferClaim", "Evidence", "status", "category", "item", "itemText", "supplier",
    "recipient", "suppliesArmsTo", "quantity", "value", "claimedBy", "date", "rule",
    "confidence", "inferred", "row", "sentence", "startChar", "endChar", "inDocument",
    "statedDate")}
_P["wasDerivedFrom"] = _node(str(PROV.wasDerivedFrom))
_P["wasGeneratedBy"] = _node(str(PROV.wasGeneratedBy))
_TRUE = ox.Literal("true", datatype=_XSD_BOOLEAN)
_FALSE = ox.Literal("false", datatype=_XSD_BOOLEAN)


def _n(term: URIRef) -> ox.NamedNode:
    return _node(str(term))


def _lit(value: str, lang: str | None = None) -> ox.Literal:
    return ox.Literal(value, language=lang) if lang else ox.Literal(value)


def _int(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=_XSD_INTEGER)


def _date(text: str) -> ox.Literal:
    """A date as ``xsd:date`` or ``xsd:dateTime`` when it is an ISO one (``xsd:gYear``,
    ``xsd:gYearMonth`` for a year or a month), else as text. Typed dates sort and compare
    as dates in SPARQL, and Oxigraph stores them inline (no string lookup when a query
    reads them)."""
    if _ISO_YEAR.fullmatch(text):
        return ox.Literal(text, datatype=_XSD_GYEAR)
    if _ISO_MONTH.fullmatch(text):
        return ox.Literal(text, datatype=_XSD_GYEARMONTH)
    try:
        if _ISO_DATE.fullmatch(text):
            dt.date.fromisoformat(text)
            return ox.Literal(text, datatype=_XSD_DATE)
        if _ISO_DATETIME.fullmatch(text):
            dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
            return ox.Literal(text, datatype=_XSD_DATETIME)
    except ValueError:  # 2023-02-30: shaped like a date, but none
        pass
    return ox.Literal(text)


def _document_date(document: Document) -> tuple[ox.Literal | None, str | None]:
    """A document's date as a typed literal, and its date as written when that is no
    date (sources normalise dates; a ``Document`` made by hand may hold any text)."""
    if not document.published:
        return None, document.date_text
    lit = _date(document.published)
    if lit.datatype.value != _XSD_STRING:
        return lit, document.date_text
    iso = parse_date(document.published)
    if iso is None:
        return None, document.date_text or document.published
    return _date(iso), document.date_text


def _url_or_text(url: str) -> ox.NamedNode | ox.Literal:
    """An article's URL as an IRI when it is one, else as text (``a|b``, ``{x}`` and quotes
    are not allowed in IRIs)."""
    if re.match(r"^https?://\S+$", url):
        try:
            return ox.NamedNode(url)
        except ValueError:
            pass
    return ox.Literal(url)


def actor_quads(actor: Actor, minter: IriMinter, graph: ox.NamedNode) -> Iterator[ox.Quad]:
    """An actor's description, for the reference graph."""
    iri = _n(minter.actor(actor))
    yield ox.Quad(iri, _TYPE, _n(ACTOR_CLASS.get(actor.type, AG.Actor)), graph)
    yield ox.Quad(iri, _n(RDFS.label), _lit(actor.name, "en"), graph)
    if actor.iso3:
        yield ox.Quad(iri, _n(AG.iso3), _lit(actor.iso3), graph)
    if actor.wikidata:
        yield ox.Quad(iri, _n(OWL.sameAs), _node(f"{WIKIDATA}{actor.wikidata}"), graph)
    if actor.country and not actor.iso3:
        yield ox.Quad(iri, _n(AG.country), _node(f"{minter.base}state/{actor.country}"), graph)


def reference_quads(claims: Iterable[TransferClaim], minter: IriMinter) -> Iterator[ox.Quad]:
    """What the claims share with other documents: their actors, weapon systems and the
    extraction run, in the reference graph. Writing them again changes nothing."""
    graph = _n(minter.reference_graph())
    run = _n(minter.run())
    yield ox.Quad(run, _TYPE, _n(AG.ExtractionRun), graph)
    yield ox.Quad(run, _n(AG.softwareVersion), _lit(__version__), graph)
    seen: set[str] = set()
    for claim in claims:
        for actor in (claim.supplier, claim.recipient):
            if actor is not None and actor.key not in seen:
                seen.add(actor.key)
                yield from actor_quads(actor, minter, graph)
        designation = claim.item.designation
        if designation and ("system", designation) not in seen:
            seen.add(("system", designation))  # type: ignore[arg-type]
            system = _n(minter.system(designation))
            yield ox.Quad(system, _TYPE, _n(AG.WeaponSystem), graph)
            yield ox.Quad(system, _n(RDFS.label), _lit(designation), graph)
            yield ox.Quad(system, _n(AG.designation), _lit(designation), graph)
            yield ox.Quad(system, _n(AG.category), _n(category_iri(claim.item.category)), graph)


def document_quads(document: Document, claims: Iterable[TransferClaim],
                   minter: IriMinter) -> Iterator[ox.Quad]:
    """The quads of one document's named graph: the article, its evidence and claims."""
    graph = _n(minter.graph(document.id))
    doc = _n(minter.document(document.id))

    def q(s, p, o) -> ox.Quad:
        return ox.Quad(s, p, o, graph)

    yield q(doc, _TYPE, _n(SCHEMA.NewsArticle))
    yield q(doc, _n(AG.documentId), _lit(document.id))
    if document.title:
        yield q(doc, _n(DCTERMS.title), _lit(document.title))
    if document.url:
        yield q(doc, _n(DCTERMS.source), _url_or_text(document.url))
    date, date_text = _document_date(document)
    if date is not None:
        yield q(doc, _n(DCTERMS.date), date)
    if document.publisher:
        yield q(doc, _n(DCTERMS.publisher), _lit(document.publisher))
    if document.author:
        yield q(doc, _n(DCTERMS.creator), _lit(document.author))
    if date_text:
        yield q(doc, _n(AG.dateText), _lit(date_text))
    run = _n(minter.run())
    evidence_done: set[tuple[int, int]] = set()
    p = _P
    for claim in claims:
        claim_iri = minter.claim(claim)
        c = _node(str(claim_iri))
        ev = _node(str(minter.evidence(claim.doc_id, claim.span)))
        category = _n(category_iri(claim.item.category))
        yield q(c, _TYPE, p["TransferClaim"])
        yield q(c, p["status"], _n(status_iri(claim.status)))
        yield q(c, p["category"], category)
        if claim.item.designation:
            yield q(c, p["item"], _n(minter.system(claim.item.designation)))
        else:
            yield q(c, p["item"], category)
        if claim.item.text:
            yield q(c, p["itemText"], _lit(claim.item.text))
        sup = _n(minter.actor(claim.supplier)) if claim.supplier else None
        rec = _n(minter.actor(claim.recipient)) if claim.recipient else None
        if sup is not None:
            yield q(c, p["supplier"], sup)
        if rec is not None:
            yield q(c, p["recipient"], rec)
        if sup is not None and rec is not None and claim.status != "denied":
            yield q(sup, p["suppliesArmsTo"], rec)
        if claim.quantity is not None:
            yield q(c, p["quantity"], _int(claim.quantity) if isinstance(
                claim.quantity, int) else _lit(str(claim.quantity)))
        if claim.value:
            yield q(c, p["value"], _lit(claim.value))
        if claim.source:
            yield q(c, p["claimedBy"], _lit(claim.source))
        if date is not None:
            yield q(c, p["date"], date)
        if claim.stated_date:
            yield q(c, p["statedDate"], _date(claim.stated_date))
        yield q(c, p["rule"], _lit(claim.rule))
        yield q(c, p["confidence"], ox.Literal(f"{claim.confidence:.3f}",
                                               datatype=_XSD_DECIMAL))
        yield q(c, p["inferred"], _TRUE if claim.inferred else _FALSE)
        yield q(c, p["wasDerivedFrom"], ev)
        yield q(c, p["wasGeneratedBy"], run)
        yield q(c, p["row"], ox.Literal(claim_row(claim, document, minter, claim_iri, date)))
        if claim.span not in evidence_done:  # one evidence node per sentence
            evidence_done.add(claim.span)
            yield q(ev, _TYPE, p["Evidence"])
            yield q(ev, p["sentence"], _lit(claim.sentence))
            yield q(ev, p["startChar"], _int(claim.span[0]))
            yield q(ev, p["endChar"], _int(claim.span[1]))
            yield q(ev, p["inDocument"], doc)


def _side(actor: Actor | None, minter: IriMinter) -> dict[str, str] | None:
    if actor is None:
        return None
    return {"iri": str(minter.actor(actor)), "label": actor.name, "type": actor.type,
            "mention": actor.mention}


def claim_row(claim: TransferClaim, document: Document, minter: IriMinter,
              claim_iri: URIRef | None = None, date: ox.Literal | None = None) -> str:
    """The ``ag:row`` of a claim: what a network edge shows, as one JSON object, so that a
    large store is read with one triple pattern (see :func:`graph.network.claim_rows`)."""
    if date is None:  # the document's typed date, unless the caller made it already
        date, _text = _document_date(document)
    return json.dumps({
        "claim": str(claim_iri or minter.claim(claim)), "supplier": _side(claim.supplier, minter),
        "recipient": _side(claim.recipient, minter), "status": claim.status,
        "category": claim.item.category, "item": claim.item.text,
        "designation": claim.item.designation, "sentence": claim.sentence,
        "document": document.id, "title": document.title, "url": document.url,
        "date": date.value if date is not None else None, "publisher": document.publisher,
        "stated_date": claim.stated_date, "source": claim.source,
    }, ensure_ascii=False, separators=(",", ":"))


def write_quads(document: Document, claims: list[TransferClaim], minter: IriMinter
                ) -> tuple[list[ox.Quad], list[ox.Quad]]:
    """A document's own quads (duplicates removed) and its reference quads."""
    return (list(dict.fromkeys(document_quads(document, claims, minter))),
            list(dict.fromkeys(reference_quads(claims, minter))))


# -- rdflib ---------------------------------------------------------------------------------

def to_rdflib(term) -> URIRef | Literal | BNode:
    """A pyoxigraph term as the rdflib term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    dt = term.datatype.value
    if dt == "http://www.w3.org/2001/XMLSchema#string":
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(dt))


def to_rdflib_quad(quad: ox.Quad) -> tuple:
    return (to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object),
            to_rdflib(quad.graph_name))


def document_triples(document: Document, claims: Iterable[TransferClaim],
                     minter: IriMinter) -> Iterator[Triple]:
    """The triples of a document's graph and of its reference descriptions, as rdflib
    terms (the in-memory store, exports of it, tests)."""
    claims = list(claims)
    for quad in (*document_quads(document, claims, minter), *reference_quads(claims, minter)):
        yield to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)


def new_dataset() -> Dataset:
    ds = Dataset()
    bind_prefixes(ds)
    return ds


def prefixed_graph() -> Graph:
    """An empty graph that knows armsgraph's prefixes (to shorten IRIs in tables)."""
    g = Graph()
    bind_prefixes(g)
    return g


def jsonld_context(base: str = DEFAULT_BASE) -> dict[str, str]:
    """The ``@context`` of JSON-LD exports: the prefixes of Turtle exports, so that a
    claim reads ``{"@type": "ag:TransferClaim", "ag:supplier": {"@id": "id:state/FRA"}}``
    and typed dates and numbers keep their ``xsd:`` types."""
    return prefixes(base)


def add_document(ds: Dataset, document: Document, claims: Iterable[TransferClaim],
                 minter: IriMinter | None = None) -> int:
    """Replace the named graph of ``document`` with its claims and add their reference
    descriptions; return the document graph's triple count."""
    minter = minter or IriMinter()
    claims = list(claims)
    own, shared = write_quads(document, claims, minter)
    name = minter.graph(document.id)
    ds.remove_graph(name)
    g = ds.graph(name)
    for quad in own:
        g.add(to_rdflib_quad(quad)[:3])
    ref = ds.graph(minter.reference_graph())
    for quad in shared:
        ref.add(to_rdflib_quad(quad)[:3])
    return len(g)


def union_graph(ds: Dataset) -> Graph:
    """All named graphs merged into one plain graph (what Turtle can hold)."""
    g = Graph()
    bind_prefixes(g)
    for quad in ds.quads((None, None, None, None)):
        g.add(quad[:3])
    return g
