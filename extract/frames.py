"""Frame rules: from a trigger word in a parsed sentence to the roles of a transfer.

One function per frame: each takes the trigger's clause (a verb) or nominal (a noun) and
returns the tokens that fill the roles, as :class:`Roles`. The transfer component
(:mod:`armsgraph.extract.transfers`) maps those tokens to actors and weapon mentions.

Frames (``triggers.csv``, column ``frame``):

- ``give``: the subject supplies ("sell", "send", "the sale of X to Y");
- ``get``: the subject receives ("buy", "order", "receive", "India's purchase of");
- ``arm``: the object is the recipient ("arms the Houthis with drones");
- ``ask``: the subject asks the object for items ("asked the US for Patriots");
- ``arrive``: the items are the subject and the place the recipient ("arrived in Kyiv");
- ``deal``: parties of a deal, contract or talks, oriented later ("signed a contract");
- ``make``: production that is a transfer only under an agreement, a licence, for a
  foreign buyer, or with a supplier's help ("will assemble under licence from Bell");
- ``help``: the subject helps the object make a weapon ("China helps Iran develop
  missiles").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Token

from .lexicon import Trigger, words
from .syntax import (
    CURRENCY_WORDS,
    along_with,
    children,
    clause_preps,
    following_prep,
    governors,
    is_passive,
    is_verb,
    lifted_along_with,
    preps,
    subject_of,
    with_conjuncts,
)

DEAL_VERBS = words("deal-verbs")
ASKING_VERBS = words("asking-verbs")
# Nouns for the transfer itself, the subject of a relative clause that delivers it.
AID_NOUNS = words("aid-nouns")
DEAL_NOUNS = words("deal-nouns") | {"letter", "memorandum", "mou", "accord", "pact"}
CONTENT_VERBS = words("content-verbs")
MAKE_CUES = words("make-cues")
PURPOSE_GIVE = words("purpose-give")
DENIAL_VERBS = words("denial-verbs")
AGENT_NOUNS = words("agent-nouns")
# Verbs whose subject is the firm that gets a contract: "won a contract", "has received
# an order", "is being awarded a contract" (passive *award*).
CONTRACTOR_VERBS = words("contractor-verbs")
# Verbs whose subject takes the nominal: "took delivery of", "awaits the shipment".
TAKING_VERBS = words("taking-verbs")
# Verbs that make the trigger's items: a clause under *help* ("helps Iran develop").
MAKING_VERBS = words("making-verbs")
# Nouns of help: "produced a missile with technological help from China".
HELP_NOUNS = words("help-nouns")
# Verbs whose object is the supplier a clause turns to: "is turning to North Korea to buy".
TURN_VERBS = words("turn-verbs")
# Get verbs whose "for" object is an item: "asked for", "requested funding for Patriots".
FOR_ITEM_VERBS = words("for-item-verbs")
# Purpose verbs whose object's owner is the recipient: "to replace Canada's fleet".
PURPOSE_VERBS = words("purpose-verbs")
# Purposes that make a movement a deployment: "to carry out training flights".
DEPLOYMENT_PURPOSES = words("deployment-purposes")
# Nouns that change a contract: their governor is the contract's governor.
AMENDMENTS = words("amendments")
# Verbs of talks whose "with" partner sells: "negotiating with France on the purchase".
NEGOTIATING_VERBS = words("negotiating-verbs")
# Nouns that wrap a transfer noun for their verb: "confirmed the allocation of a package".
WRAPPERS = words("wrapper-nouns")


@dataclass
class Roles:
    """What a trigger's frame found: tokens for each role, before mapping to actors/items."""

    suppliers: list[Token] = field(default_factory=list)
    recipients: list[Token] = field(default_factory=list)
    items: list[Token] = field(default_factory=list)
    parties: list[Token] = field(default_factory=list)  # deal parties, orientation unknown
    partners: list[Token] = field(default_factory=list)  # "(a deal) with X": likely seller
    # weapon mentions that name a recipient by their owner, not an item: the frigates of
    # "a contract for radars for Australian and Spanish frigates"
    platforms: list[Token] = field(default_factory=list)
    # names that modify a transfer noun, seller or buyer: "U.S. arms sales", "the Iran arms
    # sales", oriented later
    modifiers: list[Token] = field(default_factory=list)
    inherited: bool = False
    # a noun trigger's governing word (:attr:`Nominal.governor`): where its status cue is
    governor: Token | None = None


@dataclass(frozen=True)
class Clause:
    """The parts of a verb trigger's clause that every verb frame reads."""

    verb: Token
    subject: list[Token]
    inherited: bool  # the subject came from a governing clause
    objects: list[Token]
    datives: list[Token]
    passive_subjects: list[Token]
    passive: bool

    @classmethod
    def of(cls, verb: Token) -> Clause:
        subject, inherited = subject_of(verb)
        return cls(verb, subject, inherited, children(verb, "dobj"), children(verb, "dative"),
                   children(verb, "nsubjpass"), is_passive(verb))


