"""Input documents: text, Markdown and HTML files, JSON Lines units, directories and stdin.

Every reader streams :class:`Document` objects: a JSON Lines file line by line, a
directory file by file, so memory does not grow with the corpus. Problems with one input
(or one line) are reported as :class:`~armsgraph.errors.InputError` through ``on_error``,
naming the file and line, and the batch goes on with the rest.

Ids are stable across runs: a file's id is its path relative to the input root, without
its suffix (``2023/index``; a file given by itself is its own root: ``index``); a JSON
Lines unit keeps its ``id`` (or gets a hash of its text); stdin gets a hash of its text.

Metadata comes with the text: a web page's title, date, URL, site name and author (its
main text only, through trafilatura: navigation, scripts, banners, related links and
comments never reach the extractor), a Markdown file's front matter (``title``, ``date``,
``url``, ``publisher``), a JSON Lines unit's fields. Dates are normalised to ISO 8601
(:mod:`armsgraph.extract.dates`); a date that cannot be read is logged as a one-line
warning and kept as text in ``date_text``. Skipped files of a directory are logged too.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from armsgraph.errors import InputError

from .dates import parse_date

log = logging.getLogger("armsgraph")

TEXT_SUFFIXES = frozenset({".txt", ".md", ".text", ".markdown"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
_KINDS = ".txt, .md, .html or .jsonl"
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024  # one text past this is refused (a dump, not an article)
_SNIFF = 8192  # bytes read to tell text from binary


@dataclass(frozen=True)
class Document:
    """One article or text unit. ``id`` is stable, so re-ingestion is idempotent."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO 8601 (see armsgraph.extract.dates)
    publisher: str | None = None
    path: str | None = None
    author: str | None = None
    date_text: str | None = None  # a date as given when it could not be read


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
        raise InputError(source, f"binary file, not text (expected UTF-8 {_KINDS})")
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


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            raise InputError(str(path), f"file is {size / 2**20:.0f} MB, over the limit of "
                             f"{MAX_DOCUMENT_BYTES // 2**20} MB for one document; split it")
        return path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read file ({exc.strerror or exc})") from None


def _dated(where: str, value: object) -> dict[str, str | None]:
    """``published`` (ISO) from a date as given, or ``date_text`` with a warning."""
    text = _str_or_none(value) if not isinstance(value, (int, float)) else str(value)
    if text is None:
        return {"published": None, "date_text": None}
    iso = parse_date(text)
    if iso is None:
        log.warning("%s: cannot read the date %r (kept as text)", where, text[:80])
        return {"published": None, "date_text": text}
    return {"published": iso, "date_text": None}


def read_text_file(path: Path, root: Path | None = None) -> Document:
    """A ``.txt`` or ``.md`` file as one document (its id: see :func:`file_id`); a
    Markdown file's front matter gives its metadata and is no part of its text."""
    text = _decode(_read_bytes(path), str(path))
    meta: dict[str, str | None] = {}
    if path.suffix.lower() in MARKDOWN_SUFFIXES:
        text, meta = front_matter(text, str(path))
        if not text.strip():
            raise InputError(str(path), "file has front matter but no text")
    return Document(id=file_id(path, root), text=text, path=str(path),
                    **{"title": _title_of(text), **meta})


_FRONT = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)",
                    re.DOTALL)


def front_matter(text: str, source: str) -> tuple[str, dict[str, str | None]]:
    """A Markdown text's YAML front matter as metadata, and the text after it.

    ``title``, ``date`` (or ``published``), ``url`` (or ``link``), ``publisher`` (or
    ``source``, ``site``) and ``author`` are read; front matter that is no YAML mapping
    is logged and dropped, never read as article text.

    >>> body, meta = front_matter("---\\ntitle: Deal\\ndate: 2024-03-03\\n---\\nText.", "a.md")
    >>> body, meta["title"], meta["published"]
    ('Text.', 'Deal', '2024-03-03')
    """
    m = _FRONT.match(text)
    if not m:
        return text, {}
    body = text[m.end():]
    import yaml

    try:
        data = yaml.safe_load(m.group(1))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 2}" if mark is not None else ""
        log.warning("%s: front matter is not valid YAML%s (skipped)", source, at)
        return body, {}
    if not isinstance(data, dict):
        log.warning("%s: front matter is not a YAML mapping (skipped)", source)
        return body, {}

    def first(*keys: str) -> str | None:
        for key in keys:
            value = data.get(key)
            if isinstance(value, (str, int, float)) and not isinstance(value, bool) \
                    and str(value).strip():
                return str(value).strip()
        return None

    date = data.get("date", data.get("published"))
    meta: dict[str, str | None] = {
        "title": first("title", "headline"), "url": first("url", "link", "canonical"),
        "publisher": first("publisher", "source", "site", "site_name"),
        "author": first("author", "byline"),
        **_dated(source, date.isoformat() if hasattr(date, "isoformat") else date),
    }
    return body, {k: v for k, v in meta.items() if v is not None}


