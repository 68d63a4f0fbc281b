"""The rule data: actors, weapons, triggers and status cues, read from ``extract/data/*.csv``.

Lexicons are versioned CSV files (a header, one row per entry) shipped as package
data, so a user can read, extend or replace them without touching code.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources

from armsgraph.errors import LexiconError

from .claims import CATEGORIES, STATUSES

ACTOR_TYPES = frozenset({"state", "organization", "company", "armed-group"})
ALIAS_KINDS = frozenset({"name", "abbreviation", "demonym", "capital", "seat", "body",
                         "place"})
LEADER_ROLES = frozenset({"head-of-state", "head-of-government", "defence-minister",
                          "foreign-minister", "leader"})
BODY_KINDS = frozenset({"armed-forces", "ministry", "agency", "legislature", "government",
                        "export-agency"})
FRAMES = frozenset({"give", "get", "arm", "ask", "arrive", "deal", "make", "help"})
PYCOUNTRY_SKIP = frozenset({"Congo"})


def _rows(name: str, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    text = resources.files("armsgraph.extract").joinpath("data", name).read_text("utf-8")
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in required if c not in (reader.fieldnames or [])]
    if missing:
        raise LexiconError(f"extract/data/{name}: missing columns {', '.join(missing)}")
    for n, row in enumerate(reader, 2):
        yield n, {k: (v or "").strip() for k, v in row.items() if k is not None}


@dataclass(frozen=True)
class ActorEntry:
    """One actor of ``actors.csv``."""

    id: str
    name: str
    type: str
    country: str | None
    wikidata: str | None

    @property
    def iso3(self) -> str | None:
        return self.id if self.type == "state" else None


@dataclass(frozen=True)
class Alias:
    """One way of naming an actor: ``case`` is ``exact`` or ``lower``."""

    actor_id: str
    text: str
    kind: str
    case: str


@dataclass(frozen=True)
class CompanyPeriod:
    """One name of a company for the years it was used (``companies.csv``)."""

    name: str
    country: str | None
    start: int | None
    end: int | None
    successor: str | None


@dataclass
class ActorLexicon:
    actors: dict[str, ActorEntry]
    aliases: list[Alias]
    companies: dict[str, CompanyPeriod] = field(default_factory=dict)

    def get(self, actor_id: str) -> ActorEntry:
        return self.actors[actor_id]

    def company_on(self, name: str, on: date | None) -> ActorEntry:
        """The company a name stands for on a date: itself while the name was in use,
        its successor after ("Martin Marietta" in 2005 is Lockheed Martin). Without a date,
        or before the name's first year, the name itself.

        >>> lex = load_actor_lexicon()
        >>> lex.company_on("Martin Marietta", date(1990, 1, 1)).name
        'Martin Marietta'
        >>> lex.company_on("Martin Marietta", date(2005, 1, 1)).name
        'Lockheed Martin'
        """
        entry = self.actors[name]
        seen = {name}
        while on is not None:
            period = self.companies.get(entry.id)
            if period is None or period.end is None or on.year <= period.end or \
                    not period.successor or period.successor in seen:
                break
            seen.add(period.successor)
            entry = self.actors[period.successor]
        return entry


@dataclass(frozen=True)
class LeaderTerm:
    """A person's term in an office for which they act for their state (``leaders.csv``)."""

    person: str
    role: str
    state: str
    start: date
    end: date | None
    wikidata: str | None

    def covers(self, on: date) -> bool:
        return self.start <= on and (self.end is None or on <= self.end)


@dataclass
class LeaderTable:
    """Heads of state and government, defence and foreign ministers, with their terms."""

    terms: list[LeaderTerm]
    by_name: dict[str, list[LeaderTerm]]  # a name as written -> the terms it may mean

    def state_of(self, name: str, on: date | None) -> str | None:
        """The state a person named ``name`` acts for on ``on``: the one whose term covers
        the date, or with no date the one state all the name's terms belong to. None when
        no term covers the date or the name is ambiguous.

        >>> table = load_leaders()
        >>> table.state_of("Reagan", date(1987, 3, 1)), table.state_of("Reagan", None)
        ('USA', 'USA')
        >>> table.state_of("Reagan", date(1995, 1, 1)) is None
        True
        """
        terms = self.by_name.get(name, [])
        if on is not None:
            terms = [t for t in terms if t.covers(on)]
        states = {t.state for t in terms}
        return states.pop() if len(states) == 1 else None