@dataclass(frozen=True)
class Nominal:
    """A noun trigger with the verb that governs it: "approved the sale of ...",
    "has won a contract for ..."."""

    noun: Token
    first: Token  # the first of coordinated nouns: "a sale to Turkey and a sale to Greece"
    owners: list[Token]  # possessives and modifiers: "France's sale", "U.S. arms sales"
    governor: Token | None
    governor_lemma: str
    governor_subject: list[Token]  # the subject, or the agent of a passive governor
    governor_passive: bool

    @classmethod
    def of(cls, n: Token) -> Nominal:
        first = n
        while first.dep_ == "conj" and first.head != first:
            first = first.head
        owners = children(n, "poss") + children(n, "compound", "amod", "nmod")
        gov = first.head if first.dep_ in ("dobj", "pobj", "nsubjpass", "attr", "nsubj") \
            else None
        if gov is not None and gov.dep_ == "prep":
            gov = gov.head
        if gov is not None and gov.lemma_.lower() in AMENDMENTS | WRAPPERS and gov.dep_ in (
                "dobj", "nsubjpass"):
            # "was awarded a $35.4 million increase to an existing contract", "Biden
            # confirmed the allocation of a $2.4 billion package to Ukraine"
            gov = gov.head
        if gov is not None and _amount(gov) and gov.dep_ == "conj":
            # "approved 300 mln dlrs in economic aid for X, ... and 50 mln dlrs in military
            # assistance for the Philippines": the amounts share the first one's governor
            top = gov
            for _ in range(7):
                if top.head.pos_ in ("VERB", "AUX") or top.head == top or top.dep_ not in (
                        "conj", "pobj", "prep", "appos"):
                    break
                top = top.head
            if top.head.pos_ in ("VERB", "AUX") and top.dep_ in ("dobj", "prep", "conj"):
                gov = top.head
        if gov is not None and _amount(gov) and gov.dep_ in ("pobj", "dobj", "nsubjpass"):
            # "notified Congress of over $12 billion in arms sales": the amount's governor
            gov = gov.head.head if gov.dep_ == "pobj" else gov.head
        if first.dep_ == "nsubj" and gov is not None and gov.lemma_.lower() not in ("be",):
            gov = None if gov.lemma_.lower() not in CONTENT_VERBS else gov
        won = [c for c in n.children if c.dep_ == "relcl" and c.lemma_.lower() in
               CONTRACTOR_VERBS]
        if won:  # "arms contracts it won from Saudi Arabia"
            gov = won[0]
        subject: list[Token] = []
        passive = False
        if gov is not None and gov.pos_ in ("VERB", "AUX") and (first.dep_ != "nsubj" or won):
            passive = first.dep_ == "nsubjpass" or is_passive(gov)
            if passive and gov.lemma_.lower() not in CONTRACTOR_VERBS | {"award"}:
                subject = list(clause_preps(gov, "by"))  # "was approved by the State Dept"
            elif passive and children(gov, "nsubjpass"):
                subject = with_conjuncts(children(gov, "nsubjpass"))  # "X is being awarded"
            else:
                subject, _ = subject_of(gov)
        lemma = gov.lemma_.lower() if gov is not None else ""
        return cls(n, first, owners, gov, lemma, subject, passive)

    @property
    def contracted(self) -> bool:
        """The governor's subject is the firm that gets the deal: "won a contract", "has
        been awarded an order"."""
        return self.governor_lemma in CONTRACTOR_VERBS or (
            self.governor_lemma == "award" and self.governor_passive)


def frame_roles(trigger: Token, spec: Trigger) -> Roles:
    """Role tokens of one trigger according to its frame."""
    if is_verb(trigger):
        if _modifies_noun(trigger) and not (spec.frame == "get" and _reduced_passive(trigger)):
            return participle_roles(trigger, spec)
        roles = VERB_FRAMES[spec.frame](Clause.of(trigger))
        if trigger.dep_ == "relcl" and trigger.head.pos_ in ("NOUN", "PROPN"):
            roles.items.append(trigger.head)  # "the shells it had promised Kyiv"
        return roles
    nm = Nominal.of(trigger)
    if trigger.lemma_.lower() in AGENT_NOUNS:
        roles = agent_noun_roles(trigger, spec)
    else:
        roles = NOUN_FRAMES.get(spec.frame, deal_noun)(nm)
    roles.governor = nm.governor
    return roles


def _modifies_noun(t: Token) -> bool:
    """ "drones supplied by Iran", "the 36 Rafale fighters ordered by India", "its newly
    acquired Silkworm missile"."""
    participle = t.tag_ in ("VBN", "VBD") and not children(t, "aux", "nsubj")
    if t.dep_ == "amod" and t.tag_ == "VBN" and t.head.pos_ in ("NOUN", "PROPN"):
        return True
    return t.dep_ in ("acl", "relcl") and t.head.pos_ in ("NOUN", "PROPN") and (
        is_passive(t) or participle)


# -- verb frames ----------------------------------------------------------------------------

