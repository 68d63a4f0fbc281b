"""SIPRI's trade register in the store: exports read, deals mapped to our actors and
categories, and one ``ag:RegisterTransfer`` per deal in a named graph per import.

Two export formats are read, detected from their first lines:

- ``trade-register``: SIPRI's classic trade register, one row per deal (cp1252; 16
  columns, three of them the uncertainty mark ``?`` of the column before; records whose
  comments hold a bare CRLF run over two lines);
- ``deliveries``: the newer export, one row per deal and delivery year, with a notes
  preamble, a deal id and a stray ``;`` closing every line; its rows are gathered by deal.

SIPRI's names map to our actors through ``graph/data/sipri_actors.csv`` (states by ISO
3166 alpha-3, former states, armed groups marked ``*``, organisations ``**``; ``unknown
supplier(s)`` is no actor) and its weapon descriptions to our categories through
``graph/data/sipri_descriptions.csv``. A deal's status is ``delivered`` when deliveries are
recorded, ``agreed`` otherwise.

An import is one named graph, ``id:graph/register-<sha256 of the file>``: re-importing the
same file changes nothing, and importing another export of the same format replaces the
older import once the new one is written. Each deal also carries its fields as one JSON
object (``ag:registerRow``), so analyses read a register of 29,000 deals with one pattern.

Information from the SIPRI Arms Transfers Database,
https://www.sipri.org/databases/armstransfers.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib import resources
from pathlib import Path

import pyoxigraph as ox

from armsgraph.errors import ArmsgraphError
from armsgraph.extract.claims import CATEGORIES, Actor
from armsgraph.ontology import AG, DEFAULT_BASE, category_iri, sparql_prefixes, status_iri

log = logging.getLogger("armsgraph")

FORMATS = ("trade-register", "deliveries")
CREDIT = ("Information from the SIPRI Arms Transfers Database, "
          "https://www.sipri.org/databases/armstransfers")
SIPRI_DATABASE = "https://www.sipri.org/databases/armstransfers"
CLASSIC_HEADER = ("Recipient", "Supplier", "Year of order")
DELIVERIES_HEADER = ("SIPRI AT Database ID", "Supplier", "Recipient")
_XSD = "http://www.w3.org/2001/XMLSchema#"


class RegisterError(ArmsgraphError):
    """An export that cannot be read at all (one line: the file and the problem)."""


@dataclass
class Delivery:
    year: int
    number: int | None = None
    number_uncertain: bool = False
    year_uncertain: bool = False
    tiv: Decimal | None = None


@dataclass
class Deal:
    """One deal of the register, as the export gives it."""

    line: int  # the line of the file where its (first) record starts
    supplier: str
    recipient: str
    designation: str
    description: str
    order_year: int | None = None
    order_year_uncertain: bool = False
    number_ordered: int | None = None
    number_ordered_uncertain: bool = False
    number_delivered: int | None = None
    number_delivered_uncertain: bool = False
    deliveries: list[Delivery] = field(default_factory=list)
    condition: str = ""
    comments: str = ""
    tiv_unit: Decimal | None = None
    tiv_order: Decimal | None = None
    tiv_delivered: Decimal | None = None
    deal_id: str | None = None
    armament_category: str | None = None
    local_production: bool | None = None

    @property
    def status(self) -> str:
        return "delivered" if self.deliveries or (self.number_delivered or 0) > 0 else "agreed"


@dataclass
class Export:
    """A whole export: its format, its deals, and the rows that could not be read."""

    path: Path
    format: str
    sha256: str
    deals: list[Deal]
    skipped: list[str]  # "FILE:LINE: problem", one per row left out


# --- reading ------------------------------------------------------------------------------

def _int(text: str, what: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not text.isdigit():
        raise ValueError(f"{what} '{text}' is not a whole number")
    return int(text)


def _decimal(text: str, what: str) -> Decimal | None:
    text = text.strip()
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"{what} '{text}' is not a number") from None
    if not value.is_finite() or value < 0:
        raise ValueError(f"{what} '{text}' is not a number")
    return value


def _year(text: str, what: str) -> int | None:
    value = _int(text, what)
    if value is not None and not 1900 <= value <= 2100:
        raise ValueError(f"{what} '{text}' is not a year")
    return value


def detect_format(head: str) -> str | None:
    """``trade-register`` or ``deliveries`` from the first lines of a file, else None."""
    lines = head.splitlines()
    if lines and tuple(c.strip() for c in lines[0].split(",")[:3]) == CLASSIC_HEADER:
        return "trade-register"
    for line in lines[:20]:
        if tuple(c.strip() for c in line.split(",")[:3]) == DELIVERIES_HEADER:
            return "deliveries"
    return None


def read_export(path: str | Path) -> Export:
    """Read a SIPRI export; rows that cannot be read are left out, each with one line
    in ``skipped`` (and in the log). A file that is no export raises :class:`RegisterError`."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise RegisterError(f"{path}: cannot read ({exc.strerror or exc})") from None
    text = raw.decode("cp1252", errors="replace")
    fmt = detect_format(text[:8000].replace("\r\n", "\n"))
    if fmt is None:
        raise RegisterError(
            f"{path}: not a SIPRI trade-register export (expected a header starting "
            f"'{','.join(CLASSIC_HEADER)}' or '{','.join(DELIVERIES_HEADER)}')")
    sha = hashlib.sha256(raw).hexdigest()
    skipped: list[str] = []
    deals = (_classic(path, text, skipped) if fmt == "trade-register"
             else _deliveries(path, text, skipped))
    for line in skipped:
        log.warning(line)
    return Export(path, fmt, sha, deals, skipped)


