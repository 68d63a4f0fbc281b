"""spaCy components that mark actors and weapons.

``armsgraph_actors`` puts every actor mention in ``doc.spans["actors"]`` (label:
the alias kind, ``kb_id``: the actor id of ``actors.csv``); ``armsgraph_weapons``
puts every weapon mention in ``doc.spans["weapons"]`` (label: the category,
``kb_id``: the designation, if any). A weapon mention runs from its first
modifier to its head noun, so ``Koksan 170mm self-propelled guns`` is one mention.
"""

from __future__ import annotations

import re
from datetime import date

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from .lexicon import WeaponSystem, load_actor_lexicon, load_leaders, load_weapon_lexicon, words
from .names import AIRLINE_PREFIX, company_spans

ACTOR_KEY = "actors"
DATE_KEY = "armsgraph.date"  # doc.user_data: the article's date, ISO 8601, when known
LEADER_PREFIX = "leader:"
WEAPON_KEY = "weapons"

if not Span.has_extension("weapon_origin"):
    # ISO3 of the state that makes a named system (from weapon_systems.csv); orients deals
    Span.set_extension("weapon_origin", default=None)
if not Span.has_extension("weapon_role"):
    # "item": can be what a transfer moves; "modifier": a weapon word describing another
    # noun ("machine gun fire", "drone attacks"), a weapon mention but never an item
    Span.set_extension("weapon_role", default="item")

# A model designation: F-16, Su-35, S-400, AH-64E, M1A1, TB2s, J-10C, K9, MK-84.
DESIGNATION = re.compile(r"^(?=.*\d)[A-Z][A-Za-z]{0,5}-?\d{1,4}[A-Za-z0-9]{0,4}(?:/[A-Z])?s?$")
# A variant or series suffix after a system name: Leopard 2A6, PzH 2000, F-16 Block 70.
VARIANT = re.compile(r"^(?:\d+[A-Za-z0-9]*|[A-Z]{1,2}\d*|Block|Mk|Mark|II|III|IV|V|E/F)$")
# Terms so general that a named system beside them decides the category
# ("Patriot missile system" is air defence, not a missile).
WEAK_TERMS = words("weak-terms")
# Nouns that are weapons only when no actor names the people they are ("Peshmerga fighters").
PERSON_AMBIGUOUS = words("person-ambiguous")
# Head nouns that are weapons only through the named system before them ("Patriot systems").
GENERIC_HEADS = words("generic-heads")
# Nouns that make a weapon word a modifier of something else: "machine gun fire", "drone
# attacks", "missile programme", "arms embargo". Such a mention is no item.
MODIFIED_NOUNS = words("modified-nouns")
CIVIL_TANKS = words("civil-tanks")
PERSON_MODIFIERS = words("person-modifiers")
# Words that say a bare "fighters" means aircraft, not combatants.
AIR_CONTEXT = words("air-context")
CONTEXT_TERMS = words("context-terms")
# Nouns after a weapon word that make the phrase civil: "satellite TV", "satellite imagery".
CIVIL_HEADS = words("civil-heads")
CIVIL_PURPOSES = words("civil-purposes")
UNIT_NAMES = words("unit-names")
UNITS = words("units")
# Quantifiers at the left edge of a phrase are quantity, not item ("more weapons").
QUANTIFIERS = words("quantifiers")
_EDGE_DEPS = frozenset({"det", "nummod", "quantmod", "poss", "predet", "advmod", "punct",
                        "case", "cc", "prep", "prt", "neg"})


@Language.factory("armsgraph_actors")
def make_actor_ruler(nlp: Language, name: str) -> ActorRuler:
    return ActorRuler(nlp, name)