def give_verb(c: Clause) -> Roles:
    """ "France sold 30 Rafales to Greece", "sent Ukraine tanks", "supplied Russia with
    drones", "Romania will be supplied with 54 tanks", "the tanks were sold to Chile"."""
    t = c.verb
    r = Roles(inherited=c.inherited)
    if any(x.dep_ in ("advcl", "xcomp") and x.lemma_.lower() in DEPLOYMENT_PURPOSES
           for x in t.children):
        return r  # "sent Tu-160 bombers to Venezuela to carry out training flights"
    with_items = list(preps(t, "with"))
    if c.passive:
        if with_items:  # "Romania will be supplied with tanks": the subject receives
            r.recipients.extend(c.passive_subjects)
        else:
            r.items.extend(c.passive_subjects)
        r.suppliers.extend(clause_preps(t, "by", "from"))
    else:
        r.suppliers.extend(c.subject)
        r.suppliers.extend(clause_preps(t, "from"))
        # "supplying Russia with drones": an actor object is the recipient
        r.items.extend(c.objects)
        # "delivered the first batch of K9s and 10 K2 tanks to Poland": the parser makes the
        # second object a conjunct of the verb
        r.items.extend(x for x in t.children if x.dep_ == "conj" and x.pos_ in ("NOUN", "PROPN"))
        r.items.extend(_contents(c.objects))  # "sent containers that could contain shells"
        r.parties.extend(c.objects)  # mapped to a recipient when it is an actor
        for d in c.objects:  # "send Ukraine cluster munitions": a name before the item
            r.parties.extend(x for x in d.lefts if x.dep_ in ("compound", "nmod"))
    listed = [o for x in t.children if x.dep_ == "conj" and x.lemma_.lower() in CONTENT_VERBS
              for o in children(x, "dobj")]
    if listed:  # "will send another package of military aid ... and include Bradleys"
        r.items = listed
    r.recipients.extend(c.datives)
    r.recipients.extend(clause_preps(t, "to", "for", "into"))
    r.items.extend(with_items)
    r.items.extend(along_with(t))
    r.items.extend(lifted_along_with(t))
    if t.lemma_.lower() == "trade":  # "Israel has traded with China in technology and arms"
        r.recipients.extend(preps(t, "with"))
        r.items.extend(preps(t, "in"))
    for s in c.subject:  # "a drawdown for Ukraine, which will provide U.S. arms"
        if s.lower_ not in ("which", "that") or t.dep_ != "relcl":
            continue
        head = t.head
        if head.dep_ == "pobj" and head.head.lower_ in ("for", "to") and \
                head.head.head.lemma_.lower() in AID_NOUNS:
            # the parser hangs the clause on the nearest noun, Ukraine, not the drawdown
            r.suppliers = [x for x in r.suppliers if x.i != s.i]
            r.recipients.append(head)
        elif head.pos_ == "NOUN" and head.lemma_.lower() in AID_NOUNS:
            r.suppliers = [x for x in r.suppliers if x.i != s.i]
            r.recipients.extend(clause_preps(head, "for", "to"))
    if not r.recipients and t.dep_ in ("xcomp", "ccomp", "advcl") and \
            t.head.lemma_.lower() in ASKING_VERBS:
        # "the Saudi government had approached six European countries to supply submarines":
        # who asks receives
        r.recipients.extend(subject_of(t.head)[0])
    if not r.recipients:
        r.recipients.extend(_contract_buyer(t))
    if not r.recipients:
        r.recipients.extend(deal_partner(t))
    if not r.recipients and not any(o.pos_ == "PROPN" for o in c.objects):
        # not over a named object: "will provide Honduras with F-5s to replace its jets"
        r.recipients.extend(purpose_owners(t))
    return r


def purpose_owners(t: Token) -> list[Token]:
    """The owner named by a purpose clause: "plans to bid its helicopter to replace
    Canada's fleet", "delivering the aircraft to enhance Ukraine's ability"."""
    out = []
    for c in t.children:
        if c.dep_ in ("advcl", "xcomp") and c.lemma_.lower() in PURPOSE_VERBS and any(
                x.dep_ == "aux" and x.tag_ == "TO" for x in c.children):
            for obj in children(c, "dobj"):
                out.extend(children(obj, "poss"))
    return out


def arm_verb(c: Clause) -> Roles:
    """ "Iran arms the Houthis with drones", "the rebels were armed by Iran"."""
    t = c.verb
    r = Roles(inherited=c.inherited)
    if t.tag_ == "VBN" and t.dep_ in ("advcl", "acl") and not children(t, "aux", "auxpass",
                                                                         "nsubj"):
        # "Armed with battle-tested drones, Turkey has deepened ties": who is armed
        r.recipients.extend(subject_of(t.head)[0] if t.dep_ == "advcl" else [t.head])
        r.suppliers.extend(clause_preps(t, "by", "from"))
        r.items.extend(preps(t, "with"))
        return r
    if c.passive:
        r.suppliers.extend(clause_preps(t, "by", "from"))
        r.recipients.extend(c.passive_subjects)
    elif any(o.lower_ in ("itself", "themselves", "himself", "herself") for o in c.objects):
        r.recipients.extend(c.subject)  # "Tehran has equipped itself with Chinese missiles"
        r.suppliers.extend(clause_preps(t, "from"))
    else:
        r.suppliers.extend(c.subject)
        r.suppliers.extend(clause_preps(t, "from"))
        r.recipients.extend(c.objects)
    r.recipients.extend(c.datives)
    r.recipients.extend(clause_preps(t, "to", "for", "into"))
    r.items.extend(preps(t, "with"))
    r.items.extend(along_with(t))
    return r


