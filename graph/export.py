"""The claims as a table an analyst opens in a spreadsheet or loads with pandas: one row
per claim with its sides, item, status, dates, source, evidence sentence, article and the
transfer it belongs to, as CSV or JSON Lines."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO

COLUMNS = ("claim", "transfer", "supplier_id", "supplier", "supplier_type", "recipient_id",
           "recipient", "recipient_type", "status", "category", "item", "designation",
           "stated_date", "source", "sentence", "document", "title", "url", "date",
           "publisher")
TABLE_FORMATS = ("csv", "jsonl")


def _side(actor: dict | None, prefix: str) -> dict[str, str | None]:
    from armsgraph.graph.network import _local

    if not actor:
        return {f"{prefix}_id": None, prefix: None, f"{prefix}_type": None}
    return {f"{prefix}_id": _local(actor["iri"]), prefix: actor.get("label"),
            f"{prefix}_type": actor.get("type")}


def claim_table(source) -> list[dict[str, str | None]]:
    """Every claim of ``source`` (a store or an rdflib graph written with ``ag:row``) as a
    flat row of :data:`COLUMNS`, sorted by document, then by claim."""
    from armsgraph.graph.network import bulk_objects, claim_rows
    from armsgraph.graph.transfers import group_transfers

    with bulk_objects():
        rows = claim_rows(source)
        transfer_of = {c["claim"]: t.iri for t in group_transfers(rows, base=_base(source))
                       for c in t.claims}
        table = [{
            "claim": r["claim"], "transfer": transfer_of.get(r["claim"]),
            **_side(r.get("supplier"), "supplier"), **_side(r.get("recipient"), "recipient"),
            "status": r.get("status"), "category": r.get("category"), "item": r.get("item"),
            "designation": r.get("designation"), "stated_date": r.get("stated_date"),
            "source": r.get("source"), "sentence": r.get("sentence"),
            "document": r.get("document"), "title": r.get("title"), "url": r.get("url"),
            "date": r.get("date"), "publisher": r.get("publisher"),
        } for r in rows]
    table.sort(key=lambda r: (r["document"] or "", r["claim"] or ""))
    return table


def _base(source) -> str:
    from armsgraph.ontology import DEFAULT_BASE

    minter = getattr(source, "minter", None)
    return minter.base if minter is not None else DEFAULT_BASE


def write_table(table: Iterable[dict], fmt: str, target: str | Path | IO[bytes]) -> None:
    """``table`` as ``csv`` (a header, then one line per claim; empty cells for none) or
    ``jsonl`` (one object per claim, ``null`` for none); a path is written atomically."""
    from armsgraph.graph.atomic import atomic_write

    if fmt not in TABLE_FORMATS:
        raise ValueError(f"unknown table format '{fmt}' (use csv or jsonl)")

    def write(fh: IO[bytes]) -> None:
        text = io.TextIOWrapper(fh, encoding="utf-8", newline="")
        if fmt == "csv":
            w = csv.DictWriter(text, fieldnames=COLUMNS, lineterminator="\n")
            w.writeheader()
            w.writerows({k: ("" if v is None else v) for k, v in row.items()} for row in table)
        else:
            for row in table:
                text.write(json.dumps(row, ensure_ascii=False) + "\n")
        text.flush()
        text.detach()

    if isinstance(target, (str, Path)):
        atomic_write(target, write)
    else:
        write(target)
