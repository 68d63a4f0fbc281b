"""Extraction: raw documents -> transfer claims. Knows spaCy, not RDF."""

from .claims import CATEGORIES, STATUSES, Actor, Item, TransferClaim
from .sources import Document, iter_documents

__all__ = ["CATEGORIES", "STATUSES", "Actor", "Document", "Item", "TransferClaim",
           "iter_documents"]
