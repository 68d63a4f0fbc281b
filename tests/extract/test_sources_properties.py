"""Properties of iter_documents on arbitrary input: Documents or InputError, nothing else."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from armsgraph.errors import InputError
from armsgraph.extract.sources import Document, iter_documents

SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


def outcomes(path) -> tuple[list[Document], list[InputError]]:
    """Run iter_documents both ways: with on_error, and without (raising the first error)."""
    errors: list[InputError] = []
    docs = list(iter_documents([path], on_error=errors.append))
    try:
        raised_docs = list(iter_documents([path]))
    except InputError as exc:
        assert str(exc) == str(errors[0]), "without on_error the first reported error is raised"
    else:
        assert errors == [], "errors were reported but nothing was raised without on_error"
        assert raised_docs == docs
    return docs, errors


def check_messages(errors: list[InputError], path) -> None:
    for error in errors:
        message = str(error)
        assert str(path) in message
        assert len(message.splitlines()) == 1, f"not one line: {message!r}"


@SETTINGS
@given(raw=st.one_of(
    st.binary(max_size=400),
    st.text(max_size=200).map(lambda t: t.encode("utf-8")),
    st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=200).map(str.encode),
    st.text(alphabet=" \t\n\r\u00a0\u3000\ufeff\x00\x01", max_size=20).map(str.encode),
    st.text(max_size=50).map(lambda t: ("\ufeff" + t).encode("utf-8")),
))
def test_any_bytes_in_a_txt_file_give_documents_or_input_errors(tmp_path, raw):
    path = tmp_path / "input.txt"
    path.write_bytes(raw)

    docs, errors = outcomes(path)

    assert all(isinstance(d, Document) for d in docs)
    assert len(docs) + len(errors) == 1
    for d in docs:
        assert d.id == "input"
        assert d.text.strip(), "a document must have some text"
    check_messages(errors, path)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=3)
    | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8,
)
units = st.fixed_dictionaries(
    {},
    optional={"id": st.one_of(st.text(max_size=10), st.integers(), st.sampled_from(["dup"]),
                              json_values),
              "text": st.one_of(st.text(max_size=40), json_values),
              "title": json_values, "url": json_values, "published": json_values},
).map(json.dumps)
jsonl_lines = st.lists(st.one_of(st.text(max_size=60), units), max_size=8)


@SETTINGS
@given(lines=jsonl_lines)
def test_any_lines_in_a_jsonl_file_give_documents_or_input_errors(tmp_path, lines):
    path = tmp_path / "input.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8", newline="")

    docs, errors = outcomes(path)

    assert all(isinstance(d, Document) for d in docs)
    assert len({d.id for d in docs}) == len(docs), "document ids must be unique"
    for d in docs:
        assert isinstance(d.text, str) and d.text.strip()
    check_messages(errors, path)
