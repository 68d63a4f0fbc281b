"""The claims browser page: one self-contained file whose data round-trips, with every
text from articles escaped (the page itself is driven in test_table_browser.py)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from conftest import XSS_IMG, XSS_SCRIPT
from page_helpers import embedded_data, start_tags

from armsgraph.extract.claims import Actor, Item
from armsgraph.graph.network import claim_rows
from armsgraph.graph.store import MemoryStore
from armsgraph.graph.table import (
    TRANSFER_COLUMNS,
    claims_page_data,
    render_claims_page,
    write_claims_page,
)
from armsgraph.graph.transfers import group_transfers
from armsgraph.ontology import DEFAULT_BASE

CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
       "img-src data:;")


def row(n: int, supplier: tuple[str, str] | None = ("RUS", "Russia"),
        recipient: tuple[str, str] | None = ("SYR", "Syria"), **kw) -> dict:
    """A claim row as ``claim_rows`` gives it; a side is ``(ISO3, name)`` or ``None``."""

    def side(s: tuple[str, str] | None) -> dict | None:
        if s is None:
            return None
        return {"iri": f"{DEFAULT_BASE}state/{s[0]}", "label": s[1], "type": "state",
                "mention": s[1]}

    out = {"claim": f"{DEFAULT_BASE}claim/{n:020x}", "supplier": side(supplier),
           "recipient": side(recipient), "status": "delivered", "category": "aircraft",
           "item": "fighter jets", "designation": None,
           "sentence": "Russia delivered fighter jets to Syria.", "document": f"doc-{n}",
           "title": f"Report {n}", "url": f"https://example.org/{n}", "date": "2020-01-02",
           "publisher": "Defence Wire", "stated_date": None, "source": None}
    out.update(kw)
    return out


def texts_of(page: str, tag: str) -> list[str]:
    """The text inside each ``tag`` element (not nested)."""
    found: list[str] = []
    inside: list[str] | None = None

    class Parser(HTMLParser):
        def handle_starttag(self, t, attrs):
            nonlocal inside
            if t == tag:
                inside = []

        def handle_endtag(self, t):
            nonlocal inside
            if t == tag and inside is not None:
                found.append("".join(inside))
                inside = None

        def handle_data(self, data):
            if inside is not None:
                inside.append(data)

    Parser(convert_charrefs=True).feed(page)
    return found


def decoded_rows(data: dict) -> list[dict]:
    """The claim rows back from the page's compact tables."""

    def full(iri: str | None) -> str | None:
        if iri and iri.startswith("~"):
            return data["prefixes"][int(iri[1])] + iri[2:]
        return iri

    def word(table: str, i: int | None) -> str | None:
        return None if i is None else data[table][i]

    def side(i: int | None, mention: str | None) -> dict | None:
        if i is None:
            return None
        iri, label, kind = data["actors"][i]
        return {"iri": full(iri), "label": label, "type": kind, "mention": mention or label}

    rows = []
    for c in data["claims"]:
        doc_id, title, url, date, publisher = data["docs"][c[1]]
        rows.append({"claim": full(c[0]), "supplier": side(c[2], c[4]),
                     "recipient": side(c[3], c[5]), "status": word("statuses", c[6]),
                     "category": word("categories", c[7]), "item": c[8], "designation": c[9],
                     "sentence": c[10], "document": doc_id, "title": title, "url": url,
                     "date": date, "publisher": word("publishers", publisher),
                     "stated_date": c[11], "source": c[12]})
    return rows


def in_order(rows: list[dict]) -> list[dict]:
    return sorted(rows, key=lambda r: (r["document"] or "", r["claim"] or ""))


@pytest.fixture
def mixed_rows() -> list[dict]:
    """Both sides, one side, no mention (an old store), non-ASCII text, a time of day, an
    IRI under another base, no URL, no publisher, no date."""
    old = row(3, sentence="Ankara sold drones to Kyiv.", supplier=("TUR", "Türkiye"),
              recipient=("UKR", "Ukraine"), category="drones", item="drones",
              designation="Bayraktar TB2", date="2022-03-05T10:00:00Z", stated_date="2021",
              source="officials", publisher=None, url=None)
    del old["supplier"]["mention"]
    return [
        row(1, supplier=("RUS", "Russia"), sentence="Moscow delivered fighter jets to Syria.",
            document="doc-a"),
        row(2, recipient=None, sentence="Russia denied sending fighter jets.",
            status="denied", document="doc-b", date=None, title=None),
        row(5, recipient=("IRQ", "Iraq"), document="doc-a", sentence="Russia sent jets to Iraq.",
            title="Report 1", url="https://example.org/1"),  # the article of claim 1
        old,
        row(4, supplier=None, recipient=("CIV", "Côte d'Ivoire"),
            claim="https://other.example/claim/4", sentence="Côte d'Ivoire received rifles.",
            category="small-arms", item="rifles"),
    ]


