"""Reading spaCy's dependency parse: prepositions, subjects, governors, tense.

Small functions over tokens shared by the frame, status and attribution rules. The small
English model misattaches prepositions and objects often, so some of them also read the
words in order where the tree is unreliable (:func:`following_prep`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Token

from .lexicon import words

# Arcs through which a clause inherits the subject of the clause above it.
SUBJECT_SHARING = frozenset({"xcomp", "advcl", "conj", "ccomp", "acl", "relcl", "pcomp", "prep",
                             "dobj", "pobj", "attr", "oprd", "acomp"})
# Arcs climbed to find what governs a trigger (status cues, hypotheticals, reporting).
GOVERNING = frozenset({"xcomp", "ccomp", "advcl", "acl", "relcl", "dobj", "pobj", "prep", "pcomp",
                       "attr", "nsubj", "nsubjpass", "conj", "appos", "oprd", "npadvmod"})
REPORTING = words("reporting")
PRONOUNS = words("pronouns")
MODALS_FUTURE = words("modals-future")
PARTICLES = words("particles")
ACCUSATIONS = words("accusations")
CONCESSIVE = words("concessive")
# Subjects of "is to" that make it an intention: "the aim is to sell jets"
PURPOSE_SUBJECTS = words("purpose-subjects")
# Verbs whose object is the subject of the gerund after their preposition: "accused Belarus
# of supplying", "thanked Germany for sending" (object control).
OBJECT_CONTROL = words("object-control-verbs")
# Verbs whose object is the subject of their infinitive: "pressing Iran to stop selling".
INFINITIVE_CONTROL = words("infinitive-control-verbs")


def children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def with_conjuncts(tokens: Iterable[Token]) -> list[Token]:
    out: list[Token] = []
    for tok in tokens:
        for t in (tok, *tok.conjuncts):
            if t not in out:
                out.append(t)
    return out


def is_verb(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") or tok.tag_ in ("VBN", "VBG", "VBD", "VBZ", "VBP", "VB")


def preps(tok: Token, *words: str) -> Iterator[Token]:
    """Objects of ``tok``'s prepositions in ``words`` ("to", "from", ...)."""
    for child in tok.children:
        if child.dep_ in ("prep", "agent", "dative") and child.lower_ in words:
            for obj in child.children:
                if obj.dep_ in ("pobj", "pcomp"):
                    yield obj
        # "hand over to", "sent back to": a particle does not hide the preposition
        if child.dep_ == "prt":
            yield from preps(child, *words)


def clause_preps(tok: Token, *words: str) -> Iterator[Token]:
    """Objects of the prepositions ``words`` anywhere in ``tok``'s phrase or clause, without
    entering another clause: in "shipped containers of munitions to Russia" the *to* hangs
    on *containers* in spaCy's parse, but it is the verb's recipient all the same."""
    for d in tok.subtree:
        if d.dep_ not in ("prep", "agent", "dative") or d.lower_ not in words or d == tok:
            continue
        if d.head.lower_ == "back" and d.lower_ == "to":  # "ship X ... back to the US"
            yield from (o for o in d.children if o.dep_ == "pobj")
            continue
        cur, ok = d.head, True
        while cur != tok:
            if cur.dep_ == "prep" and cur.lower_ in CIRCUMSTANCES:
                ok = False  # "handed over by Dassault during a visit to France": the visit's
                break
            if _transparent(cur):
                cur = cur.head
                continue
            if cur.pos_ in ("VERB", "AUX") or cur.dep_ in ("relcl", "acl", "advcl", "ccomp") or (
                    cur.dep_ == "conj" and cur.head == tok and (
                        cur.pos_ in ("VERB", "AUX") or tok.pos_ in ("NOUN", "PROPN"))):
                # a conjunct verb has its own roles; a noun "conjunct" of a verb is a
                # misparsed second object
                ok = False
                break
            cur = cur.head
        if ok:
            for obj in d.children:
                if obj.dep_ in ("pobj", "pcomp"):
                    yield obj


VALUATION = words("valuation-verbs")
# Nouns of pressure whose "on" object is made to act: "pressure on Tokyo to buy".
PRESSURE_NOUNS = words("pressure-nouns")
# Prepositions of the occasion of a transfer, whose phrase holds no role of it.
# ("after a 7,000km journey from France" still names the supplier: *after* is not one)
CIRCUMSTANCES = words("circumstances")
MENTION_KEYS = ("actors", "weapons")
CURRENCY_WORDS = words("currency")  # "40 mln dlrs", "500 million euros"
MENTION_TOKENS_KEY = "armsgraph.mention_tokens"  # doc.user_data: a cache of in_mention


