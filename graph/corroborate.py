"""News against the register: each news claim compared with SIPRI's deals.

A claim is **confirmed** by a register deal of the same supplier and recipient whose
weapon is compatible and whose years fit the article's. The weapon: the claim's designation
(or the lexicon's other names for its system) against the deal's, normalised, so that
``F-16`` ~ ``F-16C/D``, ``Super Tucano`` ~ ``EMB-314 Super Tucano`` and ``Silkworm`` ~
``HY-2``; without a designation, the weapon type its words name (``anti-ship``,
``fighter``) against the deal's description, in the same category. The years: each phase
its own window (:func:`window`). The closer the article's year to the deal's, and the better
the item matches, the higher the score (0 to 1); a claim whose item names no weapon type
matches the category alone, at 0.5, which confirms nothing (``CONFIRM_SCORE``): it is a
lead with its closest deal. A denial is never confirmed: when the register records the
deal, the denial is listed with the deals that contradict it.

Claims without a match are the **leads**, each with the reason: a pair the register never
records, an item or years it does not record for the pair, a category it does not cover
(small arms, ammunition), or a phase it does not record (talks, pledges). Register deals
ordered or delivered in the years the news covers, but stated by no claim, are the
**register-only** deals.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache

import pyoxigraph as ox

from armsgraph.ontology import AG, DEFAULT_BASE

NOT_IN_REGISTER = frozenset({"small-arms", "ammunition"})  # SIPRI: major conventional arms
BEFORE_ORDER = 3  # years of talks before an order that still match it
AFTER_DELIVERY = 2  # years after the last delivery that still match it
CORROBORATION = "corroboration"  # local name of the graph of matches
CONFIRM_SCORE = 0.6  # below: the category alone, listed as a lead with the closest deal


@dataclass
class Match:
    claim: dict  # a claim row (graph.network.claim_rows)
    deal: dict  # a register row (graph.sipri.register_rows)
    score: float
    reason: str


@dataclass
class Corroboration:
    """What :func:`corroborate` finds: the best match of each confirmed claim, the leads
    (claim, reason), and the register-only deals of the news's years."""

    confirmed: list[Match] = field(default_factory=list)
    leads: list[tuple[dict, str]] = field(default_factory=list)
    register_only: list[dict] = field(default_factory=list)
    one_sided: int = 0  # claims that name one side only: nothing to compare
    years: tuple[int, int] | None = None  # the years of the news's articles


def tokens(designation: str | None) -> list[str]:
    """``F-16C/D`` -> ``['F', '16', 'C', 'D']``: letters and digits, upper case."""
    return re.findall(r"[A-Z]+|\d+", (designation or "").upper())


def designations_match(news: str | None, register: str | None) -> bool:
    """Whether the news's designation names the register's system: one is a prefix of
    the other token by token (``F-16`` ~ ``F-16C/D``, ``T-72`` ~ ``T-72B3``), or every token
    of the news's is in the register's and one of them is a word (``Super Tucano``)."""
    a, b = tokens(news), tokens(register)
    if not a or not b:
        return False
    if b[:len(a)] == a or a[:len(b)] == b:
        return True
    return set(a) <= set(b) and any(len(t) >= 4 and t.isalpha() for t in a)


def _year(row: dict) -> int | None:
    for key in ("date", "stated_date"):
        value = row.get(key) or ""
        if value[:4].isdigit():
            return int(value[:4])
    return None


def _when(deal: dict) -> str:
    parts = []
    if deal.get("order_year"):
        parts.append(f"ordered {deal['order_year']}")
    years = [d[0] for d in deal["deliveries"]]
    if years:
        parts.append(f"delivered {years[0]}" + (f"-{years[-1]}" if len(years) > 1 else ""))
    return ", ".join(parts) or "no year"


def window(status: str | None, deal: dict) -> tuple[int, int] | None:
    """The article years that can report a deal in a claim's phase: deliveries from a year
    before the first to two after the last; a deal from a year before its order to two
    after; talks and pledges from three years before the order to a year after; a plain
    report from two years before the deal's first year to two after its last."""
    order = deal.get("order_year")
    deliveries = [d[0] for d in deal["deliveries"]]
    if not order and not deliveries:
        return None
    first = order or deliveries[0]
    if status == "delivered":
        return (deliveries[0] - 1, deliveries[-1] + 2) if deliveries else (first, first + 3)
    if status == "agreed":
        return first - 1, first + 2
    if status in ("negotiating", "pledged"):
        return first - BEFORE_ORDER, first + 1
    return first - 2, (deliveries[-1] if deliveries else first) + AFTER_DELIVERY