def read_html_file(path: Path, root: Path | None = None) -> Document:
    """A saved web page as one document: its main text, title, date, URL, site name and
    author, through trafilatura (see :func:`html_document`)."""
    raw = _read_bytes(path)
    if not raw.strip():
        raise InputError(str(path), "file is empty")
    if _binary(raw):
        raise InputError(str(path), f"binary file, not text (expected {_KINDS})")
    return html_document(raw, file_id(path, root), str(path))


def html_document(raw: bytes | str, doc_id: str | None, source: str) -> Document:
    """An HTML page as a document: trafilatura's main text (precision first: no comments,
    no tables, no navigation or boilerplate) and its metadata. ``doc_id`` ``None`` gives
    the hash of the main text."""
    import trafilatura

    try:
        found = trafilatura.bare_extraction(
            raw, with_metadata=True, include_comments=False, include_tables=False,
            include_images=False, favor_precision=True, deduplicate=False,
            date_extraction_params={"original_date": True, "extensive_search": True})
    except Exception as exc:  # lxml or a metadata parser failing on a broken page
        raise InputError(source, f"cannot read the HTML page ({type(exc).__name__})") from None
    text = (getattr(found, "text", None) or "").strip() if found is not None else ""
    if not text:
        raise InputError(source, "the HTML page has no main text")
    text = "\n\n".join(line.strip() for line in text.splitlines() if line.strip())

    def meta(name: str) -> str | None:
        return _str_or_none(getattr(found, name, None))

    return Document(id=doc_id or content_id(text), text=text, title=meta("title") or
                    _title_of(text), url=meta("url"), publisher=meta("sitename"),
                    author=meta("author"), path=source, **_dated(source, meta("date")))


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
    date = obj.get("published") if obj.get("published") is not None else obj.get("date")
    return Document(
        id=str(doc_id) if doc_id is not None else content_id(text),
        text=text,
        title=_str_or_none(obj.get("title")) or _title_of(text),
        url=_str_or_none(obj.get("url")),
        publisher=_str_or_none(obj.get("publisher")) or _str_or_none(obj.get("source")),
        author=_str_or_none(obj.get("author")),
        path=source,
        **_dated(where, date),
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
    non-blank character is ``{``, an HTML page when it starts like one (``<!doctype html``,
    ``<html``, ``<head``, ``<body``, or markup up front), else one text document."""
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
        if looks_like_html(text):
            yield html_document(text, None, source), source
            return
    except InputError as exc:
        yield exc, source
        return
    yield Document(id=content_id(text), text=text, title=_title_of(text), path=source), source


_HTML_START = re.compile(r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
                         r"<(?:!doctype\s+html|html|head|body|meta|title)\b", re.I | re.S)


def looks_like_html(text: str) -> bool:
    """Whether a text is an HTML page rather than prose: it opens with a doctype or an
    ``html``, ``head``, ``body``, ``meta`` or ``title`` tag.

    >>> looks_like_html("<!DOCTYPE html><p>x</p>"), looks_like_html("France sold <b>jets</b>")
    (True, False)
    """
    return bool(_HTML_START.match(text[:4096]))


def _walk(root: Path, quiet: bool = False) -> Iterator[Path]:
    """The supported files under ``root``, sorted, one directory at a time (lazily);
    hidden files and directories are skipped silently, other files with a warning line
    (none when ``quiet``)."""
    for here, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            p = Path(here) / name
            if name.startswith("."):
                continue
            if p.suffix.lower() in SUPPORTED:
                yield p
            elif not quiet:
                log.warning("%s: skipped (not %s)", p, _KINDS)


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
            yield InputError(given, f"directory holds no {_KINDS} files"), given
        return
    yield from _read_file(path, None)


def _read_file(path: Path, root: Path | None) -> Iterator[Read]:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl_file(path)
    elif suffix in TEXT_SUFFIXES or suffix in HTML_SUFFIXES or suffix == "":
        read = read_html_file if suffix in HTML_SUFFIXES else read_text_file
        try:
            yield read(path, root), str(path)
        except InputError as err:
            yield err, str(path)
    else:
        yield InputError(str(path), f"unsupported file type '{path.suffix}' "
                         f"(use {_KINDS})"), str(path)


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
        files = _walk(path, quiet=True) if path.is_dir() else [path] if path.is_file() else []
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