def test_page_embeds_every_claim_and_they_round_trip(mixed_rows):
    mixed_rows[0]["supplier"]["mention"] = "Moscow"

    data = embedded_data(render_claims_page(mixed_rows))

    expected = in_order(mixed_rows)
    old = next(r for r in expected if r["supplier"] and "mention" not in r["supplier"])
    old["supplier"]["mention"] = "Türkiye"  # no mention in an old store: the label
    assert decoded_rows(data) == expected
    assert len(data["actors"]) == 6 and len(data["docs"]) == 4  # each once
    assert data["claims"][0][0].startswith("~")  # IRIs under the base are abbreviated
    assert "https://other.example/claim/4" in {r["claim"] for r in decoded_rows(data)}


def test_page_is_self_contained_and_its_script_never_parses_markup(mixed_rows):
    page = render_claims_page(mixed_rows)

    metas = [dict(a) for t, a in start_tags(page) if t == "meta"]
    assert {"http-equiv": "Content-Security-Policy", "content": CSP} in metas
    tags = re.findall(r"<(?:script|link|style|img|iframe)\b[^>]*>", page, flags=re.I)
    assert not [t for t in tags if re.search(r"\b(?:src|href)\s*=", t, flags=re.I)]
    assert not re.search(r"@import|url\(|https?://(?!w3id\.org|example\.org|other\.example)",
                         page.split('<script id="data"')[0])
    assert not [(t, a) for t, attrs in start_tags(page) for a, _ in attrs if a.startswith("on")]
    script = page.rsplit("<script>", 1)[1]
    for forbidden in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write",
                      "eval(", "new Function", "setTimeout(\"", "onclick"):
        assert forbidden not in script, forbidden


def hostile_rows() -> list[dict]:
    evil = {"iri": f"{DEFAULT_BASE}actor/evil", "label": f"Evil {XSS_IMG} Corp",
            "type": "company", "mention": "Evil"}
    rebels = {"iri": f"{DEFAULT_BASE}actor/rebels", "label": f"Rebels {XSS_SCRIPT}",
              "type": "armed-group", "mention": f"Rebels {XSS_SCRIPT}"}
    return [row(1, sentence=f"Evil sent shells {XSS_IMG} to Rebels {XSS_SCRIPT}.",
                item=f"shells {XSS_IMG}", designation=f"X{XSS_SCRIPT}",
                title=f"Title {XSS_SCRIPT}", url="javascript:alert(1)",
                publisher=f"Pub {XSS_IMG}", source=f"{XSS_IMG} sources",
                stated_date=XSS_SCRIPT, document=f"doc {XSS_SCRIPT}")
            | {"supplier": evil, "recipient": rebels}]


def test_markup_in_any_text_never_appears_as_markup():
    rows = hostile_rows()
    meta = {f"corpus {XSS_IMG}": f"store {XSS_SCRIPT}", "filters": [XSS_IMG, "plain"]}
    benign = render_claims_page([row(1)], title="plain", meta={"a": "b", "filters": ["c", "d"]})

    page = render_claims_page(rows, title=f"claims {XSS_SCRIPT}", meta=meta)

    assert XSS_IMG not in page and XSS_SCRIPT not in page
    assert "<img" not in page.lower()
    # the same elements as a page of plain text: nothing in the data became one
    assert [t for t, _ in start_tags(page)] == [t for t, _ in start_tags(benign)]
    assert [t for t, _ in start_tags(page)].count("script") == 2
    assert f"<title>claims {XSS_SCRIPT.replace('<', '&lt;').replace('>', '&gt;')}</title>" \
        in page
    assert texts_of(page, "h1") == [f"claims {XSS_SCRIPT}"]
    assert texts_of(page, "dt") == [f"corpus {XSS_IMG}", "filters", "filters"]
    assert texts_of(page, "dd") == [f"store {XSS_SCRIPT}", XSS_IMG, "plain"]
    assert "\\u003c/script\\u003e\\u003cscript\\u003ealert(1)" in page  # JSON-escaped
    assert decoded_rows(embedded_data(page)) == rows  # and intact as data


def test_empty_source_gives_a_page_saying_there_are_no_claims(tmp_path):
    path = write_claims_page(MemoryStore(), tmp_path / "claims.html")

    page = path.read_text("utf-8")
    assert texts_of(page, "p")[0] == "There are no claims in this source."
    data = embedded_data(page)
    assert data["claims"] == [] and data["transfers"] == [] and data["docs"] == []


