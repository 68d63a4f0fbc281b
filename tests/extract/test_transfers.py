"""Transfer frames, one phenomenon per test, each on sentences written for the test.

Every test checks supplier, recipient, category and status of the claims of one sentence.
"""

from __future__ import annotations

import pytest
from transfer_helpers import claims, summary

# --- supplier-subject verbs --------------------------------------------------------------

def test_sell_to_gives_supplier_subject_and_recipient_object_of_to(nlp):
    assert summary(nlp, "France sold 30 Rafale fighters to Greece last year.") == {
        ("FRA", "GRC", "aircraft", "agreed")}


def test_dative_recipient_before_the_item(nlp):
    assert summary(nlp, "Sweden has sent Ukraine 50 CV90 infantry fighting vehicles.") == {
        ("SWE", "UKR", "armoured-vehicles", "delivered")}


def test_supply_recipient_with_item(nlp):
    assert summary(nlp, "Belarus supplied Russia with artillery shells in 2023.") == {
        ("BLR", "RUS", "ammunition", "delivered")}


def test_to_attached_to_the_object_noun_still_names_the_recipient(nlp):
    assert summary(nlp, "Egypt shipped dozens of containers of rockets to Sudan.") == {
        ("EGY", "SDN", "ammunition", "delivered")}


# --- recipient-subject verbs -------------------------------------------------------------

def test_buy_from_gives_recipient_subject_and_supplier_from(nlp):
    assert summary(nlp, "Vietnam bought Su-30 fighter jets from Russia.") == {
        ("RUS", "VNM", "aircraft", "agreed")}


def test_receive_from_is_delivered(nlp):
    assert summary(nlp, "Armenia has received Akash air-defence systems from India.") == {
        ("IND", "ARM", "air-defence", "delivered")}


def test_headline_present_buys_is_reported(nlp):
    assert summary(nlp, "Algeria buys submarines from Russia") == {
        ("RUS", "DZA", "ships", "reported")}


def test_infinitive_after_turning_to_takes_the_supplier_from_to(nlp):
    assert summary(nlp, "Venezuela is turning to Iran to buy drones.") == {
        ("IRN", "VEN", "drones", "negotiating")}


# --- passives and participles -------------------------------------------------------------

def test_passive_supplier_by_agent(nlp):
    assert summary(nlp, "Ten Leopard 1 tanks were delivered to Ukraine by Denmark.") == {
        ("DNK", "UKR", "armoured-vehicles", "delivered")}


def test_participle_supplied_by_on_the_item(nlp):
    found = summary(nlp, "Nigeria's air force flew Super Tucano aircraft supplied by Brazil.")
    assert ("BRA", "NGA", "aircraft", "delivered") in found


def test_adjective_x_supplied_is_a_delivery_to_the_user(nlp):
    assert summary(nlp, "Ukraine struck the bridge with American-supplied HIMARS rockets.") \
        == {("USA", "UKR", "ammunition", "delivered")}


def test_x_made_alone_is_no_transfer(nlp):
    assert claims(nlp, "A Russian-made tank was destroyed near the town.") == []


def test_origin_demonym_fills_the_supplier_of_an_acquisition(nlp):
    assert summary(nlp, "Serbia has taken delivery of Chinese drones.") == {
        ("CHN", "SRB", "drones", "delivered")}


# --- nouns -------------------------------------------------------------------------------

def test_sale_of_x_to_y_approved_by_z(nlp):
    assert summary(nlp, "The State Department approved the sale of 40 F-16 jets to Jordan.") \
        == {("USA", "JOR", "aircraft", "agreed")}


def test_possessive_supplier_of_a_delivery(nlp):
    assert summary(nlp, "Turkey's delivery of armed drones to Ethiopia angered Egypt.") == {
        ("TUR", "ETH", "drones", "delivered")}


def test_signed_a_deal_with_supplier_for_items(nlp):
    assert summary(nlp, "Greece signed a contract with France for three frigates.") == {
        ("FRA", "GRC", "ships", "agreed")}


