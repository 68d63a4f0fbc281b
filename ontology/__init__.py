"""The armsgraph vocabulary: ``armsgraph.ttl`` and its terms as an rdflib namespace.

Knows nothing of spaCy. ``AG.supplier`` is a checked term: a typo such as
``AG.suplier`` raises ``AttributeError`` instead of minting a new IRI.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import (
    DCTERMS,
    OWL,
    PROV,
    RDF,
    RDFS,
    SDO,
    SKOS,
    XSD,
    DefinedNamespace,
    Namespace,
)

ONTOLOGY_IRI = "https://w3id.org/armsgraph/ontology"
DEFAULT_BASE = "https://w3id.org/armsgraph/id/"


class AG(DefinedNamespace):
    """Terms of the armsgraph ontology (``ag:``)."""

    _NS = Namespace(ONTOLOGY_IRI + "#")
    _fail = True

    Actor: URIRef  # a party to an arms transfer
    State: URIRef  # a state, identified by ISO 3166 alpha-3
    Organization: URIRef  # an international or other organisation
    Company: URIRef  # an arms maker or trader
    ArmedGroup: URIRef  # a non-state armed group
    WeaponSystem: URIRef  # a weapon model with a designation
    TransferClaim: URIRef  # the n-ary transfer claim
    Evidence: URIRef  # the sentence a claim was read from
    ExtractionRun: URIRef  # one run of the extractor
    supplier: URIRef  # claim -> supplying actor
    recipient: URIRef  # claim -> receiving actor
    item: URIRef  # claim -> weapon system or category concept
    category: URIRef  # item or system -> category concept
    status: URIRef  # claim -> status concept
    inDocument: URIRef  # evidence -> document
    suppliesArmsTo: URIRef  # plain actor -> actor edge
    country: URIRef  # company or armed group -> home state
    iso3: URIRef  # state -> ISO alpha-3 code
    itemText: URIRef  # the weapon phrase as written
    designation: URIRef  # a model name as written
    quantity: URIRef  # how many
    value: URIRef  # money value as written
    claimedBy: URIRef  # who makes the claim
    date: URIRef  # date of the claim
    statedDate: URIRef  # year or date the evidence sentence states
    dateText: URIRef  # a document date as written, when it is no date
    sentence: URIRef  # evidence sentence text
    startChar: URIRef  # evidence start offset
    endChar: URIRef  # evidence end offset
    rule: URIRef  # rule that produced the claim
    row: URIRef  # the claim as one JSON object, for fast reads
    confidence: URIRef  # extractor confidence, 0 to 1
    inferred: URIRef  # role filled from context
    documentId: URIRef  # stable document id
    softwareVersion: URIRef  # version of an extraction run
    Transfer: URIRef  # one transfer, the claims of many reports
    StatusStep: URIRef  # a phase of a transfer's status history
    transferSupplier: URIRef
    transferRecipient: URIRef
    transferCategory: URIRef
    transferDesignation: URIRef
    latestStatus: URIRef
    reportedBy: URIRef  # transfer -> claim
    reportCount: URIRef  # distinct sentences
    articleCount: URIRef
    publisherCount: URIRef
    firstReported: URIRef
    lastReported: URIRef
    statusStep: URIRef
    stepStatus: URIRef
    stepDate: URIRef
    stepOrder: URIRef
    stepClaims: URIRef
    RegisterTransfer: URIRef
    RegisterImport: URIRef
    Delivery: URIRef
    Corroboration: URIRef
    weaponDescription: URIRef
    orderYear: URIRef
    orderYearUncertain: URIRef
    numberOrdered: URIRef
    numberOrderedUncertain: URIRef
    numberDelivered: URIRef
    numberDeliveredUncertain: URIRef
    deliveryYear: URIRef
    delivery: URIRef
    tivPerUnit: URIRef
    tivOrder: URIRef
    tivDelivered: URIRef
    condition: URIRef
    registerDealId: URIRef
    localProduction: URIRef
    rowNumber: URIRef
    exportFormat: URIRef
    sha256: URIRef
    dealCount: URIRef
    registerRow: URIRef
    corroboratedBy: URIRef
    corroboratedClaim: URIRef
    corroboratingTransfer: URIRef
    matchReason: URIRef
    matchScore: URIRef
    WeaponCategories: URIRef  # concept scheme of categories
    TransferStatuses: URIRef  # concept scheme of statuses


WIKIDATA = Namespace("http://www.wikidata.org/entity/")


def prefixes(base: str = DEFAULT_BASE) -> dict[str, str]:
    """The one prefix table of armsgraph: Turtle and JSON-LD exports, SPARQL queries, the
    query and validation reports all use it (``id:`` is the store's IRI base)."""
    return {"ag": str(AG._NS), "id": base, "rdf": str(RDF), "rdfs": str(RDFS),
            "owl": str(OWL), "xsd": str(XSD), "prov": str(PROV), "skos": str(SKOS),
            "dcterms": str(DCTERMS), "schema": str(SDO), "wd": str(WIKIDATA)}


PREFIXES = prefixes()


def sparql_prefixes(base: str = DEFAULT_BASE) -> str:
    """The table as SPARQL ``PREFIX`` lines, to put before a query."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in prefixes(base).items())


def bind_prefixes(g: Graph, base: str = DEFAULT_BASE) -> None:
    """Bind the table's prefixes on an rdflib graph or dataset."""
    for p, ns in prefixes(base).items():
        g.bind(p, Namespace(ns), replace=True)


def category_iri(category: str) -> URIRef:
    """The SKOS concept of a weapon category of docs/claims.md."""
    return URIRef(f"{ONTOLOGY_IRI}#category-{category}")


def status_iri(status: str) -> URIRef:
    """The SKOS concept of a transfer status of docs/claims.md."""
    return URIRef(f"{ONTOLOGY_IRI}#status-{status}")


def ontology_path() -> Path:
    """The path of ``armsgraph.ttl`` inside the installed package."""
    return Path(str(resources.files("armsgraph.ontology").joinpath("armsgraph.ttl")))


def load_ontology() -> Graph:
    """The ontology as an rdflib graph."""
    return Graph().parse(ontology_path(), format="turtle")


__all__ = ["AG", "DEFAULT_BASE", "ONTOLOGY_IRI", "PREFIXES", "WIKIDATA", "bind_prefixes",
           "category_iri", "load_ontology", "ontology_path", "prefixes", "sparql_prefixes",
           "status_iri"]