def get_verb(c: Clause) -> Roles:
    """ "Vietnam bought Su-30s from Russia", "the tanks were ordered by Poland", "is turning
    to North Korea to buy shells"."""
    t = c.verb
    lemma = t.lemma_.lower()
    r = Roles(inherited=c.inherited)
    if lemma in CONTRACTOR_VERBS and any(o.lemma_.lower() in DEAL_NOUNS - {"purchase"}
                                         for o in c.objects):
        return r  # "McDonnell said it had received an order from Saudi Arabia": the order's
    if _reduced_passive(t):
        # "presented the FK-3 system recently procured from China", "welcomed 10 Sea King
        # helicopters acquired from Qatar": the parser makes the item the participle's
        # subject; the main clause's subject has the item
        r.items.extend(children(t, "nsubj"))
        r.recipients.extend(_main_subject(t))
    elif c.passive:
        r.items.extend(c.passive_subjects)
        r.recipients.extend(clause_preps(t, "by"))
    else:
        r.recipients.extend(c.subject)
        r.items.extend(c.objects)
        # "the two countries concluded a deal to acquire 24 jets for the Egyptian Air
        # Force": who it is bought for receives, when the subject names no actor
        r.parties.extend(clause_preps(t, "for"))
    r.suppliers.extend(clause_preps(t, "from"))
    if lemma in FOR_ITEM_VERBS:
        r.items.extend(preps(t, "for"))
    if lemma in ("want", "need") and any(
            x.dep_ in ("ccomp", "xcomp", "acl", "oprd") for o in c.objects for x in o.children):
        r.items = []  # "Bonn wanted the Pershing missiles excluded": no request for them
    if lemma == "replace":  # "is replacing them with K2 tanks from Korea": not *them*
        r.items = list(preps(t, "with"))
    r.items.extend(along_with(t))
    # "is turning to North Korea to buy": the supplier hangs on the governing verb
    if not r.suppliers and t.dep_ in ("advcl", "xcomp") and t.head.lemma_.lower() in TURN_VERBS:
        r.suppliers.extend(preps(t.head, "to"))
    if not r.suppliers:
        r.suppliers.extend(deal_partner(t))
    return r


def _reduced_passive(t: Token) -> bool:
    """A participle with no auxiliary and no object, its "subject" before it, in a clause
    under another: a reduced relative ("the system procured from China") misparsed."""
    subject = children(t, "nsubj")
    return t.tag_ in ("VBN", "VBD") and t.dep_ in ("relcl", "ccomp", "acl") and not children(
        t, "aux", "auxpass", "dobj") and bool(subject) and t.head.i < t.i and (
        t.tag_ == "VBN" or subject[0].pos_ == "NOUN" and subject[0].tag_ == "NNS")


def _main_subject(t: Token) -> list[Token]:
    """The subject of the nearest verb above ``t``."""
    cur = t.head
    for _ in range(4):
        if cur.pos_ in ("VERB", "AUX"):
            return subject_of(cur)[0]
        if cur.head == cur:
            break
        cur = cur.head
    return []


def ask_verb(c: Clause) -> Roles:
    """ "Kyiv asked Washington for Patriot systems"."""
    return Roles(recipients=list(c.subject), suppliers=c.objects + c.datives,
                 items=list(preps(c.verb, "for")), inherited=c.inherited)


def arrive_verb(c: Clause) -> Roles:
    """ "The first Leopards arrived in Ukraine", "tanks from Korea reached Gdynia"."""
    t = c.verb
    if any(x.dep_ in ("advcl", "xcomp") and x.lemma_.lower() in PURPOSE_GIVE
           for x in t.children):
        return Roles()  # "planes landed in Belgrade to deliver missiles": the cargo is the item
    r = Roles(items=list(c.subject), inherited=c.inherited)
    for obj in clause_preps(t, "in", "at", "to", "into", "on"):
        if obj.lemma_.lower() == "hand":  # "ended up in the hands of the Taliban"
            r.recipients.extend(preps(obj, "of"))
            continue
        r.recipients.append(obj)
        r.recipients.extend(clause_preps(obj, "in", "near"))  # "at X air base in India"
    r.recipients.extend(c.objects)  # reached Ukraine
    r.suppliers.extend(clause_preps(t, "from"))
    if t.lemma_.lower() == "come":  # "most of India's weapons come from Russia": the owner
        for s in c.subject:
            r.recipients.extend(children(s, "poss"))
            r.recipients.extend(p for o in preps(s, "of") for p in children(o, "poss"))
    return r