def _logical_lines(text: str, crlf_joins: bool) -> Iterator[tuple[int, str]]:
    """``(first physical line, record)``: with ``crlf_joins`` a line ending in CRLF runs on
    into the next (the classic export's comments), joined by a space."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    n, start, parts = 0, 1, []
    for n, line in enumerate(lines, 1):
        if crlf_joins and line.endswith("\r"):
            if not parts:
                start = n
            parts.append(line[:-1])
            continue
        if parts:
            parts.append(line)
            yield start, " ".join(parts)
            parts = []
        else:
            yield n, line.rstrip("\r")
    if parts:
        yield start, " ".join(parts)


def _classic(path: Path, text: str, skipped: list[str]) -> list[Deal]:
    deals = []
    records = _logical_lines(text, crlf_joins=True)
    next(records, None)  # the header
    for line, record in records:
        if not record.strip():
            continue
        try:
            (cells,) = list(csv.reader([record]))
            if len(cells) != 16:
                raise ValueError(f"{len(cells)} fields, expected 16")
            (recipient, supplier, order, order_q, ordered, ordered_q, designation,
             description, delivered, delivered_q, years, condition, comments, tiv_unit,
             tiv_order, tiv_delivered) = cells
            if not supplier.strip() or not recipient.strip():
                raise ValueError("no supplier or no recipient")
            delivery_years = [_year(y, "delivery year") for y in years.split(";") if y.strip()]
            deals.append(Deal(
                line=line, supplier=supplier.strip(), recipient=recipient.strip(),
                designation=designation.strip(), description=description.strip(),
                order_year=_year(order, "year of order"),
                order_year_uncertain=order_q.strip() == "?",
                number_ordered=_int(ordered, "number ordered"),
                number_ordered_uncertain=ordered_q.strip() == "?",
                number_delivered=_int(delivered, "number delivered"),
                number_delivered_uncertain=delivered_q.strip() == "?",
                deliveries=[Delivery(y) for y in sorted(set(delivery_years)) if y],
                condition=condition.strip(), comments=comments.strip(),
                tiv_unit=_decimal(tiv_unit, "TIV per unit"),
                tiv_order=_decimal(tiv_order, "TIV for total order"),
                tiv_delivered=_decimal(tiv_delivered, "TIV of delivered weapons")))
        except (ValueError, csv.Error) as exc:
            skipped.append(f"{path}:{line}: skipped ({exc})")
    return deals


def _deliveries(path: Path, text: str, skipped: list[str]) -> list[Deal]:
    records = _logical_lines(text, crlf_joins=False)
    for _line, record in records:  # the notes preamble, up to the header
        if tuple(c.strip() for c in record.split(",")[:3]) == DELIVERIES_HEADER:
            break
    by_id: dict[str, Deal] = {}
    for line, record in records:
        if not record.strip():
            continue
        try:
            (cells,) = list(csv.reader([record[:-1] if record.endswith(";") else record]))
            if len(cells) != 17:
                raise ValueError(f"{len(cells)} fields, expected 17")
            (deal_id, supplier, recipient, designation, description, category, order,
             order_q, delivered, delivered_q, year, year_q, condition, _tiv_new, tiv_deal,
             tiv_year, local) = (c.strip() for c in cells)
            if not deal_id or not supplier or not recipient:
                raise ValueError("no deal id, supplier or recipient")
            delivery = Delivery(_year(year, "delivery year") or 0,
                                _int(delivered, "numbers delivered"),
                                delivered_q == "Yes", year_q == "Yes",
                                _decimal(tiv_year, "TIV delivery values"))
            if not delivery.year:
                raise ValueError("no delivery year")
            deal = by_id.get(deal_id)
            if deal is None:
                deal = by_id[deal_id] = Deal(
                    line=line, supplier=supplier, recipient=recipient,
                    designation=designation, description=description,
                    order_year=_year(order, "order date"), order_year_uncertain=order_q == "Yes",
                    # "TIV deal unit": one unit in this deal (second hand at 40%, ...)
                    condition=condition, tiv_unit=_decimal(tiv_deal, "TIV deal unit"),
                    deal_id=deal_id, armament_category=category or None,
                    local_production=local == "Yes")
            deal.deliveries.append(delivery)
        except (ValueError, csv.Error) as exc:
            skipped.append(f"{path}:{line}: skipped ({exc})")
    for deal in by_id.values():
        deal.deliveries.sort(key=lambda d: d.year)
        numbers = [d.number for d in deal.deliveries if d.number is not None]
        deal.number_delivered = sum(numbers) if numbers else None
        deal.number_delivered_uncertain = any(d.number_uncertain for d in deal.deliveries)
        tivs = [d.tiv for d in deal.deliveries if d.tiv is not None]
        deal.tiv_delivered = sum(tivs, Decimal(0)) if tivs else None
    return list(by_id.values())


# --- mapping -----------------------------------------------------------------------------

def _data_rows(name: str) -> Iterator[dict[str, str]]:
    text = resources.files("armsgraph.graph").joinpath("data", name).read_text("utf-8")
    for row in csv.DictReader(io.StringIO(text)):
        yield {k: (v or "").strip() for k, v in row.items()}


@cache
def actor_table() -> dict[str, Actor | None]:
    """SIPRI name -> our :class:`Actor` (``None`` for an unknown supplier or recipient)."""
    from armsgraph.extract.lexicon import load_actor_lexicon

    known = load_actor_lexicon().actors
    out: dict[str, Actor | None] = {}
    for row in _data_rows("sipri_actors.csv"):
        name, actor_id = row["sipri_name"], row["actor_id"]
        if row["type"] == "unknown":
            out[name] = None
        elif actor_id in known:
            e = known[actor_id]
            out[name] = Actor(e.name, e.iso3, name, e.type, e.country, e.wikidata)
        else:
            iso3 = actor_id if row["type"] == "state" and actor_id else None
            out[name] = Actor(row["name"] or name.rstrip("*").strip(), iso3, name, row["type"],
                              row["country"] or None)
    return out


@cache
def description_table() -> dict[str, str]:
    """SIPRI weapon description -> our category."""
    return {row["description"]: row["category"] for row in _data_rows("sipri_descriptions.csv")}


def map_actor(name: str) -> tuple[Actor | None, bool]:
    """Our actor for a SIPRI name, and whether the table knew the name. An unknown name
    still gets an actor (its type from SIPRI's ``*``/``**`` marks), so no deal is lost."""
    table = actor_table()
    if name in table:
        return table[name], True
    kind = ("organization" if name.endswith("**") else "armed-group" if name.endswith("*")
            else "state")
    return Actor(name.rstrip("*").strip(), None, name, kind), False


def map_category(description: str) -> tuple[str, bool]:
    table = description_table()
    if description in table:
        return table[description], True
    lowered = {k.lower(): v for k, v in table.items()}
    if description.lower() in lowered:
        return lowered[description.lower()], True
    return "other", False


# --- RDF ---------------------------------------------------------------------------------

def import_graph(sha256: str, base: str = DEFAULT_BASE) -> ox.NamedNode:
    return ox.NamedNode(f"{base}graph/register-{sha256[:32]}")


def deal_iri(export: Export, deal: Deal, base: str, seen: dict[str, int]) -> str:
    """Stable for the same deal of the same format: the register's id where it has one,
    else a digest of the row's fields (repeats of an identical row numbered)."""
    if deal.deal_id:
        return f"{base}register/sipri/{deal.deal_id}"
    key = "|".join(str(x) for x in (
        deal.supplier, deal.recipient, deal.order_year, deal.number_ordered, deal.designation,
        deal.description, deal.number_delivered, [d.year for d in deal.deliveries],
        deal.condition, deal.comments))
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]
    n = seen.get(digest, 0)
    seen[digest] = n + 1
    return f"{base}register/{export.format}/{digest}" + (f"-{n + 1}" if n else "")


