"""iter_documents: text, Markdown, JSON Lines and directories in; Documents or InputErrors out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from armsgraph.errors import InputError
from armsgraph.extract.sources import Document, iter_documents


def collect(inputs) -> tuple[list[Document], list[InputError]]:
    errors: list[InputError] = []
    docs = list(iter_documents(inputs, on_error=errors.append))
    return docs, errors


def write_jsonl(path: Path, *lines: object) -> Path:
    path.write_text("".join((x if isinstance(x, str) else json.dumps(x)) + "\n" for x in lines),
                    encoding="utf-8")
    return path


def assert_one_line_naming(error: InputError, path: Path | str) -> None:
    message = str(error)
    assert str(path) in message
    assert len(message.splitlines()) == 1, f"not one line: {message!r}"
    assert "\n" not in message and "\r" not in message


# --- text and Markdown files ------------------------------------------------------------


@pytest.mark.parametrize("name", ["article.txt", "article.md"])
def test_text_file_is_one_document_with_the_stem_as_id(tmp_path, name):
    path = tmp_path / name
    path.write_text("# Heading\n\nRussia bought drones from Iran.\n", encoding="utf-8")

    docs = list(iter_documents([path]))

    assert len(docs) == 1
    assert docs[0].id == "article"
    assert docs[0].text == "# Heading\n\nRussia bought drones from Iran.\n"
    assert docs[0].path == str(path)


def test_text_file_given_as_string_path_is_read(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Some text.", encoding="utf-8")

    assert [d.id for d in iter_documents([str(path)])] == ["a"]


def test_utf8_bom_is_not_part_of_the_text(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffIran sent drones.".encode())

    (doc,) = iter_documents([path])

    assert doc.text == "Iran sent drones."


# --- directories --------------------------------------------------------------------------


def test_directory_expands_to_its_text_markdown_and_jsonl_files_sorted(tmp_path):
    (tmp_path / "c.txt").write_text("third", encoding="utf-8")
    (tmp_path / "a.md").write_text("first", encoding="utf-8")
    write_jsonl(tmp_path / "b.jsonl", {"id": "b1", "text": "second"},
                {"id": "b2", "text": "second again"})
    (tmp_path / "notes.csv").write_text("x,y\n1,2\n", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")

    docs, errors = collect([tmp_path])

    assert errors == []
    assert [d.id for d in docs] == ["a", "b1", "b2", "c"]


def test_directory_without_supported_files_is_an_error_naming_it(tmp_path):
    (tmp_path / "data.csv").write_text("x\n", encoding="utf-8")

    with pytest.raises(InputError) as info:
        list(iter_documents([tmp_path]))

    assert_one_line_naming(info.value, tmp_path)


# --- JSON Lines ---------------------------------------------------------------------------


def test_jsonl_units_become_documents_with_their_ids_and_metadata(tmp_path):
    path = write_jsonl(
        tmp_path / "units.jsonl",
        {"id": "u1", "text": "Iran delivered drones to Russia.", "title": "Drones",
         "url": "https://example.org/a", "published": "2022-09-06", "publisher": "Wire"},
        {"id": 7, "text": "North Korea sold shells to Russia."},
    )

    docs, errors = collect([path])

    assert errors == []
    assert [d.id for d in docs] == ["u1", "7"]
    assert docs[0].text == "Iran delivered drones to Russia."
    assert docs[0].title == "Drones"
    assert docs[0].url == "https://example.org/a"
    assert docs[0].published == "2022-09-06"
    assert docs[0].publisher == "Wire"


def test_jsonl_unit_without_id_gets_a_stable_content_hash_id(tmp_path):
    path = write_jsonl(tmp_path / "units.jsonl", {"text": "Iran delivered drones to Russia."},
                       {"text": "North Korea sold shells to Russia."})

    first = [d.id for d in iter_documents([path])]
    second = [d.id for d in iter_documents([path])]

    assert first == second
    assert all(i.startswith("sha1-") for i in first)
    assert first[0] != first[1]


def test_content_hash_id_depends_on_text_not_on_file_or_position(tmp_path):
    a = write_jsonl(tmp_path / "a.jsonl", {"text": "one"}, {"text": "same text"})
    b = write_jsonl(tmp_path / "b.jsonl", {"text": "same text"})

    (id_in_a,) = [d.id for d in iter_documents([a]) if d.text == "same text"]
    (id_in_b,) = [d.id for d in iter_documents([b])]

    assert id_in_a == id_in_b


def test_bad_json_line_is_reported_with_its_line_and_the_other_lines_still_yield(tmp_path):
    path = write_jsonl(tmp_path / "file.jsonl", {"id": "ok1", "text": "first"},
                       '{"id": "broken", "text": ', {"id": "ok2", "text": "third"})

    docs, errors = collect([path])

    assert [d.id for d in docs] == ["ok1", "ok2"]
    assert len(errors) == 1
    assert "file.jsonl:2" in str(errors[0])
    assert_one_line_naming(errors[0], path)


@pytest.mark.parametrize("line", [
    '["a", "list"]',
    '{"id": "x"}',
    '{"id": "x", "text": "   "}',
    '{"id": "", "text": "fine"}',
    '{"id": true, "text": "fine"}',
])
def test_jsonl_line_that_is_not_a_usable_unit_is_reported(tmp_path, line):
    path = write_jsonl(tmp_path / "units.jsonl", line, {"id": "good", "text": "fine"})

    docs, errors = collect([path])

    assert [d.id for d in docs] == ["good"]
    assert len(errors) == 1
    assert "units.jsonl:1" in str(errors[0])
    assert_one_line_naming(errors[0], path)


@pytest.mark.parametrize("line", ["1" * 5000, "[" * 100_000, '{"id": "x", "text": ' + "[" * 50_000])
def test_json_line_python_cannot_decode_is_reported_not_a_crash(tmp_path, line):
    path = write_jsonl(tmp_path / "units.jsonl", line, {"id": "good", "text": "fine"})

    docs, errors = collect([path])

    assert [d.id for d in docs] == ["good"]
    assert len(errors) == 1
    assert "units.jsonl:1" in str(errors[0])
    assert_one_line_naming(errors[0], path)


def test_bad_jsonl_line_raises_without_on_error(tmp_path):
    path = write_jsonl(tmp_path / "file.jsonl", "not json")

    with pytest.raises(InputError, match=r"file\.jsonl:1"):
        list(iter_documents([path]))


# --- unreadable inputs --------------------------------------------------------------------


BAD_FILES = {
    "empty": b"",
    "whitespace-only": b" \n\t\r\n  \n",
    "bom-only": b"\xef\xbb\xbf",
    "bom-and-whitespace": b"\xef\xbb\xbf \n\n",
    "unicode-whitespace-only": "\u00a0\u3000\u2003\n".encode(),
    "binary": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
    "non-utf8": "Caf\u00e9 au lait, \u00e0 Moscou.".encode("latin-1"),
}


@pytest.mark.parametrize("kind", list(BAD_FILES))
@pytest.mark.parametrize("suffix", [".txt", ".jsonl"])
def test_unreadable_file_is_an_input_error_naming_the_path_on_one_line(tmp_path, kind, suffix):
    path = tmp_path / f"{kind}{suffix}"
    path.write_bytes(BAD_FILES[kind])

    with pytest.raises(InputError) as info:
        list(iter_documents([path]))

    assert_one_line_naming(info.value, path)


def test_missing_file_is_an_input_error_naming_the_path(tmp_path):
    missing = tmp_path / "MISSING.txt"

    with pytest.raises(InputError) as info:
        list(iter_documents([missing]))

    assert_one_line_naming(info.value, missing)


def test_empty_and_binary_errors_say_what_is_wrong(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(BAD_FILES["binary"])

    _docs, errors = collect([empty, binary])

    assert "empty" in str(errors[0])
    assert "binary" in str(errors[1])


def test_with_on_error_the_batch_goes_on_past_every_bad_input(tmp_path):
    good1 = tmp_path / "good1.txt"
    good1.write_text("Iran delivered drones to Russia.", encoding="utf-8")
    good2 = tmp_path / "good2.md"
    good2.write_text("North Korea sold shells to Russia.", encoding="utf-8")
    bad = []
    for kind, raw in BAD_FILES.items():
        p = tmp_path / f"{kind}.txt"
        p.write_bytes(raw)
        bad.append(p)
    missing = tmp_path / "missing.txt"

    docs, errors = collect([bad[0], good1, missing, *bad[1:], good2])

    assert [d.id for d in docs] == ["good1", "good2"]
    assert len(errors) == len(bad) + 1
    for error, path in zip(errors, [bad[0], missing, *bad[1:]], strict=True):
        assert_one_line_naming(error, path)


# --- duplicate ids ------------------------------------------------------------------------


def test_duplicate_ids_keep_the_first_document_and_report_the_rest(tmp_path):
    path = write_jsonl(tmp_path / "units.jsonl", {"id": "same", "text": "first"},
                       {"id": "same", "text": "second"})

    docs, errors = collect([path])

    assert [(d.id, d.text) for d in docs] == [("same", "first")]
    assert len(errors) == 1
    assert "duplicate" in str(errors[0]) and "same" in str(errors[0])
    assert_one_line_naming(errors[0], path)


def test_duplicate_id_across_files_is_reported(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "report.txt").write_text("first", encoding="utf-8")
    (tmp_path / "b" / "report.txt").write_text("second", encoding="utf-8")

    docs, errors = collect([tmp_path / "a", tmp_path / "b"])

    assert [d.text for d in docs] == ["first"]
    assert len(errors) == 1
    assert "report" in str(errors[0])


def test_same_file_given_twice_is_reported_as_a_duplicate(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("text", encoding="utf-8")

    docs, errors = collect([path, path])

    assert len(docs) == 1
    assert len(errors) == 1
    assert_one_line_naming(errors[0], path)


def test_duplicate_id_with_a_newline_is_reported_on_one_line(tmp_path):
    path = write_jsonl(tmp_path / "units.jsonl", {"id": "a\nb", "text": "first"},
                       {"id": "a\nb", "text": "second"})

    docs, errors = collect([path])

    assert len(docs) == 1
    assert len(errors) == 1
    assert_one_line_naming(errors[0], path)