def make_verb(c: Clause) -> Roles:
    """Licensed or co-production: a transfer only under an agreement or licence, for a
    foreign buyer, or with a supplier's help ("will assemble 18 helicopters under licence
    from Bell", "produced a missile with technological help from China")."""
    t = c.verb
    r = Roles(items=list(c.objects), inherited=c.inherited)
    licensors = _licensors(t)
    if licensors:
        r.suppliers.extend(licensors)
        r.recipients.extend(clause_preps(t, "for"))
        if not r.recipients:
            r.recipients.extend(c.subject)
        return r
    r.suppliers.extend(c.subject)
    r.recipients.extend(clause_preps(t, "for"))
    if not r.recipients:
        if not _under_agreement(t):
            return Roles()
        r.suppliers = []
        r.parties.extend(c.subject)
        r.recipients.extend(clause_preps(t, "in", "inside"))
    return r


def help_verb(c: Clause) -> Roles:
    """ "China helps Iran (to) develop new missiles": the helper supplies technology for
    the items of the clause under *help*, in their own category."""
    t = c.verb
    made = [x for x in t.children if x.dep_ in ("xcomp", "ccomp", "advcl", "dobj")
            and x.lemma_.lower() in MAKING_VERBS]
    if not made:
        return Roles()
    items = [o for m in made for o in children(m, "dobj")]
    recipients = c.objects or [s for m in made for s in children(m, "nsubj")]
    return Roles(suppliers=list(c.subject), recipients=recipients, items=items,
                 inherited=c.inherited)


VERB_FRAMES: dict[str, Callable[[Clause], Roles]] = {
    "give": give_verb, "arm": arm_verb, "get": get_verb, "ask": ask_verb,
    "arrive": arrive_verb, "make": make_verb, "help": help_verb, "deal": give_verb,
}


def participle_roles(t: Token, spec: Trigger) -> Roles:
    """A participle on the item: "drones supplied by Iran (to Russia)", "the 36 Rafale
    fighters ordered by India", "tanks bought from Poland"."""
    noun = t.head
    if spec.frame in ("make", "help"):
        return Roles()  # "shells produced by Pyongyang" names a maker, not a transfer
    r = Roles(items=[noun])
    if noun.dep_ == "nsubj" and noun.head.lemma_.lower() in CONTENT_VERBS:
        # "the aid provided to Israel includes bombs and shells", "the weapons provided by
        # the United States include HIMARS launchers": what the noun includes
        r.items.extend(children(noun.head, "dobj"))
    owner = children(noun, "poss") if t.dep_ == "amod" else []  # "its newly acquired X"
    if spec.frame in ("give", "arm"):
        r.recipients.extend(clause_preps(t, "to", "for"))
        if not r.recipients:
            r.recipients.extend(owner or _owner_clause_subject(noun))
        r.suppliers.extend(clause_preps(t, "by", "from"))
    elif spec.frame == "get":  # bought from X (by Y)
        r.suppliers.extend(clause_preps(t, "from"))
        r.recipients.extend(clause_preps(t, "by"))
        if not r.recipients:
            r.recipients.extend(owner or _owner_clause_subject(noun))
    return r


# -- noun frames ----------------------------------------------------------------------------

def _nominal_items(n: Token) -> list[Token]:
    """What a transfer noun moves: "the sale of jets", "arms sales", "a package comprising
    11 HIMARS launchers", "together with radars"."""
    items = list(preps(n, "of", "for", "on"))
    items.extend(_list_on_the_noun(n, items))
    items.extend(preps(n, "including"))  # "won major contracts, including 114 F-5s"
    items.extend(o for o in clause_preps(n, "of") if o not in items)  # "delivery to X of Y"
    items.extend(children(n, "compound", "amod"))
    items.extend(along_with(n))
    for c in n.subtree:  # "a package (for Taiwan) comprising 11 HIMARS launchers"
        if c.lemma_.lower() in CONTENT_VERBS and c.dep_ in ("acl", "pcomp", "relcl") and \
                c.i > n.i:
            items.extend(children(c, "dobj"))
    return items


def _list_on_the_noun(n: Token, objects: list[Token]) -> list[Token]:
    """The rest of a list whose first item is the noun's object: in "suppliers of war
    planes, surveillance equipment and assault rifles" the small model hangs the second
    and third items on *suppliers* (or on *one* of "one of the suppliers of"), as its
    conjuncts. They come after the object."""
    first = min((o.i for o in objects if o.i > n.i), default=None)
    if first is None:
        return []
    hosts = [n]
    if n.dep_ == "pobj" and n.head.lower_ == "of" and n.head.head.lower_ in ("one", "some"):
        hosts.append(n.head.head)  # "one of Peru's suppliers of planes, radars and rifles"
    return [c for h in hosts for c in h.conjuncts if c.i > first and c.pos_ in ("NOUN", "PROPN")]


def _content_recipients(n: Token) -> list[Token]:
    return [s for c in n.subtree if c.lemma_.lower() in CONTENT_VERBS and c.i > n.i
            and c.dep_ in ("acl", "pcomp", "relcl") for s in children(c, "nsubj")]


