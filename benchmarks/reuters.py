"""Reading the Reuters-21578 corpus (SGML, Latin-1) into plain texts for benchmarks."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

_STORY = re.compile(r"<REUTERS[^>]*NEWID=\"(\d+)\"[^>]*>(.*?)</REUTERS>", re.S)
_TITLE = re.compile(r"<TITLE>(.*?)</TITLE>", re.S)
_BODY = re.compile(r"<BODY>(.*?)</BODY>", re.S)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def reuters_stories(folder: Path) -> Iterator[tuple[str, str]]:
    """``(id, text)`` of every story with a title or body: the title, a blank line, the body."""
    for path in sorted(folder.glob("reut2-*.sgm")):
        raw = path.read_text(encoding="latin-1")
        for m in _STORY.finditer(raw):
            title = _TITLE.search(m.group(2))
            body = _BODY.search(m.group(2))
            parts = [html.unescape(x.group(1)) for x in (title, body) if x]
            text = _CONTROL.sub(" ", "\n\n".join(parts)).strip()
            if text:
                yield f"reuters-{m.group(1)}", text
