"""The examples in the docstrings run and give what they show."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["armsgraph.graph.network", "armsgraph.extract.claims", "armsgraph.extract.lexicon"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_pass(name):
    module = importlib.import_module(name)

    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS, verbose=False)

    assert result.attempted > 0, f"{name} has no doctest to run"
    assert result.failed == 0, f"{result.failed} of {result.attempted} doctests failed in {name}"