def test_transfers_are_embedded_with_their_claims_and_history():
    rows = [
        row(1, status="negotiating", date="2020-01-02", designation="Su-35", item="Su-35 jets",
            publisher="Wire A"),
        row(2, status="agreed", date="2020-06-01", designation="Su-35", item="Su-35 jets",
            sentence="Russia agreed to sell Su-35 jets to Syria.", publisher="Wire B"),
        row(3, status="delivered", date="2021-03-01", designation="su-35", item="Su-35s",
            sentence="Russia agreed to sell Su-35 jets to Syria.", publisher="Wire A"),
        row(4, supplier=("IRN", "Iran"), category="drones", item="drones",
            sentence="Iran delivered drones to Syria."),
        row(5, recipient=None, sentence="Russia sends jets."),  # one side: no transfer
    ]
    transfers = {t.iri: t for t in group_transfers(rows)}

    data = claims_page_data(rows)

    assert len(data["transfers"]) == len(transfers) == 2
    claims = decoded_rows(data)
    for entry in data["transfers"]:
        iri = data["prefixes"][int(entry[0][1])] + entry[0][2:]
        t = transfers[iri]
        assert [claims[i]["claim"] for i in entry[12]] == [c["claim"] for c in t.claims]
        assert data["actors"][entry[1]][1] == t.supplier["label"]
        assert data["actors"][entry[2]][1] == t.recipient["label"]
        assert (data["categories"][entry[3]], entry[4], data["statuses"][entry[5]]) == (
            t.category, t.designation, t.status)
        flat = entry[6]
        assert [{"status": data["statuses"][flat[k]], "since": flat[k + 1],
                 "claims": flat[k + 2]} for k in range(0, len(flat), 3)] == t.history
        assert entry[7:12] == [t.reports, t.articles, t.publishers, t.first_reported,
                               t.last_reported]
    jets = next(t for t in transfers.values() if t.designation)
    assert [s["status"] for s in jets.history] == ["negotiating", "agreed", "delivered"]
    assert (jets.reports, jets.articles, jets.publishers) == (2, 3, 2)
    assert data["transferColumns"] == list(TRANSFER_COLUMNS)


def test_summary_states_the_counts_the_date_span_and_the_meta_lines():
    rows = [row(1, date="2020-01-02"), row(2, date="2021-03-01T10:00:00Z"),
            row(3, date=None, recipient=None)]

    page = render_claims_page(rows, meta={"corpus": "store out/store",
                                          "filters": ["status: not denied"]})

    summary = texts_of(page, "p")[0]
    assert summary == "3 claims and 1 transfer; articles dated 2020-01-02 to 2021-03-01."
    assert list(zip(texts_of(page, "dt"), texts_of(page, "dd"), strict=True)) == [
        ("corpus", "store out/store"), ("filters", "status: not denied")]


def test_write_claims_page_reads_a_store_atomically(make_document, make_claim, tmp_path):
    store = MemoryStore()
    store.put_document(
        make_document("a", title="Shells for Moscow", url="https://example.org/shells",
                      published="2023-09-14", publisher="Defence Wire"),
        [make_claim(doc_id="a"),
         make_claim(doc_id="a", sentence="Iran delivered drones to Russia.",
                    supplier=Actor("Iran", "IRN", "Tehran"), item=Item("drones", "drones"),
                    status="negotiating", source="officials")])
    target = tmp_path / "pages" / "claims.html"

    path = write_claims_page(store, target, title="seed claims", meta={"corpus": "memory"})

    assert path == target
    assert [p.name for p in target.parent.iterdir()] == ["claims.html"]  # no temp file left
    page = target.read_text("utf-8")
    assert page == render_claims_page(claim_rows(store), "seed claims", {"corpus": "memory"})
    rows = decoded_rows(embedded_data(page))
    assert rows == in_order(claim_rows(store))
    iran = next(r for r in rows if r["supplier"]["label"] == "Iran")
    assert (iran["supplier"]["mention"], iran["source"], iran["publisher"], iran["date"]) == (
        "Tehran", "officials", "Defence Wire", "2023-09-14")
    assert texts_of(page, "p")[0].startswith("2 claims and 2 transfers")


def test_a_failed_render_leaves_the_page_there_as_it_was(tmp_path, monkeypatch):
    import armsgraph.graph.table as table

    target = tmp_path / "claims.html"
    target.write_text("old page", "utf-8")

    def fail(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(table, "render_claims_page", fail)
    with pytest.raises(RuntimeError):
        write_claims_page(MemoryStore(), target)

    assert target.read_text("utf-8") == "old page"
    assert [p.name for p in tmp_path.iterdir()] == ["claims.html"]


def test_data_stays_compact_at_thousands_of_claims():
    rows = [row(i, supplier=("RUS", "Russia"), document=f"doc-{i // 3}",
                sentence=f"Russia delivered {i} fighter jets to Syria, officials said.")
            for i in range(3000)]

    page = render_claims_page(rows)

    data = embedded_data(page)
    assert len(data["docs"]) == 1000 and len(data["actors"]) == 2
    assert len(page.encode()) / len(rows) < 400  # bytes per claim, page and script included