def test_deal_to_buy_inherits_the_signer_as_recipient(nlp):
    assert summary(nlp, "Morocco signed a deal to buy Apache helicopters from the "
                        "United States.") == {("USA", "MAR", "aircraft", "agreed")}


def test_package_includes_items(nlp):
    assert summary(nlp, "Germany's new aid package for Kyiv includes 20 Marder vehicles.") == {
        ("DEU", "UKR", "armoured-vehicles", "pledged")}


# --- coordination -------------------------------------------------------------------------

def test_coordinated_items_give_one_claim_each(nlp):
    found = claims(nlp, "Iran supplied the Houthis with drones and cruise missiles.")
    assert {(c.item.category, c.recipient.key) for c in found} == {
        ("drones", "Houthis"), ("missiles", "Houthis")}


def test_coordinated_suppliers_give_one_claim_each(nlp):
    assert summary(nlp, "Howitzers from Norway and Italy have arrived in Ukraine.") == {
        ("NOR", "UKR", "artillery", "delivered"), ("ITA", "UKR", "artillery", "delivered")}


# --- status -------------------------------------------------------------------------------

def test_future_supply_is_pledged(nlp):
    assert summary(nlp, "Spain will send four Leopard tanks to Ukraine.") == {
        ("ESP", "UKR", "armoured-vehicles", "pledged")}


def test_denied_supplying_is_denied(nlp):
    assert summary(nlp, "Belarus has denied supplying Russia with ammunition.") == {
        ("BLR", "RUS", "ammunition", "denied")}


def test_negated_verb_is_denied(nlp):
    assert summary(nlp, "Austria has not sent any weapons to Ukraine.") == {
        ("AUT", "UKR", "unspecified", "denied")}


def test_ruled_out_sending_is_denied(nlp):
    assert summary(nlp, "Hungary ruled out sending tanks to Ukraine.") == {
        ("HUN", "UKR", "armoured-vehicles", "denied")}


def test_agreed_to_buy_is_agreed(nlp):
    assert summary(nlp, "Indonesia agreed to buy 42 Rafale jets from France.") == {
        ("FRA", "IDN", "aircraft", "agreed")}


def test_expected_to_buy_is_negotiating(nlp):
    assert summary(nlp, "Iraq is expected to buy K9 howitzers from South Korea.") == {
        ("KOR", "IRQ", "artillery", "negotiating")}


def test_offer_is_negotiating(nlp):
    assert summary(nlp, "Russia offered Egypt Su-35 fighter jets.") == {
        ("RUS", "EGY", "aircraft", "negotiating")}


def test_pronoun_subject_resolves_to_the_speaker(nlp):
    assert summary(nlp, "Norway said it would donate eight tanks to Ukraine.") == {
        ("NOR", "UKR", "armoured-vehicles", "pledged")}


# --- negatives ----------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Russia fired Iranian-made drones at Odesa overnight.",
    "North Korea test-fired a new ballistic missile.",
    "The Navy seized a shipment of rifles bound for Yemen.",
    "Kyiv's defence industry produced thousands of drones last year.",
    "The EU imposed new sanctions on Iranian drone makers.",
    "Ukrainian pilots began training on F-16 jets.",
    "Workers from the country could be sent to the Donbas.",
])
def test_use_production_training_and_sanctions_are_not_transfers(nlp, text):
    assert claims(nlp, text) == []


# --- the record ---------------------------------------------------------------------------

def test_claim_carries_quantity_value_source_and_rule(nlp):
    (claim,) = claims(nlp, "Chile bought 12 F-16 jets from the Netherlands for $120mn, "
                           "according to the defence ministry.")
    assert claim.quantity == 12
    assert claim.value and "120" in claim.value
    assert claim.source == "the defence ministry"
    assert claim.rule.startswith("get:buy")
    assert 0 < claim.confidence <= 1


def test_span_points_at_the_sentence(nlp):
    text = "Markets fell. Peru bought two frigates from South Korea."
    (claim,) = claims(nlp, text)
    assert text[claim.span[0]:claim.span[1]] == claim.sentence == \
        "Peru bought two frigates from South Korea."