def _transparent(tok: Token) -> bool:
    """A token that the small model parses as a clause but is not one: a word inside a name
    ("Bradley *Fighting* Vehicles" read as a verb) or a valuation participle ("delivered
    ammunition *valued* at $11.7 million to the Lebanese Armed Forces")."""
    if tok.dep_ == "acl" and tok.lemma_.lower() in VALUATION:
        return True
    doc = tok.doc
    inside = doc.user_data.get(MENTION_TOKENS_KEY)
    if inside is None:
        inside = {i for key in MENTION_KEYS for s in doc.spans.get(key, [])
                  for i in range(s.start, s.end - 1)}  # a name's head is its own token
        doc.user_data[MENTION_TOKENS_KEY] = inside
    return tok.i in inside


def following_prep(tok: Token, word: str, window: int = 8) -> list[Token]:
    """The object of the first ``word`` preposition after the noun ``tok``, read in word
    order within its noun phrase and an ``of`` phrase, however the parser attached it:
    in "from U.S. arms sales to Iran" the small model hangs *to Iran* on *from*."""
    doc = tok.doc
    end = min(tok.sent.end, tok.i + window)
    for t in doc[tok.i + 1:end]:
        if t.lower_ == word:
            objs = [c for c in t.children if c.dep_ in ("pobj", "pcomp")]
            return objs or ([doc[t.i + 1]] if t.i + 1 < tok.sent.end else [])
        if t.pos_ in ("VERB", "AUX", "SCONJ", "PRON") or t.dep_ in ("cc", "punct") or \
                (t.pos_ == "ADP" and t.lower_ not in ("of", "by", "from")):
            return []  # "arms sales by the United Kingdom to Saudi Arabia" reads on
    return []


def along_with(tok: Token) -> Iterator[Token]:
    """Objects of "along with", "together with", "in addition to", "as well as" on
    ``tok``."""
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in ("to", "besides") and child.i > 1 and \
                child.nbor(-1).lower_ == "addition" and child.nbor(-2).lower_ == "in":
            yield from (o for o in child.children if o.dep_ == "pobj")
        if child.dep_ == "prep" and child.lower_ == "in" and child.i + 2 < len(tok.doc) and \
                child.nbor(1).lower_ == "addition":
            for add in child.children:
                for to in add.children:
                    if to.lower_ == "to":
                        yield from (o for o in to.children if o.dep_ == "pobj")
        if child.dep_ == "prep" and child.lower_ == "with" and child.i > 0 and \
                child.nbor(-1).lower_ in ("along", "together"):
            yield from (o for o in child.children if o.dep_ == "pobj")
        if child.dep_ in ("advmod", "prep") and child.lower_ in ("along", "together"):
            for w in child.children:
                if w.dep_ == "prep" and w.lower_ == "with":
                    yield from (o for o in w.children if o.dep_ == "pobj")


def lifted_along_with(tok: Token, max_hops: int = 3) -> Iterator[Token]:
    """An "in addition to" / "along with" phrase after ``tok``'s clause that the parser hung
    on a clause above it: "reports say that Iran plans to supply missiles to Russia, in
    addition to drones" (on *say*)."""
    end = tok.right_edge.i
    cur = tok
    for _ in range(max_hops):
        if cur.head == cur or cur.dep_ in ("ROOT",):
            return
        cur = cur.head
        for o in along_with(cur):
            if o.i > end:
                yield o
        end = max(end, cur.i)


def is_passive(tok: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children) or (
        tok.tag_ == "VBN" and tok.dep_ in ("acl", "relcl") and not children(tok, "aux"))


def subject_of(tok: Token, max_hops: int = 5) -> tuple[list[Token], bool]:
    """The subject of ``tok``'s clause, climbing into governing clauses when it has none.

    Returns the subject tokens (with conjuncts) and whether they were inherited.
    A noun trigger's subject is the subject of the verb it is an object of ("India signed
    a deal to buy" -> India for both *deal* and *buy*). Two complements take another
    subject: a gerund after an object-control verb takes its object ("accused Belarus of
    supplying"), and a gerund or infinitive on a possessed noun its owner ("its commitment
    to delivering", "Germany's decision to send").
    """
    cur = tok
    for hop in range(max_hops):
        deps = ("nsubj", "csubj", "nsubjpass") if hop else ("nsubj", "csubj")
        # "Moscow was expected to buy": a raised subject is the passive governor's subject
        subj = children(cur, *deps) if cur.pos_ in ("VERB", "AUX") or hop else []
        if subj:
            return with_conjuncts(subj), hop > 0
        if cur.dep_ not in SUBJECT_SHARING or cur.head == cur:
            break
        controller = _controller(cur)
        if controller:
            return with_conjuncts(controller), True
        if cur.dep_ == "acl" and cur.tag_ == "VBG" and cur.head.pos_ in ("NOUN", "PROPN"):
            # "Northrop, seeking to sell F-5s to Saudi Arabia, hired": the noun it modifies
            return with_conjuncts([cur.head]), True
        # a relative clause's subject is the noun it modifies, handled by the frame itself,
        # except an infinitive on a noun: "signed a deal to buy" -> the signer buys
        infinitive = any(c.dep_ == "aux" and c.tag_ == "TO" for c in cur.children)
        if (cur.dep_ in ("relcl", "acl") and not infinitive) or (
                cur.dep_ in ("pobj", "prep") and cur.head.pos_ == "NOUN"):
            break
        cur = cur.head
        if cur.pos_ in ("NOUN", "PROPN") and cur.dep_ in ("dobj", "pobj", "attr", "nsubjpass"):
            cur = cur.head
            if cur.dep_ == "prep":
                cur = cur.head
    return [], False