@cache
def _aliases() -> dict[str, frozenset[str]]:
    """Each weapon system's names (``Silkworm`` and ``HY-2``), by every name, folded:
    the extractor's lexicon knows the export names the register does not use."""
    from armsgraph.extract.lexicon import load_weapon_lexicon

    by_system: dict[str, set[str]] = {}
    for form, system in load_weapon_lexicon().systems.items():
        by_system.setdefault(system.name, {system.name}).add(form)
    return {form.casefold(): frozenset(names) for names in by_system.values()
            for form in names}


_DESIGNATION = re.compile(r"\b[A-Z]{1,5}-?\d{1,4}[A-Za-z0-9/-]*\b")


def _lexicon_names(text: str) -> list[str]:
    """The lexicon's system names among the words of ``text`` (one to three words)."""
    words = re.findall(r"[\w/-]+", text)
    aliases = _aliases()
    return [" ".join(words[i:i + n]) for n in (3, 2, 1) for i in range(len(words) - n + 1)
            if len(" ".join(words[i:i + n])) >= 3 and " ".join(words[i:i + n]).casefold()
            in aliases]


def designations_of(claim: dict) -> list[str]:
    """What names the claim's system: its designation with the lexicon's other names for it,
    or, without one, the lexicon's names and the designation-like words in its item text
    (``Chinese-made Silkworm missiles``, ``M-1A1 battle tank``)."""
    designation = claim.get("designation")
    item = claim.get("item") or ""
    found = [designation] if designation else [*_lexicon_names(item),
                                               *_DESIGNATION.findall(item)]
    forms = list(dict.fromkeys(found))
    for name in found:
        forms.extend(f for f in sorted(_aliases().get(name.casefold(), ())) if f not in forms)
    return forms


GENERIC_WORDS = frozenset({
    "aircraft", "missile", "system", "weapon", "vehicle", "engine", "radar", "ship", "gun",
    "equipment", "launcher", "combat", "light", "heavy", "naval", "air", "land", "version",
    "military", "new"})
TYPE_SYNONYMS = {"surface-to-surface": "ssm", "surface-to-air": "sam", "air-to-air": "aam",
                 "jet": "fighter", "warplane": "fighter", "jetfighter": "fighter",
                 "chopper": "helicopter", "gunship": "helicopter", "sub": "submarine",
                 "awacs": "aew&c", "battle": "tank"}


def _type_words(text: str) -> set[str]:
    """The words of a weapon phrase or a register description, folded (``Tanks`` ->
    ``tank``), with the names of weapon types the two write differently made one."""
    out = set()
    for word in re.findall(r"[a-z&]+(?:-[a-z&]+)*", text.lower()):
        word = TYPE_SYNONYMS.get(word, word)
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = TYPE_SYNONYMS.get(word[:-1], word[:-1])
        out.add(word)
    return out


@cache
def _type_vocabulary() -> frozenset[str]:
    """The words the register uses for weapon types (its descriptions), but the generic."""
    from armsgraph.graph.sipri import description_table

    words: set[str] = set()
    for description in description_table():
        words |= _type_words(description)
    return frozenset(words - GENERIC_WORDS)


def _specific(claim: dict) -> set[str]:
    """The weapon-type words of a claim's item (``fighter``, ``anti-ship``, ``tank``)."""
    return _type_words(claim.get("item") or "") & _type_vocabulary()


