"""Dates: an article's date as written (``26-FEB-1987 15:01:11.79``, ``March 3, 2024``,
``2024-03-03T09:30:00Z``) to ISO 8601, and the ``--since`` / ``--until`` bounds.

Parsing is python-dateutil's (the parser htmldate and trafilatura use too), strict: no
fuzzy search, so ``yesterday`` or ``page 2`` is no date. What the text leaves out stays
out: ``March 2024`` is ``2024-03``, ``1987`` is ``1987``, a date without a time has no
time. Numeric dates are read month first (``03/04/2024`` is 4 March), as US newswire
writes them; ISO dates are read as ISO whatever their separators.
"""

from __future__ import annotations

import datetime as dt
import re

from dateutil import parser as _parser

# A bound of --since / --until: a year, a month or a day, ISO.
_BOUND = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_TWO_DEFAULTS = (dt.datetime(1, 1, 1), dt.datetime(2, 2, 2))  # tell a given part from a filled one
_HAS_TIME = re.compile(r"\d{1,2}:\d{2}")
_EARLIEST, _LATEST = 1800, 2200  # years outside this are misreadings, not article dates


def parse_date(text: str | None) -> str | None:
    """``text`` as an ISO 8601 date, date-time, year-month or year, or ``None`` when it is
    no date.

    >>> parse_date("26-FEB-1987 15:01:11.79")
    '1987-02-26T15:01:11.790000'
    >>> parse_date("March 3, 2024"), parse_date("2024-03-03T09:30:00Z")
    ('2024-03-03', '2024-03-03T09:30:00+00:00')
    >>> parse_date("March 2024"), parse_date("1987"), parse_date("yesterday")
    ('2024-03', '1987', None)
    """
    if not text or not (text := text.strip()) or len(text) > 100:
        return None
    try:
        first, second = (_parser.parse(text, default=d) for d in _TWO_DEFAULTS)
    except (ValueError, OverflowError):
        return None
    if first.year != second.year or not _EARLIEST <= first.year <= _LATEST:
        return None  # no year given ("March 3"): not an article date
    if first.month != second.month:
        return f"{first.year:04d}"
    if first.day != second.day:
        return f"{first.year:04d}-{first.month:02d}"
    if _HAS_TIME.search(text) or first.tzinfo is not None:
        return first.isoformat()
    return first.date().isoformat()


def bound(value: str) -> str:
    """A ``--since`` / ``--until`` value checked: ``2022``, ``2022-03`` or ``2022-03-01``.

    Raises ``ValueError`` with the reason for anything else (``yesterday``, ``2022-13``).

    >>> bound("1987-03")
    '1987-03'
    """
    m = _BOUND.fullmatch(value.strip())
    if not m:
        raise ValueError(f"'{value}' is not a date: give a year (2022), a month (2022-03) "
                         "or a day (2022-03-01)")
    year, month, day = (int(g) if g else None for g in m.groups())
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        raise ValueError(f"'{value}' is not a date: no such month or day") from None
    return m.group(0)


_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|"
          r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?")
# "in 2015", "by 2027", "from early 2025", "since March 2019", "on March 3, 2024", "in
# the end of 2026": a preposition of time, then a year alone or after a month (and day).
_STATED = re.compile(
    r"\b(?:in|by|from|since|until|till|before|after|during|through|around|on|"
    r"as of|as early as|as late as|no later than)\s+"
    r"(?:(?:the\s+)?(?:early|late|mid-?|end of|beginning of|start of|spring|summer|autumn|"
    r"fall|winter|first half of|second half of)\s*(?:of\s+)?)?"
    rf"(?P<date>(?:\d{{1,2}}\s+{_MONTH}\s+|{_MONTH}\s+(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?)?"
    r"(?P<year>(?:19[4-9]|20\d)\d))(?![\d,.-]?\d)(?!\s*(?:dollars|euros|prices|terms)\b)",
    re.IGNORECASE)


def stated_date(sentence: str) -> str | None:
    """The year or date a sentence states for what it reports ("ordered in 2015", "by
    2027", "on March 3, 2024"), as ISO, distinct from the article's date; the first one
    when there are several. Only a year after a preposition of time counts: "2015
    rifles" and "the F-2000" are no dates.

    >>> stated_date("Greece ordered six frigates from France in 2015.")
    '2015'
    >>> stated_date("Deliveries are due to begin by early 2027, officials said.")
    '2027'
    >>> stated_date("The contract was signed on March 3, 2024 in Paris.")
    '2024-03-03'
    >>> stated_date("Poland ordered 2015 rifles."), stated_date("It bought F-2000 jets.")
    (None, None)
    """
    m = _STATED.search(sentence)
    if m is None:
        return None
    if m.group("date") != m.group("year"):
        return parse_date(m.group("date")) or m.group("year")
    return m.group("year")
