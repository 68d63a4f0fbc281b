"""Web pages, front matter, metadata and dates of the inputs (issue 11, parts 1 and 2)."""

from __future__ import annotations

import io
import json
import logging
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from armsgraph.extract.dates import bound, parse_date
from armsgraph.extract.sources import (
    front_matter,
    iter_documents,
    looks_like_html,
    read_stdin,
)

PAGES = Path(__file__).resolve().parents[1] / "data" / "html"
FRIGATES = PAGES / "defence-wire-frigates.html"
DRONES = PAGES / "harbour-log-drones.htm"
# Sentences the pages hold outside their article: navigation, scripts, cookie banners,
# related and "most read" links, comments, footers. None may reach the extractor.
BOILERPLATE = ["Russia delivered 500 tanks", "Germany sold submarines", "Italy sold corvettes",
               "Spain delivers 20 armoured", "Turkey sells drones to Poland", "Norway supplied",
               "Sweden will send", "China ships rifles", "Israel supplied radars",
               "Egypt buys fighter", "Japan sends helmets", "Germany should deliver",
               "Canada sold howitzers", "Britain ships missiles", "Iran sold drones",
               "We use cookies", "Leave a Reply", "Subscribe", "By Maria Example"]


def one(path) -> object:
    (doc,) = list(iter_documents([path]))
    return doc


@pytest.mark.parametrize("page", [FRIGATES, DRONES], ids=["open-graph", "json-ld"])
def test_a_web_page_gives_its_main_text_only(page):
    doc = one(page)

    for phrase in BOILERPLATE:
        assert phrase not in doc.text, phrase
    assert len(doc.text.split("\n\n")) >= 3  # paragraphs stay apart


def test_a_web_page_gives_its_title_date_url_site_and_author():
    doc = one(FRIGATES)

    assert doc.id == "defence-wire-frigates"
    assert doc.title == "Greece signs deal for three French frigates"
    assert doc.published == "2021-09-28"
    assert doc.url == "https://defence-wire.example.org/2021/09/greece-frigates"
    assert doc.publisher == "Defence Wire"
    assert doc.author == "Maria Example"
    assert doc.text.startswith("Greece signs deal")
    assert "buy three frigates from France" in doc.text


def test_json_ld_metadata_of_a_page_is_read():
    doc = one(DRONES)

    assert (doc.title, doc.published, doc.publisher, doc.author) == (
        "Poland to receive drones from Turkey", "2022-05-24", "Harbour Log", "Jan Example")


def test_html_on_standard_input_is_detected_and_read_as_a_page():
    reads = list(read_stdin(io.BytesIO(b"\n  " + FRIGATES.read_bytes())))

    ((doc, where),) = reads
    assert where == "<stdin>"
    assert doc.title == "Greece signs deal for three French frigates"
    assert "We use cookies" not in doc.text and "dataLayer" not in doc.text
    assert doc.id.startswith("sha1-")


@pytest.mark.parametrize(("text", "html"), [
    ("<!DOCTYPE html><html><body><p>x</p></body></html>", True),
    ("<!-- saved --> <html lang=en><p>x</p>", True),
    ("<?xml version='1.0'?><html><body>x</body></html>", True),
    ("  <head><title>t</title></head>", True),
    ("France sold <b>jets</b> to Greece.", False),
    ("<3 tanks arrived", False),
    ("The <html> tag opens a page.", False),
])
def test_html_detection(text, html):
    assert looks_like_html(text) is html


def test_an_html_page_without_main_text_is_one_error(tmp_path):
    page = tmp_path / "empty.html"
    page.write_text("<html><head><script>x()</script></head><body><div></div></body></html>")
    errors = []

    assert list(iter_documents([page], on_error=errors.append)) == []
    assert [str(e) for e in errors] == [f"{page}: the HTML page has no main text"]


def test_markdown_front_matter_is_metadata_not_text(tmp_path):
    md = tmp_path / "story.md"
    md.write_text("---\ntitle: Brazil orders Swedish fighters\ndate: March 3, 2024\n"
                  "url: https://example.org/brazil\npublisher: Example Times\n"
                  "author: A. Writer\n---\nBrazil ordered 36 Gripen fighters from Sweden.\n")

    doc = one(md)

    assert doc.text == "Brazil ordered 36 Gripen fighters from Sweden.\n"
    assert (doc.title, doc.published, doc.url, doc.publisher, doc.author) == (
        "Brazil orders Swedish fighters", "2024-03-03", "https://example.org/brazil",
        "Example Times", "A. Writer")


def test_front_matter_dates_yaml_reads_as_dates_are_iso():
    body, meta = front_matter("---\ndate: 2024-03-03\n---\nText.", "a.md")
    assert (body, meta["published"]) == ("Text.", "2024-03-03")
    _, meta = front_matter("---\ndate: 2024-03-03T09:30:00Z\n---\nText.", "a.md")
    assert meta["published"] == "2024-03-03T09:30:00+00:00"