def item_match(claim: dict, deal: dict) -> tuple[str, float] | None:
    """How a claim's item matches a deal's weapon, with the base score, or None."""
    forms = designations_of(claim)
    named = next((f for f in forms if designations_match(f, deal.get("designation"))), None)
    specific = _specific(claim)
    shared = specific & _type_words(f"{deal.get('description') or ''} "
                                    f"{deal.get('designation') or ''}")
    if named is not None:
        return f"{named} ~ {deal['designation']}", 0.9 + (0.05 if shared else 0.0)
    if forms or claim.get("category") != deal.get("category"):
        return None  # a system named, and not this one; or another category
    if shared:
        return (f"{', '.join(sorted(shared))} ~ {deal['designation']} "
                f"({deal['description']})"), 0.7
    if specific:
        return None  # another type of weapon of the category (a fighter, not a patrol plane)
    return f"category {deal['category']} only ({deal['designation']})", 0.5


def match(claim: dict, deal: dict) -> Match | None:
    """The match of a claim and a deal of the same pair, or None (see the module)."""
    found = item_match(claim, deal)
    if found is None:
        return None
    item, base = found
    year, span = _year(claim), window(claim.get("status"), deal)
    if year is None or span is None:
        return Match(claim, deal, round(base * 0.7, 2),
                     f"same supplier and recipient; {item}; no year to compare")
    if not span[0] <= year <= span[1]:
        return None
    years = [d[0] for d in deal["deliveries"]] + ([deal["order_year"]] if deal.get(
        "order_year") else [])
    distance = min(abs(year - y) for y in years)
    score = max(base - 0.05 * distance, 0.3)
    if claim.get("status") == "delivered" and any(abs(d[0] - year) <= 1
                                                  for d in deal["deliveries"]):
        score = min(1.0, score + 0.1)
    return Match(claim, deal, round(score, 2),
                 f"same supplier and recipient; {item}; article {year}, deal {_when(deal)}")


def _key(side: dict | None) -> str | None:
    return side["iri"] if side else None


def corroborate(claims: Iterable[dict], deals: Iterable[dict]) -> Corroboration:
    """Compare every claim with the register (see the module)."""
    by_pair: dict[tuple[str, str], list[dict]] = {}
    deals = list(deals)
    for deal in deals:
        s, r = _key(deal.get("supplier")), _key(deal.get("recipient"))
        if s and r:
            by_pair.setdefault((s, r), []).append(deal)
    out = Corroboration()
    matched_deals: set[str] = set()
    years = []
    for claim in claims:
        s, r = _key(claim.get("supplier")), _key(claim.get("recipient"))
        y = _year(claim)
        if y is not None:
            years.append(y)
        if not s or not r:
            out.one_sided += 1
            continue
        pair = by_pair.get((s, r), [])
        found = sorted((m for m in (match(claim, d) for d in pair) if m is not None),
                       key=lambda m: (-m.score, m.deal["transfer"]))
        if claim.get("status") == "denied":
            reason = ("a denial the register contradicts: " + "; ".join(
                f"{m.deal['designation']} {_when(m.deal)}" for m in found[:3])) if found else (
                "a denial; the register records no such deal")
            out.leads.append((claim, reason))
            continue
        if found and found[0].score >= CONFIRM_SCORE:
            out.confirmed.append(found[0])
            matched_deals.update(m.deal["transfer"] for m in found)
            continue
        if found:  # the category alone, for an item that names no weapon type
            best = found[0]
            out.leads.append((claim, "not confirmed: the closest register deal shares only the "
                              f"category: {best.deal['designation']} {_when(best.deal)} "
                              f"(score {best.score})"))
            continue
        out.leads.append((claim, _why_not(claim, pair)))
    if years:
        out.years = (min(years), max(years))
        lo, hi = out.years
        out.register_only = [
            d for d in deals if d["transfer"] not in matched_deals and d.get("supplier")
            and d.get("recipient") and (lo <= (d.get("order_year") or 0) <= hi
                                        or any(lo <= x[0] <= hi for x in d["deliveries"]))]
        out.register_only.sort(key=lambda d: (-(d.get("tiv_order") or d.get("tiv_delivered")
                                                or 0), d["transfer"]))
    return out


