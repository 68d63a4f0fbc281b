"""Input documents: text and Markdown files, JSON Lines units, directories and stdin.

Every reader streams :class:`Document` objects: a JSON Lines file line by line, a
directory file by file, so memory does not grow with the corpus. Problems with one input
(or one line) are reported as :class:`~armsgraph.errors.InputError` through ``on_error``,
naming the file and line, and the batch goes on with the rest.

Ids are stable across runs: a file's id is its path relative to the input root, without
its suffix (``2023/index``; a file given by itself is its own root: ``index``); a JSON
Lines unit keeps its ``id`` (or gets a hash of its text); stdin gets a hash of its text.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from armsgraph.errors import InputError

TEXT_SUFFIXES = frozenset({".txt", ".md", ".text", ".markdown"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
SUPPORTED = TEXT_SUFFIXES | JSONL_SUFFIXES
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024  # one text past this is refused (a dump, not an article)
_SNIFF = 8192  # bytes read to tell text from binary


@dataclass(frozen=True)
class Document:
    """One article or text unit. ``id`` is stable, so re-ingestion is idempotent."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    publisher: str | None = None
    path: str | None = None


def content_id(text: str) -> str:
    """A stable id for text that came without one: a hash of its content."""
    return "sha1-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def _binary(head: bytes) -> bool:
    """NUL bytes never occur in text; most binary formats have them early."""
    return b"\x00" in head[:_SNIFF]


def _decode(raw: bytes, source: str) -> str:
    if not raw.strip():
        raise InputError(source, "file is empty")
    if _binary(raw):
        raise InputError(source, "binary file, not text (expected UTF-8 .txt, .md or .jsonl)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            source, f"not valid UTF-8 text (byte {exc.start}); convert it to UTF-8 first"
        ) from None
    if not text.strip():  # a BOM or Unicode spaces (U+00A0, U+3000) only
        raise InputError(source, "file is empty")
    controls = sum(1 for c in text[:_SNIFF] if ord(c) < 32 and c not in "\n\r\t\f\v")
    if controls > 0.05 * min(len(text), _SNIFF):
        raise InputError(source, "binary file, not text (too many control characters)")
    return text


def _title_of(text: str) -> str | None:
    """The first line of four words or more (a headline, not a masthead such as
    "The Daily Telegraph"), else the first non-blank line."""
    lines = []
    for line in text[:20_000].splitlines()[:20]:
        line = line.strip().lstrip("#").strip()
        if line:
            lines.append(line)
    for line in lines:
        if len(line.split()) >= 4:
            return line[:300]
    return lines[0][:300] if lines else None


def file_id(path: Path, root: Path | None = None) -> str:
    """A file's id: its path relative to ``root`` without the suffix, with ``/``
    separators (``2023/index``); a file outside ``root``, or without one, is its stem."""
    if root is not None:
        try:
            rel = path.relative_to(root)
        except ValueError:
            rel = Path(path.name)
    else:
        rel = Path(path.name)
    return rel.with_suffix("").as_posix() if rel.suffix else rel.as_posix()


def read_text_file(path: Path, root: Path | None = None) -> Document:
    """A ``.txt`` or ``.md`` file as one document (its id: see :func:`file_id`)."""
    try:
        size = path.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            raise InputError(str(path), f"file is {size / 2**20:.0f} MB, over the limit of "
                             f"{MAX_DOCUMENT_BYTES // 2**20} MB for one document; split it")
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read file ({exc.strerror or exc})") from None
    text = _decode(raw, str(path))
    return Document(id=file_id(path, root), text=text, title=_title_of(text), path=str(path))


Read = tuple["Document | InputError", str]  # a document (or the error of one unit), where


def _unit(obj: object, where: str, source: str) -> Document | InputError:
    """One JSON Lines object as a document, or the error that names its line."""
    if not isinstance(obj, dict):
        return InputError(where, "each line must be a JSON object with a 'text'")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        return InputError(where, "the object has no non-empty string field 'text'")
    doc_id = obj.get("id")
    if doc_id is not None and (not isinstance(doc_id, (str, int)) or isinstance(doc_id, bool)
                               or not str(doc_id).strip()):
        return InputError(where, "field 'id' must be a non-empty string or a number")
    return Document(
        id=str(doc_id) if doc_id is not None else content_id(text),
        text=text,
        title=_str_or_none(obj.get("title")) or _title_of(text),
        url=_str_or_none(obj.get("url")),
        published=_str_or_none(obj.get("published") or obj.get("date")),
        publisher=_str_or_none(obj.get("publisher")),
        path=source,
    )


def _parse_line(raw: bytes, n: int, source: str) -> Document | InputError | None:
    where = f"{source}:{n}"
    if n == 1 and raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if not raw.strip():
        return None
    if len(raw) > MAX_DOCUMENT_BYTES:
        return InputError(where, f"line is {len(raw) / 2**20:.0f} MB, over the limit of "
                          f"{MAX_DOCUMENT_BYTES // 2**20} MB for one document")
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return InputError(where, f"not valid UTF-8 (byte {exc.start} of the line)")
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputError(where, f"not valid JSON ({exc.msg})")
    except (ValueError, RecursionError):  # a number past 4300 digits, or nesting too deep
        return InputError(where, "not valid JSON (a number too long or nesting too deep)")
    return _unit(obj, where, source)


