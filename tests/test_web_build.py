"""Saved web pages and dated stories built end to end: only article sentences give
claims, their metadata reaches RDF and the view, and date filters cut exactly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import error_lines, invoke, make_runner
from rdflib import XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from armsgraph.api import build_graph
from armsgraph.graph.query import load_graph_file
from armsgraph.graph.validate import validate_graph

PAGES = Path(__file__).resolve().parent / "data" / "html"
FRIGATES = PAGES / "defence-wire-frigates.html"
DRONES = PAGES / "harbour-log-drones.htm"
DOC = "https://w3id.org/armsgraph/id/document/"


@pytest.fixture(scope="module")
def web_build(tmp_path_factory, nlp):
    out = tmp_path_factory.mktemp("web-build")
    report = build_graph([FRIGATES, DRONES], out, nlp=nlp)
    return out, report


def test_only_article_sentences_of_web_pages_give_claims(web_build):
    out, report = web_build
    records = [json.loads(line) for line in (out / "claims.jsonl").read_text().splitlines()]

    pairs = {(r["doc_id"], r["supplier"]["iso3"], r["recipient"]["iso3"]) for r in records}
    assert pairs == {("defence-wire-frigates", "FRA", "GRC"),
                     ("harbour-log-drones", "TUR", "POL")}
    page_texts = FRIGATES.read_text() + DRONES.read_text()
    for r in records:  # every evidence sentence is article text, none is boilerplate
        assert r["sentence"].split(",")[0] in page_texts
        assert not any(w in r["sentence"] for w in ("cookie", "Reader42", "Pawel", "Most read"))
    assert report.errors == []


def test_page_metadata_lands_in_rdf_typed(web_build):
    out, _ = web_build
    g = Graph().parse(out / "graph.ttl", format="turtle")
    doc = URIRef(DOC + "defence-wire-frigates")

    assert g.value(doc, DCTERMS.title) == Literal("Greece signs deal for three French frigates")
    assert g.value(doc, DCTERMS.date) == Literal("2021-09-28", datatype=XSD.date)
    assert g.value(doc, DCTERMS.source) == URIRef(
        "https://defence-wire.example.org/2021/09/greece-frigates")
    assert g.value(doc, DCTERMS.publisher) == Literal("Defence Wire")
    assert g.value(doc, DCTERMS.creator) == Literal("Maria Example")
    result = validate_graph(load_graph_file(out / "graph.ttl"))
    assert result.conforms, result.summary()


def test_page_metadata_lands_in_the_view(web_build):
    out, _ = web_build
    page = (out / "graph.html").read_text("utf-8")

    for text in ("Greece signs deal for three French frigates", "Defence Wire", "2021-09-28",
                 "https://defence-wire.example.org/2021/09/greece-frigates", "Harbour Log",
                 "2022-05-24"):
        assert text in page, text


def test_html_on_stdin_builds_from_its_main_text():
    from armsgraph.cli import app

    result = make_runner().invoke(app, ["extract", "-"], input=FRIGATES.read_bytes(),
                                  catch_exceptions=False)

    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert {(r["supplier"]["iso3"], r["recipient"]["iso3"]) for r in records} == {("FRA", "GRC")}


STORIES = [  # Reuters-21578's date format, a day either side of 1 March 1987
    ("s1", "26-FEB-1987 15:01:11.79", "France sold 20 fighter jets to Greece."),
    ("s2", "28-FEB-1987 23:59:00.00", "Italy sold ten helicopters to Egypt."),
    ("s3", " 1-MAR-1987 00:01:00.00", "Britain sold six frigates to Brazil."),
    ("s4", "17-MAR-1987 09:12:40.20", "Sweden sold 12 howitzers to India."),
    ("s5", " 2-APR-1987 10:00:00.00", "Spain sold 30 armoured vehicles to Morocco."),
]


@pytest.fixture(scope="module")
def dated_graph(tmp_path_factory, nlp) -> Path:
    out = tmp_path_factory.mktemp("dated")
    src = out / "stories.jsonl"
    src.write_text("\n".join(json.dumps({"id": i, "date": d, "text": t}) for i, d, t in STORIES))
    build_graph([src], out, nlp=nlp)
    return out / "graph.ttl"


def _pairs(graph: Path, *args: str) -> set[tuple[str, str]]:
    result = invoke("stats", "--graph", graph, "--format", "json", "--top", "50", *args)
    assert result.exit_code == 0, result.stderr
    return {(p["supplier"], p["recipient"]) for p in json.loads(result.stdout)["pairs"]}


def test_since_a_month_keeps_exactly_the_stories_from_that_month_on(dated_graph):
    assert _pairs(dated_graph) == {("FRA", "GRC"), ("ITA", "EGY"), ("GBR", "BRA"),
                                   ("SWE", "IND"), ("ESP", "MAR")}
    assert _pairs(dated_graph, "--since", "1987-03") == {("GBR", "BRA"), ("SWE", "IND"),
                                                         ("ESP", "MAR")}
    assert _pairs(dated_graph, "--since", "1987-03", "--until", "1987-03") == {
        ("GBR", "BRA"), ("SWE", "IND")}
    assert _pairs(dated_graph, "--until", "1987-02-27") == {("FRA", "GRC")}


def test_reuters_dates_are_typed_in_rdf(dated_graph):
    g = Graph().parse(dated_graph, format="turtle")

    assert g.value(URIRef(DOC + "s1"), DCTERMS.date) == Literal(
        "1987-02-26T15:01:11.790000", datatype=XSD.dateTime)


@pytest.mark.parametrize("value", ["yesterday", "1987-3", "87", "1987-02-30"])
@pytest.mark.parametrize("option", ["--since", "--until"])
def test_a_bad_date_bound_is_one_line_and_exit_2(dated_graph, option, value):
    result = invoke("stats", "--graph", dated_graph, option, value)

    assert result.exit_code == 2
    lines = error_lines(result.stderr)
    assert len(lines) == 1 and lines[0].startswith(f"error: {option}: '{value}' is not a date")


def test_an_unreadable_date_is_a_warning_line_and_the_story_still_builds(tmp_path):
    src = tmp_path / "s.jsonl"
    src.write_text(json.dumps({"id": "x", "date": "sometime soon",
                               "text": "France sold 20 fighter jets to Greece."}))

    result = invoke("extract", src)

    assert result.exit_code == 0
    assert f"warning: {src}:1: cannot read the date 'sometime soon' (kept as text)" in \
        result.stderr
    assert len(result.stdout.splitlines()) == 1


def test_a_claim_keeps_the_date_its_sentence_states_apart_from_the_articles(tmp_path, nlp):
    from armsgraph.ontology import AG

    src = tmp_path / "s.jsonl"
    src.write_text("\n".join(json.dumps(u) for u in [
        {"id": "a", "date": "2024-05-02",
         "text": "Greece ordered six frigates from France in 2015."},
        {"id": "b", "date": "2024-05-02",
         "text": "France will deliver 24 Rafale jets to Egypt by 2027, officials said."},
        {"id": "c", "date": "2024-05-02", "text": "Poland bought 2015 rifles from Germany."},
    ]))
    out = tmp_path / "out"
    build_graph([src], out, nlp=nlp)
    records = {json.loads(line)["doc_id"]: json.loads(line)
               for line in (out / "claims.jsonl").read_text().splitlines()}

    assert {k: r["stated_date"] for k, r in records.items()} == {
        "a": "2015", "b": "2027", "c": None}
    g = Graph().parse(out / "graph.ttl", format="turtle")
    (claim,) = g.subjects(AG.statedDate, Literal("2015", datatype=XSD.gYear))
    assert g.value(claim, AG.date) == Literal("2024-05-02", datatype=XSD.date)
