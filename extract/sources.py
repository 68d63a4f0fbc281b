"""Input documents: text and Markdown files, JSON Lines units, directories and stdin.

Every reader yields :class:`Document` objects. Problems with one input are
reported as :class:`~armsgraph.errors.InputError` through ``on_error`` so a
batch goes on with the other inputs.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from armsgraph.errors import InputError

TEXT_SUFFIXES = frozenset({".txt", ".md", ".text", ".markdown"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
SUPPORTED = TEXT_SUFFIXES | JSONL_SUFFIXES


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


def _decode(raw: bytes, source: str) -> str:
    if not raw.strip():
        raise InputError(source, "file is empty")
    # NUL bytes never occur in text; most binary formats have them early.
    if b"\x00" in raw[:8192]:
        raise InputError(source, "binary file, not text (expected UTF-8 .txt, .md or .jsonl)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            source, f"not valid UTF-8 text (byte {exc.start}); convert it to UTF-8 first"
        ) from None
    if not text.strip():  # a BOM or Unicode spaces (U+00A0, U+3000) only
        raise InputError(source, "file is empty")
    controls = sum(1 for c in text[:8192] if ord(c) < 32 and c not in "\n\r\t\f\v")
    if controls > 0.05 * min(len(text), 8192):
        raise InputError(source, "binary file, not text (too many control characters)")
    return text


def _title_of(text: str) -> str | None:
    """The first line of four words or more (a headline, not a masthead such as
    "The Daily Telegraph"), else the first non-blank line."""
    lines = [ln.strip().lstrip("#").strip() for ln in text.splitlines()[:20]]
    lines = [ln for ln in lines if ln]
    for line in lines:
        if len(line.split()) >= 4:
            return line[:300]
    return lines[0][:300] if lines else None


def read_text_file(path: Path) -> Document:
    """A ``.txt`` or ``.md`` file as one document whose id is the file name without suffix."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read file ({exc.strerror or exc})") from None
    text = _decode(raw, str(path))
    return Document(id=path.stem, text=text, title=_title_of(text), path=str(path))


def _units_from_jsonl(lines: Iterable[str], source: str) -> Iterator[Document | InputError]:
    """Documents of a JSON Lines text; a bad line yields its error and the rest go on."""
    seen_any = False
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        seen_any = True
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(f"{source}:{n}", f"not valid JSON ({exc.msg})")
            continue
        except (ValueError, RecursionError):  # a number past 4300 digits, or nesting too deep
            yield InputError(f"{source}:{n}", "not valid JSON (a number too long or nesting "
                             "too deep)")
            continue
        if not isinstance(obj, dict):
            yield InputError(f"{source}:{n}", "each line must be a JSON object with a 'text'")
            continue
        text = obj.get("text")
        if not isinstance(text, str) or not text.strip():
            yield InputError(f"{source}:{n}", "the object has no non-empty string field 'text'")
            continue
        doc_id = obj.get("id")
        if doc_id is not None and (not isinstance(doc_id, (str, int)) or isinstance(doc_id, bool)
                                   or not str(doc_id).strip()):
            yield InputError(f"{source}:{n}", "field 'id' must be a non-empty string or a number")
            continue
        yield Document(
            id=str(doc_id) if doc_id is not None else content_id(text),
            text=text,
            title=_str_or_none(obj.get("title")) or _title_of(text),
            url=_str_or_none(obj.get("url")),
            published=_str_or_none(obj.get("published") or obj.get("date")),
            publisher=_str_or_none(obj.get("publisher")),
            path=source,
        )
    if not seen_any:
        raise InputError(source, "file is empty (no JSON lines)")


def _str_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def read_jsonl_file(path: Path) -> Iterator[Document | InputError]:
    """A JSON Lines file of ``{"id": ..., "text": ...}`` units, one document each."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read file ({exc.strerror or exc})") from None
    text = _decode(raw, str(path))
    yield from _units_from_jsonl(text.splitlines(), str(path))


def read_stdin(stream=None) -> Iterator[Document | InputError]:
    """Standard input: JSON Lines when the first non-blank character is ``{``, else one text."""
    stream = stream if stream is not None else sys.stdin
    data = stream.read()
    if isinstance(data, bytes):
        data = _decode(data, "<stdin>")
    if not data.strip():
        raise InputError("<stdin>", "no input on standard input")
    if data.lstrip().startswith("{"):
        yield from _units_from_jsonl(data.splitlines(), "<stdin>")
    else:
        yield Document(id=content_id(data), text=data, title=_title_of(data), path="<stdin>")


def _expand(path: Path) -> Iterator[Path]:
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED
                       and not any(part.startswith(".") for part in p.relative_to(path).parts))
        if not files:
            raise InputError(str(path), "directory holds no .txt, .md or .jsonl files")
        yield from files
    else:
        yield path


def iter_documents(
    inputs: Iterable[str | Path],
    on_error: Callable[[InputError], None] | None = None,
) -> Iterator[Document]:
    """Yield the documents of every input; a bad input goes to ``on_error`` and is skipped.

    Without ``on_error`` the first bad input raises :class:`InputError`.
    Duplicate ids keep the first document and report the rest.
    """

    def fail(err: InputError) -> None:
        if on_error is None:
            raise err
        on_error(err)

    seen: set[str] = set()
    for given in inputs:
        given_str = str(given)
        if given_str == "-":
            candidates: Iterable[Path | None] = [None]
        else:
            path = Path(given_str)
            if not path.exists():
                fail(InputError(given_str, "no such file or directory"))
                continue
            try:
                candidates = list(_expand(path))
            except InputError as err:
                fail(err)
                continue
        for cand in candidates:
            try:
                if cand is None:
                    docs: Iterable[Document | InputError] = list(read_stdin())
                elif cand.suffix.lower() in JSONL_SUFFIXES:
                    docs = list(read_jsonl_file(cand))
                elif cand.suffix.lower() in TEXT_SUFFIXES or cand.suffix == "":
                    docs = [read_text_file(cand)]
                else:
                    raise InputError(str(cand), f"unsupported file type '{cand.suffix}' "
                                     "(use .txt, .md or .jsonl)")
            except InputError as err:
                fail(err)
                continue
            for doc in docs:
                if isinstance(doc, InputError):
                    fail(doc)
                    continue
                if doc.id in seen:
                    fail(InputError(doc.path or doc.id,
                                    f"duplicate document id {doc.id!r} (kept the first)"))
                    continue
                seen.add(doc.id)
                yield doc