def _jsonl_stream(fh: BinaryIO, source: str, first: bytes = b"") -> Iterator[Read]:
    """The units of a binary JSON Lines stream, line by line; ``first`` is the part of
    the first line already read."""
    seen_any = False
    lines = iter(fh)
    if first:
        lines = _chain_first(first, lines)
    for n, raw in enumerate(lines, 1):
        got = _parse_line(raw, n, source)
        if got is None:
            continue
        seen_any = True
        yield got, (got.source if isinstance(got, InputError) else f"{source}:{n}")
    if not seen_any:
        yield InputError(source, "file is empty (no JSON lines)"), source


def _chain_first(first: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    """The lines of a stream whose beginning ``first`` was read already."""
    *complete, partial = first.split(b"\n")
    for line in complete:
        yield line + b"\n"
    line = next(rest, b"")
    if partial or line:
        yield partial + line
    yield from rest


def read_jsonl_file(path: Path) -> Iterator[Read]:
    """A JSON Lines file of ``{"id": ..., "text": ...}`` units, read line by line."""
    source = str(path)
    try:
        with path.open("rb") as fh:
            if _binary(fh.read(_SNIFF)):
                yield InputError(source, "binary file, not text (expected UTF-8 JSON Lines)"), \
                    source
                return
            fh.seek(0)
            yield from _jsonl_stream(fh, source)
    except OSError as exc:
        yield InputError(source, f"cannot read file ({exc.strerror or exc})"), source


def read_stdin(stream: BinaryIO | None = None) -> Iterator[Read]:
    """Standard input, decoded as files are: JSON Lines (read line by line) when the first
    non-blank character is ``{``, else one text document."""
    if stream is None:
        stream = sys.stdin.buffer
    source = "<stdin>"
    head = b""
    while True:  # read up to the first non-blank byte
        chunk = stream.read(1) if len(head) < _SNIFF else b""
        if not chunk:
            break
        head += chunk
        if not chunk.isspace():
            break
    if not head.strip():
        yield InputError(source, "no input on standard input"), source
        return
    stripped = head.lstrip()
    if stripped.startswith(b"\xef\xbb\xbf"):
        stripped = stripped[3:]
    if stripped.startswith(b"{"):
        yield from _jsonl_stream(stream, source, head)
        return
    raw = head + stream.read(MAX_DOCUMENT_BYTES + 1 - len(head))
    if len(raw) > MAX_DOCUMENT_BYTES:
        yield InputError(source, f"over the limit of {MAX_DOCUMENT_BYTES // 2**20} MB for "
                         "one document"), source
        return
    try:
        text = _decode(raw, source)
    except InputError as exc:
        yield exc, source
        return
    yield Document(id=content_id(text), text=text, title=_title_of(text), path=source), source


def _walk(root: Path) -> Iterator[Path]:
    """The supported files under ``root``, sorted, one directory at a time (lazily);
    hidden files and directories are skipped."""
    for here, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            p = Path(here) / name
            if not name.startswith(".") and p.suffix.lower() in SUPPORTED:
                yield p


def _read_path(given: str) -> Iterator[Read]:
    path = Path(given)
    if not path.exists():
        yield InputError(given, "no such file or directory"), given
        return
    if path.is_dir():
        found = False
        for file in _walk(path):
            found = True
            yield from _read_file(file, path)
        if not found:
            yield InputError(given, "directory holds no .txt, .md or .jsonl files"), given
        return
    yield from _read_file(path, None)


def _read_file(path: Path, root: Path | None) -> Iterator[Read]:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl_file(path)
    elif suffix in TEXT_SUFFIXES or suffix == "":
        try:
            yield read_text_file(path, root), str(path)
        except InputError as err:
            yield err, str(path)
    else:
        yield InputError(str(path), f"unsupported file type '{path.suffix}' "
                         "(use .txt, .md or .jsonl)"), str(path)


def iter_documents(
    inputs: Iterable[str | Path],
    on_error: Callable[[InputError], None] | None = None,
) -> Iterator[Document]:
    """Yield the documents of every input, streaming; a bad input (or JSON line) goes to
    ``on_error`` and is skipped.

    Without ``on_error`` the first bad input raises :class:`InputError`. A duplicate id
    keeps the first document and reports the later one with both places.
    """

    def fail(err: InputError) -> None:
        if on_error is None:
            raise err
        on_error(err)

    first_at: dict[str, str] = {}
    for given in inputs:
        given_str = str(given)
        reads = read_stdin() if given_str == "-" else _read_path(given_str)
        for doc, where in reads:
            if isinstance(doc, InputError):
                fail(doc)
                continue
            if doc.id in first_at:
                fail(InputError(where, f"duplicate document id {doc.id!r} (kept the one of "
                                f"{first_at[doc.id]})"))
                continue
            first_at[doc.id] = where
            yield doc


def _str_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def count_documents(inputs: Iterable[str | Path]) -> int | None:
    """About how many documents ``inputs`` hold, for a progress bar's ETA: text files, and
    the non-blank lines of JSON Lines files (a fast byte scan). ``None`` for stdin."""
    total = 0
    for given in inputs:
        if str(given) == "-":
            return None
        path = Path(given)
        files = _walk(path) if path.is_dir() else [path] if path.is_file() else []
        for file in files:
            if file.suffix.lower() not in JSONL_SUFFIXES:
                total += 1
                continue
            try:
                with file.open("rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            except OSError:
                continue
    return total