def _lit(value: object, datatype: str | None = None) -> ox.Literal:
    if datatype is None:
        return ox.Literal(str(value))
    return ox.Literal(str(value).lower() if isinstance(value, bool) else str(value),
                      datatype=ox.NamedNode(_XSD + datatype))


def _side(actor: Actor | None, minter) -> dict | None:
    if actor is None:
        return None
    return {"iri": str(minter.actor(actor)), "label": actor.name, "type": actor.type,
            "mention": actor.mention}


def register_row(iri: str, deal: Deal, export: Export, supplier: Actor | None,
                 recipient: Actor | None, category: str, minter, file_iri: str) -> dict:
    """What analyses read of a deal (:func:`register_rows`)."""
    return {
        "transfer": iri, "supplier": _side(supplier, minter),
        "recipient": _side(recipient, minter), "designation": deal.designation,
        "description": deal.description, "category": category, "status": deal.status,
        "order_year": deal.order_year, "order_year_uncertain": deal.order_year_uncertain,
        "number_ordered": deal.number_ordered, "number_delivered": deal.number_delivered,
        "deliveries": [[d.year, d.number, None if d.tiv is None else float(d.tiv)]
                       for d in deal.deliveries],
        "tiv_unit": None if deal.tiv_unit is None else float(deal.tiv_unit),
        "tiv_order": None if deal.tiv_order is None else float(deal.tiv_order),
        "tiv_delivered": None if deal.tiv_delivered is None else float(deal.tiv_delivered),
        "condition": deal.condition, "comments": deal.comments, "deal_id": deal.deal_id,
        "format": export.format, "line": deal.line, "import": file_iri,
        "file": export.path.name,
    }