@dataclass(frozen=True)
class WeaponTerm:
    term: str
    category: str


@dataclass(frozen=True)
class WeaponSystem:
    name: str
    category: str
    origin: str | None


@dataclass
class WeaponLexicon:
    terms: dict[str, WeaponTerm]  # lower-cased form (singular and plural) -> term
    systems: dict[str, WeaponSystem]  # form as written (name and aliases) -> system
    uses: frozenset[str] = frozenset()  # lower-cased forms of words for using weapons


@dataclass(frozen=True)
class Trigger:
    lemma: str
    pos: str
    frame: str
    past: str
    present: str
    future: str


@dataclass
class FrameLexicon:
    triggers: dict[tuple[str, str], Trigger] = field(default_factory=dict)
    cues: dict[str, str] = field(default_factory=dict)  # "lemma" or "lemma particle" -> status


def plural(term: str) -> str:
    """The regular English plural of a (multi-word) term's last word.

    >>> plural("howitzer"), plural("battery"), plural("missile launch")
    ('howitzers', 'batteries', 'missile launches')
    """
    head, sep, last = term.rpartition(" ")
    if last.endswith(("s", "x", "ch", "sh", "z")):
        last += "es"
    elif last.endswith("y") and len(last) > 1 and last[-2] not in "aeiou":
        last = last[:-1] + "ies"
    else:
        last += "s"
    return head + sep + last


@lru_cache(maxsize=1)
def _word_lists() -> dict[str, tuple[str, ...]]:
    lists: dict[str, list[str]] = {}
    for _n, row in _rows("words.csv", ("list", "word")):
        entries = lists.setdefault(row["list"], [])
        if row["word"] not in entries:
            entries.append(row["word"])
    return {name: tuple(ws) for name, ws in lists.items()}


def ordered_words(name: str) -> tuple[str, ...]:
    """A word list of ``words.csv`` in the file's order (a ranking, such as
    "major-exporters")."""
    try:
        return _word_lists()[name]
    except KeyError:
        raise LexiconError(f"extract/data/words.csv: no word list named '{name}'") from None


def words(name: str) -> frozenset[str]:
    """One of the rules' word lists of ``words.csv`` ("reporting", "containers", ...).

    >>> "say" in words("reporting")
    True
    """
    return frozenset(ordered_words(name))


@lru_cache(maxsize=1)
def load_actor_lexicon() -> ActorLexicon:
    """Read ``actors.csv`` and ``actor_aliases.csv``; every state also gets its pycountry names."""
    actors: dict[str, ActorEntry] = {}
    for n, row in _rows("actors.csv", ("id", "name", "type", "country", "wikidata")):
        if row["type"] not in ACTOR_TYPES:
            raise LexiconError(f"extract/data/actors.csv:{n}: unknown type '{row['type']}'")
        actors[row["id"]] = ActorEntry(row["id"], row["name"], row["type"],
                                       row["country"] or None, row["wikidata"] or None)
    aliases: list[Alias] = []
    for n, row in _rows("actor_aliases.csv", ("actor_id", "alias", "kind", "case")):
        if row["actor_id"] not in actors:
            raise LexiconError(
                f"extract/data/actor_aliases.csv:{n}: unknown actor_id '{row['actor_id']}'")
        if row["kind"] not in ALIAS_KINDS:
            raise LexiconError(f"extract/data/actor_aliases.csv:{n}: unknown kind '{row['kind']}'")
        if row["case"] not in ("exact", "lower"):
            raise LexiconError(f"extract/data/actor_aliases.csv:{n}: case must be exact or lower")
        if row["alias"]:
            aliases.append(Alias(row["actor_id"], row["alias"], row["kind"], row["case"]))
    companies = _company_periods(actors)
    named = {form.lower(): name for name, forms in _company_forms().items() for form in forms}
    # a company's own names and former names (companies.csv) win over an alias of
    # actor_aliases.csv that files a former name under today's company
    aliases = [a for a in aliases if a.text.lower() not in named or named[a.text.lower()] ==
               a.actor_id]
    known = {(a.actor_id, a.text) for a in aliases}
    for name, forms in _company_forms().items():
        for form in forms:
            if (name, form) not in known:
                aliases.append(Alias(name, form, "name", "exact"))
    aliases.extend(_state_bodies(actors, {a.text.lower() for a in aliases}))
    aliases.extend(_places(actors, {a.text.lower() for a in aliases}))
    aliases.extend(_pycountry_aliases(actors, {a.text.lower() for a in aliases}))
    return ActorLexicon(actors, aliases, companies)


