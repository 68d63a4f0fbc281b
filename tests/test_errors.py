"""The error hierarchy: every error a user can cause is an ArmsgraphError with a one-line
message, and the modules that raise them share the classes of armsgraph.errors."""

from __future__ import annotations

import networkx as nx
import pytest

from armsgraph import errors
from armsgraph.errors import ArmsgraphError, InputError, LexiconError, StoreError, UnknownActorError


@pytest.mark.parametrize("error, message", [
    (InputError("in/a.jsonl:3", "not JSON"), "in/a.jsonl:3: not JSON"),
    (StoreError("out/store: no store here"), "out/store: no store here"),
    (LexiconError("extract/data/actors.csv:7: unknown type 'x'"),
     "extract/data/actors.csv:7: unknown type 'x'"),
    (UnknownActorError("no actor 'Rusia' in the network (did you mean Russia?)"),
     "no actor 'Rusia' in the network (did you mean Russia?)"),
])
def test_each_error_is_an_armsgraph_error_with_a_one_line_message(error, message):
    assert isinstance(error, ArmsgraphError)
    assert str(error) == message and "\n" not in str(error)


def test_every_error_class_derives_from_armsgraph_error():
    classes = [c for c in vars(errors).values() if isinstance(c, type) and
               issubclass(c, Exception)]
    assert len(classes) >= 8 and all(issubclass(c, ArmsgraphError) for c in classes)


def test_the_raising_modules_share_the_classes():
    from armsgraph.extract import lexicon
    from armsgraph.graph import store

    assert lexicon.LexiconError is LexiconError and store.StoreError is StoreError


def test_an_unknown_actor_names_the_closest_labels_and_stays_a_key_error():
    from armsgraph.graph.network import find_actor

    g = nx.DiGraph()
    g.add_node("RUS", label="Russia")
    with pytest.raises(KeyError) as caught:
        find_actor(g, "Rusia")
    assert isinstance(caught.value, UnknownActorError)
    assert str(caught.value) == "no actor 'Rusia' in the network (did you mean Russia?)"
