"""Frame rules: from a trigger word in a parsed sentence to the roles of a transfer.

Each function takes spaCy tokens and returns plain data. The transfer component
(:mod:`armsgraph.extract.transfers`) composes them. Roles are read from the
dependency parse: subjects, objects, datives, prepositions (``to``, ``from``,
``with``, ``by``, ``for``, ``of``), possessives, passives, coordination and
clauses that share a subject ("is turning to X to buy", "denied supplying").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from spacy.tokens import Token

from .lexicon import Trigger, words

# Arcs through which a clause inherits the subject of the clause above it.
SUBJECT_SHARING = frozenset({"xcomp", "advcl", "conj", "ccomp", "acl", "relcl", "pcomp", "prep",
                             "dobj", "pobj", "attr", "oprd"})
# Arcs climbed to find what governs a trigger (status cues, hypotheticals, reporting).
GOVERNING = frozenset({"xcomp", "ccomp", "advcl", "acl", "relcl", "dobj", "pobj", "prep", "pcomp",
                       "attr", "nsubj", "nsubjpass", "conj", "appos", "oprd", "npadvmod"})
REPORTING = words("reporting")
PRONOUNS = words("pronouns")
# Nouns that stand for the actor that owns them: "Russia's defence ministry", "the Iranian army".
INSTITUTIONS = words("institutions")
# Nouns that hold a quantity or a part of the item named by their ``of`` phrase.
CONTAINERS = words("containers")
MODALS_FUTURE = words("modals-future")
MODALS_HYPOTHETICAL = words("modals-hypothetical")
ORIGIN_SUFFIXES = words("origin-suffixes")
ACQUISITION_SUFFIXES = words("acquisition-suffixes")


@dataclass
class Roles:
    """What a trigger's frame found: tokens for each role, before mapping to actors/items."""

    suppliers: list[Token] = field(default_factory=list)
    recipients: list[Token] = field(default_factory=list)
    items: list[Token] = field(default_factory=list)
    parties: list[Token] = field(default_factory=list)  # deal parties, orientation unknown
    partners: list[Token] = field(default_factory=list)  # "(a deal) with X": likely seller
    inherited: bool = False


def preps(tok: Token, *words: str) -> Iterator[Token]:
    """Objects of ``tok``'s prepositions in ``words`` ("to", "from", ...), with conjuncts."""
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
            if cur.pos_ in ("VERB", "AUX") or cur.dep_ in ("relcl", "acl", "advcl", "ccomp") or (
                    cur.dep_ == "conj" and cur.head == tok):  # a conjunct has its own roles
                ok = False
                break
            cur = cur.head
        if ok:
            for obj in d.children:
                if obj.dep_ in ("pobj", "pcomp"):
                    yield obj


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
                (t.pos_ == "ADP" and t.lower_ != "of"):
            return []
    return []


def with_conjuncts(tokens: Iterable[Token]) -> list[Token]:
    out: list[Token] = []
    for tok in tokens:
        for t in (tok, *tok.conjuncts):
            if t not in out:
                out.append(t)
    return out


def children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def is_passive(tok: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children) or (
        tok.tag_ == "VBN" and tok.dep_ in ("acl", "relcl") and not children(tok, "aux"))