@dataclass
class ImportReport:
    path: Path
    format: str
    deals: int
    skipped: list[str]
    unmapped_actors: list[str]
    unmapped_descriptions: list[str]
    graph: str
    unchanged: bool = False
    replaced: list[str] = field(default_factory=list)


def export_quads(export: Export, minter) -> tuple[list[ox.Quad], list[ox.Quad], ImportReport]:
    """The import graph's quads, the reference quads of its actors, and the report."""
    from armsgraph.graph.rdf import actor_quads

    base = minter.base
    g = import_graph(export.sha256, base)
    ref = ox.NamedNode(str(minter.reference_graph()))
    n = ox.NamedNode
    p = {name: n(str(getattr(AG, name))) for name in (
        "Transfer", "RegisterTransfer", "RegisterImport", "Delivery", "transferSupplier",
        "transferRecipient", "transferCategory", "transferDesignation", "latestStatus",
        "weaponDescription", "orderYear", "orderYearUncertain", "numberOrdered",
        "numberOrderedUncertain", "numberDelivered", "numberDeliveredUncertain",
        "deliveryYear", "delivery", "tivPerUnit", "tivOrder", "tivDelivered", "condition",
        "registerDealId", "localProduction", "rowNumber", "exportFormat", "sha256",
        "dealCount", "registerRow")}
    rdf_type = n("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    derived = n("http://www.w3.org/ns/prov#wasDerivedFrom")
    entity = n("http://www.w3.org/ns/prov#Entity")
    part_of = n("http://purl.org/dc/terms/isPartOf")
    title = n("http://purl.org/dc/terms/title")
    source = n("http://purl.org/dc/terms/source")
    comment = n("http://www.w3.org/2000/01/rdf-schema#comment")
    publisher = n("http://purl.org/dc/terms/publisher")
    quads: list[ox.Quad] = []
    shared: dict[ox.Quad, None] = {}
    add = quads.append
    file_node = g  # the import's graph name stands for the file it was read from
    add(ox.Quad(file_node, rdf_type, p["RegisterImport"], g))
    add(ox.Quad(file_node, title, _lit(export.path.name), g))
    add(ox.Quad(file_node, p["exportFormat"], _lit(export.format), g))
    add(ox.Quad(file_node, p["sha256"], _lit(export.sha256), g))
    add(ox.Quad(file_node, p["dealCount"], _lit(len(export.deals), "integer"), g))
    add(ox.Quad(file_node, publisher, _lit("SIPRI"), g))
    add(ox.Quad(file_node, source, n(SIPRI_DATABASE), g))
    add(ox.Quad(file_node, comment, _lit(CREDIT), g))
    unmapped_actors: set[str] = set()
    unmapped_desc: set[str] = set()
    seen: dict[str, int] = {}
    for deal in export.deals:
        sup, ok_s = map_actor(deal.supplier)
        rec, ok_r = map_actor(deal.recipient)
        unmapped_actors.update(name for name, ok in ((deal.supplier, ok_s),
                                                     (deal.recipient, ok_r)) if not ok)
        category, ok_c = map_category(deal.description)
        if not ok_c:
            unmapped_desc.add(deal.description)
        iri = deal_iri(export, deal, base, seen)
        t = n(iri)
        add(ox.Quad(t, rdf_type, p["RegisterTransfer"], g))
        for actor, prop in ((sup, "transferSupplier"), (rec, "transferRecipient")):
            if actor is not None:
                add(ox.Quad(t, p[prop], n(str(minter.actor(actor))), g))
                for q in actor_quads(actor, minter, ref):
                    shared[q] = None
        add(ox.Quad(t, p["transferCategory"], n(str(category_iri(category))), g))
        if deal.designation:
            add(ox.Quad(t, p["transferDesignation"], _lit(deal.designation), g))
        if deal.description:
            add(ox.Quad(t, p["weaponDescription"], _lit(deal.description), g))
        add(ox.Quad(t, p["latestStatus"], n(str(status_iri(deal.status))), g))
        if deal.order_year:
            add(ox.Quad(t, p["orderYear"], _lit(deal.order_year, "gYear"), g))
        for flag, name in ((deal.order_year_uncertain, "orderYearUncertain"),
                           (deal.number_ordered_uncertain, "numberOrderedUncertain"),
                           (deal.number_delivered_uncertain, "numberDeliveredUncertain")):
            if flag:
                add(ox.Quad(t, p[name], _lit(True, "boolean"), g))
        for value, name in ((deal.number_ordered, "numberOrdered"),
                            (deal.number_delivered, "numberDelivered")):
            if value is not None:
                add(ox.Quad(t, p[name], _lit(value, "integer"), g))
        for value, name in ((deal.tiv_unit, "tivPerUnit"), (deal.tiv_order, "tivOrder"),
                            (deal.tiv_delivered, "tivDelivered")):
            if value is not None:
                add(ox.Quad(t, p[name], _lit(value, "decimal"), g))
        years_only = deal.deal_id is None
        for d in deal.deliveries:
            if years_only:
                add(ox.Quad(t, p["deliveryYear"], _lit(d.year, "gYear"), g))
                continue
            node = n(f"{iri}/delivery/{d.year}")
            add(ox.Quad(t, p["delivery"], node, g))
            add(ox.Quad(node, rdf_type, p["Delivery"], g))
            add(ox.Quad(node, p["deliveryYear"], _lit(d.year, "gYear"), g))
            if d.number is not None:
                add(ox.Quad(node, p["numberDelivered"], _lit(d.number, "integer"), g))
            if d.number_uncertain:
                add(ox.Quad(node, p["numberDeliveredUncertain"], _lit(True, "boolean"), g))
            if d.tiv is not None:
                add(ox.Quad(node, p["tivDelivered"], _lit(d.tiv, "decimal"), g))
        if deal.condition:
            add(ox.Quad(t, p["condition"], _lit(deal.condition), g))
        if deal.comments:
            add(ox.Quad(t, comment, _lit(deal.comments), g))
        if deal.deal_id:
            add(ox.Quad(t, p["registerDealId"], _lit(deal.deal_id), g))
        if deal.local_production is not None:
            add(ox.Quad(t, p["localProduction"], _lit(deal.local_production, "boolean"), g))
        row = n(f"{g.value}/line/{deal.line}")
        add(ox.Quad(t, derived, row, g))
        add(ox.Quad(row, rdf_type, entity, g))
        add(ox.Quad(row, p["rowNumber"], _lit(deal.line, "integer"), g))
        add(ox.Quad(row, part_of, file_node, g))
        add(ox.Quad(t, p["registerRow"], _lit(json.dumps(
            register_row(iri, deal, export, sup, rec, category, minter, g.value),
            ensure_ascii=False, separators=(",", ":"))), g))
    report = ImportReport(export.path, export.format, len(export.deals), export.skipped,
                          sorted(unmapped_actors), sorted(unmapped_desc), g.value)
    return quads, list(shared), report


def imports(store) -> list[dict[str, str]]:
    """The register imports of a store: graph, format, file name, SHA-256, deals."""
    rows = store.select(
        "SELECT ?g ?format ?title ?sha ?deals WHERE { ?g a ag:RegisterImport ; "
        "ag:exportFormat ?format ; dcterms:title ?title ; ag:sha256 ?sha ; "
        "ag:dealCount ?deals }")
    return sorted(({"graph": r["g"], "format": r["format"], "file": r["title"],
                    "sha256": r["sha"], "deals": r["deals"]} for r in rows),
                  key=lambda r: (r["format"], r["graph"]))


def import_register(store, path: str | Path) -> ImportReport:
    """Import a SIPRI export into ``store`` (see the module): the same file again changes
    nothing; another export of the same format replaces the older one, after the new one
    is written."""
    export = read_export(path)
    graph = import_graph(export.sha256, store.minter.base)
    before = imports(store)
    if any(r["graph"] == graph.value for r in before):
        report = ImportReport(export.path, export.format, len(export.deals), export.skipped,
                              [], [], graph.value, unchanged=True)
        return report
    if not export.deals:
        raise RegisterError(f"{export.path}: no deal could be read")
    quads, shared, report = export_quads(export, store.minter)
    store.add_graph(graph, quads, shared)
    for older in before:
        if older["format"] == export.format and older["graph"] != graph.value:
            store.drop_graph(ox.NamedNode(older["graph"]))
            report.replaced.append(older["file"])
    if report.replaced:  # links to deals that are gone: 'armsgraph corroborate' remakes them
        from armsgraph.graph.corroborate import corroboration_graph

        store.drop_graph(corroboration_graph(store.minter.base))
    return report


# --- reading back ----------------------------------------------------------------------

REGISTER_ROWS = sparql_prefixes() + """
SELECT ?row WHERE { ?deal ag:registerRow ?row }
"""


def register_rows(source) -> list[dict]:
    """Every imported deal as the JSON object of :func:`register_row`."""
    select = getattr(source, "select", None)
    if select is not None:
        texts: Iterable[str] = (r["row"] for r in select(REGISTER_ROWS))
    else:
        texts = (str(r.row) for r in source.query(REGISTER_ROWS))
    return [json.loads(t) for t in texts if t]


def one_import(rows: list[dict]) -> tuple[list[dict], list[str]]:
    """The deals of one import when a store holds several (the two export formats overlap:
    counting both would count most deals twice): the import with the most deals. Returns
    its rows and the file names of the imports left out."""
    by_import: dict[str, list[dict]] = {}
    for row in rows:
        by_import.setdefault(row["import"], []).append(row)
    if len(by_import) <= 1:
        return rows, []
    chosen = max(by_import, key=lambda g: (len(by_import[g]), g))
    left = sorted(by_import[g][0].get("file") or g for g in by_import if g != chosen)
    return by_import[chosen], left


def delivered_by_year(row: dict) -> dict[int, float]:
    """A deal's TIV delivered per year: the export's own figures where it gives them, else
    its total spread evenly over its delivery years (the classic export has no split)."""
    years = [d[0] for d in row["deliveries"]]
    if not years:
        return {}
    if all(d[2] is not None for d in row["deliveries"]) and row.get("deal_id"):
        return {d[0]: d[2] for d in row["deliveries"]}
    total = row.get("tiv_delivered") or 0.0
    return {y: total / len(years) for y in years}


def register_stats(rows: list[dict], since: int | None = None, until: int | None = None,
                   top: int = 10) -> dict[str, list[dict]]:
    """Top suppliers and recipients of the register by TIV delivered in the years
    ``since``-``until`` (inclusive) and by deals with a delivery or an order in them,
    and the strongest pairs by TIV. Deals of an unknown party count for no actor."""
    from collections import Counter

    tiv_sup: Counter = Counter()
    tiv_rec: Counter = Counter()
    deals_sup: Counter = Counter()
    deals_rec: Counter = Counter()
    tiv_pair: Counter = Counter()
    labels: dict[str, str] = {}

    def within(year: int | None) -> bool:
        return year is not None and (since is None or year >= since) and (
            until is None or year <= until)

    for row in rows:
        sup, rec = row.get("supplier"), row.get("recipient")
        for side in (sup, rec):
            if side:
                labels[side["iri"]] = side["label"]
        tiv = sum(v for y, v in delivered_by_year(row).items() if within(y))
        active = within(row.get("order_year")) or any(within(d[0]) for d in row["deliveries"])
        if sup:
            tiv_sup[sup["iri"]] += tiv
            deals_sup[sup["iri"]] += active
        if rec:
            tiv_rec[rec["iri"]] += tiv
            deals_rec[rec["iri"]] += active
        if sup and rec:
            tiv_pair[sup["iri"], rec["iri"]] += tiv
    total = sum(tiv_sup.values()) or 1.0

    def ranked(counter: Counter, key: str) -> list[dict]:
        return [{"actor": labels[k], key: round(v, 1) if isinstance(v, float) else v,
                 **({"share": f"{100 * v / total:.1f}%"} if key == "tiv" else {})}
                for k, v in sorted(counter.items(), key=lambda kv: (-kv[1], labels[kv[0]]))
                if v][:top]

    return {
        "register_suppliers_tiv": ranked(tiv_sup, "tiv"),
        "register_recipients_tiv": ranked(tiv_rec, "tiv"),
        "register_suppliers_deals": ranked(deals_sup, "deals"),
        "register_recipients_deals": ranked(deals_rec, "deals"),
        "register_pairs_tiv": [
            {"supplier": labels[u], "recipient": labels[v], "tiv": round(t, 1)}
            for (u, v), t in sorted(tiv_pair.items(), key=lambda kv: -kv[1])[:top] if t],
    }


def check_categories() -> list[str]:
    """Categories of the description table that are not ours (for the tests)."""
    return sorted({c for c in description_table().values() if c not in CATEGORIES})



# --- the register as a supplier network ---------------------------------------------------

def _years(bound_text: str | None) -> int | None:
    return int(bound_text[:4]) if bound_text else None


def in_period(row: dict, since: int | None, until: int | None) -> bool:
    """Whether a deal was ordered, or had deliveries, in the years ``since``-``until``."""
    if since is None and until is None:
        return True
    years = [d[0] for d in row["deliveries"]] + ([row["order_year"]] if row.get("order_year")
                                                 else [])
    return any((since is None or y >= since) and (until is None or y <= until) for y in years)


def deal_text(row: dict) -> str:
    """A deal in words, as a view shows it in place of an evidence sentence."""
    item = row["designation"] or row["description"]
    what = f"{row['number_ordered']} {item}" if row.get("number_ordered") else item
    parts = [f"SIPRI register: {what} ({row['description']})" if row["description"] and
             row["designation"] else f"SIPRI register: {what}"]
    if row.get("order_year"):
        parts.append(f"ordered {row['order_year']}" + ("?" if row.get("order_year_uncertain")
                                                       else ""))
    years = [d[0] for d in row["deliveries"]]
    if years:
        span = str(years[0]) if len(years) == 1 else f"{years[0]}-{years[-1]}"
        n = row.get("number_delivered")
        parts.append(f"{n} delivered {span}" if n is not None else f"delivered {span}")
    if row.get("tiv_delivered") is not None:
        parts.append(f"TIV delivered {row['tiv_delivered']:g} m")
    text = ", ".join(parts) + "."
    if row.get("comments"):
        text += f" {row['comments']}"
    return text


def register_network(rows: list[dict], since: str | None = None, until: str | None = None,
                     categories=None, statuses=None, exclude_statuses=(), min_claims: int = 1):
    """The register's deals as a supplier network of the shape of
    :func:`graph.network.supplier_network` (a deal counts as one claim, its evidence says
    the deal in words), each pair with ``tiv``: the TIV delivered in the period."""
    from armsgraph.graph.network import _TYPES, _aggregate, _local, claim_filter

    first, last = _years(since), _years(until)
    keep = claim_filter(categories, statuses, exclude_statuses)
    nodes: dict[str, dict] = {}
    edges = []
    for row in rows:
        sup, rec = row.get("supplier"), row.get("recipient")
        if not sup or not rec or not in_period(row, first, last):
            continue
        for side in (sup, rec):
            node = _local(side["iri"])
            if node not in nodes:
                nodes[node] = {"label": side["label"], "iri": side["iri"],
                               "type": side["type"] if side["type"] in _TYPES else "actor"}
        tiv = sum(v for y, v in delivered_by_year(row).items()
                  if (first is None or y >= first) and (last is None or y <= last))
        file_name = row.get("file") or row["import"].rsplit("/", 1)[-1]
        ev = {"status": row["status"], "category": row["category"],
              "item": row["designation"] or row["description"],
              "designation": row["designation"], "sentence": deal_text(row),
              "document": f"{file_name} line {row['line']}",
              "title": "SIPRI Arms Transfers Database", "url": SIPRI_DATABASE,
              "date": str(row["order_year"]) if row.get("order_year") else "",
              "publisher": "SIPRI", "source": "SIPRI", "stated_date": "",
              "supplier_mention": "", "recipient_mention": "", "tiv": tiv,
              "transfer": row["transfer"]}
        u, v = _local(sup["iri"]), _local(rec["iri"])
        if keep is None or keep(u, v, ev):
            edges.append((u, v, ev))
    d = _aggregate(nodes.items(), edges, min_claims, copy=False)
    for _u, _v, e in d.edges(data=True):
        e["tiv"] = round(sum(ev["tiv"] for ev in e["evidence"]), 1)
    return d
