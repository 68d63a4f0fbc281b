"""Truecasing of shouted wire headlines: names keep their case, offsets never move."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from transfer_helpers import claims, summary

from armsgraph.extract.truecase import Truecaser, is_shouted, is_title_cased, original_text


def test_a_shouted_line_is_recognised_and_a_sentence_is_not():
    assert is_shouted("SWEDEN WEIGHS FIGHTER SALE TO BRAZIL")
    assert not is_shouted("RUSSIA is turning to North Korea to buy shells.")
    assert not is_shouted("F-16")  # too few letters to judge


def test_known_names_keep_their_case_and_other_words_are_lowered():
    tc = Truecaser(["Sweden", "Brazil", "General Electric", "NATO"])
    assert tc("GENERAL ELECTRIC SELLS ENGINES TO SWEDEN AND BRAZIL, NATO SAYS") == (
        "General Electric sells engines to Sweden and Brazil, NATO says")


def test_codes_with_digits_and_dotted_initials_keep_their_capitals():
    tc = Truecaser([])
    assert tc("U.S. APPROVES F-16 SALE") == "U.S. approves F-16 sale"


def test_only_shouted_lines_change():
    tc = Truecaser(["Chile"])
    text = "CHILE ORDERS SECOND BATCH OF PATROL DRONES\n\nChile has ordered THREE more drones."
    assert tc(text) == ("Chile orders second batch of patrol drones\n\n"
                        "Chile has ordered THREE more drones.")


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_truecasing_never_changes_the_length(text):
    assert len(Truecaser(["Iran", "U.S."])(text)) == len(text)


def test_a_title_cased_headline_is_recognised_and_a_sentence_is_not():
    assert is_title_cased("Chile Orders Second Batch of Patrol Drones From Israel")
    assert not is_title_cased("Chile orders a second batch of patrol drones from Israel.")
    assert not is_title_cased("Chile orders drones from Israel")  # a sentence's case
    tc = Truecaser(["Chile", "Israel"])
    assert tc("DOD Says Chile Orders Patrol Drones From Israel") == (
        "DOD says Chile orders patrol drones from Israel")


def test_a_title_cased_headline_reads_as_a_sentence(nlp):
    assert summary(nlp, "Norway Accepting Delivery of Twelve Leopard Tanks From Germany") == {
        ("DEU", "NOR", "armoured-vehicles", "delivered")}


def test_headline_claims_quote_the_original_capitals(nlp):
    text = "CHILE ORDERS TWO FRIGATES FROM BRITAIN"
    found = claims(nlp, text)
    assert [(c.supplier.key, c.recipient.key, c.item.category) for c in found] == [
        ("GBR", "CHL", "ships")]
    assert found[0].sentence == text
    assert found[0].item.text == "FRIGATES"
    assert original_text(nlp(text)) == text


def test_a_shouted_headline_with_a_phase_less_verb_is_reported(nlp):
    assert summary(nlp, "GENERAL ELECTRIC SELLS ENGINES TO BAHRAIN") == {
        ("General Electric", "BHR", "engines", "reported")}