def give_noun(nm: Nominal) -> Roles:
    """ "France's sale of 24 Rafales to Egypt", "U.S. arms sales to Iran", "approved the
    sale", "held back a shipment of bombs to Israel", "took delivery of"."""
    n = nm.noun
    r = Roles(items=_nominal_items(n), recipients=_content_recipients(n))
    if nm.first.dep_ == "nsubj" and nm.governor_lemma in CONTENT_VERBS:
        # "the Pentagon's latest package for Kyiv includes 50 Bradleys", "the sales include
        # precision-guided bombs for Saudi Arabia"
        for obj in children(nm.governor, "dobj"):
            r.items.append(obj)
            r.recipients.extend(clause_preps(obj, "for"))
        r.recipients.extend(preps(nm.governor, "for"))
    if nm.governor_lemma in TAKING_VERBS and nm.first.dep_ != "nsubjpass":
        # "took delivery of", "awaits the shipment"; not "the shipments to X were received"
        r.recipients.extend(nm.governor_subject)
        r.suppliers.extend(clause_preps(n, "from"))
        r.suppliers.extend(preps(nm.governor, "from"))  # "took delivery of six jets from X"
        return r
    if nm.governor_lemma in TURN_VERBS | {"rely", "depend"} and nm.first.dep_ == "pobj" and \
            nm.first.head.lower_ == "for":
        # "forced Moscow to turn to rogue states for military supplies"
        r.recipients.extend(nm.governor_subject)
        r.suppliers.extend(preps(nm.governor, "to", "on", "upon"))
        return r
    r.suppliers.extend(children(n, "poss"))
    r.modifiers.extend(children(n, "compound", "amod", "nmod"))
    r.suppliers.extend(clause_preps(n, "from", "by"))
    r.recipients.extend(clause_preps(n, "to", "for", "into"))
    if not r.recipients:  # "from U.S. arms sales to Iran", the *to* misattached
        r.recipients.extend(following_prep(n, "to"))
    gov = nm.governor
    if gov is not None and gov.pos_ in ("VERB", "AUX") and nm.first.dep_ == "dobj":
        r.recipients.extend(preps(gov, "to"))  # "held back a shipment of bombs to Israel"
    r.suppliers.extend(_role_in(nm))
    if not any(True for _ in clause_preps(n, "from", "by")) and not children(n, "poss"):
        r.parties.extend(nm.governor_subject)  # approved the sale / held back a shipment
    if not r.recipients:
        r.recipients.extend(_noun_purpose_owners(nm))
    return r


# Purposes whose object is the one helped: "a drawdown to support Ukraine", "aid to meet
# Ukraine's needs" (with PURPOSE_VERBS: "to bolster Taiwan's defences").
HELPING_PURPOSES = words("helping-purposes")


def _noun_purpose_owners(nm: Nominal) -> list[Token]:
    """The one a transfer noun's purpose clause helps: "authorizes another $450 million
    drawdown to support Ukraine", "authorization for a drawdown to meet Ukraine's critical
    arms needs". The clause may hang on the noun, its governor or the governor's object."""
    hosts = [nm.noun]
    gov = nm.governor
    if nm.noun.dep_ == "pobj" and nm.noun.head.lower_ == "of" and \
            nm.noun.head.head.dep_ == "nsubj" and nm.noun.head.head.pos_ == "NOUN":
        gov = nm.noun.head.head.head  # "this round of assistance includes ..."
    if gov is not None:
        hosts.append(gov)
        hosts.extend(children(gov, "dobj"))
        if gov.lemma_.lower() in CONTENT_VERBS:
            # "includes Bradleys, ..., and other resources to bolster Ukraine's forces": the
            # purpose hangs on the last item of the list
            hosts.extend(x for o in children(gov, "dobj") for x in o.subtree
                         if x.pos_ == "NOUN")
    out: list[Token] = []
    for h in hosts:
        for c in h.children:
            if c.dep_ not in ("acl", "advcl", "relcl", "xcomp") or not any(
                    x.dep_ == "aux" and x.tag_ == "TO" for x in c.children):
                continue
            lemma = c.lemma_.lower()
            if lemma not in HELPING_PURPOSES and lemma not in PURPOSE_VERBS:
                continue
            for obj in children(c, "dobj"):
                if lemma in HELPING_PURPOSES and obj.pos_ == "PROPN":
                    out.append(obj)
                out.extend(children(obj, "poss"))
                # "to bolster Ukraine's forces' survivability"
                out.extend(p for m in children(obj, "compound") for p in children(m, "poss"))
    return out


def get_noun(nm: Nominal) -> Roles:
    """ "Ankara's purchase of S-400s", "Ukrainian requests for Patriots", "Indonesia placed
    an order for Rafales from Dassault", "Rheinmetall won an order from Hungary"."""
    n = nm.noun
    if nm.contracted:
        return deal_noun(nm)
    r = Roles(items=_nominal_items(n), recipients=list(nm.owners))
    if n.lemma_.lower() == "interest":  # "expressed an interest in unmanned aerial vehicles"
        r.items.extend(preps(n, "in"))
    gov = nm.governor
    if n.lemma_.lower() == "order" and n.dep_ == "pobj" and n.head.lower_ == "on" and \
            gov is not None and gov.lemma_.lower() == "have":
        # "Vietnam has six Kilo class submarines on order from Russia"
        r.items.extend(children(gov, "dobj"))
    r.suppliers.extend(clause_preps(n, "from"))
    if gov is not None and gov.lemma_.lower() in NEGOTIATING_VERBS and nm.first.dep_ == "pobj":
        # "Serbia is negotiating with France on the purchase of 12 Rafales": the partner
        r.suppliers.extend(preps(gov, "with"))
    if nm.governor_lemma in DENIAL_VERBS:  # "Israel turned down Ukrainian requests for ..."
        r.suppliers.extend(nm.governor_subject)
    else:
        r.parties.extend(nm.governor_subject)
    return r