def _why_not(claim: dict, pair: list[dict]) -> str:
    category, status = claim.get("category"), claim.get("status")
    if category in NOT_IN_REGISTER:
        return f"{category}: the register covers major conventional arms only"
    if category == "unspecified":
        return ("no weapon named: nothing to compare with the register's "
                f"{len(pair)} deal(s) of this pair" if pair else
                "no weapon named, and a pair the register does not record")
    if not pair:
        if status in ("negotiating", "pledged"):
            return f"{status}: the register records orders and deliveries only; no deal " \
                   "of this pair"
        return "a pair the register does not record"
    if status in ("negotiating", "pledged"):
        return f"{status}: the register records orders and deliveries only"
    items = {d["designation"] for d in pair if item_match(claim, d) is not None}
    if items:
        return f"the register's deals of this item ({', '.join(sorted(items)[:3])}) are " \
               "from other years"
    return f"the register records {len(pair)} deal(s) of this pair, none of this item"


# --- the matches in the store -------------------------------------------------------------

def corroboration_graph(base: str = DEFAULT_BASE) -> ox.NamedNode:
    return ox.NamedNode(f"{base}graph/{CORROBORATION}")


def corroboration_quads(matches: Iterable[Match], graph: ox.NamedNode,
                        base: str = DEFAULT_BASE) -> Iterator[ox.Quad]:
    """``claim ag:corroboratedBy deal``, and an ``ag:Corroboration`` node with the reason
    and the score, for each match."""
    n = ox.NamedNode
    rdf_type = n("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    p = {name: n(str(getattr(AG, name))) for name in (
        "Corroboration", "corroboratedBy", "corroboratedClaim", "corroboratingTransfer",
        "matchReason", "matchScore")}
    decimal = n("http://www.w3.org/2001/XMLSchema#decimal")
    for m in matches:
        claim, deal = n(m.claim["claim"]), n(m.deal["transfer"])
        digest = hashlib.sha1(f"{claim.value}|{deal.value}".encode()).hexdigest()[:20]
        node = n(f"{base}corroboration/{digest}")
        yield ox.Quad(claim, p["corroboratedBy"], deal, graph)
        yield ox.Quad(node, rdf_type, p["Corroboration"], graph)
        yield ox.Quad(node, p["corroboratedClaim"], claim, graph)
        yield ox.Quad(node, p["corroboratingTransfer"], deal, graph)
        yield ox.Quad(node, p["matchReason"], ox.Literal(m.reason), graph)
        yield ox.Quad(node, p["matchScore"], ox.Literal(f"{m.score:.2f}", datatype=decimal),
                      graph)


def store_corroboration(store, result: Corroboration) -> int:
    """Replace the store's graph of matches with ``result``'s; return the links written."""
    graph = corroboration_graph(store.minter.base)
    quads = list(corroboration_quads(result.confirmed, graph, store.minter.base))
    store.replace_graph_quads(graph, quads)
    return len(result.confirmed)


# --- tables ----------------------------------------------------------------------------

def _label(side: dict | None) -> str:
    return side["label"] if side else ""


def tables(result: Corroboration) -> dict[str, list[dict]]:
    """The three lists as flat rows (CSV, JSON)."""
    def deal_cells(d: dict, prefix: str = "register_") -> dict:
        return {f"{prefix}deal": d["transfer"], f"{prefix}designation": d["designation"],
                f"{prefix}description": d["description"], f"{prefix}category": d["category"],
                f"{prefix}order_year": d.get("order_year"),
                f"{prefix}delivery_years": ";".join(str(x[0]) for x in d["deliveries"]),
                f"{prefix}number_ordered": d.get("number_ordered"),
                f"{prefix}tiv_delivered": d.get("tiv_delivered"),
                f"{prefix}file": d.get("file"), f"{prefix}line": d.get("line")}

    def claim_cells(c: dict) -> dict:
        return {"claim": c["claim"], "supplier": _label(c.get("supplier")),
                "recipient": _label(c.get("recipient")), "status": c.get("status"),
                "category": c.get("category"), "item": c.get("item"),
                "designation": c.get("designation"), "date": c.get("date"),
                "sentence": c.get("sentence"), "document": c.get("document"),
                "title": c.get("title"), "url": c.get("url")}

    return {
        "confirmed": [{**claim_cells(m.claim), "score": m.score, "reason": m.reason,
                       **deal_cells(m.deal)} for m in result.confirmed],
        "leads": [{**claim_cells(c), "reason": why} for c, why in result.leads],
        "register_only": [{"supplier": _label(d.get("supplier")),
                           "recipient": _label(d.get("recipient")), **deal_cells(d, "")}
                          for d in result.register_only],
    }