def _controller(clause: Token) -> list[Token]:
    """The subject a complement clause takes from outside it, or nothing."""
    head = clause.head
    if clause.dep_ == "pcomp" and head.dep_ == "prep":
        gov = head.head
        if gov.pos_ in ("VERB", "AUX") and gov.lemma_.lower() in OBJECT_CONTROL:
            return children(gov, "dobj")  # "accused Belarus of secretly supplying rockets"
        if gov.pos_ == "ADJ" and gov.lemma_.lower() in ("thankful", "grateful"):
            return list(preps(gov, "to"))  # "thankful to China for providing these jets"
        if gov.pos_ == "NOUN" and gov.lemma_.lower() in ACCUSATIONS:
            # "accusations by US officials for Iran of supplying drones"
            accused = list(preps(gov, "against", "for"))
            for accuser in ([] if accused else preps(gov, "by")):  # "by X against Iran"
                accused.extend(preps(accuser, "against", "for"))
            return accused or children(gov, "poss")
        if gov.pos_ == "NOUN":
            owners = children(gov, "poss")  # "its commitment to delivering the frigates"
            if not owners and gov.dep_ == "dobj" and gov.head.pos_ in ("VERB", "AUX"):
                # "Poland has shown interest in buying K2 tanks": the one who shows it
                owners = children(gov.head, "nsubj")
            return owners
        if gov.pos_ == "PROPN" and gov.dep_ == "pobj" and gov.head.lower_ in (
                "against", "for") and _accusation_above(gov.head.head):
            # "accusations against Iran of supplying drones": the parser hangs *of* on Iran
            # ("accusations by US officials for Iran of supplying": or on the accusers)
            return [gov]
    if clause.dep_ in ("xcomp", "advcl") and head.lemma_.lower() in (
            "reliant", "dependent", "rely", "depend", "count"):
        return list(preps(head, "on", "upon"))  # "reliant on the United States to supply"
    if clause.dep_ in ("xcomp", "ccomp") and head.lemma_.lower() in INFINITIVE_CONTROL:
        # "the US is pressing Iran to stop selling", "led Turkey to purchase S-400s"
        objects = children(head, "dobj")
        if objects:
            return objects
    if clause.dep_ in ("acl", "advcl") and any(c.dep_ == "aux" and c.tag_ == "TO"
                                               for c in clause.children):
        pressure = head if head.lemma_.lower() in PRESSURE_NOUNS else next(
            (o for o in head.children if o.dep_ == "dobj" and o.lemma_.lower() in
             PRESSURE_NOUNS), None)
        targets = [] if pressure is None else list(preps(pressure, "on", "upon")) or (
            list(preps(head, "on", "upon")) if head is not pressure else [])
        if targets:
            # "Washington is putting strong pressure on Tokyo to buy a U.S. plane"
            return targets
    if clause.dep_ == "acl" and head.pos_ == "NOUN" and any(
            c.dep_ == "aux" and c.tag_ == "TO" for c in clause.children):
        # "Germany's decision to send tanks", "the US refusal to sell Patriots"
        return children(head, "poss") or [c for c in head.children if c.dep_ == "compound"
                                           and c.pos_ == "PROPN"]
    return []


def _accusation_above(tok: Token) -> bool:
    """``tok`` is an accusation noun or the accusers of one ("accusations by US officials")."""
    if tok.lemma_.lower() in ACCUSATIONS:
        return True
    return tok.dep_ == "pobj" and tok.head.lower_ == "by" and \
        tok.head.head.lemma_.lower() in ACCUSATIONS