def deal_noun(nm: Nominal) -> Roles:
    """Deals, contracts, agreements and talks. Their parties are oriented later (who makes
    the item sells), except where the governing verb says who is the contractor: "Hughes
    has received a contract from the Navy for radars for Australian and Spanish frigates",
    "the Pentagon awarded Boeing a contract for Super Hornets for Kuwait"."""
    n = nm.noun
    gov = nm.governor
    r = Roles(items=_nominal_items(n))
    if nm.contracted:
        r.suppliers.extend(nm.governor_subject)
        r.recipients.extend(clause_preps(n, "from"))
        if gov is not None:
            r.recipients.extend(preps(gov, "from"))
        _for_buyers(n, gov, r)
        r.partners.extend(clause_preps(n, "with"))
        return r
    if nm.governor_lemma == "award" and gov is not None:
        r.recipients.extend(nm.governor_subject)  # the awarding state buys
        r.suppliers.extend(children(gov, "dative"))
        r.suppliers.extend(x for x in children(gov, "dobj") if x.i != n.i)
        _for_buyers(n, gov, r)
        return r
    r.parties.extend(nm.owners)
    if nm.governor_lemma in DEAL_VERBS or nm.first.dep_ == "attr" or nm.governor_lemma == "be":
        r.parties.extend(nm.governor_subject)
    # "signed contracts worth $5.8 billion for K2 tanks": a *for* deeper in the phrase
    r.items.extend(o for o in clause_preps(n, "for") if o not in r.items)
    if nm.first.dep_ == "nsubj" and gov is not None and nm.governor_lemma in CONTENT_VERBS:
        # "the deal covers 24 Rafales for Egypt", "the contract includes 40 F-16s"
        for obj in children(gov, "dobj"):
            r.items.append(obj)
            r.parties.extend(clause_preps(obj, "for"))
        r.parties.extend(preps(gov, "for"))
    r.partners.extend(clause_preps(n, "with"))
    r.parties.extend(clause_preps(n, "between"))
    for signed in children(n, "acl"):  # "a contract signed between Greece and France for"
        if signed.lemma_.lower() in DEAL_VERBS:
            r.parties.extend(preps(signed, "between"))
            r.partners.extend(preps(signed, "with"))
            r.items.extend(preps(signed, "for"))
    if gov is not None and nm.governor_lemma in DEAL_VERBS:
        r.partners.extend(preps(gov, "with"))
        r.items.extend(preps(gov, "for"))
    r.suppliers.extend(clause_preps(n, "from"))
    r.recipients.extend(clause_preps(n, "to"))
    # "a contract ... for the sale of 18 Rafales": the sale's items are the deal's
    r.items.extend(o for i in list(r.items) if i.lemma_.lower() in SALE_NOUNS
                   for o in preps(i, "of"))
    return r


SALE_NOUNS = words("sale-nouns")


def _for_buyers(n: Token, gov: Token | None, r: Roles) -> None:
    """The buyers of a contract named by its *for* phrases: actors ("for Australia and
    Spain", "for the U.S. Navy") or the owners of a platform ("for Australian ships")."""
    objs = list(clause_preps(n, "for"))
    if gov is not None:
        objs.extend(preps(gov, "for"))
    for obj in objs:
        r.recipients.append(obj)
        r.items.append(obj)
        if obj.lemma_.lower() in ("sale", "purchase", "export", "supply", "delivery"):
            r.items.extend(preps(obj, "of"))  # "a contract for foreign military sales of F-16s"
        for inner in clause_preps(obj, "for"):  # "for radars for Australian frigates"
            r.recipients.append(inner)
            r.platforms.append(inner)
            r.items.append(inner)
            # "for U.S., Australian and Spanish surface ships" with *ships* misparsed as a
            # conjunct of the contract: the rest of the list of platforms
            late = [c for c in n.conjuncts if c.i > inner.i and c.pos_ == "NOUN"]
            r.platforms.extend(late)
            r.items.extend(late)


NOUN_FRAMES: dict[str, Callable[[Nominal], Roles]] = {
    "give": give_noun, "get": get_noun, "deal": deal_noun,
}


