"""The rule data: actors, weapons, triggers and status cues, read from ``extract/data/*.csv``.

Lexicons are versioned CSV files (a header, one row per entry) shipped as package
data, so a user can read, extend or replace them without touching code.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from .claims import CATEGORIES, STATUSES

ACTOR_TYPES = frozenset({"state", "organization", "company", "armed-group"})
ALIAS_KINDS = frozenset({"name", "abbreviation", "demonym", "capital", "seat"})
FRAMES = frozenset({"give", "get", "arm", "ask", "arrive", "deal", "make", "help"})
PYCOUNTRY_SKIP = frozenset({"Congo"})


class LexiconError(ValueError):
    """A lexicon file is malformed: the message names the file, the row and the problem."""


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


@dataclass
class ActorLexicon:
    actors: dict[str, ActorEntry]
    aliases: list[Alias]

    def get(self, actor_id: str) -> ActorEntry:
        return self.actors[actor_id]


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
    aliases.extend(_pycountry_aliases(actors, {a.text.lower() for a in aliases}))
    return ActorLexicon(actors, aliases)


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