def test_front_matter_that_is_no_yaml_mapping_is_dropped_with_a_warning(caplog):
    with caplog.at_level(logging.WARNING, logger="armsgraph"):
        body, meta = front_matter("---\n: : [\n---\nFrance sold jets to Greece.", "bad.md")

    assert body == "France sold jets to Greece." and meta == {}
    assert len(caplog.records) == 1 and "bad.md: front matter is not valid YAML" in \
        caplog.records[0].getMessage()


def test_a_text_file_is_never_read_for_front_matter(tmp_path):
    txt = tmp_path / "a.txt"
    txt.write_text("---\ntitle: x\n---\nFrance sold jets to Greece.\n")

    assert one(txt).text.startswith("---")


def test_jsonl_units_keep_their_metadata_and_normalise_their_dates(tmp_path):
    f = tmp_path / "units.jsonl"
    f.write_text("\n".join(json.dumps(u) for u in [
        {"id": "a", "text": "x.", "title": "T", "url": "https://e.org/a",
         "date": "26-FEB-1987 15:01:11.79", "source": "Reuters", "author": "R"},
        {"id": "b", "text": "y.", "published": "2024-03-03", "publisher": "P",
         "source": "ignored when a publisher is given"},
    ]))

    a, b = iter_documents([f])

    assert (a.title, a.url, a.published, a.publisher, a.author) == (
        "T", "https://e.org/a", "1987-02-26T15:01:11.790000", "Reuters", "R")
    assert (b.published, b.publisher) == ("2024-03-03", "P")


def test_an_unreadable_date_is_one_warning_and_kept_as_text(tmp_path, caplog):
    f = tmp_path / "units.jsonl"
    f.write_text(json.dumps({"id": "a", "text": "x.", "date": "the day after yesterday"}))

    with caplog.at_level(logging.WARNING, logger="armsgraph"):
        (doc,) = iter_documents([f])

    assert doc.published is None and doc.date_text == "the day after yesterday"
    assert [r.getMessage() for r in caplog.records] == [
        f"{f}:1: cannot read the date 'the day after yesterday' (kept as text)"]


def test_a_directory_build_skips_unsupported_files_with_one_warning_each(tmp_path, caplog):
    (tmp_path / "a.txt").write_text("France sold jets to Greece.")
    (tmp_path / "b.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "c.docx").write_bytes(b"PK")
    (tmp_path / ".hidden").write_text("x")

    with caplog.at_level(logging.WARNING, logger="armsgraph"):
        docs = list(iter_documents([tmp_path]))

    assert [d.id for d in docs] == ["a"]
    assert sorted(r.getMessage() for r in caplog.records) == [
        f"{tmp_path / 'b.pdf'}: skipped (not .txt, .md, .html or .jsonl)",
        f"{tmp_path / 'c.docx'}: skipped (not .txt, .md, .html or .jsonl)"]


# --- dates ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "iso"), [
    ("26-FEB-1987 15:01:11.79", "1987-02-26T15:01:11.790000"),  # Reuters-21578
    (" 3-MAR-1987 09:12:00.00", "1987-03-03T09:12:00"),
    ("2024-03-03", "2024-03-03"),
    ("2024-03-03T09:30:00Z", "2024-03-03T09:30:00+00:00"),
    ("2024-03-03T09:30:00+02:00", "2024-03-03T09:30:00+02:00"),
    ("March 3, 2024", "2024-03-03"),
    ("3 March 2024", "2024-03-03"),
    ("Sun, 03 Mar 2024 09:30:00 GMT", "2024-03-03T09:30:00+00:00"),  # RSS
    ("03/04/2024", "2024-03-04"),  # US newswire order
    ("March 2024", "2024-03"),
    ("1987", "1987"),
])
def test_dates_are_normalised_to_iso(text, iso):
    assert parse_date(text) == iso


@pytest.mark.parametrize("text", ["yesterday", "", "   ", "page 2", "March 3", "2023-02-30",
                                  "12", "Q3 2024", "9999-01-01", "x" * 500])
def test_what_is_no_date_gives_none(text):
    assert parse_date(text) is None


@given(st.text(max_size=60))
def test_parse_date_never_raises_and_gives_iso_or_none(text):
    got = parse_date(text)

    assert got is None or re.fullmatch(
        r"\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2})?)?)?)?", got), got


@pytest.mark.parametrize("value", ["2022", "2022-03", "2022-03-01"])
def test_since_and_until_bounds_accept_iso_years_months_and_days(value):
    assert bound(value) == value


@pytest.mark.parametrize("value", ["yesterday", "22", "2022-3", "2022-13", "2022-02-30",
                                   "03/2022", "2022-03-01T10:00"])
def test_since_and_until_bounds_reject_anything_else(value):
    with pytest.raises(ValueError, match="is not a date"):
        bound(value)
