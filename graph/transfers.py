"""One transfer, many reports: claims that state the same transfer, grouped.

Claims group into one :class:`Transfer` when they name the same supplier and recipient and
the same weapon system (its designation, case folded), or the same category where they
name no system, and their article dates are compatible: sorted by date, a claim more than
``WINDOW_DAYS`` after the group's last report starts a new transfer of the same key (a
1987 sale and a 2024 one are two transfers). Claims without a date join the latest
transfer of their key. Claims that name one side only are no part of a transfer.

A transfer counts its reports once per distinct sentence: a wire story that several
outlets ran verbatim is one report, however many articles carry it (``articles`` counts
those, ``publishers`` their distinct publishers). Its status history is its statuses in the
order they were first reported (negotiating on D1, agreed on D2, delivered from D3); its
status is the last of them.

In a store, the transfers live in one named graph of their own (``id/graph/transfers``),
recomputed from every claim after each build or removal (:func:`refresh_transfers`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import pyoxigraph as ox

from armsgraph.graph.rdf import _date
from armsgraph.ontology import AG, DEFAULT_BASE, category_iri, status_iri

WINDOW_DAYS = 3 * 365  # a report this long after the last one is another transfer
TRANSFERS = "transfers"  # local name of the transfers graph


@dataclass
class Transfer:
    """A transfer and the claims (rows of :func:`graph.network.claim_rows`) that state it."""

    key: tuple[str, str, str]  # supplier IRI, recipient IRI, designation or category
    supplier: dict
    recipient: dict
    category: str
    designation: str | None
    claims: list[dict] = field(default_factory=list)  # in date order, complete when made
    base: str = DEFAULT_BASE

    @cached_property
    def iri(self) -> str:
        """Stable while the transfer's key and first report stay the same."""
        first = self.first_reported or "undated"
        digest = hashlib.sha1("|".join((*self.key, first)).encode()).hexdigest()[:20]
        return f"{self.base}transfer/{digest}"

    @cached_property
    def dates(self) -> list[str]:
        return sorted(c["date"][:10] for c in self.claims if c.get("date"))

    @property
    def first_reported(self) -> str | None:
        return self.dates[0] if self.dates else None

    @property
    def last_reported(self) -> str | None:
        return self.dates[-1] if self.dates else None

    @cached_property
    def reports(self) -> int:
        """Distinct sentences: verbatim repeats of a wire story count once."""
        if len(self.claims) == 1:
            return 1
        return len({_folded(c.get("sentence") or c.get("claim") or "") for c in self.claims})

    @cached_property
    def articles(self) -> int:
        return len({c.get("document") for c in self.claims})

    @cached_property
    def publishers(self) -> int:
        return len({c.get("publisher") for c in self.claims if c.get("publisher")})

    @cached_property
    def history(self) -> list[dict]:
        """``[{"status", "since", "claims"}]``: each status from its first report on, in
        date order (undated claims after the dated ones), a repeated status once."""
        steps: dict[str, dict] = {}
        for c in sorted(self.claims, key=_when):
            step = steps.setdefault(c.get("status"), {"status": c.get("status"),
                                                  "since": (c.get("date") or "")[:10] or None,
                                                  "claims": 0})
            step["claims"] += 1
        return list(steps.values())

    @property
    def status(self) -> str:
        return self.history[-1]["status"]


_PUNCTUATION = str.maketrans(
    {c: " " for c in ".,;:!?\"'()[]{}\u2018\u2019\u201c\u201d-\u2013\u2014"})


def _folded(sentence: str) -> str:
    """A sentence as its verbatim repeats share it: case, spacing and punctuation folded."""
    return " ".join(sentence.casefold().translate(_PUNCTUATION).split())


# Claims of one day are taken in the order a deal goes (and the claim IRI last), so that
# the history never depends on the order the store returns rows in.
_PHASE = {s: i for i, s in enumerate(
    ("reported", "negotiating", "pledged", "agreed", "delivered", "denied"))}


def _when(row: dict) -> tuple[int, str, int, str]:
    date = (row.get("date") or "")[:10]
    return (0 if date else 1, date, _PHASE.get(row.get("status"), 9), row.get("claim") or "")


@lru_cache(maxsize=65536)
def _day(s: str) -> dt.date | None:
    """``2024``, ``2024-03`` or ``2024-03-05`` as a date (the first day of the period)."""
    try:
        parts = (s.split("-") + ["01", "01"])[:3]
        return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        return None


def _days(a: str, b: str) -> int:
    da, db = _day(a), _day(b)
    return (db - da).days if da is not None and db is not None else 0


def _by_item(claims: Iterable[dict]) -> dict[str, list[dict]]:
    """One pair's claims by weapon system, or by category where they name none; claims
    that name only a category join the one system of that category the pair's other
    claims name ("Poland to receive drones from Turkey" and "24 Bayraktar TB2 drones"), and
    stay a category's own group when there is none, or several."""
    groups: dict[str, list[dict]] = {}
    for row in claims:
        designation = row.get("designation")
        key = (f"system:{designation.strip().casefold()}" if designation and designation.strip()
               else f"category:{row.get('category')}")
        group = groups.get(key)
        if group is None:
            groups[key] = [row]
        else:
            group.append(row)
    if len(groups) == 1:
        return groups
    systems: dict[str, list[str]] = {}
    for key, rows in groups.items():
        if key.startswith("system:"):
            systems.setdefault(rows[0].get("category"), []).append(key)
    for key in [k for k in groups if k.startswith("category:")]:
        named = systems.get(key[len("category:"):], [])
        if len(named) == 1:
            groups[named[0]].extend(groups.pop(key))
    return groups


