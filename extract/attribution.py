"""Who makes a claim: the ``source`` field of a transfer claim.

A claim's source is whoever the sentence says asserts it: the object of "according to",
the subject of a reporting verb that governs the trigger ("US officials said Iran sent"),
or of a reporting verb after it in headline and parenthetical style ("..., sources say",
"..., the White House said"). A pronoun subject ("she said") is no source: its antecedent
is in another sentence.
"""

from __future__ import annotations

from spacy.tokens import Token

from .syntax import PRONOUNS, REPORTING, children, phrase, preps


def source_of(trigger: Token) -> str | None:
    """The source phrase of the claim read from ``trigger``, or None."""
    sent = trigger.sent
    for tok in sent:
        if tok.lower_ == "according" and tok.dep_ in ("prep", "advmod", "ROOT", "advcl", "pcomp"):
            for obj in preps(tok, "to"):
                return phrase(obj)
            nxt = tok.nbor() if tok.i + 1 < sent.end else None
            if nxt is not None and nxt.lower_ == "to":
                for obj in nxt.children:
                    if obj.dep_ == "pobj":
                        return phrase(obj)
    cur = trigger
    for _ in range(6):
        if cur.lemma_.lower() in REPORTING and cur != trigger:
            subj = children(cur, "nsubj")
            if subj:
                return phrase(subj[0])
        if cur.head == cur:
            break
        cur = cur.head
    for tok in sent:
        if tok.lemma_.lower() in REPORTING and tok.i > trigger.i and tok != trigger:
            subj = children(tok, "nsubj")
            if subj and subj[0].lower_ not in PRONOUNS:
                return phrase(subj[0])
    return None
