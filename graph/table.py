"""The claims browser: every claim and transfer of a store as one self-contained HTML page
with full-text search, facets, sorting and CSV download, that works offline from a file.

The page is rendered by Jinja2 (autoescaped) from ``table_template.html``; titles and meta
lines reach the HTML escaped, and the data sits in a ``<script type="application/json">``
through ``|tojson`` (which escapes ``<``, ``>``, ``&`` and ``'``), so no text from an
article can close the element or become markup. The page's script builds every element
and sets text with ``textContent``; its Content Security Policy forbids any fetch.

The data is compact, so that 20,000 claims stay a few MB: documents, actors and repeated
strings are tables that claims refer to by index, and IRIs drop their common prefix (see
:func:`claims_page_data`); the page puts them back together.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from armsgraph.extract.claims import STATUSES
from armsgraph.ontology import DEFAULT_BASE

from .atomic import atomic_write_text
from .export import COLUMNS
from .view import page_environment

TRANSFER_COLUMNS = ("transfer", "supplier_id", "supplier", "recipient_id", "recipient",
                    "category", "designation", "status", "history", "reports", "articles",
                    "publishers", "first_reported", "last_reported", "claims")
PAGE_SIZE = 200  # rows the page draws at a time; "show more" adds as many again
DEFAULT_TITLE = "armsgraph: claims"


def _prefixes(base: str) -> list[str]:
    """The IRI prefixes the page abbreviates, longest first (at most ten)."""
    return [f"{base}claim/", f"{base}transfer/", f"{base}state/", f"{base}actor/", base]


def _short(iri: str | None, prefixes: list[str]) -> str | None:
    """An IRI under one of ``prefixes`` as ``~``, the prefix's index and the rest (no IRI
    starts with ``~``)."""
    if iri:
        for k, prefix in enumerate(prefixes):
            if iri.startswith(prefix):
                return f"~{k}{iri[len(prefix):]}"
    return iri


class _Vocabulary(dict):
    """Strings that repeat (statuses, categories, publishers) as indexes into a list."""

    def __init__(self, known: tuple[str, ...] = ()) -> None:
        super().__init__((v, i) for i, v in enumerate(known))

    def __call__(self, value: str | None) -> int | None:
        if value is None:
            return None
        i = self.get(value)
        if i is None:
            i = self[value] = len(self)
        return i

    def values_list(self) -> list[str]:
        return list(self)


def _meta_lines(meta: Mapping[str, object] | None) -> list[tuple[str, str]]:
    """``{"corpus": "x", "filters": ["a", "b"]}`` -> ``[("corpus", "x"), ("filters", "a"),
    ("filters", "b")]``: one line per value, as text."""
    lines: list[tuple[str, str]] = []
    for key, value in (meta or {}).items():
        values = value if isinstance(value, (list, tuple, set, frozenset)) else [value]
        lines.extend((str(key), "" if v is None else str(v)) for v in values)
    return lines


def claims_page_data(rows: list[dict], base: str = DEFAULT_BASE) -> dict:
    """The data the page embeds, in tables that rows refer to by index.

    - ``prefixes``: abbreviated IRIs are ``~``, an index into this list and the rest;
    - ``statuses``, ``categories``, ``publishers``: strings by index (``None`` for none);
    - ``docs``: ``[id, title, url, date, publisher]``;
    - ``actors``: ``[iri, label, type]``;
    - ``claims``: ``[claim, doc, supplier, recipient, supplier mention, recipient mention,
      status, category, item, designation, sentence, stated date, source]``, sides as actor
      indexes or ``None``, a mention ``None`` where it is the label; in the order of
      :func:`graph.export.claim_table` (by document, then claim);
    - ``transfers``: ``[iri, supplier, recipient, category, designation, status, history,
      reports, articles, publishers, first reported, last reported, claim indexes]``, the
      history flat: ``[status, since, claims, status, since, claims, ...]``.
    """
    from .transfers import group_transfers

    prefixes = _prefixes(base)
    statuses, categories, publishers = _Vocabulary(STATUSES), _Vocabulary(), _Vocabulary()
    rows = sorted(rows, key=lambda r: (r.get("document") or "", r.get("claim") or ""))
    docs: list[list] = []
    doc_index: dict[str | None, int] = {}
    actors: list[list] = []
    actor_index: dict[str, int] = {}
    claim_index: dict[int, int] = {}  # id(row) -> index: group_transfers keeps the row objects

    def actor(side: dict | None) -> tuple[int | None, str | None]:
        if not side:
            return None, None
        i = actor_index.get(side["iri"])
        if i is None:
            i = actor_index[side["iri"]] = len(actors)
            actors.append([_short(side["iri"], prefixes), side.get("label"), side.get("type")])
        mention = side.get("mention")
        return i, (mention if mention and mention != side.get("label") else None)

    claims = []
    for row in rows:
        doc = row.get("document")
        d = doc_index.get(doc)
        if d is None:
            d = doc_index[doc] = len(docs)
            docs.append([doc, row.get("title"), row.get("url"), row.get("date"),
                         publishers(row.get("publisher"))])
        sup, sup_mention = actor(row.get("supplier"))
        rec, rec_mention = actor(row.get("recipient"))
        claim_index[id(row)] = len(claims)
        claims.append([_short(row.get("claim"), prefixes), d, sup, rec, sup_mention,
                       rec_mention, statuses(row.get("status")), categories(row.get("category")),
                       row.get("item"), row.get("designation"), row.get("sentence"),
                       row.get("stated_date"), row.get("source")])
    transfers = [[
        _short(t.iri, prefixes), actor_index[t.supplier["iri"]], actor_index[t.recipient["iri"]],
        categories(t.category), t.designation, statuses(t.status),
        [x for step in t.history for x in (statuses(step["status"]), step["since"],
                                           step["claims"])],
        t.reports, t.articles, t.publishers, t.first_reported, t.last_reported,
        [claim_index[id(c)] for c in t.claims],
    ] for t in group_transfers(rows, base=base)]
    return {"prefixes": prefixes, "statuses": statuses.values_list(),
            "categories": categories.values_list(), "publishers": publishers.values_list(),
            "docs": docs, "actors": actors, "claims": claims, "transfers": transfers,
            "columns": list(COLUMNS), "transferColumns": list(TRANSFER_COLUMNS),
            "pageSize": PAGE_SIZE}


def _date_span(rows: list[dict]) -> tuple[str, str] | None:
    dates = [r["date"][:10] for r in rows if r.get("date")]
    return (min(dates), max(dates)) if dates else None


def render_claims_page(rows: list[dict], title: str = DEFAULT_TITLE,
                       meta: Mapping[str, object] | None = None,
                       base: str = DEFAULT_BASE) -> str:
    """The whole page as a string, for claim rows (see :func:`graph.network.claim_rows`).

    ``meta`` lines (``{"corpus": "store out/store", "filters": ["status: not denied"]}``,
    a list giving one line per value) are shown under the title, escaped, with the claim
    and transfer counts and the span of the article dates.
    """
    data = claims_page_data(rows, base)
    return page_environment().get_template("table_template.html").render(
        title=title, meta=_meta_lines(meta), data=data, n_claims=len(data["claims"]),
        n_transfers=len(data["transfers"]), span=_date_span(rows))


def write_claims_page(source, path: str | Path, title: str = DEFAULT_TITLE,
                      meta: Mapping[str, object] | None = None,
                      rows: list[dict] | None = None) -> Path:
    """Write the claims browser of ``source`` (a store or an rdflib graph written with
    ``ag:row``) to ``path`` atomically (temp file + rename) and return the path; ``rows``:
    the source's claim rows when the caller has read them already."""
    from .export import _base
    from .network import bulk_objects, claim_rows

    path = Path(path)
    with bulk_objects():
        rows = claim_rows(source) if rows is None else rows
        page = render_claims_page(rows, title, meta=meta, base=_base(source))
    atomic_write_text(path, page)
    return path