def agent_referent(n: Token) -> list[Token]:
    """The actor an agent noun names: "Russia is India's main supplier" (a copula's
    subject), "the Soviet Union, which is India's main weapons supplier" (the noun a
    relative clause hangs on), "China, Pakistan's biggest arms supplier" (an apposition),
    "India's largest supplier is Russia" (the copula's attribute)."""
    head = n.head
    if n.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in ("one", "some", "among"):
        n, head = head.head, head.head.head  # "Israel has been one of Colombia's suppliers"
    if n.dep_ == "pobj" and head.lower_ == "as" and head.head.pos_ in ("VERB", "AUX"):
        return subject_of(head.head)[0]  # "North Korea has been shaping up as a supplier"
    if n.dep_ in ("attr", "oprd") and head.pos_ in ("AUX", "VERB"):
        subj = children(head, "nsubj", "nsubjpass")
        if subj and subj[0].lower_ in ("which", "that", "who") and head.dep_ == "relcl":
            return [head.head]
        if not subj and head.dep_ == "conj":
            # "South Korea enjoys a robust industry and is the 8th largest exporter"
            subj = subject_of(head)[0]
        return subj
    if n.dep_ == "appos":
        return [head]
    if n.dep_ == "nsubj" and head.pos_ == "AUX":
        return children(head, "attr")
    return []


def agent_noun_roles(n: Token, spec: Trigger) -> Roles:
    """Agent nouns of rankings and relations: *supplier*, *exporter* name the supplier and
    their possessive the recipient ("India's main weapons supplier"); *customer*,
    *importer* the other way round ("Russia's biggest customer")."""
    referent = agent_referent(n)
    identity = children(n, "compound", "amod", "nmod")
    counterpart = children(n, "poss")
    def named(t: Token) -> bool:
        return t.pos_ == "PROPN" or t.pos_ == "NOUN" and t.text[:1].isupper()

    if n.dep_ in ("compound", "appos") and named(n.head) or any(
            c.dep_ == "appos" and named(c) for c in n.children):
        # "Russia's state arms exporter Rosoboronexport": a title of the name it
        # describes; its owner is the firm's home, no counterpart
        return Roles()
    items = list(preps(n, "of", "for")) + children(n, "compound", "amod")
    items.extend(_list_on_the_noun(n, items))
    if spec.frame == "give":
        return Roles(suppliers=referent or identity, items=items,
                     recipients=counterpart + list(clause_preps(n, "to")))
    return Roles(recipients=referent or identity, items=items,
                 suppliers=counterpart + list(clause_preps(n, "from")))


# -- helpers ---------------------------------------------------------------------------------

def _amount(tok: Token) -> bool:
    """ "$12 billion", "40 mln dlrs": an amount of money or a number."""
    return tok.pos_ == "NUM" or any(c.text in ("$", "€", "£", "US$") or
                                    c.lower_ in CURRENCY_WORDS for c in (tok, *tok.children))


def _contents(nouns: list[Token]) -> list[Token]:
    """Objects of a content clause on a noun: "containers that could contain shells"."""
    return [o for n in nouns for c in n.children if c.dep_ in ("relcl", "acl")
            and c.lemma_.lower() in CONTENT_VERBS for o in children(c, "dobj")]


def deal_partner(t: Token) -> list[Token]:
    """ "Poland signed a framework agreement with Hanwha to buy K9s", "sealed the deal with
    the Philippines for supplying missiles", "had made a deal with Turkey to acquire TB2s":
    the deal's partner is the other side of the infinitive's or gerund's transfer."""
    noun = t.head
    if t.dep_ == "pcomp" and noun.dep_ == "prep" and noun.lower_ == "for":
        noun = noun.head
    elif t.dep_ not in ("acl", "advcl", "xcomp"):
        return []
    if noun.pos_ in ("VERB", "AUX"):  # the infinitive hangs on the verb of the deal
        noun = next((o for o in children(noun, "dobj") if o.lemma_.lower() in DEAL_NOUNS),
                    noun)
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in DEAL_NOUNS:
        return []
    out = list(clause_preps(noun, "with"))
    gov = noun.head if noun.dep_ in ("dobj", "attr") else None
    if gov is not None and gov.pos_ == "VERB":
        out.extend(preps(gov, "with"))
    return out


def _contract_buyer(t: Token) -> list[Token]:
    """ "Rheinmetall won an order from Hungary to supply 218 Lynx": an infinitive on a
    contract noun delivers to the contract's buyer."""
    noun = t.head
    if t.dep_ != "acl" or noun.pos_ != "NOUN":
        return []
    nm = Nominal.of(noun)
    if not nm.contracted:
        return []
    out = list(clause_preps(noun, "from"))
    if nm.governor is not None:
        out.extend(preps(nm.governor, "from"))
    return out


def _role_in(nm: Nominal) -> list[Token]:
    """ "Israel had played a key role in the arms shipments": the subject of a role or part
    in a transfer took part as supplier."""
    gov = nm.governor
    if gov is None or gov.lemma_.lower() not in ("role", "part", "involvement"):
        return []
    if children(gov, "poss"):
        return children(gov, "poss")  # "Reagan's role in the arms sales"
    verb = gov.head if gov.dep_ in ("dobj", "pobj") else None
    if verb is not None and verb.pos_ in ("VERB", "AUX"):
        return subject_of(verb)[0]
    return []


def _licensors(t: Token) -> list[Token]:
    """ "under licence from Bell", "with technological help from China": who provides the
    right or the know-how to make the items."""
    out: list[Token] = []
    for obj in clause_preps(t, "under", "with"):
        if obj.lemma_.lower() in HELP_NOUNS | {"licence", "license"}:
            out.extend(clause_preps(obj, "from"))
            out.extend(children(obj, "poss"))
    return out


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