def governors(tok: Token, max_hops: int = 4) -> Iterator[Token]:
    """The tokens that govern ``tok``, nearest first, up to the root or a reporting verb."""
    cur = tok
    for _ in range(max_hops):
        if cur.dep_ not in GOVERNING or cur.head == cur:
            return
        if cur.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONCESSIVE
                                       for c in cur.children):
            return  # "denied knowing ... although he has admitted he gave orders to sell"
        if cur.dep_ == "relcl" and (cur is not tok or _own_phase(cur)):
            # "the US refusal to sell Patriots that led Turkey to purchase S-400s"; a
            # finite relative clause on its own pronoun has its own phase: "Morocco,
            # which has bought Israeli drones, is seeking air defence" (but "a deal was
            # signed where Egypt requested 200 tanks": the deal's contents)
            return
        cur = cur.head
        if cur.lemma_.lower() in REPORTING and cur.pos_ in ("VERB", "AUX"):
            return  # "officials said Iran sent": nothing above the report is about it
        yield cur


def _own_phase(verb: Token) -> bool:
    finite = verb.tag_ in ("VBD", "VBZ", "VBP") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ != "TO" for c in verb.children)
    return finite and any(c.tag_ in ("WDT", "WP") for c in verb.children)


def cue_key(tok: Token) -> tuple[str, str]:
    """A governing word's lemma and particle, the key of ``status_cues.csv``."""
    lemma = tok.lemma_.lower()
    prt = next((c.lower_ for c in tok.children if c.dep_ == "prt"), "")
    # "ruled out sending": spaCy often attaches *out* as a preposition
    if not prt:
        prt = next((c.lower_ for c in tok.children
                    if c.dep_ in ("prep", "advmod") and c.lower_ in PARTICLES), "")
    return lemma, prt


def negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def tense(tok: Token) -> str:
    """``past``, ``present``, ``future`` or ``infinitive`` of a verb from its tag and
    auxiliaries."""
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    aux_words = {a.lower_ for a in auxes}
    if aux_words & MODALS_FUTURE or "going" in aux_words:
        return "future"
    if "being" in aux_words:
        return "present"  # "the equipment being sold by North Korea"
    if ("to" in aux_words or any(a.tag_ == "TO" for a in auxes)) and "have" in aux_words \
            and tok.tag_ == "VBN":
        return "past"  # a perfect infinitive: "is believed to have received", "said to have sold"
    if "to" in aux_words or any(a.tag_ == "TO" for a in auxes):
        # "is to supply", "12 aircraft to be supplied by the US": future; a bare infinitive's
        # tense comes from its governor
        if {"is", "are", "was", "were"} & aux_words or tok.dep_ == "ROOT" or (
                tok.dep_ in ("acl", "relcl") and "be" in aux_words) or (
                tok.dep_ == "xcomp" and tok.head.lemma_ == "be" and tok.head.pos_ == "AUX"
                and not any(c.dep_ in ("attr", "acomp") or c.dep_ == "nsubj" and
                            c.lemma_.lower() in PURPOSE_SUBJECTS for c in tok.head.children)):
            # the parser often makes "is" the head ("Turkey is to supply Pakistan"); not
            # "was one of the first countries to give Israel weapons"
            return "future"
        return "infinitive"
    if tok.tag_ == "VBN" and any(a.dep_ == "auxpass" and a.lower_ in (
            "is", "are", "am", "'s", "'re", "being", "get", "gets") for a in auxes) and not \
            aux_words & {"has", "have", "had", "'ve"}:
        return "present"  # "are supplied by North Korea": a present passive
    if any(a.tag_ in ("VBD",) or a.lower_ in ("has", "have", "had", "'ve", "'s") and tok.tag_
           in ("VBN", "VBG") for a in auxes):
        # "has been supplying", "had sent", "was delivered"
        if tok.tag_ == "VBG" and not {"has", "have", "had", "'ve"} & aux_words:
            return "present"  # "was buying" reads as an ongoing transfer
        return "past"
    if tok.tag_ in ("VBD", "VBN"):
        return "past"
    if tok.tag_ == "VBG" and tok.dep_ in ("xcomp", "pcomp", "advcl", "acl") and not auxes:
        return "infinitive"
    return "present"


def progressive(tok: Token) -> bool:
    """ "is sending", "are arriving": a present progressive."""
    return tok.tag_ == "VBG" and (any(
        c.dep_ == "aux" and c.lower_ in ("is", "are", "'s", "'re", "am") for c in tok.children)
        or tok.dep_ == "ROOT")  # headline style: "N. Korea supplying shells to Russia"


def phrase(tok: Token) -> str:
    """The noun phrase of ``tok`` without its relative clauses and appositions:
    "Mason Clark, who leads the Russia team" -> "Mason Clark"."""
    end = tok.right_edge.i
    for child in tok.rights:
        if child.dep_ in ("relcl", "acl", "appos", "punct") or child.lower_ in (",", "("):
            end = child.left_edge.i - 1
            break
    span = tok.doc[tok.left_edge.i: max(end, tok.i) + 1]
    return span.text.strip(" ,.;:\"\u201c\u201d")[:200]
