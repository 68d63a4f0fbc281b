"""armsgraph: arms-transfer claims from news text, as a knowledge graph."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "build_graph", "extract_transfers"]


def __getattr__(name: str):
    # The public API loads spaCy and rdflib lazily, so ``armsgraph --help`` stays fast.
    if name in ("build_graph", "extract_transfers"):
        from armsgraph import api

        return getattr(api, name)
    raise AttributeError(name)
