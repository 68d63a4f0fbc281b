"""Names the actor lexicon does not list: companies by their legal form or trade, Reuters'
``<bracketed>`` company names, and airlines.

A company the lexicon lacks is still an actor: "Hughes Aircraft Co has received a
contract", "<Helikopter Service A/S> will assemble". Its id is ``company:NAME`` (the name
without its legal suffix) and it has no home state. Airlines are marked too
(``airline:NAME``), so that their orders are recognised as civil.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from .lexicon import words

COMPANY_PREFIX = "company:"
AIRLINE_PREFIX = "airline:"
SUFFIXES = words("corporate-suffixes")
INDUSTRY = words("industry-words")
AIRLINE_WORDS = words("airline-words")
MAX_NAME = 7
# A model designation inside a run of capitalised words: E-2D, F-16, C-130J.
MODEL = re.compile(r"^(?=.*\d)[A-Z]{1,3}-\d{1,3}[A-Z]{0,2}$")
# Words after a trade word that make the run a state office: "Aviation Minister".
OFFICE_WORDS = words("office-words")


def _capitalised(tok: Token) -> bool:
    text = tok.text
    return bool(text) and (text[0].isupper() or text[0].isdigit() and tok.i > 0) and \
        not tok.is_punct and tok.pos_ not in ("VERB", "AUX", "DET", "PRON")


def _is_ticker(tokens: list[Token]) -> bool:
    """ "<GE>", "<BA.N>", "<AVMD.PA>": a stock ticker, not a name."""
    return len(tokens) == 1 and tokens[0].text.replace(".", "").replace("-", "").isupper() \
        and len(tokens[0].text) <= 9


def _name_run(doc: Doc, end: int, taken: dict[int, Span]) -> int:
    """The first token of the capitalised run that ends at ``end`` (exclusive)."""
    start = end
    while start > 0 and end - start < MAX_NAME:
        prev = doc[start - 1]
        if prev.i in taken and taken[prev.i].label_ == "place":
            start = taken[prev.i].start  # "Sooner Defense of Florida Inc": a place in a name
            continue
        if prev.i in taken:
            # "Boeing Co", "General Motors Corp": a known company before the suffix
            break
        if _capitalised(prev) or prev.text in ("&", "-") and start - 2 >= 0 and \
                _capitalised(doc[start - 2]):
            start -= 1
            continue
        if prev.lower_ in ("and", "of") and start - 2 >= 0 and _capitalised(doc[start - 2]) \
                and doc[start].text[:1].isupper() and (doc[start - 2].i not in taken or
                                                       taken[doc[start - 2].i].label_ == "place"):
            start -= 1  # "Lockheed Missiles and Space Co", "Sooner Defense of Florida Inc"
            continue
        break
    while start < end and (doc[start].text in ("&", "-") or doc[start].lower_ == "and"):
        start += 1
    return start


def company_spans(doc: Doc, taken: dict[int, Span]) -> Iterator[Span]:
    """Spans of unknown companies and airlines; ``taken`` maps the tokens of known actors
    to their spans."""
    used: set[int] = set()
    for tok in doc:
        if tok.i in used:
            continue
        # Reuters marks company names: "<Helikopter Service A/S>", "<Airbus Industrie>"
        if tok.text == "<":
            close = next((t.i for t in doc[tok.i + 1: tok.i + 2 + MAX_NAME] if t.text == ">"),
                         None)
            if close is None:
                continue
            inner = [t for t in doc[tok.i + 1: close]]
            if inner and not _is_ticker(inner) and inner[0].text[:1].isupper() and not any(
                    t.i in taken for t in inner):
                span = _named(doc, tok.i + 1, close)
                if span is not None:
                    used.update(range(tok.i, close + 1))
                    yield span
            elif inner and _is_ticker(inner) and tok.i > 0:
                # "Alcatel Cit <ALCP.PA>": a ticker after a capitalised run names it
                start = _name_run(doc, tok.i, taken)
                if start < tok.i and not _after_known_company(doc, start, taken) and not any(
                        i in used or i in taken for i in range(start, tok.i)):
                    span = _named(doc, start, tok.i)
                    if span is not None:
                        used.update(range(start, tok.i))
                        yield span
            continue
        if tok.i in taken:
            continue
        last = tok.text in SUFFIXES and tok.i > 0
        trade = tok.text in INDUSTRY or tok.text in AIRLINE_WORDS
        if not (last or trade):
            continue
        if last and tok.text in ("Co", "Co.") and tok.i + 1 < len(doc) and \
                doc[tok.i + 1].lower_ == "-":
            continue  # "co-production"
        start = _name_run(doc, tok.i, taken)
        end = tok.i + 1
        # a trade word may be followed by the legal form: "Hughes Aircraft Co",
        # "Canadian Airlines International"
        while end < len(doc) and end - tok.i <= 2 and (
                doc[end].text in SUFFIXES or doc[end].text == "International"):
            end += 1
        if _after_known_company(doc, start, taken):
            continue
        if trade and end < len(doc) and doc[end].lower_ in OFFICE_WORDS:
            continue  # "Saudi Arabia's Defence and Aviation Minister": an office, no firm
        before = doc[start - 1] if start > 0 else None
        if before is not None and before.i in taken and _is_state(taken[before.i]) and (
                tok.text in AIRLINE_WORDS or doc[end - 1].text in SUFFIXES):
            start = taken[before.i].start  # "Thai Airways", "Korean Air Lines": a state leads
        if start >= tok.i:
            continue  # one word alone ("Aircraft", "Electric", "Co") names no company
        if any(i in used or (i in taken and taken[i].start < start) for i in range(start, end)):
            continue
        if any(MODEL.match(t.text) for t in doc[start:end]):
            continue  # "three E-2D Advanced Hawkeye Aircraft": a model's name, no firm
        span = _named(doc, start, end)
        if span is not None:
            used.update(range(start, end))
            yield span


def _after_known_company(doc: Doc, start: int, taken: dict[int, Span]) -> bool:
    """ "Dassault-Breguet Aviation", "Lockheed Missiles and Space Co": the run continues the
    name of a company the lexicon knows, which is the actor."""
    before = doc[start - 1] if start > 0 else None
    if before is not None and before.text in ("-", "&") and start > 1:
        before = doc[start - 2]
    return before is not None and before.i in taken and not _is_state(taken[before.i])


def _is_state(span: Span) -> bool:
    return ":" not in span.kb_id_ and span.kb_id_.isupper() and len(span.kb_id_) == 3


def _named(doc: Doc, start: int, end: int) -> Span | None:
    """The span with its id: the name without a legal suffix, as an airline or company."""
    tokens = list(doc[start:end])
    while tokens and (tokens[-1].text in SUFFIXES or tokens[-1].is_punct):
        tokens = tokens[:-1]
    if tokens and len(tokens) >= 2 and tokens[-1].text == "S" and tokens[-2].text == "/":
        tokens = tokens[:-3]  # "A/S"
    if not tokens:
        return None
    name = doc[tokens[0].i: tokens[-1].i + 1].text
    airline = any(t.text in AIRLINE_WORDS for t in tokens) or " ".join(
        t.text for t in tokens[-2:]) in AIRLINE_WORDS
    prefix = AIRLINE_PREFIX if airline else COMPANY_PREFIX
    return Span(doc, start, end, label="name", kb_id=prefix + name)
