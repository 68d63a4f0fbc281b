"""Reading the Reuters-21578 corpus (SGML, Latin-1) into plain texts for benchmarks."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

_STORY = re.compile(r"<REUTERS[^>]*NEWID=\"(\d+)\"[^>]*>(.*?)</REUTERS>", re.S)
_TITLE = re.compile(r"<TITLE>(.*?)</TITLE>", re.S)
_BODY = re.compile(r"<BODY>(.*?)</BODY>", re.S)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


_DATE = re.compile(r"<DATE>\s*(\d{1,2})-([A-Z]{3})-(\d{4})")
_MONTHS = {m: i for i, m in enumerate(
    ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"), 1)}


def reuters_units(folder: Path) -> Iterator[dict]:
    """The stories as armsgraph JSON Lines units: ``id``, ``text`` and the wire date as
    ``published`` (ISO 8601), so that leaders resolve to their states in 1987."""
    for path in sorted(folder.glob("reut2-*.sgm")):
        raw = path.read_text(encoding="latin-1")
        for m in _STORY.finditer(raw):
            title = _TITLE.search(m.group(2))
            body = _BODY.search(m.group(2))
            parts = [html.unescape(x.group(1)) for x in (title, body) if x]
            text = _CONTROL.sub(" ", "\n\n".join(parts)).strip()
            if not text:
                continue
            unit = {"id": f"reuters-{m.group(1)}", "text": text}
            d = _DATE.search(m.group(2))
            if d and d.group(2) in _MONTHS:
                unit["published"] = f"{d.group(3)}-{_MONTHS[d.group(2)]:02d}-{int(d.group(1)):02d}"
            yield unit


def reuters_stories(folder: Path) -> Iterator[tuple[str, str]]:
    """``(id, text)`` of every story with a title or body: the title, a blank line, the body."""
    for unit in reuters_units(folder):
        yield unit["id"], unit["text"]


def write_reuters_jsonl(folder: Path, path: Path, stories: int | None = None
                        ) -> tuple[int, int]:
    """The first ``stories`` stories (all by default) as one JSON Lines file of armsgraph
    units; return the number of stories and of words written."""
    words = documents = 0
    with path.open("w", encoding="utf-8") as fh:
        for unit in islice(reuters_units(folder), stories):
            fh.write(json.dumps(unit, ensure_ascii=False) + "\n")
            words += len(unit["text"].split())
            documents += 1
    return documents, words


def reuters_folder(shared: Path) -> Path | None:
    """The Reuters-21578 folder of the shared data, or None after a one-line error."""
    folder = shared / "data" / "reuters21578"
    if not folder.is_dir():
        print(f"error: {folder}: the Reuters-21578 corpus is not there (give --shared)")
        return None
    return folder