class ActorRuler:
    """Mark states, organisations, companies and armed groups with their canonical ids."""

    def __init__(self, nlp: Language, name: str = "armsgraph_actors"):
        self.name = name
        lexicon = load_actor_lexicon()
        self.lexicon = lexicon
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._kinds: dict[str, str] = {}
        by_key: dict[tuple[str, str], list[Doc]] = {}
        for alias in lexicon.aliases:
            forms = [alias.text] if alias.case == "lower" else {alias.text, alias.text.upper()}
            key = f"{alias.actor_id}\t{alias.kind}"
            for form in forms:
                by_key.setdefault((key, alias.case), []).append(nlp.make_doc(form))
        for (key, case), docs in by_key.items():
            (self.lower if case == "lower" else self.exact).add(key, docs)
        for airline in words("airlines"):
            self.exact.add(f"{AIRLINE_PREFIX}{airline}\tname", [nlp.make_doc(airline)])
        self.leaders = load_leaders()
        for name in self.leaders.by_name:
            forms = {name, name.upper()}
            self.exact.add(f"{LEADER_PREFIX}{name}\tleader", [nlp.make_doc(f) for f in forms])

    def mentions_any(self, doc: Doc) -> bool:
        """Whether a tokenized (unparsed) Doc names any actor this ruler could mark: a
        cheap, conservative test run before the parse."""
        return bool(self.exact(doc)) or bool(self.lower(doc)) or \
            next(iter(company_spans(doc, {})), None) is not None

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        on = doc_date(doc)
        roles: dict[tuple[int, int], set[str]] = {}  # a leader mention -> the offices meant
        for matcher in (self.exact, self.lower):
            for match_id, start, end in matcher(doc):
                actor_id, kind = doc.vocab.strings[match_id].split("\t")
                if kind == "leader":
                    # a person acts for their state only in office: "President Macron",
                    # "the Reagan administration" ("the administration of former president
                    # Obama froze the deal": in office when he acted)
                    person = actor_id[len(LEADER_PREFIX):]
                    actor_id = self.leaders.state_of(person, on)
                    if actor_id is None:
                        continue
                    roles[(start, end)] = {t.role for t in self.leaders.by_name[person]
                                           if t.state == actor_id and (on is None or
                                                                       t.covers(on))}
                elif kind == "body" and doc[end - 1].lower_ == "administration":
                    roles[(start, end)] = {"administration"}
                elif actor_id in self.lexicon.companies:
                    actor_id = self.lexicon.company_on(actor_id, on).id
                spans.append(Span(doc, start, end, label=kind, kb_id=actor_id))
        spans = [s for s in filter_spans(spans) if not _regional(s)]
        taken = {i: s for s in spans for i in range(s.start, s.end)}
        spans.extend(company_spans(doc, taken))
        spans = filter_spans(spans)
        spans = filter_spans(spans + _title_anaphors(doc, spans, roles))
        doc.spans[ACTOR_KEY] = filter_spans(spans + self._epithets(doc, spans))
        return doc

    def _epithets(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """Spans for "the kingdom", "the Gulf state", "the South Asian country" standing for
        the last state the text named before them, within ``EPITHET_REACH`` tokens:
        "Pakistan received six jets as the South Asian country has purchased 25 J-10Cs",
        "Saudi Arabia's minister said the kingdom had completed studies". Only a noun
        phrase of "the", modifiers and one of ``EPITHETS`` counts ("the country's", "the
        state of emergency" and "the Islamic State" do not)."""
        states = sorted((s for s in spans if s.label_ in ("name", "abbreviation", "capital",
                                                          "demonym", "epithet") and
                         self.lexicon.actors.get(s.kb_id_) is not None and
                         self.lexicon.actors[s.kb_id_].type == "state"), key=lambda s: s.start)
        if not states:
            return []
        taken = {i for s in spans for i in range(s.start, s.end)}
        out = []
        for tok in doc:
            if tok.lower_ not in EPITHETS or tok.i in taken or tok.pos_ != "NOUN":
                continue
            det = tok.left_edge
            if det.lower_ != "the" or any(x.i in taken or x.pos_ not in ("ADJ", "PROPN", "NOUN",
                                                                        "PUNCT", "DET")
                                          for x in doc[det.i:tok.i]):
                continue
            if any(c.dep_ in ("prep", "case") and c.lower_ in ("of", "'s") for c in tok.children):
                continue
            before = [s for s in states if s.end <= det.i and det.i - s.end <= EPITHET_REACH]
            # not the owner of the phrase the epithet hangs in: "the UK's first contract
            # with the Gulf state" does not mean the UK
            owners = {c.i for a in list(tok.ancestors)[:4] for c in a.children
                      if c.dep_ == "poss"}
            before = [s for s in before if s.end - 1 not in owners]
            if tok.dep_ not in ("nsubj", "nsubjpass"):
                # an object does not mean its own clause's subject: "the United States agreed
                # to sell the West African country the aircraft" (that would be "itself")
                verbs = [a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")][:2]
                subjects = {c.i for v in verbs for c in v.children
                            if c.dep_ in ("nsubj", "nsubjpass")}
                before = [s for s in before if s.end - 1 not in subjects]
            if before:
                out.append(Span(doc, det.i + 1, tok.i + 1, label="epithet",
                                kb_id=before[-1].kb_id_))
        return out


# Titles that, after "the", mean the holder of an office named earlier in the article: "the
# President could not recall when he approved the sale" after "President Reagan". Each
# title names the offices of leaders.csv it can take up.
TITLES = {
    ("president",): {"head-of-state"},
    ("prime", "minister"): {"head-of-government"},
    ("premier",): {"head-of-government"},
    ("chancellor",): {"head-of-government"},
    ("king",): {"head-of-state"},
    ("defence", "minister"): {"defence-minister"},
    ("defense", "minister"): {"defence-minister"},
    ("defence", "secretary"): {"defence-minister"},
    ("defense", "secretary"): {"defence-minister"},
    ("foreign", "minister"): {"foreign-minister"},
    ("foreign", "secretary"): {"foreign-minister"},
    ("secretary", "of", "state"): {"foreign-minister"},
    ("administration",): {"administration", "head-of-state"},
}
# How far back (in tokens) an office holder may be named for a title to take them up.
TITLE_REACH = 600
# Nouns by which news refers back to a state it has named: "the kingdom", "the Gulf state".
EPITHETS = words("epithets")
EPITHET_REACH = 80


def _title_anaphors(doc: Doc, spans: list[Span], roles: dict[tuple[int, int], set[str]]
                    ) -> list[Span]:
    """Spans for "the President", "the administration", "the defence minister" standing
    for the state of the last holder of that office the article named, within
    ``TITLE_REACH`` tokens: "President Reagan ... the President approved", "the Reagan
    administration ... the administration intends to provide". A title with its own
    complement ("the president of the company", "the President of France") or name after
    it is left alone: that is another mention, or no state's."""
    holders = sorted(((s.start, s.end, s.kb_id_, roles[(s.start, s.end)]) for s in spans
                      if (s.start, s.end) in roles), key=lambda h: h[0])
    if not holders:
        return []
    taken = {i for s in spans for i in range(s.start, s.end)}
    out = []
    for tok in doc:
        if tok.lower_ != "the" or tok.i + 1 in taken:
            continue
        for title, offices in TITLES.items():
            end = tok.i + 1 + len(title)
            if end > len(doc) or tuple(t.lower_ for t in doc[tok.i + 1:end]) != title:
                continue
            if end < len(doc) and (doc[end].lower_ in ("of", "'s") or
                                   doc[end].pos_ == "PROPN"):
                break
            before = [h for h in holders if h[1] <= tok.i and tok.i - h[1] <= TITLE_REACH
                      and h[3] & offices]
            if before:
                out.append(Span(doc, tok.i + 1, end, label="title", kb_id=before[-1][2]))
            break
    return out


@Language.factory("armsgraph_weapons", default_config={})
def make_weapon_ruler(nlp: Language, name: str) -> WeaponRuler:
    return WeaponRuler(nlp, name)


class WeaponRuler:
    """Mark weapon mentions: generic terms, named systems and designation patterns."""

    def __init__(self, nlp: Language, name: str = "armsgraph_weapons"):
        self.name = name
        lexicon = load_weapon_lexicon()
        self.lexicon = lexicon
        self.actors = load_actor_lexicon()
        self.terms = PhraseMatcher(nlp.vocab, attr="LOWER")
        for form in lexicon.terms:
            self.terms.add(form, [nlp.make_doc(form)])
        self.uses = PhraseMatcher(nlp.vocab, attr="LOWER")
        for form in lexicon.uses:
            self.uses.add(form, [nlp.make_doc(form)])
        self.systems = PhraseMatcher(nlp.vocab, attr="ORTH")
        for form in lexicon.systems:
            forms = {form, form + "s"}
            self.systems.add(form, [nlp.make_doc(f) for f in forms])

    def mentions_any(self, doc: Doc) -> bool:
        """Whether a tokenized (unparsed) Doc holds a weapon term or a named system."""
        return bool(self.terms(doc)) or bool(self.systems(doc))

    def _system(self, text: str) -> WeaponSystem | None:
        systems = self.lexicon.systems
        return systems.get(text) or (systems.get(text[:-1]) if text.endswith("s") else None)

    def __call__(self, doc: Doc) -> Doc:
        term_at: dict[int, tuple[int, str]] = {}  # head index -> (start, term form)
        for match_id, start, end in sorted(self.terms(doc), key=lambda m: (m[1], -m[2])):
            form = doc.vocab.strings[match_id]
            head = end - 1
            if head not in term_at or start < term_at[head][0]:
                term_at[head] = (start, form)
        system_spans = filter_spans(
            [Span(doc, s, e, label=doc.vocab.strings[m]) for m, s, e in self.systems(doc)])
        system_tokens: dict[int, WeaponSystem] = {}
        system_start: dict[int, int] = {}  # token -> first token of its system name
        designations: dict[int, str] = {}
        for span in system_spans:
            system = self._system(span.label_)
            if system is None:
                continue
            end = span.end
            while end < len(doc) and VARIANT.match(doc[end].text) and end - span.end < 2:
                end += 1
            for i in range(span.start, end):
                system_tokens[i] = system
                system_start[i] = span.start
            designations[span.start] = doc[span.start:end].text
        for tok in doc:
            if tok.i not in system_tokens and DESIGNATION.match(tok.text):
                designations.setdefault(tok.i, tok.text)

        actor_spans = {i: a for a in doc.spans.get(ACTOR_KEY, []) for i in range(a.start, a.end)}
        heads: dict[int, dict] = {}
        for head, (start, form) in term_at.items():
            heads.setdefault(head, {})["term"] = (start, form)
        for i in list(system_tokens) + list(designations):
            head = _np_head(doc[i])
            if head.i in term_at or head.i in system_tokens or head.i == i or (
                    head.lower_ in GENERIC_HEADS and i in system_tokens) or (
                    _nickname(head, i) and i in system_tokens and head.i not in actor_spans):
                heads.setdefault(head.i, {}).setdefault("marks", set()).add(i)
            elif i in system_tokens and (i + 1 not in system_tokens):
                # "KC-135R Stratotanker air refueling support": the system names a weapon
                # but the phrase is about something else; a mention, never an item
                entry = heads.setdefault(i, {})
                entry.setdefault("marks", set()).add(i)
                # but "the F-16 sale", "the Rafale deal": the system is what is traded
                if head.lemma_.lower() not in SALE_WORDS | DEAL_HEADS:
                    entry["modifier"] = True
        spans = []
        for head_i, info in heads.items():
            head = doc[head_i]
            marks = {m for m in info.get("marks", ()) if m <= head_i}
            term = info.get("term")
            systems = [system_tokens[m] for m in sorted(marks) if m in system_tokens]
            if term and (term[1] not in WEAK_TERMS or not systems):
                category = self.lexicon.terms[term[1]].category
            elif systems:
                category = systems[-1].category
            elif term:
                category = self.lexicon.terms[term[1]].category
            else:
                continue  # a bare unknown designation names no category
            if head.lower_ in PERSON_AMBIGUOUS and not systems and not marks and any(
                    c.dep_ in ("compound", "amod") and (c.i in actor_spans or c.pos_ == "PROPN")
                    for c in head.children):
                continue
            if term and term[1] in ("fighter", "fighters") and head.dep_ == "compound" and \
                    head.head.lemma_.lower() not in SALE_WORDS:
                continue  # "fighter pilots", but "a fighter sale to Brazil"
            if term and term[1] == "round" and not marks and not any(
                    c.dep_ == "compound" for c in head.lefts):
                continue  # "a second round (of talks)": only "rounds" or "mortar round" count
            if head.i + 1 < len(doc) and doc[head.i + 1].lower_ in CIVIL_HEADS:
                continue  # "satellite TV network", "drone imagery"
            if head.tag_ == "NNP" and head.lower_ in UNIT_NAMES and not systems:
                continue  # "Abel Battery", "Field Artillery": military units, not weapons
            if head.lemma_.lower() == "tank" and any(
                    c.lower_ in CIVIL_TANKS for c in head.lefts if c.dep_ in ("compound", "amod")):
                continue  # "fuel tanks", "radiator tanks"
            start = _left_edge(head, min([term[0] if term else head_i, *marks]))
            start = _skip_actor_names(doc, start, head_i, actor_spans)
            designation = None
            for m in sorted(marks):
                if m in designations:
                    designation = designations[m]
                    break
            start = min(start, head_i)
            # "NASAMS and Aspide air-defence systems": a coordinated system before the
            # shared head is an item of its own
            for first in sorted({system_start[m] for m in marks if m < start and m in
                                 system_start}):
                own = system_tokens[first]
                end = first
                while end in system_tokens and system_start.get(end) == first:
                    end += 1
                spans.append(Span(doc, first, end, label=own.category,
                                  kb_id=designations.get(first, "")))
                spans[-1]._.weapon_origin = own.origin
            designation = next((designations[m] for m in sorted(marks) if m >= start
                                and m in designations), designation)
            span = Span(doc, start, head_i + 1, label=category, kb_id=designation or "")
            if systems:
                span._.weapon_origin = systems[-1].origin
            if info.get("modifier"):
                span._.weapon_role = "modifier"
            spans.append(span)
        taken = {i for s in spans for i in range(s.start, s.end)}
        spans.extend(_ship_names(doc, taken))
        for _m, start, end in self.uses(doc):  # "air strikes": a use of weapons, no item
            if doc[end - 1].pos_ == "NOUN" and not taken & set(range(start, end)):
                use = Span(doc, start, end, label="other")
                use._.weapon_role = "use"
                spans.append(use)
        spans.extend(_group_vehicles(doc, taken))
        spans = [s for s in _merge_adjacent(spans) if not _combatants(s) and not _counter(s)]
        # "equipment" alone is a weapon only among other weapons ("the weaponry ... the
        # equipment being sold"); beside "medical" or "telecoms" it is not
        spans = [s for s in spans if not _civil_equipment(s) and (
            s.text.lower() not in CONTEXT_TERMS
            or any(o.sent.start == s.sent.start and o.start != s.start for o in spans))]
        spans = [_know_how(s) for s in spans]
        # a company's name is no weapon: "Hughes Aircraft Co", "Russian Helicopters"
        companies = {i for a in doc.spans.get(ACTOR_KEY, []) if _is_company(a, self.actors)
                     for i in range(a.start, a.end)}
        named = {i for a in doc.spans.get(ACTOR_KEY, []) for i in range(a.start, a.end)}
        spans = [_technical(s, named) for s in (_outside(s, companies) for s in spans)
                 if s is not None]
        for s in spans:
            if _modifies_other_noun(s) or _metaphor(s):
                s._.weapon_role = "modifier"
        doc.spans[WEAPON_KEY] = filter_spans(spans)
        return doc


# Words that make "ammunition" an argument: "giving his critics fresh ammunition".
METAPHOR_MODIFIERS = words("metaphor-modifiers")


def _metaphor(span: Span) -> bool:
    """Ammunition for a debate, not for guns: "fresh ammunition", "political ammunition",
    "gave the opposition ammunition" (a person who receives it in a noun before it)."""
    head = span[-1]
    if head.lower_ != "ammunition":
        return False
    return any(t.lower_ in METAPHOR_MODIFIERS for t in span) or any(
        c.dep_ == "amod" and c.lower_ in METAPHOR_MODIFIERS for c in head.children)


KNOW_HOW = words("know-how")


def _know_how(span: Span) -> Span:
    """ "submarine technology", "missile components": the know-how or parts of a weapon,
    an item of category ``other``."""
    doc = span.doc
    if span.end < len(doc) and doc[span.end].lower_ in KNOW_HOW and span.label_ != "other":
        out = Span(doc, span.start, span.end + 1, label="other", kb_id=span.kb_id_)
        out._.weapon_origin = span._.weapon_origin
        return out
    return span


def _outside(span: Span, companies: set[int]) -> Span | None:
    """A weapon mention without a company's name: "Aircraft" in "Hughes Aircraft Co" is
    none; "Rheinmetall Lynx infantry fighting vehicle" keeps "Lynx infantry fighting
    vehicle" (the maker stays an actor, and the item's origin)."""
    start = span.start
    while start < span.end and start in companies:
        start += 1
    if start >= span.end or any(i in companies for i in range(start, span.end)):
        return None
    if start == span.start:
        return span
    out = Span(span.doc, start, span.end, label=span.label_, kb_id=span.kb_id_)
    out._.weapon_origin = span._.weapon_origin
    out._.weapon_role = span._.weapon_role
    return out


def _is_company(span: Span, actors) -> bool:
    kind, sep, _name = span.kb_id_.partition(":")
    if sep:
        return kind in ("company", "airline")
    entry = actors.actors.get(span.kb_id_)
    return entry is not None and entry.type == "company"


def _technical(span: Span, named: set[int]) -> Span:
    """ "electronic display equipment", "communications hardware": equipment named by its
    technical purpose is ``other``; "military equipment" stays ``unspecified``."""
    head = span[-1]
    if span.label_ != "unspecified" or head.lower_ not in CONTEXT_TERMS or len(span) < 2:
        return span
    if all(t.lower_ in GENERIC_MILITARY or t.i == head.i or t.is_punct or t.i in named
           or t.tag_ == "VBN" for t in span):  # "Soviet-supplied equipment" is unspecified
        return span
    out = Span(span.doc, span.start, span.end, label="other", kb_id=span.kb_id_)
    out._.weapon_origin = span._.weapon_origin
    out._.weapon_role = span._.weapon_role
    return out


GENERIC_MILITARY = words("generic-military")


REGIONS = words("regions")


def _regional(span: Span) -> bool:
    """ "the South American country", "Latin American states": a region, not the USA."""
    doc = span.doc
    if span.label_ != "demonym" or span.start == 0:
        return False
    before = doc[span.start - 1]
    if before.text == "-" and span.start > 1:
        before = doc[span.start - 2]
    return before.lower_ in REGIONS and before.text[:1].isupper()


def doc_date(doc: Doc) -> date | None:
    """The article's date set in ``doc.user_data`` before the pipeline ran, if any."""
    value = doc.user_data.get(DATE_KEY)
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _modifies_other_noun(span: Span) -> bool:
    """True for "machine gun (and grenade) fire", "drone attacks": the weapon word only
    describes the noun that follows it."""
    doc = span.doc
    for tok in doc[span.end: min(len(doc), span.end + 6)]:
        if tok.lower_ in MODIFIED_NOUNS:
            return True
        if tok.pos_ in ("CCONJ", "ADJ", "PUNCT") or tok.tag_ in ("VBN", "VBD", "HYPH") or \
                tok.dep_ in ("compound", "conj", "amod", "cc"):
            continue
        return False
    return False


def _civil_equipment(span: Span) -> bool:
    """ "railway equipment", "medical equipment": equipment with a civil purpose."""
    head = span[-1]
    return head.lower_ in CONTEXT_TERMS and any(t.lower_ in CIVIL_PURPOSES for t in span)


def _counter(span: Span) -> bool:
    """ "counter-IED", "counter-drone", "anti-aircraft (command equipment)": the means against
    a weapon, not the weapon. Terms that mean a weapon ("anti-aircraft gun") are matched
    whole and start with "anti" themselves, so they are kept."""
    doc = span.doc
    i = span.start
    return (i + 1 < len(doc) and doc[i].lower_ == "counter" and doc[i + 1].text == "-") or (
        i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ in ("counter", "anti"))


def _combatants(span: Span) -> bool:
    """People, not weapons: "sent thousands of fighters to Syria", "foreign fighters",
    "a suicide bomber". A "fighter" without a designation needs aircraft words nearby."""
    head = span[-1].lower_
    words = {t.lower_ for t in span}
    if head in ("bomber", "bombers") and words & PERSON_MODIFIERS:
        return True
    if head not in PERSON_AMBIGUOUS or span.kb_id_:
        return False
    if words & PERSON_MODIFIERS:
        return True
    if any(c.dep_ in ("acl", "relcl") and c.lemma_.lower() in SALE_WORDS
           for c in span[-1].children) or span[-1].head.lemma_.lower() in SALE_WORDS:
        return False  # "20 fighters ordered by Cairo", "bought 30 fighters": aircraft
    return not any(t.lower_ in AIR_CONTEXT or t.text.startswith(("F-", "Su-", "J-", "MiG"))
                   for t in span.sent)


# Words of a sale: what is bought, ordered or sold is goods, not people.
SALE_WORDS = words("sale-words")
# Title-case headline words after a designation that are no system name: "F-16 Deal"
DEAL_HEADS = frozenset({"deal", "contract", "agreement", "program", "programme", "pact"})


SHIP_PREFIXES = words("ship-prefixes")
HULL_CODES = words("hull-codes")


def _group_vehicles(doc: Doc, taken: set[int]) -> list[Span]:
    """ "ISIL vehicles", "Taliban vehicles": vehicles of an armed group are military."""
    out = []
    actors = {i: a for a in doc.spans.get(ACTOR_KEY, []) for i in range(a.start, a.end)}
    lexicon = load_actor_lexicon()
    for tok in doc:
        if tok.lemma_.lower() != "vehicle" or tok.i in taken or tok.i == 0:
            continue
        prev = actors.get(tok.i - 1)
        entry = lexicon.actors.get(prev.kb_id_) if prev is not None else None
        if entry is not None and entry.type == "armed-group":  # not an unlisted company
            out.append(Span(doc, prev.start, tok.i + 1, label="armoured-vehicles"))
    return out


def _ship_names(doc: Doc, taken: set[int]) -> list[Span]:
    """Named warships ("HMS Ocean", "PNS Tughril", "USS Mahan") and hull numbers
    ("DDG 70", "L 12"): mentions of ships with the name as designation."""
    out = []
    for tok in doc:
        if tok.i in taken:
            continue
        if tok.text in SHIP_PREFIXES and tok.i + 1 < len(doc):
            end = tok.i + 1
            while end < len(doc) and end - tok.i <= 3 and doc[end].pos_ == "PROPN" and \
                    doc[end].text[:1].isupper() and not doc[end].text.isupper():
                end += 1
            if end > tok.i + 1:
                out.append(Span(doc, tok.i, end, label="ships", kb_id=doc[tok.i:end].text))
        elif tok.text in HULL_CODES and tok.i + 1 < len(doc) and doc[tok.i + 1].like_num \
                and doc[tok.i + 1].text.isdigit() and tok.i > 0 and doc[tok.i - 1].text in "(,":
            out.append(Span(doc, tok.i, tok.i + 2, label="ships", kb_id=doc[tok.i:tok.i + 2].text))
    return out


def _merge_adjacent(spans: list[Span]) -> list[Span]:
    """A named system right before a generic mention is one item, whatever the parse says:
    "Gepard" + "self-propelled anti-aircraft guns" -> "Gepard self-propelled anti-aircraft
    guns", with the generic mention's category and the system's designation and origin."""
    spans = sorted(spans, key=lambda s: s.start)
    out: list[Span] = []
    for span in spans:
        prev = out[-1] if out else None
        if prev is not None and prev.end == span.start and prev.kb_id_ and not span.kb_id_ \
                and len(prev) <= 3:
            merged = Span(span.doc, prev.start, span.end, label=span.label_, kb_id=prev.kb_id_)
            merged._.weapon_origin = prev._.weapon_origin
            out[-1] = merged
        else:
            out.append(span)
    return out


def _skip_actor_names(doc: Doc, start: int, head_i: int, actors: dict[int, Span]) -> int:
    """A mention does not start with an actor's name: in "send Ukraine cluster munitions"
    Ukraine is the recipient. Demonyms ("Iranian drones") and "US-made" stay in the item."""
    while start < head_i and start in actors:
        a = actors[start]
        if a.label_ == "demonym" or a.end > head_i or (
                a.end < len(doc) and doc[a.end].text == "-"):
            break
        start = a.end
        while start < head_i and (doc[start].is_punct or doc[start].dep_ == "case"):
            start += 1
    return start


def _nickname(head: Token, i: int) -> bool:
    """The system's name after its designation: "72 F-18 Hornets", "AH-64 Apaches"."""
    return head.i == i + 1 and head.text[:1].isupper() and head.is_alpha and \
        not head.is_upper and head.lemma_.lower() not in SALE_WORDS | DEAL_HEADS


def _np_head(tok: Token) -> Token:
    """Climb compound and modifier arcs to the noun a designation belongs to."""
    head = tok
    for _ in range(4):
        if head.dep_ in ("compound", "amod", "nmod", "nummod", "npadvmod", "appos") \
                and head.head.i > head.i and head.head.i - tok.i <= 6 \
                and head.head.pos_ in ("NOUN", "PROPN", "NUM"):
            head = head.head
        else:
            break
    return head


def _left_edge(head: Token, floor: int) -> int:
    """The first token of the item phrase: modifiers of the head, without determiners,
    numbers and possessives (they are quantity or owner, not the item)."""
    start = head.i
    for child in head.lefts:
        if child.dep_ in _EDGE_DEPS and not (child.dep_ == "nummod" and not child.like_num):
            continue
        start = min(start, child.left_edge.i)
    start = min(start, floor)
    doc = head.doc
    # never across a clause or a spaced dash: "bombed buildings - and users dodge shells"
    for i in range(head.i - 1, start - 1, -1):
        t = doc[i]
        if t.pos_ in ("VERB", "AUX", "CCONJ", "SCONJ", "PRON") and t.tag_ not in ("VBN", "VBG") \
                or (t.is_punct and t.text not in "-/" ) or (t.text == "-" and t.whitespace_):
            start = i + 1
            break
    while start < head.i and ((doc[start].dep_ in _EDGE_DEPS and doc[start].dep_ != "nummod")
                              or doc[start].is_punct
                              or doc[start].lower_ in QUANTIFIERS
                              or (doc[start].like_num and doc[start + 1].lower_ not in UNITS)):
        start += 1
    return start
