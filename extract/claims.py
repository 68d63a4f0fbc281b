"""The claim: the one currency between extraction and the graph.

A :class:`TransferClaim` is a plain dataclass; its JSON form is the record of
docs/claims.md (one object per line). Nothing here knows spaCy or RDF.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

CATEGORIES: tuple[str, ...] = (
    "aircraft", "drones", "missiles", "air-defence", "artillery", "ammunition",
    "armoured-vehicles", "ships", "small-arms", "sensors", "engines", "other", "unspecified",
)
STATUSES: tuple[str, ...] = (
    "delivered", "agreed", "pledged", "negotiating", "reported", "denied",
)


@dataclass(frozen=True)
class Actor:
    """A supplier or recipient: a state (with ``iso3``) or a named non-state actor."""

    name: str
    iso3: str | None
    mention: str
    type: str = "state"  # state | organization | company | armed-group
    country: str | None = None  # home state of a company or armed group
    wikidata: str | None = None

    @property
    def key(self) -> str:
        """The identity used to compare actors: ISO3 for a state, else the name."""
        return self.iso3 or self.name

    def to_record(self) -> dict[str, Any]:
        """The actor of the JSON record: name, ISO3 and mention, with its type, home
        state and Wikidata id, so that :meth:`from_record` gives the same actor back."""
        return {"name": self.name, "iso3": self.iso3, "mention": self.mention,
                "type": self.type, "country": self.country, "wikidata": self.wikidata}

    @classmethod
    def from_record(cls, d: dict[str, Any]) -> Actor:
        return cls(name=d["name"], iso3=d.get("iso3"), mention=d.get("mention") or d["name"],
                   type=d.get("type") or ("state" if d.get("iso3") else "organization"),
                   country=d.get("country"), wikidata=d.get("wikidata"))


@dataclass(frozen=True)
class Item:
    """What is transferred: the phrase as written and its category."""

    text: str | None
    category: str
    designation: str | None = None

    def to_record(self) -> dict[str, Any]:
        return {"text": self.text, "category": self.category, "designation": self.designation}


@dataclass
class TransferClaim:
    """One (sentence, supplier, recipient, item) transfer claim with its evidence."""

    doc_id: str
    sentence: str
    span: tuple[int, int]
    supplier: Actor | None
    recipient: Actor | None
    item: Item
    status: str
    quantity: str | int | None = None
    value: str | None = None
    source: str | None = None
    inferred: bool = False
    rule: str = ""
    confidence: float = 0.0
    stated_date: str | None = None  # the year or date the sentence states, ISO

    def to_record(self) -> dict[str, Any]:
        """The JSON record of docs/claims.md, plus ``rule`` and ``confidence``."""
        return {
            "doc_id": self.doc_id,
            "sentence": self.sentence,
            "span": list(self.span),
            "supplier": self.supplier.to_record() if self.supplier else None,
            "recipient": self.recipient.to_record() if self.recipient else None,
            "item": self.item.to_record(),
            "quantity": self.quantity,
            "value": self.value,
            "status": self.status,
            "source": self.source,
            "inferred": self.inferred,
            "rule": self.rule,
            "confidence": round(self.confidence, 3),
            "stated_date": self.stated_date,
        }

    @classmethod
    def from_record(cls, rec: dict[str, Any]) -> TransferClaim:
        """Rebuild a claim from its JSON record (the inverse of :meth:`to_record`)."""

        def actor(d: dict[str, Any] | None) -> Actor | None:
            return Actor.from_record(d) if d else None

        item = rec["item"]
        return cls(
            doc_id=rec["doc_id"], sentence=rec["sentence"], span=tuple(rec["span"]),
            supplier=actor(rec.get("supplier")), recipient=actor(rec.get("recipient")),
            item=Item(item.get("text"), item["category"], item.get("designation")),
            status=rec["status"], quantity=rec.get("quantity"), value=rec.get("value"),
            source=rec.get("source"), inferred=bool(rec.get("inferred", False)),
            rule=rec.get("rule", ""), confidence=float(rec.get("confidence", 0.0)),
            stated_date=rec.get("stated_date"),
        )


_NUMBER = re.compile(r"^\d{1,3}(,\d{3})+$|^\d+$")
_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "a dozen": 12, "dozen": 12,
}


def normalise_quantity(text: str | None) -> str | int | None:
    """A quantity as docs/claims.md wants it: a number when it is one, else the text.

    >>> normalise_quantity("1,800"), normalise_quantity("four"), normalise_quantity("millions")
    (1800, 4, 'millions')
    """
    if text is None:
        return None
    t = text.strip()
    if not t:
        return None
    if _NUMBER.match(t):
        return int(t.replace(",", ""))
    return _WORD_NUMBERS.get(t.lower(), t)