def subject_of(tok: Token, max_hops: int = 5) -> tuple[list[Token], bool]:
    """The subject of ``tok``'s clause, climbing into governing clauses when it has none.

    Returns the subject tokens (with conjuncts) and whether they were inherited.
    A noun trigger's subject is the subject of the verb it is an object of
    ("India signed a deal to buy" -> India for both *deal* and *buy*).
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


def governors(tok: Token, max_hops: int = 4) -> Iterator[Token]:
    """The tokens that govern ``tok``, nearest first, up to the root or a reporting verb."""
    cur = tok
    for _ in range(max_hops):
        if cur.dep_ not in GOVERNING or cur.head == cur:
            return
        cur = cur.head
        if cur.lemma_.lower() in REPORTING:
            return
        yield cur


DEAL_NOUNS = words("deal-nouns")
AGENT_NOUNS = words("agent-nouns")
TALK_NOUNS = words("talk-nouns")
PARTICLES = words("particles")


def cue_key(tok: Token) -> tuple[str, str]:
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
    """``past``, ``present`` or ``future`` of a verb from its tag and auxiliaries."""
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & MODALS_FUTURE or "going" in words:
        return "future"
    if "being" in words:
        return "present"  # "the equipment being sold by North Korea"
    if "to" in words or any(a.tag_ == "TO" for a in auxes):
        # "is to supply": future; a bare infinitive's tense comes from its governor
        return "future" if {"is", "are", "was", "were"} & words or tok.dep_ == "ROOT" \
            else "infinitive"
    if any(a.tag_ in ("VBD",) or a.lower_ in ("has", "have", "had", "'ve", "'s") and tok.tag_
           in ("VBN", "VBG") for a in auxes):
        # "has been supplying", "had sent", "was delivered"
        if tok.tag_ == "VBG" and not {"has", "have", "had", "'ve"} & words:
            return "present"  # "was buying" reads as an ongoing transfer
        return "past"
    if tok.tag_ in ("VBD", "VBN"):
        return "past"
    if tok.tag_ == "VBG" and tok.dep_ in ("xcomp", "pcomp", "advcl", "acl") and not auxes:
        return "infinitive"
    return "present"


def _modals(tok: Token) -> set[str]:
    return {c.lower_ for c in tok.children if c.dep_ == "aux"}


def _tense_status(tok: Token, spec: Trigger) -> str:
    t = tense(tok)
    return {"present": spec.present, "future": spec.future, "past": spec.past}.get(t, "")


def status_of(trigger: Token, spec: Trigger, cues: dict[str, str]) -> tuple[str, str]:
    """The claim's status from the trigger, its tense and the words that govern it.

    Precedence: a negation or denial cue anywhere above the trigger (``denied supplying``,
    ``ruled out sending``); then the nearest intention cue (``plans to buy``, ``is expected
    to buy``: negotiating); then a deal, approval or pledge cue (``agreed to buy``,
    ``approved the sale``, ``promised to provide``); then the trigger's own tense.
    Returns ``(status, reason)``; the reason goes into the claim's rule for audit.
    """
    if negated(trigger):
        return "denied", "negation"
    own = ""
    if trigger.pos_ in ("VERB", "AUX") or trigger.tag_.startswith("VB"):
        own = _tense_status(trigger, spec)
    elif trigger.lemma_.lower() in AGENT_NOUNS:
        # rankings follow their tense: "is India's main supplier" reported, "was the
        # largest importer" delivered
        copula = trigger.head if trigger.dep_ in ("attr", "oprd") else None
        own = spec.past if copula is not None and tense(copula) == "past" else spec.present
    else:
        # a nominal's own phase is the triggers.csv "present" column: "the sale of arms to
        # Iran", "arms sales to Taiwan" are reported; a phase word above it decides
        own = spec.present
    cue_status, cue_word = "", ""
    for gov in governors(trigger):
        lemma, prt = cue_key(gov)
        status = (cues.get(f"{lemma} {prt}") if prt else None) or cues.get(lemma)
        if lemma == "turn" and prt in ("down", "away"):
            status = "denied"
        is_verb = gov.pos_ in ("VERB", "AUX")
        if is_verb and negated(gov):
            return "denied", f"negated governor '{gov.text}'"
        if status == "denied":
            return "denied", f"cue '{gov.text}'"
        if status == "negotiating" and not is_verb and lemma not in TALK_NOUNS:
            status = None  # "a plan to arm" under "approved" is an approval, not a plan
        if not status and lemma == "be" and trigger.pos_ == "NOUN":
            # "France's sale of jets to Egypt was the first export order": the attribute
            # names the phase
            attrs = [c for c in gov.children if c.dep_ == "attr" and c.i != trigger.i]
            if any(a.lemma_.lower() in DEAL_NOUNS for a in attrs):
                status = "agreed"
        if not status and is_verb:  # "are in talks to co-produce", "held talks to buy"
            objects = [c for c in gov.children if c.dep_ in ("dobj", "attr")]
            objects += [o for p in gov.children if p.dep_ == "prep" for o in p.children
                        if o.dep_ == "pobj"]
            if any(o.lemma_.lower() in TALK_NOUNS for o in objects):
                status = "negotiating"
        if status and not cue_status:
            cue_status, cue_word = status, gov.text
        if not own and is_verb:
            own = _tense_status(gov, spec)
        if is_verb and _modals(gov) & MODALS_HYPOTHETICAL and trigger.pos_ == "NOUN" \
                and not cue_status:
            cue_status, cue_word = "negotiating", gov.text  # "a deal ... would be"
    if cue_status == "negotiating" or (cue_status and own != "denied"):
        if cue_status == "pledged" and own == "delivered":
            return own, "trigger"
        return cue_status, f"cue '{cue_word}'"
    return own or spec.future, "trigger"


def source_of(trigger: Token) -> str | None:
    """Who makes the claim: "according to X", or the subject of a reporting verb above it."""
    sent = trigger.sent
    for tok in sent:
        if tok.lower_ == "according" and tok.dep_ in ("prep", "advmod", "ROOT", "advcl", "pcomp"):
            for obj in preps(tok, "to"):
                return _phrase(obj)
            nxt = tok.nbor() if tok.i + 1 < sent.end else None
            if nxt is not None and nxt.lower_ == "to":
                for obj in nxt.children:
                    if obj.dep_ == "pobj":
                        return _phrase(obj)
    cur = trigger
    for _ in range(6):
        if cur.lemma_.lower() in REPORTING and cur != trigger:
            subj = children(cur, "nsubj")
            if subj:
                return _phrase(subj[0])
        if cur.head == cur:
            break
        cur = cur.head
    # headline style and parenthetical reports: ", sources say", "..., the White House said."
    for tok in sent:
        if tok.lemma_.lower() in REPORTING and tok.i > trigger.i and tok != trigger:
            subj = children(tok, "nsubj")
            if subj and subj[0].lower_ not in PRONOUNS:
                return _phrase(subj[0])
    return None


def _phrase(tok: Token) -> str:
    """The noun phrase of ``tok`` without its relative clauses and appositions:
    "Mason Clark, who leads the Russia team" -> "Mason Clark"."""
    end = tok.right_edge.i
    for child in tok.rights:
        if child.dep_ in ("relcl", "acl", "appos", "punct") or child.lower_ in (",", "("):
            end = child.left_edge.i - 1
            break
    span = tok.doc[tok.left_edge.i: max(end, tok.i) + 1]
    return span.text.strip(" ,.;:\"\u201c\u201d")[:200]


DEAL_VERBS = words("deal-verbs")
CONTENT_VERBS = words("content-verbs")
MAKE_CUES = words("make-cues")


def frame_roles(trigger: Token, spec: Trigger) -> Roles:
    """Role tokens of one trigger according to its frame (give, get, arm, ask, arrive, deal,
    make)."""
    roles = Roles()
    if trigger.pos_ in ("VERB", "AUX") or trigger.tag_ in ("VBN", "VBG", "VBD", "VBZ", "VBP", "VB"):
        _verb_roles(trigger, spec, roles)
    elif trigger.lemma_.lower() in AGENT_NOUNS:
        _agent_noun_roles(trigger, spec, roles)
    else:
        _noun_roles(trigger, spec, roles)
    return roles


def agent_referent(n: Token) -> list[Token]:
    """The actor an agent noun names: "Russia is India's main supplier" (a copula's
    subject), "the Soviet Union, which is India's main weapons supplier" (the noun a
    relative clause hangs on), "China, Pakistan's biggest arms supplier" (an apposition),
    "India's largest supplier is Russia" (the copula's attribute)."""
    head = n.head
    if n.dep_ in ("attr", "oprd") and head.pos_ in ("AUX", "VERB"):
        subj = children(head, "nsubj", "nsubjpass")
        if subj and subj[0].lower_ in ("which", "that", "who") and head.dep_ == "relcl":
            return [head.head]
        return subj
    if n.dep_ == "appos":
        return [head]
    if n.dep_ == "nsubj" and head.pos_ == "AUX":
        return children(head, "attr")
    return []


def _agent_noun_roles(n: Token, spec: Trigger, roles: Roles) -> None:
    """Agent nouns of rankings and relations: *supplier*, *exporter* name the supplier and
    their possessive the recipient ("India's main weapons supplier"); *customer*,
    *importer* the other way round ("Russia's biggest customer")."""
    referent = agent_referent(n)
    identity = [c for c in n.children if c.dep_ in ("compound", "amod", "nmod")]
    counterpart = children(n, "poss")
    roles.items.extend(preps(n, "of", "for"))
    roles.items.extend(c for c in n.children if c.dep_ in ("compound", "amod"))
    if spec.frame == "give":
        roles.suppliers.extend(referent or identity)
        roles.recipients.extend(counterpart)
        roles.recipients.extend(clause_preps(n, "to"))
    else:
        roles.recipients.extend(referent or identity)
        roles.suppliers.extend(counterpart)
        roles.suppliers.extend(clause_preps(n, "from"))


def along_with(tok: Token) -> Iterator[Token]:
    """Objects of "along with" / "together with" / "as well as" on ``tok``."""
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "with" and child.i > 0 and \
                child.nbor(-1).lower_ in ("along", "together"):
            yield from (o for o in child.children if o.dep_ == "pobj")
        if child.dep_ in ("advmod", "prep") and child.lower_ in ("along", "together"):
            for w in child.children:
                if w.dep_ == "prep" and w.lower_ == "with":
                    yield from (o for o in w.children if o.dep_ == "pobj")


def _verb_roles(t: Token, spec: Trigger, roles: Roles) -> None:
    frame = spec.frame
    passive = is_passive(t)
    subj, inherited = subject_of(t)
    participle = t.tag_ in ("VBN", "VBD") and not children(t, "aux", "nsubj")
    if t.dep_ in ("acl", "relcl") and t.head.pos_ in ("NOUN", "PROPN") and (passive or participle):
        # "drones supplied by Iran", "the 36 Rafale fighters ordered by India"
        noun = t.head
        if frame == "make":
            return  # "shells produced by Pyongyang" names a maker, not a transfer
        roles.items.append(noun)
        if frame in ("give", "arm"):
            roles.recipients.extend(clause_preps(t, "to", "for"))
            if not roles.recipients:
                roles.recipients.extend(_owner_clause_subject(noun))
            roles.suppliers.extend(clause_preps(t, "by", "from"))
        elif frame == "get":  # bought from X (by Y)
            roles.suppliers.extend(clause_preps(t, "from"))
            roles.recipients.extend(clause_preps(t, "by"))
            if not roles.recipients:
                roles.recipients.extend(_owner_clause_subject(noun))
        return
    roles.inherited = inherited
    dobj = children(t, "dobj")
    dative = children(t, "dative")
    subjpass = children(t, "nsubjpass")
    if t.dep_ == "relcl" and t.head.pos_ in ("NOUN", "PROPN"):
        roles.items.append(t.head)  # "the shells it had promised Kyiv"
    if frame in ("give", "arm"):
        if passive:
            roles.items.extend(subjpass)
            roles.suppliers.extend(clause_preps(t, "by", "from"))
        else:
            roles.suppliers.extend(subj)
            roles.suppliers.extend(clause_preps(t, "from"))
        roles.recipients.extend(dative)
        roles.recipients.extend(clause_preps(t, "to", "for", "into"))
        if frame == "arm":
            roles.recipients.extend(dobj)
            if passive:
                roles.recipients.extend(subjpass)
                roles.items = []
        else:
            # "supplying Russia with drones": an actor object is the recipient
            roles.items.extend(dobj)
            roles.parties.extend(dobj)  # mapped to a recipient when it is an actor
            for d in dobj:  # "send Ukraine cluster munitions": a name before the item
                roles.parties.extend(c for c in d.lefts if c.dep_ in ("compound", "nmod"))
        roles.items.extend(preps(t, "with"))
        roles.items.extend(along_with(t))
    elif frame == "get":
        if passive:
            roles.items.extend(subjpass)
            roles.recipients.extend(clause_preps(t, "by"))
        else:
            roles.recipients.extend(subj)
            roles.items.extend(dobj)
        roles.suppliers.extend(clause_preps(t, "from"))
        if t.lemma_.lower() in ("seek", "request", "receive", "get", "ask"):
            roles.items.extend(preps(t, "for"))
        if t.lemma_.lower() == "replace":  # "is replacing them with K2 tanks from Korea"
            roles.items.extend(preps(t, "with"))
        roles.items.extend(along_with(t))
        # "is turning to North Korea to buy": the supplier hangs on the governing verb
        if not roles.suppliers and t.dep_ in ("advcl", "xcomp") and t.head.lemma_.lower() in (
                "turn", "look", "approach", "go", "reach"):
            roles.suppliers.extend(preps(t.head, "to"))
    elif frame == "ask":
        roles.recipients.extend(subj)
        roles.suppliers.extend(a for a in dobj + dative)
        roles.items.extend(preps(t, "for"))
    elif frame == "arrive":
        if any(c.dep_ in ("advcl", "xcomp") and c.lemma_.lower() in PURPOSE_GIVE
               for c in t.children):
            return  # "planes landed in Belgrade to deliver missiles": the cargo is the item
        roles.items.extend(subj)
        for obj in clause_preps(t, "in", "at", "to", "into", "on"):
            roles.recipients.append(obj)
            roles.recipients.extend(clause_preps(obj, "in", "near"))  # "at X air base in India"
        roles.recipients.extend(dobj)  # reached Ukraine
        roles.suppliers.extend(clause_preps(t, "from"))
    elif frame == "make":
        # licensed or co-production: a transfer only under an agreement or for a foreign buyer
        roles.suppliers.extend(subj)
        roles.items.extend(dobj)
        roles.recipients.extend(clause_preps(t, "for"))
        if not roles.recipients:
            if not _under_agreement(t):
                roles.items = []
                return
            roles.suppliers = []
            roles.parties.extend(subj)
            roles.recipients.extend(clause_preps(t, "in", "inside"))


def _under_agreement(t: Token) -> bool:
    """Production under a deal, licence or talks ("struck an agreement to manufacture",
    "are in talks to co-produce"), or joint production by its very word ("co-produce")."""
    if t.i >= 2 and t.nbor(-1).text == "-" and t.nbor(-2).lower_ == "co":
        return True
    for gov in governors(t):
        if gov.lemma_.lower() in MAKE_CUES:
            return True
        nouns = [c for c in gov.children if c.dep_ in ("dobj", "attr")]
        nouns += [o for p in gov.children if p.dep_ == "prep" for o in p.children
                  if o.dep_ == "pobj"]
        if any(n.lemma_.lower() in MAKE_CUES for n in nouns):
            return True
    return False


PURPOSE_GIVE = words("purpose-give")


def _owner_clause_subject(noun: Token) -> list[Token]:
    """The subject of the clause a noun is an object of ("X relied on drones bought from Y")."""
    cur = noun
    for _ in range(3):
        if cur.dep_ in ("dobj", "pobj", "dative", "prep", "attr", "conj") and cur.head != cur:
            cur = cur.head
            if cur.pos_ in ("VERB", "AUX"):
                subj, _inh = subject_of(cur)
                return subj
        else:
            break
    return []


def _noun_roles(n: Token, spec: Trigger, roles: Roles) -> None:
    frame = spec.frame
    first = n
    while first.dep_ == "conj" and first.head != first:
        first = first.head  # "a sale of F-16s to Turkey and a sale of F-35s to Greece"
    owners = children(n, "poss") + [c for c in n.children if c.dep_ in ("compound", "amod", "nmod")]
    roles.items.extend(preps(n, "of", "for"))
    roles.items.extend(c for c in n.children if c.dep_ in ("compound", "amod"))
    roles.items.extend(along_with(n))
    for c in n.subtree:  # "a package (for Taiwan) comprising 11 HIMARS launchers"
        if c.lemma_.lower() in CONTENT_VERBS and c.dep_ in ("acl", "pcomp", "relcl") and \
                c.i > n.i:
            roles.items.extend(children(c, "dobj"))
            roles.recipients.extend(children(c, "nsubj"))
    gov_subj: list[Token] = []
    gov = first.head if first.dep_ in ("dobj", "pobj", "nsubjpass", "attr", "nsubj") else None
    if gov is not None and gov.dep_ == "prep":
        gov = gov.head
    if first.dep_ == "nsubj" and gov is not None:
        if gov.lemma_.lower() in CONTENT_VERBS:  # "the package includes 50 Bradleys"
            roles.items.extend(children(gov, "dobj"))
        gov = None
    gov_lemma = gov.lemma_.lower() if gov is not None else ""
    if gov is not None and gov.pos_ in ("VERB", "AUX"):
        if first.dep_ == "nsubjpass" or is_passive(gov):
            gov_subj = list(clause_preps(gov, "by"))  # "was approved by the State Department"
        else:
            gov_subj, _ = subject_of(gov)
    take = gov_lemma in ("take", "accept", "await", "receive", "expect")
    if frame == "give" and not take:
        roles.suppliers.extend(owners)
        roles.suppliers.extend(clause_preps(n, "from", "by"))
        roles.recipients.extend(clause_preps(n, "to", "for", "into"))
        if not roles.recipients:  # "from U.S. arms sales to Iran", the *to* misattached
            roles.recipients.extend(following_prep(n, "to"))
        if gov is not None and gov.pos_ in ("VERB", "AUX"):  # "held back a shipment ... to X"
            roles.recipients.extend(preps(gov, "to"))
        if not any(True for _ in clause_preps(n, "from", "by")) and not children(n, "poss"):
            roles.parties.extend(gov_subj)  # approved the sale / held back a shipment
    elif frame == "give":  # "took delivery of"
        roles.recipients.extend(gov_subj)
        roles.suppliers.extend(clause_preps(n, "from"))
    elif frame == "get":
        roles.recipients.extend(owners)
        roles.suppliers.extend(clause_preps(n, "from"))
        if gov_lemma in DENIAL_VERBS:  # "Israel turned down Ukrainian requests for ..."
            roles.suppliers.extend(gov_subj)
        else:
            roles.parties.extend(gov_subj)
    else:  # deal, contract, agreement, talks: parties first, oriented later
        roles.parties.extend(owners)
        if gov_lemma in DEAL_VERBS or first.dep_ == "attr" or gov_lemma in ("be",):
            roles.parties.extend(gov_subj)
        roles.partners.extend(clause_preps(n, "with"))
        roles.parties.extend(clause_preps(n, "between"))
        if gov is not None and gov_lemma in DEAL_VERBS:
            roles.partners.extend(preps(gov, "with"))
            roles.items.extend(preps(gov, "for"))
        roles.suppliers.extend(clause_preps(n, "from"))
        roles.recipients.extend(clause_preps(n, "to"))


DENIAL_VERBS = words("denial-verbs")
