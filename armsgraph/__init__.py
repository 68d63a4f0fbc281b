"""armsgraph: arms-transfer claims from news text, as a knowledge graph."""

from __future__ import annotations

from pathlib import Path as _Path

__version__ = "0.1.0"

# In the source tree the subpackages armsgraph.extract, .graph and .ontology live beside
# this folder (the design card's top level), mapped by pyproject's package-dir when
# installed. When the checkout itself is on sys.path (``python -c`` in the repo root),
# let the import system find them there too, so both ways load the same modules.
_root = _Path(__file__).resolve().parent.parent
_in_checkout = (_root / "extract" / "pipeline.py").is_file()
if _in_checkout and not (_Path(__file__).parent / "extract").is_dir():
    __path__.append(str(_root))  # noqa: F821  (the package's own __path__)

__all__ = ["__version__", "build_graph", "extract_transfers"]


def __getattr__(name: str):
    # The public API loads spaCy and rdflib lazily, so ``armsgraph --help`` stays fast.
    if name in ("build_graph", "extract_transfers"):
        from armsgraph import api

        return getattr(api, name)
    raise AttributeError(name)