def _year(value: str, where: str) -> int | None:
    if not value:
        return None
    if not (value.isdigit() and len(value) == 4):
        raise LexiconError(f"{where}: '{value}' is not a year (YYYY)")
    return int(value)


@lru_cache(maxsize=1)
def _company_forms() -> dict[str, tuple[str, ...]]:
    forms: dict[str, tuple[str, ...]] = {}
    for _n, row in _rows("companies.csv", ("name", "aliases", "country", "start", "end",
                                           "successor", "wikidata")):
        names = [row["name"], *filter(None, (a.strip() for a in row["aliases"].split("|")))]
        forms[row["name"]] = tuple(dict.fromkeys(names))
    return forms


def _company_periods(actors: dict[str, ActorEntry]) -> dict[str, CompanyPeriod]:
    """Read ``companies.csv`` into ``actors`` (a company it lacks becomes an actor) and
    return each name's period of use."""
    periods: dict[str, CompanyPeriod] = {}
    rows = list(_rows("companies.csv", ("name", "aliases", "country", "start", "end",
                                        "successor", "wikidata")))
    for n, row in rows:
        where = f"extract/data/companies.csv:{n}"
        country = row["country"] or None
        if country is not None and (len(country) != 3 or not country.isupper()):
            raise LexiconError(f"{where}: country '{country}' is not an ISO 3166 alpha-3 code")
        start, end = _year(row["start"], where), _year(row["end"], where)
        if start is not None and end is not None and start > end:
            raise LexiconError(f"{where}: start {start} is after end {end}")
        old = actors.get(row["name"])
        actors[row["name"]] = ActorEntry(row["name"], row["name"], "company", country,
                                         row["wikidata"] or (old.wikidata if old else None))
        periods[row["name"]] = CompanyPeriod(row["name"], country, start, end,
                                             row["successor"] or None)
    for n, row in rows:
        if row["successor"] and row["successor"] not in periods:
            raise LexiconError(f"extract/data/companies.csv:{n}: unknown successor "
                               f"'{row['successor']}'")
    return periods


def _state_bodies(actors: dict[str, ActorEntry], known: set[str]) -> Iterator[Alias]:
    """Armed forces, ministries, agencies and legislatures of ``state_bodies.csv``: a body
    acting in office stands for its state."""
    for n, row in _rows("state_bodies.csv", ("alias", "state", "kind", "case")):
        where = f"extract/data/state_bodies.csv:{n}"
        if row["state"] not in actors:
            raise LexiconError(f"{where}: unknown state '{row['state']}'")
        if row["kind"] not in BODY_KINDS:
            raise LexiconError(f"{where}: unknown kind '{row['kind']}'")
        if row["case"] not in ("exact", "lower"):
            raise LexiconError(f"{where}: case must be exact or lower")
        if row["alias"] and row["alias"].lower() not in known:
            known.add(row["alias"].lower())
            yield Alias(row["state"], row["alias"], "body", row["case"])


def _places(actors: dict[str, ActorEntry], known: set[str]) -> Iterator[Alias]:
    """Cities, ports and bases of ``places.csv``: where weapons are sent stands for the
    forces there ("shipped to Benghazi", "ammunition sent direct to Irbil")."""
    for n, row in _rows("places.csv", ("place", "actor", "kind")):
        if row["actor"] not in actors:
            raise LexiconError(f"extract/data/places.csv:{n}: unknown actor '{row['actor']}'")
        if row["place"] and row["place"].lower() not in known:
            known.add(row["place"].lower())
            yield Alias(row["actor"], row["place"], "place", "exact")