def group_transfers(rows: Iterable[dict], window_days: int = WINDOW_DAYS,
                    base: str = DEFAULT_BASE) -> list[Transfer]:
    """The transfers the claim rows state, in order of first report (see the module).
    Claims that name one side only are no part of a transfer."""
    by_pair: dict[tuple[str, str], list[dict]] = {}
    for row in rows:
        sup, rec = row.get("supplier"), row.get("recipient")
        if sup and rec:
            by_pair.setdefault((sup["iri"], rec["iri"]), []).append(row)
    out = [t for claims in by_pair.values() for t in pair_transfers(
        claims[0]["supplier"], claims[0]["recipient"], claims, window_days, base)]
    out.sort(key=lambda t: (t.first_reported or "9999", t.key))
    return out


def pair_transfers(supplier: dict, recipient: dict, claims: list[dict],
                   window_days: int = WINDOW_DAYS, base: str = DEFAULT_BASE) -> list[Transfer]:
    """The transfers of one supplier -> recipient pair from its claims (rows, or an edge's
    evidence dicts, which have no sides: see :func:`graph.network.claims_network`)."""
    out = []
    for item, group in _by_item(claims).items():
        for part in (group,) if len(group) == 1 else split_by_date(group, window_days):
            named = next((c for c in part if c.get("designation")), part[0])
            out.append(Transfer((supplier["iri"], recipient["iri"], item), supplier, recipient,
                                named.get("category"), named.get("designation") or None,
                                part, base=base))
    return out


def split_by_date(claims: list[dict], window_days: int = WINDOW_DAYS) -> Iterator[list[dict]]:
    """Claims of one key in date order, cut where a report comes more than
    ``window_days`` after the one before (undated claims join the last group)."""
    group: list[dict] = []
    last = None
    for row in sorted(claims, key=_when):
        date = (row.get("date") or "")[:10]
        if group and date and last and _days(last, date) > window_days:
            yield group
            group = []
        group.append(row)
        last = date or last
    if group:
        yield group


# -- RDF ----------------------------------------------------------------------------------

def transfers_graph(base: str = DEFAULT_BASE) -> ox.NamedNode:
    return ox.NamedNode(f"{base}graph/{TRANSFERS}")


def transfer_quads(transfers: Iterable[Transfer], graph: ox.NamedNode) -> Iterator[ox.Quad]:
    """Each transfer as an ``ag:Transfer`` with its sides, item, status, counts, report
    dates, status history (``ag:StatusStep`` nodes, in order) and claims."""
    n = ox.NamedNode
    p = {name: n(str(AG[name])) for name in (
        "Transfer", "StatusStep", "transferSupplier", "transferRecipient", "transferCategory",
        "transferDesignation", "latestStatus", "reportCount", "articleCount",
        "publisherCount", "firstReported", "lastReported", "statusStep", "stepStatus",
        "stepDate", "stepOrder", "stepClaims", "reportedBy")}
    rdf_type = n("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    integer = n("http://www.w3.org/2001/XMLSchema#integer")

    def num(v: int) -> ox.Literal:
        return ox.Literal(str(v), datatype=integer)

    for t in transfers:
        s = n(t.iri)
        yield ox.Quad(s, rdf_type, p["Transfer"], graph)
        yield ox.Quad(s, p["transferSupplier"], n(t.supplier["iri"]), graph)
        yield ox.Quad(s, p["transferRecipient"], n(t.recipient["iri"]), graph)
        yield ox.Quad(s, p["transferCategory"], n(str(category_iri(t.category))), graph)
        if t.designation:
            yield ox.Quad(s, p["transferDesignation"], ox.Literal(t.designation), graph)
        yield ox.Quad(s, p["latestStatus"], n(str(status_iri(t.status))), graph)
        yield ox.Quad(s, p["reportCount"], num(t.reports), graph)
        yield ox.Quad(s, p["articleCount"], num(t.articles), graph)
        yield ox.Quad(s, p["publisherCount"], num(t.publishers), graph)
        if t.first_reported:
            yield ox.Quad(s, p["firstReported"], _date(t.first_reported), graph)
            yield ox.Quad(s, p["lastReported"], _date(t.last_reported), graph)
        for i, step in enumerate(t.history, 1):
            node = n(f"{t.iri}/step/{i}")
            yield ox.Quad(s, p["statusStep"], node, graph)
            yield ox.Quad(node, rdf_type, p["StatusStep"], graph)
            yield ox.Quad(node, p["stepStatus"], n(str(status_iri(step["status"]))), graph)
            yield ox.Quad(node, p["stepOrder"], num(i), graph)
            yield ox.Quad(node, p["stepClaims"], num(step["claims"]), graph)
            if step["since"]:
                yield ox.Quad(node, p["stepDate"], _date(step["since"]), graph)
        for c in t.claims:
            yield ox.Quad(s, p["reportedBy"], n(c["claim"]), graph)


def refresh_transfers(store) -> int:
    """Recompute the transfers graph of ``store`` from all its claims; return the number of
    transfers. A store that cannot hold it (a read-only endpoint) raises its own error."""
    from armsgraph.graph.network import bulk_objects, claim_rows

    with bulk_objects():
        transfers = group_transfers(claim_rows(store), base=store.minter.base)
        graph = transfers_graph(store.minter.base)
        store.replace_graph_quads(graph, list(transfer_quads(transfers, graph)))
    return len(transfers)
