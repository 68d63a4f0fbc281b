"""Reading at corpus scale: ids from paths, streaming JSON Lines and stdin, per-line errors."""

from __future__ import annotations

import io
import json
from pathlib import Path

from armsgraph.errors import InputError
from armsgraph.extract.sources import count_documents, iter_documents, read_stdin

TEXT = "France sold 30 Rafale fighters to Greece.\n"


def collect(inputs) -> tuple[list, list[InputError]]:
    errors: list[InputError] = []
    return list(iter_documents(inputs, on_error=errors.append)), errors


def test_ids_are_paths_relative_to_the_input_root_so_same_names_do_not_collide(tmp_path):
    for year in ("2023", "2024"):
        (tmp_path / year).mkdir()
        (tmp_path / year / "index.txt").write_text(f"{year}: {TEXT}", "utf-8")
    docs, errors = collect([tmp_path])
    assert errors == []
    assert [d.id for d in docs] == ["2023/index", "2024/index"]
    # the same files read again give the same ids; a file given alone is its own root
    assert [d.id for d in collect([tmp_path])[0]] == ["2023/index", "2024/index"]
    assert [d.id for d in collect([tmp_path / "2023" / "index.txt"])[0]] == ["index"]


def test_a_txt_and_an_md_of_one_name_are_a_duplicate_reported_with_both_paths(tmp_path):
    (tmp_path / "a.md").write_text("# A\n" + TEXT, "utf-8")
    (tmp_path / "a.txt").write_text(TEXT, "utf-8")
    docs, errors = collect([tmp_path])
    assert [d.path for d in docs] == [str(tmp_path / "a.md")]
    (error,) = errors
    assert str(tmp_path / "a.txt") in str(error) and str(tmp_path / "a.md") in str(error)
    assert "duplicate document id 'a'" in str(error)
    assert len(str(error).splitlines()) == 1


def test_a_duplicate_jsonl_id_names_its_line_and_the_first_line(tmp_path):
    path = tmp_path / "units.jsonl"
    path.write_text("".join(json.dumps({"id": "x", "text": f"{i} {TEXT}"}) + "\n"
                            for i in range(3)), "utf-8")
    docs, errors = collect([path])
    assert [d.text[0] for d in docs] == ["0"]
    assert [str(e) for e in errors] == [
        f"{path}:{n}: duplicate document id 'x' (kept the one of {path}:1)" for n in (2, 3)]


def test_one_line_of_bad_utf8_is_an_error_naming_the_line_and_the_rest_is_read(tmp_path):
    path = tmp_path / "units.jsonl"
    good = [json.dumps({"id": str(i), "text": f"{i} {TEXT}"}).encode() for i in range(4)]
    path.write_bytes(b"\n".join([good[0], b'{"id": "bad", "text": "caf\xe9"}', *good[1:]]))
    docs, errors = collect([path])
    assert [d.id for d in docs] == ["0", "1", "2", "3"]
    (error,) = errors
    assert str(error).startswith(f"{path}:2: not valid UTF-8")


class _CountingStream(io.RawIOBase):
    """A binary stream of ``lines`` that counts how many it has handed out."""

    def __init__(self, lines: list[bytes]) -> None:
        self.lines = lines
        self.given = 0
        self._buffer = b""

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        if not self._buffer:
            if self.given == len(self.lines):
                return 0
            self._buffer = self.lines[self.given]
            self.given += 1
        n = min(len(b), len(self._buffer))
        b[:n] = self._buffer[:n]
        self._buffer = self._buffer[n:]
        return n


def test_jsonl_on_stdin_streams_line_by_line():
    lines = [(json.dumps({"id": str(i), "text": TEXT}) + "\n").encode() for i in range(1000)]
    stream = _CountingStream(lines)
    reads = read_stdin(io.BufferedReader(stream, buffer_size=64))
    first, where = next(reads)
    assert first.id == "0" and where == "<stdin>:1"
    assert stream.given < 10  # not the whole input
    assert len(list(reads)) == 999


def test_text_on_stdin_is_decoded_like_a_file():
    (doc, _), = read_stdin(io.BytesIO(b"\xef\xbb\xbf" + TEXT.encode()))
    assert doc.text == TEXT and doc.id.startswith("sha1-")
    (error, _), = read_stdin(io.BytesIO(b"Caf\xe9 society " + TEXT.encode()))
    assert isinstance(error, InputError)
    assert str(error).startswith("<stdin>: not valid UTF-8 text (byte 3)")
    (error, _), = read_stdin(io.BytesIO(b"  \n "))
    assert str(error) == "<stdin>: no input on standard input"


def test_jsonl_on_stdin_with_a_bad_line_reports_it_and_reads_the_rest():
    data = b'{"id": "a", "text": "x y"}\n{"id": \n\n{"id": "b", "text": "z"}\n'
    got = list(read_stdin(io.BytesIO(data)))
    assert [d.id for d, _ in got if not isinstance(d, InputError)] == ["a", "b"]
    assert [str(d) for d, _ in got if isinstance(d, InputError)] == [
        "<stdin>:2: not valid JSON (Expecting value)"]


def test_count_documents_counts_files_and_jsonl_lines(tmp_path: Path):
    (tmp_path / "a.txt").write_text(TEXT, "utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "u.jsonl").write_text('{"text": "a"}\n\n{"text": "b"}\n', "utf-8")
    (tmp_path / ".hidden.txt").write_text(TEXT, "utf-8")
    assert count_documents([tmp_path]) == 3
    assert count_documents([tmp_path / "a.txt", "-"]) is None
