"""The transfer component: reads triggers and their frames into :class:`TransferClaim` drafts.

``armsgraph_transfers`` sets ``doc._.transfers``: a list of claims whose
``doc_id`` is filled in later by :func:`armsgraph.extract.pipeline.extract_claims`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .claims import Actor, Item, TransferClaim, normalise_quantity
from .frames import (
    ACQUISITION_SUFFIXES, CONTAINERS, INSTITUTIONS, ORIGIN_SUFFIXES, PRONOUNS, Roles,
    children, frame_roles, source_of, status_of, subject_of,
)
from .lexicon import ActorLexicon, FrameLexicon, load_actor_lexicon, load_frame_lexicon
from .rulers import ACTOR_KEY, WEAPON_KEY

if not Doc.has_extension("transfers"):
    Doc.set_extension("transfers", default=None)

# Verbs that take a weapon object but are too general to trigger alone.
NEEDS_WEAPON = frozenset({"fly", "get", "give", "commission", "manufacture", "produce", "land",
                          "reach", "arrive", "hand", "send", "ship", "provide", "offer", "order",
                          "commit", "supply", "deliver", "transfer", "receive", "request", "seek",
                          "acquire", "obtain", "import", "export", "buy", "purchase"})
# Noun triggers that need a weapon among their own dependents.
MONEY = re.compile(r"(?:US|A|C|NZ|HK)?[$€£¥]\s?\d[\d,.]*\s?(?:bn|mn|m|k|billion|million|trillion)?"
                   r"|\b\d[\d,.]*\s?(?:bn|mn|billion|million|trillion|crore|lakh)\s+"
                   r"(?:dollars|euros|pounds|rupees|yuan|won|crowns|kronor)\b"
                   r"|\bRs\.?\s?\d[\d,.]*\s?(?:crore|lakh|bn|billion)?", re.I)


@dataclass
class _Draft:
    supplier: Actor | None
    recipient: Actor | None
    item_span: Span | None
    item: Item
    quantity: str | int | None
    status: str
    rule: str
    confidence: float
    depth: int
    trigger: Token


@Language.factory("armsgraph_transfers", default_config={"min_confidence": 0.0})
def make_transfer_extractor(nlp: Language, name: str, min_confidence: float) -> TransferExtractor:
    return TransferExtractor(nlp, name, min_confidence=min_confidence)


class TransferExtractor:
    """Find transfer claims in each sentence; needs the actor and weapon rulers before it."""

    def __init__(self, nlp: Language, name: str = "armsgraph_transfers",
                 min_confidence: float = 0.0):
        self.name = name
        self.min_confidence = min_confidence
        self.actors: ActorLexicon = load_actor_lexicon()
        self.frames: FrameLexicon = load_frame_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        claims: list[TransferClaim] = []
        for sent in doc.sents:
            claims.extend(self.sentence_claims(sent))
        doc._.transfers = [c for c in claims if c.confidence >= self.min_confidence]
        return doc

    # -- mapping tokens to actors and items ---------------------------------------------

    def _actor(self, span: Span) -> Actor:
        entry = self.actors.get(span.kb_id_)
        return Actor(name=entry.name, iso3=entry.iso3, mention=span.text, type=entry.type,
                     country=entry.country, wikidata=entry.wikidata)

    def actors_of(self, tok: Token, ctx: _Context, depth: int = 0) -> list[tuple[Actor, Span]]:
        """The actors a role token stands for: an actor mention, an institution of an actor
        ("Russia's defence ministry"), or a pronoun resolved to the subject above it."""
        if depth > 2:
            return []
        span = ctx.actor_at.get(tok.i)
        if span is not None:
            if span.label_ == "demonym" and tok.i != span.end - 1 and tok.head.i >= span.end:
                pass
            elif span.label_ != "demonym" or tok.dep_ not in ("amod",) or tok.head.i in \
                    ctx.weapon_at:
                return [(self._actor(span), span)]
        if tok.lower_ in PRONOUNS:
            return self._resolve_pronoun(tok, ctx, depth)
        if tok.i in ctx.weapon_at:
            return []
        if tok.lower_ in INSTITUTIONS or tok.pos_ in ("NOUN", "PROPN"):
            # the nearest actor among the noun's modifiers: "Yemen's Houthi rebels" -> Houthis
            mods = [c for c in tok.children if c.dep_ in ("poss", "compound", "amod", "nmod")]
            found: list[tuple[Actor, Span]] = []
            for mod in sorted(mods, key=lambda m: -m.i):
                if mod.i in ctx.actor_at:
                    found = [(self._actor(ctx.actor_at[mod.i]), ctx.actor_at[mod.i])]
                    break
                if mod.lower_ in PRONOUNS and tok.lower_ in INSTITUTIONS:
                    found = self._resolve_pronoun(mod, ctx, depth)
                    break
                # "the Kurdish Peshmerga": a compound whose own modifier is the actor
                inner = self.actors_of(mod, ctx, depth + 1) if mod.dep_ == "compound" else []
                if inner:
                    found = inner
                    break
            if found and (tok.lower_ in INSTITUTIONS or tok.pos_ == "PROPN"):
                return found
        return []

    def _resolve_pronoun(self, tok: Token, ctx: _Context, depth: int) -> list[tuple[Actor, Span]]:
        cur = tok.head
        for _ in range(6):
            subj = [s for s in children(cur, "nsubj", "nsubjpass") if s.i != tok.i
                    and s.lower_ not in PRONOUNS and not (s.left_edge.i <= tok.i <= s.right_edge.i)]
            for s in subj:
                found = self.actors_of(s, ctx, depth + 1)
                if found:
                    return found
            if cur.head is cur:
                break
            cur = cur.head
        before = [s for i, s in sorted(ctx.actor_at.items()) if i < tok.i and s.label_ != "demonym"]
        return [(self._actor(before[-1]), before[-1])] if before else []

    def items_of(self, tok: Token, ctx: _Context, quantity: str | None = None, depth: int = 0
                 ) -> list[tuple[Span, str | None]]:
        """The weapon mentions a role token names, with their quantity, following
        quantity nouns ("millions of shells") and coordination ("shells and rockets")."""
        if depth > 3:
            return []
        out: list[tuple[Span, str | None]] = []
        for t in (tok, *tok.conjuncts) if depth == 0 else (tok,):
            span = ctx.weapon_at.get(t.i)
            if span is not None:
                if t.i == span.end - 1:  # the head of the mention
                    out.append((span, quantity or _quantity(t)))
                    # "ammunition for Gepard anti-aircraft guns": the *for* part is a modifier
                continue
            if t.lower_ in CONTAINERS or t.like_num or t.pos_ == "NUM":
                q = quantity or _container_quantity(t)
                for child in t.children:
                    if child.dep_ == "prep" and child.lower_ == "of":
                        for obj in child.children:
                            if obj.dep_ == "pobj":
                                out.extend(self.items_of(obj, ctx, q, depth + 1))
                                for conj in obj.conjuncts:
                                    out.extend(self.items_of(conj, ctx, q, depth + 1))
                continue
            for child in t.children:  # "money, weapons and training" is fine; "sanctions over
                if child.dep_ == "prep" and child.lower_ in ("including", "like", "such"):
                    for obj in child.subtree:
                        if obj.dep_ == "pobj" and obj.i in ctx.weapon_at:
                            out.extend(self.items_of(obj, ctx, None, depth + 1))
        return out

    # -- one sentence ---------------------------------------------------------------------

    def sentence_claims(self, sent: Span) -> list[TransferClaim]:
        ctx = _Context(sent)
        if not ctx.weapons and not any(t.lemma_.lower() == "arm" for t in sent):
            return []
        drafts: list[_Draft] = []
        for tok in sent:
            spec = self._trigger(tok)
            if spec is None:
                continue
            drafts.extend(self._claims_for_trigger(tok, spec, ctx))
        drafts.extend(self._modifier_claims(ctx, drafts))
        drafts = _dedupe(drafts)
        source = None
        claims = []
        doc = sent.doc
        start = sent.start_char
        end = sent.end_char
        text = doc.text[start:end]
        stripped = text.strip()
        start += len(text) - len(text.lstrip())
        end = start + len(stripped)
        value = _value(sent)
        for d in drafts:
            source = source_of(d.trigger)
            claims.append(TransferClaim(
                doc_id="", sentence=stripped, span=(start, end), supplier=d.supplier,
                recipient=d.recipient, item=d.item, status=d.status, quantity=d.quantity,
                value=value, source=source, rule=d.rule, confidence=d.confidence))
        return claims

    def _trigger(self, tok: Token):
        lemma = tok.lemma_.lower()
        if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
            spec = self.frames.triggers.get((lemma, "VERB"))
            if spec is None and tok.tag_ == "VBZ" and tok.lower_.endswith("s"):
                spec = self.frames.triggers.get((tok.lower_[:-1], "VERB"))  # "arms" as a verb
            return spec
        if tok.pos_ in ("NOUN", "PROPN"):
            spec = self.frames.triggers.get((lemma, "NOUN"))
            if spec is None and lemma == "arm" and tok.lower_ == "arms" and tok.dep_ == "ROOT":
                return self.frames.triggers.get(("arm", "VERB"))  # headline "X arms Y with Z"
            return spec
        return None

    def _claims_for_trigger(self, t: Token, spec, ctx: _Context) -> list[_Draft]:
        roles: Roles = frame_roles(t, spec)
        if spec.frame == "give" and t.pos_ in ("VERB", "AUX") and t.lemma_.lower() == "hand":
            if not any(c.dep_ == "prt" and c.lower_ == "over" for c in t.children) and not any(
                    c.lower_ == "to" for c in t.children):
                return []
        suppliers = self._map_actors(roles.suppliers, ctx)
        recipients = self._map_actors(roles.recipients, ctx)
        items: list[tuple[Span, str | None]] = []
        for tok in roles.items:
            for found in self.items_of(tok, ctx):
                if found[0] not in [i[0] for i in items]:
                    items.append(found)
        party_actors = self._map_actors(roles.parties, ctx)
        if spec.frame == "give" and party_actors:
            if t.pos_ == "NOUN":
                suppliers = suppliers or party_actors
            else:
                recipients = recipients or party_actors
        if spec.frame == "deal":
            suppliers, recipients = _orient(party_actors, suppliers, recipients, items, ctx, self)
        if not items:
            if spec.frame == "arm" or (spec.frame == "deal" and False):
                items = [(None, None)]
            else:
                return []
        status, reason = status_of(t, spec, self.frames.cues)
        drafts = []
        depth = _depth(t)
        for span, qty in items:
            item_sups = suppliers or self._origin(span, ctx, spec)
            item_recs = recipients
            for sup in item_sups or [None]:
                for rec in item_recs or [None]:
                    if sup is None and rec is None:
                        continue
                    if sup is not None and rec is not None and _same(sup, rec):
                        continue
                    if sup is not None and rec is not None and rec.iso3 and sup.country == rec.iso3\
                            and sup.type == "company":
                        continue  # a state buying from its own industry
                    conf = 0.9 if sup and rec else 0.7
                    if roles.inherited:
                        conf -= 0.1
                    item = _item(span) if span is not None else Item(None, "unspecified", None)
                    drafts.append(_Draft(sup, rec, span, item, normalise_quantity(qty), status,
                                         f"{spec.frame}:{t.lemma_.lower()}/{reason}", conf, depth,
                                         t))
        return drafts

    def _map_actors(self, toks: list[Token], ctx: _Context) -> list[Actor]:
        out: list[Actor] = []
        for tok in toks:
            for t in (tok, *tok.conjuncts):
                for actor, _span in self.actors_of(t, ctx):
                    if all(not _same(actor, a) for a in out):
                        out.append(actor)
        return out

    def _origin(self, span: Span | None, ctx: _Context, spec) -> list[Actor]:
        """The maker or source named on the item itself: "Iranian drones", "US-made tanks",
        "Israel's Arrow 3". Used only when the frame names no supplier (a donor beats the maker)."""
        if span is None:
            return []
        head = span[-1]
        for tok in list(span) + [c for c in head.children if c.dep_ == "poss"]:
            a = ctx.actor_at.get(tok.i)
            if a is None or a.label_ not in ("demonym", "name", "abbreviation", "capital"):
                continue
            if tok.dep_ == "poss" or a.label_ == "demonym" or _suffix(a) in ORIGIN_SUFFIXES | \
                    ACQUISITION_SUFFIXES:
                return [self._actor(a)]
        # "from Russia" on the item noun, "made by Israel's Elbit Systems"
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "from":
                for obj in child.children:
                    found = [a for a, _ in self.actors_of(obj, ctx)]
                    if found:
                        return found
            if child.dep_ == "acl" and child.lemma_.lower() in ("make", "build", "design",
                                                                 "manufacture", "produce"):
                for agent in child.children:
                    if agent.dep_ == "agent":
                        for obj in agent.children:
                            found = [a for a, _ in self.actors_of(obj, ctx)]
                            if found:
                                return found
        return []

    def _modifier_claims(self, ctx: _Context, drafts: list[_Draft]) -> list[_Draft]:
        """``British-supplied Storm Shadow missiles``: an acquisition adjective on an item
        is itself a delivered transfer to the subject of the clause that has the item."""
        out = []
        covered = {id(d.item_span) for d in drafts}
        for span in ctx.weapons:
            if id(span) in covered:
                continue
            for tok in span:
                a = ctx.actor_at.get(tok.i)
                if a is None or _suffix(a) not in ACQUISITION_SUFFIXES:
                    continue
                head = span[-1]
                subj: list[Token] = []
                cur = head
                for _ in range(3):
                    cur = cur.head
                    if cur.pos_ in ("VERB", "AUX"):
                        subj, _ = subject_of(cur)
                        break
                sup = self._actor(a)
                for s in subj:
                    for rec, _sp in self.actors_of(s, ctx):
                        if not _same(rec, sup):
                            out.append(_Draft(sup, rec, span, _item(span), _quantity(head),
                                              "delivered", "modifier:" + _suffix(a), 0.7, 9, head))
        return out


class _Context:
    """Index of the actor and weapon mentions of one sentence."""

    def __init__(self, sent: Span):
        doc = sent.doc
        self.sent = sent
        self.actors = [s for s in doc.spans.get(ACTOR_KEY, []) if sent.start <= s.start < sent.end]
        self.weapons = [s for s in doc.spans.get(WEAPON_KEY, []) if sent.start <= s.start < sent.end]
        self.actor_at = {i: s for s in self.actors for i in range(s.start, s.end)}
        self.weapon_at = {i: s for s in self.weapons for i in range(s.start, s.end)}


def _suffix(span: Span) -> str:
    """The participle after ``X-`` in ``X-made``, ``X-supplied``; empty if none."""
    doc = span.doc
    if span.end + 1 < len(doc) and doc[span.end].text == "-":
        return doc[span.end + 1].lower_
    return ""


def _same(a: Actor, b: Actor) -> bool:
    return a.key == b.key or (a.country is not None and a.country == b.iso3 and a.type ==
                              "company" and False)


def _orient(parties, suppliers, recipients, items, ctx, ext) -> tuple[list[Actor], list[Actor]]:
    """Deal partners: who sells? The maker named on the item if one partner is it;
    else a company partner; else the subject buys from the *with* partner."""
    if suppliers and recipients:
        return suppliers, recipients
    parties = [p for p in parties if all(not _same(p, s) for s in suppliers + recipients)]
    origins = []
    for span, _q in items:
        origins.extend(ext._origin(span, ctx, None))
    sup, rec = list(suppliers), list(recipients)
    for p in parties:
        if any(_same(p, o) for o in origins) or (origins and p.country and
                                                 any(p.country == o.iso3 for o in origins)):
            sup.append(p)
        elif p.type == "company" and not sup:
            sup.append(p)
        elif not rec:
            rec.append(p)
        elif not sup:
            sup.append(p)
    return sup, rec


def _depth(tok: Token) -> int:
    d = 0
    while tok.head is not tok and d < 50:
        tok = tok.head
        d += 1
    return d


def _item(span: Span) -> Item:
    return Item(text=span.text, category=span.label_, designation=span.kb_id_ or None)


def _quantity(head: Token) -> str | None:
    for child in head.children:
        if child.dep_ == "nummod":
            return head.doc[child.left_edge.i: child.i + 1].text
    return None


def _container_quantity(tok: Token) -> str:
    left = [c for c in tok.lefts if c.dep_ in ("det", "amod", "nummod", "quantmod", "advmod")]
    start = min([tok.i] + [c.left_edge.i for c in left])
    return tok.doc[start: tok.i + 1].text


def _value(sent: Span) -> str | None:
    for ent in sent.ents:
        if ent.label_ == "MONEY" and MONEY.search(ent.text):
            return ent.text
    m = MONEY.search(sent.text)
    return m.group(0).strip() if m else None


def _dedupe(drafts: list[_Draft]) -> list[_Draft]:
    """One claim per (supplier, recipient, item): the main clause's wins (smallest depth);
    a general term ("arms" in "an arms delivery") yields to specifics for the same pair."""
    best: dict[tuple, _Draft] = {}
    for d in drafts:
        key = (d.supplier.key if d.supplier else None, d.recipient.key if d.recipient else None,
               (d.item_span.start, d.item_span.end) if d.item_span is not None else None)
        old = best.get(key)
        if old is None or (d.depth, -d.confidence) < (old.depth, -old.confidence):
            best[key] = d
    out = list(best.values())
    # fill a missing side from a fuller claim on the same item
    full = [d for d in out if d.supplier and d.recipient]
    out = [d for d in out if d.supplier and d.recipient or not any(
        f.item_span is not None and d.item_span is not None and f.item_span.start ==
        d.item_span.start and (d.supplier is None or _same(d.supplier, f.supplier)) and
        (d.recipient is None or _same(d.recipient, f.recipient)) for f in full)]
    specific_pairs = {(d.supplier.key if d.supplier else None,
                       d.recipient.key if d.recipient else None)
                      for d in out if d.item.category != "unspecified"}
    return [d for d in out if not (
        d.item.category == "unspecified" and d.item_span is not None and
        d.item_span[-1].dep_ == "compound" and
        (d.supplier.key if d.supplier else None, d.recipient.key if d.recipient else None)
        in specific_pairs)]
