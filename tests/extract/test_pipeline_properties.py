"""Property tests: any text goes through the extractor without an exception, and every
claim it emits is well formed (its span slices the text to its sentence)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from armsgraph.extract.claims import CATEGORIES, STATUSES

WORDS = [
    "Russia", "North Korea", "Iran", "the US", "Ukraine", "Hezbollah", "Rheinmetall", "Kremlin",
    "Iranian", "US-made", "British-supplied", "sold", "sells", "buy", "bought", "delivered",
    "will send", "denied supplying", "signed a deal", "with", "to", "from", "by", "for", "of",
    "and", "or", "not", "its", "it", "they", "a", "the", "drones", "F-16", "S-400", "tanks",
    "artillery shells", "Patriot", "systems", "HMS", "Ocean", "millions", "24", "$1.2bn",
    "according to", "said", ",", ".", "-", "\n\n", "'s", "(", ")", "\u201c", "anti", "counter",
    "equipment", "fighters", "arms", "strikes", "was", "were", "handed", "over", "its first",
    # the shapes of this session's rules: datelines, titles, epithets, lists, drawdowns ...
    "WASHINGTON", "March 3", "(Reuters)", ":", "—", "the President", "the administration",
    "the kingdom", "the Gulf state", "the following", "defense articles", "•", "includes",
    "a batch comprising", "a total of", "drawdown", "letter of intent", "on order", "has",
    "armed with", "ended up in the hands of", "made", "available", "pressure on", "selected",
    "Defense", "of Florida Inc", "E-2D", "Aircraft", "round of assistance", "during a visit to",
    "via", "among the countries that", "in addition to", "fresh ammunition", "gave up",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=40))
def test_word_salad_never_breaks_the_extractor(nlp, words):
    text = " ".join(words)
    doc = nlp(text)
    for claim in doc._.transfers:
        assert text[claim.span[0]:claim.span[1]] == claim.sentence
        assert claim.status in STATUSES
        assert claim.item.category in CATEGORIES
        assert claim.supplier is not None or claim.recipient is not None
        if claim.supplier and claim.recipient:
            assert claim.supplier.key != claim.recipient.key


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_arbitrary_unicode_never_breaks_the_extractor(nlp, text):
    doc = nlp(text)
    assert isinstance(doc._.transfers, list)
