"""The status of a claim: which phase of a transfer its sentence asserts.

The phase comes from three places, read in this order of precedence:

1. **Negation.** A negated trigger or governor ("has not sent", "did not approve the
   sale") or a denial cue above the trigger ("denied supplying", "ruled out sending",
   "the suspension of arms sales") makes the claim ``denied``.
2. **Cues** from ``status_cues.csv`` on the words that govern the trigger, nearest first:
   intentions ("plans to buy", "is set to sign": ``negotiating``), deals and approvals
   ("agreed to buy", "approved the sale": ``agreed``), pledges ("promised to provide":
   ``pledged``).
3. **The trigger's own phase**: its row of ``triggers.csv`` by tense (past, present,
   future), or for a noun its bare phase ("the sale of arms to Iran": ``reported``).

Why an intention overrides a denial found later up the tree: in "Turkey does not plan to
rule out buying more S-400s" the nearest governor says what the sentence asserts about the
purchase, which is a possibility under discussion, not a refusal. A negation of the
trigger itself always wins.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from .lexicon import Trigger, load_frame_lexicon, words
from .syntax import cue_key, governors, is_verb, negated, progressive, tense

MODALS_HYPOTHETICAL = words("modals-hypothetical")
DEAL_NOUNS = words("deal-nouns")
AGENT_NOUNS = words("agent-nouns")
TALK_NOUNS = words("talk-nouns")
# Nouns whose intention holds as a governor: "a bid for the helicopter contract".
INTENTION_NOUNS = words("intention-nouns")
# Gift verbs: "agreed to send / provide / donate" is a pledge; "agreed to sell" a deal.
GIFT_VERBS = words("gift-verbs")
# Sale verbs: their progressive is phase-less ("is selling", "is buying").
SALE_VERBS = words("sale-verbs")
# Verbs that say a movement began: "shipments began in 1985" (delivered); negated with
# "until" ("deliveries did not begin until May") they still report a delivery.
BEGIN_VERBS = words("begin-verbs")
STOP_VERBS = words("stop-verbs")
# Verbs through which cues still reach the transfer: "refused to allow the sale".
TRANSPARENT = words("transparent")
REQUEST_VERBS = words("request-verbs")
# Gifts whose approval is their pledge: a Presidential drawdown from US stocks.
GIFT_AUTHORITIES = words("gift-authorities")
# Papers that precede a contract: signing one is still talks.
PRELIMINARY_DEALS = words("preliminary-deals")
# Announced instalments of aid: "a new round / tranche / package of assistance".
AID_ROUNDS = words("aid-rounds")


def status_of(trigger: Token, spec: Trigger, cues: dict[str, str],
              governor: Token | None = None) -> tuple[str, str]:
    """The claim's status and the reason, which goes into the claim's ``rule``.

    ``governor`` is a noun trigger's governing verb when the frame found it beyond the
    chain of heads that :func:`governors` walks ("approved 300 mln dlrs in economic aid for
    X, ... and 50 mln dlrs in military assistance for Y": *approved*); its cue counts when
    nothing nearer has one."""
    if negated(trigger) and not _until(trigger):
        return "denied", "negation"
    own = own_status(trigger, spec)
    own_is_trigger = bool(own) and is_verb(trigger)  # the trigger's own tense
    cue_status, cue_word = "", ""
    weak = False  # the cue so far came from a noun or an aspect verb: a verb above wins
    for gov in governors(trigger):
        if _opaque(gov, cues):
            break  # "under orders to protect ... deliveries": the cue is about protecting
        status, reason = _governor_status(gov, trigger, spec, cues)
        if status == "denied":
            return "denied", reason
        if gov.pos_ == "NOUN" and gov.lemma_.lower() in PRELIMINARY_DEALS and \
                cue_status in ("", "negotiating"):
            # "signed a letter of intent to sell F-16s": whatever is signed above, talks
            return "negotiating", f"cue '{gov.text}'"
        if status == "negotiating" and cue_status in ("agreed", "pledged") and is_verb(gov):
            # "is set to sign a contract to export", "plans to sign a deal": an intention
            # above a deal is still an intention
            cue_status, cue_word, weak = status, gov.text, False
            continue
        if status and (not cue_status or weak):
            cue_status, cue_word = status, gov.text
            # "an agreement to manufacture" is agreed, "began arming" delivered, "a plan to
            # arm" negotiating, unless a verb above says otherwise ("approved a plan to arm",
            # "authorized the CIA to begin arming": agreed)
            weak = not is_verb(gov) or gov.lemma_.lower() in BEGIN_VERBS
        if not own and is_verb(gov):
            # a bare infinitive takes its governor's tense: "was to supply"
            own = _tense_status(gov, spec)
        if is_verb(gov) and _modals(gov) & MODALS_HYPOTHETICAL and \
                (trigger.pos_ == "NOUN" or weak) and (not cue_status or weak):
            cue_status, cue_word, weak = "negotiating", gov.text, False  # "a deal would be"
    if not cue_status and governor is not None and governor not in list(governors(trigger)):
        status, reason = _governor_status(governor, trigger, spec, cues)
        if status == "denied":
            return "denied", reason
        if status:
            cue_status, cue_word = status, governor.text
    if cue_status == "agreed" and (spec.lemma in GIFT_VERBS and is_verb(trigger) or
                                   spec.lemma in GIFT_AUTHORITIES):
        # "agreed to send tanks": a gift promised, not a sale; "authorized a drawdown": the
        # President commits stocks to be sent, nothing is sold
        cue_status = "pledged"
    if cue_status == "agreed" and spec.lemma in PRELIMINARY_DEALS:
        cue_status = "negotiating"  # "signed a letter of intent": no contract yet
    if not cue_status and own in ("pledged", "negotiating") and _under_contract(trigger):
        return "agreed", "under a contract"  # "will supply Skyranger systems under a contract"
    if cue_status == "negotiating" or (cue_status and own != "denied"):
        if cue_status == "pledged" and own == "delivered" and own_is_trigger:
            return own, "trigger"  # "has delivered the promised tanks"
        return cue_status, f"cue '{cue_word}'"
    if not own and trigger.tag_ in ("VBG", "VB"):
        # "accusations of supplying drones", "was wrong to sell arms": phase-less
        return spec.present, "trigger"
    return own or spec.future, "trigger"


def _opaque(gov: Token, cues: dict[str, str]) -> bool:
    """A content verb between the trigger and a cue keeps the cue for itself: "are under
    orders to protect occasional arms deliveries", "discussed the scandal over arms sales"
    (through a noun of its own), but not "denied reports that it sent"."""
    if not is_verb(gov):
        return False
    lemma, prt = cue_key(gov)
    if f"{lemma} {prt}" in cues or lemma in ("turn",) and prt:
        return False  # "ruled out sending", "held back a shipment", "turned down"
    if any(c.dep_ == "dobj" and (c.lemma_.lower() in TALK_NOUNS or c.lemma_.lower() in
                                 INTENTION_NOUNS) for c in gov.children):
        return False  # "completed studies on the purchase": the studies are about it
    return lemma not in cues and lemma not in _trigger_verbs() and lemma not in TRANSPARENT


def _under_contract(trigger: Token) -> bool:
    return any(p.lower_ == "under" and any(o.lemma_.lower() in DEAL_NOUNS for o in p.children)
               for p in trigger.children)


def own_status(trigger: Token, spec: Trigger) -> str:
    """The trigger's own phase, before any governing word is read."""
    if is_verb(trigger):
        if _modals(trigger) & (MODALS_HYPOTHETICAL - {"would"}):
            return "negotiating"  # "could supply", "might buy": a possibility
        if progressive(trigger) and spec.frame in ("give", "arrive") and \
                spec.lemma not in SALE_VERBS and spec.past == "delivered":
            return "delivered"  # "is sending", "are arriving": the items are moving
        return _tense_status(trigger, spec)
    if trigger.lemma_.lower() in AGENT_NOUNS:
        # rankings follow their tense: "is India's main supplier" reported, "was the
        # largest importer" delivered
        copula = trigger.head if trigger.dep_ in ("attr", "oprd") else None
        if copula is not None and copula.lemma_.lower() in ("become", "remain") and \
                copula.tag_ == "VBN":
            return spec.present  # "China has become Pakistan's largest supplier": today
        return spec.past if copula is not None and tense(copula) == "past" else spec.present
    if trigger.dep_ == "pobj" and trigger.head.lower_ == "of" and \
            trigger.head.head.lemma_.lower() in AID_ROUNDS and spec.frame == "give":
        return "pledged"  # "this round of assistance includes": an announced package
    # a nominal's own phase is the "present" column of triggers.csv: "the sale of arms to
    # Iran", "arms sales to Taiwan" are reported; a phase word above it decides
    return spec.present


def _governor_status(gov: Token, trigger: Token, spec: Trigger, cues: dict[str, str]
                     ) -> tuple[str | None, str]:
    lemma, prt = cue_key(gov)
    status = (cues.get(f"{lemma} {prt}") if prt else None) or cues.get(lemma)
    if lemma == "turn" and prt in ("down", "away"):
        status = "denied"
    if lemma == "keep" and any(c.dep_ == "prep" and c.lower_ == "from" and trigger in c.subtree
                               for c in gov.children):
        status = "denied"  # "kept the government from shipping rifles"; not "kept sending"
    if lemma == "decision" and any(c.lower_ in ("no", "not") for c in gov.children):
        return "negotiating", f"cue 'no {gov.text}'"  # "no decision yet on the tank deal"
    verb = gov.pos_ in ("VERB", "AUX")
    if verb and lemma in DEAL_NOUNS:
        status = None  # "dealing with Egypt's ability to build": the verb is no deal
    if status == "denied" and verb and lemma in STOP_VERBS and gov.head.lemma_.lower() in \
            REQUEST_VERBS:
        # "the US is pressing Iran to stop selling drones": a third party's request says
        # the sales go on
        return spec.present, f"cue '{gov.head.text}'"
    # a negated governor denies the transfer only when it is about the transfer ("did not
    # agree to sell", "will not send"), not "could not recall when he approved the sale"
    if verb and negated(gov) and (status or lemma in _trigger_verbs() or lemma in (
            "be", "have", "do", "will", "can")):
        if _until(gov) and lemma in BEGIN_VERBS:
            return "delivered", f"cue '{gov.text}'"  # "did not begin until May"
        return "denied", f"negated governor '{gov.text}'"
    if status == "denied":
        return "denied", f"cue '{gov.text}'"
    if status == "negotiating" and not verb and lemma not in TALK_NOUNS | INTENTION_NOUNS:
        status = None  # "a plan to arm" under "approved" is an approval, not a plan
    if not status and lemma == "be" and trigger.pos_ == "NOUN":
        # "France's sale of jets to Egypt was the first export order": the attribute
        # names the phase
        attrs = [c for c in gov.children if c.dep_ == "attr" and c.i != trigger.i]
        if any(a.lemma_.lower() in DEAL_NOUNS for a in attrs):
            status = "agreed"
    if not status and verb:  # "are in talks to co-produce", "held talks to buy"
        objects = [c for c in gov.children if c.dep_ in ("dobj", "attr")]
        objects += [o for p in gov.children if p.dep_ == "prep" for o in p.children
                    if o.dep_ == "pobj"]
        if any(o.lemma_.lower() in TALK_NOUNS or o.lemma_.lower() in INTENTION_NOUNS and
               cues.get(o.lemma_.lower()) == "negotiating" for o in objects):
            # "held talks to buy", "completed studies on the purchase of submarines"
            status = "negotiating"
        elif any(o.lemma_.lower() in DEAL_NOUNS for o in objects) and lemma in (
                "make", "have", "reach", "strike", "close", "cut", "seal", "sign", "ink",
                "clinch", "conclude", "finalise", "finalize"):
            status = "agreed"  # "had made a deal with Turkey to acquire 13 TB2s"
    if not status and verb and trigger.pos_ == "NOUN" and lemma in ("make", "carry",
                                                                     "complete", "execute"):
        status = "delivered"  # "the arms shipment was made in August 1985 by Israel"
    return status, f"cue '{gov.text}'"


@lru_cache(maxsize=1)
def _trigger_verbs() -> frozenset[str]:
    return frozenset(lemma for lemma, pos in load_frame_lexicon().triggers if pos == "VERB")


def _until(tok: Token) -> bool:
    return any(c.lower_ == "until" for c in tok.children) or any(
        c.lower_ == "until" for c in tok.head.children if tok.dep_ != "ROOT")


def _modals(tok: Token) -> set[str]:
    return {c.lower_ for c in tok.children if c.dep_ == "aux"}


def _tense_status(tok: Token, spec: Trigger) -> str:
    t = tense(tok)
    return {"present": spec.present, "future": spec.future, "past": spec.past}.get(t, "")
