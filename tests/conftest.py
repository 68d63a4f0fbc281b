"""Shared fixtures: the spaCy pipeline (loaded once), the seed folder, hand-made claims."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from armsgraph.extract.claims import Actor, Item, TransferClaim
from armsgraph.extract.sources import Document

# the browser tests' shared fixture (``browser``) and helpers
pytest_plugins = ("browser_helpers",)

REPO_ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = REPO_ROOT / "seeds"

XSS_IMG = "<img src=x onerror=alert(1)>"
XSS_SCRIPT = "</script><script>alert(1)</script>"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    assert SEEDS_DIR.is_dir(), f"the seed folder {SEEDS_DIR} is missing"
    return SEEDS_DIR


@pytest.fixture(scope="session")
def seed_texts(seeds_dir: Path) -> dict[str, str]:
    """Every seed document's text by document id (the file stem), as iter_documents reads it."""
    from armsgraph.extract.sources import iter_documents

    return {d.id: d.text for d in iter_documents([seeds_dir])}


@pytest.fixture(scope="session")
def nlp():
    """The full extraction pipeline, built once for the whole session."""
    from armsgraph.extract.pipeline import build_nlp

    return build_nlp()


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory, seeds_dir: Path, nlp):
    """The seed folder built once into a session directory: ``(out_dir, report)``."""
    from armsgraph.api import build_graph
    from armsgraph.graph.query import load_graph_file
    from armsgraph.graph.validate import validate_graph

    out = tmp_path_factory.mktemp("seed-build")
    report = build_graph([seeds_dir], out, nlp=nlp)
    # every graph the suite builds must pass the shapes
    validation = validate_graph(load_graph_file(out / "graph.ttl"))
    assert validation.conforms, validation.summary()
    return out, report


# --- hand-made claims (no spaCy) ------------------------------------------------------


def state(name: str, iso3: str) -> Actor:
    return Actor(name=name, iso3=iso3, mention=name)


@pytest.fixture
def make_document() -> Callable[..., Document]:
    def make(doc_id: str = "doc-1",
             text: str = "North Korea delivered artillery shells to Russia.",
             **kw) -> Document:
        return Document(id=doc_id, text=text, **kw)

    return make


@pytest.fixture
def make_claim() -> Callable[..., TransferClaim]:
    """A claim on the whole of ``sentence``; every field can be overridden."""

    def make(doc_id: str = "doc-1",
             sentence: str = "North Korea delivered artillery shells to Russia.",
             supplier: Actor | None = None,
             recipient: Actor | None = None,
             item: Item | None = None,
             status: str = "delivered",
             span: tuple[int, int] | None = None,
             **kw) -> TransferClaim:
        return TransferClaim(
            doc_id=doc_id,
            sentence=sentence,
            span=span if span is not None else (0, len(sentence)),
            supplier=supplier if supplier is not None else state("North Korea", "PRK"),
            recipient=recipient if recipient is not None else state("Russia", "RUS"),
            item=item if item is not None else Item("artillery shells", "ammunition"),
            status=status,
            **kw,
        )

    return make


@pytest.fixture(scope="session")
def network_from():
    """Documents with their claims -> the aggregated supplier network the view draws."""
    from armsgraph.graph.network import claims_multigraph, supplier_network
    from armsgraph.graph.rdf import add_document, new_dataset, union_graph
    from armsgraph.ontology import load_ontology

    ontology = load_ontology()

    def build(*documents_and_claims):
        ds = new_dataset()
        for document, claims in documents_and_claims:
            add_document(ds, document, claims)
        return supplier_network(claims_multigraph(union_graph(ds), ontology=ontology))

    return build


@pytest.fixture
def hostile_network(make_document, make_claim, network_from):
    """A network whose actor names, item, sentence, title and source carry markup."""
    sentence = f"Officials said {XSS_IMG} sent shells {XSS_SCRIPT} to the rebels."
    supplier = Actor(f"Evil {XSS_IMG} Corp", None, "Evil Corp", type="company")
    recipient = Actor(f"Rebels {XSS_SCRIPT}", None, "Rebels", type="armed-group")
    document = make_document("hostile", sentence, title=f"Title {XSS_SCRIPT}",
                             url="javascript:alert(1)")
    claim = make_claim(doc_id="hostile", sentence=sentence, supplier=supplier,
                       recipient=recipient, item=Item(f"shells {XSS_IMG}", "ammunition"),
                       source=f"{XSS_IMG} sources")
    return network_from((document, [claim]))