@lru_cache(maxsize=1)
def load_leaders() -> LeaderTable:
    """Read ``leaders.csv``: people who act for their state in office, with their terms."""
    terms: list[LeaderTerm] = []
    by_name: dict[str, list[LeaderTerm]] = {}
    for n, row in _rows("leaders.csv", ("person", "aliases", "role", "state", "start", "end",
                                        "wikidata")):
        where = f"extract/data/leaders.csv:{n}"
        if row["role"] not in LEADER_ROLES:
            raise LexiconError(f"{where}: unknown role '{row['role']}'")
        try:
            start = date.fromisoformat(row["start"])
            end = date.fromisoformat(row["end"]) if row["end"] else None
        except ValueError:
            raise LexiconError(f"{where}: start and end must be ISO dates (YYYY-MM-DD)") \
                from None
        if end is not None and end < start:
            raise LexiconError(f"{where}: the term ends before it starts")
        term = LeaderTerm(row["person"], row["role"], row["state"], start, end,
                          row["wikidata"] or None)
        terms.append(term)
        for name in [row["person"], *filter(None, (a.strip() for a in row["aliases"].split("|")))]:
            by_name.setdefault(name, []).append(term)
    return LeaderTable(terms, by_name)


def _pycountry_aliases(actors: dict[str, ActorEntry], known: set[str]) -> Iterator[Alias]:
    import pycountry

    for country in pycountry.countries:
        iso3 = country.alpha_3
        if iso3 not in actors:
            continue
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            # skip forms the curated list leaves out on purpose: ambiguous ("Congo"),
            # annotated ("Falkland Islands (Malvinas)") or with an article
            if not value or value in PYCOUNTRY_SKIP or any(c in value for c in ",()") \
                    or value.lower().startswith("the "):
                continue
            if value.lower() not in known:
                known.add(value.lower())
                yield Alias(iso3, value, "name", "exact")


@lru_cache(maxsize=1)
def load_weapon_lexicon() -> WeaponLexicon:
    """Read ``weapon_terms.csv`` and ``weapon_systems.csv``."""
    terms: dict[str, WeaponTerm] = {}
    for n, row in _rows("weapon_terms.csv", ("term", "category", "plural")):
        if row["category"] not in CATEGORIES:
            raise LexiconError(
                f"extract/data/weapon_terms.csv:{n}: unknown category '{row['category']}'")
        term = WeaponTerm(row["term"], row["category"])
        forms = {row["term"].lower()}
        forms.add((row["plural"] or plural(row["term"])).lower())
        for form in forms:
            terms.setdefault(form, term)
    systems: dict[str, WeaponSystem] = {}
    for n, row in _rows("weapon_systems.csv", ("name", "category", "origin", "aliases")):
        if row["category"] not in CATEGORIES:
            raise LexiconError(
                f"extract/data/weapon_systems.csv:{n}: unknown category '{row['category']}'")
        system = WeaponSystem(row["name"], row["category"], row["origin"] or None)
        for form in [row["name"], *filter(None, (a.strip() for a in row["aliases"].split("|")))]:
            systems.setdefault(form, system)
    uses = set()
    for _n, row in _rows("weapon_uses.csv", ("term", "plural")):
        uses.update({row["term"].lower(), (row["plural"] or row["term"]).lower()})
    return WeaponLexicon(terms, systems, frozenset(uses))


@lru_cache(maxsize=1)
def load_frame_lexicon() -> FrameLexicon:
    """Read ``triggers.csv`` (trigger words and their frames) and ``status_cues.csv``."""
    lex = FrameLexicon()
    for n, row in _rows("triggers.csv", ("lemma", "pos", "frame", "past", "present", "future")):
        if row["frame"] not in FRAMES:
            raise LexiconError(f"extract/data/triggers.csv:{n}: unknown frame '{row['frame']}'")
        for col in ("past", "present", "future"):
            if row[col] not in STATUSES:
                raise LexiconError(f"extract/data/triggers.csv:{n}: unknown status '{row[col]}'")
        lex.triggers[(row["lemma"], row["pos"])] = Trigger(
            row["lemma"], row["pos"], row["frame"], row["past"], row["present"], row["future"])
    for n, row in _rows("status_cues.csv", ("cue", "status")):
        if row["status"] not in STATUSES:
            raise LexiconError(
                f"extract/data/status_cues.csv:{n}: unknown status '{row['status']}'")
        lex.cues[row["cue"]] = row["status"]
    return lex
