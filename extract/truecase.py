"""Truecasing of all-capitals lines (wire headlines) and blanking of citation marks before
the parse.

spaCy's small English model reads "SWEDEN WEIGHS FIGHTER SALE TO BRAZIL" as a row of
proper nouns and parses it badly. A line whose letters are almost all capitals is
rewritten as a sentence would be written: names the lexicons know keep their own case
("Sweden", "General Electric", "NATO", "F-16"), every other word is lower case, and the
first word is capitalised. The rewrite never changes the length of the text, so every
character offset of the truecased text is an offset of the original, and evidence is
always quoted from the original (:func:`original_text`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc

ORIGINAL_TEXT_KEY = "armsgraph.original_text"

# A word: letters with inner dots, apostrophes, ampersands or hyphens ("U.S.", "AT&T").
_WORD = re.compile(r"[^\W\d_](?:[\w.'&-]*\w)?\.?", re.UNICODE)
_MIN_LETTERS = 8
_UPPER_SHARE = 0.85


def is_shouted(line: str) -> bool:
    """True for a line whose letters are (almost) all capitals and that has words."""
    letters = [c for c in line if c.isalpha()]
    if len(letters) < _MIN_LETTERS:
        return False
    upper = sum(1 for c in letters if c.isupper())
    return upper >= _UPPER_SHARE * len(letters) and len(_WORD.findall(line)) >= 3


def is_title_cased(line: str) -> bool:
    """True for a headline in title case ("US Boots Turkey From F-35 Fighter Jet
    Program"): a line of a few words with no full stop in which nearly every word of
    four letters or more is capitalised. The small model reads such a line as a row of
    proper nouns, as it reads a shouted one."""
    if not _headline(line):
        return False
    long_words = [w.group() for w in _WORD.finditer(line) if len(w.group()) > 3]
    if len(long_words) < 3:
        return False
    capitalised = sum(1 for w in long_words if w[0].isupper())
    return capitalised >= 0.8 * len(long_words) and capitalised >= 3


class Truecaser:
    """Rewrite shouted lines with the cased forms of known names.

    ``names`` are names as they are written (actor aliases, company and weapon-system
    names). A name matches a run of words whatever their case; the longest name wins.

    >>> tc = Truecaser(["Sweden", "Brazil", "Gripen", "NATO"])
    >>> tc("SWEDEN WEIGHS GRIPEN SALE TO BRAZIL, NATO SAYS")
    'Sweden weighs Gripen sale to Brazil, NATO says'
    """

    def __init__(self, names: Iterable[str]):
        self._names: dict[str, dict[str, str]] = {}  # first word (lower) -> lower name -> name
        self._longest = 1
        for name in names:
            words = name.split()
            if not words or len(name) != len(name.lower()):
                continue  # a name whose lower case changes its length cannot be placed
            self._names.setdefault(words[0].lower(), {})[name.lower()] = name
            self._longest = max(self._longest, len(words))

    def __call__(self, text: str) -> str:
        out = []
        for line in text.splitlines(keepends=True):
            if is_shouted(line):
                line = self.line(line)
            elif is_title_cased(line):
                line = self.line(line, acronyms=True)
            out.append(_blank_credit(line) if _headline(line) else line)
        return "".join(out)

    def line(self, line: str, acronyms: bool = False) -> str:
        """One shouted line, truecased; the result has the line's length. With
        ``acronyms`` (a title-cased headline), words in capitals keep them ("DOD")."""
        words = list(_WORD.finditer(line))
        chars = list(line.lower())
        i = 0
        first = True
        while i < len(words):
            w = words[i]
            span, name = self._match(line, words, i)
            if name is not None:
                start = words[i].start()
                chars[start:start + len(name)] = name
                i += span
                first = False
                continue
            text = w.group()
            if _keeps_case(text) or (acronyms and len(text) > 1 and text.isupper()):
                chars[w.start():w.end()] = text
            elif first:
                chars[w.start()] = text[0].upper()
            first = False
            i += 1
        result = "".join(chars)
        return result if len(result) == len(line) else line

    def _match(self, line: str, words: list[re.Match], i: int) -> tuple[int, str | None]:
        candidates = self._names.get(words[i].group().lower().rstrip("."))
        if candidates is None:
            candidates = self._names.get(words[i].group().lower())
        if not candidates:
            return 0, None
        for n in range(min(self._longest, len(words) - i), 0, -1):
            start, end = words[i].start(), words[i + n - 1].end()
            piece = " ".join(line[start:end].split()).lower()
            name = candidates.get(piece) or candidates.get(piece.rstrip("."))
            if name is not None and len(" ".join(line[start:end].split())) == end - start:
                return n, name
        return 0, None


# A wire headline's credit: "CHINA HELPS IRAN TO DEVELOP NEW MISSILES - PAPER".
_CREDIT = re.compile(r"\s-{1,2}\s+[\w.' ]{2,25}?\s*$")


def _headline(line: str) -> bool:
    """A line of a few words with no full stop: a headline, which may end in a credit."""
    body = line.strip()
    if not 0 < len(body.split()) <= 20:
        return False
    last = body.split()[-1]
    return not body.endswith((".", "?", "!", ":", ";", ",")) or bool(
        re.fullmatch(r"(?:[A-Z]\.){2,}", last))  # "... to Russia - U.S."


def _blank_credit(line: str) -> str:
    """A headline's trailing credit ("- PAPER", "- OFFICIALS") becomes spaces, so the
    parser does not read it as the object."""
    body = line.rstrip("\r\n")
    m = _CREDIT.search(body)
    if m is None or len(m.group().split()) > 4:
        return line
    return body[:m.start()] + " " * (len(body) - m.start()) + line[len(body):]


def _keeps_case(word: str) -> bool:
    """Tickers and codes keep their capitals: "<GE>", "U.S.", "F-16" are handled elsewhere;
    here a word with a digit, or dotted initials ("U.S.", "U.K.")."""
    return any(c.isdigit() for c in word) or bool(re.fullmatch(r"(?:[A-Z]\.){2,}", word))


class TruecasingTokenizer:
    """Wrap a spaCy tokenizer: shouted lines are truecased before tokenising, and the
    original text is kept in ``doc.user_data`` for quoting evidence."""

    def __init__(self, tokenizer, truecaser: Truecaser):
        self.tokenizer = tokenizer
        self.truecaser = truecaser

    def __call__(self, text: str) -> Doc:
        cased = join_wrapped_lines(blank_citations(self.truecaser(text)))
        doc = self.tokenizer(cased)
        if cased != text:
            doc.user_data[ORIGINAL_TEXT_KEY] = text
        return doc

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    # serialisation and the tokenizer's own API go to the wrapped tokenizer
    def __getattr__(self, name: str):
        return getattr(self.tokenizer, name)

    def __reduce__(self):
        return (TruecasingTokenizer, (self.tokenizer, self.truecaser))


# Wikipedia's citation marks: "Azerbaijan.[5]", "launchers,[7]", "[citation needed]".
_CITATION = re.compile(r"\[(?:\d{1,3}|[a-z]|note \d+|citation needed|clarification needed)\]")


def blank_citations(text: str) -> str:
    """Citation marks become spaces of the same length, so "Azerbaijan.[5]" tokenises as
    "Azerbaijan" and "." and offsets stay those of the original.

    >>> blank_citations("weapons to Azerbaijan.[5] Then")
    'weapons to Azerbaijan.    Then'
    """
    if "[" not in text:
        return text
    return _CITATION.sub(lambda m: " " * len(m.group()), text)


# A line break inside a paragraph (hard-wrapped wire copy), not a blank line.
_WRAP = re.compile(r"(?<=[^\n])\n(?=[ \t]*[^\s])")


def join_wrapped_lines(text: str) -> str:
    """Hard-wrapped lines of one paragraph are joined (a line break becomes a space), so
    "ordered 180 trucks\nfrom AM General" parses as one line; blank lines still part
    paragraphs and offsets do not move.

    >>> join_wrapped_lines("plans to bid its\nhelicopter.\n\nNEXT")
    'plans to bid its helicopter.\n\nNEXT'
    """
    if "\n" not in text:
        return text
    return _WRAP.sub(" ", text)


def original_text(doc: Doc) -> str:
    """The document's text as it was given, before truecasing."""
    return doc.user_data.get(ORIGINAL_TEXT_KEY, doc.text)
