"""The transfer component: reads triggers and their frames into :class:`TransferClaim` drafts.

``armsgraph_transfers`` sets ``doc._.transfers``: a list of claims whose
``doc_id`` is filled in later by :func:`armsgraph.extract.pipeline.extract_claims`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .attribution import source_of
from .claims import Actor, Item, TransferClaim, normalise_quantity
from .dates import stated_date
from .frames import AGENT_NOUNS, CONTENT_VERBS, CONTRACTOR_VERBS, Roles, frame_roles
from .lexicon import (
    ActorLexicon,
    FrameLexicon,
    load_actor_lexicon,
    load_frame_lexicon,
    ordered_words,
    words,
)
from .names import AIRLINE_PREFIX, SUFFIXES
from .rulers import ACTOR_KEY, WEAPON_KEY
from .status import status_of
from .syntax import (
    CIRCUMSTANCES,
    CURRENCY_WORDS,
    MENTION_TOKENS_KEY,
    PRONOUNS,
    REPORTING,
    along_with,
    children,
    clause_preps,
    governors,
    is_verb,
    preps,
    subject_of,
    with_conjuncts,
)
from .truecase import original_text

CLAIMS_KEY = "armsgraph.claims"  # doc.user_data: the claims as plain records


def _get_transfers(doc: Doc) -> list[TransferClaim] | None:
    records = doc.user_data.get(CLAIMS_KEY)
    return None if records is None else [TransferClaim.from_record(r) for r in records]


def _set_transfers(doc: Doc, claims: list[TransferClaim] | None) -> None:
    doc.user_data[CLAIMS_KEY] = None if claims is None else [c.to_record() for c in claims]


# The claims live in ``doc.user_data`` as plain records (msgpack-able), so that a Doc made
# in one of spaCy's worker processes (``n_process``) crosses back with them.
if not Doc.has_extension("transfers"):
    Doc.set_extension("transfers", getter=_get_transfers, setter=_set_transfers)

# Nouns that stand for the actor that owns them: "Russia's defence ministry", "the Iranian army".
INSTITUTIONS = words("institutions")
# Nouns that hold a quantity or a part of the item named by their ``of`` phrase.
CONTAINERS = words("containers")
ORIGIN_SUFFIXES = words("origin-suffixes")
ACQUISITION_SUFFIXES = words("acquisition-suffixes")
HEADLINE_DEAL_VERBS = words("headline-deal-verbs")
RELATIVE_PRONOUNS = frozenset({"which", "who", "that", "whom"})
# Verbs that say too little with one side missing and an unspecified item.
VAGUE_TRIGGERS = words("vague-triggers")
# Movement verbs: a claim from them needs a recipient in the sentence.
MOVEMENT = words("movement")
# A money amount as written: "$1.2bn", "US$ 40 million", "40 mln dlrs", "1.5 billion U.S.
# dollars", "500 mln marks", "Rs 1,200 crore". Read by rule, not by the model's entities.
_SCALE = r"(?:bn|mn|mln|bln|billion|million|trillion|thousand|crore|lakh)"
_CURRENCY = (r"(?:(?:U\.?S\.?|Canadian|Australian|Hong Kong|Singapore|New Zealand)\s+)?"
             r"(?:dollars|dlrs|euros|pounds|sterling|stg|yen|yuan|won|rupees|roubles|rubles|"
             r"marks|francs|lire|kronor|crowns|shekels|riyals|dinars)")
_ABOUT = (r"(?:(?:up to|about|around|approximately|almost|nearly|over|under|more than|"
          r"less than|at least|some|roughly|an estimated|in excess of)\s+)?")
MONEY = re.compile(
    _ABOUT + r"(?:(?:US|A|C|NZ|HK|S)?[$€£¥]\s?\d[\d,.]*(?:-?\s?(?:bn|mn|m|k)\b|[-\s]"
    + _SCALE + r"\b)?"
    r"|\b\d[\d,.]*\s?" + _SCALE + r"\s+" + _CURRENCY + r"\b"
    r"|\b\d[\d,.]*\s+" + _CURRENCY + r"\b"
    r"|\bRs\.?\s?\d[\d,.]*\s?(?:crore|lakh|bn|billion)?)", re.I)


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
    needs_recipient: bool = False
    inferred: bool = False  # a side was borrowed from another clause of the sentence
    # the sentence names the recipient, as no actor ("giving critics fresh ammunition"):
    # no other actor is borrowed for it
    recipient_stated: bool = False
    borrowed: str | None = None  # the side taken from another claim of the sentence


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
        doc.user_data.pop(MENTION_TOKENS_KEY, None)  # a cache of this component, a set
        return doc

    # -- mapping tokens to actors and items ---------------------------------------------

    def _actor(self, span: Span) -> Actor:
        kind, sep, name = span.kb_id_.partition(":")
        if sep and kind in ("company", "airline"):  # a name the lexicon does not list
            return Actor(name=name, iso3=None, mention=_text(span), type=kind)
        entry = self.actors.get(span.kb_id_)
        return Actor(name=entry.name, iso3=entry.iso3, mention=_text(span), type=entry.type,
                     country=entry.country, wikidata=entry.wikidata)

    def actors_of(self, tok: Token, ctx: _Context, depth: int = 0) -> list[tuple[Actor, Span]]:
        """The actors a role token stands for: an actor mention, an institution of an actor
        ("Russia's defence ministry", "the Government of Iraq"), a description with the
        actor's name ("the all-weather friend China"), a relative pronoun's noun ("Iran,
        which has provided"), or a pronoun resolved to the subject above it."""
        if depth > 2:
            return []
        span = ctx.actor_at.get(tok.i)
        if span is not None and span.label_ == "place":
            # a city or base stands for the forces there only as a destination
            if tok.dep_ == "pobj" and tok.head.lower_ in ("to", "into", "in", "at"):
                return [(self._actor(span), span)]
            return []
        if span is not None:
            if span.label_ == "demonym" and tok.i != span.end - 1 and tok.head.i >= span.end:
                pass
            elif span.label_ != "demonym" or tok.dep_ not in ("amod",) or tok.head.i in \
                    ctx.weapon_at or (tok.head.lemma_.lower(), "NOUN") in self.frames.triggers:
                return [(self._actor(span), span)]
        if tok.lower_ in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl":
            noun = tok.head.head
            if noun.dep_ == "pobj" and noun.head.lower_ == "among" and \
                    noun.head.head.lemma_.lower() == "be":
                # "Norway and Denmark are among the countries that pledged F-16s": the
                # copula's subject is who did
                return [a for s in with_conjuncts(children(noun.head.head, "nsubj"))
                        for a in self.actors_of(s, ctx, depth + 1)]
            return self.actors_of(noun, ctx, depth + 1)
        if tok.lemma_.lower() in SHARES:  # "65 pct of Egypt's arsenal"
            for obj in preps(tok, "of"):
                return self.actors_of(obj, ctx, depth + 1)
        ticker = _bracketed_ticker_owner(tok, ctx)
        if ticker is not None:  # "British Aerospace Plc <BAEL.L> has won": the ticker's name
            return [(self._actor(ticker), ticker)]
        if tok.lower_ in PRONOUNS:
            return self._resolve_pronoun(tok, ctx, depth)
        if tok.i in ctx.weapon_at or tok.pos_ not in ("NOUN", "PROPN"):
            return []
        for c in tok.children:  # "the all-weather friend China", "its neighbour Iran"
            if c.dep_ == "appos" and c.i in ctx.actor_at:
                return self.actors_of(c, ctx, depth + 1)
        listed = [a for p in tok.children if p.dep_ == "prep" and p.lower_ in (
            "including", "like", "such") for o in p.subtree if o.dep_ in ("pobj", "conj")
                  and o.i in ctx.actor_at for a in self.actors_of(o, ctx, depth + 1)]
        if listed:  # "sold its drones to buyers including Nigeria, Kenya, Chad and Mali"
            return list({a.key: (a, s) for a, s in listed}.values())
        if tok.lemma_.lower() in PLACES:  # "an air base in Manila received", "the port of X"
            for obj in preps(tok, "in", "at", "of", "near"):
                found = self.actors_of(obj, ctx, depth + 1)
                if found:
                    return found
        if tok.lemma_.lower() in OPPOSITION:
            return self._opposition(tok, ctx)
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
        if tok.lower_ in INSTITUTIONS and not found:
            # "the Ministry of the Interior of the Republic of Croatia", "the armed forces
            # of Ukraine"
            for obj in preps(tok, "of"):
                found = self.actors_of(obj, ctx, depth + 1)
                for inner in ([] if found else preps(obj, "of")):  # "of the Interior of X"
                    found = self.actors_of(inner, ctx, depth + 1)
                    if found:
                        break
                if found:
                    break
        if found and (tok.lower_ in INSTITUTIONS or tok.pos_ == "PROPN"):
            return found
        return []

    def _opposition(self, tok: Token, ctx: _Context) -> list[tuple[Actor, Span]]:
        """ "Syria's embattled rebels", "the Syrian opposition": a state's rebels are not
        the state but its armed opposition, named "<Demonym> rebels" in the lexicon."""
        for mod in tok.children:
            span = ctx.actor_at.get(mod.i)
            if span is None or mod.dep_ not in ("poss", "compound", "amod", "nmod"):
                continue
            entry = self.actors.actors.get(span.kb_id_)
            if entry is None or entry.type != "state":
                return [(self._actor(span), span)]  # "Houthi rebels": the group itself
            group = self._rebels_of(entry.id)
            if group is not None:
                return [(Actor(name=group.name, iso3=None, mention=_text(span),
                               type=group.type, country=group.country,
                               wikidata=group.wikidata), span)]
        return []

    def _rebels_of(self, iso3: str):
        by_form = self._rebel_aliases()
        return by_form.get(iso3)

    @functools.cache  # noqa: B019 (one extractor per pipeline)
    def _rebel_aliases(self) -> dict:
        """State -> the armed group the lexicon names "<Demonym> rebels" ("Syrian rebels")."""
        demonyms = {a.text.lower(): a.actor_id for a in self.actors.aliases
                    if a.kind == "demonym"}
        out = {}
        for a in self.actors.aliases:
            words_ = a.text.lower().split()
            if len(words_) == 2 and words_[1] in ("rebels", "opposition") and \
                    words_[0] in demonyms and self.actors.actors[a.actor_id].type == "armed-group":
                out.setdefault(demonyms[words_[0]], self.actors.actors[a.actor_id])
        return out

    def _resolve_pronoun(self, tok: Token, ctx: _Context, depth: int) -> list[tuple[Actor, Span]]:
        """A pronoun's actor in its own sentence: the subject of the nearest clause above it
        that is not the pronoun ("Iran acknowledged it had acquired", "its commitment"). An
        object pronoun never means its own clause's subject ("Iran, which has provided
        them with weapons"). A subject that is no actor ("Western countries") means the
        pronoun names no actor; an antecedent in another sentence is none. *They* may also
        stand for coordinated actors before it ("Lockheed Martin and Raytheon ... their")."""
        cur = tok
        saw_subject = False
        own_clause = tok.dep_ in ("dobj", "dative", "pobj", "iobj")
        # "to supply weapons to its armed forces": a recipient's owner is not the giver
        recipient_owner = tok.dep_ == "poss" and tok.head.dep_ == "pobj" and \
            tok.head.head.lower_ in ("to", "for")
        for _ in range(8):
            if cur.head == cur:
                break
            cur = cur.head
            if cur.pos_ not in ("VERB", "AUX"):
                continue
            if recipient_owner and tok.head.head.head == cur:
                recipient_owner = False
                continue
            subj, _inh = subject_of(cur)
            subj = [s for s in subj if s.i != tok.i and s.lower_ not in PRONOUNS
                    and not (s.left_edge.i <= tok.i <= s.right_edge.i)]
            if own_clause:
                own_clause = False
                if tok.head == cur or tok.head.head == cur:
                    continue
            plural = tok.lower_ in ("they", "their", "them", "themselves")
            if plural and subj and len(subj) == 1 and subj[0].tag_ not in ("NNS", "NNPS"):
                continue  # "Beijing imposed sanctions on Lockheed and Raytheon over their sales"
            if not subj:
                continue
            saw_subject = True
            found = [a for s in subj for a in self.actors_of(s, ctx, depth + 1)]
            if not found:  # "a Northrop appeal ... contracts it won": the subject's owner
                found = [(self._actor(ctx.actor_at[c.i]), ctx.actor_at[c.i]) for s in subj
                         for c in s.children if c.dep_ in ("compound", "poss")
                         and c.i in ctx.actor_at and ctx.actor_at[c.i].label_ != "demonym"]
            if found or tok.lower_ not in ("they", "their", "them", "themselves"):
                return found
            break
        if tok.lower_ in ("they", "their", "them", "themselves"):
            for i, span in sorted(ctx.actor_at.items(), reverse=True):
                if i >= tok.i or i != span.start:
                    continue
                last = tok.doc[span.end - 1]
                group = [t for t in last.conjuncts if t.i in ctx.actor_at and t.i < tok.i]
                if group and not saw_subject:
                    out = [(self._actor(span), span)]
                    out += [(self._actor(ctx.actor_at[t.i]), ctx.actor_at[t.i]) for t in group]
                    return out
        if saw_subject:
            return []
        before = {s.kb_id_: s for i, s in sorted(ctx.actor_at.items()) if i < tok.i and
                  s.label_ != "place"}
        if len(before) != 1:
            return []  # "On the Danish side, ... with Argentina, it donated": unclear
        span = next(iter(before.values()))
        return [(self._actor(span), span)] if span.label_ != "demonym" else []

    def items_of(self, tok: Token, ctx: _Context, quantity: str | None = None, depth: int = 0
                 ) -> list[tuple[Span, str | None]]:
        """The weapon mentions a role token names, with their quantity, following
        quantity nouns ("millions of shells") and coordination ("shells and rockets")."""
        if depth > 3:
            return []
        out: list[tuple[Span, str | None]] = []
        for t in (tok, *tok.conjuncts) if depth == 0 else (tok,):
            span = ctx.weapon_at.get(t.i)
            if span is not None and span._.weapon_role != "item":
                continue  # "mortar fire": a weapon word, not an item
            if span is not None and t.i == span.end - 1 and any(
                    c.lower_ == "following" for c in t.children):
                listed = _listed_after_colon(t, ctx)
                if listed:  # "has provided the following defense articles: 40 M198 ..."
                    out.extend(listed)
                    continue
            if span is not None and t.i == span.end - 1 and t.lemma_.lower() in CONTAINERS:
                # "three batteries of the missile", "a squadron of F-16s": the unit's item
                inner = [x for c in t.children if c.dep_ == "prep" and c.lower_ == "of"
                         for o in c.children if o.dep_ == "pobj"
                         for x in self.items_of(o, ctx, quantity or _container_quantity(t),
                                                depth + 1)]
                if inner:
                    out.extend(inner)
                    continue
            if span is not None:
                # the mention's head, or where the parse hangs the mention ("asks US for
                # Gray Eagle drones" with *Eagle* as the object and *drones* misparsed)
                if t.i == span.end - 1 or not (span.start <= t.head.i < span.end):
                    # "PNS Tughril, the first of four Type 054A/P frigates": an apposition
                    # names the same item; keep the one that says what it is
                    listed = [x for c in t.children if c.dep_ == "prep" and c.lower_ in (
                        "including", "such", "like") for o in c.subtree
                        if o.dep_ in ("pobj", "conj") and o.i in ctx.weapon_at
                        for x in self.items_of(o, ctx, None, depth + 1)]
                    if listed and span.label_ in ("unspecified", "other"):
                        # "military equipment, including 20 Hawk trainers": the specifics,
                        # which keep the general noun's origin ("US weapons including rifles")
                        for x in listed:
                            ctx.general.setdefault(x[0].start, span)
                        out.extend(listed)
                        continue
                    # "a U.S. plane, either the F-18 or F-16": the apposition and its
                    # conjuncts
                    appos = [x for c in t.children if c.dep_ == "appos"
                             for a in (c, *c.conjuncts)
                             for x in self.items_of(a, ctx, quantity, depth + 1)]
                    same = [x for x in appos if x[0].label_ == span.label_]
                    # an apposition of another kind is the next item of a list the parser
                    # misread: "missile launchers, additional artillery from Greece"
                    out.extend(same or [(span, quantity or _quantity(t, span))])
                    out.extend(x for x in appos if x not in same)
                    for extra in along_with(t):  # "40 J-35s together with KJ-500 aircraft"
                        out.extend(self.items_of(extra, ctx, None, depth + 1))
                    for c in t.lefts:  # "NASAMS and Aspide systems": NASAMS hangs on systems
                        other = ctx.weapon_at.get(c.i)
                        if other is not None and other.end <= span.start and any(
                                x.pos_ == "CCONJ" for x in t.doc[other.end:span.start]):
                            out.append((other, None))
                continue
            if t.lower_ in ("anything", "everything") and depth == 0:
                # "it has to buy anything at all from North Korea": an unspecified item
                out.append((Span(t.doc, t.i, t.i + 1, label="unspecified"), quantity))
                continue
            if t.pos_ == "NOUN" and t.i > 0:
                # "55 mortar systems", "four Patriot units": the weapon word is a modifier
                # of a noun the lexicon does not know; the noun stands for the item
                before = ctx.weapon_at.get(t.i - 1)
                if before is not None and before.end == t.i and before._.weapon_role == "item" \
                        and t.doc[t.i - 1].head.i == t.i:
                    out.append((before, quantity or _quantity(t, before)))
                    continue
            if t.lower_ in CONTAINERS or t.lemma_.lower() in CONTAINERS or t.like_num or \
                    t.pos_ == "NUM" or _money(t):
                # "millions of shells", "the first in a series of shipments of weapons",
                # "$6.8 billion in security assistance"
                q = None if _money(t) else quantity or _container_quantity(t)
                for child in t.children:
                    if child.dep_ == "prep" and child.lower_ in ("of", "in"):
                        for obj in child.children:
                            if obj.dep_ == "pobj":
                                out.extend(self.items_of(obj, ctx, q, depth + 1))
                                for conj in obj.conjuncts:
                                    out.extend(self.items_of(conj, ctx, q, depth + 1))
                for obj in _comprised(t):  # "the first batch comprising six fighter jets"
                    out.extend(self.items_of(obj, ctx, q, depth + 1))
                continue
            if any(c.lower_ == "following" for c in t.children):
                out.extend(_listed_after_colon(t, ctx))  # "the following defense articles:"
            if t.lower_ in COMPONENT_NOUNS and t.i not in ctx.weapon_at:
                # "564 air data computer kits for aircraft", "spare parts for F-16s": parts of
                # weapons are items of their own ("other")
                for obj in preps(t, "for"):
                    if obj.i in ctx.weapon_at:
                        out.append((_component_span(t), quantity or _quantity(t)))
                        break
            if any(c.lower_ == "following" for c in t.children):
                out.extend(_listed_after_colon(t, ctx))  # "the following defense articles:"
            for child in t.children:  # "PNS Tughril, the first of four Type 054A/P frigates"
                if child.dep_ == "appos":
                    out.extend(self.items_of(child, ctx, quantity, depth + 1))
            for child in t.children:
                if child.dep_ == "prep" and child.lower_ in ("including", "like", "such"):
                    for obj in child.subtree:
                        if obj.dep_ == "pobj" and obj.i in ctx.weapon_at:
                            out.extend(self.items_of(obj, ctx, None, depth + 1))
        return out

    # -- one sentence ---------------------------------------------------------------------

    def sentence_claims(self, sent: Span) -> list[TransferClaim]:
        ctx = _Context(sent)
        if not ctx.weapons and not any(t.lemma_.lower() == "arm" or t.lower_ in
                                       ("anything", "everything") or t.lemma_.lower() in
                                       UNNAMED_CARGO for t in sent):
            return []  # "the North Korean shipments to Russia": a transfer with no item word
        drafts: list[_Draft] = []
        for tok in sent:
            spec = self._trigger(tok)
            if spec is None:
                continue
            drafts.extend(self._claims_for_trigger(tok, spec, ctx))
        drafts.extend(self._modifier_claims(ctx, drafts))
        drafts = self._foreign_military_sales(ctx, drafts)
        drafts = [d for d in _dedupe(drafts, ctx) if not _civil(d, ctx) and
                  self._abroad(d, ctx)]
        self._fill_only_actor(drafts, ctx)
        drafts = [d for d in drafts if not (d.inferred and self._domestic(d, ctx)) and (
            d.supplier is not None or d.recipient is not None) and not (
            d.supplier is not None and d.recipient is not None and _same(d.supplier,
                                                                         d.recipient))]
        source = None
        claims = []
        doc = sent.doc
        start = sent.start_char
        end = sent.end_char
        text = original_text(doc)[start:end]
        stripped = text.strip()
        start += len(text) - len(text.lstrip())
        end = start + len(stripped)
        value = _value(sent)
        stated = stated_date(stripped) if drafts else None
        for d in drafts:
            source = source_of(d.trigger)
            claims.append(TransferClaim(
                doc_id="", sentence=stripped, span=(start, end), supplier=d.supplier,
                recipient=d.recipient, item=d.item, status=d.status, quantity=d.quantity,
                value=value, source=source, inferred=d.inferred, rule=d.rule,
                confidence=d.confidence, stated_date=stated))
        return claims

    def _trigger(self, tok: Token):
        lemma = tok.lemma_.lower()
        if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
            spec = self.frames.triggers.get((lemma, "VERB"))
            if spec is None and lemma == "end" and any(
                    c.dep_ == "prt" and c.lower_ == "up" for c in tok.children) and any(
                    o.lemma_.lower() == "hand" for o in preps(tok, "in", "into")):
                # "US-made rifles ended up in the hands of the Taliban": they reached them
                return self.frames.triggers.get(("reach", "VERB"))
            if spec is None and lemma == "make" and any(
                    c.lower_ == "available" and (c.head == tok or c.head.head == tok)
                    for c in tok.subtree):
                # "the United States makes available to Taiwan defense articles": provides
                return self.frames.triggers.get(("provide", "VERB"))
            if spec is None and tok.i > 0 and tok.nbor(-1).lower_ in HEADLINE_DEAL_VERBS:
                # headline "Greece signs deal for French frigates", parsed with *deal* a verb
                spec = self.frames.triggers.get((lemma, "NOUN"))
                if spec is not None and spec.frame != "deal":
                    spec = None
            if lemma == "come" and not any(c.dep_ == "prep" and c.lower_ == "from"
                                           for c in tok.children):
                return None  # only "came from": "most of its arms come from Russia"
            if spec is None and tok.tag_ == "VBZ" and tok.lower_.endswith("s"):
                spec = self.frames.triggers.get((tok.lower_[:-1], "VERB"))  # "arms" as a verb
            return spec
        if tok.pos_ in ("NOUN", "PROPN"):
            if lemma == "letter" and [t.lower_ for t in tok.doc[tok.i + 1:tok.i + 3]] != [
                    "of", "intent"]:
                return None  # a letter is a deal only as a letter of intent
            if lemma == "possession":  # "Kyiv has taken possession of the CV90s"
                return self.frames.triggers.get(("delivery", "NOUN")) if (
                    tok.dep_ == "dobj" and tok.head.lemma_.lower() == "take") else None
            spec = self.frames.triggers.get((lemma, "NOUN"))
            if spec is None and tok.lower_ == "arms" and tok.i > 0 and tok.i + 1 < len(tok.doc) \
                    and tok.nbor(-1).i in _actor_index(tok) and tok.nbor(1).i in _actor_index(tok):
                return self.frames.triggers.get(("arm", "VERB"))  # headline "X arms Y with Z"
            return spec
        return None

    def _claims_for_trigger(self, t: Token, spec, ctx: _Context) -> list[_Draft]:
        roles: Roles = frame_roles(t, spec)
        far = roles.governor if t.pos_ == "NOUN" else None  # before a headline frame's roles
        if spec.frame == "arm" and t.pos_ not in ("VERB", "AUX"):
            roles = _headline_arms(t, ctx)
        if spec.frame == "deal" and t.tag_.startswith("VB"):
            roles = _headline_deal(t, ctx)
        if spec.frame == "give" and t.lemma_.lower() == "hand" and not any(
                c.lower_ in ("over", "to") for c in t.children):
            return []  # "hand" alone is no transfer; "hand over", "handed to" are
        if spec.frame == "give" and t.lemma_.lower() == "give" and any(
                c.dep_ == "prt" and c.lower_ == "up" for c in t.children):
            return []  # "the air force, which gave up its last Mirage in 2017": retired
        if any(g.lemma_.lower() in SEIZURE_VERBS for g in governors(t, max_hops=7)):
            return []  # "seized an Iranian weapons shipment bound for the Houthis"
        if t.pos_ == "NOUN" and t.lemma_.lower() in ("aid", "assistance"):
            kinds = {m.lower_ for c in t.children if c.dep_ == "amod" for m in (c, *c.conjuncts)}
            if kinds & MONEY_AID and not kinds & {"military", "security", "defence", "defense",
                                                    "lethal"}:
                return []  # "gave generous financial aid for the development of Iron Dome"
        if spec.frame == "arm" and t.tag_ == "VBN" and t.dep_ == "advcl" and any(
                ctx.actor_at[x.i].label_ in ("leader", "title") for x in roles.recipients
                if x.i in ctx.actor_at):
            return []  # "Armed with battle-tested drones, President Erdogan has deepened
            # ties": a leader armed with an argument, not with weapons
        suppliers = self._map_actors(roles.suppliers, ctx)
        recipients = self._map_actors(roles.recipients, ctx)
        for plat in roles.platforms:  # "for Australian and Spanish frigates"
            recipients += [a for a in self._owners(plat, ctx) if all(not _same(a, r)
                                                                    for r in recipients)]
        items = self._items(t, roles, ctx)
        if not recipients and t.pos_ == "NOUN":
            suppliers, recipients = self._promised(t, ctx, suppliers)
        if not recipients:
            recipients = self._users(items, ctx)
        for actor in self._map_actors(roles.modifiers, ctx):
            # "U.S. arms sales (to Iran)" sells; "the secret Iran arms sales", "the Saudi
            # arms deal" buys: a name on a transfer noun is the seller when a recipient is
            # named or it is a leading exporter, else the buyer
            if recipients or _leading_exporter(actor) or actor.type == "company":
                suppliers = suppliers + [actor] if all(not _same(actor, a) for a in suppliers) \
                    else suppliers
            elif all(not _same(actor, a) for a in recipients + suppliers):
                recipients = recipients + [actor]
        party_actors = self._map_actors(roles.parties, ctx)
        if spec.frame == "give" and party_actors:
            if t.pos_ == "NOUN":
                suppliers = suppliers or party_actors
            else:
                recipients = recipients or party_actors
        if spec.frame == "get" and party_actors and not recipients:
            if len(party_actors) >= 2 and not suppliers and t.pos_ == "NOUN" and any(
                    (s := self._trigger(d)) is not None and s.frame == "deal"
                    for g in governors(t, max_hops=3) for d in (g, *children(g, "dobj"))):
                # "Pakistan and China signed a deal regarding the purchase of fighter jets":
                # the signers of the deal are its two sides, oriented like a deal's parties
                suppliers, recipients = _orient(party_actors, [], [], [], items, ctx, self)
            else:
                recipients = party_actors
        if spec.frame in ("deal", "make"):
            partner_actors = self._map_actors(roles.partners, ctx)
            suppliers, recipients = _orient(party_actors, partner_actors, suppliers, recipients,
                                            items, ctx, self)
        elif roles.inherited and spec.frame in ("give", "get") and (
                len(suppliers) >= 2 and not recipients or len(recipients) >= 2 and not suppliers):
            # "Russia and India signed a contract to supply the S-400s": the signers of a
            # deal are its two sides, oriented like a deal's parties
            suppliers, recipients = _orient(suppliers or recipients, [], [], [], items, ctx,
                                            self)
        if not items and spec.frame in ("give", "get") and t.pos_ == "VERB":
            items = self._next_item(t, ctx)
        if not items and t.pos_ == "NOUN" and suppliers and recipients and \
                t.lemma_.lower() in BARE_TRANSFER_NOUNS and not _has_of_item(t):
            # "the North Korean shipments to Russia": a transfer noun with no weapon word
            items = [(Span(t.doc, t.i, t.i + 1, label="unspecified"), None)]
        if not items:
            if spec.lemma == "arm":  # "Tehran denies arming the Houthis"
                items = [(None, None)]
            else:
                return []
        status, reason = status_of(t, spec, self.frames.cues,
                                   far if far is not None and is_verb(far) else None)
        if _blanket(t, items):
            return []  # "Israel suspended all sales of defense hardware to Colombia": embargo
        drafts = []
        depth = _depth(t)
        unmapped_dative = not recipients and (any(
            c.dep_ == "dative" and c.pos_ in ("NOUN", "PROPN") and not self.actors_of(c, ctx)
            for c in t.children) or any(
            # "delivered 12 Rafales to an undisclosed customer": a buyer stated, not named
            r.lemma_.lower() in UNNAMED_BUYERS and r.dep_ == "pobj" and is_verb(t)
            and not self.actors_of(r, ctx) and not any(
                c.lower_ in ("any", "every", "all", "each", "no") for c in r.children)
            for r in roles.recipients))
        for span, qty in items:
            item_recs = recipients
            item_sups = suppliers or [o for o in self._origin(span, ctx, spec)
                                      if all(not _same(o, r) for r in item_recs)]
            if not suppliers and not item_recs and t.pos_ == "NOUN" and span is not None and \
                    span[-1].head == t and span[-1].dep_ == "compound":
                # "the Iranian arms sale matter": a name before "arms sale" is the buyer
                # unless a leading exporter ("Soviet arms sales")
                item_recs = [o for o in item_sups if not _leading_exporter(o)]
                item_sups = [o for o in item_sups if _leading_exporter(o)]
            if not item_sups and span is not None and span._.weapon_origin and \
                    t.lemma_.lower() in AGENT_NOUNS:
                # "the first export customer for the BrahMos": its maker sells
                item_sups = [Actor(name=span._.weapon_origin, iso3=span._.weapon_origin,
                                   mention=_text(span))]
            if not item_sups and t.lemma_.lower() in NEEDS_SUPPLIER:
                continue  # "the navy expects to commission the ship": its own ship
            if not suppliers and not item_sups and span is not None and any(
                    _same(o, r) for o in self._origin(span, ctx, spec, owners=False)
                    for r in item_recs):
                continue  # "Bonn wanted the West German Pershing missiles excluded": its own
            if item_sups and item_recs and t.pos_ == "NOUN" and all(
                    _same(a, r) for a in item_sups for r in item_recs) and any(
                    c.dep_ in ("compound", "amod") and c.i in ctx.actor_at for c in t.children):
                item_sups = []  # "the secret Iran arms sales to Iran": a side read twice
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
                    if (sup is None or rec is None) and item.category == "unspecified" and \
                            t.lemma_.lower() in VAGUE_TRIGGERS:
                        continue  # "they've got equipment": too vague with one side
                    drafts.append(_Draft(sup, rec, span, item, normalise_quantity(qty), status,
                                         f"{spec.frame}:{t.lemma_.lower()}/{reason}", conf, depth,
                                         t, needs_recipient=t.lemma_.lower() in MOVEMENT,
                                         recipient_stated=unmapped_dative))
        return drafts

    def _foreign_military_sales(self, ctx: _Context, drafts: list[_Draft]) -> list[_Draft]:
        """ "a $54 million FMS contract ... for Costa Rica, the Dominican Republic",
        "combines purchases for the U.S. Navy and Spain under the Foreign Military Sales
        program": the US government sells, to every foreign state the sentence names."""
        if not _mentions_fms(ctx.sent):
            return drafts
        usa = Actor(name="United States", iso3="USA", mention="Foreign Military Sales")
        buyers = []
        for span in ctx.actors:
            a = self._actor(span)
            if a.iso3 and a.iso3 != "USA" and all(not _same(a, b) for b in buyers):
                buyers.append(a)
        out = [d for d in drafts if not (d.recipient is not None and d.recipient.iso3 == "USA")]
        for d in out:
            if d.supplier is None or d.supplier.type == "company":
                d.supplier = usa
        if out or not buyers:
            return out  # the rules read the sentence; or no buyer is named
        items = [w for w in ctx.weapons if w._.weapon_role == "item" and not _carrier(w)]
        specific = [w for w in items if w.label_ != "unspecified"]
        trigger = ctx.sent.root
        for span in specific or items:
            for buyer in buyers:
                out.append(_Draft(usa, buyer, span, _item(span), _quantity(span[-1], span),
                                  "agreed", "fms:foreign military sales/trigger", 0.7, 9,
                                  trigger))
        return out

    def _fill_only_actor(self, drafts: list[_Draft], ctx: _Context) -> None:
        """A claim with one side unread takes the sentence's only other actor for it, marked
        ``inferred``: "Pakistan has purchased 25 J-10Cs, the all-weather friend China ...".
        Actors that are where or against whom weapons are used ("in Ukraine", "against
        Kyiv"), in the claim's source ("US officials said") or airlines are no candidates.
        On the labelled real text this filled the side correctly every time the gold named
        it (18 of 18)."""
        spans: dict[str, Span] = {}
        sides = {a.key for d in drafts for a in (d.supplier, d.recipient) if a is not None}
        for span in ctx.actors:
            head = span.doc[span.end - 1]
            if head.dep_ == "pobj" and head.head.lower_ in PLACE_PREPS:
                continue
            if any(a.dep_ == "prep" and a.lower_ in CIRCUMSTANCES for a in head.ancestors):
                continue  # "during a visit to France": the occasion, no side
            if _in_source(head):
                continue
            if head.dep_ in ("compound", "poss", "nmod", "amod") and head.head.i not in \
                    ctx.weapon_at and head.head.lower_ not in INSTITUTIONS and \
                    head.head.pos_ != "PROPN" and (head.head.lemma_.lower(), "NOUN") not in \
                    self.frames.triggers:
                continue  # "United Nations resolutions", "the Ukraine war": a modifier
            a = self._actor(span)
            if a.type != "airline" and span.label_ != "place":
                spans.setdefault(a.key, span)
        for d in drafts:
            side = "supplier" if d.supplier is None else "recipient" if d.recipient is None \
                else None
            if side is None or side == "recipient" and d.recipient_stated:
                continue
            known = d.recipient if side == "supplier" else d.supplier
            # an actor that is a side of another claim of the sentence is no candidate:
            # "provided masks to the Iraqi forces and the Peshmerga" has two recipients
            others = [s for k, s in spans.items() if k != known.key and k not in sides]
            if len(others) != 1 or _subject_elsewhere(others[0], d.trigger):
                continue
            if any(_describes(others[0], s) for s in ctx.actors if self._actor(s).key ==
                   known.key):
                continue  # "Russia's state arms exporter Rosoboronexport": its home
            if side == "recipient" and d.item_span is not None and _names_item(others[0],
                                                                             d.item_span):
                continue  # "won contracts, including 114 Northrop F-5s": the maker, no buyer
            if side == "recipient" and _contractor(others[0]):
                continue  # "X was awarded a contract for foreign military sales": X sells
            actor = self._actor(others[0])
            if side == "supplier" and actor.type == "company" and known.iso3 and \
                    actor.country == known.iso3:
                continue  # its own industry
            setattr(d, side, actor)
            d.inferred = True
            d.confidence -= 0.2
            d.rule += "+only-actor"
            d.borrowed = side

    def _abroad(self, d: _Draft, ctx: _Context) -> bool:
        """The claim crosses a border; a claim that is domestic only through a side
        borrowed from another claim gives that side back and is kept."""
        return not self._domestic(d, ctx) or (
            d.borrowed is not None and not self._domestic(_unborrowed(d), ctx))

    def _domestic(self, d: _Draft, ctx: _Context) -> bool:
        """A state's order from its own industry with the supplier unnamed: "the company
        said it will provide missiles to the U.S. Navy", "patrol vessels ordered by the
        French Navy" beside French shipyard Socarenam; or a company's contract or sale
        with no buyer named ("the Defence Ministry signed a contract with HAL to procure
        97 more Tejas"), which is most often its own state's order."""
        if d.supplier is not None and d.recipient is not None and d.supplier.type == \
                "company" and d.recipient.iso3 and d.supplier.country == d.recipient.iso3:
            return True  # a state buying from its own industry
        if d.supplier is not None and d.recipient is not None and d.supplier.type == \
                "company" and d.supplier.country is None and "USA" in (
                    d.recipient.country, d.recipient.iso3) and not _mentions_fms(ctx.sent):
            # "Photronics received contracts from General Dynamics", "Sooner Defense of
            # Florida won a contract from the U.S. Army": a firm the lexicon does not know
            # supplying a US firm or the US forces is, as most often, a US firm at home
            return True
        if d.supplier is not None and d.supplier.type == "company" and d.recipient is None:
            return d.trigger.lemma_.lower() in CONTRACT_LEMMAS or d.rule.startswith(
                ("get:", "deal:"))
        if d.supplier is not None or d.recipient is None or not d.recipient.iso3:
            return False
        home = d.recipient.iso3
        for span in ctx.actors:
            a = self._actor(span)
            if a.type == "company" and (a.country == home or a.country is None and
                                        home == "USA"):
                return True
            if span.label_ == "demonym" and span.kb_id_ == home and span.end < ctx.sent.end \
                    and span.doc[span.end].lower_ in DOMESTIC_MAKERS:
                return True  # "French shipyard Socarenam"
        return home == "USA" and any(t.lower_ in DOMESTIC_MAKERS for t in ctx.sent)

    def _items(self, t: Token, roles: Roles, ctx: _Context) -> list[tuple[Span, str | None]]:
        """The weapon mentions of the frame's item tokens, without the platforms that only
        name a buyer and the transport that carries the items ("sent its C-17 transport
        aircraft with the missiles")."""
        items: list[tuple[Span, str | None]] = []
        tokens = list(roles.items)
        for tok in tokens:
            for found in self.items_of(tok, ctx):
                if found[0] not in [i[0] for i in items]:
                    items.append(found)
        for head in _included(t, ctx):  # each mention as it stands, no apposition read
            span = ctx.weapon_at[head.i]
            if span not in [i[0] for i in items]:
                items.append((span, _quantity(head, span)))
        if t.pos_ == "NOUN" and t.i in ctx.weapon_at and not any(
                i[0].label_ != "unspecified" for i in items):
            # "military aid to Ukraine": the trigger is its own item, unless it lists
            # items of its own ("a new aid package, which includes ammunition, drones")
            for found in self.items_of(t, ctx):
                if found[0] not in [i[0] for i in items]:
                    items.append(found)
        platforms = {p.i for p in roles.platforms}
        kept = [i for i in items if i[0].end - 1 not in platforms]
        items = kept or items
        cargo = [i for i in items if not _carrier(i[0])]
        return cargo if cargo and len(cargo) < len(items) else items

    def _owners(self, tok: Token, ctx: _Context) -> list[Actor]:
        """The actors named by a platform's modifiers: "Australian and Spanish frigates"."""
        span = ctx.weapon_at.get(tok.i)
        if span is None:
            return self._map_actors([tok], ctx)
        doc = span.doc
        lo = span.start
        while lo > ctx.sent.start and (doc[lo - 1].i in ctx.actor_at or doc[lo - 1].lower_ in (
                "and", ",", "or")):
            lo -= 1  # "Australian and Spanish surface ships": names left of the mention
        return [self._actor(a) for a in ctx.actors if lo <= a.start < span.end]

    def _promised(self, t: Token, ctx: _Context, suppliers: list[Actor]
                  ) -> tuple[list[Actor], list[Actor]]:
        """ "Russia has assured India that the delivery of the S-400s will be completed":
        the one assured is the recipient, the one who assures the supplier."""
        for gov in governors(t, max_hops=6):
            if gov.lemma_.lower() in PROMISE_VERBS and gov.pos_ == "VERB":
                recipients = self._map_actors(children(gov, "dobj", "dative"), ctx)
                if recipients:
                    return suppliers or self._map_actors(subject_of(gov)[0], ctx), recipients
        return suppliers, []

    def _users(self, items: list[tuple[Span, str | None]], ctx: _Context) -> list[Actor]:
        """Who uses the items is who received them: "artillery shells used by Russia are
        supplied by North Korea", "missiles that Moscow's troops launch"."""
        out: list[Actor] = []
        for span, _q in items:
            if span is None:
                continue
            head = span[-1]
            holders = [head]
            if head.dep_ == "pobj" and head.head.lower_ == "of":
                holders.append(head.head.head)  # "dozens of missiles that Moscow launches"
            for c in (c for h in holders for c in h.children):
                if c.dep_ not in ("relcl", "acl") or c.lemma_.lower() not in USE_VERBS:
                    continue
                users = clause_preps(c, "by") if c.dep_ == "acl" else children(c, "nsubj")
                out.extend(a for a in self._map_actors(list(users), ctx)
                           if all(not _same(a, o) for o in out))
        return out

    def _next_item(self, t: Token, ctx: _Context) -> list[tuple[Span, str | None]]:
        """The weapon mention right after a verb that the parse gave no object: in "it had
        acquired Chinese-made Silkworm missiles capable of ..." the small model makes
        *missiles* the subject of *capable*."""
        doc = t.doc
        for tok in doc[t.i + 1: min(ctx.sent.end, t.i + 7)]:
            span = ctx.weapon_at.get(tok.i)
            if span is not None:
                if span.start != tok.i or span._.weapon_role != "item":
                    return []
                head = doc[span.end - 1]
                return [(span, _quantity(head, span))]
            if tok.pos_ in ("VERB", "AUX", "SCONJ", "ADP", "PRON", "CCONJ") and \
                    tok.tag_ not in ("VBN",) or tok.text in (",", ";", ":", "(") or \
                    tok.i in ctx.actor_at and ctx.actor_at[tok.i].label_ != "demonym":
                return []
        return []

    def _map_actors(self, toks: list[Token], ctx: _Context) -> list[Actor]:
        out: list[Actor] = []
        for tok in toks:
            for t in (tok, *tok.conjuncts):
                for actor, _span in self.actors_of(t, ctx):
                    if all(not _same(actor, a) for a in out):
                        out.append(actor)
        return out

    def _origin(self, span: Span | None, ctx: _Context, spec, owners: bool = True
                ) -> list[Actor]:
        """The maker or source named on the item itself: "Iranian drones", "US-made tanks",
        "seven German and five Dutch howitzers", "Israel's Arrow 3", "from the United States".
        Used only when the frame names no supplier (a donor beats the maker)."""
        if span is None:
            return []
        head = span[-1]
        found: list[Actor] = []

        def add(actors: Iterable[Actor]) -> None:
            for a in actors:
                if all(not _same(a, f) for f in found):
                    found.append(a)

        doc = span.doc
        lo = span.start
        while lo > ctx.sent.start and (doc[lo - 1].like_num or doc[lo - 1].dep_ in ("cc", "amod")
                                       or doc[lo - 1].lower_ in ("and", ",") or doc[lo - 1].i
                                       in ctx.actor_at):
            lo -= 1  # "seven German and five Dutch PzH 2000": demonyms left of the mention
            if doc[lo].text == "-" and lo - 1 >= ctx.sent.start:
                lo -= 1  # "a Chinese multi-role frigate": over a hyphenated word
        for tok in list(doc[lo:span.end]) + [c for c in head.children if c.dep_ == "poss"]:
            if tok.dep_ == "poss" and not owners:
                continue
            a = ctx.actor_at.get(tok.i)
            if a is None:
                if tok.dep_ == "poss" and tok.lower_ in PRONOUNS:
                    add(x for x, _ in self._resolve_pronoun(tok, ctx, 0))
                    add(self._announcing_maker(tok, ctx))
                continue
            if a.label_ not in ("demonym", "name", "abbreviation", "capital"):
                continue
            # "U.S. arms", "Soviet weapons", "Israel's Arrow 3": a modifier names the
            # supplier when a transfer word is present (it is: a trigger asked)
            compound = a.end - 1 == tok.i and tok.dep_ in ("compound", "nmod", "amod") and \
                span.start <= tok.head.i < span.end
            if tok.dep_ == "poss" or a.label_ == "demonym" or compound or _suffix(a) in \
                    ORIGIN_SUFFIXES | ACQUISITION_SUFFIXES:
                add([self._actor(a)])
        if found:
            return found
        for prep in _own_from(head):
            for obj in prep.children:
                # "artillery from Greece, Italy, Norway and Poland": the parser makes the
                # second name an apposition of the first and the rest its conjuncts
                add(self._map_actors([obj, *children(obj, "appos")], ctx))
        for child in head.children:
            if child.dep_ == "acl" and child.lemma_.lower() in ("make", "build", "design",
                                                                 "manufacture", "produce"):
                add(self._map_actors(list(clause_preps(child, "by")), ctx))
        general = ctx.general.get(span.start)
        if not found and general is not None and general != span:
            return self._origin(general, ctx, spec, owners)
        return found

    def _announcing_maker(self, tok: Token, ctx: _Context) -> list[Actor]:
        """The firm that announces a customer chose "its" product: in "General Electric
        said the Bahrain Air Force selected its engines" *its* is GE's. Only a company
        subject of the reporting verb above a purchase verb whose object is the item, and
        no ordinal or "own" on the item ("selected its first jets" is the buyer's)."""
        item = tok.head
        verb = item.head
        if item.dep_ != "dobj" or verb.lemma_.lower() not in CHOOSING_VERBS or any(
                c.lower_ in ("first", "own", "new", "latest", "last") for c in item.children):
            return []
        report = verb.head if verb.dep_ == "ccomp" else None
        if report is None or report.lemma_.lower() not in REPORTING:
            return []
        out = []
        for subj in children(report, "nsubj"):
            for actor, _span in self.actors_of(subj, ctx):
                if actor.type == "company":
                    out.append(actor)
        return out

    def _modifier_claims(self, ctx: _Context, drafts: list[_Draft]) -> list[_Draft]:
        """``British-supplied Storm Shadow missiles``: an acquisition adjective on an item
        is itself a delivered transfer to the subject of the clause that has the item."""
        out = []
        covered = {id(d.item_span) for d in drafts}
        for span in ctx.weapons:
            if id(span) in covered or span._.weapon_role != "item":
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


# Airliner designations: Boeing 7x7, Airbus A3x0, McDonnell Douglas DC-x and MD-x, L-1011.
CIVIL_DESIGNATION = re.compile(
    r"^(?:7[0-8]7(?:-\d+[A-Z]*)?|A-?3[0-8]0(?:-\d+[A-Z]*)?|DC-?(?:[6-9]|10)(?:-\d+)?|"
    r"MD-?(?:8\d|9\d|11)(?:-\d+)?|L-?1011|BAe-?146|ATR-?\d\d|CRJ-?\d*|ERJ-?\d+)s?$")
CIVIL_WORDS = words("civil-aircraft-words")


def _civil(d: _Draft, ctx: _Context) -> bool:
    """An airline's order or an airliner: civil goods, no transfer (docs/claims.md)."""
    if any(a is not None and a.type == "airline" for a in (d.supplier, d.recipient)):
        return True
    if d.item.category not in ("aircraft", "engines", "unspecified", "other"):
        return False
    if any(s.kb_id_.startswith(AIRLINE_PREFIX) for s in ctx.actors):
        return True
    if d.item_span is None:
        return False
    doc = d.item_span.doc
    near = doc[max(ctx.sent.start, d.item_span.start - 3): d.item_span.end]
    if any(CIVIL_DESIGNATION.match(t.text) or t.lower_ in CIVIL_WORDS for t in near):
        return True
    if any(t.lower_ in AIRLINE_NOUNS for t in ctx.sent):
        return True  # "the sale of 18 to 20 jets to four airlines"
    # "selling aircraft, ships, drilling rigs and railway equipment to India": listed
    # with civil goods, the aircraft are civil too
    head = d.item_span[-1]
    return any(c.i not in ctx.weapon_at and c.lemma_.lower() in CIVIL_GOODS
               for c in head.conjuncts)


AIRLINE_NOUNS = words("airline-nouns")
CIVIL_GOODS = words("civil-goods")


SEIZURE_VERBS = words("seizure-verbs")
# Kinds of aid that are money or relief, no arms.
MONEY_AID = words("money-aid")
REQUEST_VERBS = words("request-verbs")
CONTRACT_LEMMAS = words("contract-lemmas")
SHARES = words("shares")
# Nouns for a state's armed opposition: "Syria's rebels" are not Syria.
OPPOSITION = words("opposition")
# Places that stand for the recipient whose forces are there: "an air base in Manila".
PLACES = words("places")
# Transfer nouns that say a transfer without naming the goods: "the shipments to Russia".
BARE_TRANSFER_NOUNS = words("bare-transfer-nouns")
# bare transfer nouns that name cargo even in a sentence with no weapon word at all (the
# others, "sale", "export", "transfer", need one: "Japanese exports to China rose"); a
# drawdown moves weapons from US stocks by law
UNNAMED_CARGO = frozenset({"shipment", "consignment", "drawdown"})
# Buyers a sentence states without naming: "sent 12 Rafales to an undisclosed customer"
UNNAMED_BUYERS = words("unnamed-buyers")
# Words for a maker: with a recipient of the same state and no supplier, an own order.
DOMESTIC_MAKERS = words("domestic-makers")
PROMISE_VERBS = words("promise-verbs")
USE_VERBS = words("use-verbs")
CARRIERS = words("carrier-vehicles")
# Verbs that need a foreign supplier to be a transfer: "commissioned its new frigate"
NEEDS_SUPPLIER = frozenset({"commission", "induct"})


def _carrier(span: Span) -> bool:
    """A transport aircraft carrying the items: "C-17 Globemaster transport aircraft"."""
    text = span.text
    return any(c in text for c in CARRIERS if c[0].isupper()) or any(
        text.lower().endswith(c) for c in CARRIERS if c[0].islower())


COMPONENT_NOUNS = words("component-nouns")


def _component_span(t: Token) -> Span:
    start = t.i
    for c in t.lefts:
        if c.dep_ in ("compound", "amod", "nmod"):
            start = min(start, c.left_edge.i)
    while start < t.i and (t.doc[start].like_num or t.doc[start].is_punct):
        start += 1
    return Span(t.doc, start, t.i + 1, label="other")


def _bracketed_ticker_owner(tok: Token, ctx: _Context) -> Span | None:
    """ "British Aerospace Plc <BAEL.L>": the company a ticker in brackets stands for."""
    doc = tok.doc
    if tok.i < 2 or doc[tok.i - 1].text != "<" or tok.i + 1 >= len(doc) or \
            doc[tok.i + 1].text != ">":
        return None
    i = tok.i - 2
    while i > ctx.sent.start and doc[i].text in SUFFIXES and i not in ctx.actor_at:
        i -= 1  # "Plc", "Corp"
    return ctx.actor_at.get(i)


SUSPENSIONS = words("suspensions")


def _blanket(t: Token, items: list[tuple[Span | None, str | None]]) -> bool:
    """A suspension, ban or freeze of arms in general names no item: an embargo, no
    transfer (docs/claims.md), unlike "froze the delivery of 12 F-16s"."""
    stops = [g for g in (t, *governors(t, max_hops=5)) if g.lemma_.lower() in SUSPENSIONS]
    if not stops:
        return False
    if all(g.head.lemma_.lower() in REQUEST_VERBS and g.dep_ in ("xcomp", "ccomp")
           for g in stops):
        return False  # "China urges the US to stop the arms sales": the sales go on
    return all(span is None or span.label_ == "unspecified" or (
        span.label_ == "other" and span[-1].lower_ in ("hardware", "equipment"))
        for span, _q in items)


# Verbs by which a customer picks a product: "selected its engines".
CHOOSING_VERBS = words("choosing-verbs")
# where weapons are used, or pass through ("flown to Tehran via Israel"): no side
PLACE_PREPS = frozenset({"in", "against", "on", "at", "over", "near", "across", "inside",
                         "into", "within", "via", "through"})


def _in_source(tok: Token) -> bool:
    """The token is in the subject of a reporting verb or after "according to"."""
    cur = tok
    for _ in range(6):
        if cur.dep_ in ("nsubj", "nsubjpass") and cur.head.lemma_.lower() in REPORTING:
            return True
        if cur.dep_ == "pobj" and cur.head.lower_ == "to" and cur.head.head.lower_ == "according":
            return True
        if cur.head == cur:
            return False
        cur = cur.head
    return False


def _mentions_fms(sent: Span) -> bool:
    text = sent.text
    return "Foreign Military Sale" in text or "foreign military sale" in text or any(
        t.text == "FMS" for t in sent)


def _money(t: Token) -> bool:
    """ "$9 million", "40 mln dlrs", "€500 million": an amount that names its items by *in*
    or *of* ("$9 million in weapons")."""
    if t.pos_ not in ("NUM", "NOUN", "SYM") and t.text not in ("$", "€", "£"):
        return False
    return any(c.text in ("$", "€", "£", "US$") or c.lower_ in CURRENCY_WORDS
               for c in (t, *t.children))


def _own_from(head: Token) -> list[Token]:
    """The "from" phrases that name where one item of a list comes from. The parser hangs
    every "from" of a list on its first item ("howitzers from Germany and tanks from
    Poland") or on the verb ("included additional artillery from Greece and Poland"): a
    phrase belongs to the nearest item before it; a list's only "from", after all of it,
    belongs to every item ("includes howitzers and tanks from Poland")."""
    root = head
    while root.dep_ == "conj" and root.head != root:
        root = root.head
    group = [root, *root.conjuncts]
    hosts = [*dict.fromkeys([head, *group])]
    if root.dep_ == "dobj" and root.head.lemma_.lower() in CONTENT_VERBS:
        hosts.append(root.head)  # "the donations included artillery from Greece"
    found = [p for host in hosts for p in children(host, "prep") if p.lower_ == "from"
             and (host in group or p.i > root.i)]
    if len(found) == 1 and all(g.i < found[0].i for g in group):
        return found
    out = []
    for prep in found:
        before = [g for g in group if g.i < prep.i]
        if before and max(before, key=lambda g: g.i) == head:
            out.append(prep)
    return out


def _included(t: Token, ctx: _Context) -> list[Token]:
    """Every item of a list a transfer noun "includes": in "new donations included Danish
    Harpoon launchers, additional artillery from Greece and Poland, as well as Czech
    helicopters, tanks and rocket systems" the parser hangs later items on the names of
    earlier ones; each weapon mention after the verb, in its object's subtree, is an item."""
    subject = t
    if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lemma_.lower() in CONTAINERS:
        subject = t.head.head  # "this round of assistance includes"
    gov = subject.head
    if t.pos_ != "NOUN" or subject.dep_ != "nsubj" or gov.lemma_.lower() not in CONTENT_VERBS:
        return []
    heads = []
    for obj in children(gov, "dobj"):
        for x in obj.subtree:
            span = ctx.weapon_at.get(x.i)
            if span is not None and x.i == span.end - 1 and span._.weapon_role == "item":
                heads.append(x)
    return heads


def _comprised(t: Token) -> list[Token]:
    """What a container says it is made of: "a batch comprising six jets", "a package
    consisting of rockets and shells", "a shipment containing rifles"."""
    out: list[Token] = []
    for c in t.children:
        if c.dep_ != "acl" or c.lemma_.lower() not in CONTENT_VERBS:
            continue
        for o in children(c, "dobj"):
            out.extend((o, *o.conjuncts))
        for o in preps(c, "of"):
            out.extend((o, *o.conjuncts))
    return out


def _listed_after_colon(t: Token, ctx: _Context) -> list[tuple[Span, str | None]]:
    """The weapons listed after "the following X (to Y):" up to the end of the sentence, or,
    when the colon ends the sentence, through the bulleted lines after it (the sentence
    splitter makes each run of bullets a sentence of its own)."""
    doc = t.doc
    colon = next((x.i for x in doc[t.i + 1: ctx.sent.end] if x.text == ":"), None)
    if colon is None or colon - t.i > 8:
        return []
    end = ctx.sent.end
    if all(x.is_space for x in doc[colon + 1:end]):
        for sent in doc[end:].sents if end < len(doc) else ():
            first = next((x for x in sent if not x.is_space), None)
            if first is None or first.text not in BULLETS:
                break
            end = sent.end
    weapons = [w for w in doc.spans.get(WEAPON_KEY, []) if colon < w.start < end]
    out = []
    for w in weapons:
        head = w[-1]
        if any(w.start < o.start and o.end == w.end for o in weapons):
            continue
        if w._.weapon_role != "item":
            # "55 mortar systems": a weapon word on a noun the lexicon does not know
            if head.head.i == w.end and head.head.pos_ == "NOUN":
                out.append((w, _quantity(head.head, w)))
            continue
        if head.lemma_.lower() in CONTAINERS and any(
                o.i in {x[-1].i for x in weapons} for p in children(head, "prep")
                if p.lower_ == "of" for o in children(p, "pobj")):
            continue  # "half a million rounds of ammunition": the ammunition is the item
        out.append((w, _quantity(head, w)))
    return out


# Marks that open the lines of a list.
BULLETS = frozenset({"•", "-", "*", "–", "—", "·", "▪", "◦", "○", "●"})


def _has_of_item(t: Token) -> bool:
    """ "shipments of grain", "oil sales": the noun names a non-weapon good ("a drawdown of
    up to $450 million" names its value, no good)."""
    return any(c.dep_ == "prep" and c.lower_ == "of" and not any(
        _money(o) or o.like_num for o in children(c, "pobj")) for c in t.children) or any(
        c.dep_ == "compound" and c.pos_ == "NOUN" for c in t.children)


def _actor_index(tok: Token) -> set[int]:
    return {i for a in tok.doc.spans.get(ACTOR_KEY, []) for i in range(a.start, a.end)}


def _headline_arms(t: Token, ctx: _Context) -> Roles:
    """Headline "Pyongyang arms Moscow with shells", which spaCy parses as a noun phrase."""
    roles = Roles()
    roles.suppliers.append(t.nbor(-1))
    roles.recipients.append(t.nbor(1))
    for tok in t.doc[t.i + 1: ctx.sent.end]:
        if tok.lower_ == "with":
            roles.items.extend(c for c in tok.children if c.dep_ == "pobj")
            break
    return roles


def _headline_deal(t: Token, ctx: _Context) -> Roles:
    """Headline "X signs deal for Y (with Z)": the parties before, the items after."""
    roles = Roles()
    roles.parties.extend(t.doc[s.start] for s in ctx.actors if s.end <= t.i - 1)
    for tok in t.doc[t.i + 1: ctx.sent.end]:
        if tok.dep_ == "prep" and tok.lower_ in ("for", "to"):
            roles.items.extend(c for c in tok.children if c.dep_ == "pobj")
        if tok.dep_ == "prep" and tok.lower_ == "with":
            roles.partners.extend(c for c in tok.children if c.dep_ == "pobj")
    return roles


class _Context:
    """Index of the actor and weapon mentions of one sentence."""

    def __init__(self, sent: Span):
        doc = sent.doc
        self.sent = sent
        lo, hi = sent.start, sent.end
        self.actors = [s for s in doc.spans.get(ACTOR_KEY, []) if lo <= s.start < hi
                       and not _dateline(s, sent)]
        self.weapons = [s for s in doc.spans.get(WEAPON_KEY, []) if lo <= s.start < hi]
        self.actor_at = {i: s for s in self.actors for i in range(s.start, s.end)}
        self.weapon_at = {i: s for s in self.weapons for i in range(s.start, s.end)}
        # a specific item listed under a general one: "US weapons including assault rifles"
        self.general: dict[int, Span] = {}


_MONTHS = words("dateline-months")  # with "may" and abbreviations: "WASHINGTON, May 3"


def _describes(span: Span, side: Span) -> bool:
    """The actor modifies a title of the other side's name: "Russia's state arms exporter
    Rosoboronexport" (Russia -> exporter -> Rosoboronexport)."""
    cur = span.doc[span.end - 1]
    for _ in range(3):
        if cur.dep_ not in ("poss", "compound", "amod", "nmod", "appos") or cur.head == cur:
            return False
        cur = cur.head
        if side.start <= cur.i < side.end:
            return True
    return False


def _names_item(span: Span, item: Span) -> bool:
    """The actor is part of the item's name or a modifier of it: "Northrop F-5s"."""
    head = span.doc[span.end - 1]
    return item.start <= span.start < item.end or (
        head.dep_ in ("compound", "nmod") and item.start <= head.head.i < item.end)


def _unborrowed(d: _Draft) -> _Draft:
    """A claim whose borrowed side made it a state's purchase at home gives that side back:
    "Russia's state arms exporter Rosoboronexport has delivered hardware to foreign
    customers" is no sale to Russia."""
    if d.borrowed is not None:
        setattr(d, d.borrowed, None)
        d.borrowed = None
        d.inferred = False
        d.confidence += 0.1
    return d


def _contractor(span: Span) -> bool:
    """The actor is the subject of a verb of winning a deal ("won", "has been awarded",
    "secured"): the firm that gets the contract supplies, it never buys."""
    head = span.doc[span.end - 1]
    while head.dep_ == "compound" and head.head != head:  # "General Dynamics Fort Worth
        head = head.head  # Division": the division's name is the subject
    verb = head.head
    if head.dep_ == "nsubjpass":
        return verb.lemma_.lower() == "award"
    return head.dep_ == "nsubj" and verb.lemma_.lower() in CONTRACTOR_VERBS


def _subject_elsewhere(span: Span, trigger: Token) -> bool:
    """The actor is the subject of a clause of its own, neither the trigger's nor one above
    it: in "Denmark is getting new F-35s, and the sale means that Argentina will join the
    F-16 family" Argentina does something else; it is no side of Denmark's purchase."""
    head = span.doc[span.end - 1]
    if head.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = head.head
    if verb.lemma_.lower() in THIRD_PARTY_VERBS:
        return True  # "China urges the US to stop the arms sales": who urges is no side
    return verb != trigger and verb not in list(governors(trigger, max_hops=8)) and \
        trigger not in list(verb.subtree)


# Verbs of a third party's stance on a transfer: their subject is neither side.
THIRD_PARTY_VERBS = REQUEST_VERBS | words("third-party-verbs")


def _dateline(span: Span, sent: Span) -> bool:
    """A dateline names where the story was filed, no side: "New Delhi: As part of a deal
    ...", "WASHINGTON, March 3 (Reuters) - ...", "KYIV -- ...". A place or capital at the
    start of the sentence followed by a colon or dash, or by a date and then one."""
    if span.start != sent.start or span.label_ not in ("capital", "place"):
        return False
    doc = sent.doc
    i = span.end
    if i < sent.end and doc[i].text == ",":  # "WASHINGTON, March 3 -"
        j = i + 1
        while j < min(sent.end, i + 5) and (doc[j].lower_.rstrip(".") in _MONTHS or
                                             doc[j].like_num or doc[j].text == ","):
            j += 1
        if j == i + 1:
            return False
        i = j
    if i < sent.end and doc[i].text == "(":  # "(Reuters)"
        k = i + 1
        while k < min(sent.end, i + 5) and doc[k].text != ")":
            k += 1
        i = k + 1
    return i < sent.end and doc[i].text in (":", "-", "--", "—", "–")


def _suffix(span: Span) -> str:
    """The participle after ``X-`` in ``X-made``, ``X-supplied``; empty if none."""
    doc = span.doc
    if span.end + 1 < len(doc) and doc[span.end].text == "-":
        return doc[span.end + 1].lower_
    return ""


def _same(a: Actor, b: Actor) -> bool:
    return a.key == b.key


def _orient(parties, partners, suppliers, recipients, items, ctx, ext
            ) -> tuple[list[Actor], list[Actor]]:
    """Who sells in a deal, an agreement or talks between parties?

    The party that makes the item ("Iranian-designed drones", a named system's maker) sells;
    otherwise the *with* partner sells to the subject ("India signed a deal with France"),
    unless the subject is a company and the partner a state ("Rheinmetall signed a
    contract with Ukraine"); parties without a partner: a company sells, a state buys.
    """
    if suppliers and recipients:
        return suppliers, recipients
    known = suppliers + recipients
    parties = [p for p in parties if all(not _same(p, s) for s in known)]
    partners = [p for p in partners if all(not _same(p, s) for s in known + parties)]
    origins = []
    for span, _q in items:
        origins.extend(ext._origin(span, ctx, None))
        if span is not None and span._.weapon_origin:  # the maker of a named system
            origins.append(Actor(name=span._.weapon_origin, iso3=span._.weapon_origin,
                                 mention=span.text))

    def makes(p: Actor) -> bool:
        return any(_same(p, o) for o in origins) or (
            p.country is not None and any(p.country == o.iso3 for o in origins))

    sup, rec = list(suppliers), list(recipients)
    everyone = parties + partners
    if any(makes(p) for p in everyone):
        for p in everyone:
            (sup if makes(p) else rec).append(p)
    elif partners and not parties and all(p.iso3 for p in partners):
        # "the arms deal with Iran": the partner of a deal with no named subject sells only
        # if it is a leading exporter
        (sup if all(_leading_exporter(p) for p in partners) else rec).extend(partners)
    elif partners:
        subject_sells = all(p.type == "company" for p in parties) and parties and all(
            q.type != "company" for q in partners)
        if not subject_sells and parties and all(p.iso3 for p in parties + partners) and \
                any(_leading_exporter(p) for p in parties) and \
                not any(_leading_exporter(q) for q in partners):
            subject_sells = True  # "France signed a deal with India": the exporter sells
        sup += parties if subject_sells else partners
        rec += partners if subject_sells else parties
    elif len(parties) >= 2 and not sup and not rec and all(p.iso3 for p in parties):
        # "Pakistan and China signed a deal for fighter jets": with nothing else to go by,
        # the larger arms exporter (SIPRI's ranking, ``major-exporters``) sells
        ranked = sorted(parties, key=_exporter_rank)
        if _exporter_rank(ranked[0]) < _exporter_rank(ranked[1]):
            sup, rec = [ranked[0]], ranked[1:]
        else:
            sup, rec = [parties[1]], [parties[0]]
    else:
        for p in parties:
            if p.type == "company" and not sup:
                sup.append(p)
            elif not rec:
                rec.append(p)
            elif not sup:
                sup.append(p)
    return sup, rec


def _exporter_rank(actor: Actor) -> int:
    ranking = ordered_words("major-exporters")
    return ranking.index(actor.iso3) if actor.iso3 in ranking else len(ranking)


LEADING_EXPORTERS = 17  # the first states of ``major-exporters``: SIPRI's largest


def _leading_exporter(actor: Actor) -> bool:
    return actor.iso3 is not None and _exporter_rank(actor) < LEADING_EXPORTERS


def _depth(tok: Token) -> int:
    d = 0
    while tok.head != tok and d < 50:
        tok = tok.head
        d += 1
    return d


def _text(span: Span) -> str:
    """The span's text as written in the input (before truecasing)."""
    return original_text(span.doc)[span.start_char:span.end_char]


def _item(span: Span) -> Item:
    return Item(text=_text(span), category=span.label_, designation=span.kb_id_ or None)


def _quantity(head: Token, span: Span | None = None) -> str | None:
    for child in head.children:
        if child.dep_ == "nummod" and child.like_num and (span is None or child.i < span.start):
            start = child.i
            while start > 0 and (head.doc[start - 1].dep_ in ("quantmod", "advmod")
                                 or head.doc[start - 1].like_num) \
                    and head.doc[start - 1].head.i in (child.i, start):
                start -= 1
            return head.doc[start: child.i + 1].text
    if span is not None:  # "12 F-16 jets": the number hangs on the designation
        doc = head.doc
        end = start = span.start
        while start > 0 and (doc[start - 1].like_num or doc[start - 1].dep_ == "quantmod"):
            start -= 1
        if start < end and any(t.like_num for t in doc[start:end]):
            return doc[start:end].text
    return None


def _container_quantity(tok: Token) -> str:
    left = [c for c in tok.lefts if c.dep_ in ("det", "amod", "nummod", "quantmod", "advmod")]
    start = min([tok.i] + [c.left_edge.i for c in left])
    return tok.doc[start: tok.i + 1].text


def _value(sent: Span) -> str | None:
    m = MONEY.search(sent.text)
    return m.group(0).strip() if m else None


def _key(a: Actor | None) -> str | None:
    return a.key if a is not None else None


def _join_halves(drafts: list[_Draft]) -> list[_Draft]:
    """One transfer told in two clauses, each with one side: "Nigeria received its first
    A-29s, four years after the United States agreed to sell the light attack aircraft".
    Per category, a single recipient-only claim and a single supplier make one claim with
    the main clause's status; the supplier's half is dropped."""
    out = list(drafts)
    for category in {d.item.category for d in drafts}:
        halves_r = [d for d in out if d.item.category == category and d.recipient is not None
                    and d.supplier is None]
        halves_s = [d for d in out if d.item.category == category and d.supplier is not None
                    and d.recipient is None]
        if len({_key(d.recipient) for d in halves_r}) != 1 or \
                len({_key(d.supplier) for d in halves_s}) != 1:
            continue
        sup = halves_s[0].supplier
        if any(_same(sup, d.recipient) for d in halves_r):
            continue
        main = min(halves_r + halves_s, key=lambda d: d.depth)
        for d in halves_r:
            d.supplier = sup
            d.inferred = True
            d.confidence -= 0.1
            if main in halves_s:
                d.status, d.rule = main.status, main.rule
        out = [d for d in out if d not in halves_s]
    return out


def _dedupe(drafts: list[_Draft], ctx: _Context) -> list[_Draft]:
    """Reconcile the drafts of one sentence into claims.

    1. Drafts on the same item whose sides do not conflict merge into one claim; its status
       is the main clause's (the draft nearest the root): "HIMARS supplied by the US have
       arrived in Ukraine" gives one USA -> UKR claim, delivered.
    2. A side missing from a claim is taken from the sentence's other claims when they all
       agree on it ("completed an arms delivery to Wagner, handing over rockets").
    3. A general term yields to specifics: "arms" in "an arms delivery", or "its first
       Iranian drones" beside "Mohajer-6 and Shahed models", for the same pair and category.
    4. Movement verbs without a recipient ("sent 71 aircraft towards Taiwan") are dropped.
    """
    by_item: dict[tuple | None, list[_Draft]] = {}
    for d in sorted(drafts, key=lambda d: (d.depth, -d.confidence)):
        item_key = (d.item_span.start, d.item_span.end) if d.item_span is not None else None
        by_item.setdefault(item_key, []).append(d)
    merged: list[_Draft] = []
    for group in by_item.values():
        out: list[_Draft] = []
        for d in group:  # main clause first
            for m in out:
                if _compatible(m.supplier, d.supplier) and _compatible(m.recipient, d.recipient):
                    m.supplier = m.supplier or d.supplier
                    m.recipient = m.recipient or d.recipient
                    m.needs_recipient = m.needs_recipient and d.needs_recipient
                    m.quantity = m.quantity or d.quantity
                    break
            else:
                out.append(d)
        merged.extend(out)
    suppliers = {_key(d.supplier) for d in merged if d.supplier and d.recipient}
    recipients = {_key(d.recipient) for d in merged if d.supplier and d.recipient}
    full = [d for d in merged if d.supplier and d.recipient]
    for d in merged:
        if d.recipient is None and len(recipients) == 1 and full:
            rec = full[0].recipient
            if d.supplier is None or not _same(d.supplier, rec):
                d.recipient = rec
                d.confidence -= 0.1
                d.inferred = True
                d.borrowed = "recipient"
        elif d.supplier is None and len(suppliers) == 1 and full:
            sup = full[0].supplier
            if not _same(sup, d.recipient):
                d.supplier = sup
                d.confidence -= 0.1
                d.inferred = True
                d.borrowed = "supplier"
    if not full:
        merged = _join_halves(merged)
    # a company shipping its products sells them: "Nexter has shipped 40 Caesar howitzers"
    merged = [d for d in merged if not (d.needs_recipient and d.recipient is None and not (
        d.supplier is not None and d.supplier.type == "company") and not d.recipient_stated)]
    unique: dict[tuple, _Draft] = {}
    for d in merged:
        key = (_key(d.supplier), _key(d.recipient),
               (d.item_span.start, d.item_span.end) if d.item_span is not None else None)
        unique.setdefault(key, d)
    merged = list(unique.values())
    specific = {(_key(d.supplier), _key(d.recipient)) for d in merged
                if d.item.category != "unspecified"}
    designated = {(_key(d.supplier), _key(d.recipient), d.item.category) for d in merged
                  if d.item.designation}
    return [d for d in merged if not (
        (d.item.category == "unspecified" and d.item_span is not None
         and d.item_span[-1].dep_ == "compound"
         and (_key(d.supplier), _key(d.recipient)) in specific)
        or (not d.item.designation and d.item_span is not None and _generic(d.item_span, ctx)
            and not isinstance(d.quantity, int)  # "55 mortar systems" beside "40 M198 howitzers"
            and (_key(d.supplier), _key(d.recipient), d.item.category) in designated))]


GENERIC_MODIFIERS = words("generic-modifiers")


def _generic(span: Span, ctx: _Context) -> bool:
    """ "its first Iranian drones": a bare term with only owner, origin or ordinal words, which
    names the same thing as a designated item beside it ("Mohajer-6 and Shahed models")."""
    return all(t.i == span.end - 1 or t.i in ctx.actor_at or t.lower_ in GENERIC_MODIFIERS
               or t.is_punct for t in span)


def _compatible(a: Actor | None, b: Actor | None) -> bool:
    return a is None or b is None or _same(a, b)
