"""Reading the transfer claims of one sentence, shared by the extraction test modules."""

from __future__ import annotations

from armsgraph.extract.claims import TransferClaim


def claims(nlp, text: str) -> list[TransferClaim]:
    """The claims the pipeline finds in ``text``."""
    return list(nlp(text)._.transfers)


def summary(nlp, text: str) -> set[tuple[str | None, str | None, str, str]]:
    """``(supplier, recipient, category, status)`` of each claim in ``text``."""
    return {(c.supplier.key if c.supplier else None, c.recipient.key if c.recipient else None,
             c.item.category, c.status) for c in claims(nlp, text)}
